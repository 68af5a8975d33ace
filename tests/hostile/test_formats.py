"""Hostile interchange files and pathological sizes: XML entities in TBX, formula cells in CSV,
huge terms, thousands of figures on a line, absurd ``--jobs``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from duizhao.formats.glossary_csv import read_csv, write_csv
from duizhao.glossary.load import MAX_TERM_CHARS
from duizhao.model import Term
from duizhao.textio import spreadsheet_safe as neutralise

from .harness import TSV, Case, run_case

TBX_BODY = """<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>
<text><body><conceptEntry id="c1">
<langSec xml:lang="zh-CN"><termSec><term>新质生产力</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>{en}</term></termSec></langSec>
</conceptEntry></body></text></tbx>
"""


def _tbx(doctype: str = "", en: str = "new quality productive forces") -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + doctype + TBX_BODY.format(en=en)).encode()


ENTITY_DOCTYPES = {
    "internal-entity": ('<!DOCTYPE tbx [<!ENTITY e "injected rendering">]>\n', "&e;"),
    "external-file": ('<!DOCTYPE tbx [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n', "&e;"),
    "external-url": ('<!DOCTYPE tbx [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>\n', "&e;"),
    "billion-laughs": ('<!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                       '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n', "&c;"),
    "parameter-entity": ('<!DOCTYPE tbx [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>\n', "x"),
    "unused-entity": ('<!DOCTYPE tbx [<!ENTITY e "x">]>\n', "new quality productive forces"),
}

TBX_CASES = [
    *(Case(f"tbx-{name}", ("glossary", "import", "t.tbx", "-o", "g.yaml"), files={"t.tbx": _tbx(doctype, en)},
           names="t.tbx") for name, (doctype, en) in ENTITY_DOCTYPES.items()),
    Case("tbx-undeclared-entity", ("glossary", "import", "t.tbx", "-o", "g.yaml"),
         files={"t.tbx": _tbx("", "&nbsp;")}, names="t.tbx:6"),
    Case("tbx-not-xml", ("glossary", "import", "t.tbx", "-o", "g.yaml"), files={"t.tbx": b"not xml at all"},
         names="t.tbx"),
    Case("tbx-empty", ("glossary", "import", "t.tbx", "-o", "g.yaml"), files={"t.tbx": b""}, names="t.tbx"),
    Case("tbx-truncated", ("glossary", "import", "t.tbx", "-o", "g.yaml"), files={"t.tbx": _tbx()[:200]},
         names="t.tbx"),
    Case("tbx-wrong-root", ("glossary", "import", "t.tbx", "-o", "g.yaml"),
         files={"t.tbx": b'<?xml version="1.0"?>\n<html/>\n'}, names="t.tbx:2: not a TBX file"),
    Case("tbx-utf16-no-bom-reads", ("glossary", "import", "t.tbx", "-o", "g.yaml"),  # libxml2 sees "<\0?\0"
         files={"t.tbx": _tbx().decode().encode("utf-16-le")}, code=0, output="g.yaml"),
    Case("tbx-plain-imports", ("glossary", "import", "t.tbx", "-o", "g.yaml"), files={"t.tbx": _tbx()}, code=0,
         output="g.yaml"),
]

FORMULAS = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")",
            "=cmd|' /C calc'!A0"]


def _csv_glossary(cell: str, column: str) -> bytes:
    row = {"zh": "新质生产力", "en": "new quality productive forces", "note": ""}
    row[column] = cell
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["zh", "en", "note"])
    writer.writerow([row["zh"], row["en"], row["note"]])
    return out.getvalue().encode()


@pytest.mark.parametrize("cell", FORMULAS)
@pytest.mark.parametrize("field", ["zh", "en", "note", "variants", "forbidden"])
def test_csv_export_neutralises_formulas_and_import_restores_them(cell: str, field: str, tmp_path: Path) -> None:
    if "|" in cell and field in ("variants", "forbidden"):
        pytest.skip("'|' separates alternatives: such a rendering is refused (tested in tests/glossary)")
    values = {"zh": "新质生产力", "en": "new quality productive forces", "note": "", "variants": (), "forbidden": ()}
    values[field] = (cell,) if field in ("variants", "forbidden") else cell
    term = Term(**values)  # type: ignore[arg-type]
    path = tmp_path / "g.csv"
    write_csv([term], path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    for value in rows[1]:
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), rows[1]
    if "\r" in cell:
        return  # a CR inside a cell reads back as a line end (CR, LF and CRLF are alike everywhere)
    back = read_csv(path)[0]
    got = getattr(back, field)
    assert got == ((cell.strip(),) if field in ("variants", "forbidden") else cell.strip())


def test_neutralise_leaves_ordinary_cells_alone() -> None:
    for cell in ("新质生产力", "new quality productive forces", "", "'quoted", "a=b", "1-2"):
        assert neutralise(cell) == cell


LONG_TERM = "中" * (MAX_TERM_CHARS + 1)
CAP_CASES = [
    Case("term-over-cap-zh", ("check", "x.tsv", "-g", "g.yaml"), glossary=False,
         files={"x.tsv": TSV, "g.yaml": f"terms:\n  - zh: {LONG_TERM}\n    en: x\n".encode()},
         names="g.yaml:2: zh of this entry is"),
    Case("term-over-cap-16000", ("glossary", "lint", "g.yaml"), glossary=False,
         files={"g.yaml": f"terms:\n  - zh: {'中' * 16000}\n    en: x\n".encode()}, names="g.yaml:2"),
    Case("term-over-cap-forbidden", ("check", "x.tsv", "-g", "g.yaml"), glossary=False,
         files={"x.tsv": TSV, "g.yaml": f"terms:\n  - zh: 中\n    en: x\n    forbidden: [{'a' * 600}]\n".encode()},
         names="g.yaml:2: a forbidden rendering"),
    Case("term-over-cap-variant", ("align", "s.txt", "d.txt", "-o", "o.tsv", "-g", "g.yaml"), glossary=False,
         files={"s.txt": "你好。\n".encode(), "d.txt": b"Hello.\n",
                "g.yaml": f"terms:\n  - zh: 中\n    en: x\n    variants: [{'b' * 600}]\n".encode()},
         names="g.yaml:2: a variant"),
    Case("term-at-cap-is-fine", ("check", "x.tsv", "-g", "g.yaml"), glossary=False, code=0,
         files={"x.tsv": "你好\thello\n".encode(),
                "g.yaml": f"terms:\n  - zh: {'中' * MAX_TERM_CHARS}\n    en: x\n".encode()}),
    Case("figures-20000-on-a-line", ("check", "n.tsv", "--select", "number-mismatch"), code=1,
         files={"n.tsv": ("，".join(str(i) for i in range(20000)) + "\t"
                          + ", ".join(str(i) for i in range(20000)) + "\n").encode()},
         stdout_has="over 1000 figures"),
    Case("figures-chinese-numerals", ("check", "n.tsv", "--select", "number-mismatch"), code=1,
         files={"n.tsv": ("，".join(["三"] * 5000) + "\tthree\n").encode()}, stdout_has="over 1000 figures"),
    Case("jobs-1000-capped", ("check", "x.tsv", "-j", "1000", "-f", "json"), code=1, stdout_has='"segments": 1'),
]

TBX_AND_CAPS = [*TBX_CASES, *CAP_CASES]


@pytest.mark.parametrize("case", TBX_AND_CAPS, ids=lambda c: c.id)
def test_hostile_formats_and_sizes(case: Case, tmp_path: Path) -> None:
    result = run_case(case, tmp_path)
    if case.id == "jobs-1000-capped":
        assert "--jobs 1000 is more than" in result.stderr and result.stderr.count("\n") == 1
    if case.id == "tbx-plain-imports":
        assert "new quality productive forces" in (tmp_path / "g.yaml").read_text(encoding="utf-8")
