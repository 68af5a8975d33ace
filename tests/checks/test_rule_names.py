"""A rule's ``name`` (SARIF's CamelCase) is derived from its id, never written twice."""

from __future__ import annotations

from typing import ClassVar

from duizhao.checks import RULE_CLASSES
from duizhao.checks.base import PairRule


def test_every_rule_name_is_the_camel_case_of_its_id():
    assert RULE_CLASSES
    for rule in RULE_CLASSES:
        assert rule.name == "".join(part.capitalize() for part in rule.id.split("-")), rule.id


def test_a_new_rule_gets_its_name_from_its_id():
    class HedgeReversed(PairRule):
        id: ClassVar[str] = "number-hedge-reversed"

    assert HedgeReversed.name == "NumberHedgeReversed"
