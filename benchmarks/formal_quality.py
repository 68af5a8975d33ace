"""False alarms and detection of the everyday QA rules on professional translations.

Run: ``python benchmarks/formal_quality.py [--show N] [--rule ID] [--data DIR]``

False alarms. Every finding of the rules below on the untouched WMT21/22/23 zh→en reference
pairs (../shared/data, 5,799 pairs by professional translators) is counted as a false alarm and
reported per 1,000 pairs. That overstates the rate a little: the references have real slips
too (``--show`` prints examples to judge).

Detection. Where an error can be injected into a reference deterministically (seeded), the
same rule runs on the damaged pair and the table gives the share of injections it reports:

* ``bracket-unbalanced``: a closing bracket that the English has is deleted;
* ``quote-unbalanced``: a closing quotation mark that the English has is deleted;
* ``code-missing``: a code the source has and the English copies (C919, COVID-19) gets one
  digit changed (or, without a digit, one letter dropped);
* ``double-space``: one space of the English doubled;
* ``repeated-word``: one word of the English typed twice;
* ``title-unmarked``: where the English quotes as many titles as the Chinese has 《》, the quotes
  dropped and the titles lower-cased;
* ``spelling``: two neighbouring inner letters of one lower-case word swapped (reform → refrom);
* ``omission-suspected`` and ``length-outlier``: one comma- or semicolon-delimited part of five
  words or more removed from the English.

* ``pinyin-untranslated``: one glossary rendering the English has replaced by the toneless pinyin
  of its term (城镇化 → "cheng zhen hua").

For pair rules every pair an injection applies to is damaged (each on its own); for corpus rules
a seeded tenth, the rest staying as they are. The rules that read a glossary get the reference
glossary of ``glossary_quality.py`` (names and set phrases of the test sets). ``pattern-violated``
has no patterns of its own and so reports nothing here; its row shows that.

Measured (2026-12-04, 5,799 pairs; findings counted once per pair):

| rule | default | per 1,000 pairs | injected | detected |
| --- | --- | --- | --- | --- |
| bracket-unbalanced | error | 2.2 | 471 | 99.4% |
| quote-unbalanced | warning | 23.1 | 689 | 100.0% |
| title-unmarked | warning | 0.3 | 82 | 43.9% |
| code-missing | error | 0.7 | 115 | 92.2% |
| double-space | error | 2.9 | 5749 | 100.0% |
| edge-whitespace | warning | 0.0 | – | – |
| space-before-punctuation | warning | 2.2 | – | – |
| fullwidth-in-english | error | 0.5 | – | – |
| repeated-word | error | 1.4 | 5750 | 80.1% |
| final-punctuation | warning | 2.9 | – | – |
| lowercase-start | warning | 2.2 | – | – |
| untranslated | error | 0.0 | – | – |
| pinyin-untranslated | error | 0.0 | 653 | 81.2% |
| length-outlier | warning | 2.8 | 425 | 28.7% |
| omission-suspected | warning | 4.3 | 412 | 32.8% |
| spelling | info | 21.9 | 5079 | 96.2% |
| spelling-variant-mixed | warning | 0.2 | – | – |

Many "false alarms" are real slips of the references (a closing quote typed as “, "an an",
a clause the reference left out): ``--show`` prints them.

Each set is one document (WMT lines come from many news articles; rules that estimate a model
per document, such as length-outlier, then see one model per test set).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from duizhao.checks import RULES
from duizhao.engine import Checker
from duizhao.model import DocumentInfo, Segment

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SETS = ("wmt21-newstest-zhen", "wmt22-general-zhen", "wmt23-general-zhen")
SEED = 18018

#: the rules issue 18 added, in table order
NEW_RULES = (
    "bracket-unbalanced", "quote-unbalanced", "title-unmarked", "code-missing", "double-space", "edge-whitespace",
    "space-before-punctuation", "fullwidth-in-english", "repeated-word", "final-punctuation", "lowercase-start",
    "untranslated", "pinyin-untranslated", "length-outlier", "omission-suspected",
    "spelling", "spelling-variant-mixed", "pattern-violated",
)


def load_pairs(data: Path) -> list[tuple[str, str, str]]:
    """``(set name, zh, en)`` for every reference pair of the three test sets."""
    out = []
    for name in SETS:
        path = data / name / "pairs.tsv"
        for line in path.read_text(encoding="utf-8").splitlines():
            zh, _, en = line.partition("\t")
            out.append((name, zh, en))
    return out


def segments(pairs: Iterable[tuple[str, str, str]]) -> list[Segment]:
    docs = {name: DocumentInfo(id=name, file=f"{name}/pairs.tsv") for name in SETS}
    return [Segment(id=str(i), zh=zh, en=en, doc=docs[name], line=i)
            for i, (name, zh, en) in enumerate(pairs, start=1)]


def reference_matcher():
    """A matcher of glossary_quality.py's reference glossary: names and set phrases of the test sets,
    rendered as news translation renders them (for the rules that read the glossary)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from duizhao.glossary import TermMatcher
    from glossary_quality import reference_glossary

    return TermMatcher(reference_glossary())


def findings_by_rule(rule_ids: Sequence[str], segs: Sequence[Segment], matcher=None) -> dict[str, list]:
    """Every finding of ``rule_ids`` on ``segs``, through the engine (corpus rules included)."""
    checker = Checker([RULES[r]() for r in rule_ids], matcher)
    by_rule: dict[str, list] = defaultdict(list)
    for finding in checker.run(segs):
        by_rule[finding.rule].append(finding)
    return by_rule


# ---------------------------------------------------------------------------- injections

def _delete_one(pattern: str) -> Callable[[str, str, random.Random], str | None]:
    """An injection deleting one (seeded) match of ``pattern`` from the English."""
    closing = re.compile(pattern)

    def inject(zh: str, en: str, rng: random.Random) -> str | None:
        spots = [m.start() for m in closing.finditer(en)]
        if not spots:
            return None
        at = rng.choice(spots)
        return en[:at] + en[at + 1:]

    return inject


inject_bracket = _delete_one(r"[)\]]")
inject_quote = _delete_one(r"”|(?<=\w[.,!?])\"|(?<=\w)\"")


def inject_code(zh: str, en: str, rng: random.Random) -> str | None:
    from duizhao.checks.codes import source_codes

    copied = [code for kind, code, _, _ in source_codes(zh) if kind == "code" and code in en]
    if not copied:
        return None
    code = rng.choice(copied)
    digits = [i for i, ch in enumerate(code) if ch.isdigit()]
    if digits:
        i = rng.choice(digits)
        changed = code[:i] + str((int(code[i]) + rng.randint(1, 9)) % 10) + code[i + 1:]
    else:
        i = rng.randrange(len(code))
        changed = code[:i] + code[i + 1:]
    return en.replace(code, changed, 1)


def inject_double_space(zh: str, en: str, rng: random.Random) -> str | None:
    spots = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", en)]
    if not spots:
        return None
    at = rng.choice(spots)
    return en[:at] + " " + en[at:]


def inject_repeat(zh: str, en: str, rng: random.Random) -> str | None:
    words = list(re.finditer(r"\b[A-Za-z]+\b", en))
    if len(words) < 2:
        return None
    m = rng.choice(words)
    return en[: m.end()] + " " + m.group() + en[m.end():]


INJECTIONS: dict[str, Callable[..., str | None]] = {
    "bracket-unbalanced": inject_bracket,
    "quote-unbalanced": inject_quote,
    "code-missing": inject_code,
    "double-space": inject_double_space,
    "repeated-word": inject_repeat,
}


def inject_drop_clause(zh: str, en: str, rng: random.Random) -> str | None:
    """Remove one comma- or semicolon-delimited part of five words or more (not the only part)."""
    parts = re.split(r"(?<=[,;])\s+", en)
    spots = [i for i, part in enumerate(parts) if len(part.split()) >= 5]
    if len(parts) < 2 or not spots:
        return None
    i = rng.choice(spots)
    kept = parts[:i] + parts[i + 1:]
    if i == len(parts) - 1:  # the last part went: end the sentence where the new last part ends
        kept[-1] = kept[-1].rstrip(",;") + en.rstrip()[-1:] if en.rstrip()[-1:] in ".!?" else kept[-1]
    return " ".join(kept)


def inject_typo(zh: str, en: str, rng: random.Random) -> str | None:
    """Swap two neighbouring inner letters of one lower-case word of six letters or more (reform → refrom)."""
    words = [m for m in re.finditer(r"(?<![\w-])[a-z]{6,}(?![\w-])", en)]
    if not words:
        return None
    m = rng.choice(words)
    word = m.group()
    i = rng.randrange(1, len(word) - 2)
    if word[i] == word[i + 1]:
        return None
    typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return en[: m.start()] + typo + en[m.end():]


def inject_pinyin(zh: str, en: str, rng: random.Random, matcher=None) -> str | None:
    """Replace one glossary rendering the English has by the toneless pinyin of its Chinese term."""
    from duizhao.lexicon import Readings

    readings = Readings.load()
    if matcher is None or readings is None:
        return None
    spots = []
    for hit in matcher.find_zh(zh):
        pinyin = readings.pinyin_of(hit.term.zh)
        if pinyin and len(pinyin.split()) >= 2 and not any(pinyin.replace(" ", "") in r.lower().replace(" ", "")
                                                          for r in hit.term.renderings):
            spots.extend((found, pinyin) for found in matcher.find_en(en, hit.term))
    if not spots:
        return None
    found, pinyin = rng.choice(spots)
    return en[: found.start] + pinyin + en[found.end:]


def inject_unmarked_title(zh: str, en: str, rng: random.Random) -> str | None:
    """For a Chinese 《title》 the English quotes, drop the quotes and lower-case what they held."""
    if "《" not in zh:
        return None
    quoted = list(re.finditer(r"[“\"]([^”\"]{3,80})[”\"]", en))
    if len(quoted) != zh.count("《"):
        return None  # one quote per title: then each quote is the title's
    out = en
    for m in reversed(quoted):
        out = out[: m.start()] + m.group(1).lower() + out[m.end():]
    return out


INJECTIONS["title-unmarked"] = inject_unmarked_title
INJECTIONS["spelling"] = inject_typo
INJECTIONS["omission-suspected"] = inject_drop_clause
INJECTIONS["length-outlier"] = inject_drop_clause
INJECTIONS["pinyin-untranslated"] = inject_pinyin
#: the share of eligible pairs damaged per run for corpus rules: an error is rare in a document, and
#: rules that model the document (length-outlier, omission-suspected) must see it mostly intact;
#: pair rules see every pair on its own, so every eligible pair is damaged
DAMAGED_SHARE = 0.1


def detection(rule_id: str, pairs: Sequence[tuple[str, str, str]], clean: dict[str, list],
              inject: Callable[..., str | None], matcher=None) -> tuple[int, int]:
    """(injected, detected): a damaged pair counts when the rule reports it and did not report it clean.

    The pairs the injection applies to are damaged (for corpus rules a seeded ``DAMAGED_SHARE`` of
    them), the rest left as they are, and the whole set runs through the engine again.
    """
    rng = random.Random(f"{SEED}:{rule_id}")
    flagged = {f.location.segment for f in clean.get(rule_id, ())}
    share = DAMAGED_SHARE if RULES[rule_id].scope == "corpus" else 1.0
    damaged_pairs = list(pairs)
    damaged: set[str] = set()
    for i, (name, zh, en) in enumerate(pairs, start=1):
        if str(i) in flagged or rng.random() >= share:
            continue
        new = inject(zh, en, rng, matcher) if inject is inject_pinyin else inject(zh, en, rng)
        if new is not None and new != en:
            damaged_pairs[i - 1] = (name, zh, new)
            damaged.add(str(i))
    found = findings_by_rule([rule_id], segments(damaged_pairs), matcher).get(rule_id, [])
    hit = len({f.location.segment for f in found} & damaged)
    return len(damaged), hit


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=0, help="print up to N findings per rule")
    parser.add_argument("--rule", action="append", help="only these rules (repeatable)")
    args = parser.parse_args(argv)
    if not (args.data / SETS[0] / "pairs.tsv").is_file():
        print(f"no WMT data under {args.data}", file=sys.stderr)
        return 2
    rule_ids = tuple(args.rule or NEW_RULES)
    pairs = load_pairs(args.data)
    segs = segments(pairs)
    matcher = reference_matcher()
    by_rule = findings_by_rule(rule_ids, segs, matcher)
    print(f"{len(pairs)} WMT21-23 reference pairs (professional translations)\n")
    print("| rule | default | findings | per 1,000 pairs | injected | detected |")
    print("| --- | --- | --- | --- | --- | --- |")
    for rule_id in rule_ids:
        found = by_rule.get(rule_id, [])
        flagged = len({f.location.segment for f in found})
        per_k = 1000 * flagged / len(pairs)
        injected = detected = "–"
        if rule_id in INJECTIONS:
            n, hit = detection(rule_id, pairs, by_rule, INJECTIONS[rule_id], matcher)
            injected, detected = str(n), f"{hit / n:.1%}" if n else "–"
        severity = RULES[rule_id].default_severity.value
        print(f"| {rule_id} | {severity} | {len(found)} | {per_k:.1f} | {injected} | {detected} |")
    if args.show:
        for rule_id in rule_ids:
            found = by_rule.get(rule_id, [])
            if not found:
                continue
            print(f"\n## {rule_id}")
            for f in random.Random(SEED).sample(found, min(args.show, len(found))):
                seg = segs[int(f.location.segment) - 1]
                print(f"- line {f.location.segment}: {f.message}\n    zh: {seg.zh}\n    en: {seg.en}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
