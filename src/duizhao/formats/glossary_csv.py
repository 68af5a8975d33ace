"""Glossary interchange as CSV, in the layout CAT tools' term-base importers map by header.

memoQ (Import Terminology → "First row contains field names") and Trados MultiTerm Convert
("Spreadsheet or CSV") both read one row per entry and map each column by its header: a
language name makes a term column, anything else a descriptive field. Several terms in one
cell are split on one character (memoQ's "Split alternatives in field by"), here ``|``.

    column              what                                  CAT mapping
    Chinese_PRC         the Chinese term (as in the glossary)  term, Chinese (PRC)
    English             the approved rendering                 term, English (preferred)
    English_Variants    accepted variants, "|"-separated       term, English (alternatives; split on |)
    English_Forbidden   forbidden renderings, "|"-separated    term, English, marked forbidden/deprecated
    Entry_Domain        domain                                 entry-level field (memoQ "Domain")
    Entry_Note          note                                   entry-level field (memoQ "Note")
    Entry_Source        where the approved rendering comes from entry-level text field
    Status              approved | proposed | deprecated       entry-level picklist
    Case_Sensitive      yes | no                               term-level (memoQ "Case sensitivity")
    Forbidden_Everywhere yes | no                              duizhao only (ignored by CAT tools)
    English_Status      preferred | admitted | superseded      term-level status of the English column: a
                                                               proposed entry's rendering is admitted, not preferred
    Entry_ID            stable concept id (from the term)      entry-level field (updates match on it)

Written as UTF-8 with a BOM and CRLF line ends (what Excel, memoQ and MultiTerm detect as
Unicode without asking); read back with or without the BOM.

Formula injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a
tab or CR before them) as a formula. As OWASP recommends, such a cell is written with a leading
``'`` (shown as text, not computed); reading strips that one quote again, so export and import
round-trip.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ..errors import FormatError
from ..glossary.interchange import approved_status, concept_ids
from ..model import Term
from ..textio import atomic_writer, read_text, spreadsheet_restore, spreadsheet_safe

COLUMNS = ("Chinese_PRC", "English", "English_Variants", "English_Forbidden", "Entry_Domain", "Entry_Note",
           "Entry_Source", "Status", "Case_Sensitive", "Forbidden_Everywhere", "English_Status", "Entry_ID")
SPLIT = "|"
# header spellings other tools use for the same columns, folded when reading
_ALIASES = {
    "chinese": "Chinese_PRC", "chinese (prc)": "Chinese_PRC", "chinese_simplified": "Chinese_PRC",
    "zh": "Chinese_PRC", "zh-cn": "Chinese_PRC", "source": "Chinese_PRC",
    "english": "English", "en": "English", "target": "English", "english (united states)": "English",
    "variants": "English_Variants", "forbidden": "English_Forbidden", "domain": "Entry_Domain",
    "note": "Entry_Note", "entry_subject": "Entry_Domain", "status": "Status",
}


def write_csv(terms: Iterable[Term], path: Path) -> int:
    """Write ``terms`` in the layout above; returns the number of rows written."""
    count = 0
    with atomic_writer(path, encoding="utf-8-sig") as out:
        writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS)
        terms = list(terms)
        for term, concept in zip(terms, concept_ids(terms), strict=True):
            for text in (*term.variants, *term.forbidden):
                if SPLIT in text:
                    raise FormatError(f"{term.zh}: rendering {text!r} contains {SPLIT!r}, the CSV alternative "
                                      "separator; export this glossary as TBX instead", file=term.file,
                                      line=term.line)
            writer.writerow([spreadsheet_safe(cell) for cell in (
                term.zh, term.en, SPLIT.join(term.variants), SPLIT.join(term.forbidden), term.domain,
                term.note, term.source, term.status, "yes" if term.case_sensitive else "no",
                "yes" if term.forbidden_everywhere else "no", approved_status(term), concept)])
            count += 1
    return count


def read_csv(path: Path, *, encoding: str | None = None) -> list[Term]:
    """Glossary entries from a CSV file with a header row (comma, semicolon or tab separated)."""
    file = str(path)
    text = read_text(path, encoding)
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError("empty CSV file: expected a header row", file=file, line=1) from None
    names = [_ALIASES.get(h.strip().lower(), h.strip()) for h in header]
    if "Chinese_PRC" not in names or "English" not in names:
        raise FormatError("the header needs a Chinese column (Chinese_PRC) and an English column (English)",
                          file=file, line=1)
    terms: list[Term] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = {name: (spreadsheet_restore(row[i]).strip() if i < len(row) else "")
                     for i, name in enumerate(names)}
            zh, en = cells.get("Chinese_PRC", ""), cells.get("English", "")
            if not zh or not en:
                raise FormatError("row has no Chinese term or no English rendering", file=file, line=line)
            status = (cells.get("Status") or "approved").lower()
            if status not in ("approved", "proposed", "deprecated"):
                raise FormatError(f"Status must be approved, proposed or deprecated, not {status!r}",
                                  file=file, line=line)
            terms.append(Term(
                zh=zh, en=en,
                variants=_split(cells.get("English_Variants", "")),
                forbidden=_split(cells.get("English_Forbidden", "")),
                note=cells.get("Entry_Note", ""), source=cells.get("Entry_Source", ""), status=status,
                domain=cells.get("Entry_Domain", ""),
                case_sensitive=_yes(cells.get("Case_Sensitive", "")),
                forbidden_everywhere=_yes(cells.get("Forbidden_Everywhere", "")),
                file=file, line=line,
            ))
    except csv.Error as exc:
        raise FormatError(f"malformed CSV: {exc}", file=file, line=reader.line_num) from None
    return terms


def _split(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x.strip() for x in cell.split(SPLIT) if x.strip()))


def _yes(cell: str) -> bool:
    return cell.strip().lower() in ("yes", "true", "1", "y")
