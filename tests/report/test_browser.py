"""The HTML report in a real browser: Debian's headless Chromium driven by Selenium.

The page must render (summary, both languages, findings), a rule filter must hide the other
rules' findings, and a screenshot is kept for review (under pytest's tmp dir, and at
``../report-screenshot.png`` beside the repository when that directory is writable). Skips
cleanly when Chromium, its driver or Selenium is not installed.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import pytest

from .support import REPO_ROOT_PARENT, check_fixture

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1000")

pytestmark = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="chromium and chromium-driver not installed")


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def visible(driver, selector: str) -> list:
    return [e for e in driver.find_elements("css selector", selector) if e.is_displayed()]


def test_html_report_renders_and_filters_in_chromium(in_fixtures, browser, tmp_path: Path) -> None:
    result = check_fixture("html")
    assert result.exit_code == 1
    page = tmp_path / "report.html"
    page.write_text(result.stdout, encoding="utf-8")
    browser.get(page.as_uri())

    # renders: title, summary cards, both sides of a pair, every finding
    assert "duizhao report" in browser.title
    summary = browser.find_element("id", "summary").text
    assert "4\nerrors" in summary and "2\nwarnings" in summary
    assert any("推动" in e.text for e in visible(browser, "td[lang=zh]"))
    assert any("high-quality development" in e.text for e in visible(browser, "td[lang=en]"))
    findings = visible(browser, "li.finding")
    rules = {f.get_attribute("data-rule") for f in findings}
    assert len(findings) == 6 and "term-forbidden" in rules and len(rules) == 6
    # the corpus's `<b>` is text, not markup
    assert any('<b>&amp; "more"</b>' in e.text for e in visible(browser, "td[lang=en]"))
    assert browser.find_elements("css selector", "td[lang=en] b") == []

    browser.save_screenshot(str(tmp_path / "report-full.png"))

    # a filter click: only term-forbidden stays visible
    browser.find_element("css selector", "button.only[data-only='term-forbidden']").click()
    shown = visible(browser, "li.finding")
    assert [f.get_attribute("data-rule") for f in shown] == ["term-forbidden"]
    hidden = [f for f in browser.find_elements("css selector", "li.finding") if not f.is_displayed()]
    assert {f.get_attribute("data-rule") for f in hidden} == rules - {"term-forbidden"}
    assert browser.find_element("id", "shown-count").text == "1"

    # a severity filter on top: unticking "error" hides the remaining (error) finding
    browser.find_element("css selector", "input[data-severity='error']").click()
    assert visible(browser, "li.finding") == []

    # "show all" brings everything back; "only pairs with findings" hides clean pairs
    browser.find_element("id", "show-all").click()
    assert len(visible(browser, "li.finding")) == 6
    pairs_before = len(visible(browser, "tr.pair"))
    browser.find_element("id", "only-findings").click()
    assert len(visible(browser, "tr.pair")) < pairs_before
    browser.find_element("id", "only-findings").click()

    browser.set_window_size(1280, 1750)  # tall enough to show the findings of the fixture
    browser.execute_script("window.scrollTo(0, 0)")
    shot = tmp_path / "report-screenshot.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    _keep_for_review(shot)


def _keep_for_review(shot: Path) -> None:
    """Copy the screenshot beside the repository for the reviewer (best effort)."""
    target = REPO_ROOT_PARENT / "report-screenshot.png"
    with contextlib.suppress(OSError):
        shutil.copyfile(shot, target)
