"""Outputs never overwrite inputs: every writer, every way of naming the same file."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import TSV, Case, run_case

GLOSSARY_FILE = "glossary/national.yaml"
REFUSED = "refusing to overwrite an input file"
CORPUS = {"corpus/x.tsv": TSV}

CASES = [
    Case("check-o-input", ("check", "x.tsv", "-f", "json", "-o", "x.tsv"), names="x.tsv: " + REFUSED),
    Case("check-o-dot-input", ("check", "x.tsv", "-o", "./x.tsv"), names=REFUSED),
    Case("check-o-symlink", ("check", "x.tsv", "-o", "l.tsv"), links={"l.tsv": "x.tsv"}, names="l.tsv"),
    Case("check-o-glossary", ("check", "x.tsv", "-o", GLOSSARY_FILE), names=GLOSSARY_FILE),
    Case("check-o-glossary-explicit", ("check", "x.tsv", "-g", "glossary", "-o", GLOSSARY_FILE),
         names=GLOSSARY_FILE),
    Case("check-o-in-corpus-dir", ("check", "-o", "corpus/x.tsv"), files=CORPUS, names="corpus/x.tsv"),
    Case("check-write-baseline-input", ("check", "--write-baseline", "corpus/x.tsv"), files=CORPUS,
         names="corpus/x.tsv"),
    Case("check-write-baseline-glossary", ("check", "x.tsv", "--write-baseline", GLOSSARY_FILE),
         names=GLOSSARY_FILE),
    Case("check-o-baseline", ("check", "x.tsv", "--baseline", "b.json", "-o", "b.json"),
         files={"x.tsv": TSV, "b.json": b'{"version": 1, "findings": []}\n'}, names="b.json"),
    Case("check-o-config", ("check", "x.tsv", "--config", "duizhao.toml", "-o", "duizhao.toml"),
         files={"x.tsv": TSV, "duizhao.toml": b'fail_on = "error"\n'}, names="duizhao.toml"),
    Case("check-o-draft", ("check", "--source", "s.txt", "--draft", "d.txt", "-o", "d.txt"),
         files={"s.txt": "你好。\n".encode(), "d.txt": b"Hello.\n"}, names="d.txt"),
    Case("export-o-input", ("export", "tsv", "x.tsv", "-o", "x.tsv"), names="x.tsv"),
    Case("export-o-symlink", ("export", "tsv", "x.tsv", "-o", "l.tsv"), links={"l.tsv": "x.tsv"}, names="l.tsv"),
    Case("export-moses-onto-input", ("export", "moses", "m.zh", "-o", "m"),
         files={"m.zh": "你好\n".encode(), "m.en": b"hello\n"}, names="m."),
    Case("export-o-in-corpus", ("export", "tsv", "-o", "corpus/x.tsv"), files=CORPUS, names="corpus/x.tsv"),
    Case("import-o-input", ("import", "x.tsv", "-o", "x.tsv"), names="x.tsv"),
    Case("glossary-import-o-input", ("glossary", "import", "t.csv", "-o", "t.csv"),
         files={"t.csv": "zh,en\n新质生产力,new productivity\n".encode()}, names="t.csv"),
    Case("glossary-export-o-glossary", ("glossary", "export", "-f", "csv", "-o", GLOSSARY_FILE),
         names=GLOSSARY_FILE),
    Case("score-o-hyp", ("score", "h.txt", "r.txt", "-o", "h.txt"),
         files={"h.txt": b"a b c\n", "r.txt": b"a b c\n"}, names="h.txt"),
    Case("score-o-ref", ("score", "h.txt", "r.txt", "-o", "r.txt"),
         files={"h.txt": b"a b c\n", "r.txt": b"a b c\n"}, names="r.txt"),
    Case("align-o-draft", ("align", "s.txt", "d.txt", "-o", "d.txt"),
         files={"s.txt": "你好。\n".encode(), "d.txt": b"Hello.\n"}, names="d.txt"),
    Case("align-o-glossary", ("align", "s.txt", "d.txt", "-o", GLOSSARY_FILE),
         files={"s.txt": "你好。\n".encode(), "d.txt": b"Hello.\n"}, names=GLOSSARY_FILE),
    # paired pass cases: a fresh output beside the inputs is written
    Case("check-o-fresh", ("check", "x.tsv", "-f", "json", "-o", "r.json"), code=1, output="r.json"),
    Case("export-o-fresh", ("export", "tsv", "x.tsv", "-o", "y.tsv"), code=0, output="y.tsv"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_output_never_overwrites_an_input(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
