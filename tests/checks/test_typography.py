"""Whitespace and typography rules: the cases of tests/cases/typography.yaml."""

from __future__ import annotations

import pytest

from tests.checks.rule_cases import load, run_case


@pytest.mark.parametrize(("rule_id", "case"), load("typography"))
def test_typography_cases(rule_id, case):
    run_case(rule_id, case)
