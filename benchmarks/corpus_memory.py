"""Peak memory of the corpus rules' state on N distinct pairs (the consistency rules' worst case).

A translation memory of distinct pairs gives the consistency rules (``segment-inconsistent``,
``target-inconsistent``, ``term-inconsistent``) one key per pair: their state grows with the
corpus, and nothing else in a run does. This runs only those rules, in this process, over N
pairs made on the fly (real WMT / bundled pairs, each with a serial number on both sides so no
two are alike, and every 1,000th pair given a second rendering so there are findings), and
prints the peak RSS above the process's RSS before the run (the state, the findings and the
transient cost of finishing), the wall time and the number of findings, as JSON.

    python benchmarks/corpus_memory.py --pairs 1000000
    python benchmarks/corpus_memory.py --pairs 1000000 --memory-limit 64M

Run each configuration in its own process (the script is that process): ``ru_maxrss`` is a
high-water mark. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import inspect
import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from duizhao.engine import Checker, build_rules  # noqa: E402
from duizhao.glossary import TermMatcher, load_glossary  # noqa: E402
from duizhao.model import DocumentInfo, Segment  # noqa: E402
from generate import base_pairs  # noqa: E402  (benchmarks/ is not a package)

CORPUS_RULES = ("segment-inconsistent", "target-inconsistent", "term-inconsistent")


def distinct_segments(count: int, seed: int = 0) -> Iterator[Segment]:
    """``count`` pairs no two of which are alike (a serial on both sides), in one TSV-like document."""
    pairs = base_pairs()
    doc = DocumentInfo("memory", "memory.tsv")
    for i in range(count):
        first = i - 999 if i % 1000 == 999 else i  # every 1,000th repeats a source, translated differently
        zh, en = pairs[(first * 7919 + seed) % len(pairs)]
        yield Segment(str(i + 2), f"{zh}（第{first}号）", f"{en} (No. {i})", doc, i + 2)


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--memory-limit", help="the checker's corpus-state budget (e.g. 64M), when it takes one")
    args = parser.parse_args()
    matcher = TermMatcher(load_glossary(ROOT / "glossary"))
    kwargs = {}
    if args.memory_limit is not None:
        if "memory_limit" not in inspect.signature(Checker).parameters:
            raise SystemExit("this checker takes no memory limit")
        from duizhao.spill import parse_size

        kwargs["memory_limit"] = parse_size(args.memory_limit)
    checker = Checker(build_rules(select=CORPUS_RULES), matcher, **kwargs)
    list(checker.run(distinct_segments(2000, seed=1)))  # warm up: OpenCC, the automaton, lazy imports
    checker = Checker(build_rules(select=CORPUS_RULES), matcher, **kwargs)
    before = rss_mb()
    started = time.perf_counter()
    findings = sum(1 for _ in checker.run(distinct_segments(args.pairs)))
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"pairs": args.pairs, "memory_limit": args.memory_limit, "findings": findings,
                      "rss_before_mb": round(before), "peak_rss_mb": round(peak),
                      "state_peak_mb": round(peak - before), "wall_s": round(wall, 1)}))


if __name__ == "__main__":
    main()
