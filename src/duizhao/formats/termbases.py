"""Glossary exports for the CAT tools that do not read TBX v3: TBX v2, an XLSX termbase, OmegaT's TSV.

- ``write_tbx2``: TBX-Basic 2008 on TBX v2 (ISO 30042:2008, ``<martif type="TBX-Basic-V1">``), the
  dialect OmegaT 3.6, translate-toolkit and Trados MultiTerm read: one ``termEntry`` per entry
  (the same stable ids as the TBX v3 export), ``langSet``/``tig`` per term, each English term with
  its ``administrativeStatus`` (preferred, admitted, deprecated, superseded).
- ``write_termbase_xlsx``: one row per English term, laid out as Phrase TMS's XLSX term base
  (``Entry_ID`` shared by a concept's rows, locale columns ``zh_cn``/``en``, ``*_Term_Forbidden``
  and ``*_Term_Preferred`` as TRUE/FALSE, notes), which memoQ's Excel import maps column by column.
- ``write_omegat``: OmegaT's glossary format: UTF-8, one ``source<TAB>target<TAB>comment`` line per
  rendering, no header (OmegaT would show a header line as a term). Use the ``.utf8`` extension
  (OmegaT reads ``.txt`` glossaries in the system encoding).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from ..glossary.interchange import concept_fields, concept_ids, meta_note, rendering_statuses
from ..model import Term
from ..textio import atomic_writer

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
_BLANKS = re.compile(r"[\t\r\n]+")


def build_tbx2(terms: Iterable[Term], *, source_lang: str = "zh-CN", target_lang: str = "en",
               title: str = "duizhao glossary") -> etree._Element:
    """The TBX-Basic 2008 (TBX v2) document for ``terms``."""
    def el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, tag, **attrs)
        if text is not None:
            node.text = text
        return node

    root = etree.Element("martif", attrib={"type": "TBX-Basic-V1", XML_LANG: target_lang})
    header = el(root, "martifHeader")
    file_desc = el(header, "fileDesc")
    el(el(file_desc, "sourceDesc"), "p", f"{title}, exported by duizhao")
    el(el(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = el(el(root, "text"), "body")
    terms = list(terms)
    for term, concept in zip(terms, concept_ids(terms), strict=True):
        entry = el(body, "termEntry", id=concept)
        for tag, text, attrs in concept_fields(term):
            el(entry, tag, text, **attrs)
        zh = el(entry, "langSet", **{XML_LANG: source_lang})
        _tig(el, zh, term.zh, "preferred" if term.status != "deprecated" else "superseded")
        en = el(entry, "langSet", **{XML_LANG: target_lang})
        for rendering, status in rendering_statuses(term):
            _tig(el, en, rendering, status)
    return root


def _tig(el, parent: etree._Element, text: str, status: str) -> None:  # type: ignore[no-untyped-def]
    tig = el(parent, "tig")
    el(tig, "term", text)
    el(tig, "termNote", f"{status}Term-admn-sts", type="administrativeStatus")


def write_tbx2(terms: Iterable[Term], path: Path, *, source_lang: str = "zh-CN", target_lang: str = "en") -> int:
    """Write ``terms`` as TBX-Basic 2008 (TBX v2); returns the number of entries."""
    root = build_tbx2(terms, source_lang=source_lang, target_lang=target_lang)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE)
    with atomic_writer(path, binary=True) as out:
        out.write(data)
    return len(root.findall(".//termEntry"))


def _locale(code: str) -> str:
    return code.replace("-", "_").lower()


def termbase_rows(terms: Iterable[Term], *, source_lang: str = "zh-CN",
                  target_lang: str = "en") -> tuple[list[str], list[list[object]]]:
    """Header and rows of the XLSX termbase (one row per English term of each entry)."""
    zh, en = _locale(source_lang), _locale(target_lang)
    header = ["Entry_ID", "Entry_Domain", "Entry_Note", "Entry_Source", zh, en, f"{en}_Term_Preferred",
              f"{en}_Term_Forbidden", f"{en}_Term_Status", f"{en}_Term_Case_Sensitive"]
    rows: list[list[object]] = []
    terms = list(terms)
    for term, concept in zip(terms, concept_ids(terms), strict=True):
        note = "\n".join(p for p in (term.note, meta_note(term)) if p)
        for rendering, status in rendering_statuses(term):
            rows.append([concept, term.domain, note, term.source, term.zh, rendering, status == "preferred",
                         status == "deprecated", status, term.case_sensitive])
    return header, rows


def write_termbase_xlsx(terms: Iterable[Term], path: Path, *, source_lang: str = "zh-CN",
                        target_lang: str = "en") -> int:
    """Write the XLSX termbase for memoQ / Phrase import; returns the number of entries."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    terms = list(terms)
    header, rows = termbase_rows(terms, source_lang=source_lang, target_lang=target_lang)
    book = Workbook()
    sheet = book.active
    sheet.title = "termbase"
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a term starting with "=" stays text
    sheet.freeze_panes = "A2"
    with atomic_writer(path, binary=True) as out:
        book.save(out)
    return len(terms)


def _field(text: str) -> str:
    return _BLANKS.sub(" ", text).strip()


def omegat_lines(terms: Iterable[Term]) -> list[str]:
    """OmegaT glossary lines: the approved rendering, then each variant; forbidden ones in the comment."""
    lines = []
    for term in terms:
        if not term.en:
            continue
        comment = [p for p in (term.domain, term.note) if p]
        if term.forbidden:
            comment.append("not: " + ", ".join(term.forbidden))
        if term.status != "approved":
            comment.append(term.status)
        lines.append("\t".join((_field(term.zh), _field(term.en), _field("; ".join(comment)))))
        for variant in term.variants:
            lines.append("\t".join((_field(term.zh), _field(variant), "variant")))
    return lines


def write_omegat(terms: Iterable[Term], path: Path) -> int:
    """Write OmegaT's tab-separated glossary (UTF-8, no header); returns the number of entries."""
    terms = list(terms)
    lines = omegat_lines(terms)
    with atomic_writer(path) as out:
        out.write("".join(line + "\n" for line in lines))
    return sum(1 for t in terms if t.en)
