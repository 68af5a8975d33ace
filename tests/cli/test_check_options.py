"""``duizhao check`` options around the run: --select/--ignore, --config, baselines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli import app

FIXTURES = Path(__file__).resolve().parents[1] / "report" / "fixtures"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the report fixture as a project directory (corpus/ and glossary/), as the cwd."""
    shutil.copytree(FIXTURES / "corpus", tmp_path / "corpus")
    shutil.copytree(FIXTURES / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str):
    return CliRunner().invoke(app, ["check", "--jobs", "1", "--format", "json", *args], catch_exceptions=False)


def rules_found(result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_select_and_ignore_take_repeats_and_comma_lists(project: Path):
    assert rules_found(check("--select", "term-forbidden,leftover-cjk")) == {"term-forbidden", "leftover-cjk"}
    assert rules_found(check("--select", "term-forbidden", "--select", "leftover-cjk")) == {
        "term-forbidden", "leftover-cjk"}
    everything = rules_found(check())
    assert rules_found(check("--ignore", "term-forbidden,leftover-cjk")) == everything - {
        "term-forbidden", "leftover-cjk"}


def test_unknown_rule_on_the_command_line_exits_2(project: Path):
    result = check("--select", "term-mising")
    assert result.exit_code == 2 and "unknown rule 'term-mising'" in result.stderr


def test_pyproject_configuration_sets_severity_ignore_and_fail_on(project: Path):
    (project / "pyproject.toml").write_text(
        '[tool.duizhao]\nignore = ["segment-inconsistent", "term-missing", "leftover-cjk"]\n'
        '[tool.duizhao.severity]\nterm-forbidden = "warning"\n', encoding="utf-8")
    result = check()
    findings = json.loads(result.stdout)["findings"]
    assert {f["rule"] for f in findings} >= {"term-forbidden"}
    assert not {"segment-inconsistent", "term-missing", "leftover-cjk"} & {f["rule"] for f in findings}
    assert all(f["severity"] == "warning" for f in findings if f["rule"] == "term-forbidden")
    assert result.exit_code == 0  # only warnings left
    assert check("--fail-on", "warning").exit_code == 1  # the command line overrides the file


def test_config_option_names_the_file(project: Path):
    (project / "strict.toml").write_text('fail-on = "warning"\nselect = ["suppression-unjustified"]\n',
                                         encoding="utf-8")
    result = check("--config", "strict.toml")
    assert rules_found(result) == {"suppression-unjustified"} and result.exit_code == 1
    bad = check("--config", "missing.toml")
    assert bad.exit_code == 2 and "missing.toml" in bad.stderr


def test_baseline_adoption_then_only_new_findings_count(project: Path):
    written = check("--write-baseline", "baseline.json")
    # 6, and final-punctuation on s5 and s6 (祝福！ → "happiness.")
    assert written.exit_code == 0 and "wrote 8 finding(s)" in written.stderr
    assert check("--baseline", "baseline.json").exit_code == 0  # nothing new

    # a new problem in a new segment fails; an old one fixed is reported as stale
    corpus = project / "corpus" / "report.yaml"
    text = corpus.read_text(encoding="utf-8")
    text = text.replace("We will speed up new productivity.", "We will speed up new quality productive forces.")
    text += "  - id: s8\n    zh: 坚持高质量发展。\n    en: Stick to high quality growth.\n"
    corpus.write_text(text, encoding="utf-8")
    result = check("--baseline", "baseline.json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [(f["rule"], f["segment"]) for f in report["findings"]] == [("term-forbidden", "s8")]
    assert report["summary"]["baseline"]["known"] == 7
    assert [(e["rule"], e["segment"]) for e in report["summary"]["baseline"]["stale_entries"]] == [
        ("term-forbidden", "s2")]
    assert report["summary"]["errors"] == 1
    text_report = CliRunner().invoke(app, ["check", "--jobs", "1", "--baseline", "baseline.json"]).stdout
    assert "1 stale entry" in text_report and "stale: corpus/report.yaml [s2] term-forbidden" in text_report


def test_baseline_from_configuration(project: Path):
    check("--write-baseline", "known.json")
    (project / "duizhao.toml").write_text('baseline = "known.json"\n', encoding="utf-8")
    assert check().exit_code == 0
