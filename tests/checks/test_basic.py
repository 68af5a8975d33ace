"""empty-target and leftover-cjk: paired pass/fail cases."""

from __future__ import annotations

import pytest

from duizhao.checks.base import PairContext
from duizhao.checks.basic import EmptyTarget, LeftoverCjk
from tests.helpers import seg


def run(rule, zh, en):
    return list(rule.check(PairContext(seg(zh, en), None)))


@pytest.mark.parametrize(
    ("zh", "en", "fires"),
    [
        ("新春贺词", "", True),
        ("新春贺词", "   ", True),
        ("新春贺词", "New Year Address", False),
        ("", "", False),
        ("  ", "", False),
    ],
)
def test_empty_target(zh, en, fires):
    assert bool(run(EmptyTarget(), zh, en)) is fires


@pytest.mark.parametrize(
    ("en", "expected"),
    [
        ("the 云中声谷 brand", ["云中声谷"]),
        ("Datong, Shanxi。", ["。"]),
        ("first，second", ["，"]),
        ("the Yunzhong Sound Valley brand", []),
        ("14,000 people; 80% of revenue", []),
        ("《人民日报》 reported", ["《人民日报》"]),
        ("the 𠀀 character", ["𠀀"]),
    ],
)
def test_leftover_cjk(en, expected):
    findings = run(LeftoverCjk(), "中文", en)
    found = [en[s.start:s.end] for f in findings for s in f.spans]
    assert found == expected
    for f in findings:
        assert f.rule == "leftover-cjk" and f.location.segment == "s1"
