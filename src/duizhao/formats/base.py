"""The small protocol every bitext format implements, and helpers they share."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import ClassVar, Protocol

from ..model import Segment


class Reader(Protocol):
    """Reads one file (or a file set such as Moses ``x.zh`` + ``x.en``) into segments.

    Readers stream: they yield one ``Segment`` at a time and never build the whole corpus.
    They raise ``InputError`` subclasses naming file and line for anything malformed.
    """

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]: ...


class Writer(Protocol):
    """Writes segments to one file, atomically (temp file + rename)."""

    name: ClassVar[str]
    extensions: ClassVar[tuple[str, ...]]

    def write(self, segments: Iterable[Segment], path: Path, **options: object) -> int:
        """Write ``segments`` to ``path`` and return how many were written."""
        ...


def document_id_for(path: Path) -> str:
    """The default document id of a file: its name without the extension(s)."""
    name = path.name
    for suffix in reversed(path.suffixes):
        name = name[: -len(suffix)] if name.endswith(suffix) else name
    return name or path.stem
