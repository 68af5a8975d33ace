"""Run one hostile case in its own directory and check the promises every refusal keeps.

A case is data: the files to create, symlinks, the command line, the expected exit code and
the text the single stderr line must contain. After the run: exactly one stderr line starting
``duizhao: error:`` (for refusals), no traceback, no ``*.tmp`` left, and every file that
existed before byte-identical unless it is the case's named output.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import io
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import typer

from duizhao.cli import app
from duizhao.cli._main import run

REPO_ROOT = Path(__file__).resolve().parents[2]
TSV = "新质生产力\tnew productivity\n".encode()
# A small glossary in the bundled layout (two files, the names the bundled one uses): loading the
# whole bundled glossary afresh in every case's directory would cost a tenth of a second each.
GLOSSARY_FILES = {
    "glossary/national.yaml": """script: simplified
terms:
  - zh: 新质生产力
    en: new quality productive forces
    forbidden: [new quality productivity]
  - zh: 高质量发展
    en: high-quality development
    forbidden: [high-speed development]
""".encode(),
    "glossary/datong-2024.yaml": """script: simplified
terms:
  - zh: 桥头堡
    en: bridgehead
    forbidden: [beachhead]
    status: proposed
""".encode(),
}


@functools.cache
def _command() -> object:
    """The click command typer builds from ``app`` (built once: it costs more than most cases)."""
    return typer.main.get_command(app)


@dataclass(frozen=True)
class Case:
    """One hostile situation and what duizhao must do about it."""

    id: str
    args: tuple[str, ...]
    files: dict[str, bytes] = field(default_factory=lambda: {"x.tsv": TSV})
    links: dict[str, str] = field(default_factory=dict)  # link name -> target
    code: int = 2
    names: str = ""  # the stderr line must contain this (the file, and line where there is one)
    output: str | None = None  # the one file allowed to change
    glossary: bool = True  # write GLOSSARY_FILES into ./glossary
    stdout_has: str = ""


@dataclass
class Result:
    code: int
    stdout: str
    stderr: str


def invoke(args: tuple[str, ...], cwd: Path) -> Result:
    """``duizhao ARGS`` in process, through the entry point's error handling (``_main.run``), in ``cwd``."""
    out, err = io.StringIO(), io.StringIO()
    old_cwd, old_argv = os.getcwd(), sys.argv
    code = 0
    try:
        os.chdir(cwd)
        sys.argv = ["duizhao", *args]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = run(_command(), args)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        os.chdir(old_cwd)
        sys.argv = old_argv
        gc.unfreeze()  # the console script keeps its run frozen for its process's exit (gcpolicy): this is that exit
    return Result(code, out.getvalue(), err.getvalue())


def _snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def run_case(case: Case, tmp_path: Path) -> Result:
    """Set up ``case`` under ``tmp_path``, run it, and assert the shared promises."""
    files = {**GLOSSARY_FILES, **case.files} if case.glossary else case.files
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    for name, target in case.links.items():
        os.symlink(target, tmp_path / name)
    before = _snapshot(tmp_path)
    result = invoke(case.args, tmp_path)
    assert result.code == case.code, (result.code, result.stderr, result.stdout[:500])
    assert "Traceback" not in result.stderr + result.stdout
    if case.code >= 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("duizhao: error: "), lines[0]
        assert case.names in lines[0], lines[0]
    if case.stdout_has:
        assert case.stdout_has in result.stdout, result.stdout[:500]
    assert not list(tmp_path.rglob("*.tmp")), "a temporary file was left behind"
    after = _snapshot(tmp_path)
    for name, data in before.items():
        if name != case.output:
            assert after.get(name) == data, f"{name} was changed or removed"
    return result
