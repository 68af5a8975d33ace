"""The HTML report in a real browser: Debian's headless Chromium driven by Selenium.

The page must render (summary, both languages, findings), a rule filter must hide the other
rules' findings, and a screenshot is kept for review (under pytest's tmp dir, and at
``../report-screenshot.png`` beside the repository when that directory is writable). Skips
cleanly when Chromium, its driver or Selenium is not installed.
"""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
from pathlib import Path

import pytest

from ..chromium import downloaded, driver, needs_chromium
from .support import REPO_ROOT_PARENT, check_fixture, run_cli

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def browser():
    with driver() as chrome:
        yield chrome


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
    summary = browser.find_element("id", "dz-summary").text
    assert "3\nerrors" in summary and "3\nwarnings" in summary  # the proposed term-missing is a warning
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
    assert browser.find_element("id", "dz-shown-count").text == "1"

    # a severity filter on top: unticking "error" hides the remaining (error) finding
    browser.find_element("css selector", "input[data-severity='error']").click()
    assert visible(browser, "li.finding") == []

    # "show all" brings everything back; "only pairs with findings" hides clean pairs
    browser.find_element("id", "dz-show-all").click()
    assert len(visible(browser, "li.finding")) == 6
    pairs_before = len(visible(browser, "tr.pair"))
    browser.find_element("id", "dz-only-findings").click()
    assert len(visible(browser, "tr.pair")) < pairs_before
    browser.find_element("id", "dz-only-findings").click()

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


def _top_below_bar(browser, element) -> bool:
    """The element's top edge is on screen and not under the sticky filter bar."""
    return browser.execute_script(
        "var r=arguments[0].getBoundingClientRect(),b=document.querySelector('.filters').getBoundingClientRect();"
        "return r.top>=b.bottom-1&&r.top<window.innerHeight;", element)


def test_html_report_as_a_review_page(in_fixtures, browser, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    page.write_text(check_fixture("html").stdout, encoding="utf-8")
    browser.set_window_size(1280, 700)  # short: the findings start below the first screen
    browser.get(page.as_uri())

    # opens at the first finding, not hidden behind the sticky bar
    first = browser.find_element("css selector", "tr.pair.has-findings")
    assert first.get_attribute("id") == "corpus/report.yaml#s2" and _top_below_bar(browser, first)

    # anchors by segment id (file#id: the fixture run has two files): the address lands on the pair, in view
    browser.get(page.as_uri() + "#corpus/report.yaml#s6")
    target = browser.find_element("id", "corpus/report.yaml#s6")
    assert _top_below_bar(browser, target)

    # search over source, target and messages
    search = browser.find_element("id", "dz-search")
    search.send_keys("citizens")
    assert [tr.get_attribute("id") for tr in visible(browser, "tr.pair")] == [
        "corpus/report.yaml#s5", "corpus/report.yaml#s6"]
    search.clear()
    search.send_keys("云中声谷")  # Chinese, in a finding's message and both texts
    assert [tr.get_attribute("id") for tr in visible(browser, "tr.pair")] == ["corpus/report.yaml#s3"]
    browser.find_element("id", "dz-show-all").click()
    assert len(visible(browser, "li.finding")) == 6

    # keyboard: n goes to the next finding, p back
    body = browser.find_element("css selector", "body")
    body.send_keys("n")
    body.send_keys("n")
    current = browser.find_element("css selector", "li.finding.current")
    assert current.is_displayed() and current.get_attribute("data-segment") == "s3"
    body.send_keys("p")
    assert browser.find_element("css selector", "li.finding.current").get_attribute("data-segment") == "s2"

    # mark two findings as false positives and download them as a baseline
    for rule in ("term-forbidden", "leftover-cjk"):
        button = browser.find_element("css selector", f"li.finding[data-rule='{rule}'] button.fp")
        browser.execute_script("arguments[0].scrollIntoView({block:'center'})", button)
        button.click()
    assert browser.find_element("id", "dz-marked").text == "2"
    browser.save_screenshot(str(tmp_path / "review-marked.png"))
    browser.find_element("id", "dz-baseline").click()
    baseline = downloaded(browser, "duizhao-baseline.json")
    assert {e["rule"] for e in json.loads(baseline.read_text(encoding="utf-8"))["entries"]} == {
        "term-forbidden", "leftover-cjk"}

    # the CSV of the findings: one row each, the marked ones say so
    browser.find_element("id", "dz-csv").click()
    with downloaded(browser, "duizhao-findings.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 and sorted(r["rule"] for r in rows if r["false positive"] == "yes") == [
        "leftover-cjk", "term-forbidden"]

    # check --baseline with the downloaded file: those two are gone, the rest stay
    result = run_cli("check", "corpus", "--glossary", "glossary", "--format", "json", "--jobs", "1",
                     "--baseline", str(baseline))
    left = {(f["rule"], f["segment"]) for f in json.loads(result.stdout)["findings"]}
    assert ("term-forbidden", "s2") not in left and ("leftover-cjk", "s3") not in left
    assert ("term-missing", "s3") in left and len(left) >= 2
    assert json.loads(result.stdout)["summary"]["baseline"]["known"] == 2
