"""Bitext formats: one reader/writer class per format and one name → class registry.

``iter_segments`` is the single entry point the checker uses: it expands directories,
picks a reader by file extension (for a named file with an unknown extension, by its content:
XLIFF and TMX are recognised by their root element) and streams segments from every input in
a stable order. A file nothing recognises is an input error, never a silent skip of an
explicitly named file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from ..errors import InputError, UsageError
from ..model import Segment
from ..textio import files_under, require_regular_file
from .base import (
    ConfigurableReader,
    CountingReader,
    FileSetReader,
    Reader,
    ReadOptions,
    SlicingReader,
    Task,
    Writer,
    document_id_for,
)
from .jsonl import JsonlReader, JsonlWriter
from .moses import MosesReader, MosesWriter
from .tmx import TmxReader, TmxWriter
from .tsv import TsvReader, TsvWriter
from .xliff import XliffReader, looks_like_tmx, looks_like_xliff
from .yaml_corpus import YamlCorpusReader, YamlCorpusWriter

READERS: dict[str, type[Reader]] = {
    YamlCorpusReader.name: YamlCorpusReader,
    TsvReader.name: TsvReader,
    TmxReader.name: TmxReader,
    MosesReader.name: MosesReader,
    JsonlReader.name: JsonlReader,
    XliffReader.name: XliffReader,
}
WRITERS: dict[str, type[Writer]] = {
    YamlCorpusWriter.name: YamlCorpusWriter,
    TsvWriter.name: TsvWriter,
    TmxWriter.name: TmxWriter,
    MosesWriter.name: MosesWriter,
    JsonlWriter.name: JsonlWriter,
}


def _by_extension(table: Mapping[str, type[Reader] | type[Writer]]) -> dict[str, str]:
    return {ext: name for name, cls in table.items() for ext in cls.extensions}


def reader_for(path: Path, format_name: str | None = None, options: ReadOptions | None = None) -> Reader:
    """The reader for ``path``: by ``format_name`` when given, else by extension, else by content.

    ``options`` configure a reader that accepts them; options a format does not take are
    left aside (a corpus may mix formats: ``--status`` concerns its XLIFF files only).
    """
    if format_name:
        if format_name not in READERS:
            raise UsageError(f"unknown input format {format_name!r} (known: {', '.join(sorted(READERS))})")
        return _configured(READERS[format_name](), options)
    ext = path.suffix.lower()
    name = _by_extension(READERS).get(ext) or sniff(path)
    if name is None:
        known = ", ".join(sorted(_by_extension(READERS)))
        raise InputError(f"unknown file type {ext or '(no extension)'!r}; duizhao reads {known}"
                         " (or name the format with --from)", file=str(path))
    return _configured(READERS[name](), options)


def _configured(reader: Reader, options: ReadOptions | None) -> Reader:
    if options is None or not isinstance(reader, ConfigurableReader) or not (options.given() & reader.accepts):
        return reader
    return reader.configured(options)


def sniff(path: Path) -> str | None:
    """The format of a file recognised by its first bytes (XLIFF, TMX), or None."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    if looks_like_xliff(head):
        return XliffReader.name
    if looks_like_tmx(head):
        return TmxReader.name
    return None


def writer_for(format_name: str | None, path: Path) -> Writer:
    """The writer for ``format_name``, or for ``path``'s extension when no format is given."""
    name = format_name or _by_extension(WRITERS).get(path.suffix.lower())
    if name is None or name not in WRITERS:
        raise UsageError(f"unknown output format {format_name or path.suffix!r} (known: {', '.join(sorted(WRITERS))})")
    return WRITERS[name]()


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files to read: named files as given, directories searched recursively for known extensions
    (an unreadable directory or a dangling symlink among them is an error, not skipped)."""
    known = _by_extension(READERS)
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = files_under(path, known)
            if not found:
                raise InputError(f"no bitext files here (looked for {', '.join(sorted(known))})", file=str(path))
            files.extend(_drop_secondary(found))
        elif path.exists():
            require_regular_file(path)  # a FIFO or device named x.tmx: refused before any reader opens it
            files.append(path)
        elif path.is_symlink():
            raise InputError("dangling symbolic link (its target does not exist)", file=str(path))
        else:
            raise InputError("no such file or directory", file=str(path))
    return files


def _drop_secondary(found: list[Path]) -> list[Path]:
    """Leave out files a sibling's reader already covers (e.g. ``x.en`` beside ``x.zh``)."""
    out = []
    present = set(found)
    for path in found:
        reader = READERS[_by_extension(READERS)[path.suffix.lower()]]()
        if isinstance(reader, FileSetReader):
            primary = reader.primary_for(path)
            if primary in present and primary != path:
                continue
        out.append(path)
    return out


def iter_segments(paths: Sequence[Path], *, encoding: str | None = None,
                  format_name: str | None = None, options: ReadOptions | None = None) -> Iterator[Segment]:
    """Stream every segment of every input, in path order."""
    for path in expand_paths(paths):
        yield from reader_for(path, format_name, options).read(path, encoding=encoding)


def write_segments(segments: Iterable[Segment], path: Path, format_name: str | None = None,
                   **options: object) -> int:
    """Write ``segments`` to ``path`` in ``format_name`` (or by extension); returns the count."""
    return writer_for(format_name, path).write(segments, path, **options)


__all__ = [
    "READERS",
    "WRITERS",
    "ConfigurableReader",
    "CountingReader",
    "FileSetReader",
    "ReadOptions",
    "Reader",
    "SlicingReader",
    "Task",
    "Writer",
    "document_id_for",
    "expand_paths",
    "iter_segments",
    "reader_for",
    "sniff",
    "write_segments",
    "writer_for",
]
