"""TSV bitexts: ``zh<TAB>en`` or ``id<TAB>zh<TAB>en`` per line, unquoted.

Quotes are literal text (English quotes are common in policy texts), so this is deliberately
not the ``csv`` module's dialect. A first line exactly ``zh\\ten`` or ``id\\tzh\\ten`` is a header.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..errors import DuizhaoError, FormatError, OutputError
from ..model import DocumentInfo, Segment
from ..textio import (
    LineRange,
    atomic_writer,
    decode_range,
    iter_line_ranges,
    iter_lines,
    read_range,
    splits_into_ranges,
)
from .base import SlicingReader, document_id_for

_HEADERS = {("zh", "en"): 2, ("id", "zh", "en"): 3}


class _Rows:
    """Numbered lines of one TSV file to segments; the first non-blank row fixes the column count.

    Shared by the sequential reader and by ``TsvSlice`` (one range of the file checked in
    another process), so both produce identical segments and identical errors.
    """

    __slots__ = ("columns", "doc", "file")

    def __init__(self, doc: DocumentInfo, columns: int | None = None) -> None:
        self.doc = doc
        self.file = doc.file
        self.columns = columns

    def segments(self, numbered: Iterable[tuple[int, str]]) -> Iterator[Segment]:
        doc, columns = self.doc, self.columns
        for lineno, line in numbered:
            if lineno == 1 and line.startswith("\ufeff"):
                line = line[1:]
            if not line or line.isspace():  # same as `not line.strip()`, without a copy
                continue
            fields = line.split("\t")
            if columns is None:
                columns = self.columns = _columns_of(fields, self.file, lineno)
                if tuple(fields) in _HEADERS:
                    continue
            if len(fields) != columns:
                raise FormatError(
                    f"expected {columns} tab-separated columns like the first line, found {len(fields)}",
                    file=self.file,
                    line=lineno,
                )
            if columns == 3:
                seg_id, zh, en = fields
                zh_column = len(seg_id) + 2
            else:
                seg_id, (zh, en) = str(lineno), fields
                zh_column = 1
            yield Segment(id=seg_id, zh=zh, en=en, doc=doc, line=lineno, zh_at=((0, lineno, zh_column),),
                          en_at=((0, lineno, zh_column + len(zh) + 1),))


def _columns_of(fields: list[str], file: str, lineno: int) -> int:
    """The column count the first row (or header) sets, or a FormatError naming the line."""
    header = _HEADERS.get(tuple(fields))
    if header is not None:
        return header
    if len(fields) not in (2, 3):
        raise FormatError(
            f"expected 2 columns (zh, en) or 3 (id, zh, en) separated by tabs, found {len(fields)}",
            file=file,
            line=lineno,
        )
    return len(fields)


class TsvReader(SlicingReader):
    name: ClassVar[str] = "tsv"
    extensions: ClassVar[tuple[str, ...]] = (".tsv",)

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]:
        rows = _Rows(DocumentInfo(id=document_id_for(path), file=str(path)))
        if not splits_into_ranges(path, encoding):
            yield from rows.segments(iter_lines(path, encoding))
            return
        # UTF-8: decode megabyte blocks at once instead of line by line (about twice as fast).
        for rng, data in iter_line_ranges(path, encoding):
            yield from rows.segments(enumerate(decode_range(rng, data), rng.first_line))

    @staticmethod
    def slices(path: Path, *, encoding: str | None = None, block_size: int = 1 << 21) -> Iterator[TsvSlice] | None:
        """The file as independent ``TsvSlice`` units of work, or None when it is not UTF-8.

        Only the first rows are decoded here (to learn the column count); the rest of the file is
        only scanned for line breaks, so planning costs a fraction of reading.
        """
        if not splits_into_ranges(path, encoding):
            return None
        return _plan_slices(path, encoding, block_size)


def _plan_slices(path: Path, encoding: str | None, block_size: int) -> Iterator[TsvSlice]:
    doc_id, file = document_id_for(path), str(path)
    columns: int | None = None
    for rng, data in iter_line_ranges(path, encoding, block_size):
        if columns is not None:
            yield TsvSlice(rng, file, doc_id, columns)
            continue
        # The column count is not known yet: this slice detects it itself, exactly like the
        # sequential reader; the planner learns it too so that later slices can check against it.
        yield TsvSlice(rng, file, doc_id, None)
        try:
            for lineno, line in enumerate(decode_range(rng, data, file), rng.first_line):
                if lineno == 1 and line.startswith("\ufeff"):
                    line = line[1:]
                if line and not line.isspace():
                    columns = _columns_of(line.split("\t"), file, lineno)
                    break
        except DuizhaoError:
            return  # that slice raises the same error when it is checked; nothing after it matters


@dataclass(frozen=True, slots=True)
class TsvSlice:
    """Whole lines of one TSV file that a worker reads and parses itself (cheap to send anywhere)."""

    range: LineRange
    file: str  # the path as the user named it: what findings and errors show
    doc_id: str
    columns: int | None

    def segments(self) -> Iterator[Segment]:
        rows = _Rows(DocumentInfo(id=self.doc_id, file=self.file), self.columns)
        lines = decode_range(self.range, read_range(self.range), self.file)
        return rows.segments(enumerate(lines, self.range.first_line))


class TsvWriter:
    name: ClassVar[str] = "tsv"
    extensions: ClassVar[tuple[str, ...]] = (".tsv",)

    def write(self, segments: Iterable[Segment], path: Path, *, with_ids: bool = True, **_: object) -> int:
        count = 0
        with atomic_writer(path) as out:
            out.write("id\tzh\ten\n" if with_ids else "zh\ten\n")
            for seg in segments:
                for side, text in (("zh", seg.zh), ("en", seg.en)):
                    if "\t" in text or "\n" in text:
                        raise OutputError(
                            f"segment {seg.id}: the {side} text contains a tab or newline, which TSV cannot hold;"
                            " export to tmx or jsonl instead",
                            file=str(path),
                        )
                row = (seg.id, seg.zh, seg.en) if with_ids else (seg.zh, seg.en)
                out.write("\t".join(row) + "\n")
                count += 1
        return count
