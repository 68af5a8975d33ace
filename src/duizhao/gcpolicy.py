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
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")

#: items between two freezes in a sequential run
FREEZE_EVERY = 16_384


class _Runs:
    """The runs in progress in this process, and whether they may freeze.

    Freezing is process-wide, so it is decided once for a group of overlapping runs (threads,
    lazily consumed generators): allowed only if nothing was frozen when the first of them
    started (a caller that freezes, such as a server that forks, keeps its own policy and we
    never freeze its objects), and undone when the last of them ends, unless one of them was
    started with ``keep_frozen`` (a process that exits after its run: the command line). Once
    the group ends this state is as it was before the first run started.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = 0
        self.may_freeze = False
        self.keep_frozen = False


_runs = _Runs()


def frozen_as_passed(items: Iterable[T], every: int = 1) -> Iterator[T]:
    """Pass ``items`` through, freezing what is alive after every ``every`` of them were used
    (inside ``collector_resumed``, and only when freezing is allowed there)."""
    pending = 0
    for item in items:
        yield item
        pending += 1
        if pending >= every:
            pending = 0
            if _runs.may_freeze:
                gc.freeze()


def collector_resumed(items: Iterable[T], *, keep_frozen: bool = False) -> Iterator[T]:
    """One run: pass ``items`` through, allowing ``frozen_as_passed`` to freeze while they
    flow; when the last overlapping run ends (or its consumer stops), unfreeze everything
    this group of runs froze.

    ``keep_frozen`` is for a process that exits after this run (the command line's entry
    point decides it): unfreezing hands millions of objects back to the collector, which then
    scans them all once (0.2 s after a million pairs) just before the process exits anyway.
    """
    with _runs.lock:
        if _runs.active == 0:
            _runs.may_freeze = gc.get_freeze_count() == 0
        _runs.active += 1
        _runs.keep_frozen = _runs.keep_frozen or keep_frozen
    try:
        yield from items
    finally:
        with _runs.lock:
            _runs.active -= 1
            if _runs.active == 0:
                if _runs.may_freeze and not _runs.keep_frozen:
                    gc.unfreeze()
                _runs.may_freeze = False
                _runs.keep_frozen = False
