"""Quantities in English text: digits, number words, scales, ordinals, fractions, dates, hedges.

One precompiled regex finds candidates ("2.7 billion", "twenty-eight", "seventy-fifth",
"two-thirds", "doubled", "February 8", "nearly 30%"), tried only where a cheap scan of the
lower-cased sentence finds a digit or a word a candidate can start with; a second anchored
regex reads what follows (percent, percentage points, units, "times", a.m./p.m.). Words that
are only sometimes numbers ("one of", "first", "second", "double standards", "May") are
either required to stand in a numeric context or marked weak, so they match when a figure
needs them but are never reported on their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from .common import ROMAN, alternation, figure, read_arabic, share_range, ymd_date
from .model import (
    CARDINAL,
    CLASS_OF,
    DAY,
    FRACTION,
    HALF_YEAR,
    IDENTIFIER,
    MONTH,
    MULTIPLIER,
    ORDINAL,
    PERCENT,
    POINTS,
    QUARTER,
    TIME,
    YEAR,
    Hedge,
    Number,
    Quantity,
    mul,
)
from .units import EN_UNIT_RE, en_unit

ONES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SHORT_SCALES = {"k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "bln": 10**9, "b": 10**9,
                 "tn": 10**12, "trn": 10**12, "trln": 10**12}
ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                 "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                 "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                 "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
                 "eightieth": 80, "ninetieth": 90, "hundredth": 100, "thousandth": 1000, "millionth": 10**6}
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
                 "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9,
                 "ninths": 9, "tenth": 10, "tenths": 10}
MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
          "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
_MULT_WORDS = {"double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "triple": 3, "tripled": 3, "triples": 3,
               "tripling": 3, "quadruple": 4, "quadrupled": 4, "quadruples": 4, "quadrupling": 4, "twice": 2}
_VAGUE = {"dozens": (24, 99), "tens": (20, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
          "millions": (2 * 10**6, 999 * 10**6), "billions": (2 * 10**9, 999 * 10**9)}
_HEDGES = {"nearly": "under", "almost": "under", "close to": "under", "about": "about", "around": "about",
           "approximately": "about", "roughly": "about", "some": "about", "an estimated": "about",
           "over": "over", "more than": "over", "above": "over", "upwards of": "over", "in excess of": "over",
           "at least": "over", "no fewer than": "over", "no less than": "over", "just over": "over",
           "well over": "over", "less than": "under", "fewer than": "under", "under": "under", "below": "under",
           "just under": "under", "up to": "under", "at most": "under", "nearly half": "under",
           "exceeding": "over", "exceeded": "over", "exceeds": "over", "as many as": "over", "as much as": "over",
           "as high as": "over", "not less than": "over", "no lower than": "over", "not lower than": "over",
           "no more than": "under", "not more than": "under", "not exceeding": "under", "no higher than": "under",
           "not higher than": "under", "under the age of": "under", "below the age of": "under",
           "over the age of": "over", "above the age of": "over", "aged over": "over", "aged under": "under"}



def _letter(ch: str) -> str:
    """``ch`` as a case-sensitive class of what it matches case-blind ("k" → "[kKK]": the Kelvin sign too)."""
    if not ch.isalpha():
        return re.escape(ch)
    same = [x for x in dict.fromkeys((ch, ch.upper(), *"\u0130\u0131\u017f\u212a"))
            if re.fullmatch(re.escape(ch), x, re.IGNORECASE)]
    return "[" + "".join(same) + "]"


def _exact_trie(words: Iterable[str]) -> str:
    """The alternation of ``words`` (matched case-blind) as a prefix tree of character classes.

    It matches what ``word|word|...`` (longest first) matches under re.IGNORECASE, but each
    branch starts with a class, which the regex engine rejects at once on a wrong first letter:
    a literal under IGNORECASE has no such test, so a long alternation cost a jump into every
    one of its words wherever it was tried. Longer words through a shorter one are tried first.
    """
    children: dict[str, list[str]] = {}
    end = False
    for word in words:
        if word:
            children.setdefault(word[0].lower(), []).append(word[1:])
        else:
            end = True
    branches = [_letter(head) + _exact_trie(rest) for head, rest in children.items()]
    if end:
        branches.append("")
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _ci_words(*words: str) -> str:
    return "(?-i:" + _exact_trie(words) + ")"


_ONE_WORD = _ci_words(*ONES, *TENS)
_WORD = _ci_words(*ONES, *TENS, "hundred", "thousand", "million", "billion", "trillion", "dozen")
_WORDS = (rf"(?:a\s+(?=hundred|thousand|million|billion|trillion|dozen))?{_WORD}"
          rf"(?:(?:\s+|-|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+){_WORD})*")
_ORD = _ci_words(*ORDINAL_WORDS)
_DEN = _ci_words(*_DENOMINATORS)
_MONTH = ("(?-i:January|February|March|April|May|June|July|August|September|October|November|December"
          "|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\\.|\\b)(?=\\s*\\d))")
# (a figure after a space, the usual case, is tested first: the order of these tests cannot change the result)
_NUM_START = r"(?:(?<![\w.,])|(?<=RMB)|(?<=CNY)|(?<=USD)|(?<=HKD)|(?<=US\$)|(?<=No\.)|(?<=\d[xX×]))"
# letters glued to a number that make it a measurement, an ordinal or a decade, not a name
_SUFFIXES = r"st|nd|rd|th|s|bn|mn|tn|k|m|b|am|pm|L|ml|" + EN_UNIT_RE
_HEDGE = _ci_words(*_HEDGES)
_ROMAN_WORDS = ("Part", "War", "Level", "Class", "Phase", "Grade", "Chapter", "Volume", "Article", "Type", "Category",
                "Stage", "Section", "Book")
_ROMAN_AFTER = "(?:" + "|".join(rf"(?<=\b{word}\s)" for word in _ROMAN_WORDS) + ")"
_HEDGE_FIRST = "".join(sorted({hedge[0] for hedge in _HEDGES}))  # a cheap test before trying every hedge

# The forms a token can take, in the order they are tried, each marked with whether it can
# start with a digit (see ``alternation``).
_FORMS: tuple[tuple[bool, str], ...] = (
    # the first half (H1), the third quarter (Q3), the first six months: halves and quarters of the year
    # (the first lookahead restates what each branch starts with: most figures start with another digit)
    (True, r"(?P<period>(?=[1-4][snrt][tdh]\s|[fstnlqh])\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|next"
           r"|latter|later)\s+(?:quarter|half)\b(?![-s])|first\s+six\s+months\b|(?-i:Q[1-4]\b|H[12]\b)))"),
    (True, r"(?P<ymd>(?<![\d.])(?:19|20)\d\d(?P<ymdsep>[./-])(?:1[0-2]|0?[1-9])(?P=ymdsep)(?:3[01]|[12]\d|0?[1-9])"
           r"(?![\d.]))"),
    (True, r"(?P<model>(?<![\d.])\d++(?:\.\d+){2,})"),  # 424.10.0.20: a model or version number
    # the first lookahead only restates what the name needs (letters then a digit, or digits then
    # a letter) so that the costly lookaheads after it run only where a name can start
    (True, r"(?P<ident>(?<![\w.])(?=(?-i:[A-Za-z]+-?\d|\d++[A-Za-z]))"
           r"(?!(?:RMB|CNY|USD|HKD|EUR|GBP|JPY|Rs)\d)(?!(?i:mid|pre|post|early|late|non|anti)-\d)"
           r"(?!\d+(?:\.\d+)?[xX×]\d)(?!\d+(?:\.\d+)?(?:" + _SUFFIXES + r")(?![\w]))"
           r"(?-i:[A-Za-z]+-?\d+(?:\.\d+)?[A-Za-z]*|\d+[A-Za-z]+\d*)(?![\w]))"),
    (False, r"(?P<vague>(?:tens|dozens|hundreds|thousands|millions|billions)"
            r"(?:\s+of\s+(?:thousands|millions|billions))?)(?=\s+of\b)"),
    (False, r"(?P<several>\b(?:several|a\s+few)\s+(?:hundred|thousand|million|billion)s?)\b"),
    # (\d++ and the letter test: digits are never followed by what fold needs, and the number
    # words need not be tried one by one where a digit stands)
    (True, r"(?P<fold>(?:\d++|(?=[a-z])" + _ONE_WORD + r")-?fold)\b"),
    (False, r"(?P<mult>(?:double[ds]?|doubling|tripl(?:e[ds]?|ing)|quadrupl(?:e[ds]?|ing)|twice))\b"),
    (False, r"(?P<month>" + _MONTH + r")"),
    # (only after the words that number things with them: "I" is otherwise the pronoun)
    (False, r"(?P<roman>(?-i:(?=[IVX])" + _ROMAN_AFTER + r")\b(?-i:I{1,3}|IV|V|VI{1,3}|IX|X|XI{1,3}))\b"),
    (False, r"(?P<noon>\b(?:noon|midday|midnight))\b"),
    (True, r"(?P<span>(?=[a-z]|24/7)\b(?:a\s+|the\s+(?:past|last|next)\s+)?(?:decade|century|centenary|centennial)"
           r"|around the clock|24/7)(?!\w)"),  # 24/7 starts with a digit
    (True, r"(?P<hedge>(?=[" + _HEDGE_FIRST + r"])(?:" + _HEDGE + r")\s+)?(?:"
           # (digits first: they and the words cannot both match, and most figures are digits; \d++: a
           # shorter run of digits is followed by a digit, never by the space needed next)
           r"(?P<fn>\d++|one|a|two|three|four|five|six|seven|eight|nine|ten)[\s-]+(?P<fd>" + _DEN + r")\b"
           r"(?P<of>\s+of\b)?"
           # (a figure in digits starts with a digit, "." or a currency: tested once before the many lookbehinds)
           r"|(?=[\d.$£€¥uhrc])(?:(?=[$£€¥uhrc])(?P<cur>US\$|HK\$|\$|£|€|¥|RMB\s?|CNY\s?|USD\s?))?"
           # (digits grouped by commas need a comma within four characters: tested before the lookbehinds)
           r"(?P<num>(?=\d{1,3},)" + _NUM_START + r"\d{1,3}(?:,\d{3})+(?![\d])(?:\.\d+)?"
           r"|" + _NUM_START + r"\d+(?:\.\d+)?"
           r"|(?<![\w\d])\.\d+)"
           # (the lookahead holds the first characters of the suffixes: most figures have none)
           r"(?:(?=[bkmnrst]|[\s-][bmt])(?:(?P<ordsuf>st|nd|rd|th)\b|(?P<decade>s)\b"
           r"|(?P<scale>(?:\s|-)?(?:thousand|million|billion|trillion)\b"
           r"|(?:\s?(?:bn|bln|mn|mln|tn|trn|trln)|k|m|b)\b)))?"  # "2.7bn", wire style "2.7 bn"/"6.95 mln"
           r"|(?P<ordw>\b(?:" + _ci_words(*TENS) + r"-)?" + _ORD + r")\b"
           r"|(?P<words>\b" + _WORDS + r")\b"
           r"|(?P<half>\bhalf)\b)"),
)
# Every alternative starts with a digit, a currency sign or a letter at the start of a word;
# this first test lets the engine skip the inside of words cheaply.
_TOKEN = re.compile(r"(?=[0-9$£€¥.]|(?<![A-Za-z])[A-Za-z])" + alternation(_FORMS).pattern, re.IGNORECASE)
# What _TOKEN matches where the text has an ASCII digit, without trying the forms of words
_DIGIT_TOKEN = alternation(_FORMS, digits_only=True, flags=re.IGNORECASE)

_TAIL = re.compile(
    # [%abcdfghiklmpsty] holds the first character of every alternative below (units included):
    # one cheap test spares trying them all before words such as "of", "were" or "new"
    # (the lookaheads inside the groups hold their words' first letters: most figures are followed
    # by none of them, and the engine would otherwise try each word, the units' above all)
    r"(?:(?:\s|-)?(?=[%abcdfghiklmpsty])(?:(?P<pct>(?=[%p])(?:%|percent\b|per\s?cent\b|pc\b|pct\b(?![\s-]points?\b)))"
    r"|(?P<pp>(?=p)(?:percentage[\s-]points?\b|pct[\s-]points?\b|pp\b|ppts?\b))"
    r"|(?P<bp>basis points?\b|bps?\b)|(?P<points>points?\b)|(?P<times>times\b)"
    r"|(?P<ampm>[ap]\.?m\.?(?![a-z]))|(?P<yearsold>years?[\s-]old\b)"
    r"|(?P<unit>(?=[kmgtshafic])(?:" + EN_UNIT_RE + r")(?![a-z²]))"
    r"|(?P<decades>decades\b)|(?P<years>years?\b)|(?P<months>months?\b)|(?P<litre>L\b|ml\b|lit(?:er|re)s?\b)))?"
    r"(?P<after>\s+(?:or|and)\s+(?:so|more|above|over|higher|older|under|below|less|fewer|younger|lower)\b"
    r"|-plus\b|\+|-odd\b)?",
    re.IGNORECASE,
)


def _trie(entries: Iterable[tuple[str, str]]) -> str:
    """Lower-case words (each with a pattern that must follow it) as one prefix-tree alternation.

    Each character is tested once, and a branch whose first character differs is rejected
    before it is entered. A word that needs nothing after it ends its branch: longer words
    through it are implied.
    """
    follow: list[str] = []
    children: dict[str, list[tuple[str, str]]] = {}
    for word, after in entries:
        if word:
            children.setdefault(word[0], []).append((word[1:], after))
        else:
            follow.append(after)
    if "" in follow:
        return ""
    branches = [re.escape(head) + _trie(rest) for head, rest in children.items()] + follow
    return "(?:" + "|".join(branches) + ")"


def _words(*words: str) -> str:
    return _trie((word, "") for word in words)


# Where a _TOKEN match can start, as a cheap necessary condition tested on the lower-cased
# text: a digit or currency sign, or the start of a letter run that begins one of _TOKEN's
# words (a number word, a scale, an ordinal, a hedge followed by a figure, a month, a Roman
# numeral, a name with digits). Trying the whole _TOKEN at every word of an English sentence
# is what made extraction slow. Every alternative of _TOKEN must be covered here;
# tests/numbers/test_scan.py checks that both ways find the same matches.
_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion", "dozen")
_NUMBER_WORDS = (*ONES, *TENS, *ORDINAL_WORDS, *_SCALE_WORDS, "half")
_CURRENCY_WORDS = ("us$", "hk$", "rmb", "cny", "usd")
_FIGURE_START = r"(?:\d|[$£€¥.]|" + _words(*_NUMBER_WORDS, *_CURRENCY_WORDS) + r"|a[\s-])"
_PERIODS = ("decade", "centur", "centen")
# (each word with what may follow it in a match: a word that only ever ends a figure's word,
# like "second" or "ten", is no candidate inside "secondary" or "tensions", which _TOKEN would
# be tried at for nothing; a month's abbreviation ends at a "." or the word's end, so "market" and
# "decided" are not candidates either)
_WORD_END = "(?![a-z])"
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
_CANDIDATE_WORDS = _trie((
    *((word, "") for word in ("us$", "hk$", "doubl", "tripl", "quadrupl", "twice", "noon", "midday", "midnight",
                              *_PERIODS, "around the clock", *_MONTH_NAMES)),
    *((word, _WORD_END + "|fold") for word in (*ONES, *TENS)),
    *((word, _WORD_END) for word in (*ORDINAL_WORDS, "half", "tens")),
    *((word, "s?" + _WORD_END) for word in _SCALE_WORDS),
    *((word, r"\s?[\d.]") for word in ("rmb", "cny", "usd")),
    *((word, r"\.|" + _WORD_END) for word in ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                                              "nov", "dec")),
    ("several", r"\s+" + _words(*_SCALE_WORDS[:-1])),
    ("a", r"(?:\s+" + _words("few", *_SCALE_WORDS, *_PERIODS) + r"|[\s-]+" + _words(*_DENOMINATORS) + ")"),
    ("the", r"\s+" + _words("past", "last", "next") + r"\s+" + _words(*_PERIODS)),
    *((word, r"\s+" + _words("half", "quarter")) for word in ("next", "latter", "later")),
    *((hedge, r"\s+" + _FIGURE_START) for hedge in _HEDGES),
))
# Skips, in one call, everything up to the next place a _TOKEN match can start: the rest of a
# word, runs of characters no figure starts with, a "." not before a digit, and whole words
# that are not candidates (Roman numerals: any word of i, v and x) and not a name's letters
# before its digits (Ka-52, COVID-19). It stops at digits, currency signs and candidates.
# (Order and shape only save steps: a whole word takes the separators after it in the same
# step, and the rest of a word, reached only after a failed _TOKEN try, is tested last; the
# word test reads to the word's end too, so it skips exactly what the rest-of-word test would.)
# (a whole word, the usual step, is tried first; the separators' alternative starts with its class,
# which the engine tests before entering it)
_SKIP = re.compile(r"(?:(?!(?<![a-z])(?:" + _CANDIDATE_WORDS + r"|(?=[ivx]++(?![a-z]))" + _ROMAN_AFTER.lower()
                   + r"))[a-z]++(?!-?\d)[^a-z0-9$£€¥.]*+|[^a-z0-9$£€¥.][^a-z0-9$£€¥.]*+|\.(?!\d)|(?<=[a-z])[a-z]++)*+")
# Under re.IGNORECASE these four letters match ASCII ones (İ ı as i, ſ as s, the Kelvin sign as k),
# and İ is the one character whose lower case is longer; a text holding one takes the plain
# _TOKEN scan. Without them, lower() keeps every offset and maps letters to a-z exactly as
# _TOKEN's case-blind matching does.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


# What _TOKEN matches at a run of digits that no letter, ".", "/" or "-" follows: only a figure of
# the number form can start there (a period 1st half, a date 2021-06-11, a version 1.2.3, a name
# 5G, 10-fold, 24/7 all need one of them), so its regex is tried alone, groups as in _TOKEN
_NUMBER_TOKEN = alternation(_FORMS, only=("hedge",), flags=re.IGNORECASE)
# (tested on the lower-cased text, where every ASCII letter is a-z; a non-ASCII character goes to _DIGIT_TOKEN)
_PLAIN_DIGITS = re.compile(r"[0-9]++(?![a-z./\-]|[^\x00-\x7f])")


def _tokens(text: str) -> list[re.Match[str]]:
    """The matches ``_TOKEN.finditer(text)`` yields, found by trying _TOKEN only at candidates."""
    # (isascii() and each ``in`` are one C pass, far cheaper than a search)
    if not text.isascii() and ("\u0130" in text or "\u0131" in text or "\u017f" in text or "\u212a" in text):
        return list(_TOKEN.finditer(text))
    out = []
    lower = text.lower()
    skip, match, digit_match, end, pos = _SKIP.match, _TOKEN.match, _DIGIT_TOKEN.match, len(text), 0
    plain, number_match = _PLAIN_DIGITS.match, _NUMBER_TOKEN.match
    while True:
        pos = skip(lower, pos).end()  # type: ignore[union-attr]
        if pos >= end:
            return out
        if "0" <= lower[pos] <= "9":
            m = (number_match if plain(lower, pos) else digit_match)(text, pos)
        else:
            m = match(text, pos)
        if m is None:
            pos += 1
        else:  # never empty: every alternative of _TOKEN reads at least one character
            out.append(m)
            pos = m.end()


_RANGE_SEP = re.compile(r"\s*(?:-|–|—|to|and|~)\s*", re.IGNORECASE)
_MAY_CONTEXT = re.compile(r"(?:\b(?:in|of|since|until|by|early|late|mid|last|next|this|from|to|through|between|and|"
                          r"end|on|before|after|during)[\s-]+)$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
_CLOCK = re.compile(r":\s?\d\d\b")
_AFTER_COLON = re.compile(r"\d:\s?$")
_LIST_START = re.compile(r"\s*[(\[]?")
# First characters a _RANGE_SEP match can have besides white space. Testing the character
# before calling the regex is exact (a non-ASCII character goes to the regex, in case it
# folds to a or t) and spares a regex call between most pairs of figures.
_RANGE_SEP_FIRST = frozenset("-–—~tTaA")
_LIST_END = re.compile(r"[.)\]]\s")
_FRACTION_AFTER = re.compile(r"\s+(?:to|or|and)\s+(?:a|one|two|three)\b|\s*[,.;]|\s*$", re.IGNORECASE)
_FRACTION_CONTEXT = re.compile(r"(?:\b(?:half|thirds?|quarters?|fifths?|sixths?|tenths?)\s+(?:to|and|or)"
                               r"|\b(?:about|nearly|over|than|only|roughly|around|almost))\s+$", re.IGNORECASE)
_PERIOD_BEFORE = re.compile(r"\b(?:first|last|past|next|previous|initial)\s+$", re.IGNORECASE)


def parse_words(text: str) -> Decimal | None:
    """Value of an English number in words: "twenty-eight", "one hundred and five", "a million"."""
    total = current = 0
    last = None
    for word in re.split(r"[\s-]+", text.lower()):
        if word in ("and", ""):
            continue
        if word == "a":
            current = 1
        elif word in ONES or word in TENS:
            value = ONES.get(word, TENS.get(word, 0))
            if last in ("ones", "tens") and not (last == "tens" and value < 10):
                return None  # "one two" is a list, not a number
            current += value
            last = "ones" if word in ONES else "tens"
            continue
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * 12
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0
        else:
            return None
        last = word
    return Decimal(total + current)


# the same few number words recur in every text; the result is an immutable Decimal
_parse_words = lru_cache(maxsize=4096)(parse_words)


def _ordinal_words(text: str) -> Decimal:
    text = text.lower()
    head, _, tail = text.rpartition("-")
    return Decimal(TENS.get(head, 0) + ORDINAL_WORDS[tail])


def extract_en(text: str) -> list[Quantity]:
    """Every quantity in an English sentence, in order of appearance."""
    out: list[Quantity] = []
    readers = _READERS
    for m in _tokens(text):
        q = readers[m.lastgroup](m, text)
        if q is None:
            continue
        if isinstance(q, list):
            out.extend(q)
            continue
        if out and _range_sep(text, out[-1].span[1], q.span[0]):
            out[-1], q = share_range(out[-1], q)
        elif out and q.kind == CARDINAL and out[-1].kind == MONTH and 1 <= q.value <= 31 \
                and not text[out[-1].span[1]:q.span[0]].strip():
            q = replace(q, kind=DAY, weak=False)  # February 8
        out.append(q)
    return out


def _range_sep(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] joins two figures into a range ("3 to 5", "3-5")."""
    if start >= end:
        return False
    first = text[start]
    return (first in _RANGE_SEP_FIRST or first.isspace() or not first.isascii()) \
        and _RANGE_SEP.fullmatch(text, start, end) is not None


# One reader per form of _TOKEN, chosen by the match's ``lastgroup``: each form's outermost
# group (or, for a figure with its hedge, the last group of its branch: fd or of for a
# fraction, num or one of its suffixes for digits, ordw, words, half) closes last, so it
# names the form that matched.
Read = Quantity | list[Quantity] | None
Reader = Callable[[re.Match[str], str], Read]


def _one(value: Number | str, kind: str, m: re.Match[str], cls: str = "n", **fields: Any) -> Quantity:
    """The quantity a whole match stands for."""
    return figure(value, kind, m.span(), m[0], cls, **fields)


def _ymd(m: re.Match[str], text: str) -> Read:
    return ymd_date(m["ymd"], m.start(), text)


def _model(m: re.Match[str], text: str) -> Read:  # 424.10.0.20: a model or version number
    return _one(m["model"], IDENTIFIER, m, "id")


def _ident(m: re.Match[str], text: str) -> Read:  # COVID-19, G20, 5G
    return _one(m["ident"], IDENTIFIER, m, readings=(("id", m["ident"].replace("-", "").lower()),))


def _vague(m: re.Match[str], text: str) -> Read:  # "tens of thousands of"
    words = m["vague"].lower().split()
    low, high = _VAGUE[words[0]]
    if len(words) > 1:
        mult = SCALES[words[-1].rstrip("s")]
        low, high = low * mult, high * mult
    return _one(Decimal(low), CARDINAL, m, hedge="about", interval=(Decimal(low), Decimal(high)), weak=True)


def _several(m: re.Match[str], text: str) -> Read:  # "several hundred": 200 to 900
    mag = {"hundred": 100, **SCALES}[m["several"].lower().split()[-1].rstrip("s")]
    low, high = Decimal(2 * mag), Decimal(9 * mag)
    return _one(low, CARDINAL, m, hedge="about", interval=(low, high), weak=True)


def _fold(m: re.Match[str], text: str) -> Read:  # "fivefold", "10-fold"
    head = m["fold"].lower().replace("-", "")[:-4]
    return _one(Decimal(head) if head.isdigit() else Decimal(ONES.get(head, TENS.get(head, 0))), MULTIPLIER, m, "mul")


def _mult(m: re.Match[str], text: str) -> Read:  # doubled, tripling, twice
    word = m["mult"].lower()
    value = Decimal(_MULT_WORDS[word])
    # "double standards", "twice": too often not a figure to be reported on their own
    readings: tuple[tuple[str, Number], ...] = (("mul", value), ("n", value)) if word == "twice" else (("mul", value),)
    start = m.start()
    said = _HEDGE_BEFORE_WORD.search(text, max(0, start - 14), start) if start else None  # "more than doubled"
    return _one(value, MULTIPLIER, m, readings=readings, weak=word in ("double", "triple", "twice"),
                hedge=_HEDGES[" ".join(said[1].lower().split())] if said else "")


_HEDGE_BEFORE_WORD = re.compile(r"\b(more\s+than|nearly|almost|over|about|roughly|around|less\s+than)\s+$",
                                re.IGNORECASE)


def _month(m: re.Match[str], text: str) -> Read:
    start, end = m.span()
    word = m["month"].rstrip(".").lower()
    if word == "may" and not (_MAY_CONTEXT.search(text, max(0, start - 12), start)
                              or re.match(r"\s+\d", text[end:end + 3])):
        return None  # the verb
    return _one(Decimal(MONTHS[word]), MONTH, m, "month")


_PERIOD_ORDER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "next": 2,
                 "latter": 2, "later": 2}


def _year_part(m: re.Match[str], text: str) -> Read:
    """The first half / H1 / the first six months (HALF_YEAR 1), the third quarter / Q3 (QUARTER 3).

    Weak: English names the part of a year the Chinese may leave to context (上半场 is a match's
    first half); a Chinese 上半年 or 一季度 is strong and still needs its counterpart.
    """
    words = m["period"].lower().split()
    if len(words) == 1:  # Q3, H1
        kind, value = (QUARTER if words[0][0] == "q" else HALF_YEAR), int(words[0][1])
    elif words[-1] == "months":
        kind, value = HALF_YEAR, 1
    else:
        kind, value = (QUARTER if words[-1] == "quarter" else HALF_YEAR), _PERIOD_ORDER[words[0]]
    return _one(Decimal(value), kind, m, CLASS_OF[kind], weak=True)


def _roman(m: re.Match[str], text: str) -> Read:  # Part II, World War II, Level III
    return _one(Decimal(ROMAN[m["roman"]]), ORDINAL, m)


def _noon(m: re.Match[str], text: str) -> Read:
    value = Decimal(0 if m["noon"].lower() == "midnight" else 12)
    return _one(value, TIME, m, readings=(("n", value), ("n", value + 12)), weak=True)


_PERIOD_VALUES = {"decade": 10, "clock": 24, "24/7": 24}


def _period(m: re.Match[str], text: str) -> Read:  # "the past decade" = 10年, "centenary" = 一百周年
    return _one(Decimal(_PERIOD_VALUES.get(m["span"].lower().split()[-1], 100)), CARDINAL, m, weak=True)


def _said_hedge(m: re.Match[str]) -> tuple[Hedge, int]:
    """The hedge written before a figure and where the quantity starts (with its hedge, if any)."""
    said = m["hedge"]
    if not said:
        return "", m.start()
    hedge: Hedge = _HEDGES.get(" ".join(said.lower().split()), "")  # type: ignore[assignment]
    return hedge, (m.start("hedge") if hedge else m.start())


def _fraction(m: re.Match[str], text: str) -> Read:  # "two thirds", "a quarter of"
    hedge, hstart = _said_hedge(m)
    start = hstart if hedge else m.start("fn")
    den_word = m["fd"].lower()
    fn = m["fn"].lower()
    fend = m.end("fd")
    if (m["of"] is None and ((fn == "a" and not _FRACTION_CONTEXT.search(text, max(0, start - 12), start)
                            and not _FRACTION_AFTER.match(text, fend))
                            or den_word.startswith("quarters"))) \
            or _PERIOD_BEFORE.search(text, max(0, start - 12), start) \
            or (den_word in ("half", "halves") and fn not in ("one", "a")):
        # "a third time", "first three quarters": an ordinal or a count, not a fraction
        if fn == "a":
            value = Decimal(ORDINAL_WORDS.get(den_word, 2))
            return Quantity(value=value, kind=ORDINAL, span=(m.start("fd"), fend), text=m["fd"],
                            readings=(("n", value),), weak=True)
        value = Decimal(fn) if fn.isdigit() else Decimal(ONES[fn])
        return Quantity(value=value, kind=CARDINAL, span=m.span("fn"), text=m["fn"], readings=(("n", value),),
                        weak=not fn.isdigit())
    num = 1 if fn in ("a", "one") else (int(fn) if fn.isdigit() else ONES.get(fn, 0))
    value = Fraction(num, _DENOMINATORS[den_word])
    return Quantity(value=value, kind=FRACTION, span=(start, fend), text=text[start:fend], hedge=hedge,
                    readings=(("n", value),))


def _half(m: re.Match[str], text: str) -> Read:
    hedge, start = _said_hedge(m)
    end = m.end()
    return Quantity(value=Fraction(1, 2), kind=FRACTION, span=(start, end), text=text[start:end], hedge=hedge,
                    readings=(("n", Fraction(1, 2)),), weak=True)


def _ordinal_word(m: re.Match[str], text: str) -> Read:  # "seventy-fifth" (a hedge before it is not kept)
    value = _ordinal_words(m["ordw"])
    return Quantity(value=value, kind=ORDINAL, span=(m.start("ordw"), m.end()), text=m["ordw"],
                    readings=(("n", value),), weak=value <= 10 or _names_an_event(text, m.end()))


# What makes an ordinal part of a name: "the 16th BRICS Summit", "the 31st APEC Economic Leaders'
# Meeting", "the sixth plenary session", "the 19th CPC Central Committee", "the 14th Five-Year Plan".
# The English often numbers an event or body the Chinese names without a figure (金砖国家领导人会晤):
# such an ordinal is never reported on its own, but still matches (and contradicts) a Chinese one.
_EVENT_AFTER = re.compile(
    r"(?:\s+(?-i:[A-Z][\w'’.&-]*|of|the)){0,5}?\s+(?:summit|meeting|session|plenary|plenum|congress|conference"
    r"|forum|expo|games|olympics|festival|dialogue|assembly|central\s+committee|npc|cppcc|exhibition|fair"
    r"|anniversary|five-year\s+plan|round|edition|ministerial|council|symposium|convention|championships?)\b",
    re.IGNORECASE)


def _names_an_event(text: str, end: int) -> bool:
    return end < len(text) and text[end] == " " and _EVENT_AFTER.match(text, end) is not None


def event_named_after(text: str, end: int) -> str:
    """The event an ordinal ending at ``end`` numbers ("BRICS Summit" after "the 16th"), or ""."""
    found = _EVENT_AFTER.match(text, end) if end < len(text) and text[end] == " " else None
    return found[0].strip() if found else ""


def _number(m: re.Match[str], text: str) -> Read:
    """A figure in digits or words with what goes with it: hedge, scale, unit, kind."""
    form = m.lastgroup
    words = form == "words"
    if form == "num":  # (most figures: digits alone)
        value, precision = read_arabic(m["num"])
        scaled, end = False, m.end()
    else:
        read = _read_words(m) if words else _read_digits(m)
        if read is None:
            return None
        value, precision, scaled, end = read
    # (only white space, "-", "+", "%" or a letter can start what _TAIL reads: most figures are
    # followed by " " or punctuation; a non-ASCII character goes to the regex, in case it folds)
    nxt = text[end:end + 1]
    tail = _TAIL.match(text, end) if nxt and (nxt.isalpha() or nxt.isspace() or nxt in "-+%" or not nxt.isascii()) \
        else None
    kind, unit, dim, shown = CARDINAL, "", "", None
    extra: tuple[tuple[str, Number], ...] = ()
    if not words and not scaled and value == int(value):
        # both regexes need a ":" where the cheap test looks: most figures are not clock times
        if text.find(":", max(0, m.start() - 3), m.start()) >= 0 and _AFTER_COLON.search(text, max(0, m.start() - 3),
                                                                                        m.start()):
            if value == 0:
                return None  # the ":00" of 16:00 says nothing the Chinese 16时 does not
        elif text.startswith(":", end) and (clock := _CLOCK.match(text, end)) and value <= 24:
            kind = TIME
            extra = (("n", value - 12 if value > 12 else value + 12),)
            tail = _TAIL.match(text, clock.end())
    qend = end
    tail_end = tail.end() if tail is not None else end
    # An empty tail (most figures: "5 people", "2020,") sets nothing: no group is tested.
    if tail_end != end:
        reader = _TAIL_READERS.get(_tail_form(tail))  # type: ignore[arg-type]
        if reader is not None:
            kind, value, precision, unit, dim, shown, extra = reader(tail, kind, value, precision, extra)
        if kind != CARDINAL or unit or dim or extra:
            qend = tail_end
    hedge, hstart = _said_hedge(m) if m["hedge"] else ("", m.start())
    after = tail["after"] if tail is not None and tail_end > end else None
    if after:
        hedge = hedge or _AFTER_HEDGES.get(after.split()[-1].lower(), "over")
        qend = tail_end
    if form == "ordsuf":
        kind = ORDINAL
    elif (form == "decade" and value == int(value) and len(m["num"]) in (2, 4)) or (
            not words and kind == CARDINAL and not dim and not scaled and len(m["num"]) == 4
            and 1000 <= value <= 2200 and not unit):
        kind = YEAR
        if value < 100:  # the 90s, post-90s; "in her early 20s" is an age
            extra = (*extra, ("n", value))
            value += 1900 if value >= 30 else 2000
    elif form == "decade":
        unit = "s"  # 2.9s: seconds
    if words and m["words"].lower().split()[0] == "a" and not scaled and "dozen" not in m["words"].lower():
        return None  # "a" before a scale word that is not a figure
    qstart = hstart if hedge else m.start()
    weak = (words and value <= 10 and kind in (CARDINAL, ORDINAL, TIME)) or (value == 0 and kind == CARDINAL) \
        or (words and "dozen" in m["words"].lower()) \
        or (text.startswith((".", ")", "]"), qend) and _list_start(text, qstart)  # (_LIST_END's first character)
            and _LIST_END.match(text, qend) is not None) \
        or (words and kind == MULTIPLIER and value <= 10) \
        or (form == "ordsuf" and _names_an_event(text, qend))  # "three times" may be a count; "the 16th Summit"
    # The one Quantity built by position (fields in declaration order, as named on the right):
    # most figures are built here, and 14 keyword arguments cost 2.4× the positional call.
    return Quantity(value, kind, (qstart, qend), text[qstart:qend],  # value, kind, span, text
                    unit, dim, shown, hedge,  # unit, dim, shown, hedge
                    precision, None, ((CLASS_OF[kind], value), *extra),  # precision, interval, readings
                    weak, scaled, False)  # weak, scaled, ambiguous


def _read_words(m: re.Match[str]) -> tuple[Decimal, Decimal, bool, int] | None:
    """Value, precision, whether a scale word is written, and the end, of a number in words."""
    value = _parse_words(m["words"])
    if value is None:
        return None
    raw = m["words"].lower()
    if raw in SCALES or raw == "hundred":
        return None  # "every thousand words", "RMB280 Million": a bare scale word is not a figure
    precision, scaled = Decimal(1), False
    for word, mag in SCALES.items():
        if word in raw:
            scaled = True
            precision = Decimal(mag)
    if "hundred" in raw and not scaled:
        precision = Decimal(100) if value % 100 == 0 else Decimal(1)
    return value, precision, scaled, m.end()


def _read_digits(m: re.Match[str]) -> tuple[Decimal, Decimal, bool, int] | None:
    """Value, precision, whether a scale is written, and the end, of a number in digits ("2.7bn", "$5m")."""
    value, precision = read_arabic(m["num"])
    if m.lastgroup != "scale":
        return value, precision, False, m.end()
    scale = m["scale"].strip(" -").lower()
    if scale == "m" and not m["cur"] and not m["hedge"]:
        return value, precision, False, m.start("scale")  # "100m" is metres unless money is talked about ("$5m")
    if (scale == "b" and not m["cur"]) or (scale == "k" and (m.start("scale") != m.end("num")
                                                              or (value < 10 and not m["cur"]))):
        return None  # 4K and 8K are screen resolutions; 50K and $5k are thousands
    mag = SCALES.get(scale) or _SHORT_SCALES[scale]
    return value * mag, precision * mag, True, m.end()


# "1,000 or so", "4 or above", "50 and under", "20-plus", "50+"
_AFTER_HEDGES: dict[str, Hedge] = {"so": "about", "under": "under", "below": "under", "less": "under", "fewer": "under",
                                   "younger": "under", "lower": "under"}
_TAIL_FORMS = ("pct", "pp", "bp", "points", "times", "ampm", "yearsold", "unit", "decades", "years", "months", "litre")


def _tail_form(tail: re.Match[str]) -> str | None:
    """Which word or sign after a figure _TAIL read (its ``lastgroup``, unless a hedge like "or so" closed last)."""
    form = tail.lastgroup
    if form != "after":
        return form
    return next((name for name in _TAIL_FORMS if tail[name]), None)


TailKind = tuple[str, Decimal, Decimal, str, str, "Number | None", tuple[tuple[str, Number], ...]]
Extra = tuple[tuple[str, Number], ...]


def _tail_kind(kind: str, unit: str = "", reading: str = "") -> Callable[..., TailKind]:
    def read(tail: re.Match[str], old: str, value: Decimal, precision: Decimal, extra: Extra) -> TailKind:
        return kind, value, precision, unit, "", None, ((reading, value),) if reading else extra
    return read


def _basis_points(tail: re.Match[str], old: str, value: Decimal, precision: Decimal, extra: Extra) -> TailKind:
    return POINTS, value / 100, precision / 100, "", "", None, extra


def _ampm(tail: re.Match[str], kind: str, value: Decimal, precision: Decimal, extra: Extra) -> TailKind:
    if value == int(value) and 1 <= value <= 12 and kind in (CARDINAL, TIME):
        return TIME, value, precision, "", "", None, (("n", value + 12 if value < 12 else Decimal(0)),)
    return kind, value, precision, "", "", None, extra


def _unit(tail: re.Match[str], kind: str, value: Decimal, precision: Decimal, extra: Extra) -> TailKind:
    found = en_unit(tail["unit"])
    if not found:
        return kind, value, precision, "", "", None, extra
    dim, factor, unit = found
    return kind, mul(value, factor), mul(precision, factor), unit, dim, value, extra  # type: ignore[return-value]


def _points(tail: re.Match[str], kind: str, value: Decimal, precision: Decimal, extra: Extra) -> TailKind:
    return kind, value, precision, "", "", None, (("pp", value),)  # "up 0.5 points" usually means percentage points


def _decades(tail: re.Match[str], kind: str, value: Decimal, precision: Decimal, extra: Extra) -> TailKind:
    return kind, value * 10, precision * 10, "years", "", None, extra  # "two decades" = 20 years


def _keep_kind(unit: str) -> Callable[..., TailKind]:
    def read(tail: re.Match[str], kind: str, value: Decimal, precision: Decimal, extra: Extra) -> TailKind:
        return kind, value, precision, unit, "", None, extra
    return read


# What the word or sign after a figure makes of it (months and an unknown unit change nothing)
_TAIL_READERS: dict[str, Callable[..., TailKind]] = {
    "pct": _tail_kind(PERCENT), "pp": _tail_kind(POINTS), "bp": _basis_points,
    "points": _points,
    "times": _tail_kind(MULTIPLIER, reading="n"),  # "three times" may also count occurrences
    "ampm": _ampm, "unit": _unit, "years": _keep_kind("years"), "decades": _decades, "litre": _keep_kind("L"),
    "yearsold": _keep_kind("years old"),
}


_READERS: dict[str | None, Reader] = {
    "period": _year_part, "ymd": _ymd, "model": _model, "ident": _ident, "vague": _vague, "several": _several,
    "fold": _fold, "mult": _mult, "month": _month, "roman": _roman, "noon": _noon, "span": _period,
    "fd": _fraction, "of": _fraction, "half": _half, "ordw": _ordinal_word,
    "num": _number, "ordsuf": _number, "decade": _number, "scale": _number, "words": _number,
}


def _quantity(m: re.Match[str], text: str) -> Read:
    return _READERS[m.lastgroup](m, text)


def _list_start(text: str, start: int) -> bool:
    """Whether only white space and an opening bracket come before ``start`` (a list number)."""
    # the character just before decides at once for almost every figure, without a regex call
    return start == 0 or ((text[start - 1].isspace() or text[start - 1] in "([")
                          and _LIST_START.fullmatch(text, 0, start) is not None)


# (in ASCII text \d is [0-9], which the engine scans for as a class, without a category lookup per character)
_ASCII_DIGIT = re.compile("[0-9]")


def has_digit(text: str) -> bool:
    """Whether the text holds a digit (any \\d): the cheap test before scanning English no Chinese figure needs."""
    return (_ASCII_DIGIT if text.isascii() else _DIGIT).search(text) is not None
