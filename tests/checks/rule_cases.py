"""Table-driven rule cases (tests/cases/<family>.yaml), shared by the rule families' tests.

A case file maps rule ids to lists of cases: ``{name, zh, en, found}`` where ``found`` is how
many findings the rule reports for the pair, and optionally ``says`` (a text every finding's
message contains) and ``spans`` (the English or Chinese text each finding's spans cover).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from duizhao.checks import RULES, PairContext
from tests.helpers import seg

CASES = Path(__file__).resolve().parents[1] / "cases"


def load(family: str) -> list:
    """``pytest.param((rule id, case))`` for every case of ``tests/cases/{family}.yaml``."""
    data = yaml.safe_load((CASES / f"{family}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(rule_id, case, id=f"{rule_id}:{case['name']}")
            for rule_id, cases in data.items() for case in cases]


def run_case(rule_id: str, case: dict, matcher=None) -> None:
    """Check one case: the number of findings, and what they say and cover."""
    pair = seg(case["zh"], case["en"])
    findings = list(RULES[rule_id]().check(PairContext(pair, matcher)))
    assert len(findings) == case["found"], [f.message for f in findings]
    for finding in findings:
        assert finding.rule == rule_id
        if "says" in case:
            assert case["says"] in finding.message, finding.message
    if "spans" in case:
        covered = [getattr(pair, s.side)[s.start:s.end] for f in findings for s in f.spans]
        assert covered == case["spans"]
