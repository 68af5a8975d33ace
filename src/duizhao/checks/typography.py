"""Whitespace and typography of the English: what every QA tool checks, tuned on professional text.

* ``double-space``: two or more spaces inside the English.
* ``edge-whitespace``: the English starts or ends with whitespace where the Chinese does not
  (or the reverse): segments are often joined back into a page, where that shows.
* ``space-before-punctuation``: "word ," / "word ." / "( word": a space French typography
  wants and English does not.
* ``fullwidth-in-english``: full-width Latin letters, digits and punctuation (Ａ１！？（）),
  the ideographic space and 【】〔〕〈〉 in the English; the ideographs and 、。《》，；： that
  leftover-cjk already reports are left to it.
* ``repeated-word``: "the the", "to to": a word typed twice. Names written twice (Bora Bora,
  Bing Dwen Dwen) and the grammatical "had had" / "that that" are not repeats.
* ``final-punctuation``: a Chinese question not ending with ? in English, an English question
  for a Chinese statement, an exclamation dropped.
* ``lowercase-start``: the English starts with a lower-case word where the Chinese starts a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from ..model import Finding, Severity, Span
from .base import PairContext, PairRule

_DOUBLE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_EDGE = " \t\u00a0\u3000\u2002\u2003\u2009"
_BEFORE = re.compile(r"(?<=[\w\"”’)\]%])[ \u00a0]+(?P<mark>[,;:!?]|\.(?!\.))(?=[\s\"”’)\]]|$)"
                     r"|(?<=(?P<open>[(\[]))[ \u00a0]+(?=\w)|(?<=\w)[ \u00a0]+(?=(?P<close>[)\]]))")
# full-width ASCII forms except ，；： (leftover-cjk's), the ideographic space, and bracket forms
# leftover-cjk does not cover
_FULLWIDTH = re.compile(r"[\uff01-\uff0b\uff0d-\uff19\uff1c-\uff5e\u3000\u3008\u3009\u3010\u3011\u3014-\u3017]+")
_REPEAT = re.compile(r"\b([A-Za-z]+)\s+(\1)\b", re.I)
# reduplications that are English (or common transcriptions), not slips
_REPEAT_OK = frozenset({"had", "that", "ha", "bye", "no", "very", "so", "well", "mm", "far", "more", "many", "knock",
                        "tut", "chop", "hush", "yada", "blah", "boo", "pom", "tom", "yo", "go", "la", "na", "ya",
                        "dum", "bang", "choo", "tsk", "wait", "yeah", "oh", "ah", "hip"})
# words that are never a name: "The the" at a sentence start is a slip, "Bora Bora" is not
_FUNCTION = frozenset({"the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "is", "are", "was",
                       "were", "be", "by", "with", "from", "as", "it", "its", "this", "we", "they", "he", "she",
                       "will", "can", "could", "would", "should", "has", "have", "not", "which", "who"})
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CLOSERS = "\"'”’)]}》」』）】 \t\u3000"


def _final(text: str) -> str:
    """The last character of ``text`` that is not a closing quote, bracket or space."""
    stripped = text.rstrip(_CLOSERS)
    return stripped[-1] if stripped else ""


class DoubleSpace(PairRule):
    id: ClassVar[str] = "double-space"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = "Two or more spaces in a row inside the English."
    why: ClassVar[str] = ("A double space is invisible in an editor and visible on the page; it usually marks a "
                          "word deleted in revision.")
    example: ClassVar[str] = "发展经济 → develop  the economy: 'two spaces after \"develop\"'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        en = ctx.segment.en
        if "  " not in en and "\u00a0" not in en:
            return
        for m in _DOUBLE.finditer(en):
            words = en[: m.start()].split()
            before = words[-1] if words else ""
            yield self.finding(ctx, f"{len(m.group())} spaces after {before!r}", spans=[Span("en", *m.span())])


class EdgeWhitespace(PairRule):
    id: ClassVar[str] = "edge-whitespace"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("Leading or trailing whitespace in the English that the Chinese does not have, "
                              "or the reverse.")
    why: ClassVar[str] = ("Segments are joined back into documents: a stray leading space indents a paragraph, "
                          "a missing one runs two sentences together.")
    example: ClassVar[str] = ("春临大地。 → ' Spring has returned.': "
                              "'the English starts with whitespace; the Chinese does not'")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        zh, en = seg.zh, seg.en
        if not en.strip() or not zh.strip():
            return
        for edge, zh_has, en_has, span in (
            ("starts", zh[:1] in _EDGE and zh[:1] != "", en[:1] in _EDGE, (0, len(en) - len(en.lstrip(_EDGE)))),
            ("ends", zh[-1:] in _EDGE and zh[-1:] != "", en[-1:] in _EDGE, (len(en.rstrip(_EDGE)), len(en))),
        ):
            if en_has and not zh_has:
                yield self.finding(ctx, f"the English {edge} with whitespace; the Chinese does not",
                                   spans=[Span("en", *span)], data={"edge": edge})
            elif zh_has and not en_has:
                yield self.finding(ctx, f"the Chinese {edge} with whitespace; the English does not",
                                   data={"edge": edge})


class SpaceBeforePunctuation(PairRule):
    id: ClassVar[str] = "space-before-punctuation"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = "A space before , . ; : ! ? or a closing bracket, or after an opening one, in the English."
    why: ClassVar[str] = ("English sets punctuation against the word before it; a space there is a typing slip "
                          "(or French typography), and a line may break before the comma.")
    example: ClassVar[str] = "发展经济，改善民生 → develop the economy , improve lives: 'a space before \",\"'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        en = ctx.segment.en
        if " " not in en:
            return
        for m in _BEFORE.finditer(en):
            if m.group("mark"):
                message, span = f"a space before {m.group('mark')!r}", (m.start(), m.start("mark"))
            else:
                message, span = f"a space inside {m.group('open') or m.group('close')!r}", m.span()
            yield self.finding(ctx, message, spans=[Span("en", *span)])


class FullwidthInEnglish(PairRule):
    id: ClassVar[str] = "fullwidth-in-english"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = ("Full-width letters, digits or punctuation (Ａ１（）！？), the ideographic space or 【】 "
                              "in the English (beyond what leftover-cjk reports).")
    why: ClassVar[str] = ("Full-width forms look almost right on screen and wrong in print; they break search, "
                          "sorting and number parsing (２０２４ is not a year to a computer).")
    example: ClassVar[str] = "增长５％ → grew by ５％: 'full-width characters in the English: ５％'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        en = ctx.segment.en
        if en.isascii():
            return
        matches = list(_FULLWIDTH.finditer(en))
        if matches:
            shown = ", ".join(dict.fromkeys(repr(m.group()) if m.group().isspace() else m.group() for m in matches))
            yield self.finding(ctx, f"full-width characters in the English: {shown}",
                               spans=[Span("en", *m.span()) for m in matches])


class RepeatedWord(PairRule):
    id: ClassVar[str] = "repeated-word"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = "The same word twice in a row in the English (\"the the\")."
    why: ClassVar[str] = "A doubled word is the commonest slip of revision and the one spell checkers miss."
    example: ClassVar[str] = "推进改革 → advance the the reform: \"'the' is repeated\""

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        en = ctx.segment.en
        for m in _REPEAT.finditer(en):
            first, second = m.group(1), m.group(2)
            if first.lower() in _REPEAT_OK:
                continue
            if first[0].isupper() and second[0].isupper() and first.lower() not in _FUNCTION:
                continue  # a name: Bora Bora, Bing Dwen Dwen, Tingting written apart
            if len(first) == 1 and first.lower() not in ("a",):
                continue  # initials and list letters
            yield self.finding(ctx, f"{first!r} is repeated", spans=[Span("en", m.start(2), m.end(2))],
                               data={"word": first.lower()})


class FinalPunctuation(PairRule):
    id: ClassVar[str] = "final-punctuation"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("The English ends differently from the Chinese: a question not ending with ?, a "
                              "statement turned into a question, an exclamation dropped.")
    why: ClassVar[str] = ("A question rendered as a statement changes what the sentence does; a dropped ! is often "
                          "a choice (English exclaims less), so this is a warning, not an error.")
    example: ClassVar[str] = ("人才哪里找？ → Where is talent found.: "
                              "'the Chinese asks a question; the English does not end with ?'")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        zh_end, en_end = _final(seg.zh), _final(seg.en)
        if not zh_end or not en_end:
            return
        if zh_end in "？?" and en_end != "?":
            yield self.finding(ctx, "the Chinese asks a question; the English does not end with ?",
                               data={"zh": zh_end, "en": en_end})
        elif en_end == "?" and zh_end in "。．.！!" and "?" not in seg.en[:-1] and "？" not in seg.zh:
            yield self.finding(ctx, "the English ends with ? but the Chinese is not a question",
                               data={"zh": zh_end, "en": en_end})
        elif zh_end in "！!" and en_end not in "!?" and "!" not in seg.en:
            yield self.finding(ctx, "the Chinese exclaims (！); the English does not",
                               data={"zh": zh_end, "en": en_end})


class LowercaseStart(PairRule):
    id: ClassVar[str] = "lowercase-start"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = "The English starts with a lower-case word where the Chinese is a whole sentence."
    why: ClassVar[str] = ("A sentence that starts in lower case looks truncated: usually the first word was deleted "
                          "or the segment was split in the wrong place.")
    example: ClassVar[str] = "我们要推进改革。 → we must advance reform.: \"the English starts in lower case ('we')\""

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        en = seg.en.lstrip()
        if not en or not en[0].islower():
            return
        zh = seg.zh.strip()
        if not zh or _final(zh) not in "。！？!?" or not ("\u4e00" <= zh[0] <= "\u9fff"):
            return  # a heading, a list item or a fragment: nothing says the English starts a sentence
        m = _WORD.match(en)
        word = m.group() if m else en.split()[0]
        if any(ch.isupper() for ch in word[1:]) or not m or re.match(r"\S+\.[a-z]{2,}", en):
            return  # iPhone, eBay, mRNA, www.example.com: written that way
        yield self.finding(ctx, f"the English starts in lower case ({word!r})", spans=[Span("en", 0, len(word))])
