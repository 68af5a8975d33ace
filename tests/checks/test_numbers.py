"""number-mismatch and number-approx as rules: findings, spans, shared work, glossary protection."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from duizhao.checks import RULES
from duizhao.checks import numbers as numbers_rules
from duizhao.checks.base import PairContext
from duizhao.checks.numbers import NumberAddedOrdinal, NumberApprox, NumberMismatch
from duizhao.engine import Checker
from duizhao.model import Severity, Term
from tests.helpers import seg


@dataclass(frozen=True)
class Hit:
    term: Term
    start: int
    end: int
    rendering: str = ""
    kind: str = "approved"


class FakeMatcher:
    """A ``GlossaryMatcher`` over a fixed list of terms (stands in for the glossary engine)."""

    def __init__(self, *terms: Term) -> None:
        self.terms = terms
        self.calls = 0

    def find_zh(self, text: str, simplified: str | None = None) -> list[Hit]:
        self.calls += 1
        return [Hit(t, text.index(t.zh), text.index(t.zh) + len(t.zh)) for t in self.terms if t.zh in text]

    def find_en(self, text: str, term: Term, lowered: str | None = None) -> list[Hit]:
        return [Hit(term, text.index(r), text.index(r) + len(r), r) for r in term.renderings if r in text]

    def find_forbidden_everywhere(self, text: str) -> list[Hit]:
        return []


def findings(zh: str, en: str, matcher: object = None) -> tuple[list, list]:
    ctx = PairContext(seg(zh, en), matcher)
    return list(NumberMismatch().check(ctx)), list(NumberApprox().check(ctx))


def test_registered_after_leftover_cjk() -> None:
    ids = list(RULES)
    assert ids.index("number-mismatch") == ids.index("leftover-cjk") + 1
    assert ids.index("number-approx") == ids.index("number-mismatch") + 1
    assert NumberMismatch.default_severity is Severity.ERROR
    assert NumberApprox.default_severity is Severity.WARNING


def test_magnitude_error_with_spans_on_both_sides() -> None:
    errors, warnings = findings("下达资金2030万元", "allocated 203 million yuan")
    assert warnings == []
    (error,) = errors
    assert error.rule == "number-mismatch" and error.severity is Severity.ERROR
    assert "magnitude off by 10×" in error.message
    sides = {(s.side, s.start, s.end) for s in error.spans}
    assert sides == {("zh", 4, 9), ("en", 10, 21)}


def test_a_dropped_hedge_is_a_warning_and_a_reversed_one_an_error() -> None:
    errors, warnings = findings("近30%", "30%")
    assert errors == []
    assert [w.rule for w in warnings] == ["number-approx"]
    errors, warnings = findings("近30%", "over 30%")
    assert [e.rule for e in errors] == ["number-mismatch"]
    assert warnings == []


def test_an_ordinal_the_english_adds_to_a_named_event_is_info() -> None:
    ctx = PairContext(seg("出席金砖国家领导人会晤", "attended the 16th BRICS Summit"), None)
    (note,) = NumberAddedOrdinal().check(ctx)
    assert note.rule == "number-added-ordinal" and note.severity is Severity.INFO
    assert 'en "16th" numbers "BRICS Summit"' in note.message
    assert [(s.side, s.start, s.end) for s in note.spans] == [("en", 13, 17)]
    assert findings("出席金砖国家领导人会晤", "attended the 16th BRICS Summit") == ([], [])
    # an ordinal the Chinese states and the English changes is an error, and no note besides
    ctx = PairContext(seg("第十六届金砖国家领导人会晤", "the 17th BRICS Summit"), None)
    assert list(NumberAddedOrdinal().check(ctx)) == [] and [f.rule for f in NumberMismatch().check(ctx)]


def test_clean_pair_has_no_findings() -> None:
    assert findings("27亿元", "2.7 billion yuan") == ([], [])


@pytest.mark.parametrize("rule", [NumberMismatch, NumberApprox])
def test_severity_can_be_overridden(rule: type) -> None:
    assert rule(Severity.INFO).severity is Severity.INFO


@pytest.fixture
def comparisons(monkeypatch: pytest.MonkeyPatch) -> list:
    """Records every call of ``compare_pair`` made by the rules."""
    calls: list = []
    real = numbers_rules.compare_pair

    def counting(*args: object, **kwargs: object) -> list:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(numbers_rules, "compare_pair", counting)
    return calls


def test_comparison_is_computed_once_per_pair(comparisons: list) -> None:
    calls = comparisons
    first = PairContext(seg("近30%，2030万元", "30%, 203 million yuan"), None)
    second = PairContext(seg("近30%，2040万元", "30%, 204 million yuan", seg_id="s2"), None)
    for ctx in (first, second):
        assert len(list(NumberMismatch().check(ctx))) == 1
        assert len(list(NumberApprox().check(ctx))) == 1
    assert len(calls) == 2  # once per pair, though two rules report from it


def test_a_repeated_pair_reuses_its_comparison(comparisons: list) -> None:
    calls = comparisons
    texts = ("近30%，2030万元", "30%, 203 million yuan")
    checker = Checker([NumberMismatch(), NumberApprox()])
    found = list(checker.run(seg(*texts, seg_id=f"s{i}", line=i + 1) for i in range(3)))
    assert [(f.rule, f.segment, f.line) for f in found] == [
        (rule, f"s{i}", i + 1) for i in range(3) for rule in ("number-mismatch", "number-approx")]
    assert len({f.message for f in found if f.rule == "number-mismatch"}) == 1
    assert len(calls) == 1  # translation memories repeat segments: the same pair is compared once


def test_without_the_pair_memo_every_pair_is_compared(comparisons: list) -> None:
    texts = ("近30%，2030万元", "30%, 203 million yuan")
    checker = Checker([NumberMismatch()], memo_pairs=0)
    assert len(list(checker.run(seg(*texts, seg_id=f"s{i}") for i in range(3)))) == 3
    assert len(comparisons) == 3


def test_figures_inside_glossary_terms_are_the_glossarys_business() -> None:
    slogan = Term(zh="八型八地", en="Eight Types and Eight Places")
    zh, en = "打造“八型八地”，投资30亿元", "build the Eight Types and Eight Places, investing 3 billion yuan"
    assert findings(zh, en, FakeMatcher(slogan)) == ([], [])


def test_a_wrong_figure_next_to_a_glossary_term_is_still_reported() -> None:
    slogan = Term(zh="八型八地", en="Eight Types and Eight Places")
    zh, en = "打造“八型八地”，投资30亿元", "build the Eight Types and Eight Places, investing 30 billion yuan"
    errors, _ = findings(zh, en, FakeMatcher(slogan))
    assert len(errors) == 1 and "magnitude off by 10×" in errors[0].message


def test_slogan_whose_rendering_has_no_figure() -> None:
    slogan = Term(zh="两个维护", en="upholding the two safeguards", variants=("two upholds",))
    assert findings("做到“两个维护”", "ensure the two upholds", FakeMatcher(slogan)) == ([], [])


def test_terms_without_figures_are_not_looked_up_in_english() -> None:
    class Counting(FakeMatcher):
        en_calls = 0

        def find_en(self, text: str, term: Term, lowered: str | None = None) -> list[Hit]:
            Counting.en_calls += 1
            return super().find_en(text, term, lowered)

    matcher = Counting(Term(zh="乡村振兴", en="rural revitalization"))
    findings("乡村振兴投入30亿元", "3 billion yuan for rural revitalization", matcher)
    assert Counting.en_calls == 0


def test_both_rules_report_through_the_engine() -> None:
    from duizhao.engine import Checker, build_rules

    checker = Checker(build_rules(select=["number-mismatch", "number-approx"]))
    pairs = [seg("近30%，2030万元", "30%, 203 million yuan", seg_id="s1"),
             seg("27亿元", "2.7 billion yuan", seg_id="s2")]
    found = [(f.segment, f.rule, f.severity) for f in checker.run(pairs)]
    assert found == [("s1", "number-mismatch", Severity.ERROR), ("s1", "number-approx", Severity.WARNING)]


@pytest.mark.parametrize(
    ("zh", "en", "errors"),
    [
        ("年用電量突破27億千瓦時", "annual power use exceeding 2.7 billion kWh", 0),
        ("年用電量突破27億千瓦時", "annual power use exceeding 27 billion kWh", 1),
        ("同比增長百分之五點二", "up 5.2 percent year on year", 0),
        ("市委十六屆六次全會", "the sixth plenary session of the 16th municipal Party committee", 0),
    ],
)
def test_traditional_sources_are_read_in_simplified(zh: str, en: str, errors: int) -> None:
    found, _ = findings(zh, en)
    assert len(found) == errors
    for finding in found:  # spans still point into the Traditional original
        zh_span = next(s for s in finding.spans if s.side == "zh")
        assert zh[zh_span.start:zh_span.end] == "27億千瓦時"
