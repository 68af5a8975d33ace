"""Figures that do not survive translation: ``number-mismatch`` (errors) and ``number-approx`` (warnings).

Both rules report from one comparison of the pair (``duizhao.numbers.compare_pair``), which is
the expensive part. The comparison is computed once per pair and shared through a one-entry
cache that holds the ``PairContext`` it was computed for: the engine runs every pair rule on
one context before moving to the next pair, so the second rule always finds the first rule's
result, and holding the context itself (not its ``id``) means a recycled id can never return
another pair's issues. The cache is per thread, so rules stay safe if a caller checks pairs
in threads.

Pairs seen again (translation memories repeat segments) are not compared again: both rules
are ``text_only``, so the engine reuses their findings (``engine.PairMemo``).

Numbers inside glossary terms (两个维护, 十四五, “15886”) and inside the matched English renderings
of those terms belong to the glossary check, so their spans are passed as protected.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable
from functools import cache
from typing import ClassVar

from ..model import Finding, Severity, Span
from ..numbers.model import ADDED_ORDINAL, APPROX, LIST_DROPPED, MISMATCH, NumberIssue
from .base import PairContext, PairRule

_cache = threading.local()

#: figures (runs of digits, counted in linear time) a pair may hold before it is not compared:
#: the comparison grows faster than linearly, and 20,000 figures on one line took 22 s
MAX_FIGURES_PER_PAIR = 1000
_DIGIT_RUN = re.compile(r"\d+")
_ZH_FIGURE_RUN = re.compile("[\\d〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟萬億]+")


def _too_many_figures(zh: str, en: str) -> NumberIssue | None:
    counts = []
    for text, pattern in ((zh, _ZH_FIGURE_RUN), (en, _DIGIT_RUN)):
        count = 0
        for count, _ in enumerate(pattern.finditer(text), start=1):
            if count > MAX_FIGURES_PER_PAIR:
                break
        counts.append(count)
    if max(counts) <= MAX_FIGURES_PER_PAIR:
        return None
    return NumberIssue(MISMATCH, f"over {MAX_FIGURES_PER_PAIR} figures on one side of this pair: not compared;"
                       " split the segment or check its figures by hand", None, None)


@cache
def _engine() -> Callable[..., list[NumberIssue]]:
    """The figure engine, loaded when the first pair with figures is compared: listing the rules
    and checking pairs without figures need none of it, and its patterns take a while to compile."""
    from ..numbers.compare import compare_pair

    return compare_pair


@cache
def _has_figures() -> Callable[[str], bool]:
    """The Chinese pre-check (``numbers.zh.has_figures``: any digit or numeral character), loaded on first use."""
    from ..numbers.zh import has_figures

    return has_figures


def has_digit(text: str) -> bool:
    """``numbers.en.has_digit``, without loading the English figure engine to ask whether there is a digit."""
    return _DIGIT_RUN.search(text) is not None


def compare_pair(zh: str, en: str, **protected: list[tuple[int, int]]) -> list[NumberIssue]:
    """``numbers.compare_pair`` (the one comparison both rules report from), loaded on first use."""
    return _engine()(zh, en, **protected)


def pair_issues(ctx: PairContext) -> list[NumberIssue]:
    """The figure issues of ``ctx``'s pair, computed at most once per context."""
    last: tuple[PairContext, list[NumberIssue]] | None = getattr(_cache, "last", None)
    if last is not None and last[0] is ctx:
        return last[1]
    has_figures = _has_figures()
    seg = ctx.segment
    # Traditional sources (27億千瓦時, 百分之五點二, 十六屆) are read in Simplified; OpenCC keeps
    # lengths for almost every text, and only then do the spans still point into the original.
    zh = ctx.zh_simplified if len(ctx.zh_simplified) == len(seg.zh) else seg.zh
    zh_protected: list[tuple[int, int]] = []
    en_protected: list[tuple[int, int]] = []
    if ctx.matcher is not None and has_figures(zh):
        for hit in ctx.zh_hits:
            term_zh = getattr(hit.term, "zh", None)
            if term_zh is not None and not has_figures(term_zh):
                continue  # a term without figures cannot explain any
            zh_protected.append((hit.start, hit.end))
            en_protected.extend((en_hit.start, en_hit.end) for en_hit in ctx.en_hits(hit.term))
    too_many = _too_many_figures(zh, seg.en)
    if too_many is not None:
        issues = [too_many]
    elif has_figures(zh) or has_digit(seg.en):
        issues = compare_pair(zh, seg.en, zh_protected=zh_protected, en_protected=en_protected)
    else:
        issues = []  # what compare_pair says at once
    _cache.last = (ctx, issues)
    return issues


def _spans(issue: NumberIssue) -> list[Span]:
    spans = []
    if issue.zh_span is not None:
        spans.append(Span("zh", *issue.zh_span))
    if issue.en_span is not None:
        spans.append(Span("en", *issue.en_span))
    return spans


class FigureRule(PairRule):
    """Base of the figure rules: reports the issues of the pair's one comparison whose code is the rule's id.

    A new figure rule is a subclass with its own ``id`` (and docs) whose issues ``compare_pair``
    tags with that id; no other rule needs to change.
    """

    text_only: ClassVar[bool] = True

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        code = self.id
        for issue in pair_issues(ctx):
            if issue.code == code:
                yield self.finding(ctx, issue.message, spans=_spans(issue))


class NumberMismatch(FigureRule):
    id: ClassVar[str] = MISMATCH
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ("A figure is changed, off by a magnitude, present on one side only, or its hedge says "
                              "something else.")
    why: ClassVar[str] = ("Figures are what readers quote: 2030万元 published as \"203 million yuan\" is a tenfold "
                          "error in an official text, and digit-by-digit tools cannot see it because 万 and "
                          "million group digits differently.")
    example: ClassVar[str] = ("下达资金2030万元 → allocated 203 million yuan: 'zh 2030万 = 20,300,000, "
                              "en \"203 million\" = 203,000,000: magnitude off by 10×'")


class NumberApprox(FigureRule):
    id: ClassVar[str] = APPROX
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = "A figure is rounded, its hedge is dropped or added, or a multiplier is ambiguous."
    why: ClassVar[str] = ("5%左右 (about) published as \"5 percent\" states as exact what the source only estimates; "
                          "增长两倍 is ×3 by the rule books and ×2 in everyday usage; a rounded figure may be fine but "
                          "should be a choice. (A reversed hedge, 近30% → \"over 30%\", is a number-mismatch.)")
    example: ClassVar[str] = ("增长5%左右 → grew 5 percent: 'zh 5%左右 says about, en \"5 percent\" states it exactly: "
                              "the hedge is dropped'")


class NumberAddedOrdinal(FigureRule):
    id: ClassVar[str] = ADDED_ORDINAL
    default_severity: ClassVar[Severity] = Severity.INFO
    summary: ClassVar[str] = "The English numbers an event, session or congress the Chinese names without an ordinal."
    why: ClassVar[str] = ("Official English adds the ordinal of a recurring event (金砖国家领导人会晤 → "
                          "\"the 16th BRICS Summit\"); that is usually right, so it is no error, but the number "
                          "comes from the translator, not the source, and is worth checking against the event's "
                          "own numbering.")
    example: ClassVar[str] = ("金砖国家领导人会晤 → the 16th BRICS Summit: 'en \"16th\" numbers \"BRICS Summit\", "
                              "which zh names without an ordinal: check the number against the event's own'")


class NumberListDropped(FigureRule):
    id: ClassVar[str] = LIST_DROPPED
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("A list item or section numbered in digits in the Chinese (2、, 3.1, 04) has no number "
                              "in the English.")
    why: ClassVar[str] = ("Section and item numbers are what cross-references, tables of contents and readers "
                          "quoting a clause rely on; an English that drops or renumbers them (3.1 → a bare "
                          "heading) breaks the structure without changing a figure of the text. It is a warning, "
                          "not an error, because an English list may be laid out with bullets on purpose; "
                          "numbers in characters (一、, （三）) are not checked, since English often writes them as "
                          "\"I.\" or \"First,\".")
    example: ClassVar[str] = ("6.2 双字部分字符的排列顺序 → Order of double-byte characters: 'zh list number 6.2 is "
                              "not in en: the item is unnumbered or renumbered'")
