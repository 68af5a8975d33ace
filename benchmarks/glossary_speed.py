"""Glossary speed: loading through the disk cache, and English term matching against a baseline.

Run: ``python benchmarks/glossary_speed.py [--base SRC] [--rounds N] [--skip-load] [--skip-match]``

Loading. ``load_glossary`` of benchmarks/_data/glossary-10000.yaml (and glossary-100.yaml) in
fresh processes: with the cache off (``DUIZHAO_NO_CACHE=1``), on a miss (an empty cache
directory: parse and store) and on a hit, best of ``--rounds``; plus the wall time of a whole
``duizhao check`` of one pair, cache off against cache on, with each glossary.

Matching. ``--base`` is the ``src`` directory of a checkout to compare with (default: a
worktree at ``/tmp/glossary-base``, made with ``git worktree add /tmp/glossary-base HEAD``).
Each tree runs in its own process (``PYTHONPATH``) over the distinct pairs of each data set:
the Chinese hits (``find_zh``), the English hits (``find_en``) of every term the Chinese
contains and of the terms of the previous pair (mostly absent renderings: the no-match
path), and ``find_forbidden_everywhere``. Every hit (term, start, end, kind, rendering) must
be identical; the exit status is 1 when any differs. Then the time of those ``find_en``
calls per pair, first pass (patterns compiled on first use) and warm (best of ``--rounds``).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks" / "_data"
SHARED = ROOT / ".." / "shared" / "data"
G10K = BENCH / "glossary-10000.yaml"
G100 = BENCH / "glossary-100.yaml"
DATA_SETS = [
    ("pairs-200000 × glossary-10000", BENCH / "pairs-200000.tsv", G10K),
    ("pairs-200000 × glossary-100", BENCH / "pairs-200000.tsv", G100),
    ("corpus/ × glossary/", ROOT / "corpus", ROOT / "glossary"),
    *[(f"{d.name} × glossary-10000", d / "pairs.tsv", G10K) for d in sorted(SHARED.glob("wmt*")) if
      (d / "pairs.tsv").is_file()],
]


# --- loading -----------------------------------------------------------------------------------

_LOAD_ONE = """
import sys, time
t = time.perf_counter()
from duizhao.glossary import load_glossary
imported = time.perf_counter()
glossary = load_glossary(sys.argv[1])
done = time.perf_counter()
print(done - imported, imported - t, len(glossary.terms))
"""


def _fresh_load(glossary: Path, env: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-c", _LOAD_ONE, str(glossary)], env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return float(out[0])


def _fresh_check(glossary: Path, pair_file: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "duizhao", "check", str(pair_file), "-g", str(glossary)], env=env,
                   capture_output=True, check=False)
    return time.perf_counter() - start


def measure_loading(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pair_file = Path(tmp) / "one-pair.tsv"
        pair_file.write_text("zh\ten\n高质量发展是首要任务。\tHigh-quality development is the top task.\n",
                             encoding="utf-8")
        base_env = {k: v for k, v in os.environ.items() if k not in ("DUIZHAO_NO_CACHE", "DUIZHAO_CACHE_DIR")}
        off = {**base_env, "DUIZHAO_NO_CACHE": "1"}
        for glossary in (G10K, G100):
            cache = Path(tmp) / f"cache-{glossary.stem}"
            on = {**base_env, "DUIZHAO_CACHE_DIR": str(cache)}
            cold = min(_fresh_load(glossary, off) for _ in range(rounds))
            misses = []
            for _ in range(rounds):
                for entry in cache.glob("*"):
                    entry.unlink()
                misses.append(_fresh_load(glossary, on))
            warm = min(_fresh_load(glossary, on) for _ in range(rounds))
            print(f"load {glossary.name}: no cache {cold * 1000:.1f} ms, miss (parse + store) "
                  f"{min(misses) * 1000:.1f} ms, hit {warm * 1000:.1f} ms  (hit = {cold / warm:.1f}× faster)")
            check_off = min(_fresh_check(glossary, pair_file, off) for _ in range(rounds))
            check_on = min(_fresh_check(glossary, pair_file, on) for _ in range(rounds))
            print(f"  duizhao check (one pair) wall: no cache {check_off:.3f} s, cache hit {check_on:.3f} s "
                  f"({check_off / check_on:.2f}×)")


# --- matching: the per-tree worker --------------------------------------------------------------

def dump(out: Path, rounds: int) -> None:
    """Run in a child process: hits and timings of the tree on ``PYTHONPATH``, pickled to ``out``."""
    import duizhao
    from duizhao.formats import iter_segments
    from duizhao.glossary import TermMatcher, load_glossary

    results: dict[str, Any] = {"tree": str(Path(duizhao.__file__).resolve().parents[1]), "sets": {}}
    for name, pairs_path, glossary_path in DATA_SETS:
        pairs = list(dict.fromkeys((s.zh, s.en) for s in iter_segments([pairs_path])))
        matcher = TermMatcher(load_glossary(glossary_path))
        work = []  # (en, lowered, terms) per pair
        zh_out = []
        previous: list[Any] = []
        for zh, en in pairs:
            hits = matcher.find_zh(zh)
            zh_out.append([(h.term.zh, h.term.line, h.start, h.end) for h in hits])
            own = list(dict.fromkeys(h.term for h in hits))
            work.append((en, en.lower(), list(dict.fromkeys(own + previous))))
            previous = own

        def run(work: list = work, matcher: TermMatcher = matcher) -> list:
            return [[matcher.find_en(en, term, lowered) for term in terms] for en, lowered, terms in work]

        start = time.perf_counter()
        en_hits = run()
        first = time.perf_counter() - start
        warm = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            run()
            warm = min(warm, time.perf_counter() - start)
        en_out = [[[(h.term.zh, h.term.line, h.start, h.end, h.kind, h.rendering) for h in found]
                   for found in per_pair] for per_pair in en_hits]
        everywhere = [[(h.term.zh, h.start, h.end, h.kind, h.rendering) for h in matcher.find_forbidden_everywhere(en)]
                      for _, en in pairs]
        results["sets"][name] = {
            "pairs": len(pairs), "calls": sum(len(w[2]) for w in work), "first": first, "warm": warm,
            "zh": zh_out, "en": en_out, "everywhere": everywhere,
        }
    out.write_bytes(pickle.dumps(results))


def _run_tree(src: Path, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "hits.pickle"
        env = {**os.environ, "PYTHONPATH": str(src), "DUIZHAO_NO_CACHE": "1"}
        subprocess.run([sys.executable, __file__, "--dump", str(out), "--rounds", str(rounds)], env=env, check=True)
        return pickle.loads(out.read_bytes())


def _differences(base: list, new: list) -> list[tuple[int, Any, Any]]:
    return [(i, a, b) for i, (a, b) in enumerate(zip(base, new, strict=True)) if a != b]


def measure_matching(base_src: Path, rounds: int) -> int:
    base = _run_tree(base_src, rounds)
    new = _run_tree(ROOT / "src", rounds)
    print(f"baseline tree {base['tree']}, this tree {new['tree']}")
    failed = 0
    print(f"{'data set':38} {'pairs':>7} {'find_en':>8} {'diffs':>5}  {'µs/pair before → after (warm)':>30}"
          f"  {'first pass before → after':>26}")
    for name, b in base["sets"].items():
        n = new["sets"][name]
        diffs = sum(len(_differences(b[k], n[k])) for k in ("zh", "en", "everywhere"))
        failed += diffs
        per = 1e6 / b["pairs"]
        print(f"{name:38} {b['pairs']:>7} {b['calls']:>8} {diffs:>5}  "
              f"{b['warm'] * per:>9.2f} → {n['warm'] * per:>6.2f} ({b['warm'] / n['warm']:.2f}×)      "
              f"{b['first'] * per:>7.2f} → {n['first'] * per:>6.2f} ({b['first'] / n['first']:.2f}×)")
        for kind in ("zh", "en", "everywhere"):
            for i, x, y in _differences(b[kind], n[kind])[:3]:
                print(f"   {kind} pair {i}: baseline {json.dumps(x, ensure_ascii=False)[:300]}")
                print(f"   {' ' * len(kind)} pair {i}: this tree {json.dumps(y, ensure_ascii=False)[:300]}")
    print("identical" if not failed else f"{failed} pairs differ")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, default=Path("/tmp/glossary-base/src"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--skip-match", action="store_true")
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        dump(args.dump, args.rounds)
        return 0
    if not args.skip_load:
        measure_loading(args.rounds)
    if not args.skip_match:
        if not (args.base / "duizhao").is_dir():
            print(f"no baseline at {args.base}: git worktree add /tmp/glossary-base HEAD", file=sys.stderr)
            return 2
        return measure_matching(args.base, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
