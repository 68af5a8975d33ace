"""Figure rules are told apart by the code each issue carries, so a new one needs its own id only."""

from __future__ import annotations

from typing import ClassVar

import pytest

from duizhao.checks import numbers as numbers_rules
from duizhao.checks.base import PairContext
from duizhao.checks.numbers import FigureRule, NumberApprox, NumberMismatch
from duizhao.model import Severity
from duizhao.numbers import NumberIssue
from duizhao.numbers.model import APPROX, MISMATCH
from tests.helpers import seg


class NumberUnitExample(FigureRule):
    id: ClassVar[str] = "number-unit-example"
    default_severity: ClassVar[Severity] = Severity.INFO
    summary: ClassVar[str] = "test only"
    why: ClassVar[str] = "test only"
    example: ClassVar[str] = "test only"


ISSUES = [
    NumberIssue(MISMATCH, "changed", (0, 1), (0, 1)),
    NumberIssue(APPROX, "rounded", (1, 2), None),
    NumberIssue("number-unit-example", "unit", None, (2, 3)),
    NumberIssue(MISMATCH, "dropped", (2, 3), None),
]


@pytest.fixture
def ctx(monkeypatch: pytest.MonkeyPatch) -> PairContext:
    monkeypatch.setattr(numbers_rules, "compare_pair", lambda *args, **kwargs: list(ISSUES))
    return PairContext(seg("增长5%", "grew 6%"), None)


@pytest.mark.parametrize(("rule", "messages"), [
    (NumberMismatch, ["changed", "dropped"]),
    (NumberApprox, ["rounded"]),
    (NumberUnitExample, ["unit"]),
])
def test_each_figure_rule_reports_the_issues_carrying_its_id(ctx: PairContext, rule: type[FigureRule],
                                                             messages: list[str]) -> None:
    found = list(rule().check(ctx))
    assert [f.message for f in found] == messages
    assert {f.rule for f in found} == {rule.id}
    assert all(f.severity is rule.default_severity for f in found)


def test_figure_rules_share_one_comparison(ctx: PairContext, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(numbers_rules, "compare_pair", lambda *args, **kwargs: calls.append(1) or list(ISSUES))
    for rule in (NumberMismatch, NumberApprox, NumberUnitExample):
        list(rule().check(ctx))
    assert calls == [1]
