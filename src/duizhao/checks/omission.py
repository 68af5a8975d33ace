"""``omission-suspected``: a clause of the Chinese with no counterpart anywhere in the English.

Long Chinese policy sentences string clauses together with ，；、; a translator who loses one
produces fluent English that no figure or term check notices. For every clause (the text
between ，；、。！？：, quotes and brackets) the rule looks for a counterpart of its content words
in the English:

* CC-CEDICT words (``lexicon.Lexicon``, the aligner's dictionary anchors): a word has one when
  one of its glosses shares a four-letter stem with an English word ("develop" meets
  "development", "revitalization" meets 振兴's "revitalize");
* glossary terms of the clause whose rendering is in the English;
* figures (as digits, or as values by the numbers engine: 9.1万 is "91,000") and Latin strings
  the clause copies (C919, WTO);
* names: a capitalised pinyin word in the English that spells characters of the clause
  (赵小川 → "Zhao Xiaochuan").

A clause of substance (``min_chars`` characters, ``min_words`` dictionary words that are not
pronouns, particles or hedges) with none of these is suspect. One clause alone is weak
evidence (translators compress: 稳中求进 may become "steady"), so a pair is reported only
when its English is also shorter than the Chinese predicts: ``max_deviation`` standard
deviations below the aligner's length model of the document (``checks.length.document_model``),
which makes this a corpus rule. Measured on the WMT21–23 references with one English clause
removed (``benchmarks/formal_quality.py``); the thresholds were chosen for few false alarms first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, ClassVar

from ..model import Finding, Location, Segment, Severity, Span
from ..spill import split_mapping
from .base import CorpusRule, PairContext
from .length import DocLengths, _Key, document_model, merge_documents, pair_lengths

_CLAUSE = re.compile(r"[^，；、。！？：,;!?:…“”‘’\"「」『』（）()《》【】\[\]\s]+")
_EN_WORD = re.compile(r"[A-Za-z]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_STEM = 4
# Words a clause of substance needs more than: pronouns, particles and hedges translators fold
# into the sentence ("那是不是就快到了" → "Will it arrive soon?"). They still count as counterparts.
_LIGHT_WORDS = """
    不是 那是 这是 一些 而已 自己 我们 你们 他们 她们 这个 那个 一个 这些 那些 什么 怎么 因为 所以 但是 如果
    虽然 可以 能够 就是 还是 只是 已经 正在 非常 到了 这里 那里 现在 今天 时间 大家 很多 比较 真的 之间 一样
    这么 那么 或者 还要 要求 进行 情况 有所 一定 方面 表示 认为 没有 同时 目前 通过 根据 以及 不断 其中 其他
    之后 之前 以后 以来 时候 还有 只有 一直 起来 出来 下来 不会 不能 一起 相关 有关 各种 所有 更加 主要 为了
    对于 关于 由于 作为 成为 开始 继续
"""
_LIGHT = frozenset(_LIGHT_WORDS.split())


@lru_cache(maxsize=65536)
def _gloss_stems(word: str) -> frozenset[str]:
    from ..lexicon import Lexicon

    lexicon = Lexicon.load()
    if lexicon is None:
        return frozenset()
    return frozenset(stem[:_STEM] for stem in lexicon.stems(word))


_EN_WORD3 = re.compile(r"[a-z]{3,}")


def _english_stems(en: str) -> frozenset[str]:
    return frozenset(word[:_STEM] for word in _EN_WORD3.findall(en.lower()))


def _pinyin_names(en: str) -> frozenset[str]:
    """Capitalised English words that are pinyin (Zhao, Xiaochuan, Datong), lower-cased."""
    from .untranslated import is_pinyin_word

    return frozenset(m.group().lower() for m in _EN_WORD.finditer(en)
                     if m.group()[0].isupper() and len(m.group()) >= 2 and is_pinyin_word(m.group()))


def _spells_a_name(clause: str, names: frozenset[str]) -> bool:
    """Some one to three characters of ``clause`` read, in toneless pinyin, as one of ``names``."""
    if not names:
        return False
    from ..lexicon import Readings

    readings = Readings.load()
    if readings is None:
        return False
    for i in range(len(clause)):
        for size in (1, 2, 3):
            reading = readings.pinyin_of(clause[i:i + size]) if i + size <= len(clause) else None
            if reading and reading.replace(" ", "") in names:
                return True
    return False


def suspect_clauses(ctx: PairContext, min_chars: int, min_words: int) -> list[tuple[int, int, tuple[str, ...]]]:
    """``(start, end, content words)`` of the clauses of the pair's Chinese with no counterpart in its English."""
    from ..lexicon import Lexicon

    seg = ctx.segment
    if not seg.en.strip():
        return []
    zh = ctx.zh_simplified if len(ctx.zh_simplified) == len(seg.zh) else seg.zh
    clauses = [m for m in _CLAUSE.finditer(zh) if len(m.group()) >= min_chars]
    if not clauses:
        return []
    lexicon = Lexicon.load()  # the dictionary only for a pair with a clause of substance
    if lexicon is None:
        return []
    candidates = []
    for m in clauses:
        words = tuple(lexicon.words(m.group()))
        if sum(1 for w in words if w not in _LIGHT) >= min_words:
            candidates.append((m, words))
    if not candidates:
        return []
    en = seg.en
    stems = _english_stems(en)
    en_digits = {d.replace(",", "") for d in _DIGITS.findall(en.replace(",", ""))}
    en_lower = en.lower()
    names: frozenset[str] | None = None
    en_values: frozenset[float] | None = None
    rendered = _rendered_spans(ctx)
    out = []
    for m, words in candidates:
        if any(_gloss_stems(w) & stems for w in words):
            continue
        start, end = m.span()
        if any(a < end and start < b for a, b in rendered):
            continue
        clause = m.group()
        if any(d in en_digits for d in _DIGITS.findall(clause)):
            continue
        clause_values = _values(clause, "zh")
        if clause_values:  # the English's figures only for a clause that has some
            if en_values is None:
                en_values = _values(en, "en")
            if clause_values & en_values:
                continue  # 9.1万人 and "91,000 people": one figure
        if any(t.lower() in en_lower for t in _LATIN.findall(clause)):
            continue
        if names is None:
            names = _pinyin_names(en)
        if _spells_a_name(clause, names):
            continue
        out.append((start, end, words))
    return out


def _values(text: str, side: str) -> frozenset[float]:
    """The figures of ``text`` as values, by the numbers engine (as the aligner's figure anchors)."""
    if side == "zh":
        from ..numbers.zh import has_figures

        if not has_figures(text):
            return frozenset()  # what the engine finds there, without loading it (or the aligner's numpy)
    from ..align import figure_extractors

    extract = figure_extractors()[0 if side == "zh" else 1]
    return frozenset(float(f"{value:.6g}") for value in extract(text))


def _rendered_spans(ctx: PairContext) -> list[tuple[int, int]]:
    """Chinese spans of the glossary terms whose rendering the English has."""
    if ctx.matcher is None:
        return []
    return [(hit.start, hit.end) for hit in ctx.zh_hits if ctx.en_hits(hit.term)]


class _State:
    """Per document: every pair's lengths (``DocLengths``), and the suspect clauses by pair index."""

    __slots__ = ("docs", "suspects")

    def __init__(self) -> None:
        self.docs: dict[_Key, DocLengths] = {}
        self.suspects: dict[_Key, list[tuple[int, str, int, int, tuple[str, ...]]]] = {}


class OmissionSuspected(CorpusRule):
    id: ClassVar[str] = "omission-suspected"
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("A clause of the Chinese has no counterpart in the English (no dictionary gloss, "
                              "term, figure or name of it) and the English is shorter than the Chinese predicts.")
    why: ClassVar[str] = ("A clause left out of a long policy sentence reads fluently and passes every term and "
                          "figure check; the reader never learns what was dropped. The clause is shown so a "
                          "reviewer can see at once whether it was translated in other words.")
    example: ClassVar[str] = ("坚持稳中求进，全面深化改革，扩大高水平对外开放 → We will deepen reform and open wider.: "
                              "'no counterpart in the English for the clause 坚持稳中求进 (words: 坚持, 稳中求进)'")
    #: a clause needs this many characters and dictionary words to be of substance
    min_chars: ClassVar[int] = 6
    min_words: ClassVar[int] = 3
    #: ... and the English must be this many standard deviations shorter than the length model predicts
    max_deviation: ClassVar[float] = -1.5
    min_pairs: ClassVar[int] = 30

    def new_state(self) -> _State:
        return _State()

    def observation(self, ctx: PairContext) -> tuple[float, float, tuple[Any, ...]] | None:
        seg = ctx.segment
        if not seg.zh.strip() or not seg.en.strip():
            return None
        zh_len, en_len = pair_lengths(seg.zh, seg.en)
        suspects = tuple((seg.zh[a:b], a, b, words) for a, b, words in suspect_clauses(ctx, self.min_chars,
                                                                                         self.min_words))
        return zh_len, en_len, suspects

    def record(self, state: _State, observation: tuple[float, float, tuple[Any, ...]], segment: Segment) -> None:
        key = (segment.doc.file, segment.doc.id)
        doc = state.docs.get(key)
        if doc is None:
            doc = state.docs[key] = DocLengths()
        zh_len, en_len, suspects = observation
        if suspects:
            state.suspects.setdefault(key, []).extend((len(doc.zh), *s) for s in suspects)
        doc.add(zh_len, en_len, segment)

    def merge(self, earlier: _State, later: _State) -> _State:
        for key, suspects in later.suspects.items():
            offset = len(earlier.docs[key].zh) if key in earlier.docs else 0
            earlier.suspects.setdefault(key, []).extend((s[0] + offset, *s[1:]) for s in suspects)
        merge_documents(earlier.docs, later.docs)
        return earlier

    def split(self, state: _State, parts: int) -> list[_State]:
        """By document (``spill.SplitsState``): its lengths and its suspect clauses go together."""
        pieces = [_State() for _ in range(parts)]
        for piece, docs, suspects in zip(pieces, split_mapping(state.docs, parts),
                                         split_mapping(state.suspects, parts), strict=True):
            piece.docs, piece.suspects = docs, suspects
        return pieces

    def finish(self, state: _State) -> Iterable[Finding]:
        from ..lengthmodel import length_deviation  # plain Python: the aligner (numpy) is not loaded

        for key, suspects in state.suspects.items():
            doc = state.docs[key]
            ratio, variance = document_model(doc, self.min_pairs)
            by_pair: dict[int, list[tuple[str, int, int, tuple[str, ...]]]] = {}
            for index, *clause in suspects:
                by_pair.setdefault(index, []).append(tuple(clause))  # type: ignore[arg-type]
            for index, clauses in by_pair.items():
                deviation = length_deviation(doc.zh[index], doc.en[index], ratio, variance)
                if deviation > self.max_deviation:
                    continue
                where = Location(file=key[0], line=doc.lines[index], segment=doc.segment(index), doc=key[1])
                shown = "; ".join(f"{text} (words: {', '.join(words)})" for text, _, _, words in clauses)
                noun = "clause" if len(clauses) == 1 else f"{len(clauses)} clauses"
                yield self.finding(
                    where,
                    f"no counterpart in the English for the {noun} {shown}; the English is "
                    f"{-deviation:.1f} standard deviations shorter than the Chinese predicts",
                    spans=[Span("zh", start, end) for _, start, end, _ in clauses],
                    data={"clauses": [text for text, *_ in clauses], "deviation": round(deviation, 2)},
                )
