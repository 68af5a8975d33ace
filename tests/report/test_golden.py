"""Every report format on the fixture corpus: golden files, plus each format's own validator.

Regenerate the golden files after an intended change with
``DUIZHAO_UPDATE_GOLDEN=1 pytest tests/report/test_golden.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re

import jsonschema
import pytest

from .support import FIXTURE_RULES, FORMATS, GOLDEN, REPORT_SCHEMA, SARIF_SCHEMA, check_fixture, normalise, run_cli

UPDATE = os.environ.get("DUIZHAO_UPDATE_GOLDEN") == "1"

# The findings the fixture corpus is built to produce: (rule, segment, severity).
EXPECTED = {
    ("term-forbidden", "s2", "error"),
    ("leftover-cjk", "s3", "error"),
    ("term-missing", "s3", "warning"),  # a proposed entry: at most a warning
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
    assert report["summary"]["errors"] == 3 and report["summary"]["warnings"] == 3
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


def test_junit_has_one_case_per_finding_errors_failed_warnings_passed(in_fixtures) -> None:
    from junitparser import Failure, JUnitXml

    xml = JUnitXml.fromstring(check_fixture("junit").stdout.encode("utf-8"))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"corpus/report.yaml", "corpus/clean.tsv"}
    clean = list(suites["corpus/clean.tsv"])
    assert len(clean) == len(FIXTURE_RULES.split(",")) and all(case.is_passed for case in clean)
    cases = list(suites["corpus/report.yaml"])
    by_finding = {(case.name.split(" ")[0], case.name.split(" ")[1].strip("[]")): case
                  for case in cases if not case.name.endswith("no findings")}
    assert set(by_finding) == {(rule, segment) for rule, segment, _ in EXPECTED}
    for rule, segment, severity in EXPECTED:
        case = by_finding[(rule, segment)]
        failed = [r for r in case.result if isinstance(r, Failure)]
        assert bool(failed) == (severity == "error"), (rule, severity)
        if severity != "error":
            assert case.is_passed and segment in case.system_out
    forbidden = by_finding[("term-forbidden", "s2")]
    assert "new productivity" in forbidden.result[0].text and "corpus/report.yaml:11:26" in forbidden.result[0].text
    assert xml.failures == sum(1 for _, _, severity in EXPECTED if severity == "error")


def test_junit_case_names_are_stable_when_other_findings_change(in_fixtures) -> None:
    everything = check_fixture("junit").stdout
    fewer_rules = ",".join(r for r in FIXTURE_RULES.split(",") if r != "leftover-cjk")
    fewer = run_cli("check", "corpus", "--glossary", "glossary", "--select", fewer_rules, "-f", "junit",
                    "--jobs", "1").stdout
    name = re.compile(r'name="(term-forbidden \[s2\] [0-9a-f]{12})"')
    assert name.search(everything).group(1) == name.search(fewer).group(1)


def test_github_annotations_one_per_finding(in_fixtures) -> None:
    lines = check_fixture("github").stdout.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == len(EXPECTED)
    assert sum(c.startswith("::error file=corpus/report.yaml,line=") for c in commands) == 3
    assert sum(c.startswith("::warning ") for c in commands) == 3
    assert "title=term-forbidden [s2]::" in "\n".join(commands)


def test_text_lines_are_editor_jumpable(in_fixtures) -> None:
    out = check_fixture("text").stdout
    # line:column of the forbidden rendering itself, on the en: line (line 11, column 26)
    assert "  corpus/report.yaml:11:26: error term-forbidden [s2] 'new productivity'" in out
    assert out.rstrip().splitlines()[-1].startswith("9 segments in 2 file(s): 3 error(s), 3 warning(s)")
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


def test_codequality_issues_follow_gitlab_fields_with_unique_fingerprints(in_fixtures) -> None:
    issues = json.loads(check_fixture("codequality").stdout)
    assert {(i["check_name"], i["description"].split("]")[0].strip("[")) for i in issues} == {
        (rule, segment) for rule, segment, _ in EXPECTED}
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    forbidden = next(i for i in issues if i["check_name"] == "term-forbidden")
    assert forbidden["location"] == {"path": "corpus/report.yaml",
                                     "positions": {"begin": {"line": 11, "column": 26},
                                                   "end": {"line": 11, "column": 42}}}


def test_job_summary_is_appended_in_github_actions_and_links_lines(in_fixtures, tmp_path, monkeypatch) -> None:
    summary = tmp_path / "step-summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/repo")
    monkeypatch.setenv("GITHUB_SHA", "0123abc")
    result = check_fixture("github")
    assert result.exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## duizhao")  # appended, never replaced
    assert "| `term-forbidden` | ❌ error | 1 |" in text
    assert "[corpus/report.yaml:11:26](https://github.com/owner/repo/blob/0123abc/corpus/report.yaml#L11)" in text


def test_summary_option_writes_a_file_and_refuses_an_input(in_fixtures, tmp_path) -> None:
    target = tmp_path / "summary.md"
    assert check_fixture("json", "--summary", str(target)).exit_code == 1
    assert "### First 6 of 6 findings" in target.read_text(encoding="utf-8")
    before = (in_fixtures / "corpus" / "report.yaml").read_bytes()
    result = run_cli("check", "corpus", "--glossary", "glossary", "--summary", "corpus/report.yaml")
    assert result.exit_code == 2 and (in_fixtures / "corpus" / "report.yaml").read_bytes() == before
