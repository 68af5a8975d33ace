"""The only OpenCC wrapper: Traditional→Simplified conversion and text normalisation.

Converters are created once per process (building one reads OpenCC's dictionaries, which is
slow) and normalisation is what makes 「鄉村振興」 and “乡村振兴” the same source text.

Everything here runs on every pair, so each step has a fast path that gives exactly the plain
definition's result (tests/test_script.py holds the plain definitions): OpenCC is skipped for
text holding no character its dictionaries change (``_opencc_triggers``), foldings are single
composed ``str.translate`` tables run only when a regular expression finds something to fold,
and whitespace is collapsed by ``split``/``join``. Callers that need both the matching form and
the compare key of one text pass ``to_simplified``'s result in (``simplified=``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from functools import cache
from typing import Any, overload

import opencc

from . import _opencc_triggers

# Quotes and brackets that differ between mainland, Taiwan/HK and ASCII typing but never
# change meaning; folded to one form so they neither block a match nor split consistency.
_QUOTE_FOLD = str.maketrans({
    "「": "“", "」": "”", "『": "‘", "』": "’", "\"": "“", "﹁": "“", "﹂": "”",
    "'": "’", "‘": "’", "〝": "“", "〞": "”", "＂": "“",
})
_EN_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "′": "'",
                                "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})
# the same folding as (old, new) pairs; no ``new`` is an ``old``, so replacing one after another is exact
_EN_QUOTE_PAIRS = tuple((chr(old), new) for old, new in _EN_QUOTE_FOLD.items())


@cache
def converter(config: str = "t2s") -> opencc.OpenCC:
    """A cached OpenCC converter (``t2s``, ``tw2s``, ``hk2s``, ``s2t``...)."""
    return opencc.OpenCC(config)


# ``hk2s`` is ``t2s`` plus the Hong Kong variant table (衞→卫, 綫→线), and it leaves Taiwan
# standard forms no worse than ``t2s`` does, so one converter serves mainland, TW and HK text.
SIMPLIFY_CONFIG = "hk2s"


def _may_change_pattern() -> re.Pattern[str] | None:
    """A test for text OpenCC might change: any character listed in ``_opencc_triggers`` or beyond the BMP.

    ``None`` (always convert) unless the installed OpenCC passes a coverage check: every BMP
    character outside the list, each converted on its own, must come back unchanged (one call,
    a few tens of milliseconds, made at the first conversion). That holds for the release the
    list was generated from and for any release whose character tables did not grow; phrase
    entries are not probed (each is listed by the characters it changes).
    """
    if SIMPLIFY_CONFIG != _opencc_triggers.CONFIG:
        return None
    listed = set(_opencc_triggers.BMP_TRIGGERS)
    bmp = "".join(map(chr, range(0x80, 0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))  # no surrogates
    unlisted = " ".join(bmp.translate(dict.fromkeys(map(ord, listed))))  # each character on its own
    if converter(SIMPLIFY_CONFIG).convert(unlisted) != unlisted:
        return None
    codes = sorted(map(ord, listed))
    ranges = []
    start = previous = codes[0]
    for code in [*codes[1:], -1]:  # runs of consecutive code points become ranges: a smaller class
        if code != previous + 1:
            ranges.append(re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else ""))
            start = code
        previous = code
    # one range for all of the astral planes: a class listing astral characters one by one is slow
    return re.compile("[" + "".join(ranges) + "\U00010000-\U0010ffff]")


_UNDECIDED = re.compile("")  # the fast path is decided at the first conversion, not on import
_MAY_CHANGE: re.Pattern[str] | None = _UNDECIDED


def may_change_pattern() -> re.Pattern[str] | None:
    """The fast path's test (``None``: off), decided once per process."""
    global _MAY_CHANGE
    if _MAY_CHANGE is _UNDECIDED:
        _MAY_CHANGE = _may_change_pattern()
    return _MAY_CHANGE


def to_simplified(text: str) -> str:
    """Traditional (incl. Taiwan and Hong Kong forms) to Simplified; Simplified text is unchanged.

    Most Simplified text holds no character any OpenCC dictionary entry changes; that is tested
    with one regular-expression scan (a fraction of a microsecond) and OpenCC is skipped.
    """
    if text.isascii():
        return text
    may_change = _MAY_CHANGE if _MAY_CHANGE is not _UNDECIDED else may_change_pattern()
    if may_change is not None and not may_change.search(text):
        return text
    return converter(SIMPLIFY_CONFIG).convert(text)


# Full-width ASCII to half-width, except the full-width punctuation Chinese itself uses.
_WIDTH_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F) if chr(c) not in "，；：！？（）"}


def _any_of(table: dict[int, Any]) -> re.Pattern[str]:
    """A pattern finding any character ``table`` changes: most texts need no ``translate`` at all."""
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table)) + "]")


_FULL_WIDTH = _any_of(_WIDTH_FOLD)


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢＣ１２３) to half-width; CJK punctuation is left as it is."""
    if not _FULL_WIDTH.search(text):
        return text
    return text.translate(_WIDTH_FOLD)


def normalise_en(text: str) -> str:
    """English text folded for comparison: NFKC, straight quotes, plain hyphens, single spaces."""
    if not text.isascii():  # ASCII is its own NFKC form and holds none of the folded characters
        text = unicodedata.normalize("NFKC", text)
        # str.replace per character present, not str.translate: translate looks every character
        # of a non-ASCII text up in a dict, several times slower for English with a curly quote
        for old, new in _EN_QUOTE_PAIRS:
            if old in text:
                text = text.replace(old, new)
    return " ".join(text.split())


# --- matching form with an offset map --------------------------------------------------------
# Quotes and brackets are dropped (“一带一路”, 「一帶一路」 and 一带一路 are one term) and so is
# whitespace (a stray space inside a Chinese phrase is a typing slip, not a different word).
_DROP_FOR_MATCH = frozenset("“”‘’\"'「」『』﹁﹂﹃﹄〝〞＂＇《》〈〉 \t\n\r\u3000\u00a0\u200b")


def _compose(*tables: dict[int, int | str | None]) -> dict[int, str | None]:
    """One ``str.translate`` table doing what ``tables`` do one after the other.

    Exact because each table maps single characters without looking at their neighbours.
    """
    domain = sorted({c for table in tables for c in table})
    composed: dict[int, str | None] = {}
    for c in domain:
        out = chr(c)
        for table in tables:
            out = out.translate(table)
        if out != chr(c):
            composed[c] = out
    return composed


def _simplify_aligned(text: str, simplified: str | None = None) -> str:
    """``to_simplified`` that keeps one output character per input character.

    OpenCC's phrase tables can (rarely) change the length of a run; when they do, the text is
    converted one character at a time instead, and a character whose conversion is not a
    single character is kept as it is, so offsets into the original stay exact.
    ``simplified`` is ``to_simplified(text)`` when the caller already has it.
    """
    converted = to_simplified(text) if simplified is None else simplified
    if len(converted) == len(text):
        return converted
    conv = converter(SIMPLIFY_CONFIG)
    out = []
    for ch in text:
        one = conv.convert(ch) if not ch.isascii() else ch
        out.append(one if len(one) == 1 else ch)
    return "".join(out)


# Width folding and ASCII lower-casing in one table (both map one character to one).
_MATCH_FOLD = _compose(_WIDTH_FOLD, {c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_MATCH_FOLD_NEEDED = _any_of(_MATCH_FOLD)


def match_form_zh(text: str, simplified: str | None = None) -> tuple[str, Sequence[int]]:
    """Chinese text in the form glossary matching uses, with a map back to ``text``.

    Returns ``(form, offsets)`` where ``offsets[i]`` is the index in ``text`` of ``form[i]``:
    Simplified script, half-width ASCII, lower-case Latin letters, no quotes, brackets of
    titles or whitespace. A match ``form[a:b]`` is ``text[offsets[a]:offsets[b - 1] + 1]``.
    ``simplified`` is ``to_simplified(text)`` when the caller already has it (one OpenCC
    call per text serves matching and consistency alike).
    """
    simple = _simplify_aligned(text, simplified)
    if not _MATCH_WORK.search(simple):  # the common case: nothing to fold or drop
        return simple, range(len(simple))
    if _MATCH_FOLD_NEEDED.search(simple):
        simple = simple.translate(_MATCH_FOLD)
    if not _DROP_RE.search(simple):  # offsets are the identity
        return simple, range(len(simple))
    form = _DROP_RE.sub("", simple)
    return form, _Offsets(simple, len(form))


class _Offsets(Sequence[int]):
    """The offset map of a form with characters dropped, worked out on first lookup.

    Matching asks for two offsets per term found, and most texts hold no term at all, so the
    map is neither built as a list nor even computed until someone asks; a lookup is then a
    bisection over the dropped runs.
    """

    __slots__ = ("_length", "_shifts", "_simple", "_starts")

    def __init__(self, simple: str, length: int) -> None:
        self._simple, self._length = simple, length
        self._starts: list[int] | None = None  # where, in the form, each dropped run was
        self._shifts: list[int] = []  # characters dropped up to and including that run

    def _runs(self) -> list[int]:
        starts: list[int] = []
        dropped = 0
        for match in _DROP_RE.finditer(self._simple):
            start, end = match.span()
            starts.append(start - dropped)
            dropped += end - start
            self._shifts.append(dropped)
        self._starts = starts
        return starts

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...

    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset index out of range")
        starts = self._starts if self._starts is not None else self._runs()
        runs = bisect_right(starts, index)
        return index + (self._shifts[runs - 1] if runs else 0)


_DROP_RE = re.compile("[" + re.escape("".join(sorted(_DROP_FOR_MATCH))) + "]+")
# one scan that tells whether there is anything to fold or to drop at all
_MATCH_WORK = _any_of({**_MATCH_FOLD, **dict.fromkeys(map(ord, _DROP_FOR_MATCH))})


def match_key_zh(text: str) -> str:
    """The matching form of a glossary entry's ``zh`` (see ``match_form_zh``)."""
    return match_form_zh(text)[0]


# ASCII punctuation typed in Chinese text, folded to the full-width forms Chinese uses, so that
# 你好,世界 and 你好，世界 compare equal in consistency checks.
_ZH_PUNCT_FOLD = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"})
# Every character str.isspace() (and so str.split() and the regex \s) treats as whitespace;
# tests/test_script.py checks the list against the running Python.
_WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
               "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


# compare_key_zh in one pass over the simplified text: width, quotes, no whitespace, Chinese punctuation
_COMPARE_ZH = _compose(_WIDTH_FOLD, _QUOTE_FOLD, dict.fromkeys(map(ord, _WHITESPACE)), _ZH_PUNCT_FOLD)
_COMPARE_ZH_NEEDED = _any_of(_COMPARE_ZH)


def compare_key_zh(text: str, simplified: str | None = None) -> str:
    """A Chinese sentence reduced to what makes it a different sentence.

    Script, character width, quote style, ASCII vs Chinese punctuation and whitespace do not;
    everything else does. Used by consistency checks, never for display. ``simplified`` is
    ``to_simplified(text)`` when the caller already has it.
    """
    simple = to_simplified(text) if simplified is None else simplified
    if _COMPARE_ZH_NEEDED.search(simple):  # most Chinese sentences need no folding at all
        return simple.translate(_COMPARE_ZH)
    return simple


def compare_key_en(text: str) -> str:
    """An English sentence reduced for consistency checks: ``normalise_en`` plus one space style."""
    return normalise_en(text)


def traditional_chars(text: str) -> str:
    """The characters of ``text`` that differ from their Simplified form, in order, once each."""
    simple = _simplify_aligned(text)
    return "".join(dict.fromkeys(a for a, b in zip(text, simple, strict=True) if a != b))
