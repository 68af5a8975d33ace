"""How often the glossary rules cry wolf on professional translations, and how fast they run.

Run: ``python benchmarks/glossary_quality.py [--show N] [--data DIR] [--glossary PATH]``

``--glossary glossary`` measures a real glossary (the bundled one) instead of the reference
glossary: how often it would fail a build (errors) on professional references, with the
warnings of proposed entries, term-count and term-unknown hints counted apart; the throughput
part is skipped.

False alarms. ``REFERENCE_GLOSSARY`` below holds named entities and set phrases that occur in
the WMT21/22/23 zh→en test sets (../shared/data), each with the renderings a news
translator uses (written from general usage, not tuned on the data). Every ``term-missing``
or ``term-forbidden`` finding on the professional reference translations is counted as a
false alarm, reported per 1,000 pairs ("no rendering at all": the reference paraphrased);
"count short" (the term occurs N times, fewer renderings found: usually a pronoun) is the info
rule ``term-count`` and is shown but not counted (139 alarms before the split, 100 after).
The same glossary is also run with a naive matcher (case-insensitive substring of
the exact rendering, no normalisation) in the same run, so the tolerance of the real
matcher shows as a ratio.

Throughput. A 10,000-term glossary: the reference glossary plus Chinese 2–6-grams sampled
(fixed seed) from the test sets themselves, so that pairs really contain many terms, each
with an English rendering that is never present (the expensive path: every hit is
searched for and reported). Pairs/s of the term rules through the engine, against plain
iteration over the same pairs (build each Segment and PairContext, touch both sides), in
the same run; plus the automaton build time.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from duizhao.checks import PairContext
from duizhao.checks.terms import TermCount, TermForbidden, TermMissing, TermUnknown
from duizhao.engine import Checker
from duizhao.glossary import TermMatcher, load_glossary
from duizhao.glossary.load import glossary_hash
from duizhao.model import DocumentInfo, Glossary, Segment, Term

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SETS = ("wmt21-newstest-zhen", "wmt22-general-zhen", "wmt23-general-zhen")
SEED = 30042

# zh → (approved, variants...). Renderings as news translation uses them.
REFERENCE_GLOSSARY: dict[str, tuple[str, ...]] = {
    "习近平": ("Xi Jinping", "Xi"),
    "总书记": ("General Secretary",),
    "国务院": ("State Council",),
    "外交部": ("Foreign Ministry", "Ministry of Foreign Affairs"),
    "发言人": ("spokesperson", "spokesman", "spokeswoman"),
    "新华社": ("Xinhua",),
    "中国共产党": ("Communist Party of China", "CPC", "Chinese Communist Party"),
    "全国人大": ("National People's Congress", "NPC"),
    "一带一路": ("Belt and Road",),
    "粤港澳大湾区": ("Guangdong-Hong Kong-Macao Greater Bay Area", "Greater Bay Area"),
    "高质量发展": ("high-quality development",),
    "乡村振兴": ("rural revitalization", "rural revitalisation"),
    "联合国": ("United Nations", "UN"),
    "世界卫生组织": ("World Health Organization", "WHO"),
    "人民币": ("yuan", "RMB", "renminbi"),
    "新冠肺炎": ("COVID-19", "novel coronavirus pneumonia", "COVID"),
    "新冠病毒": ("novel coronavirus", "coronavirus", "COVID-19 virus", "COVID-19"),
    "核酸检测": ("nucleic acid test", "nucleic acid testing", "PCR test"),
    "疫苗": ("vaccine", "vaccination", "jab"),
    "北京": ("Beijing",),
    "上海": ("Shanghai",),
    "广州": ("Guangzhou",),
    "深圳": ("Shenzhen",),
    "香港": ("Hong Kong", "HK"),
    "澳门": ("Macao", "Macau"),
    "台湾": ("Taiwan",),
    "武汉": ("Wuhan",),
    "美国": ("United States", "US", "U.S.", "America", "American", "USA"),
    "日本": ("Japan", "Japanese"),
    "俄罗斯": ("Russia", "Russian"),
    "英国": ("United Kingdom", "UK", "Britain", "British", "U.K."),
    "德国": ("Germany", "German"),
    "法国": ("France", "French"),
    "韩国": ("South Korea", "Korea", "Korean", "ROK"),
    "印度": ("India", "Indian"),
    "欧盟": ("European Union", "EU"),
    "奥运会": ("Olympic Games", "Olympics", "Olympic"),
    "冬奥会": ("Winter Olympics", "Winter Olympic Games", "Winter Games"),
    "国内生产总值": ("GDP", "gross domestic product"),
    "人工智能": ("artificial intelligence", "AI"),
    "互联网": ("internet",),
    "碳中和": ("carbon neutrality", "carbon neutral"),
    "碳达峰": ("carbon peak", "peak carbon"),
    "公安局": ("public security bureau", "police"),
    "派出所": ("police station",),
    "人民法院": ("People's Court", "court"),
    "消费者": ("consumer",),
    "新能源汽车": ("new energy vehicle", "NEV", "new-energy vehicle", "electric vehicle"),
    "5G": ("5G",),
    "双十一": ("Double 11", "Double Eleven", "Singles' Day", "Singles Day"),
    "春节": ("Spring Festival", "Chinese New Year", "Lunar New Year"),
    "中秋节": ("Mid-Autumn Festival",),
    "长江": ("Yangtze River", "Yangtze", "Changjiang"),
    "黄河": ("Yellow River",),
}


def load(data: Path) -> list[tuple[str, int, str, str]]:
    pairs = []
    for name in SETS:
        with (data / name / "pairs.tsv").open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, 1):
                zh, _, en = line.rstrip("\n").partition("\t")
                pairs.append((name, line_no, zh, en))
    return pairs


def reference_glossary() -> Glossary:
    terms = tuple(Term(zh=zh, en=r[0], variants=r[1:], case_sensitive=False, file="benchmark", line=i)
                  for i, (zh, r) in enumerate(REFERENCE_GLOSSARY.items(), 1))
    return Glossary(terms=terms, hash=glossary_hash(terms))


def segments(pairs, docs) -> list[Segment]:
    return [Segment(id=str(line), zh=zh, en=en, doc=docs[name], line=line) for name, line, zh, en in pairs]


def exact_alarms(glossary: Glossary, pairs) -> int:
    """The same checks with exact renderings (case-insensitive, whole words): what a plain QA tool does.

    No script/quote normalisation on the Chinese side, no inflection, hyphen or apostrophe
    tolerance on the English side; counts like ``term-missing`` (N occurrences need N).
    """
    patterns = {t.zh: [re.compile(r"(?<!\w)" + re.escape(r) + r"(?!\w)", re.IGNORECASE) for r in t.renderings]
                for t in glossary.terms}
    alarms = 0
    for _, _, zh, en in pairs:
        for term in glossary.terms:
            n = zh.count(term.zh)
            if n and sum(len(p.findall(en)) for p in patterns[term.zh]) < n:
                alarms += 1
    return alarms


def false_alarms(glossary: Glossary, segs: list[Segment], show: int) -> dict[str, float]:
    matcher = TermMatcher(glossary)
    checker = Checker([TermMissing(), TermForbidden(), TermCount()], matcher)
    everything = list(checker.run(segs))
    findings = [f for f in everything if f.rule != "term-count"]  # a count short is an info hint, not an alarm
    pairs_with_terms = sum(1 for s in segs if matcher.find_zh(s.zh))
    kinds = Counter("count short" if f.rule == "term-count" else "no rendering" for f in everything)
    by_term = Counter(f.data["term"] for f in findings)
    if show:
        rng = random.Random(SEED)
        for f in rng.sample(findings, min(show, len(findings))):
            seg = next(s for s in segs if s.doc.file == f.file and s.line == f.line)
            print(f"  {f.file}:{f.line} {f.message}\n    zh: {seg.zh[:90]}\n    en: {seg.en[:140]}")
    return {"findings": len(findings), "pairs_with_terms": pairs_with_terms,
            "no_rendering": kinds["no rendering"], "count_short": kinds["count short"],
            "top_terms": ", ".join(f"{t} {n}" for t, n in by_term.most_common(8))}


def big_glossary(base: Glossary, pairs, size: int) -> Glossary:
    rng = random.Random(SEED)
    grams: set[str] = set()
    cjk = re.compile(r"[\u4e00-\u9fff]{2,6}")
    for _, _, zh, _ in pairs:
        for run in cjk.findall(zh):
            for n in range(2, min(6, len(run)) + 1):
                for i in range(len(run) - n + 1):
                    grams.add(run[i:i + n])
    known = set(REFERENCE_GLOSSARY)
    pool = sorted(grams - known)
    chosen = rng.sample(pool, size - len(base.terms))
    extra = tuple(Term(zh=g, en=f"synthetic rendering {i}", forbidden=(f"banned form {i}",))
                  for i, g in enumerate(chosen))
    terms = base.terms + extra
    return Glossary(terms=terms, hash=glossary_hash(terms))


def unused_glossary(base: Glossary, size: int) -> Glossary:
    """``base`` plus terms that never occur (random rare-character 4-grams): the cost of size alone."""
    rng = random.Random(SEED)
    extra = tuple(Term(zh="".join(chr(rng.randrange(0x9000, 0x9FA5)) for _ in range(4)), en=f"unused {i}")
                  for i in range(size - len(base.terms)))
    terms = base.terms + extra
    return Glossary(terms=terms, hash=glossary_hash(terms))


def throughput(glossary: Glossary, segs: list[Segment], repeat: int = 3) -> dict[str, float]:
    t0 = time.perf_counter()
    matcher = TermMatcher(glossary)
    build = time.perf_counter() - t0

    def baseline() -> None:
        for s in segs:
            ctx = PairContext(s, None)
            _ = len(ctx.segment.zh) + len(ctx.segment.en)

    def checked() -> int:
        checker = Checker([TermMissing(), TermForbidden()], matcher)
        return sum(1 for _ in checker.run(segs))

    def per_term_loop() -> None:  # what the automaton replaces: one substring test per term per pair
        terms = [t.zh for t in glossary.terms]
        for s in sample:
            _ = [t for t in terms if t in s.zh]

    sample = segs[:500]
    loop_t = _timed(per_term_loop) * len(segs) / len(sample)
    base_t = min(_timed(baseline) for _ in range(repeat))
    checked()  # warm: English patterns are compiled on first use of each term
    check_t = min(_timed(checked) for _ in range(repeat))
    hits = sum(len(matcher.find_zh(s.zh)) for s in segs)
    return {"build_s": build, "baseline_pps": len(segs) / base_t, "check_pps": len(segs) / check_t,
            "loop_pps": len(segs) / loop_t,
            "zh_hits_per_pair": hits / len(segs), "findings": checked()}


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def measure_glossary(glossary: Glossary, segs: list[Segment]) -> int:
    """Findings of every glossary pair rule on the references, by rule and severity."""
    matcher = TermMatcher(glossary)
    rules = [TermMissing(), TermForbidden(), TermCount(), TermUnknown()]
    findings = list(Checker(rules, matcher).run(segs))
    with_terms = sum(1 for s in segs if matcher.find_zh(s.zh))
    print(f"pairs: {len(segs)} (WMT21/22/23 zh→en, professional references); glossary: {len(glossary.terms)} terms; "
          f"pairs containing a term: {with_terms}")
    by = Counter((f.rule, f.severity.value) for f in findings)
    for (rule, severity), n in sorted(by.items()):
        print(f"  {rule} ({severity}): {n} = {1000 * n / len(segs):.2f} per 1,000 pairs")
    errors = [f for f in findings if f.severity.value == "error"]
    print(f"build-failing findings (errors): {len(errors)} = {1000 * len(errors) / len(segs):.2f} per 1,000 pairs, "
          f"{1000 * len(errors) / max(with_terms, 1):.0f} per 1,000 pairs with a term")
    top = Counter(f.data["term"] for f in errors).most_common(8)
    print("  most frequent: " + ", ".join(f"{t} {n}" for t, n in top))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=0, help="print N sampled findings for reading")
    parser.add_argument("--size", type=int, default=10_000, help="terms in the throughput glossary")
    parser.add_argument("--glossary", type=Path, help="measure this glossary's false alarms (no throughput)")
    args = parser.parse_args(argv)
    if not (args.data / SETS[0] / "pairs.tsv").is_file():
        print(f"no WMT data under {args.data}", file=sys.stderr)
        return 2
    pairs = load(args.data)
    docs = {name: DocumentInfo(id=name, file=name) for name in SETS}
    segs = segments(pairs, docs)
    if args.glossary is not None:
        return measure_glossary(load_glossary(args.glossary), segs)
    glossary = reference_glossary()

    fa = false_alarms(glossary, segs, args.show)
    naive = exact_alarms(glossary, pairs)
    per_k = 1000 * fa["findings"] / len(segs)
    print(f"pairs: {len(segs)} (WMT21/22/23 zh→en, professional references); reference glossary: "
          f"{len(glossary.terms)} terms; pairs containing a term: {fa['pairs_with_terms']}")
    print(f"false alarms (term-missing + term-forbidden on references): {fa['findings']} = {per_k:.1f} per 1,000 "
          f"pairs ({1000 * fa['findings'] / max(fa['pairs_with_terms'], 1):.1f} per 1,000 pairs with a term)")
    print(f"  no rendering at all: {fa['no_rendering']}; count short (term-count, info, not counted): "
          f"{fa['count_short']}")
    print(f"  most frequent: {fa['top_terms']}")
    print(f"exact-rendering matcher (whole words, no tolerance), same glossary: {naive} = "
          f"{1000 * naive / len(segs):.1f} per 1,000 pairs (ratio duizhao/exact: {fa['findings'] / max(naive, 1):.2f})")

    big = big_glossary(glossary, pairs, args.size)
    tp = throughput(big, segs)
    print(f"throughput with {len(big.terms)} terms: automaton build {tp['build_s']:.2f}s; "
          f"{tp['zh_hits_per_pair']:.1f} term hits per pair; {tp['findings']} findings")
    print(f"  plain iteration: {tp['baseline_pps']:,.0f} pairs/s; term rules: {tp['check_pps']:,.0f} pairs/s "
          f"(ratio {tp['check_pps'] / tp['baseline_pps']:.4f} of baseline)")
    print(f"  for scale: only finding the terms by one substring test per term: {tp['loop_pps']:,.0f} pairs/s "
          f"(term rules incl. English matching are {tp['check_pps'] / tp['loop_pps']:.1f}x faster)")
    unused = throughput(unused_glossary(glossary, args.size), segs)
    print(f"  {args.size} terms of which only the reference {len(glossary.terms)} occur: "
          f"{unused['check_pps']:,.0f} pairs/s (ratio {unused['check_pps'] / unused['baseline_pps']:.4f})")
    small = throughput(glossary, segs)
    print(f"  reference glossary ({len(glossary.terms)} terms): {small['check_pps']:,.0f} pairs/s "
          f"(ratio {small['check_pps'] / small['baseline_pps']:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
