"""``TermPatterns.find`` tries its expression only where a match can start: the hits must be
exactly those of the plain scan (an anchor test, then ``finditer`` over the whole text)."""

from __future__ import annotations

import _sre
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.glossary.en import _FOLD_EXCEPTIONS, TermPatterns, plain_case, rendering_lead, rendering_pattern
from duizhao.model import Term

from .conftest import CASES


def plain_scan(patterns: TermPatterns, text: str) -> list[tuple[int, int, str, str]]:
    """The reference: what ``find`` did before it learnt where matches start.

    One expression with every rendering as a group, tried by ``finditer`` at every character
    once the anchor test passes.
    """
    lowered = text.lower()
    if not patterns.labels or not text or not any(a in lowered for a in patterns.anchors):
        return []
    case_sensitive = patterns.term.case_sensitive
    regex = re.compile("|".join(f"({rendering_pattern(r, case_sensitive=case_sensitive)})" for r, _ in patterns.labels),
                       0 if case_sensitive else re.IGNORECASE)
    return [(m.start(), m.end(), *patterns.labels[m.lastindex - 1]) for m in regex.finditer(text)]


def fast_scan(patterns: TermPatterns, text: str) -> list[tuple[int, int, str, str]]:
    return [(h.start, h.end, h.rendering, h.kind) for h in patterns.find(text)]


SYNTHETIC = [
    Term("一带一路", "the Belt and Road Initiative", variants=("Belt and Road",), forbidden=("One Belt, One Road",)),
    Term("乡村振兴", "rural revitalization", variants=("rural revitalisation", "rural vitalization")),
    Term("中国人民银行", "People's Bank of China", case_sensitive=True),
    Term("中国制造2025", "\"Made in China 2025\"", variants=("Made in China 2025",)),
    Term("走出去", "go global", variants=("going global",)),
    Term("美国", "U.S.", variants=("US", "the United States")),
    Term("第五代", "5G"),
    Term("西格玛", "ΣΙΣΥΦΟΣ sigma", variants=("ıstanbul sis",)),  # renderings the fast path must refuse
    Term("开尔文", "Kelvin scale", forbidden=("an ſtrict rule",)),
    Term("全过程", "whole-process people's democracy", variants=("a whole-process democracy",)),
    # one-word renderings: matched by comparing spellings, without an expression
    Term("促进", "promote", variants=("boost", "Promotion"), forbidden=("push",)),
    Term("北京", "Beijing", variants=("Peking",)),
    Term("计划", "plan", variants=("persons",)),
    Term("区", "zone"),
]
WORDS = ["the", "The", "THE", "a", "an", "An", "belt", "Belt", "belts", "and", "road", "Road", "initiative",
         "Initiatives", "rural", "RURAL", "revitalization", "revitalisation", "vitalization", "people", "People's",
         "people’s", "bank", "Bank", "of", "China", "china", "made", "Made", "in", "2025", "go", "going", "went",
         "global", "U.S", "US", "us", "United", "States", "5G", "5g", "whole", "process", "democracy", "one",
         "One", "Kelvin", "scale", "ſtrict", "rule", "ıstanbul", "İstanbul", "sis", "SIS", "ΣΙΣΥΦΟΣ", "sigma",
         "\u212aELVIN", "ß", "x", "promote", "Promoted", "promotes", "Promotion", "boost", "boost's", "pushing",
         "Beijing", "Beijings", "PEKING", "persons", "person's", "plan", "planned", "Planning", "zone", "zone's",
         "zones'", "zones’s", "s", "'s"]
GLUE = [" ", "  ", "-", " - ", "—", "\"", "“", "”", "'", "’", ", ", ". ", "\n", "", "(", ")"]


@pytest.mark.parametrize("term", SYNTHETIC, ids=lambda t: t.en)
@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), max_size=14))
def test_fast_scan_equals_plain_scan(term, pieces):
    text = "".join(word + glue for word, glue in pieces)
    patterns = TermPatterns(term)
    assert fast_scan(patterns, text) == plain_scan(patterns, text)


def test_case_texts_against_every_fixture_term(policy):
    texts = [case["text"] for case in CASES["en"]] + [" ".join(WORDS), " ".join(WORDS).upper()]
    for term in (*policy.terms, *SYNTHETIC):
        patterns = TermPatterns(term)
        for text in texts:
            assert fast_scan(patterns, text) == plain_scan(patterns, text), (term.en, text)


@pytest.mark.parametrize(("rendering", "lead"), [
    ("rural revitalization", ("rural", False)),
    ("the Belt and Road Initiative", ("belt", True)),  # may start at its optional article
    ("Rural Revitalization", ("rural", False)),  # a capitalised word: plurals only, all share it
    ("people's democracy", ("pe", False)),  # people / person / persons
    ("5G", ("5g", False)),
    ("\"Made in China 2025\"", None),  # starts with a quote, which is optional
    ("ıstanbul", None),  # re folds ı with i: str.lower does not
    ("İstanbul", None),  # lower-cases to two characters
])
def test_rendering_lead(rendering, lead):
    assert rendering_lead(rendering) == lead


@pytest.mark.parametrize(("text", "plain"), [
    ("Rural revitalization", True),
    ("“Rural” revitalization — 乡村振兴", True),
    ("ſtrict", False),
    ("İstanbul", False),
    ("ΟΔΟΣ", False),
    ("\u212aELVIN", True),  # the Kelvin sign lower-cases to k, as re folds it
])
def test_plain_case(text, plain):
    assert plain_case(text, text.lower()) is plain


def test_plain_case_agrees_with_re_folding():
    """Outside the exceptions, ``re.IGNORECASE`` folds a character exactly as ``str.lower`` does."""
    for code in range(0x20000):
        char = chr(code)
        lowered = char.lower()
        if 0xD800 <= code < 0xE000 or len(lowered) != 1 or _FOLD_EXCEPTIONS.search(lowered):
            continue
        assert _sre.unicode_tolower(code) == ord(lowered), hex(code)
    assert re.fullmatch("(?i)i", "ı") and _FOLD_EXCEPTIONS.search("ı")  # the table is the one re uses
