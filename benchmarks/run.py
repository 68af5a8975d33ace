"""Throughput and peak memory of ``duizhao check``, beside two baselines measured in the same run.

For each size (20k, 200k, 1M pairs) and glossary (100 and 10,000 terms) it runs
``duizhao check FILE -g GLOSSARY -f json -o /dev/null --jobs J`` as a subprocess and reports
wall time, pairs/s and the peak resident memory of the whole process tree (the main process
plus its workers, sampled every 20 ms). Beside it, on the same files:

* (a) a bare Python loop that reads the file and splits each line on the tab: the floor any
  Python tool pays to see every pair;
* (b) translate-toolkit's ``pofilter`` (all its checks) on the 20k pairs converted to PO, and
  ``pofilter -t numbers`` (its numbers check alone, the nearest to what duizhao's figure rules
  do) on every file.

``--data`` picks the memories: ``repeated`` (``pairs-N.tsv``: real pairs drawn with repeats),
``distinct`` (``pairs-distinct-N.tsv``: no pair twice) and ``segments`` (``segments-distinct-N.tsv``:
two real pairs joined, distinct). ``--terms`` picks the glossaries by the part of their file
name after ``glossary-``: ``100``, ``10000`` (synthetic, mostly absent terms) and ``cedict-10000``
(10,000 dictionary terms, half occurring). ``pairs/CPU-s`` (pairs per CPU second, workers
included) is the per-core throughput, which other work on a shared machine stretches less
than wall time; ``load`` is the one-minute load average when the run started.

``--base SRC`` runs the ``src`` directory of another checkout (``PYTHONPATH``) beside this one,
alternating the two ``--rounds`` times, with its own glossary cache directory, so a change is
measured as a ratio in one series.

Inputs come from ``benchmarks/generate.py`` (run first). Nothing here is asserted: it prints
a Markdown table and writes ``benchmarks/_data/results.json``.

    python benchmarks/generate.py && python benchmarks/run.py
    python benchmarks/run.py --sizes 20000 200000 --jobs 2
    python benchmarks/run.py --data segments --sizes 200000 --terms cedict-10000 --base /tmp/base/src
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "_data"
BIN = Path(sys.executable).parent

BARE_LOOP = """
import sys
n = 0
with open(sys.argv[1], encoding="utf-8") as f:
    next(f)
    for line in f:
        zh, en = line.rstrip("\\n").split("\\t")
        n += 1
print(n)
"""


def measure(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> dict:
    """Wall seconds, CPU seconds and peak memory (MB) of the process tree of ``command``.

    CPU time (user + system, workers included) is reported beside wall time because other
    work on the machine stretches wall time but not CPU time. Memory is sampled every 20 ms
    as the sum of RSS over the tree (counts pages that forked workers share with the main
    process once per process: an upper bound) and, every 200 ms, as the sum of PSS (each
    shared page divided among its sharers: what the tree really occupies).
    """
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = peak_one = peak_pss = 0
    samples = 0
    while process.poll() is None:
        # PSS means walking every page table (/proc/PID/smaps_rollup): on 2 cores, doing that
        # 50 times a second for three processes slowed the run it measures by ~10%; RSS is cheap
        with_pss = samples % 10 == 0
        samples += 1
        try:
            procs = [process, *process.children(recursive=True)]
            sizes, shares = [], []
            for proc in procs:
                with contextlib.suppress(psutil.Error):
                    info = proc.memory_full_info() if with_pss else proc.memory_info()
                    sizes.append(info.rss)
                    shares.append(getattr(info, "pss", info.rss))
            peak_tree = max(peak_tree, sum(sizes))
            peak_one = max(peak_one, max(sizes, default=0))
            if with_pss:
                peak_pss = max(peak_pss, sum(shares))
        except psutil.Error:
            pass
        time.sleep(0.02)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return {"wall": wall, "cpu": cpu, "rss_mb": peak_tree / 2**20, "rss_max_process_mb": peak_one / 2**20,
            "pss_mb": peak_pss / 2**20, "load": load}


def to_po(tsv: Path, po: Path) -> None:
    """The pairs as PO units (msgctxt = line number keeps repeated sources distinct)."""

    def quote(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    with tsv.open(encoding="utf-8") as src, po.open("w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n')
        next(src)
        for lineno, line in enumerate(src, start=2):
            zh, en = line.rstrip("\n").split("\t")
            out.write(f"msgctxt {quote(str(lineno))}\nmsgid {quote(zh)}\nmsgstr {quote(en)}\n\n")


def pairs_in(path: Path) -> int:
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1


def row(name: str, pairs: int, result: dict) -> dict:
    return {"run": name, "pairs": pairs, **result, "pairs_per_s": pairs / result["wall"],
            "pairs_per_cpu_s": pairs / result["cpu"] if result["cpu"] else 0.0}


#: ``--data`` name → the file name of a memory of N pairs
DATA_FILES = {"repeated": "pairs-{}.tsv", "distinct": "pairs-distinct-{}.tsv", "segments": "segments-distinct-{}.tsv"}


def environment(src: Path | None, cache: Path) -> dict[str, str]:
    """The environment of a run of the tree at ``src`` (``None``: this one), with its own glossary cache."""
    env = dict(os.environ, DUIZHAO_CACHE_DIR=str(cache))
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000, 1_000_000])
    parser.add_argument("--data", nargs="+", choices=sorted(DATA_FILES), default=["repeated"])
    parser.add_argument("--terms", nargs="+", default=["100", "10000"],
                        help="glossaries: benchmarks/_data/glossary-NAME.yaml (100, 10000, cedict-10000)")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--base", type=Path, help="the src directory of a checkout to measure beside this one")
    parser.add_argument("--rounds", type=int, default=1, help="alternations of this tree and --base")
    parser.add_argument("--no-pofilter", action="store_true")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare read-and-split loop")
    parser.add_argument("--cold", action="store_true",
                        help="no glossary disk cache (DUIZHAO_NO_CACHE=1): every run parses the glossary YAML")
    parser.add_argument("--results", type=Path, default=DATA / "results.json", help="where to write the figures")
    args = parser.parse_args()

    trees: list[tuple[str, Path | None]] = [("", None)]
    if args.base is not None:
        trees = [("", None), ("base ", args.base.resolve())]
    envs = {label: environment(src, DATA / f"cache-{label.strip() or 'head'}") for label, src in trees}
    results: list[dict] = []
    if args.cold:
        for env in envs.values():
            env["DUIZHAO_NO_CACHE"] = "1"
    else:  # what every run after the first sees: the parsed glossary and the dictionary in the disk cache
        few_pairs = DATA / "warm-up.tsv"
        with few_pairs.open("w", encoding="utf-8") as out:  # pairs that make the rules load what they load
            out.write("zh\ten\n")
            for data in args.data:
                tsv = DATA / DATA_FILES[data].format(args.sizes[0])
                if tsv.exists():
                    with tsv.open(encoding="utf-8") as lines:
                        out.writelines(islice(lines, 1, 200))
        for env in envs.values():
            for terms in args.terms:
                warm = [sys.executable, "-m", "duizhao", "check", str(few_pairs), "-g",
                        str(DATA / f"glossary-{terms}.yaml"), "-o", os.devnull, "--fail-on", "never", "--jobs", "1"]
                subprocess.run(warm, check=True, stdout=subprocess.DEVNULL, env=env)
    pofilter = None if args.no_pofilter else shutil.which("pofilter", path=str(BIN)) or shutil.which("pofilter")
    if not args.no_pofilter and pofilter is None:
        print("pofilter not found: pip install translate-toolkit", file=sys.stderr)
    for data in args.data:
        for size in args.sizes:
            tsv = DATA / DATA_FILES[data].format(size)
            if not tsv.exists():
                raise SystemExit(f"{tsv} is missing: run benchmarks/generate.py first")
            pairs = pairs_in(tsv)
            po = DATA / f"{tsv.stem}.po"
            if pofilter:
                to_po(tsv, po)
            for round_ in range(args.rounds):
                suffix = f" (round {round_ + 1})" if args.rounds > 1 else ""
                if not args.no_bare:
                    bare = measure([sys.executable, "-c", BARE_LOOP, str(tsv)])
                    results.append(row(f"bare read+split {data} {size}{suffix}", pairs, bare))
                    print(_line(results[-1]), flush=True)
                if pofilter:
                    out = DATA / "pofilter-out.po"
                    measured = measure([pofilter, "-t", "numbers", "-i", str(po), "-o", str(out)])
                    results.append(row(f"pofilter -t numbers {data} {size}{suffix}", pairs, measured))
                    print(_line(results[-1]), flush=True)
                for terms in args.terms:
                    glossary = DATA / f"glossary-{terms}.yaml"
                    for jobs in args.jobs:
                        for label, _ in trees:
                            command = [sys.executable, "-m", "duizhao", "check", str(tsv), "-g", str(glossary),
                                       "-f", "json", "-o", os.devnull, "--fail-on", "never", "--jobs", str(jobs)]
                            name = f"{label}duizhao {data} {size} × {terms} terms, --jobs {jobs}{suffix}"
                            results.append(row(name, pairs, measure(command, DATA, envs[label])))
                            print(_line(results[-1]), flush=True)
            if pofilter and size == 20_000 and data == "repeated":
                out = DATA / "pofilter-out.po"
                measured = measure([pofilter, "-i", str(po), "-o", str(out)])
                results.append(row(f"pofilter {size} (all checks)", pairs, measured))
                print(_line(results[-1]), flush=True)
    print()
    print(table(results))
    args.results.write_text(json.dumps(results, indent=2), encoding="utf-8")


def _line(result: dict) -> str:
    return (f"{result['run']}: {result['wall']:.2f} s, {result['pairs_per_s']:,.0f} pairs/s, "
            f"{result['cpu']:.1f} s CPU, {result['rss_mb']:.0f} MB, load {result['load']:.1f}")


def _series(name: str) -> str:
    """A run's name without its round and tree: what rounds of one measurement share."""
    return name.split(" (round ")[0].removeprefix("base ")


def table(results: list[dict]) -> str:
    lines = ["| run | pairs | wall (s) | pairs/s | pairs/CPU-s | CPU (s) | peak RSS, all processes (MB) "
             "| peak PSS, all processes (MB) | largest process (MB) | load |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['run']} | {r['pairs']:,} | {r['wall']:.2f} | {r['pairs_per_s']:,.0f} | "
                     f"{r['pairs_per_cpu_s']:,.0f} | {r['cpu']:.1f} | {r['rss_mb']:.0f} | "
                     f"{r.get('pss_mb', r['rss_mb']):.0f} | {r['rss_max_process_mb']:.0f} | {r['load']:.1f} |")
    # medians over rounds, so the ratios below compare like with like
    grouped: dict[str, list[dict]] = {}
    for r in results:
        grouped.setdefault(("base " if r["run"].startswith("base ") else "") + _series(r["run"]), []).append(r)
    by_name = {name: _median(rows) for name, rows in grouped.items()}
    ratios = []
    for name, r in by_name.items():
        if not name.startswith("duizhao"):
            continue
        _, data, size = name.split()[:3]
        numbers = by_name.get(f"pofilter -t numbers {data} {size}")
        if numbers:
            ratios.append(f"- {name}: {r['pairs_per_s'] / numbers['pairs_per_s']:.2f}× pofilter -t numbers' pairs/s")
        if data == "repeated" and size == "20000" and "pofilter 20000 (all checks)" in by_name:
            everything = by_name["pofilter 20000 (all checks)"]
            ratios.append(f"- {name}: {r['pairs_per_s'] / everything['pairs_per_s']:.1f}× pofilter's pairs/s")
        if " 10000 terms" in name:
            small = by_name.get(name.replace(" 10000 terms", " 100 terms"))
            if small:
                ratios.append(f"- {name}: {r['wall'] / small['wall']:.2f}× the wall time with 100 terms")
        bare = by_name.get(f"bare read+split {data} {size}")
        if bare:
            ratios.append(f"- {name}: {r['pairs_per_s'] / bare['pairs_per_s']:.3f}× the bare loop's pairs/s")
        base = by_name.get("base " + name)
        if base:
            ratios.append(f"- {name}: {r['wall'] / base['wall']:.2f}× the base's wall time, "
                          f"{r['cpu'] / base['cpu']:.2f}× its CPU, {r['rss_mb'] / base['rss_mb']:.2f}× its peak RSS")
        if name.endswith("--jobs 2"):
            one = by_name.get(name.replace("--jobs 2", "--jobs 1"))
            if one:
                ratios.append(f"- {name}: {r['wall'] / one['wall']:.2f}× the wall time of --jobs 1")
    return "\n".join([*lines, "", "Medians over rounds:" if len(results) > len(by_name) else "", *ratios])


def _median(rows: list[dict]) -> dict:
    ordered = sorted(rows, key=lambda r: r["wall"])
    return ordered[len(ordered) // 2]


if __name__ == "__main__":
    main()
