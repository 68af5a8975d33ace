"""untranslated and pinyin-untranslated: the cases of tests/cases/untranslated.yaml."""

from __future__ import annotations

import pytest

from duizhao.checks.untranslated import is_pinyin_word
from duizhao.glossary import TermMatcher, load_glossary
from tests.checks.rule_cases import load, run_case
from tests.glossary.conftest import FIXTURES

MATCHER = TermMatcher(load_glossary(FIXTURES / "policy.yaml"))


@pytest.mark.parametrize(("rule_id", "case"), load("untranslated"))
def test_untranslated_cases(rule_id, case):
    run_case(rule_id, case, MATCHER)


@pytest.mark.parametrize(
    ("word", "pinyin"),
    [("Datong", True), ("Xiangcun", True), ("Xi'an", True), ("Zhanlüe", True), ("development", False),
     ("strategy", False), ("the", False)],
)
def test_is_pinyin_word(word, pinyin):
    assert is_pinyin_word(word) is pinyin
