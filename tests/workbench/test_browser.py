"""The workbench end to end in headless Chromium (Selenium), served by uvicorn in a thread.

Paste the bundled document's Chinese and a damaged English draft (a figure off by 10×, a
forbidden rendering), see both findings, open the glossary entry, fix both in place, see the
findings go, export TSV and TMX and read them back with the library; then upload an XLIFF,
mark a false positive, download the decisions as a baseline and run ``check --baseline``.
Skips cleanly without Chromium, its driver or Selenium.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.formats import iter_segments
from duizhao.glossary import load_glossary
from duizhao.workbench.app import create_app
from duizhao.workbench.session import Workspace

from ..chromium import downloaded, driver, needs_chromium

REPO = Path(__file__).resolve().parents[2]
pytestmark = needs_chromium

XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="draft.docx" source-language="zh-CN" target-language="en" datatype="plaintext">
    <body>
      <trans-unit id="u1"><source>新增就业1.4万人。</source><target>There were 14,000 new jobs.</target></trans-unit>
      <trans-unit id="u2"><source>加快发展新质生产力。</source>
        <target>We will speed up new quality productivity.</target></trans-unit>
    </body>
  </file>
</xliff>
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    root = tmp_path_factory.mktemp("work")
    (root / "draft.xlf").write_text(XLIFF, encoding="utf-8")
    workspace = Workspace([root], load_glossary(REPO / "glossary"))
    port = _free_port()
    config = uvicorn.Config(create_app(workspace), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started, "the workbench did not start"
    yield f"http://127.0.0.1:{port}/", root
    instance.should_exit = True
    thread.join(timeout=10)
    workspace.close()


@pytest.fixture(scope="module")
def browser():
    with driver("1400,1000") as chrome:
        yield chrome


def _wait(condition, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for the page")


def _rules(browser) -> list[tuple[str, str]]:
    return [(li.find_element("xpath", "ancestor::tr").find_element("css selector", "td.sid").text,
             li.get_attribute("data-rule")) for li in browser.find_elements("css selector", "li.finding")]


def test_paste_fix_and_export(server, browser, tmp_path: Path) -> None:
    url, _ = server
    corpus = yaml.safe_load((REPO / "corpus" / "datong-2024-new-year.yaml").read_text(encoding="utf-8"))
    zh = "\n".join(s["zh"] for s in corpus["segments"])
    en = "\n".join(s["en"] for s in corpus["segments"])
    damaged = en.replace("2.7 billion kWh", "27 billion kWh").replace(
        "new quality productive forces took shape", "new quality productivity took shape")
    assert damaged != en
    browser.get(url)
    # set as a paste would (typing 8,000 characters key by key only costs time)
    browser.execute_script("arguments[0].value=arguments[1]", browser.find_element("id", "paste-zh"), zh)
    browser.execute_script("arguments[0].value=arguments[1]", browser.find_element("id", "paste-en"), damaged)
    browser.find_element("id", "check-paste").click()
    # the first alignment of a session may build the dictionary's data cache: allow for a cold machine
    _wait(lambda: browser.find_elements("css selector", "li.finding[data-rule='number-mismatch']"), timeout=120)
    found = {rule for _, rule in _rules(browser)}
    assert {"number-mismatch", "term-forbidden"} <= found

    # the glossary entry behind the forbidden rendering
    browser.find_element("css selector", "span.forbidden[data-term]").click()
    entry = _wait(lambda: browser.find_element("id", "entry").text)
    assert "新质生产力" in entry and "new quality productive forces" in entry and "forbidden" in entry
    browser.save_screenshot(str(tmp_path / "workbench-findings.png"))

    # fix the forbidden rendering with its suggested fix, the figure by editing the English
    browser.find_element("css selector", "li.finding[data-rule='term-forbidden'] button.fix").click()
    _wait(lambda: not browser.find_elements("css selector", "li.finding[data-rule='term-forbidden']"))
    row = browser.find_element("xpath", "//li[@data-rule='number-mismatch']/ancestor::tr")
    row.find_element("css selector", "td.en div.text").click()
    area = row.find_element("css selector", "td.en textarea")
    fixed = area.get_attribute("value").replace("27 billion kWh", "2.7 billion kWh")
    area.clear()
    area.send_keys(fixed)
    row.find_element("css selector", "button.save-pair").click()
    _wait(lambda: not browser.find_elements("css selector", "li.finding[data-rule='number-mismatch']"))
    assert browser.find_element("id", "n-error").text == "0"

    # export the corrected draft as TSV and TMX and read both back
    for format_name, suffix in (("tsv", ".tsv"), ("tmx", ".tmx")):
        select = browser.find_element("id", "export-format")
        browser.execute_script("arguments[0].value=arguments[1]", select, format_name)
        browser.find_element("id", "export").click()
        exported = downloaded(browser, "pasted draft" + suffix)
        english = " ".join(s.en for s in iter_segments([exported]))
        assert "2.7 billion kWh" in english and "new quality productive forces took shape" in english
        assert "27 billion kWh" not in english


def test_open_xliff_mark_a_false_positive_and_check_with_the_baseline(server, browser) -> None:
    url, root = server
    browser.get(url)
    select = _wait(lambda: browser.find_elements("css selector", "#files option[value='draft.xlf']"))
    select[0].click()
    _wait(lambda: browser.find_elements("css selector", "li.finding[data-rule='term-forbidden']"))
    browser.find_element("css selector", "li.finding[data-rule='term-forbidden'] button.fp").click()
    alert = _wait(lambda: browser.switch_to.alert)
    alert.send_keys("the client's house style")
    alert.accept()
    _wait(lambda: browser.find_element("id", "n-fp").text == "1")
    browser.find_element("id", "baseline").click()
    baseline = downloaded(browser, "duizhao-baseline.json")
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert [e["rule"] for e in entries] == ["term-forbidden"]
    runner = CliRunner()  # the file named as the workbench was given it (here: an absolute path)
    draft = str(root / "draft.xlf")
    plain = runner.invoke(app, ["check", draft, "-g", str(REPO / "glossary"), "-f", "json"])
    assert "term-forbidden" in plain.stdout
    quiet = runner.invoke(app, ["check", draft, "-g", str(REPO / "glossary"), "-f", "json",
                                "--baseline", str(baseline)])
    assert "term-forbidden" not in {f["rule"] for f in json.loads(quiet.stdout)["findings"]}
