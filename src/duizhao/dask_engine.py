"""``duizhao check --engine dask --scheduler ADDRESS``: the same checks on a Dask cluster.

The client plans the inputs exactly as ``--jobs`` does (``parallel.plan``): a UTF-8 TSV file
becomes byte ranges that each worker reads itself from shared storage, so the client sends a
few dozen bytes per partition; other formats are read by the client and sent as batches.
The checker's recipe (rules and the loaded glossary) is scattered to every worker once and
each worker process builds its glossary matcher once.

Corpus rules run as a shuffle, so the client never holds their state: each partition's states
are split on its worker into ``parts`` pieces by key (a text's digest, a document:
``spill.SplitsState``); the pieces of one part are folded on the workers, in partition order,
``FOLD_EVERY`` at a time (and the folds likewise, a tree), and at the end each part is finished
on a worker. Only findings, counts and suppressions come back: per-pair findings with each
partition, corpus findings part by part at the end. The findings are identical to ``--jobs 1``.

Needs the optional extra ``duizhao[dask]`` (``dask[distributed]``).
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .engine import Checker, CheckSetup, ChunkResult, Progress
from .errors import UsageError
from .formats import ReadOptions
from .formats.tsv import TsvSlice
from .gcpolicy import collector_resumed
from .model import Finding
from .parallel import Failure, Task, check_task, in_order, plan, submitted_in_order
from .spill import MemoryBudget, Spilling, SplitsState

#: partitions in flight per worker thread: enough to keep workers busy, few enough to bound memory
IN_FLIGHT_PER_THREAD = 3
#: how long to wait for the scheduler before giving up with a usage error
CONNECT_TIMEOUT = "20s"
#: parts the corpus rules' state is shuffled into, per worker thread
PARTS_PER_THREAD = 2
#: a part's pieces are folded into one on a worker once this many are waiting, and so are the
#: folds (a tree: each record is moved and copied log16(partitions) times, the client holds at
#: most parts × FOLD_EVERY × levels futures, however many partitions the input has)
FOLD_EVERY = 16

# One checker per worker process, keyed by the setup's token: built on first use, then reused
# by every partition the worker runs (the glossary matcher is the expensive part).
_CHECKERS: dict[str, Checker] = {}


@dataclass
class Shuffled:
    """A partition's result on its worker: what the client gets (no states), and per part the
    corpus states' pieces (one per corpus rule) that stay on the cluster."""

    result: ChunkResult
    pieces: list[list[Any]]


def _client(scheduler: str | None) -> tuple[Any, bool]:
    try:
        from dask.distributed import Client
    except ImportError:
        raise UsageError("--engine dask needs the dask extra: pip install 'duizhao[dask]'") from None
    if not scheduler:
        raise UsageError("--engine dask needs --scheduler ADDRESS (e.g. tcp://scheduler:8786)")
    try:
        return Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False), True
    except OSError as error:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None


def _checker(setup: CheckSetup) -> Checker:
    checker = _CHECKERS.get(setup.token)
    if checker is None:
        checker = _CHECKERS[setup.token] = setup.build()
    return checker


def check_partition(setup: CheckSetup, task: Task, parts: int) -> Shuffled | Failure:
    """Run on a worker: check one partition with this process's cached checker, its corpus
    states split into ``parts`` pieces by key."""
    checker = _checker(setup)
    result = check_task(checker, task)
    if isinstance(result, Failure):
        return result
    pieces: list[list[Any]] = [[] for _ in range(parts)]
    for rule, state in zip(checker.corpus_rules, result.states, strict=True):
        if isinstance(rule, SplitsState):
            split = rule.split(state, parts)
        else:  # a rule that cannot split is finished whole, in part 0
            split = [state, *(rule.new_state() for _ in range(parts - 1))]
        for piece, part in zip(pieces, split, strict=True):
            piece.append(part)
    return Shuffled(replace(result, states=[]), pieces)


def _light(shuffled: Shuffled | Failure) -> ChunkResult | Failure:
    """What the client receives of a partition: its per-pair findings and counts, no state."""
    return shuffled if isinstance(shuffled, Failure) else shuffled.result


def _piece(shuffled: Shuffled | Failure, part: int) -> list[Any] | None:
    return None if isinstance(shuffled, Failure) else shuffled.pieces[part]


def fold_pieces(setup: CheckSetup, memory_limit: int | None, *pieces: list[Any] | None) -> list[Any] | None:
    """Run on a worker: one part's pieces (each a state per corpus rule), merged in partition order."""
    checker = _checker(setup)
    held = [piece for piece in pieces if piece is not None]
    if not held:
        return None
    merged = copy.deepcopy(held[0])  # a piece is a task's result: never changed in place
    MemoryBudget(memory_limit).bind(merged)  # a large part spills on the worker's disk
    for later in held[1:]:
        merged = [rule.merge(earlier, state)
                  for rule, earlier, state in zip(checker.corpus_rules, merged, later, strict=True)]
    return merged


def finish_part(setup: CheckSetup, memory_limit: int | None, *pieces: list[Any] | None) -> list[list[Finding]]:
    """Run on a worker: the corpus findings of one part, per corpus rule."""
    checker = _checker(setup)
    states = fold_pieces(setup, memory_limit, *pieces) or checker.new_states()
    try:
        return [list(rule.finish(state)) for rule, state in zip(checker.corpus_rules, states, strict=True)]
    finally:
        for state in states:
            if isinstance(state, Spilling):
                state.close()


class _Shuffle:
    """The client's side of the shuffle: per part, futures of its pieces in partition order, by
    level of folding (``held[part][level]``; a higher level holds earlier partitions)."""

    def __init__(self, client: Any, setup: Any, parts: int, memory_limit: int | None) -> None:
        self.client, self.setup, self.memory_limit = client, setup, memory_limit
        self.held: list[list[list[Any]]] = [[[]] for _ in range(parts)]

    def submit(self, task: Task) -> Any:
        return self.client.submit(check_partition, self.setup, task, len(self.held), pure=False)

    def collect(self, future: Any) -> ChunkResult:
        """A partition's light result; its pieces are handed to their parts (on the cluster)."""
        submit = self.client.submit
        try:
            for part, levels in enumerate(self.held):
                levels[0].append(submit(_piece, future, part, pure=False))
                for level, held in enumerate(levels):
                    if len(held) < FOLD_EVERY:
                        break
                    if level + 1 == len(levels):
                        levels.append([])
                    levels[level + 1].append(submit(fold_pieces, self.setup, self.memory_limit, *held, pure=False))
                    held.clear()
            light = submit(_light, future, pure=False)
            try:
                return light.result()
            finally:
                light.release()
        finally:
            future.release()

    def finish(self) -> Iterator[Finding]:
        """Every corpus finding, rule by rule (in the checker's order), part by part."""
        futures = [self.client.submit(finish_part, self.setup, self.memory_limit,
                                      *(piece for held in reversed(levels) for piece in held), pure=False)
                   for levels in self.held]
        self.release()
        by_part = []
        for future in futures:
            by_part.append(future.result())
            future.release()
        for rule_index in range(len(by_part[0]) if by_part else 0):
            for found in by_part:
                yield from found[rule_index]

    def release(self) -> None:
        for levels in self.held:
            for held in levels:
                for future in held:
                    future.release()
                held.clear()


def _for_workers(task: Task | Failure) -> Task | Failure:
    """Make a TSV slice's byte range absolute so workers find it on shared storage.

    The displayed file name (``TsvSlice.file``) stays as the user wrote it, so findings match
    a local run's.
    """
    if isinstance(task, TsvSlice) and not os.path.isabs(task.range.path):
        return replace(task, range=replace(task.range, path=os.path.abspath(task.range.path)))
    return task


def check_dask(checker: Checker, setup: CheckSetup, inputs: Sequence[Path], *, scheduler: str | None,
               encoding: str | None = None, format_name: str | None = None, progress: Progress | None = None,
               slice_bytes: int | None = None, options: ReadOptions | None = None) -> Iterator[Finding]:
    """Every finding for ``inputs``, checked on the cluster at ``scheduler`` and reduced into ``checker``."""
    client, owned = _client(scheduler)
    try:
        tasks = (_for_workers(task) for task in plan(inputs, encoding=encoding, format_name=format_name,
                                                     slice_bytes=slice_bytes, options=options))
        yield from shuffled_check(client, checker, setup, tasks, progress)
    finally:
        if owned:
            client.close()


def shuffled_check(client: Any, checker: Checker, setup: CheckSetup, tasks: Iterable[Task | Failure],
                   progress: Progress | None = None) -> Iterator[Finding]:
    """Every finding of ``tasks`` (anything with ``segments()``, made on the workers), checked on
    ``client``'s cluster: per-pair findings as partitions finish, corpus findings by shuffle."""
    threads = sum(client.nthreads().values()) or 1
    remote_setup = client.scatter(setup, broadcast=True, hash=False)
    shuffle = _Shuffle(client, remote_setup, threads * PARTS_PER_THREAD, checker.memory_limit)
    try:
        results = submitted_in_order(tasks, shuffle.submit, shuffle.collect, window=threads * IN_FLIGHT_PER_THREAD)
        yield from collector_resumed(checker.reduce(in_order(results), progress, corpus=shuffle.finish))
    finally:
        shuffle.release()
