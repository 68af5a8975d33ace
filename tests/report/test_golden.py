"""Every report format on the fixture corpus: golden files, plus each format's own validator.

Regenerate the golden files after an intended change with
``DUIZHAO_UPDATE_GOLDEN=1 pytest tests/report/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from .support import FIXTURE_RULES, FORMATS, GOLDEN, REPORT_SCHEMA, SARIF_SCHEMA, check_fixture, normalise

UPDATE = os.environ.get("DUIZHAO_UPDATE_GOLDEN") == "1"

# The findings the fixture corpus is built to produce: (rule, segment, severity).
EXPECTED = {
    ("term-forbidden", "s2", "error"),
    ("leftover-cjk", "s3", "error"),
    ("term-missing", "s3", "error"),
    ("suppression-unjustified", "s4", "warning"),
    ("segment-inconsistent", "s6", "error"),
    ("suppression-unknown-rule", "s6", "warning"),
}


@pytest.mark.parametrize(("format_name", "golden"), FORMATS)
def test_format_matches_golden_file(in_fixtures, format_name: str, golden: str) -> None:
    result = check_fixture(format_name)
    assert result.exit_code == 1, result.output
    actual = normalise(result.stdout)
    path = GOLDEN / golden
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {path.name} was missing and has been written; review it and rerun")
    assert actual == path.read_text(encoding="utf-8"), f"{golden} differs (DUIZHAO_UPDATE_GOLDEN=1 to rewrite)"


def test_json_report_has_the_known_findings_and_follows_its_schema(in_fixtures) -> None:
    report = json.loads(check_fixture("json").stdout)
    jsonschema.validate(report, json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))
    assert {(f["rule"], f["segment"], f["severity"]) for f in report["findings"]} == EXPECTED
    assert report["summary"]["errors"] == 4 and report["summary"]["warnings"] == 2
    assert report["summary"]["suppressed"] == 1  # empty-target on s4


def test_json_schema_rejects_a_report_missing_a_required_field(in_fixtures) -> None:
    report = json.loads(check_fixture("json").stdout)
    del report["findings"][0]["segment"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, json.loads(REPORT_SCHEMA.read_text(encoding="utf-8")))


def test_sarif_is_valid_sarif_2_1_0_with_rule_metadata(in_fixtures) -> None:
    log = json.loads(check_fixture("sarif").stdout)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == FIXTURE_RULES.split(",")
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = log["runs"][0]["results"]
    found = set()
    for res in results:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]
        physical = res["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "corpus/report.yaml"
        assert physical["region"]["startLine"] >= 1
        segment = res["locations"][0]["logicalLocations"][0]["name"]
        found.add((res["ruleId"], segment, res["level"]))
    assert found == EXPECTED


def test_sarif_schema_copy_rejects_an_invalid_log() -> None:
    """The kept schema really validates: a result without a message is refused."""
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "r"}]}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate(bad)


def test_junit_parses_with_one_failure_per_rule_and_file(in_fixtures) -> None:
    root = ET.fromstring(check_fixture("junit").stdout.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"corpus/report.yaml", "corpus/clean.tsv"}
    assert suites["corpus/clean.tsv"].get("failures") == "0"
    assert int(suites["corpus/clean.tsv"].get("tests")) == len(FIXTURE_RULES.split(","))
    failed = {case.get("name"): case.find("failure") for case in suites["corpus/report.yaml"].iter("testcase")
              if case.find("failure") is not None}
    assert set(failed) == {rule for rule, _, _ in EXPECTED}
    assert "[s2]" in failed["term-forbidden"].text and "new productivity" in failed["term-forbidden"].text
    assert failed["suppression-unjustified"].get("type") == "warning"
    assert root.get("failures") == str(len(failed))


def test_github_annotations_one_per_finding(in_fixtures) -> None:
    lines = check_fixture("github").stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(EXPECTED)
    assert sum(c.startswith("::error file=corpus/report.yaml,line=") for c in commands) == 4
    assert sum(c.startswith("::warning ") for c in commands) == 2
    assert "title=term-forbidden [s2]::" in "\n".join(commands)


def test_text_lines_are_editor_jumpable(in_fixtures) -> None:
    out = check_fixture("text").stdout
    # line:column of the forbidden rendering itself, on the en: line (line 11, column 26)
    assert "  corpus/report.yaml:11:26: error term-forbidden [s2] 'new productivity'" in out
    assert out.rstrip().splitlines()[-1].startswith("9 segments in 2 file(s): 4 error(s), 2 warning(s)")
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_html_is_self_contained_and_escapes_corpus_text(in_fixtures) -> None:
    page = check_fixture("html").stdout
    assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    assert "<script src" not in page and "<link" not in page
    # the corpus text `<b>&amp; "more"</b>` is shown, never interpreted
    assert "&lt;b&gt;&amp;amp; &quot;more&quot;&lt;/b&gt;" in page
    assert "<b>&amp;" not in page
    assert "推动" in page and "high-quality development" in page
    assert page.count('class="finding ') == len(EXPECTED)
