"""Wall time and peak RSS of the ``duizhao align`` CLI on a document-scale input, against a baseline.

Writes a deterministic source/draft pair of about 5,000 × 5,000 sentences: the WMT21–23 zh→en
test sets (../shared/data) concatenated as one long document, damaged with fixed seed as
``align_quality.py`` damages its documents (dropped, added and merged sentences), one sentence
of the test sets per line (the CLI splits them; the size counts split sentences, at least that
many on each side; galechurch gets the same split sentences). Then it runs, in alternating
rounds so all see the same machine load,

* ``duizhao align`` of this checkout (``src``),
* the same command of another checkout (``--baseline SRC``, e.g. main at an older commit),
* optionally the ``galechurch`` package on the same sentences (``--galechurch``; not a
  dependency: ``pip install galechurch`` for the benchmark only),

each as a child process, and reports wall time and peak RSS (``wait4``'s ``ru_maxrss``) per run,
the medians and the ratios. The machine may be shared: compare ratios, not seconds.

    python benchmarks/align_speed.py --baseline /tmp/align-base/src --rounds 3 --galechurch
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from align_quality import SETS, damage, load_pairs  # noqa: E402

SRC = HERE.parent / "src"

_GALECHURCH = """
import sys
import galechurch
zh = open(sys.argv[1], encoding="utf-8").read().splitlines()
en = open(sys.argv[2], encoding="utf-8").read().splitlines()
ratio = sum(len(s.replace(" ", "")) for s in zh) / max(1, sum(len(s.replace(" ", "")) for s in en))
result = galechurch.align(zh, en, mean_xy=ratio)
with open(sys.argv[3], "w", encoding="utf-8") as out:
    for b in result.beads:
        out.write(f"{b.source_start} {b.source_end} {b.target_start} {b.target_end}\\n")
"""


def _count(lines: list[str], lang: str) -> int:
    """Sentences the CLI finds in these lines (Chinese lines may run on into the next)."""
    from duizhao.split import split_lines

    return sum(1 for _ in split_lines(enumerate(lines, start=1), lang))


def sentences(size: int, seed: int) -> tuple[list[str], list[str]]:
    """Lines of a source and its damaged English draft holding at least ``size`` sentences each,
    as the CLI splits them, cut at a bead boundary."""
    pairs = []
    for name in SETS:
        pairs += load_pairs(name)
    pairs = (pairs * (1 + 2 * size // len(pairs)))[: 2 * size]
    zh, en, gold = damage(pairs, random.Random(seed))
    beads = sorted(gold)
    lo, hi = 0, len(beads)  # the fewest beads whose sentences reach the size on both sides
    while lo < hi:
        mid = (lo + hi) // 2
        end_zh, end_en = beads[mid][0][1], beads[mid][1][1]
        if min(_count(zh[:end_zh], "zh"), _count(en[:end_en], "en")) >= size:
            hi = mid
        else:
            lo = mid + 1
    last = beads[min(lo, len(beads) - 1)]
    return zh[: last[0][1]], en[: last[1][1]]


def write_input(directory: Path, size: int, seed: int) -> tuple[Path, Path]:
    zh, en = sentences(size, seed)
    zh_path, en_path = directory / "source.zh.txt", directory / "draft.en.txt"
    zh_path.write_text("\n".join(zh) + "\n", encoding="utf-8")
    en_path.write_text("\n".join(en) + "\n", encoding="utf-8")
    from duizhao.align import read_sentences

    for path, lang in ((zh_path, "zh"), (en_path, "en")):  # galechurch's input: one sentence a line
        split = "\n".join(s.text for s in read_sentences(path, lang)) + "\n"
        path.with_suffix(".split").write_text(split, encoding="utf-8")
    return zh_path, en_path


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    err = process.stderr.read().decode() if process.stderr else ""
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=5000, help="sentences per side")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="the src directory of the checkout to compare with")
    parser.add_argument("--galechurch", action="store_true", help="time the galechurch package too")
    parser.add_argument("--keep", type=Path, help="write the input and outputs here and keep them")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        directory = args.keep or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        zh_path, en_path = write_input(directory, args.size, args.seed)
        from duizhao.align import read_sentences

        n, m = len(read_sentences(zh_path, "zh")), len(read_sentences(en_path, "en"))
        print(f"input: {n} zh x {m} en sentences ({zh_path}, {en_path}); load: {os.getloadavg()[0]:.2f}")
        variants: dict[str, list[str] | None] = {"this": [str(SRC)]}
        if args.baseline:
            variants["baseline"] = [str(args.baseline)]
        if args.galechurch:
            variants["galechurch"] = None
        # the dictionary cache is warmed once by each variant before timing (a first run builds it)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
        for round_ in range(args.rounds + 1):
            for name, path in variants.items():
                # each its own dictionary cache: an entry is keyed by lexicon.py, which may differ
                env = {**os.environ, "DUIZHAO_CACHE_DIR": str(directory / f"cache.{name}")}
                out = directory / f"out.{name}.tsv"
                if path is None:
                    command = [sys.executable, "-c", _GALECHURCH, str(zh_path.with_suffix(".split")),
                               str(en_path.with_suffix(".split")), str(out)]
                else:
                    env["PYTHONPATH"] = path[0]
                    command = [sys.executable, "-m", "duizhao", "align", str(zh_path), str(en_path), "-o", str(out)]
                wall, rss = run(command, env)
                if round_:  # round 0 warms caches
                    results[name].append((wall, rss))
                    print(f"round {round_} {name:10} {wall:7.2f} s {rss:7.1f} MB", flush=True)
        print(f"{'variant':10} {'median s':>9} {'peak MB':>8}")
        medians = {name: (statistics.median(w for w, _ in rows), max(r for _, r in rows))
                   for name, rows in results.items()}
        for name, (wall, rss) in medians.items():
            print(f"{name:10} {wall:9.2f} {rss:8.1f}")
        for other in medians:
            if other != "this":
                print(f"this / {other}: time {medians['this'][0] / medians[other][0]:.3f},"
                      f" peak RSS {medians['this'][1] / medians[other][1]:.3f}")
        print(f"load at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
