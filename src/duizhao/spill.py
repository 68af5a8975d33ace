"""A memory budget for corpus-wide state, and the private directory its overflow goes to.

The consistency rules remember something of every pair of a corpus (``groups.Groups``): a
memory of distinct pairs makes that state grow with the corpus. A ``MemoryBudget`` is shared
by the states of one run (``bind``); each gets an equal share, and a state past its share
writes what it holds to files in one private temporary directory and goes on with empty
memory (``Spilling.spill``). The directory is created on the first spill and removed by
``close`` (the engine calls it when the run ends, however it ends), at the latest when the
budget is collected or the interpreter exits, and only by the process that made it (a forked
worker exiting never removes its parent's files).

Sizes are written as the command line takes them (``parse_size``): ``500M``, ``2G``, ``1.5GB``,
``64k``, a plain number of bytes, or ``none`` for no limit.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import weakref
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

from .errors import UsageError

#: the default budget for a run's corpus-rule state: a laptop's share, not a server's
DEFAULT_MEMORY_LIMIT = 1 << 30

_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}
_SIZE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?\s*", re.IGNORECASE)


def parse_size(text: str) -> int | None:
    """Bytes in ``text`` (``500M``, ``2G``, ``1.5GB``, ``4096``; binary units), ``None`` for ``none``/``0``."""
    if text.strip().lower() in ("none", "unlimited", "0"):
        return None
    match = _SIZE.fullmatch(text)
    if match is None:
        raise UsageError(f"--memory-limit takes a size such as 500M or 2G (or none), not {text!r}")
    size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if size < 1:
        raise UsageError(f"--memory-limit must be at least one byte, not {text!r}")
    return size


@runtime_checkable
class Spilling(Protocol):
    """State that can hold its memory to a share of a budget, writing the rest to disk."""

    def bind(self, budget: MemoryBudget, share: int) -> None:
        """Keep at most ``share`` bytes in memory from now on; spill into ``budget``'s directory."""

    def close(self) -> None:
        """Forget what was spilled (its files); the state is not used after this."""


class MemoryBudget:
    """``limit`` bytes (``None``: no limit) shared equally by the states bound to it."""

    def __init__(self, limit: int | None = DEFAULT_MEMORY_LIMIT) -> None:
        self.limit = limit
        self._directory: Path | None = None
        self._members: list[Spilling] = []
        self._cleanup: weakref.finalize | None = None

    def bind(self, states: Iterable[object]) -> None:
        """Give every ``Spilling`` state of ``states`` an equal share of the limit (others are left alone)."""
        members = [state for state in states if isinstance(state, Spilling)]
        self._members.extend(members)
        if self.limit is None or not members:
            return
        share = max(1, self.limit // len(members))
        for state in members:
            state.bind(self, share)

    def directory(self) -> Path:
        """The private directory spilled files go to, made on first use."""
        if self._directory is None:
            path = tempfile.mkdtemp(prefix="duizhao-spill-")
            self._directory = Path(path)
            self._cleanup = weakref.finalize(self, _remove, path, os.getpid())
        return self._directory

    @property
    def spilled(self) -> bool:
        """Whether any state has written to disk."""
        return self._directory is not None

    def close(self) -> None:
        """Close every bound state and remove the directory."""
        members, self._members = self._members, []
        for state in members:
            state.close()
        if self._cleanup is not None:
            self._cleanup()
            self._cleanup = None
            self._directory = None


@runtime_checkable
class SplitsState(Protocol):
    """A corpus rule whose state splits by key: what Dask shuffles instead of merging in the client.

    ``split(state, parts)`` gives ``parts`` states, each key (a text's digest, a document) in
    exactly one of them, chosen the same way in every process (``part_of``, never the salted
    ``hash``). Merging part ``p`` of every chunk, in chunk order, and finishing it gives the
    findings of part ``p`` of the whole run; the parts together give all of them.
    """

    def split(self, state: Any, parts: int) -> list[Any]: ...


def part_of(key: tuple[str, ...], parts: int) -> int:
    """The part of ``parts`` a key of strings (a document's ``(file, id)``) belongs to, in every process."""
    return zlib.crc32("\x1f".join(key).encode("utf-8")) % parts


V = TypeVar("V")


def split_mapping(state: Mapping[Any, V], parts: int, key: Any = None) -> list[dict[Any, V]]:
    """``state`` (keyed by tuples of strings) as ``parts`` dicts by ``part_of`` its keys (or ``key(k)``)."""
    pieces: list[dict[Any, V]] = [{} for _ in range(parts)]
    for k, value in state.items():
        pieces[part_of(k if key is None else key(k), parts)][k] = value
    return pieces


def _remove(path: str, owner: int) -> None:
    if os.getpid() == owner:
        shutil.rmtree(path, ignore_errors=True)
