"""Glossary exports for CAT tools: TBX v2 (read back by translate-toolkit and our own reader), the XLSX
termbase (read by openpyxl), OmegaT's TSV glossary."""

from __future__ import annotations

import dataclasses

import pytest
from lxml import etree
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.formats.tbx import read_tbx
from duizhao.formats.termbases import build_tbx2, omegat_lines, write_omegat, write_tbx2, write_termbase_xlsx
from duizhao.glossary.interchange import concept_ids
from duizhao.model import Term
from tests.conftest import REPO_ROOT

runner = CliRunner()


def test_tbx2_is_martif_tbx_basic_with_statuses(policy, tmp_path):
    out = tmp_path / "terms.tbx"
    assert write_tbx2(policy.terms, out) == len(policy.terms)
    raw = out.read_bytes()
    assert b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">' in raw
    root = etree.fromstring(raw, etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    assert root.tag == "martif" and root.get("type") == "TBX-Basic-V1"
    entries = root.findall("text/body/termEntry")
    assert [e.get("id") for e in entries] == concept_ids(policy.terms)  # the same ids as the v3 export
    first, term = entries[0], policy.terms[0]
    en = [(t.findtext("term"), t.findtext("termNote[@type='administrativeStatus']"))
          for t in first.findall("langSet[@{http://www.w3.org/XML/1998/namespace}lang='en']/tig")]
    assert en[0][0] == term.en and en[0][1].endswith("Term-admn-sts")
    assert len(en) == 1 + len(term.variants) + len(term.forbidden)


def test_tbx2_reads_back_into_the_same_glossary(policy, tmp_path):
    out = tmp_path / "terms.tbx"
    write_tbx2(policy.terms, out)
    back = read_tbx(out, source_lang="zh", target_lang="en")
    fields = ("zh", "en", "variants", "forbidden", "domain", "note", "status")
    assert [tuple(getattr(t, f) for f in fields) for t in back] == [tuple(getattr(t, f) for f in fields)
                                                                   for t in policy.terms]


def test_translate_toolkit_reads_the_tbx2_with_the_same_terms(policy, tmp_path):
    tbx = pytest.importorskip("translate.storage.tbx")
    out = tmp_path / "terms.tbx"
    write_tbx2(policy.terms, out)
    store = tbx.tbxfile.parsefile(str(out))
    assert [(u.source, u.target) for u in store.units] == [(t.zh, t.en) for t in policy.terms]


def test_xlsx_termbase_reads_with_openpyxl(policy, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "terms.xlsx"
    write_termbase_xlsx(policy.terms, out)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:6] == ("Entry_ID", "Entry_Domain", "Entry_Note", "Entry_Source", "zh_cn", "en")
    body = rows[1:]
    assert len(body) == sum(1 + len(t.variants) + len(t.forbidden) for t in policy.terms)
    term, concept = policy.terms[0], concept_ids(policy.terms)[0]
    mine = [r for r in body if r[0] == concept]
    assert {r[4] for r in mine} == {term.zh}
    assert [r[5] for r in mine if r[7]] == list(term.forbidden)  # en_Term_Forbidden = TRUE
    assert [r[5] for r in mine if r[6]] == ([term.en] if term.status == "approved" else [])


def test_xlsx_termbase_keeps_formula_like_terms_as_text(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "terms.xlsx"
    write_termbase_xlsx([Term(zh="等于", en="=SUM(A1)")], out)
    cell = openpyxl.load_workbook(out).active["F2"]
    assert cell.value == "=SUM(A1)" and cell.data_type == "s"


def test_omegat_glossary_has_no_header_and_one_line_per_rendering(policy, tmp_path):
    out = tmp_path / "terms.utf8"
    assert write_omegat(policy.terms, out) == sum(1 for t in policy.terms if t.en)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(1 + len(t.variants) for t in policy.terms if t.en)
    assert all(line.count("\t") == 2 for line in lines)
    assert lines[0].split("\t")[:2] == [policy.terms[0].zh, policy.terms[0].en]


def test_omegat_fields_hold_no_tabs_or_newlines():
    term = Term(zh="一\t二", en="one\ntwo", note="a\tb", forbidden=("x",))
    assert omegat_lines([term]) == ["一 二\tone two\ta b; not: x"]


@pytest.mark.parametrize(("fmt", "name"), [("tbx2", "terms.tbx"), ("xlsx", "terms.xlsx"), ("omegat", "terms.utf8"),
                                           (None, "terms.utf8")])
def test_cli_export_formats(tmp_path, fmt, name):
    out = tmp_path / name
    args = ["glossary", "export", "-g", str(REPO_ROOT / "glossary"), "-o", str(out)] + (["-f", fmt] if fmt else [])
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


def test_cli_export_unknown_format(tmp_path):
    result = runner.invoke(app, ["glossary", "export", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2 and "tbx2" in result.output


def test_tbx2_of_a_deprecated_entry(tmp_path):
    term = dataclasses.replace(Term(zh="旧词", en="old word"), status="deprecated")
    statuses = [t.findtext("termNote") for t in build_tbx2([term]).iter("tig")]
    assert statuses == ["supersededTerm-admn-sts", "supersededTerm-admn-sts"]
