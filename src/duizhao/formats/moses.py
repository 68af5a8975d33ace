"""Moses-style parallel text: ``doc.zh`` and ``doc.en``, one sentence per line, line-aligned.

Naming either file reads the pair; in a directory only the ``.zh`` file is listed
(``primary_for``), so a pair is never read twice. Unequal line counts mean the files are not
aligned, which no later check could recover from: that is an error naming both counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import zip_longest
from pathlib import Path
from typing import ClassVar

from ..errors import FormatError, InputError, OutputError
from ..model import DocumentInfo, Segment
from ..textio import atomic_writer, iter_lines
from .base import FileSetReader

ZH, EN = ".zh", ".en"


def pair_paths(path: Path) -> tuple[Path, Path]:
    """``(x.zh, x.en)`` for ``x.zh``, ``x.en`` or a bare ``x``."""
    base = path.with_suffix("") if path.suffix.lower() in (ZH, EN) else path
    return base.with_name(base.name + ZH), base.with_name(base.name + EN)


class MosesReader(FileSetReader):
    name: ClassVar[str] = "moses"
    extensions: ClassVar[tuple[str, ...]] = (ZH, EN)

    @staticmethod
    def primary_for(path: Path) -> Path:
        """The file of a pair that stands for both in directory listings: the ``.zh`` one."""
        return pair_paths(path)[0]

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]:
        zh_path, en_path = pair_paths(path)
        for side in (zh_path, en_path):
            if not side.is_file():
                raise InputError(f"Moses parallel text needs both {zh_path.name} and {en_path.name}; {side.name}"
                                 " is missing", file=str(side))
        doc = DocumentInfo(id=zh_path.stem, file=str(zh_path))
        zh_lines, en_lines = iter_lines(zh_path, encoding), iter_lines(en_path, encoding)
        zh_count = en_count = 0
        for zh_item, en_item in zip_longest(zh_lines, en_lines):
            if zh_item is None or en_item is None:
                # Count the rest of the longer file so the message gives both true totals.
                zh_count = zh_count + (zh_item is not None) + sum(1 for _ in zh_lines)
                en_count = en_count + (en_item is not None) + sum(1 for _ in en_lines)
                raise FormatError(
                    f"{zh_path.name} has {zh_count} lines but {en_path.name} has {en_count}; Moses files must be"
                    " line-aligned (one sentence per line in both)",
                    file=str(zh_path), line=min(zh_count, en_count) + 1)
            (lineno, zh), (_, en) = zh_item, en_item
            zh_count = en_count = lineno
            if lineno == 1:
                zh, en = zh.removeprefix("\ufeff"), en.removeprefix("\ufeff")
            if not zh.strip() and not en.strip():
                continue  # blank in both: a paragraph break, not a pair
            yield Segment(id=str(lineno), zh=zh, en=en, doc=doc, line=lineno)


class MosesWriter:
    name: ClassVar[str] = "moses"
    extensions: ClassVar[tuple[str, ...]] = (ZH, EN)

    def write(self, segments: Iterable[Segment], path: Path, **_: object) -> int:
        zh_path, en_path = pair_paths(path)
        count = 0
        with atomic_writer(zh_path) as zh_out, atomic_writer(en_path) as en_out:
            for seg in segments:
                for side, text in (("zh", seg.zh), ("en", seg.en)):
                    if "\n" in text or "\r" in text:
                        raise OutputError(f"segment {seg.id}: the {side} text contains a line break, which Moses"
                                          " line-aligned files cannot hold; export to tmx or jsonl instead",
                                          file=str(zh_path if side == "zh" else en_path))
                zh_out.write(seg.zh + "\n")
                en_out.write(seg.en + "\n")
                count += 1
        return count
