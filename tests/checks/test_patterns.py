"""pattern-violated: checklist cases (tests/cases/patterns.yaml), the configuration and its errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.checks import PairContext
from duizhao.checks.patterns import PatternViolated, load_checklist, parse_patterns
from duizhao.cli import app
from duizhao.config import load_config
from duizhao.errors import UsageError
from duizhao.model import Severity
from tests.helpers import seg, write_corpus

CASES = Path(__file__).resolve().parents[1] / "cases" / "patterns.yaml"
PATTERNS = load_checklist(CASES)


def _broken(zh: str, en: str, rule: PatternViolated | None = None) -> list:
    rule = rule or PatternViolated(patterns=PATTERNS)
    return list(rule.check(PairContext(seg(zh, en), None)))


@pytest.mark.parametrize("case", __import__("yaml").safe_load(CASES.read_text(encoding="utf-8"))["pairs"],
                         ids=lambda c: c["name"])
def test_checklist_cases(case):
    findings = _broken(case["zh"], case["en"])
    assert [f.data["pattern"] for f in findings] == case["broken"]


def test_each_pattern_has_its_severity_and_message():
    findings = _broken("投资100亿元人民币", "an investment of RMB 10 billion")
    assert [f.severity for f in findings] == [Severity.ERROR, Severity.WARNING]
    assert findings[1].message.startswith("人民币 is 'yuan', never 'RMB' (when the Chinese has /人民币/")
    assert {s.side for s in findings[1].spans} == {"zh", "en"}


def test_a_configured_rule_severity_overrides_the_patterns():
    findings = _broken("投资100亿元人民币", "RMB 10 billion", PatternViolated(Severity.INFO, PATTERNS))
    assert {f.severity for f in findings} == {Severity.INFO}


def test_without_patterns_nothing_is_reported():
    assert _broken("投资100亿元人民币", "RMB 10 billion", PatternViolated()) == []


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        ([{"en": "x"}], "'expect' must be must or must-not"),
        ([{"zh": "x", "expect": "must"}], "'en' (the English regex) is required"),
        ([{"en": "(", "expect": "must"}], "bad regex '('"),
        ([{"en": "x", "expect": "must", "severity": "fatal"}], "severity must be error, warning or info"),
        ([{"en": "x", "expect": "must", "colour": "red"}], "unknown key 'colour'"),
        ({"en": "x"}, "must be a list"),
    ],
)
def test_bad_patterns_are_usage_errors(entries, says):
    with pytest.raises(UsageError) as error:
        parse_patterns(entries, "duizhao.toml")
    assert says in str(error.value) and error.value.file == "duizhao.toml"


def test_config_reads_patterns_and_checklists_relative_to_the_file(tmp_path: Path):
    (tmp_path / "qa").mkdir()
    (tmp_path / "qa" / "list.yaml").write_text("patterns:\n  - {en: 'RMB', expect: must-not}\n", encoding="utf-8")
    (tmp_path / "duizhao.toml").write_text(
        'checklists = ["qa/list.yaml"]\n[[patterns]]\nzh = "人民币"\nen = "yuan"\nexpect = "must"\n', encoding="utf-8")
    config = load_config(tmp_path / "duizhao.toml")
    assert [p.must for p in config.patterns] == [True, False]
    assert list(config.rule_options) == ["pattern-violated"]


def test_a_missing_checklist_names_it(tmp_path: Path):
    (tmp_path / "duizhao.toml").write_text('checklists = ["nowhere.yaml"]\n', encoding="utf-8")
    with pytest.raises(UsageError) as error:
        load_config(tmp_path / "duizhao.toml")
    assert "checklist file not found" in str(error.value) and "nowhere.yaml" in error.value.file


def test_check_applies_the_configured_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    write_corpus(tmp_path / "corpus" / "a.yaml", [("投资100亿元人民币。", "An investment of RMB 10 billion.")])
    (tmp_path / "pyproject.toml").write_text(
        '[tool.duizhao]\n[[tool.duizhao.patterns]]\nzh = "人民币"\nen = "\\\\bRMB\\\\b"\nexpect = "must-not"\n'
        'severity = "error"\nmessage = "never RMB"\n', encoding="utf-8")
    for jobs in ("1", "2"):
        result = CliRunner().invoke(app, ["check", "--jobs", jobs, "--format", "json", "--select", "pattern-violated"])
        report = json.loads(result.stdout)
        assert result.exit_code == 1
        assert [(f["rule"], f["severity"]) for f in report["findings"]] == [("pattern-violated", "error")]
        assert "|options:" in report["signature"]
    bad = tmp_path / "pyproject.toml"
    bad.write_text('[tool.duizhao]\n[[tool.duizhao.patterns]]\nen = "("\nexpect = "must"\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 2 and "bad regex" in result.stderr and "pyproject.toml" in result.stderr


def test_annotate_applies_the_configured_checklist_as_check_does(tmp_path, monkeypatch) -> None:
    """Both commands build their run from the settled options in one place (Settled.request)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "glossary").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.duizhao]\n[[tool.duizhao.patterns]]\nzh = "人民币"\nen = "\\\\bRMB\\\\b"\nexpect = "must-not"\n'
        'severity = "error"\nmessage = "never RMB"\n', encoding="utf-8")
    (tmp_path / "job.xlf").write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="x" source-language="zh-CN" target-language="en" datatype="plaintext"><body>'
        '<trans-unit id="1"><source>收入100亿元人民币。</source><target>Income was 10 billion RMB.</target>'
        "</trans-unit></body></file></xliff>\n", encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(app, ["check", "job.xlf", "-f", "json", "--select", "pattern-violated"])
    assert [f["rule"] for f in json.loads(checked.stdout)["findings"]] == ["pattern-violated"]
    annotated = runner.invoke(app, ["annotate", "job.xlf", "-o", "out.xlf", "--select", "pattern-violated"])
    assert annotated.exit_code == 1, annotated.output
    assert "never RMB" in (tmp_path / "out.xlf").read_text(encoding="utf-8")
