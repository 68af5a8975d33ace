"""Issue 13, item 15 and the configuration items (8, 9): the smaller silent results."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import GLOSSARY_FILES, TSV, Case, invoke, run_case

PYPROJECT_BROKEN = {
    "broken-toml": b"[tool.duizhao\nfail-on = 1\n",
    "utf16": '[tool.duizhao]\nfail-on = "never"\n'.encode("utf-16"),
    "gbk": "name = '错'\n".encode("gbk"),
    "nul": b"[tool]\x00\n",
}

CASES = [
    Case("select-and-ignore-same", ("check", "x.tsv", "--select", "term-missing", "--ignore", "term-missing"),
         names="'term-missing' is both in --select and in --ignore"),
    Case("select-and-ignore-comma", ("check", "x.tsv", "--select", "term-missing,empty-target",
                                     "--ignore", "empty-target"), names="'empty-target'"),
    Case("select-all-ignored-by-config", ("check", "x.tsv", "--select", "term-missing"),
         files={"x.tsv": TSV, "duizhao.toml": b'ignore = ["term-missing"]\n'}, names="leave no rule to run"),
    Case("select-unknown-rule", ("check", "x.tsv", "--select", "no-such-rule"), names="no-such-rule"),
    Case("ignore-unknown-rule", ("check", "x.tsv", "--ignore", "no-such-rule"), names="no-such-rule"),
    Case("select-and-ignore-different", ("check", "x.tsv", "--select", "term-missing", "--ignore", "empty-target"),
         code=1),
    Case("o-dash-is-stdout", ("check", "x.tsv", "-f", "json", "-o", "-"), code=1, stdout_has='"findings"'),
    Case("o-dash-export", ("export", "tsv", "x.tsv", "-o", "-"), code=0, stdout_has="新质生产力"),
    Case("o-dash-score", ("score", "h.txt", "h.txt", "-o", "-"), files={"h.txt": b"a b c\n"}, code=0,
         stdout_has="BLEU"),
    Case("o-dash-rules", ("rules", "-o", "-"), code=0, stdout_has="term-missing"),
    Case("lookup-limit-negative", ("glossary", "lookup", "新质生产力", "--limit", "-1"), names="--limit"),
    *(Case(f"pyproject-{name}-by-discovery", ("check", "x.tsv"), files={"x.tsv": TSV, "pyproject.toml": data},
           names="pyproject.toml") for name, data in PYPROJECT_BROKEN.items()),
    *(Case(f"duizhao-toml-{name}-by-discovery", ("check", "x.tsv"), files={"x.tsv": TSV, "duizhao.toml": data},
           names="duizhao.toml") for name, data in PYPROJECT_BROKEN.items()),
    Case("pyproject-without-table-is-passed-over", ("check", "x.tsv"),
         files={"x.tsv": "你好\thello\n".encode(), "pyproject.toml": b'[project]\nname = "x"\n'}, code=0),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_small_cases(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_no_glossary_is_said_once(tmp_path: Path) -> None:
    (tmp_path / "x.tsv").write_bytes("你好\thello\n".encode())
    result = invoke(("check", "x.tsv"), tmp_path)
    assert result.code == 0
    assert result.stderr.splitlines() == [
        "duizhao: note: no glossary (no --glossary and no ./glossary here): term rules off"]
    (tmp_path / "glossary").mkdir()
    empty = invoke(("check", "x.tsv"), tmp_path)
    assert empty.stderr.count("term rules off") == 1 and "it has no terms" in empty.stderr
    only_numbers = invoke(("check", "x.tsv", "--select", "number-mismatch"), tmp_path)
    assert only_numbers.stderr == ""  # no term rule runs: nothing to say


def _project(root: Path) -> None:
    """A glossary and a one-pair corpus, in the layout ``duizhao check`` looks for."""
    for name, data in GLOSSARY_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "corpus").mkdir()
    (root / "corpus" / "x.tsv").write_bytes(TSV)


def test_lookup_limit_zero_does_not_claim_unused(tmp_path: Path) -> None:
    _project(tmp_path)
    used = invoke(("glossary", "lookup", "新质生产力"), tmp_path)
    assert "used: corpus/x.tsv:1" in used.stdout
    none = invoke(("glossary", "lookup", "新质生产力", "--limit", "0"), tmp_path)
    assert none.code == 0 and "not used" not in none.stdout and "used:" not in none.stdout


def test_configured_project_from_a_subdirectory_keeps_its_glossary(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.duizhao]\ncorpus = ["corpus"]\n')
    (tmp_path / "sub").mkdir()
    at_root = invoke(("check", "-f", "json"), tmp_path)
    below = invoke(("check", "-f", "json"), tmp_path / "sub")
    assert at_root.code == below.code == 1
    assert '"rule": "term-forbidden"' in at_root.stdout or '"rule": "term-missing"' in at_root.stdout
    assert below.stdout.count('"rule": "term-') == at_root.stdout.count('"rule": "term-')
    assert "term rules off" not in below.stderr
