"""English-side matching: inflection, hyphenation, quotes, articles, case; never a missing word."""

from __future__ import annotations

import pytest

from duizhao.glossary import Glossary, TermMatcher
from duizhao.glossary.en import word_forms
from duizhao.model import Term

from .conftest import cases, term_named


@pytest.mark.parametrize("case", cases("en"))
def test_en_cases(policy, matcher, case):
    term = term_named(policy, case["term"])
    hits = matcher.find_en(case["text"], term)
    assert [f"{h.kind}: {case['text'][h.start:h.end]}" for h in hits] == case["found"]
    assert all(h.term is term for h in hits)


def test_forbidden_everywhere_uses_one_index(policy, matcher):
    hits = matcher.find_forbidden_everywhere("OBOR and One Belt, One Road, but not rural rejuvenation")
    assert [(h.rendering, h.kind) for h in hits] == [("OBOR", "forbidden"), ("One Belt, One Road", "forbidden")]


@pytest.mark.parametrize(("word", "expected"), [
    ("zone", {"zones", "zone"}),
    ("promote", {"promotes", "promoted", "promoting"}),
    ("city", {"cities"}),
    ("plan", {"planned", "planning", "plans"}),
    ("building", {"build", "builds", "built"}),
    ("the", {"the"}),
])
def test_word_forms(word, expected):
    assert expected <= word_forms(word)


def test_stop_words_are_not_inflected():
    assert word_forms("of") == {"of"} and word_forms("and") == {"and"}


def test_case_sensitive_entry_keeps_its_capitals():
    term = Term("中国人民银行", "People's Bank of China", case_sensitive=True)
    matcher = TermMatcher(Glossary(terms=(term,), hash="x"))
    assert matcher.find_en("the People’s Bank of China said", term)
    assert not matcher.find_en("the people's bank of china said", term)


def test_fold_exceptions_are_what_re_folds_beyond_str_lower() -> None:
    """``FOLD_EXCEPTIONS`` from Unicode's case mappings, checked against ``re``'s own matching."""
    import re
    from collections import defaultdict

    from duizhao.glossary.en import FOLD_EXCEPTIONS

    by_upper: dict[str, set[str]] = defaultdict(set)
    for code in range(0x10000):
        if not 0xD800 <= code <= 0xDFFF:
            by_upper[chr(code).upper()].add(chr(code))
    derived = set()
    for group in by_upper.values():
        if len({c.lower() for c in group}) > 1:
            derived |= {c for c in group if not c.isascii() and c.lower() == c}  # what lower()ed text can hold
    assert derived == set(FOLD_EXCEPTIONS)
    for char in FOLD_EXCEPTIONS:  # each one is matched by re.IGNORECASE against a char with another lower()
        partners = by_upper[char.upper()] - {char}
        assert any(re.fullmatch(re.escape(char), p, re.IGNORECASE) and p.lower() != char for p in partners), char
