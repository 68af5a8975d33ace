"""Conversion between bitext formats: the library behind ``duizhao export`` and ``duizhao import``.

Both stream from a reader into a writer; only the YAML writer (one human-edited document)
collects its segments. Import makes segment ids unique per document, because CAT tools repeat
``tuid``s and a corpus document may not.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..model import Segment
from . import READERS, WRITERS, iter_segments, reader_for, writer_for
from .base import ConfigurableReader, CountingReader, ReadOptions
from .tmx import INLINE_MODES

#: command-line spelling of each ``ReadOptions`` field, for messages
_OPTION_FLAGS = {"zh_lang": "--zh-lang", "en_lang": "--en-lang", "inline": "--inline", "traditional": "--traditional"}


@dataclass
class ImportResult:
    """What an import did: pairs written, units skipped (no zh or no en), ids renamed as duplicates."""

    written: int = 0
    skipped: int = 0
    renamed: int = 0


def export(paths: Sequence[Path], output: Path, format_name: str | None = None, *, encoding: str | None = None,
           input_format: str | None = None, **options: Any) -> int:
    """Write every pair under ``paths`` to ``output`` in ``format_name`` (or by extension); returns the count."""
    writer = writer_for(format_name, output)
    return writer.write(iter_segments(paths, encoding=encoding, format_name=input_format), output, **options)


def import_file(source: Path, output: Path, *, input_format: str | None = None, output_format: str | None = None,
                encoding: str | None = None, zh_lang: str | None = None, en_lang: str | None = None,
                inline: str = "drop", traditional: str = "keep", **options: Any) -> ImportResult:
    """Read one bitext file (TMX, XLIFF, TSV, Moses, JSONL, YAML) and write it as ``output`` (YAML by default)."""
    if inline not in INLINE_MODES:
        raise UsageError(f"--inline must be one of {', '.join(INLINE_MODES)}, not {inline!r}")
    if traditional not in ("keep", "convert"):
        raise UsageError(f"--traditional must be keep or convert, not {traditional!r}")
    if input_format is not None and input_format not in READERS:
        raise UsageError(f"unknown input format {input_format!r} (known: {', '.join(sorted(READERS))})")
    reader = reader_for(source, input_format)
    read_options = ReadOptions(zh_lang=zh_lang, en_lang=en_lang, inline=inline, traditional=traditional)
    accepted = reader.accepts if isinstance(reader, ConfigurableReader) else frozenset()
    unsupported = read_options.given() - accepted
    if unsupported:
        flags = ", ".join(_OPTION_FLAGS[name] for name in sorted(unsupported))
        takers = sorted(name for name, cls in READERS.items()
                        if isinstance(other := cls(), ConfigurableReader) and unsupported <= other.accepts)
        where = f"{' and '.join(takers)} input only" if takers else "no input format"
        raise UsageError(f"{flags} apply to {where}, not {reader.name}")
    if isinstance(reader, ConfigurableReader):
        reader = reader.configured(read_options)
    if output_format is None and output.suffix.lower() not in {e for w in WRITERS.values() for e in w.extensions}:
        output_format = "yaml"
    result = ImportResult()
    segments = _unique_ids(reader.read(source, encoding=encoding), result)
    result.written = writer_for(output_format, output).write(segments, output, **options)
    result.skipped += reader.skipped if isinstance(reader, CountingReader) else 0
    return result


def _unique_ids(segments: Iterable[Segment], result: ImportResult) -> Iterator[Segment]:
    seen: dict[tuple[str, str], int] = {}
    for seg in segments:
        if not seg.zh.strip() or not seg.en.strip():
            result.skipped += 1  # an untranslated CAT-tool segment is not a corpus pair
            continue
        key = (seg.doc.id, seg.id)
        count = seen[key] = seen.get(key, 0) + 1
        if count > 1:
            result.renamed += 1
            seg = dataclasses.replace(seg, id=f"{seg.id}~{count}")
        yield seg
