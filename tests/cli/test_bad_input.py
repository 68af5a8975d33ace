"""Bad input found by fuzzing the CLI: one stderr line naming the file, exit 2, no traceback,
and nothing overwritten."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from duizhao.cli import app

runner = CliRunner()
GOOD_YAML = "id: d\nsegments:\n  - {id: s1, zh: 新春贺词, en: New Year Address}\n"


def _refused(result, *needles):
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0], lines[0]


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.yaml").write_text(GOOD_YAML, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("deep.jsonl", '{"zh": "a", "en": "b", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "deep.jsonl:1"),
        ("bigint.jsonl", '{"id": ' + "9" * 5000 + ', "zh": "a", "en": "b"}\n', "bigint.jsonl:1"),
        ("surrogate.jsonl", '{"zh": "\\ud800", "en": "b"}\n', "surrogate"),
        ("bigid.yaml", "id: d\nsegments:\n  - {id: " + "9" * 5000 + ", zh: a, en: b}\n", None),
        ("nul.yaml", "id: d\x00\nsegments: []\n", "nul.yaml:1"),
    ],
    ids=["jsonl-nested-100k", "jsonl-5000-digit-id", "jsonl-lone-surrogate", "yaml-5000-digit-id", "yaml-nul"],
)
def test_hostile_inputs_are_refused_or_read_without_traceback(workdir, name, content, needle):
    (workdir / name).write_text(content, encoding="utf-8", errors="surrogatepass")
    result = runner.invoke(app, ["check", name])
    if needle is None:  # a long id written in YAML is text, read as written
        assert result.exit_code in (0, 1) and "Traceback" not in result.output
    else:
        _refused(result, needle)


def test_output_that_is_a_directory_is_refused(workdir):
    (workdir / "out").mkdir()
    _refused(runner.invoke(app, ["check", "good.yaml", "-o", "out"]), "out", "is a directory")
    _refused(runner.invoke(app, ["rules", "-o", "out"]), "is a directory")


def test_output_through_a_symlink_keeps_the_link(workdir):
    (workdir / "target.txt").write_text("old", encoding="utf-8")
    os.chmod(workdir / "target.txt", 0o644)
    (workdir / "link.txt").symlink_to("target.txt")
    assert runner.invoke(app, ["rules", "-o", "link.txt"]).exit_code == 0
    assert (workdir / "link.txt").is_symlink()
    assert "term-missing" in (workdir / "target.txt").read_text(encoding="utf-8")
    assert (workdir / "target.txt").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize(
    ("file", "content"),
    [
        ("duizhao.toml", "fail-on = '错误'\n".encode("gbk")),
        ("duizhao.toml", b"tool = 'x'\n"),
        ("pyproject.toml", b"[tool]\nduizhao = 5\n"),
    ],
    ids=["config-not-utf8", "config-tool-string", "pyproject-tool-duizhao-int"],
)
def test_broken_config_files(workdir, file, content):
    (workdir / file).write_bytes(content)
    _refused(runner.invoke(app, ["check", "good.yaml", "--config", file]), file)


def test_broken_pyproject_found_by_discovery_is_refused(workdir):
    # it may hold [tool.duizhao]: checking without it would be silent (issue 13, item 9)
    (workdir / "pyproject.toml").write_bytes("name = '错'\n".encode("gbk"))
    _refused(runner.invoke(app, ["check", "good.yaml"]), "pyproject.toml")


def test_score_with_utf16_declared_but_no_bom(workdir):
    (workdir / "hyp.txt").write_text("a\n", encoding="utf-8")
    _refused(runner.invoke(app, ["score", "hyp.txt", "hyp.txt", "--encoding", "utf-16"]), "hyp.txt")


def test_an_empty_directory_is_not_a_clean_corpus(workdir):
    (workdir / "empty").mkdir()
    _refused(runner.invoke(app, ["check", "empty"]), "empty", "no bitext files")


@pytest.mark.parametrize(
    ("entry", "needle"),
    [
        ("  - {en: Two Establishments}\n", "no 'zh'"),
        ("  - {zh: 两个确立, en: Two Establishments, varaints: [x]}\n", "varaints"),
        ("  - {zh: 两个确立}\n", "'en'"),
    ],
    ids=["missing-zh", "misspelt-field", "missing-en"],
)
def test_check_refuses_a_glossary_with_errors(workdir, entry, needle):
    (workdir / "terms.yaml").write_text("terms:\n" + entry, encoding="utf-8")
    (workdir / "report.json").write_text("previous", encoding="utf-8")
    result = runner.invoke(app, ["check", "good.yaml", "-g", "terms.yaml", "-o", "report.json"])
    _refused(result, "terms.yaml:2", needle, "glossary lint")
    assert (workdir / "report.json").read_text(encoding="utf-8") == "previous"
