"""Export 1,000,000 pairs as TMX: wall time and peak memory against plain TSV in the same run.

Each measurement runs in its own child process so that peak RSS (``ru_maxrss``) is that of
one export alone. Baselines, measured in the same run on the same generated pairs:
``generate`` (build the Segment stream and discard it: the cost no writer can avoid) and
``tsv`` (TsvWriter: the simplest possible writer). ``tmx-read`` streams the exported TMX
back through TmxReader, to show import does not grow with the file either.

    python benchmarks/export_scale.py [--pairs 1000000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from duizhao.model import DocumentInfo, Segment

ZH = "数据中心集群建设快速推进，年用电量突破{n}亿千瓦时，新质生产力加快形成“四大赛道”𠀀。"
EN = ("Construction of the data-centre cluster advanced rapidly, with annual power use exceeding {n} "
      "hundred million kWh & new quality productive forces taking shape <fast>.")


def pairs(count: int) -> Iterator[Segment]:
    docs = [DocumentInfo(id=f"doc-{d:03d}", file=f"corpus/doc-{d:03d}.yaml", title=f"文件 {d}") for d in range(100)]
    for n in range(count):
        yield Segment(id=f"s{n:07d}", zh=ZH.format(n=n), en=EN.format(n=n), doc=docs[n % 100], line=n + 1)


def child(mode: str, count: int, directory: Path) -> dict[str, float]:
    started = time.perf_counter()
    if mode == "generate":
        written = sum(1 for _ in pairs(count))
        size = 0
    elif mode == "tmx-read":
        from duizhao.formats.tmx import TmxReader

        written = sum(1 for _ in TmxReader().read(directory / "out.tmx"))
        size = (directory / "out.tmx").stat().st_size
    else:
        from duizhao.formats import WRITERS

        path = directory / f"out.{mode}"
        written = WRITERS[mode]().write(pairs(count), path)
        size = path.stat().st_size
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {"mode": mode, "pairs": written, "seconds": round(elapsed, 2), "peak_rss_mib": round(peak_kib / 1024, 1),
            "bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.pairs, args.dir)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        results = {}
        for mode in ("generate", "tsv", "tmx", "tmx-read"):
            out = subprocess.run([sys.executable, __file__, "--child", mode, "--pairs", str(args.pairs),
                                  "--dir", str(directory)], check=True, capture_output=True, text=True,
                                 env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"})
            results[mode] = json.loads(out.stdout)
    base, tsv = results["generate"], results["tsv"]
    print(f"{'mode':10} {'pairs':>9} {'seconds':>8} {'peak RSS MiB':>13} {'file MiB':>9}  vs tsv (time, RSS)")
    for mode, r in results.items():
        ratio = f"{r['seconds'] / tsv['seconds']:.2f}x, {r['peak_rss_mib'] / tsv['peak_rss_mib']:.2f}x"
        print(f"{mode:10} {r['pairs']:>9} {r['seconds']:>8.2f} {r['peak_rss_mib']:>13.1f} "
              f"{r['bytes'] / 2**20:>9.1f}  {ratio}")
    tmx = results["tmx"]
    print(f"TMX export beyond generating the pairs: {tmx['seconds'] - base['seconds']:.2f}s "
          f"(TSV: {tsv['seconds'] - base['seconds']:.2f}s); peak RSS over the generator alone: "
          f"{tmx['peak_rss_mib'] - base['peak_rss_mib']:+.1f} MiB"
          f" (TSV {tsv['peak_rss_mib'] - base['peak_rss_mib']:+.1f} MiB)")


if __name__ == "__main__":
    main()
