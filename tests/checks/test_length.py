"""length-outlier: the documents of tests/cases/length.yaml, and chunked runs agree with one run."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from duizhao.checks.length import LengthOutlier
from duizhao.engine import Checker
from tests.helpers import seg

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "length.yaml").read_text(encoding="utf-8"))


def _pairs(case: dict) -> list[tuple[str, str]]:
    out = []
    for item in case["pairs"]:  # an item may be a whole list of pairs (a YAML alias)
        out.extend(tuple(p) for p in item) if isinstance(item[0], list) else out.append(tuple(item))
    return out


def _segments(case: dict) -> list:
    return [seg(zh, en, f"s{i}", i) for i, (zh, en) in enumerate(_pairs(case), start=1)]


@pytest.mark.parametrize("case", CASES["length-outlier"], ids=lambda c: c["name"])
def test_length_cases(case):
    findings = list(Checker([LengthOutlier()]).run(_segments(case)))
    assert [int(f.location.segment[1:]) for f in findings] == case["flagged"], [f.message for f in findings]
    if findings and "says" in case:
        assert case["says"] in findings[0].message
        assert findings[0].location.line == case["flagged"][0]


def test_chunks_reduce_to_one_run():
    case = CASES["length-outlier"][1]
    segments = _segments(case)
    checker = Checker([LengthOutlier()])
    chunks = [checker.check_chunk(segments[:5]), checker.check_chunk(segments[5:])]
    reduced = [f.message for f in checker.reduce(chunks)]
    assert reduced == [f.message for f in Checker([LengthOutlier()]).run(segments)]
    assert len(reduced) == 1
