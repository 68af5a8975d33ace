"""``duizhao check --engine dask --scheduler ADDRESS``: the same checks on a Dask cluster.

The client plans the inputs exactly as ``--jobs`` does (``parallel.plan``): a UTF-8 TSV file
becomes byte ranges that each worker reads itself from shared storage, so the client sends a
few dozen bytes per partition; other formats are read by the client and sent as batches.
The checker's recipe (rules and the loaded glossary) is scattered to every worker once and
each worker process builds its glossary matcher once. Partition results come back in input
order and corpus rules' states are reduced earlier-into-later, as in a local run: the findings
are identical to ``--jobs 1``.

Needs the optional extra ``duizhao[dask]`` (``dask[distributed]``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from .engine import Checker, CheckSetup, ChunkResult, Progress
from .errors import UsageError
from .formats import ReadOptions
from .formats.tsv import TsvSlice
from .gcpolicy import collector_resumed
from .model import Finding
from .parallel import Failure, Task, check_task, in_order, plan, submitted_in_order

#: partitions in flight per worker thread: enough to keep workers busy, few enough to bound memory
IN_FLIGHT_PER_THREAD = 3
#: how long to wait for the scheduler before giving up with a usage error
CONNECT_TIMEOUT = "20s"

# One checker per worker process, keyed by the setup's token: built on first use, then reused
# by every partition the worker runs (the glossary matcher is the expensive part).
_CHECKERS: dict[str, Checker] = {}


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


def check_partition(setup: CheckSetup, task: Task) -> ChunkResult | Failure:
    """Run on a worker: check one partition with this process's cached checker."""
    checker = _CHECKERS.get(setup.token)
    if checker is None:
        checker = _CHECKERS[setup.token] = setup.build()
    return check_task(checker, task)


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
        threads = sum(client.nthreads().values()) or 1
        remote_setup = client.scatter(setup, broadcast=True, hash=False)
        tasks = (_for_workers(task) for task in plan(inputs, encoding=encoding, format_name=format_name,
                                                     slice_bytes=slice_bytes, options=options))
        results = submitted_in_order(
            tasks, lambda task: client.submit(check_partition, remote_setup, task, pure=False), _collected,
            window=threads * IN_FLIGHT_PER_THREAD)
        yield from collector_resumed(checker.reduce(in_order(results), progress))
    finally:
        if owned:
            client.close()


def _collected(future: Any) -> ChunkResult:
    """A partition's result, its future released at once (the scheduler may forget it)."""
    try:
        return future.result()
    finally:
        future.release()
