"""What sits in the file system instead of a file: dangling links, unreadable directories, FIFOs,
devices. Each is one clean refusal naming it, never a silent skip and never a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .harness import TSV, Case, invoke, run_case

YAML = "segments:\n  - {zh: 你好, en: hello}\n".encode()

DANGLING = [
    Case("dangling-in-corpus-tree", ("check",), files={"corpus/a.tsv": TSV}, links={"corpus/b.tsv": "gone.tsv"},
         names="corpus/b.tsv: dangling symbolic link"),
    Case("dangling-deep-in-tree", ("check", "corpus"), files={"corpus/x/a.yaml": YAML},
         links={"corpus/x/y.yaml": "../nowhere.yaml"}, names="corpus/x/y.yaml: dangling"),
    Case("dangling-named-input", ("check", "l.tsv"), links={"l.tsv": "gone.tsv"}, names="l.tsv: dangling"),
    Case("dangling-jsonl-in-tree", ("check", "-j", "2"), files={"corpus/a.tsv": TSV},
         links={"corpus/z.jsonl": "gone"}, names="corpus/z.jsonl"),
    Case("dangling-in-glossary-dir", ("check", "x.tsv"), links={"glossary/extra.yaml": "gone.yaml"},
         names="glossary/extra.yaml: dangling"),
    Case("dangling-glossary-file", ("check", "x.tsv", "-g", "g.yaml"), links={"g.yaml": "gone.yaml"},
         glossary=False, names="g.yaml"),
    Case("dangling-export-tree", ("export", "tsv", "corpus", "-o", "o.tsv"), files={"corpus/a.tsv": TSV},
         links={"corpus/b.tsv": "gone"}, names="corpus/b.tsv"),
    Case("dangling-import", ("import", "l.tmx", "-o", "o.yaml"), links={"l.tmx": "gone.tmx"}, names="l.tmx"),
    Case("dangling-lint-dir", ("glossary", "lint"), links={"glossary/x.yaml": "gone"}, names="glossary/x.yaml"),
    Case("dangling-score", ("score", "l.txt", "l.txt"), links={"l.txt": "gone"}, names="l.txt"),
    Case("dangling-baseline", ("check", "x.tsv", "--baseline", "b.json"), links={"b.json": "gone"},
         names="b.json"),
    # not dangling: a link to a real file in the tree is read, and a link loop is walked once
    Case("link-to-file-in-tree", ("check", "-f", "json"), files={"corpus/a.tsv": TSV, "elsewhere/b.tsv": TSV},
         links={"corpus/b.tsv": "../elsewhere/b.tsv"}, code=1, stdout_has='"files": 2'),
    Case("link-loop-in-tree", ("check", "-f", "json"), files={"corpus/a.tsv": TSV},
         links={"corpus/loop": "."}, code=1, stdout_has='"files": 1'),
    Case("hidden-files-skipped", ("check", "-f", "json"), files={"corpus/a.tsv": TSV, "corpus/.b.tsv": TSV,
                                                                 "corpus/.git/c.tsv": TSV},
         code=1, stdout_has='"files": 1'),
]

DEVICES = [
    Case("dev-zero-input", ("check", "z.tsv"), links={"z.tsv": "/dev/zero"}, names="z.tsv: not a regular file"),
    Case("dev-zero-glossary", ("check", "x.tsv", "-g", "z.yaml"), links={"z.yaml": "/dev/zero"}, glossary=False,
         names="z.yaml: not a regular file"),
    Case("dev-zero-in-glossary-dir", ("check", "x.tsv"), links={"glossary/z.yaml": "/dev/zero"},
         names="glossary/z.yaml"),
    Case("dev-zero-in-corpus-tree", ("check",), files={"corpus/a.tsv": TSV}, links={"corpus/z.tsv": "/dev/zero"},
         names="corpus/z.tsv: not a regular file"),
    Case("dev-zero-jobs2", ("check", "z.tsv", "-j", "2"), links={"z.tsv": "/dev/zero"}, names="z.tsv"),
    Case("dev-zero-tmx", ("check", "z.tmx"), links={"z.tmx": "/dev/zero"}, names="z.tmx"),
    Case("dev-zero-xliff", ("check", "z.xlf"), links={"z.xlf": "/dev/zero"}, names="z.xlf"),
    Case("dev-zero-yaml", ("check", "z.yaml"), links={"z.yaml": "/dev/zero"}, names="z.yaml"),
    Case("dev-zero-moses", ("check", "z.zh"), links={"z.zh": "/dev/zero", "z.en": "/dev/zero"}, names="z."),
    Case("dev-zero-jsonl", ("check", "z.jsonl"), links={"z.jsonl": "/dev/zero"}, names="z.jsonl"),
    Case("dev-zero-tbx", ("glossary", "import", "z.tbx", "-o", "g.yaml"), links={"z.tbx": "/dev/zero"},
         names="z.tbx"),
    Case("dev-zero-csv", ("glossary", "import", "z.csv", "-o", "g.yaml"), links={"z.csv": "/dev/zero"},
         names="z.csv"),
    Case("dev-zero-lint", ("glossary", "lint", "z.yaml"), links={"z.yaml": "/dev/zero"}, names="z.yaml"),
    Case("dev-zero-score", ("score", "z.txt", "z.txt"), links={"z.txt": "/dev/zero"}, names="z.txt"),
    Case("dev-zero-align", ("align", "z.txt", "z.txt", "-o", "o.tsv"), links={"z.txt": "/dev/zero"},
         names="z.txt"),
    Case("dev-zero-config", ("check", "x.tsv", "--config", "z.toml"), links={"z.toml": "/dev/zero"},
         names="z.toml"),
    Case("dev-zero-baseline", ("check", "x.tsv", "--baseline", "z.json"), links={"z.json": "/dev/zero"},
         names="z.json"),
    Case("dev-zero-draft", ("check", "--source", "z.txt", "--draft", "z.txt"), links={"z.txt": "/dev/zero"},
         names="z.txt"),
    Case("dev-zero-import", ("import", "z.tsv", "-o", "o.yaml"), links={"z.tsv": "/dev/zero"}, names="z.tsv"),
    Case("dev-zero-export", ("export", "tsv", "z.tsv", "-o", "o.tsv"), links={"z.tsv": "/dev/zero"},
         names="z.tsv"),
    Case("directory-as-input-file", ("import", "glossary", "-o", "o.yaml"), names="glossary"),
]


@pytest.mark.parametrize("case", DANGLING, ids=lambda c: c.id)
def test_dangling_links_are_refused(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("case", DEVICES, ids=lambda c: c.id)
def test_devices_are_refused_without_reading(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


FIFO_COMMANDS = {
    "check": ("check", "f.tsv"), "check-jobs2": ("check", "f.tsv", "-j", "2"), "check-tmx": ("check", "f.tmx"),
    "glossary": ("check", "x.tsv", "-g", "f.yaml"), "lint": ("glossary", "lint", "f.yaml"),
    "import": ("import", "f.tsv", "-o", "o.yaml"), "score": ("score", "f.txt", "f.txt"),
    "config": ("check", "x.tsv", "--config", "f.toml"), "tbx": ("glossary", "import", "f.tbx", "-o", "g.yaml"),
}


@pytest.mark.parametrize("name", FIFO_COMMANDS)
def test_fifo_with_no_writer_is_refused_not_waited_on(name: str, tmp_path: Path) -> None:
    args = FIFO_COMMANDS[name]
    fifo = next(a for a in args if a.startswith("f."))
    os.mkfifo(tmp_path / fifo)
    (tmp_path / "x.tsv").write_bytes(TSV)
    result = invoke(args, tmp_path)  # a hang here would be the bug; no writer ever opens the FIFO
    assert result.code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and f"{fifo}: not a regular file (a FIFO)" in result.stderr


def test_fifo_in_corpus_tree_is_refused(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.tsv").write_bytes(TSV)
    os.mkfifo(tmp_path / "corpus" / "b.tsv")
    result = invoke(("check",), tmp_path)
    assert result.code == 2 and "corpus/b.tsv: not a regular file" in result.stderr


@pytest.mark.parametrize("where", ["corpus", "glossary"])
def test_unreadable_directory_in_a_tree_is_refused(where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                   ) -> None:
    """As root a mode-000 directory is still readable, so the refusal is simulated where os.walk reads."""
    (tmp_path / "corpus" / "locked").mkdir(parents=True)
    (tmp_path / "corpus" / "a.tsv").write_bytes(TSV)
    (tmp_path / "glossary" / "locked").mkdir(parents=True)
    (tmp_path / "glossary" / "g.yaml").write_text("terms:\n  - {zh: 你好, en: hello}\n", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith(f"{where}/locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke(("check",), tmp_path)
    assert result.code == 2, result.stderr
    assert result.stderr == f"duizhao: error: {where}/locked: cannot read directory: Permission denied\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads mode-000 directories")
def test_unreadable_directory_for_real(tmp_path: Path) -> None:
    (tmp_path / "corpus" / "locked").mkdir(parents=True)
    (tmp_path / "corpus" / "a.tsv").write_bytes(TSV)
    (tmp_path / "corpus" / "locked").chmod(0)
    try:
        result = invoke(("check",), tmp_path)
    finally:
        (tmp_path / "corpus" / "locked").chmod(0o755)
    assert result.code == 2 and "corpus/locked" in result.stderr
