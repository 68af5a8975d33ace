"""Throughput and peak memory of ``duizhao check``, beside two baselines measured in the same run.

For each size (20k, 200k, 1M pairs) and glossary (100 and 10,000 terms) it runs
``duizhao check FILE -g GLOSSARY -f json -o /dev/null --jobs J`` as a subprocess and reports
wall time, pairs/s and the peak resident memory of the whole process tree (the main process
plus its workers, sampled every 20 ms). Beside it, on the same files:

* (a) a bare Python loop that reads the file and splits each line on the tab: the floor any
  Python tool pays to see every pair;
* (b) translate-toolkit's ``pofilter`` (all its checks) on the 20k pairs converted to PO.

Inputs come from ``benchmarks/generate.py`` (run first). Nothing here is asserted: it prints
a Markdown table and writes ``benchmarks/_data/results.json``.

    python benchmarks/generate.py && python benchmarks/run.py
    python benchmarks/run.py --sizes 20000 200000 --jobs 2
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


def measure(command: list[str], cwd: Path | None = None) -> dict:
    """Wall seconds, CPU seconds and peak memory (MB) of the process tree of ``command``.

    CPU time (user + system, workers included) is reported beside wall time because other
    work on the machine stretches wall time but not CPU time. Memory is sampled every 20 ms
    as the sum of RSS over the tree (counts pages that forked workers share with the main
    process once per process: an upper bound) and, every 200 ms, as the sum of PSS (each
    shared page divided among its sharers: what the tree really occupies).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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
            "pss_mb": peak_pss / 2**20}


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
    return {"run": name, "pairs": pairs, **result, "pairs_per_s": pairs / result["wall"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 200_000, 1_000_000])
    parser.add_argument("--terms", type=int, nargs="+", default=[100, 10_000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-pofilter", action="store_true")
    parser.add_argument("--cold", action="store_true",
                        help="no glossary disk cache (DUIZHAO_NO_CACHE=1): every run parses the glossary YAML")
    parser.add_argument("--results", type=Path, default=DATA / "results.json", help="where to write the figures")
    args = parser.parse_args()

    duizhao = str(BIN / "duizhao")
    results: list[dict] = []
    if args.cold:
        os.environ["DUIZHAO_NO_CACHE"] = "1"
    else:  # what every run after the first sees: the parsed glossary in the disk cache
        one_pair = DATA / "warm-up.tsv"
        one_pair.write_text("zh\ten\n你好\tHello\n", encoding="utf-8")
        for terms in args.terms:
            warm = [duizhao, "check", str(one_pair), "-g", str(DATA / f"glossary-{terms}.yaml"),
                    "-o", os.devnull, "--fail-on", "never", "--jobs", "1"]
            subprocess.run(warm, check=True, stdout=subprocess.DEVNULL)
    for size in args.sizes:
        tsv = DATA / f"pairs-{size}.tsv"
        if not tsv.exists():
            raise SystemExit(f"{tsv} is missing: run benchmarks/generate.py first")
        pairs = pairs_in(tsv)
        results.append(row(f"bare read+split {size}", pairs, measure([sys.executable, "-c", BARE_LOOP, str(tsv)])))
        for terms in args.terms:
            glossary = DATA / f"glossary-{terms}.yaml"
            for jobs in args.jobs:
                command = [duizhao, "check", str(tsv), "-g", str(glossary), "-f", "json", "-o", os.devnull,
                           "--fail-on", "never", "--jobs", str(jobs)]
                results.append(row(f"duizhao {size} × {terms} terms, --jobs {jobs}", pairs, measure(command, DATA)))
                print(_line(results[-1]), flush=True)
        if size == 20_000 and not args.no_pofilter:
            pofilter = shutil.which("pofilter", path=str(BIN)) or shutil.which("pofilter")
            if pofilter:
                po = DATA / f"pairs-{size}.po"
                to_po(tsv, po)
                out = DATA / "pofilter-out.po"
                measured = measure([pofilter, "-i", str(po), "-o", str(out)])
                results.append(row(f"pofilter {size} (all checks)", pairs, measured))
                print(_line(results[-1]), flush=True)
            else:
                print("pofilter not found: pip install translate-toolkit", file=sys.stderr)
    print()
    print(table(results))
    args.results.write_text(json.dumps(results, indent=2), encoding="utf-8")


def _line(result: dict) -> str:
    return (f"{result['run']}: {result['wall']:.2f} s, {result['pairs_per_s']:,.0f} pairs/s, "
            f"{result['cpu']:.1f} s CPU, {result['rss_mb']:.0f} MB")


def table(results: list[dict]) -> str:
    lines = ["| run | pairs | wall (s) | pairs/s | CPU (s) | peak RSS, all processes (MB) "
             "| peak PSS, all processes (MB) | largest process (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['run']} | {r['pairs']:,} | {r['wall']:.2f} | {r['pairs_per_s']:,.0f} | {r['cpu']:.1f} | "
                     f"{r['rss_mb']:.0f} | {r.get('pss_mb', r['rss_mb']):.0f} | {r['rss_max_process_mb']:.0f} |")
    by_name = {r["run"]: r for r in results}
    pofilter = next((r for r in results if r["run"].startswith("pofilter")), None)
    ratios = []
    if pofilter:
        for r in results:
            if r["run"].startswith("duizhao 20000 "):
                ratios.append(f"- {r['run']}: {r['pairs_per_s'] / pofilter['pairs_per_s']:.1f}× pofilter's pairs/s")
    for r in results:
        if r["run"].startswith("duizhao") and " 10000 terms" in r["run"]:
            small = by_name.get(r["run"].replace(" 10000 terms", " 100 terms"))
            if small:
                ratios.append(f"- {r['run']}: {r['wall'] / small['wall']:.2f}× the wall time with 100 terms")
        if r["run"].startswith("duizhao"):
            size = r["run"].split()[1]
            bare = by_name.get(f"bare read+split {size}")
            if bare:
                ratios.append(f"- {r['run']}: {r['pairs_per_s'] / bare['pairs_per_s']:.3f}× the bare loop's pairs/s")
    return "\n".join([*lines, "", *ratios])


if __name__ == "__main__":
    main()
