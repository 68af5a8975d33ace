"""Slogans the glossary does not know yet: quoted expressions and numbered formulas in Chinese.

Policy texts coin their slogans in two recognisable shapes: a short expression in quotation
marks (“四大赛道”, “6+2”, “15886”) and a numbered formula (两个确立, 四个意识, 三大攻坚战, 1+N).
``candidates(zh)`` finds both; a candidate that a glossary entry covers (its span overlaps a
matched term) is not unknown. ``english_for`` guesses the English a translation gave it: a
quoted English phrase, the same figures ("6+2"), or the number word with the words after it
("the four major tracks"). Used by the ``term-unknown`` rule (one pair) and by
``suggest_entries`` (a whole corpus: candidates ranked by frequency, as proposed entries).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..model import Segment, Term
from ..script import match_key_zh, normalise_en

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# a quoted expression: short (a slogan, not a quoted sentence), no sentence punctuation inside
_QUOTED = re.compile(rf"[“「『\"‘]([0-9A-Za-z{_CJK}＋+×\-—～~、]{{2,12}})[”」』\"’]")
_NUMERAL = "两三四五六七八九十"
# 两个确立, 四个意识, 三大攻坚战: a numeral, 个 or 大, and a word of 2-4 characters that stands alone
# (punctuation, the end of the text or 的/和/与/及 follows), so that 两个女孩在… or 三大技术突破 is
# not taken for a slogan; quoted formulas (“八型八地”) are found as quoted expressions
_COUNTERS = "个大项条位型链步"  # after a numeral, they open a quoted formula (“四步走”)
_FORMULA = re.compile(rf"(?<![{_NUMERAL}])([{_NUMERAL}])([个大])([{_CJK}]{{2,4}}?)(?=$|[^{_CJK}]|[的和与及])")
_N_PLUS_M = re.compile(r"(?<![0-9A-Za-z.])([0-9]{1,2}|N)\s*[+＋]\s*([0-9]{1,2}|N)(?![0-9A-Za-z.%])")
# counted things, not slogans: 两个月, 三个方面, 两个百分点, 三大洲…
_ORDINARY = frozenset((
    "月", "小时", "方面", "百分点", "层次", "阶段", "国家", "城市", "地区", "部分", "问题", "环节", "领域",
    "年度", "季度", "星期", "工作日", "以上", "以下", "左右", "多", "洲", "洋", "类", "批", "轮", "种", "人",
))
_NUMBER_WORDS = {"两": "two", "二": "two", "双": "double", "三": "three", "四": "four", "五": "five", "六": "six",
                 "七": "seven", "八": "eight", "九": "nine", "十": "ten"}
_EN_QUOTED = re.compile(r"[\"“‘']([^\"“”‘’']{2,60})[\"”’']")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_EN_STOP = frozenset(("of", "and", "in", "on", "to", "for", "with", "by", "that", "which", "is", "are", "was",
                      "were", "as", "at", "from", "into", "we", "will", "has", "have"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A slogan-shaped expression in Chinese text: its text, span, and kind ("quoted" or "formula")."""

    text: str
    start: int
    end: int
    kind: str


def candidates(zh: str) -> list[Candidate]:
    """Quoted expressions and numbered formulas in ``zh``, by position, without overlaps."""
    found: list[Candidate] = []
    for m in _QUOTED.finditer(zh):
        inner = m.group(1)
        if re.search(rf"[{_CJK}0-9]", inner):
            found.append(Candidate(inner, m.start(1), m.end(1), "quoted"))
    for m in _FORMULA.finditer(zh):
        word = m.group(3)
        if not any(word.startswith(o) for o in _ORDINARY):
            found.append(Candidate(m.group(0), m.start(), m.end(), "formula"))
    for m in _N_PLUS_M.finditer(zh):
        found.append(Candidate(m.group(0).replace(" ", ""), m.start(), m.end(), "formula"))
    found.sort(key=lambda c: (c.start, c.start - c.end))
    kept: list[Candidate] = []
    for cand in found:
        if kept and cand.start < kept[-1].end:
            continue  # a formula inside a quoted expression: the quotes give the slogan's extent
        kept.append(cand)
    return kept


def unknown_candidates(zh: str, covered: Sequence[tuple[int, int]]) -> list[Candidate]:
    """``candidates(zh)`` that no glossary hit (``covered`` spans of ``zh``) overlaps."""
    return [c for c in candidates(zh) if not any(c.start < b and a < c.end for a, b in covered)]


def english_for(found: Sequence[Candidate], en: str) -> list[str]:
    """For each of ``found`` (one pair's candidates, in order), the English it was given, or "".

    Quoted English phrases are shared out in order among the candidates they fit: one with figures
    takes a phrase with the same figures, a numbered formula one that starts with its number word
    ("Two Upholds" for 两个维护), a quoted expression any. A candidate left without one gets the
    same figures or the number word with the words after it, when the English has them.
    """
    en = normalise_en(en)
    quoted = [_trim(m.group(1)) for m in _EN_QUOTED.finditer(en)]
    taken = [False] * len(quoted)
    out = []
    for cand in found:
        choice = ""
        for index, phrase in enumerate(quoted):
            if not taken[index] and phrase and _fits(cand, phrase):
                taken[index] = True
                choice = phrase
                break
        out.append(choice or _unquoted(cand, en))
    return out


def _digits(cand: Candidate) -> list[str]:
    return re.findall(r"[0-9N]+", cand.text)


def _fits(cand: Candidate, phrase: str) -> bool:
    digits = _digits(cand)
    if digits:
        return all(d in phrase for d in digits)
    if re.search(r"[0-9]", phrase):
        return False  # figures belong to a candidate with figures
    number = _number_word(cand)
    if number:
        first = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.IGNORECASE).split()[:1]
        return bool(first) and first[0].lower().startswith(number)
    return True


def _number_word(cand: Candidate) -> str | None:
    """"four" for 四大赛道 or 四步走: a numeral followed by a counter opens a numbered formula."""
    if cand.kind == "formula" or (len(cand.text) > 2 and cand.text[1] in _COUNTERS):
        return _NUMBER_WORDS.get(cand.text[:1])
    return None


def _unquoted(cand: Candidate, en: str) -> str:
    digits = _digits(cand)
    if digits:
        plus = "+" in cand.text.replace("＋", "+")
        figure = r"\s*[+＋]\s*".join(map(re.escape, digits)) if plus else re.escape("".join(digits))
        m = re.search(rf"(?<![0-9]){figure}(?![0-9])(?:[\s-]+[A-Za-z][\w'’-]*){{0,3}}", en)
        return _trim(m.group(0)) if m else ""
    number = _number_word(cand)
    if number:
        m = re.search(rf"\b{number}\b((?:[\s-]+[A-Za-z][\w'’-]*){{1,4}})", en, re.IGNORECASE)
        if m:
            words = []
            for word in _EN_WORD.findall(m.group(1)):
                if word.lower() in _EN_STOP:
                    break
                words.append(word)
            if words:
                return f"{m.group(0)[:len(number)]} {' '.join(words)}"
    return ""


def _trim(text: str) -> str:
    words = re.sub("[\"“”‘’]", "", text).strip().rstrip(".,;:!?").split()
    while words and words[-1].lower() in _EN_STOP:
        words.pop()
    return " ".join(words)


@dataclass
class Suggestion:
    """One candidate across a corpus: how often, the renderings seen, and where."""

    zh: str
    count: int = 0
    renderings: Counter = field(default_factory=Counter)
    places: list[str] = field(default_factory=list)


def suggest_entries(segments: Iterable[Segment], matcher: object | None, *, places: int = 5) -> list[Suggestion]:
    """Unknown candidates of every pair, grouped by term (matching form), most frequent first."""
    found: dict[str, Suggestion] = {}
    for segment in segments:
        hits = matcher.find_zh(segment.zh) if matcher is not None else []  # type: ignore[attr-defined]
        found_here = unknown_candidates(segment.zh, [(h.start, h.end) for h in hits])
        for cand, english in zip(found_here, english_for(found_here, segment.en), strict=True):
            key = match_key_zh(cand.text)
            entry = found.setdefault(key, Suggestion(zh=cand.text))
            entry.count += 1
            if english:
                entry.renderings[english] += 1
            if len(entry.places) < places:
                entry.places.append(f"{segment.doc.file}:{segment.line} ({segment.id})")
    return sorted(found.values(), key=lambda s: (-s.count, s.zh))


def suggestion_terms(suggestions: Iterable[Suggestion]) -> list[Term]:
    """Proposed glossary entries for ``suggestions``: the commonest rendering seen as ``en``, the others
    as variants, and a note with the count and the places (for ``glossary_yaml``)."""
    out = []
    for s in suggestions:
        seen = [r for r, _ in s.renderings.most_common()]
        tally = "; ".join(f"'{r}' ×{n}" for r, n in s.renderings.most_common())
        note = (f"seen {s.count} time{'s' if s.count != 1 else ''}: {', '.join(s.places)}"
                + (f"; English seen: {tally}" if tally else "; no English rendering recognised")
                + ". Proposed by `duizhao glossary suggest`: check the official English before approving.")
        out.append(Term(zh=s.zh, en=seen[0] if seen else "", variants=tuple(seen[1:]), note=note,
                        status="proposed"))
    return out
