"""``duizhao glossary lint|lookup|export|import`` and the glossary rules through ``duizhao check``."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.glossary import load_glossary
from tests.helpers import write_corpus

from .conftest import FIXTURES

runner = CliRunner()
POLICY = str(FIXTURES / "policy.yaml")


def test_lint_clean_glossary_exits_0_and_lists_warnings():
    result = runner.invoke(app, ["glossary", "lint", POLICY])
    assert result.exit_code == 0, result.output
    assert "warning: 云中声谷: proposed term" in result.output and "[glossary-proposed]" in result.output
    assert "0 error(s), 1 warning(s)" in result.output


def test_lint_errors_exit_1_with_file_and_line():
    result = runner.invoke(app, ["glossary", "lint", str(FIXTURES / "lint_bad.yaml")])
    assert result.exit_code == 1
    assert "lint_bad.yaml:5: error: unknown field 'varaints'" in result.output


def test_lint_json():
    result = runner.invoke(app, ["glossary", "lint", "--format", "json", str(FIXTURES)])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["summary"]["errors"] >= 5 and len(report["hash"]) == 64
    assert {"rule", "severity", "file", "line", "term", "message"} <= set(report["findings"][0])


def test_lint_malformed_yaml_exits_2_with_one_line(tmp_path):
    bad = tmp_path / "g.yaml"
    bad.write_text("terms:\n  - zh: 乡村振兴\n    en: [oops\n", encoding="utf-8")
    result = runner.invoke(app, ["glossary", "lint", str(bad)])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"duizhao: error: {bad}:") and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_lookup_by_traditional_chinese_and_english_with_corpus_uses(tmp_path):
    corpus = write_corpus(tmp_path / "doc.yaml", [("全面推进乡村振兴。", "We will advance rural revitalisation."),
                                                 ("天气很好。", "Nice weather.")])
    result = runner.invoke(app, ["glossary", "lookup", "鄉村振興", "-g", POLICY, "--corpus", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "乡村振兴 → rural revitalization" in result.output
    assert "forbidden: rural rejuvenation" in result.output
    assert "s1: rural revitalisation (variant)" in result.output
    by_en = runner.invoke(app, ["glossary", "lookup", "OBOR", "-g", POLICY, "--corpus", str(corpus)])
    assert by_en.exit_code == 0 and "一带一路 → the Belt and Road Initiative" in by_en.output
    assert "not used in" in by_en.output


def test_lookup_json_and_not_found():
    result = runner.invoke(app, ["glossary", "lookup", "高质量发展", "-g", POLICY, "--format", "json", "-c", POLICY])
    # the glossary file is not a corpus document: exit 2 with one line, not a crash
    assert result.exit_code == 2
    result = runner.invoke(app, ["glossary", "lookup", "高质量发展", "-g", POLICY, "--format", "json"])
    entries = json.loads(result.stdout)
    assert [e["zh"] for e in entries][:1] == ["高质量发展"] and "推动高质量发展" in [e["zh"] for e in entries]
    missing = runner.invoke(app, ["glossary", "lookup", "不存在的词", "-g", POLICY])
    assert missing.exit_code == 1 and "no glossary entry" in missing.output


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_export_then_import_round_trip(tmp_path, fmt):
    exported = tmp_path / f"g.{fmt}"
    result = runner.invoke(app, ["glossary", "export", "-g", POLICY, "-o", str(exported)])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.yaml"
    result = runner.invoke(app, ["glossary", "import", str(exported), "-o", str(back)])
    assert result.exit_code == 0, result.output
    assert load_glossary(back).hash == load_glossary(FIXTURES / "policy.yaml").hash


def test_import_unknown_format_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["glossary", "import", POLICY, "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "unknown glossary format" in result.output


def test_check_reports_glossary_findings_with_file_line_and_segment(tmp_path, monkeypatch):
    (tmp_path / "glossary").mkdir()
    shutil.copy(FIXTURES / "policy.yaml", tmp_path / "glossary" / "policy.yaml")
    (tmp_path / "corpus").mkdir()
    write_corpus(tmp_path / "corpus" / "doc.yaml", [
        ("全面推进乡村振兴。", "We will fully advance rural revitalization."),
        ("共建“一带一路”。", "We will jointly build One Belt, One Road."),
        ("高质量发展是硬道理，要坚持高质量发展。", "High-quality development is essential; we must stick to it."),
    ])
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 1, result.output
    found = {(f["rule"], f["segment"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("term-forbidden", "s2"), ("term-count", "s3")}
    for finding in json.loads(result.stdout)["findings"]:
        assert finding["file"].endswith("doc.yaml") and finding["line"] > 1


def test_parallel_run_gives_the_same_glossary_and_consistency_findings(tmp_path):
    from duizhao.runner import CheckRequest, run_check

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        write_corpus(corpus / f"d{n}.yaml", [
            ("共建一带一路。", "We build the Belt and Road Initiative."),
            ("共建“一带一路”。", "We build Belt and Road projects."),
            ("全面推进乡村振兴。", "We fully advance rural renewal."),
            ("全市GDP增长5%。", "The city's GDP grew by 5%."),
            ("全市GDP增长6%。", "The city's GDP grew by 5%."),
            ("谢谢大家。" if n else "謝謝大家。", "Thank you all." if n else "Thanks to everyone."),
        ] * 3, doc_id=f"d{n}")

    def run(jobs):
        outcome = run_check(CheckRequest(paths=(corpus,), glossary=FIXTURES / "policy.yaml", jobs=jobs))
        return [(f.rule, f.file, f.segment, f.message, f.related) for f in outcome.findings]

    sequential = run(1)
    assert {"term-missing", "term-inconsistent", "target-inconsistent", "segment-inconsistent"} <= \
           {rule for rule, *_ in sequential}
    assert run(2) == sequential
