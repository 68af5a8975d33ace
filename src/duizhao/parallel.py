"""``--jobs N``: check chunks of pairs in N processes, with exactly the findings of one process.

The main process only plans: a UTF-8 TSV file becomes byte ranges of whole lines (``TsvSlice``,
a few dozen bytes to send; the worker reads and parses the lines itself), any other format is
read here and sent as batches of plain tuples (``PairBatch``). Each worker builds its rules
and glossary matcher once, from a picklable ``CheckSetup``. Results come back in input order
and are folded by ``Checker.reduce``, which merges corpus rules' states earlier-into-later, so
``--jobs 1`` and ``--jobs 8`` report the same findings. A bad line fails the run with the
same error a sequential run gives: the first in input order.
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from .engine import Checker, CheckSetup, ChunkResult, Progress
from .errors import DuizhaoError
from .formats import ReadOptions, SlicingReader, Task, expand_paths, reader_for

__all__ = ["Failure", "PairBatch", "Task", "check_parallel", "check_task", "default_jobs", "in_order", "plan",
           "submitted_in_order"]
from .gcpolicy import collector_resumed, frozen_as_passed
from .model import EMPTY_MAPPING, DocumentInfo, Finding, Segment

P = TypeVar("P")  # an executor's handle on a submitted task (a Future)

#: pairs per batch for formats read in the main process
BATCH_PAIRS = 4000
#: bytes per slice of a UTF-8 TSV file (about 6,000 typical policy-text pairs) when the
#: number of workers is not known (Dask); else see ``slice_bytes_for``
SLICE_BYTES = 1 << 21
#: a file is cut into about this many slices per worker: enough to even out the end of the
#: run, few enough that folding the slices' consistency states in the main process stays cheap
SLICES_PER_JOB = 16
#: bounds: below 1 MiB a slice's fixed costs show; above 4 MiB the state of the slices in
#: flight shows (8 MiB slices cost ~40 MB more peak memory on a million pairs)
MIN_SLICE_BYTES, MAX_SLICE_BYTES = 1 << 20, 1 << 22
#: a pool starts only for more than this many tasks per worker: below, the workers' start
#: (forking, and compiling the English patterns of terms the main process has not met)
#: costs more than the second core gives back, and one process checks everything
MIN_TASKS_PER_JOB = 2


def slice_bytes_for(size: int, jobs: int) -> int:
    """Bytes per slice for a file of ``size`` bytes checked by ``jobs`` workers."""
    return max(MIN_SLICE_BYTES, min(MAX_SLICE_BYTES, size // (jobs * SLICES_PER_JOB)))


@dataclass(frozen=True, slots=True)
class PairBatch:
    """Segments of a format that cannot be cut by bytes (YAML, TMX, ...), as plain tuples.

    Tuples of strings pickle several times faster than dataclass instances, and a document's
    metadata travels once per batch instead of once per pair.
    """

    docs: tuple[DocumentInfo, ...]
    rows: tuple[tuple[Any, ...], ...]  # (doc index, id, zh, en, line, note, ignore, props, zh_at, en_at)

    @classmethod
    def of(cls, segments: Sequence[Segment]) -> PairBatch:
        docs: dict[int, int] = {}
        doc_list: list[DocumentInfo] = []
        rows = []
        for seg in segments:
            index = docs.get(id(seg.doc))
            if index is None:
                index = docs[id(seg.doc)] = len(doc_list)
                doc_list.append(seg.doc)
            rows.append((index, seg.id, seg.zh, seg.en, seg.line, seg.note,
                         dict(seg.ignore) if seg.ignore else None, dict(seg.props) if seg.props else None,
                         seg.zh_at, seg.en_at))
        return cls(tuple(doc_list), tuple(rows))

    def segments(self) -> Iterator[Segment]:
        docs = self.docs
        for index, seg_id, zh, en, line, note, ignore, props, zh_at, en_at in self.rows:
            yield Segment(id=seg_id, zh=zh, en=en, doc=docs[index], line=line, note=note,
                          ignore=MappingProxyType(ignore) if ignore else EMPTY_MAPPING,
                          props=MappingProxyType(props) if props else EMPTY_MAPPING, zh_at=zh_at, en_at=en_at)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input error met while planning or in a worker, kept in its place in the input order."""

    kind: type[DuizhaoError]
    message: str
    file: str | None
    line: int | None

    @classmethod
    def of(cls, error: DuizhaoError) -> Failure:
        return cls(type(error), error.message, error.file, error.line)

    def raise_(self) -> None:
        raise self.kind(self.message, file=self.file, line=self.line)


def plan(paths: Sequence[Path], *, encoding: str | None = None, format_name: str | None = None,
         slice_bytes: int | None = None, batch_pairs: int | None = None,
         jobs: int | None = None, options: ReadOptions | None = None) -> Iterator[Task | Failure]:
    """The inputs as tasks, in input order. An input error ends the plan with a ``Failure``.

    Missing paths raise at once (as ``iter_segments`` does, before anything is read).
    Slices are ``slice_bytes`` long, else sized for ``jobs`` workers (``slice_bytes_for``),
    else ``SLICE_BYTES``; batches hold ``batch_pairs`` pairs, else ``BATCH_PAIRS``.
    """
    batch_pairs = batch_pairs or BATCH_PAIRS
    files = expand_paths(paths)
    try:
        for path in files:
            reader = reader_for(path, format_name, options)
            slices = None
            if isinstance(reader, SlicingReader):
                block = slice_bytes or (slice_bytes_for(_size(path), jobs) if jobs else SLICE_BYTES)
                slices = reader.slices(path, encoding=encoding, block_size=block)
            if slices is not None:
                yield from slices
                continue
            segments = reader.read(path, encoding=encoding)
            while batch := list(islice(segments, batch_pairs)):
                yield PairBatch.of(batch)
    except DuizhaoError as error:
        yield Failure.of(error)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the reader reports the file properly


# -- worker side ------------------------------------------------------------------------

_WORKER_CHECKER: Checker | None = None
#: ``(setup token, glossary matcher)`` of the main process: a worker forked from it (the
#: default on Linux) inherits the matcher instead of building it again (24 ms at 10,000
#: terms); a worker started afresh (spawn, forkserver) sees ``None`` and builds its own
_PARENT_MATCHER: tuple[str, Any] | None = None


def _init_worker(setup: CheckSetup) -> None:
    global _WORKER_CHECKER
    # Ctrl-C reaches the whole process group; the main process decides what an interrupt means
    # (it terminates this pool), so a worker must not die half-way printing a traceback. A
    # forked worker also inherits the main process's SIGTERM handler: terminate means terminate.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    inherited = _PARENT_MATCHER
    if inherited is not None and inherited[0] == setup.token:
        _WORKER_CHECKER = setup.build(matcher=inherited[1])
    else:
        _WORKER_CHECKER = setup.build()
    gc.freeze()  # the rules and the glossary live as long as the worker


def check_task(checker: Checker, task: Task) -> ChunkResult | Failure:
    """Check one task; an input error becomes a ``Failure`` (exceptions lose file and line in pickling)."""
    try:
        return checker.check_chunk(task.segments())
    except DuizhaoError as error:
        return Failure.of(error)


def _run_task(task: Task) -> ChunkResult | Failure:
    assert _WORKER_CHECKER is not None, "worker not initialised"
    try:
        return check_task(_WORKER_CHECKER, task)
    finally:
        # what outlives the chunk (rules, glossary, remembered pairs) need not be re-scanned
        # by every collection; the chunk's own results are freed by reference counting
        gc.freeze()


# -- main side --------------------------------------------------------------------------

def in_order(results: Iterable[ChunkResult | Failure]) -> Iterator[ChunkResult]:
    """Pass results through, raising the first ``Failure`` where it stands in the input.

    Each result is folded into state that lives to the end of the run: once folded, its
    objects are frozen (``gcpolicy``); for a million pairs the collector's re-scans of that
    state were 4.6 of the main process's 8 s of CPU.
    """
    for result in frozen_as_passed(results):
        if isinstance(result, Failure):
            result.raise_()
        yield result  # type: ignore[misc]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_parallel(checker: Checker, setup: CheckSetup, tasks: Iterable[Task | Failure], jobs: int,
                   progress: Progress | None = None) -> Iterator[Finding]:
    """Every finding of ``tasks``, checked in ``jobs`` processes and folded into ``checker``.

    ``checker`` (built from ``setup`` in this process) reduces the results and keeps the run's
    statistics; when the input is a few tasks (``MIN_TASKS_PER_JOB``), it checks them here and
    no pool is started; otherwise it checks the first here and the rest in the pool.
    """
    tasks = iter(tasks)
    head = list(islice(tasks, 1 + MIN_TASKS_PER_JOB * jobs)) if jobs > 1 else []
    if jobs <= 1 or len(head) <= MIN_TASKS_PER_JOB * jobs:
        results: Iterable[ChunkResult | Failure] = (
            task if isinstance(task, Failure) else check_task(checker, task) for task in chain(head, tasks))
        yield from collector_resumed(checker.reduce(in_order(results), progress))
        return
    global _PARENT_MATCHER
    _PARENT_MATCHER = (setup.token, checker.matcher) if checker.matcher is not None else None
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(setup,))
    # The first task is checked here, before the pool forks its workers (at its first submit):
    # the English patterns of the terms it met are compiled once, and every worker inherits them.
    first = (task if isinstance(task, Failure) else check_task(checker, task) for task in head[:1])
    rest = submitted_in_order(chain(head[1:], tasks), lambda task: pool.submit(_run_task, task), Future.result,
                              window=jobs * 3)
    try:
        yield from collector_resumed(checker.reduce(in_order(chain(first, rest)), progress))
    except BaseException:
        _terminate_workers(pool)  # interrupted (SIGINT, SIGTERM) or failed: no worker outlives the run
        raise
    finally:
        # a signal met while the pool was starting (its workers forked, its manager thread not yet
        # started) leaves a thread that cannot be joined: shutting down then raised RuntimeError,
        # which replaced the interrupt ("internal error" instead of "interrupted", exit 3)
        with contextlib.suppress(RuntimeError):
            pool.shutdown(wait=True, cancel_futures=True)
        _PARENT_MATCHER = None  # workers fork on demand while the pool runs; after it, nothing may


def _terminate_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the pool's workers now, not after their current chunk (``shutdown`` alone waits)."""
    if sys.version_info >= (3, 14):
        pool.terminate_workers()
        return
    for process in list((pool._processes or {}).values()):  # the stdlib's own table before 3.14
        with contextlib.suppress(OSError, ValueError):
            process.terminate()
    for process in list((pool._processes or {}).values()):
        with contextlib.suppress(OSError, ValueError, AssertionError):
            process.join(5)


def submitted_in_order(tasks: Iterable[Task | Failure], submit: Callable[[Task], P],
                       collect: Callable[[P], ChunkResult], window: int) -> Iterator[ChunkResult | Failure]:
    """Results of ``tasks`` in task order, with at most ``window`` submitted and not yet
    collected (bounded memory); a ``Failure`` keeps its place. Every executor (this pool,
    Dask) collects through this one function: ``submit`` starts a task, ``collect`` waits for it.
    """
    pending: deque[P | Failure] = deque()
    for task in tasks:
        pending.append(task if isinstance(task, Failure) else submit(task))
        if len(pending) >= window:
            item = pending.popleft()
            yield item if isinstance(item, Failure) else collect(item)
    while pending:
        item = pending.popleft()
        yield item if isinstance(item, Failure) else collect(item)
