"""bracket-unbalanced, quote-unbalanced and title-unmarked: the cases of tests/cases/brackets.yaml."""

from __future__ import annotations

import pytest

from duizhao.checks.brackets import imbalance
from tests.checks.rule_cases import load, run_case


@pytest.mark.parametrize(("rule_id", "case"), load("brackets"))
def test_bracket_cases(rule_id, case):
    run_case(rule_id, case)


def test_imbalance_positions_point_at_the_marks():
    text = "a (b [c] d"
    assert imbalance(text) == {"round": (1, [2])}
    assert imbalance("plain text") == {}
