"""TSV bitexts: ``zh<TAB>en`` or ``id<TAB>zh<TAB>en`` per line, unquoted.

Quotes are literal text (English quotes are common in policy texts), so this is deliberately
not the ``csv`` module's dialect. A first line exactly ``zh\\ten`` or ``id\\tzh\\ten`` is a header.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar

from ..errors import FormatError, OutputError
from ..model import DocumentInfo, Segment
from ..textio import atomic_writer, iter_lines
from .base import document_id_for

_HEADERS = {("zh", "en"): 2, ("id", "zh", "en"): 3}


class TsvReader:
    name: ClassVar[str] = "tsv"
    extensions: ClassVar[tuple[str, ...]] = (".tsv",)

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]:
        doc = DocumentInfo(id=document_id_for(path), file=str(path))
        columns: int | None = None
        for lineno, line in iter_lines(path, encoding):
            if lineno == 1 and line.startswith("\ufeff"):
                line = line[1:]
            if not line.strip():
                continue
            fields = line.split("\t")
            if columns is None and tuple(fields) in _HEADERS:
                columns = _HEADERS[tuple(fields)]
                continue
            if columns is None:
                columns = len(fields)
                if columns not in (2, 3):
                    raise FormatError(
                        f"expected 2 columns (zh, en) or 3 (id, zh, en) separated by tabs, found {columns}",
                        file=str(path),
                        line=lineno,
                    )
            if len(fields) != columns:
                raise FormatError(
                    f"expected {columns} tab-separated columns like the first line, found {len(fields)}",
                    file=str(path),
                    line=lineno,
                )
            if columns == 3:
                seg_id, zh, en = fields
            else:
                seg_id, (zh, en) = str(lineno), fields
            yield Segment(id=seg_id, zh=zh, en=en, doc=doc, line=lineno)


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
