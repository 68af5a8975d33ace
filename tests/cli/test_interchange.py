"""``duizhao export`` and ``duizhao import`` end to end through the CLI."""

from __future__ import annotations

import json

import pytest
import yaml
from lxml import etree
from typer.testing import CliRunner

from duizhao.cli import app
from tests.formats.test_tmx import DTD_PATH, billion_laughs, tmx, tu
from tests.helpers import write_corpus

runner = CliRunner()

PAIRS = [("新质生产力加快形成。", "New quality productive forces took shape faster."),
         ("  GDP增长5.2%  ", "GDP grew by 5.2%.\nSecond line")]


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    write_corpus(tmp_path / "corpus" / "doc.yaml", PAIRS)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_export_tmx_from_the_default_corpus_then_import(project):
    result = runner.invoke(app, ["export", "tmx", "-o", "out.tmx", "--tgt-lang", "en-GB"])
    assert result.exit_code == 0, result.output
    assert "wrote 2 pairs" in result.output
    root = etree.parse("out.tmx").getroot()
    assert root.find("header").get("srclang") == "zh-CN"
    assert {t.get("{http://www.w3.org/XML/1998/namespace}lang") for t in root.iter("tuv")} == {"zh-CN", "en-GB"}
    if DTD_PATH.is_file():
        assert etree.DTD(str(DTD_PATH)).validate(root)
    result = runner.invoke(app, ["import", "out.tmx", "-o", "corpus/back.yaml", "--doc-id", "back"])
    assert result.exit_code == 0, result.output
    back = yaml.safe_load((project / "corpus" / "back.yaml").read_text(encoding="utf-8"))
    assert back["id"] == "back"
    assert [(s["id"], s["zh"], s["en"]) for s in back["segments"]] == [
        (f"s{i}", zh, en) for i, (zh, en) in enumerate(PAIRS, start=1)]


@pytest.mark.parametrize(("fmt", "output", "files"), [
    ("jsonl", "out.jsonl", ["out.jsonl"]),
    ("yaml", "out.yaml", ["out.yaml"]),
    ("moses", "out", []),  # the second pair has a newline: Moses refuses it
])
def test_export_other_formats(project, fmt, output, files):
    result = runner.invoke(app, ["export", fmt, "corpus", "-o", output])
    if not files:
        assert result.exit_code == 2 and "line break" in result.output
        return
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in (project / output).read_text(encoding="utf-8").splitlines()]
        assert [(r["zh"], r["en"]) for r in rows] == PAIRS


def test_export_unknown_format_is_a_usage_error(project):
    result = runner.invoke(app, ["export", "docx", "-o", "x.docx"])
    assert result.exit_code == 2
    assert "unknown export format 'docx'" in result.output


def test_import_repeated_tuids_are_made_unique(tmp_path):
    path = tmp_path / "rep.tmx"
    path.write_text(tmx(tu(("zh", "一"), ("en", "one"), tuid="7") + tu(("zh", "二"), ("en", "two"), tuid="7")
                        + tu(("zh", "三"), ("fr", "trois"), tuid="8")), encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "rep.yaml")])
    assert result.exit_code == 0, result.output
    assert "skipped 1 units" in result.output and "renamed 1 repeated ids" in result.output
    data = yaml.safe_load((tmp_path / "rep.yaml").read_text(encoding="utf-8"))
    assert [s["id"] for s in data["segments"]] == ["7", "7~2"]


def test_import_traditional_and_inline_options(tmp_path):
    path = tmp_path / "tw.tmx"
    path.write_text(tmx('<tu><tuv xml:lang="zh-TW"><seg>經濟<ph>{1}</ph></seg></tuv>'
                        '<tuv xml:lang="en"><seg>economy</seg></tuv></tu>'), encoding="utf-8")
    out = tmp_path / "tw.yaml"
    result = runner.invoke(app, ["import", str(path), "-o", str(out), "--traditional", "convert", "--inline", "text"])
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["segments"][0]["zh"] == "经济{1}"


@pytest.mark.parametrize(("option", "value"), [("--inline", "keep"), ("--traditional", "yes")])
def test_import_bad_option_values(tmp_path, option, value):
    path = tmp_path / "a.tmx"
    path.write_text(tmx(tu(("zh", "一"), ("en", "one"))), encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "a.yaml"), option, value])
    assert result.exit_code == 2 and option in result.output


@pytest.mark.parametrize("kind", ["xxe", "bomb"])
def test_hostile_xml_exits_2_without_traceback(tmp_path, kind):
    path = tmp_path / f"{kind}.tmx"
    if kind == "xxe":
        path.write_text(tmx(tu(("zh", "&x;"), ("en", "x")),
                            prolog='<!DOCTYPE tmx [ <!ENTITY x SYSTEM "file:///etc/hostname"> ]>\n'), encoding="utf-8")
    else:
        path.write_text(billion_laughs(), encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 2
    assert "refused" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_import_refuses_a_tmx_without_chinese(tmp_path):
    path = tmp_path / "fr.tmx"
    path.write_text(tmx(tu(("en-US", "Hi"), ("fr-CA", "Salut"))), encoding="utf-8")
    result = runner.invoke(app, ["import", str(path), "-o", str(tmp_path / "fr.yaml")])
    assert result.exit_code == 2
    assert "languages in this file: en-US (1), fr-CA (1)" in result.output


def test_check_reads_tmx_jsonl_and_moses_directly(project):
    assert runner.invoke(app, ["export", "tmx", "corpus", "-o", "c.tmx"]).exit_code == 0
    assert runner.invoke(app, ["export", "jsonl", "corpus", "-o", "c.jsonl"]).exit_code == 0
    (project / "m.zh").write_text("一\n", encoding="utf-8")
    (project / "m.en").write_text("one\n", encoding="utf-8")
    for name, pairs in (("c.tmx", 2), ("c.jsonl", 2), ("m.zh", 1)):
        result = runner.invoke(app, ["check", name, "--format", "json"])
        assert result.exit_code in (0, 1), (name, result.output)
        assert json.loads(result.stdout)["summary"]["segments"] == pairs
