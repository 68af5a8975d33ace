"""One ``duizhao: error:`` line and exit 2 for everything a user can cause; exit 3 for a bug.

Families: ``--encoding`` names that are unknown or not text encodings, in every command that
takes one; typer/click usage errors (bad values, unknown options and commands, missing
arguments) in every command; OSErrors such as a file name longer than the system allows, in
inputs, outputs, glossary and configuration.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.cli import _main

from .harness import TSV, Case, invoke, run_case

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="zh-CN"><seg>你好</seg></tuv><tuv xml:lang="en"><seg>hello</seg></tuv></tu>
</body></tmx>
""".encode()
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="zh-CN"
 target-language="en" datatype="plaintext" original="x"><body>
<trans-unit id="1"><source>你好</source><target>hello</target></trans-unit></body></file></xliff>
""".encode()
PAIR = {"s.txt": "你好。\n".encode(), "d.txt": b"Hello.\n"}
CSV = {"t.csv": "zh,en\n新质生产力,new quality productive forces\n".encode()}

# every command with --encoding, and the files it needs
ENCODING_COMMANDS = {
    "check-tsv": (("check", "x.tsv"), {"x.tsv": TSV}),
    "check-tsv-jobs2": (("check", "x.tsv", "-j", "2"), {"x.tsv": TSV}),
    "check-tmx": (("check", "x.tmx"), {"x.tmx": TMX}),
    "check-xliff": (("check", "x.xlf"), {"x.xlf": XLIFF}),
    "check-yaml": (("check", "c.yaml"), {"c.yaml": "segments:\n  - {zh: 你好, en: hello}\n".encode()}),
    "check-jsonl": (("check", "x.jsonl"), {"x.jsonl": '{"zh": "你好", "en": "hello"}\n'.encode()}),
    "check-moses": (("check", "m.zh"), {"m.zh": "你好\n".encode(), "m.en": b"hello\n"}),
    "check-draft": (("check", "--source", "s.txt", "--draft", "d.txt"), PAIR),
    "lint": (("glossary", "lint"), {}),
    "import-tmx": (("import", "x.tmx", "-o", "out.yaml"), {"x.tmx": TMX}),
    "import-tsv": (("import", "x.tsv", "-o", "out.yaml"), {"x.tsv": TSV}),
    "export": (("export", "tsv", "x.tsv", "-o", "out.tsv"), {"x.tsv": TSV}),
    "align": (("align", "s.txt", "d.txt", "-o", "out.tsv"), PAIR),
    "score": (("score", "h.txt", "r.txt"), {"h.txt": b"a b\n", "r.txt": b"a b\n"}),
    "glossary-import-csv": (("glossary", "import", "t.csv", "-o", "g.yaml"), CSV),
}
BAD_ENCODINGS = {
    "rot13": "not a text encoding", "hex": "not a text encoding", "base64": "not a text encoding",
    "zlib": "not a text encoding", "undefined": "not a text encoding", "no-such-codec": "unknown encoding",
}

ENCODING_CASES = [
    Case(f"encoding-{codec}-{name}", (*args, "--encoding", codec), files=files, names=expected)
    for name, (args, files) in ENCODING_COMMANDS.items()
    for codec, expected in BAD_ENCODINGS.items()
    if codec in ("rot13", "hex") or name in ("check-tsv", "check-tmx", "lint")
]

USAGE_CASES = [
    Case("jobs-not-a-number", ("check", "x.tsv", "--jobs", "abc"), names="'--jobs'"),
    Case("jobs-zero", ("check", "x.tsv", "--jobs", "0"), names="--jobs must be at least 1"),
    Case("jobs-negative", ("check", "x.tsv", "-j", "-3"), names="--jobs"),
    Case("unknown-command", ("chek",), names="No such command 'chek'"),
    Case("unknown-glossary-command", ("glossary", "lnt"), names="No such command 'lnt'"),
    Case("unknown-option", ("check", "--bogus"), names="--bogus"),
    Case("unknown-format", ("check", "x.tsv", "-f", "pdf"), names="'pdf'"),
    Case("unknown-fail-on", ("check", "x.tsv", "--fail-on", "sometimes"), names="--fail-on"),
    Case("unknown-engine", ("check", "x.tsv", "--engine", "gpu"), names="'gpu'"),
    Case("scheduler-without-dask", ("check", "x.tsv", "--scheduler", "tcp://x:1"), names="--scheduler"),
    Case("source-without-draft", ("check", "--source", "s.txt"), files=PAIR, names="--source"),
    Case("option-missing-value", ("check", "x.tsv", "-o"), names="'-o'"),
    Case("score-no-args", ("score",), names="Missing argument"),
    Case("score-one-arg", ("score", "h.txt"), files={"h.txt": b"a\n"}, names="Missing argument"),
    Case("score-worst-negative", ("score", "h.txt", "h.txt", "--worst", "-1"), files={"h.txt": b"a\n"},
         names="--worst"),
    Case("score-width-too-big", ("score", "h.txt", "h.txt", "-w", "99"), files={"h.txt": b"a\n"}, names="--width"),
    Case("score-bad-format", ("score", "h.txt", "h.txt", "-f", "xml"), files={"h.txt": b"a\n"}, names="--format"),
    Case("align-no-output", ("align", "s.txt", "d.txt"), files=PAIR, names="'--output'"),
    Case("align-bad-format", ("align", "s.txt", "d.txt", "-o", "o.x", "-f", "docx"), files=PAIR, names="--format"),
    Case("export-unknown-format", ("export", "docx", "x.tsv", "-o", "o.docx"), names="'docx'"),
    Case("export-no-output", ("export", "tsv", "x.tsv"), names="'--output'"),
    Case("import-no-output", ("import", "x.tsv"), names="'--output'"),
    Case("import-unknown-from", ("import", "x.tsv", "-o", "o.yaml", "--from", "docx"), names="'docx'"),
    Case("glossary-lint-bad-format", ("glossary", "lint", "-f", "xml"), names="--format"),
    Case("glossary-lookup-no-text", ("glossary", "lookup"), names="Missing argument"),
    Case("glossary-export-no-output", ("glossary", "export"), names="'--output'"),
    Case("glossary-export-unknown-kind", ("glossary", "export", "-o", "g.docx"), names="'docx'"),
    Case("glossary-import-unknown-kind", ("glossary", "import", "t.docx", "-o", "g.yaml"),
         files={"t.docx": b"x"}, names="'docx'"),
    Case("rules-bad-format", ("rules", "-f", "pdf"), names="pdf"),
    Case("check-unknown-input-format", ("check", "x.unknown"), files={"x.unknown": b"x"}, names="x.unknown"),
    Case("check-no-corpus-here", ("check",), names="no ./corpus"),
    Case("check-missing-file", ("check", "absent.tsv"), names="absent.tsv"),
    Case("check-missing-glossary", ("check", "x.tsv", "-g", "absent"), names="absent"),
    Case("check-missing-config", ("check", "x.tsv", "--config", "absent.toml"), names="absent.toml"),
    Case("check-missing-baseline", ("check", "x.tsv", "--baseline", "absent.json"), names="absent.json"),
    Case("check-directory-as-output", ("check", "x.tsv", "-o", "glossary"), names="glossary"),
    Case("check-output-in-missing-dir", ("check", "x.tsv", "-o", "no/such/dir/r.txt"), names="no/such/dir"),
]

LONG = "n" * 300
OS_ERROR_CASES = [
    Case("long-name-input", ("check", f"{LONG}.tsv"), names="File name too long"),
    Case("long-name-output", ("check", "x.tsv", "-o", f"{LONG}.txt"), names="File name too long"),
    Case("long-name-glossary", ("check", "x.tsv", "-g", LONG), names="File name too long"),
    Case("long-name-config", ("check", "x.tsv", "--config", f"{LONG}.toml"), names="File name too long"),
    Case("long-name-baseline", ("check", "x.tsv", "--baseline", f"{LONG}.json"), names="File name too long"),
    Case("long-name-write-baseline", ("check", "x.tsv", "--write-baseline", f"{LONG}.json"),
         names="File name too long"),
    Case("long-name-import", ("import", f"{LONG}.tsv", "-o", "o.yaml"), names="File name too long"),
    Case("long-name-import-output", ("import", "x.tsv", "-o", f"{LONG}.yaml"), names="File name too long"),
    Case("long-name-export", ("export", "tsv", f"{LONG}.tsv", "-o", "o.tsv"), names="File name too long"),
    Case("long-name-export-output", ("export", "tsv", "x.tsv", "-o", f"{LONG}.tsv"), names="File name too long"),
    Case("long-name-align", ("align", f"{LONG}.txt", "d.txt", "-o", "o.tsv"), files=PAIR,
         names="File name too long"),
    Case("long-name-score", ("score", f"{LONG}.txt", "h.txt"), files={"h.txt": b"a\n"},
         names="File name too long"),
    Case("long-name-lint", ("glossary", "lint", f"{LONG}.yaml"), names="File name too long"),
    Case("long-name-glossary-export", ("glossary", "export", "-o", f"{LONG}.csv"), names="File name too long"),
    Case("long-name-glossary-import", ("glossary", "import", f"{LONG}.csv", "-o", "g.yaml"),
         names="File name too long"),
    Case("long-name-tmx", ("check", f"{LONG}.tmx"), names="File name too long"),
    Case("long-name-draft", ("check", "--source", "s.txt", "--draft", f"{LONG}.txt"), files=PAIR,
         names="File name too long"),
    Case("nul-in-name", ("check", "a\x00b.tsv"), names="a"),
]


@pytest.mark.parametrize("case", ENCODING_CASES, ids=lambda c: c.id)
def test_bad_encoding_names_are_usage_errors(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


@pytest.mark.parametrize("case", USAGE_CASES, ids=lambda c: c.id)
def test_usage_errors_are_one_line(case: Case, tmp_path: Path) -> None:
    result = run_case(case, tmp_path)
    assert "Usage:" not in result.stderr and "╭" not in result.stderr


@pytest.mark.parametrize("case", OS_ERROR_CASES, ids=lambda c: c.id)
def test_os_errors_are_one_line(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)


def test_an_internal_error_exits_3_without_a_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "x.tsv").write_bytes(TSV)
    import duizhao.runner

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(duizhao.runner, "run_check", broken)
    monkeypatch.delenv(_main.DEBUG_VARIABLE, raising=False)
    result = invoke(("check", "x.tsv"), tmp_path)
    assert result.code == 3
    assert result.stderr.splitlines() == [
        result.stderr.splitlines()[0]] and result.stderr.startswith("duizhao: internal error: ZeroDivisionError")
    assert "Traceback" not in result.stderr
    monkeypatch.setenv(_main.DEBUG_VARIABLE, "1")
    debug = invoke(("check", "x.tsv"), tmp_path)
    assert debug.code == 3 and "Traceback" in debug.stderr and "ZeroDivisionError: a bug" in debug.stderr
