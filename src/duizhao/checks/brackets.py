"""Brackets and quotes: ``bracket-unbalanced`` and ``quote-unbalanced`` (a pair opened and not
closed, or the reverse) and ``title-unmarked`` (a Chinese book title 《…》 with no title in the
English: where CC-CEDICT glosses find the title's translation it must be quoted or capitalised
there, otherwise the English must have as many quoted or capitalised runs as the Chinese has
titles).

Brackets are counted by family, not by shape: （ closed by ) is balanced (a width slip, not a
missing bracket), and so are 【…] and 〔…】. Quotation marks are where segments mislead: a
quotation that runs over several sentences opens in one segment and closes in a later one, on
both sides alike. A side is therefore reported only when its imbalance is not mirrored by the
other side (the Chinese opens a quotation the English also leaves open: that is a long quote,
not a slip). The English apostrophe is the right single quote (China’s), so a ’ alone proves
nothing; only a ‘ never closed is counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from ..model import Finding, Severity, Span
from .base import PairContext, PairRule

# opening char -> family; closing char -> family
_OPEN = {"(": "round", "（": "round", "[": "square", "【": "square", "〔": "square", "〖": "square",
         "《": "book", "〈": "angle", "「": "corner", "『": "white-corner", "“": "double", "{": "curly", "｛": "curly"}
_CLOSE = {")": "round", "）": "round", "]": "square", "】": "square", "〕": "square", "〗": "square",
          "》": "book", "〉": "angle", "」": "corner", "』": "white-corner", "”": "double", "}": "curly", "｝": "curly"}
_SHOWN = {"round": "()", "square": "[]", "book": "《》", "angle": "〈〉", "corner": "「」", "white-corner": "『』",
          "double": "“”", "curly": "{}", "straight": '"', "single": "‘’"}
_ANY = re.compile(r"[()（）\[\]【】〔〕〖〗《》〈〉「」『』“”{}｛｝\"＂‘]")
# every character ``imbalance`` acts on (the marks above and the ’ that closes a ‘)
_MARKS = re.compile(r"[()（）\[\]【】〔〕〖〗《》〈〉「」『』“”{}｛｝\"＂‘’]")
# "1) first, 2) second" and "a) ..." list labels close a bracket nobody opened
_LIST_LABEL = re.compile(r"(?:^|[\s,;:：，；])(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[)）]")


def imbalance(text: str) -> dict[str, tuple[int, list[int]]]:
    """Per family: (net count, positions of the unmatched marks) for the brackets of ``text``.

    Net count > 0: opened and not closed; < 0: closed without being opened. Straight double
    quotes (" ＂) count as one family that must be even.
    """
    out: dict[str, tuple[int, list[int]]] = {}
    if not _ANY.search(text):
        return out
    labels = {m.end() - 1 for m in _LIST_LABEL.finditer(text)}
    stacks: dict[str, list[int]] = {}
    stray: dict[str, list[int]] = {}
    straight: list[int] = []
    singles: list[int] = []
    for mark in _MARKS.finditer(text):  # only the marks: a long text has few
        i, ch = mark.start(), mark.group()
        family = _OPEN.get(ch)
        if family is not None:
            stacks.setdefault(family, []).append(i)
            continue
        family = _CLOSE.get(ch)
        if family is not None:
            stack = stacks.get(family)
            if stack:
                stack.pop()
            elif i not in labels:
                stray.setdefault(family, []).append(i)
            continue
        if ch in "\"＂":
            straight.append(i)
        elif ch == "‘":
            singles.append(i)
        elif ch == "’" and singles:
            singles.pop()
    for family, stack in stacks.items():
        if stack:
            out[family] = (len(stack), stack)
    for family, positions in stray.items():
        net, held = out.get(family, (0, []))
        out[family] = (net - len(positions), held + positions)
    if len(straight) % 2:
        out["straight"] = (1, straight[-1:])
    if singles:
        out["single"] = (len(singles), singles)
    return out


def _mirrored(family: str, net: int, other: dict[str, tuple[int, list[int]]]) -> bool:
    """The other side leaves the same kind of mark open (or closes one never opened) too."""
    quotes = ("double", "straight", "corner", "white-corner", "single")
    families = quotes if family in quotes else (family,)
    return any((other.get(f, (0, []))[0] > 0) == (net > 0) and other.get(f, (0, []))[0] != 0 for f in families)


_QUOTE_FAMILIES = frozenset({"double", "straight", "single", "corner", "white-corner"})


class _Unbalanced(PairRule):
    """Both rules of this module that count marks: brackets, or quotation marks."""

    families: ClassVar[frozenset[str]]

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        zh, en = imbalance(seg.zh), imbalance(seg.en)
        if not zh and not en:
            return
        for side, mine, other in (("zh", zh, en), ("en", en, zh)):
            for family, (net, positions) in mine.items():
                if family not in self.families or net == 0 or _mirrored(family, net, other):
                    continue
                shown = _SHOWN[family]
                where = "Chinese" if side == "zh" else "English"
                if family == "straight":
                    what = f"has an odd number of {shown} marks"
                elif net > 0:
                    what = f"opens {shown} and does not close it"
                else:
                    what = f"closes {shown} that it never opened"
                yield self.finding(ctx, f"the {where} {what}", spans=[Span(side, p, p + 1) for p in positions],
                                   data={"side": side, "mark": shown, "net": net})


class BracketUnbalanced(_Unbalanced):
    id: ClassVar[str] = "bracket-unbalanced"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ("A bracket ( ) （ ） [ ] 【 】 《 》 opened and not closed, or closed and never opened, "
                              "on one side when the other side does not do the same.")
    why: ClassVar[str] = ("An unclosed parenthesis leaves the reader unsure where an aside ends; it is usually a "
                          "deletion or a paste that went wrong. （ closed by ) is a width slip, not a missing bracket.")
    example: ClassVar[str] = ("（2024年2月8日） → (February 8, 2024: 'the English opens () and does not close it'")
    families: ClassVar[frozenset[str]] = frozenset(_SHOWN) - _QUOTE_FAMILIES


class QuoteUnbalanced(_Unbalanced):
    id: ClassVar[str] = "quote-unbalanced"
    text_only: ClassVar[bool] = True
    # WMT references: 31 per 1,000 pairs, mostly real slips (a closing quote typed as “), but
    # far above what an error may cost on professional text
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("A quotation mark “ ” \" ‘ 「 」 opened and not closed (or the reverse) on one side, "
                              "when the other side does not do the same.")
    why: ClassVar[str] = ("A quotation that never closes makes the rest of the text someone's words. A quotation that "
                          "runs on into the next segment on both sides is a long quote, not a slip, and is not "
                          "reported; the apostrophe (China’s) is never taken for a closing quote.")
    example: ClassVar[str] = ("他说：“我们会坚持。” → He said, “We will persist.: 'the English opens “” and does not "
                              "close it'")
    families: ClassVar[frozenset[str]] = _QUOTE_FAMILIES


_TITLE = re.compile(r"《([^《》]{1,60})》")
_QUOTED = re.compile(r"“[^“”]{1,200}”|\"[^\"]{1,200}\"|‘[^‘’]{1,200}’|(?<![A-Za-z])'[^']{1,200}'(?![A-Za-z])")
_CAP = r"(?:[A-Z0-9][\w'’.&-]*)"
_SMALL = r"(?:of|the|in|on|for|a|an|to|with|at|by|from|de|la)"
# a run of capitalised words, small words allowed inside: "The Wandering Earth", "Journey to the West"
_CAPS = re.compile(rf"{_CAP}(?:\s+(?:{_SMALL}\s+)*{_CAP})*")


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def title_marked(title: str, en: str) -> bool | None:
    """Whether the English words that translate ``title`` (by CC-CEDICT glosses) are quoted or
    capitalised: True / False, or None when the translation cannot be found.

    The translation is a run of English words (at most two more than the title has dictionary
    words) holding glosses of two of its words (of its one word, for a one-word title): a single
    gloss met somewhere ("statute" in "stated") is chance, not a translation.
    """
    from ..lexicon import Lexicon

    lexicon = Lexicon.load()
    if lexicon is None:
        return None
    words = lexicon.words(title)
    glosses = [{stem for stem in lexicon.stems(word)} for word in words]
    if not glosses:
        return None
    tokens = list(_EN_WORD.finditer(en))
    hits = [(i, {k for k, stems in enumerate(glosses) if m.group().lower()[:5] in stems})
            for i, m in enumerate(tokens) if len(m.group()) >= 3]
    hits = [(i, found) for i, found in hits if found]
    need = min(2, len(glosses))
    width = len(glosses) + 2
    quoted = [m.span() for m in _QUOTED.finditer(en)]
    outcomes = set()
    for start, _ in hits:
        window = [(i, found) for i, found in hits if start <= i < start + width]
        if len(set().union(*(found for _, found in window))) < need:
            continue
        outcome = "plain"
        for i, _ in window:
            m = tokens[i]
            before = en[: m.start()].rstrip()
            if any(a <= m.start() < b for a, b in quoted) or (
                    m.group()[0].isupper() and before and before[-1] not in ".!?:\"“‘("):
                outcome = "marked"
                break
            if m.group()[0].isupper():
                outcome = "start"  # a sentence's first word is capitalised anyway: it says nothing
        outcomes.add(outcome)
    if "marked" in outcomes:
        return True
    if "start" in outcomes or not outcomes or quoted:
        return None  # unknown; a quotation elsewhere may be the title in other words
    return False


def english_titles(en: str) -> int:
    """How many things in ``en`` could be a title: quoted spans and capitalised runs.

    A sentence's first word alone is not one (it is capitalised anyway), nor is a lone "I".
    """
    count = len(_QUOTED.findall(en))
    for m in _CAPS.finditer(en):
        words = m.group().split()
        before = en[: m.start()].rstrip()
        at_start = not before or before[-1] in ".!?:\"“‘("
        if at_start and len(words) == 1:
            continue
        if words == ["I"]:
            continue
        count += 1
    return count


class TitleUnmarked(PairRule):
    id: ClassVar[str] = "title-unmarked"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("The Chinese names a work in 《…》 but the English has no quoted or capitalised title "
                              "for it.")
    why: ClassVar[str] = ("《》 marks a title (a law, a plan, a newspaper, a film). Italics do not survive plain-text "
                          "pipelines, so the English should at least quote it or give it title case; a title in "
                          "lower case reads as a description and cannot be looked up.")
    example: ClassVar[str] = ("学习《政府工作报告》 → study the government work report: "
                              "'《政府工作报告》 has no title in the English (quote it or use title case)'")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        if "《" not in seg.zh or not seg.en.strip():
            return
        titles = list(_TITLE.finditer(seg.zh))
        if not titles:
            return
        latin = [m for m in titles if m.group(1).isascii()]
        for m in latin:  # 《Nature》: the English must carry the name itself
            if m.group(1).strip().lower() not in seg.en.lower():
                yield self.finding(ctx, f"{m.group()} does not appear in the English as {m.group(1).strip()!r}",
                                   spans=[Span("zh", m.start(), m.end())], data={"title": m.group(1)})
        others = [m for m in titles if not m.group(1).isascii()]
        if not others:
            return
        # a title whose translation can be found must be quoted or capitalised there; the others
        # are counted against the quoted and capitalised runs the English has
        verdicts = {m.group(): title_marked(m.group(1), seg.en) for m in others}
        unmarked = [m for m in others if verdicts[m.group()] is False]
        unknown = {m.group() for m in others if verdicts[m.group()] is None}
        if unknown and english_titles(seg.en) < len(unknown) + sum(v is True for v in verdicts.values()):
            unmarked += [m for m in others if m.group() in unknown]
        if unmarked:
            unmarked.sort(key=lambda m: m.start())
            shown = ", ".join(dict.fromkeys(m.group() for m in unmarked))
            yield self.finding(ctx, f"{shown} has no title in the English (quote it or use title case)",
                               spans=[Span("zh", m.start(), m.end()) for m in unmarked],
                               data={"titles": [m.group(1) for m in unmarked]})
