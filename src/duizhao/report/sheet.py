"""A reviewer's spreadsheet: ``--format xlsx`` (openpyxl) and ``--format csv``, one row per finding.

Columns: file, segment (as the CAT tool shows it: Trados' segment number, else the id), source,
target (the finding's spans marked ⟦like this⟧), rule, severity, message, and empty ``decision``
and ``comment`` columns for the reviewer; then the full segment ``id`` duizhao uses. A row whose
decision says *false positive* becomes a baseline entry with ``duizhao baseline from-sheet``
(``read_sheet``). The XLSX sheet has a frozen header, filters and wrapped text; the CSV is UTF-8
with a BOM (so that Excel opens Chinese correctly), and in both a cell that a spreadsheet would
take for a formula (``=``, ``+``, ``-``, ``@``) is written as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..errors import FormatError
from ..model import Finding, Location, Severity, Span
from ..textio import spreadsheet_restore, spreadsheet_safe
from .base import Formatter

COLUMNS = ("file", "segment", "source", "target", "rule", "severity", "message", "decision", "comment", "id")
WIDTHS = {"file": 24, "segment": 10, "source": 50, "target": 50, "rule": 18, "severity": 9, "message": 50,
          "decision": 16, "comment": 30, "id": 20}
#: decisions (case-insensitive) that mean "not a problem": the row goes into the baseline
FALSE_POSITIVE = frozenset({"false positive", "false-positive", "fp", "not an error", "ok", "accept", "ignore",
                            "误报", "不是错误"})
MARK_OPEN, MARK_CLOSE = "⟦", "⟧"


def marked(text: str, spans: Sequence[Span], side: str) -> str:
    """``text`` with the spans of ``side`` wrapped in ⟦ ⟧ (zero-width spans as ⟦⟧)."""
    cuts = sorted((s.start, s.end) for s in spans if s.side == side and 0 <= s.start <= s.end <= len(text))
    out, last = [], 0
    for start, end in cuts:
        if start < last:
            continue  # overlapping spans: the first one is marked
        out.append(text[last:start] + MARK_OPEN + text[start:end] + MARK_CLOSE)
        last = end
    out.append(text[last:])
    return "".join(out)


@dataclass(frozen=True)
class _Pair:
    zh: str
    en: str
    shown: str
    source_side: str  # "zh" or "en"


class SheetFormatter(Formatter):
    """Builds the rows (the source and target texts from the run's pair views); subclasses write them."""

    draws_pairs: ClassVar[bool] = True

    def _pairs(self) -> dict[tuple[str, str], _Pair]:
        wanted = {(f.location.file, f.location.segment) for f in self.findings}
        pairs: dict[tuple[str, str], _Pair] = {}
        if self.run.pairs is None or not wanted:
            return pairs
        for view in self.run.pairs:
            key = view.key
            if key in wanted and key not in pairs:
                pairs[key] = _Pair(view.zh, view.en, view.number or view.id, view.source_side)
        return pairs

    def rows(self) -> Iterator[list[str]]:
        pairs = self._pairs()
        for finding in self.findings:
            loc = finding.location
            pair = pairs.get((loc.file, loc.segment))
            if pair is None:
                source = target = ""
                shown = loc.segment
            else:
                target_side = "en" if pair.source_side == "zh" else "zh"
                texts = {"zh": pair.zh, "en": pair.en}
                source = marked(texts[pair.source_side], finding.spans, pair.source_side)
                target = marked(texts[target_side], finding.spans, target_side)
                shown = pair.shown
            yield [loc.file, shown, source, target, finding.rule, str(finding.severity), finding.message, "", "",
                   loc.segment]


def as_text(value: str) -> str:
    """A cell a spreadsheet will not evaluate: a leading formula character gets an apostrophe."""
    return spreadsheet_safe(value)


class CsvFormatter(SheetFormatter):
    name: ClassVar[str] = "csv"
    description: ClassVar[str] = "a reviewer's CSV sheet: one row per finding, decision and comment columns"

    def finish(self, summary: dict[str, Any]) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in self.rows():
            writer.writerow([as_text(cell) for cell in row])
        self.out.write("\ufeff" + buffer.getvalue())


class XlsxFormatter(SheetFormatter):
    name: ClassVar[str] = "xlsx"
    description: ClassVar[str] = "a reviewer's Excel sheet: one row per finding, frozen header, filters"
    binary: ClassVar[bool] = True

    def finish(self, summary: dict[str, Any]) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        book = Workbook()
        sheet = book.active
        sheet.title = "findings"
        sheet.append(list(COLUMNS))
        wrap = Alignment(wrap_text=True, vertical="top")
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDDDDD")
        for values in self.rows():
            sheet.append([_xlsx_safe(v) for v in values])
            for cell in sheet[sheet.max_row]:
                cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.alignment = wrap
        for index, column in enumerate(COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = WIDTHS[column]
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 1)}"
        book.save(self.out)  # a binary stream (see ``binary``)


def _xlsx_safe(value: str) -> str:
    """Characters the XLSX XML cannot hold, shown as escapes (openpyxl refuses them)."""
    from .base import xml_safe

    return xml_safe(value)


# -- reading a reviewed sheet back ---------------------------------------------------------------

def read_sheet(path: Path) -> list[dict[str, str]]:
    """The rows of a reviewed XLSX or CSV sheet as dicts keyed by the header row."""
    file = str(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise FormatError(f"cannot read the sheet: {exc}", file=file) from None
        rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise FormatError("the sheet is empty", file=file)
    header = [str(h or "").strip().lower() for h in rows[0]]
    missing = [c for c in ("file", "rule", "message", "decision", "id") if c not in header]
    if missing:
        raise FormatError(f"not a duizhao review sheet: no {', '.join(missing)} column", file=file, line=1)
    out = []
    for row in rows[1:]:
        cells = [_unescaped(str(v)) if v is not None else "" for v in row]
        out.append({name: cells[i] if i < len(cells) else "" for i, name in enumerate(header)})
    return out


def _unescaped(value: str) -> str:
    return spreadsheet_restore(value)


def _xlsx_rows(path: Path) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zipfile, KeyError and XML errors for a broken file
        raise FormatError(f"not a readable XLSX file ({type(exc).__name__})", file=str(path)) from None
    try:
        sheet = book.active
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def false_positives(rows: Sequence[dict[str, str]]) -> list[Finding]:
    """The findings of the rows a reviewer marked as false positives (for the baseline)."""
    out = []
    for row in rows:
        if row.get("decision", "").strip().lower() not in FALSE_POSITIVE:
            continue
        try:
            severity = Severity(row.get("severity", "").strip().lower())
        except ValueError:
            severity = Severity.ERROR  # the baseline does not record severities
        out.append(Finding(rule=row["rule"], severity=severity, message=row["message"],
                           location=Location(file=row["file"], line=0, segment=row["id"])))
    return out
