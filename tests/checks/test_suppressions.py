"""suppression-unjustified and suppression-unknown-rule: paired pass/fail cases, and the engine."""

from __future__ import annotations

from types import MappingProxyType

import pytest

from duizhao.checks import RULES
from duizhao.checks.base import PairContext
from duizhao.checks.suppressions import SuppressionUnjustified, SuppressionUnknownRule
from duizhao.engine import Checker, build_rules
from tests.helpers import seg


def run(rule, ignore: dict[str, str]):
    return list(rule.check(PairContext(seg("新春贺词", "New Year Address", ignore=MappingProxyType(ignore)), None)))


@pytest.mark.parametrize(
    ("ignore", "flagged"),
    [
        ({"empty-target": ""}, ["empty-target"]),
        ({"empty-target": "   "}, ["empty-target"]),
        ({"empty-target": "the source is a heading kept untranslated"}, []),
        ({"empty-target": "", "leftover-cjk": "brand name"}, ["empty-target"]),
        ({}, []),
    ],
)
def test_suppression_unjustified(ignore, flagged):
    findings = run(SuppressionUnjustified(), ignore)
    assert [f.data["suppressed_rule"] for f in findings] == flagged
    assert all(f.severity.value == "warning" for f in findings)


@pytest.mark.parametrize(
    ("ignore", "unknown", "hint"),
    [
        ({"term-mising": "typo"}, ["term-mising"], "did you mean term-missing?"),
        ({"no-such-check": "x"}, ["no-such-check"], "see `duizhao rules`"),
        ({"empty-target": "reason"}, [], ""),
    ],
)
def test_suppression_unknown_rule(ignore, unknown, hint):
    findings = run(SuppressionUnknownRule(), ignore)
    assert [f.data["suppressed_rule"] for f in findings] == unknown
    assert all(hint in f.message for f in findings)


def test_both_rules_are_registered_with_docs():
    for rule_id in ("suppression-unjustified", "suppression-unknown-rule"):
        rule = RULES[rule_id]
        assert rule.summary and rule.why and rule.example and rule.name


def test_engine_suppresses_but_still_warns_about_a_missing_reason():
    segment = seg("新春贺词", "", ignore=MappingProxyType({"empty-target": ""}))
    checker = Checker(build_rules(select=("empty-target", "suppression-unjustified")))
    findings = list(checker.run([segment]))
    assert [f.rule for f in findings] == ["suppression-unjustified"]
    assert checker.stats.suppressed == 1
