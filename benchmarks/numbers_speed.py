"""Speed of the numbers engine against a baseline copy of it, with identical results as a precondition.

Run: ``python benchmarks/numbers_speed.py [--base SRC] [--rounds N] [--profile] [--limit N]``

``--base`` is the ``src`` directory of a checkout to compare with (default: a worktree at
``/tmp/numbers-base``, made with ``git worktree add /tmp/numbers-base HEAD`` before changing
the engine). Its ``duizhao/numbers`` package is imported under another name beside the
working tree's, so both run in one process on the same pairs, in alternating rounds.

For every distinct pair of each data set it checks that ``compare_pair`` returns the same
issues (fields and order) with no protected spans and with two kinds of synthetic protected
spans (the spans of found figures, as glossary terms give, and fixed windows), and that
``extract_zh`` / ``extract_en`` return the same quantities (every field, values by ``repr``
so ``Decimal('2.7E+9')`` and ``Decimal('2700000000')`` count as different). Then it times
``compare_pair`` over the distinct pairs (the miss path: what a pair costs the first time it
is seen) and prints µs per pair for both and their ratio. The exit status is 1 when any
result differs.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import importlib.util
import pstats
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import duizhao.numbers as current

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
DATA_SETS = (
    ("pairs-1000000", ROOT / "benchmarks" / "_data" / "pairs-1000000.tsv"),
    ("pairs-200000", ROOT / "benchmarks" / "_data" / "pairs-200000.tsv"),
    *((name, DATA / name / "pairs.tsv")
      for name in ("wmt21-newstest-zhen", "wmt22-general-zhen", "wmt23-general-zhen")),
)
CASES = ROOT / "tests" / "cases" / "numbers.yaml"
# Every field a caller can read off a Quantity (the dataclass fields and the derived class).
QUANTITY_FIELDS = ("value", "kind", "span", "text", "unit", "dim", "shown", "hedge", "precision", "interval",
                   "readings", "weak", "scaled", "ambiguous", "cls")

Pair = tuple[str, str]
Spans = tuple[tuple[int, int], ...]


def load_base(src: Path) -> ModuleType:
    """The baseline ``duizhao.numbers`` package, imported as ``_numbers_base.numbers``.

    ``_numbers_base`` stands for the baseline's ``duizhao`` package without running its
    ``__init__``, so the relative imports of a newer engine (``.._lazy``) find the baseline's own
    modules, and an older engine (relative imports inside ``numbers`` only) loads the same way.
    """
    package = src / "duizhao" / "numbers"
    if not (package / "__init__.py").exists():
        raise SystemExit(f"no numbers package under {src}")
    parent = ModuleType("_numbers_base")
    parent.__path__ = [str(src / "duizhao")]
    sys.modules["_numbers_base"] = parent
    spec = importlib.util.spec_from_file_location("_numbers_base.numbers", package / "__init__.py",
                                                  submodule_search_locations=[str(package)])
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_numbers_base.numbers"] = module
    spec.loader.exec_module(module)
    for name in ("zh", "en", "compare"):  # loaded lazily by a newer engine; the benchmark reads them
        importlib.import_module(f"_numbers_base.numbers.{name}")
    return module


def read_pairs(path: Path) -> list[Pair]:
    """The distinct ``zh<TAB>en`` pairs of a file, in first-seen order."""
    seen: dict[Pair, None] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            zh, tab, en = line.rstrip("\n").partition("\t")
            if tab:
                seen[(zh, en.split("\t")[0])] = None
    return list(seen)


def case_pairs() -> list[Pair]:
    import yaml

    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    return list(dict.fromkeys((case["zh"], case["en"]) for case in cases["pairs"]))


def quantity_key(q: Any) -> tuple[str, ...]:
    return tuple(repr(getattr(q, name)) for name in QUANTITY_FIELDS)


# a baseline from before issues carried their rule's code told the two rules apart by severity
_CODE_OF_SEVERITY = {"error": "number-mismatch", "warning": "number-approx"}


def issue_key(issue: Any) -> tuple[Any, ...]:
    code = getattr(issue, "code", None) or _CODE_OF_SEVERITY[issue.severity]
    return code, issue.message, issue.zh_span, issue.en_span


def protections(base: ModuleType, zh: str, en: str) -> list[tuple[Spans, Spans]]:
    """No protected spans; the spans of every other figure found (as glossary terms protect them); fixed windows."""
    zq, eq = base.extract_zh(zh), base.extract_en(en)
    figures = (tuple(q.span for q in zq[::2]), tuple(q.span for q in eq[1::2]))
    windows = (((0, 4), (len(zh) // 2, len(zh) // 2 + 3)), ((len(en) // 3, len(en) // 3 + 8),))
    return [((), ()), figures, windows]


def differences(base: ModuleType, pairs: Sequence[Pair], show: int) -> int:
    """How many (pair, check) results differ between the baseline and the working tree."""
    differing = 0
    for zh, en in pairs:
        checks: list[tuple[str, Callable[[ModuleType], list[Any]], Callable[[Any], Any]]] = [
            ("extract_zh", lambda mod, zh=zh: mod.extract_zh(zh), quantity_key),
            ("extract_en", lambda mod, en=en: mod.extract_en(en), quantity_key),
        ]
        for zp, ep in protections(base, zh, en):
            checks.append((f"compare_pair zh_protected={zp} en_protected={ep}",
                           lambda mod, zh=zh, en=en, zp=zp, ep=ep: mod.compare_pair(zh, en, zh_protected=zp,
                                                                                    en_protected=ep),
                           issue_key))
        for label, call, key in checks:
            old, new = [key(x) for x in call(base)], [key(x) for x in call(current)]
            if old != new:
                differing += 1
                if differing <= show:
                    print(f"  DIFF {label}\n    zh: {zh}\n    en: {en}\n    base: {old}\n    new:  {new}")
    return differing


def time_pass(module: ModuleType, pairs: Sequence[Pair]) -> float:
    """CPU seconds for one ``compare_pair`` over every pair, garbage collection as in a real run.

    CPU time, not wall time: the machine is shared, and another process taking a core would
    otherwise show up as our cost.
    """
    compare_pair = module.compare_pair
    start = time.process_time()
    for zh, en in pairs:
        compare_pair(zh, en)
    return time.process_time() - start


def timing(base: ModuleType, pairs: Sequence[Pair], rounds: int) -> tuple[float, float]:
    """Best of ``rounds`` alternating passes, µs per pair, for (baseline, working tree)."""
    best = {"base": float("inf"), "new": float("inf")}
    for _ in range(rounds):
        for name, module in (("base", base), ("new", current)):
            gc.collect()
            best[name] = min(best[name], time_pass(module, pairs))
    return best["base"] / len(pairs) * 1e6, best["new"] / len(pairs) * 1e6


def profile(module: ModuleType, pairs: Sequence[Pair], title: str) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    time_pass(module, pairs)
    profiler.disable()
    print(f"\n--- profile: {title} ({len(pairs)} pairs) ---")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=Path("/tmp/numbers-base/src"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="use at most N distinct pairs per data set")
    parser.add_argument("--show", type=int, default=5, help="print the first N differences")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top lines for both")
    parser.add_argument("--skip-check", action="store_true", help="time only (the check is the slow part)")
    args = parser.parse_args(argv)
    base = load_base(args.base)
    sets = [("tests/cases/numbers.yaml", case_pairs())]
    sets += [(name, read_pairs(path)) for name, path in DATA_SETS if path.exists()]
    total_diff = total_pairs = 0
    print(f"{'data set':28} {'pairs':>7} {'figures':>7} {'diffs':>6} {'base µs':>8} {'new µs':>8} {'ratio':>6}"
          f" {'base µs*':>8} {'new µs*':>8} {'ratio*':>6}")
    for name, pairs in sets:
        if args.limit:
            pairs = pairs[:args.limit]
        with_figures = [(zh, en) for zh, en in pairs if base.zh.has_figures(zh) or base.en.has_digit(en)]
        diff = -1 if args.skip_check else differences(base, pairs, args.show)
        total_diff += max(diff, 0)
        total_pairs += len(pairs)
        old, new = timing(base, pairs, args.rounds)
        old_f, new_f = timing(base, with_figures, args.rounds) if with_figures else (0.0, 0.0)
        print(f"{name:28} {len(pairs):>7} {len(with_figures):>7} {diff:>6} {old:>8.2f} {new:>8.2f} {old / new:>5.2f}×"
              f" {old_f:>8.2f} {new_f:>8.2f} {old_f / new_f if new_f else 0:>5.2f}×", flush=True)
        if args.profile and name.startswith("pairs-1000000"):
            profile(base, with_figures, "baseline")
            profile(current, with_figures, "working tree")
    print(f"\n{total_diff} differing results over {total_pairs} distinct pairs "
          "(extract_zh, extract_en, compare_pair with 3 kinds of protected spans each)")
    print("µs = per distinct pair; µs* = per pair with figures (where the engine does real work)")
    return 1 if total_diff else 0


if __name__ == "__main__":
    sys.exit(main())
