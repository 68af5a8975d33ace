"""The protocols every bitext format implements, its optional capabilities, and shared helpers.

A reader is anything with ``name``, ``extensions`` and ``read``. What a reader can do beyond
that is declared by subclassing one of the capability protocols below (``SlicingReader``,
``FileSetReader``, ``CountingReader``, ``ConfigurableReader``); callers test for a capability
with ``isinstance`` against the protocol, never by probing attribute names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

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

    def write(self, segments: Iterable[Segment], path: Path, **options: Any) -> int:
        """Write ``segments`` to ``path`` and return how many were written."""
        ...


class Task(Protocol):
    """A unit of work for ``--jobs``: picklable, and yields its segments wherever it is run."""

    def segments(self) -> Iterator[Segment]: ...


@runtime_checkable
class SlicingReader(Protocol):
    """A reader that can cut a file into independent tasks a worker reads itself (``--jobs``)."""

    def slices(self, path: Path, *, encoding: str | None = None,
               block_size: int = 1 << 21) -> Iterator[Task] | None:
        """The file as tasks, or None when this file cannot be cut (then it is read as a whole)."""
        ...


@runtime_checkable
class FileSetReader(Protocol):
    """A reader of a set of files (Moses ``x.zh`` + ``x.en``): one of them stands for the set."""

    def primary_for(self, path: Path) -> Path:
        """The file of ``path``'s set that directory listings keep; the others are left out."""
        ...


@runtime_checkable
class CountingReader(Protocol):
    """A reader that leaves units out (no target, one language missing) and counts them."""

    skipped: int


@dataclass(frozen=True)
class ReadOptions:
    """Reading options a format may accept (``duizhao import`` / ``check`` options)."""

    zh_lang: str | None = None  # TMX: the preferred zh variant
    en_lang: str | None = None  # TMX: the preferred en variant
    inline: str = "drop"  # inline tags: drop, text or xml
    traditional: str = "keep"  # Traditional Chinese: keep or convert
    statuses: tuple[str, ...] = ()  # XLIFF: check only segments of these statuses (``--status``)

    def given(self) -> frozenset[str]:
        """The names of the options that differ from their defaults."""
        default = asdict(ReadOptions())
        return frozenset(name for name, value in asdict(self).items() if value != default[name])


@runtime_checkable
class ConfigurableReader(Protocol):
    """A reader that takes ``ReadOptions``; ``accepts`` names the ones it understands."""

    accepts: ClassVar[frozenset[str]]

    def configured(self, options: ReadOptions) -> Reader:
        """A reader of the same format reading with ``options``."""
        ...


def document_id_for(path: Path) -> str:
    """The default document id of a file: its name without the extension(s)."""
    name = path.name
    for suffix in reversed(path.suffixes):
        name = name[: -len(suffix)] if name.endswith(suffix) else name
    return name or path.stem
