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
from .tmx import INLINE_MODES, TmxReader


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
    if isinstance(reader, TmxReader):
        reader = TmxReader(zh_lang=zh_lang, en_lang=en_lang, inline=inline, traditional=traditional)  # type: ignore[arg-type]
    elif zh_lang or en_lang or inline != "drop" or traditional != "keep":
        raise UsageError("--zh-lang, --en-lang, --inline and --traditional apply to TMX input only")
    if output_format is None and output.suffix.lower() not in {e for w in WRITERS.values() for e in w.extensions}:
        output_format = "yaml"
    result = ImportResult()
    segments = _unique_ids(reader.read(source, encoding=encoding), result)
    result.written = writer_for(output_format, output).write(segments, output, **options)
    result.skipped = getattr(reader, "skipped", 0)
    return result


def _unique_ids(segments: Iterable[Segment], result: ImportResult) -> Iterator[Segment]:
    seen: dict[tuple[str, str], int] = {}
    for seg in segments:
        key = (seg.doc.id, seg.id)
        count = seen[key] = seen.get(key, 0) + 1
        if count > 1:
            result.renamed += 1
            seg = dataclasses.replace(seg, id=f"{seg.id}~{count}")
        yield seg
