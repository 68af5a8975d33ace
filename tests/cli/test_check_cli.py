"""``duizhao check`` end to end: exit codes, one-line errors for bad input, the JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from duizhao.cli import app
from tests.helpers import write_corpus, write_glossary

runner = CliRunner()

GLOSSARY_TERMS = [
    {"zh": "新质生产力", "en": "new quality productive forces", "forbidden": ["new quality productivity"]},
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A directory laid out like the repo: ./corpus and ./glossary."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "glossary").mkdir()
    write_glossary(tmp_path / "glossary" / "terms.yaml", GLOSSARY_TERMS)
    write_corpus(tmp_path / "corpus" / "doc.yaml", [
        ("新春贺词", "New Year Address"),
        ("新质生产力加快形成。", "New quality productive forces took shape faster."),
    ])
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_clean_corpus_exits_0_with_summary(project):
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert "2 segments in 1 file(s): 0 error(s)" in result.output


def test_findings_exit_1_and_json_contract(project):
    write_corpus(project / "corpus" / "doc.yaml", [
        ("新春贺词", ""),
        ("新质生产力加快形成。", "New quality productivity took shape faster."),
    ])
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert set(report) >= {"findings", "summary", "signature"}
    rules = {(f["rule"], f["segment"]) for f in report["findings"]}
    assert ("empty-target", "s1") in rules and ("term-forbidden", "s2") in rules
    for finding in report["findings"]:
        assert {"rule", "severity", "file", "line", "segment", "message"} <= set(finding)
        assert finding["file"].endswith("doc.yaml") and finding["line"] > 0
    assert report["summary"]["segments"] == 2 and report["summary"]["errors"] >= 2
    assert report["signature"].startswith("duizhao:") and "glossary:" in report["signature"]


def test_output_file_is_written(project):
    result = runner.invoke(app, ["check", "--format", "json", "-o", "report.json"])
    assert result.exit_code == 0
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["summary"]["segments"] == 2


def _one_line_error(result, *needles):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_malformed_yaml_names_file_and_line(project):
    (project / "corpus" / "bad.yaml").write_text("id: x\nsegments:\n  - id: s1\n    zh: [unclosed\n", encoding="utf-8")
    result = runner.invoke(app, ["check"])
    _one_line_error(result, "bad.yaml:", "malformed YAML")


def test_gbk_file_is_refused_with_hint(project):
    (project / "corpus" / "gbk.tsv").write_bytes("新春贺词\tNew Year Address\n".encode("gbk"))
    result = runner.invoke(app, ["check", "corpus/gbk.tsv"])
    _one_line_error(result, "gbk.tsv:1:", "--encoding")


def test_tsv_with_one_column_names_line(project):
    (project / "corpus" / "pairs.tsv").write_text("新春贺词\tNew Year Address\n只有一列\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "corpus/pairs.tsv"])
    _one_line_error(result, "pairs.tsv:2:", "columns")


def test_missing_path_is_refused(project):
    result = runner.invoke(app, ["check", "nowhere.yaml"])
    _one_line_error(result, "nowhere.yaml", "no such file")


def test_unknown_format_is_a_usage_error(project):
    result = runner.invoke(app, ["check", "--format", "pdf"])
    _one_line_error(result, "unknown report format")


def test_failed_run_does_not_overwrite_report(project):
    (project / "report.json").write_text("previous", encoding="utf-8")
    (project / "corpus" / "bad.tsv").write_text("one column only\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "-o", "report.json", "--format", "json"])
    assert result.exit_code == 2
    assert (project / "report.json").read_text(encoding="utf-8") == "previous"


def test_console_script_runs_as_module(project):
    proc = subprocess.run([sys.executable, "-m", "duizhao", "check"], capture_output=True, text=True, cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert "0 error(s)" in proc.stdout


def test_empty_files_are_counted_as_read(project):
    (project / "corpus" / "empty.tsv").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["check", "corpus/empty.tsv"])
    assert result.exit_code == 0
    assert "0 segments in 1 file(s)" in result.output


def test_encoding_applies_to_the_bitext_not_the_glossary(project):
    pair = "新质生产力加快形成。\tNew quality productive forces took shape faster.\n"
    (project / "corpus" / "legacy.tsv").write_bytes(pair.encode("gb18030"))
    result = runner.invoke(app, ["check", "corpus/legacy.tsv", "--encoding", "gb18030"])
    assert result.exit_code == 0, result.output
    assert "1 segments in 1 file(s): 0 error(s)" in result.output
