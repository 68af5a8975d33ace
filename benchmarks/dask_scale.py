"""The Dask client's peak memory on a simulated corpus of N distinct pairs made on the workers.

Nothing is read: each partition is a ``GeneratedPairs`` task (a seed, an index, a count) whose
``segments()`` makes its pairs on the worker, so the client sends a few bytes per partition
and any memory growth in the client is the engine's. Pairs are distinct (a serial number on
both sides) except every 1,000th, which repeats an earlier source with another translation,
so the consistency rules (the only rules run: they are the state that grows with the corpus)
find N/1000 inconsistencies. The scheduler and the workers are separate processes
(``dask scheduler`` / ``dask worker``), so the client's RSS is the client's alone.

``--mode shuffle`` is the engine (``dask_engine.shuffled_check``); ``--mode merge`` is the
engine before it, every partition's state sent to the client and merged there
(``Checker.reduce``), kept here as the baseline. Prints one JSON line per run: pairs, findings,
wall seconds, the client's peak RSS (sampled every 20 ms) and the workers' peak RSS.

    python benchmarks/dask_scale.py --pairs 1000000 --mode shuffle
    python benchmarks/dask_scale.py --pairs 1000000 --mode merge
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

from duizhao.engine import CheckSetup
from duizhao.model import DocumentInfo, Segment

BIN = Path(sys.executable).parent
RULES = ("segment-inconsistent", "target-inconsistent")
ZH_WORDS = ["推进", "高质量", "发展", "全面", "深化", "改革", "扩大", "开放", "乡村", "振兴", "科技", "创新", "生态",
            "文明", "建设", "民生", "保障", "城市", "更新", "产业"]
EN_WORDS = ["advance", "high-quality", "development", "comprehensive", "deepen", "reform", "expand", "opening",
            "rural", "revitalization", "technology", "innovation", "ecological", "civilization", "build",
            "livelihood", "security", "urban", "renewal", "industry"]


@dataclass(frozen=True)
class GeneratedPairs:
    """``count`` pairs of partition ``index``, made from ``seed`` where the task runs (a ``parallel.Task``)."""

    seed: int
    index: int
    count: int

    def segments(self) -> Iterator[Segment]:
        doc = DocumentInfo("generated", "generated.tsv")
        first = self.index * self.count
        for n in range(first, first + self.count):
            source = n - 999 if n % 1000 == 999 else n  # every 1,000th: an earlier source, translated anew
            words = random.Random(self.seed * 1_000_003 + source).sample(range(len(ZH_WORDS)), 6)
            zh = "".join(ZH_WORDS[w] for w in words) + f"第{source}号。"
            en = " ".join(EN_WORDS[w] for w in words).capitalize() + f", item {n}."
            yield Segment(str(n + 2), zh, en, doc, n + 2)


def check_merged(setup: CheckSetup, task: GeneratedPairs):  # the engine before the shuffle, on a worker
    from duizhao.dask_engine import _checker
    from duizhao.parallel import check_task

    return check_task(_checker(setup), task)


def run(client, mode: str, pairs: int, per_task: int, seed: int) -> dict:
    from duizhao.dask_engine import IN_FLIGHT_PER_THREAD, shuffled_check
    from duizhao.parallel import in_order, submitted_in_order

    setup = CheckSetup(select=RULES)
    checker = setup.build()
    tasks = (GeneratedPairs(seed, i, per_task) for i in range(pairs // per_task))
    if mode == "shuffle":
        findings = shuffled_check(client, checker, setup, tasks)
    else:
        threads = sum(client.nthreads().values()) or 1
        remote = client.scatter(setup, broadcast=True, hash=False)

        def collected(future):
            try:
                return future.result()
            finally:
                future.release()

        results = submitted_in_order(tasks, lambda task: client.submit(check_merged, remote, task, pure=False),
                                     collected, window=threads * IN_FLIGHT_PER_THREAD)
        findings = checker.reduce(in_order(results))
    return {"findings": sum(1 for _ in findings), "segments": checker.stats.segments}


class PeakRss:
    """The peak RSS (MB) of some processes, sampled every 20 ms in a thread."""

    def __init__(self, processes) -> None:
        self.processes, self.peak, self._stop = processes, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            for process in self.processes():
                with contextlib.suppress(psutil.Error):
                    self.peak = max(self.peak, process.memory_info().rss / 2**20)
            self._stop.wait(0.02)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--per-task", type=int, default=20_000, help="pairs per partition")
    parser.add_argument("--mode", choices=("shuffle", "merge"), default="shuffle")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    from dask.distributed import Client

    with tempfile.TemporaryDirectory() as tmp:
        scheduler_file = os.path.join(tmp, "scheduler.json")
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        cluster = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--scheduler-file", scheduler_file,
                                     "--no-dashboard", "--port", "0"], **quiet)]
        try:
            while not os.path.exists(scheduler_file):
                time.sleep(0.1)
            cluster.append(subprocess.Popen([str(BIN / "dask"), "worker", "--scheduler-file", scheduler_file,
                                             "--nworkers", str(args.workers), "--nthreads", "1", "--no-dashboard",
                                             "--memory-limit", "0", "--local-directory", tmp], **quiet))
            with Client(scheduler_file=scheduler_file) as client:
                client.wait_for_workers(args.workers, timeout=60)
                workers = psutil.Process(cluster[1].pid)
                with PeakRss(lambda: [psutil.Process()]) as driver, \
                        PeakRss(lambda: workers.children(recursive=True)) as worker:
                    started = time.perf_counter()
                    result = run(client, args.mode, args.pairs, args.per_task, args.seed)
                    wall = time.perf_counter() - started
        finally:
            for process in reversed(cluster):
                process.terminate()
                process.wait(30)
    print(json.dumps({"mode": args.mode, "pairs": args.pairs, **result, "wall_s": round(wall, 1),
                      "client_peak_rss_mb": round(driver.peak), "worker_peak_rss_mb": round(worker.peak)}))


if __name__ == "__main__":
    main()
