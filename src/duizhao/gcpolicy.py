"""Keeping the cyclic garbage collector off what a run keeps until its end.

A check holds growing, long-lived state (consistency digests and locations, remembered
pairs, folded chunk results). CPython's collector re-scans every tracked object on each full
collection, so without help a million-pair run spent more than half of its main process's
CPU scanning state that can never be garbage. ``gc.freeze`` moves the objects alive at that
moment out of the collector's sight: they are still freed by reference counting, only
reference cycles among them would wait for ``gc.unfreeze`` — and the run's state holds none.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: items between two freezes in a sequential run
FREEZE_EVERY = 16_384


def frozen_as_passed(items: Iterable[T], every: int = 1) -> Iterator[T]:
    """Pass ``items`` through, freezing what is alive after every ``every`` of them were used."""
    pending = 0
    for item in items:
        yield item
        pending += 1
        if pending >= every:
            gc.freeze()
            pending = 0


_resume_at_end = True


def keep_frozen_until_exit() -> None:
    """For a process that exits after one run (the command line): never unfreeze.

    Unfreezing hands millions of objects back to the collector, which then scans them all
    once (0.2 s after a million pairs) just before the process exits anyway.
    """
    global _resume_at_end
    _resume_at_end = False


def collector_resumed(items: Iterable[T]) -> Iterator[T]:
    """Pass ``items`` through; when they end (or the consumer stops), unfreeze everything,
    unless ``keep_frozen_until_exit`` was called or the process had frozen objects before the
    run (a caller with its own freezing policy, such as a server that forks: ``gc.unfreeze``
    is process-wide, so it is theirs to call)."""
    caller_froze = gc.get_freeze_count() > 0
    try:
        yield from items
    finally:
        if _resume_at_end and not caller_froze:
            gc.unfreeze()
