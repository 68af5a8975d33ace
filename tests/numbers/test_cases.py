"""Every pair in tests/cases/numbers.yaml gets the verdict a translator expects."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from duizhao.numbers import NumberIssue, compare_pair
from duizhao.numbers.model import ADDED_ORDINAL, APPROX, LIST_DROPPED, MISMATCH

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "numbers.yaml").read_text(encoding="utf-8"))
PAIRS = CASES["pairs"]


def _spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for term in terms:
        start = text.index(term)  # a case naming a term that is not in its text is itself wrong
        spans.append((start, start + len(term)))
    return spans


# the rules each verdict names (a pair's verdict is its most severe issue)
_CODES = {"error": {MISMATCH}, "warning": {APPROX, LIST_DROPPED}, "info": {ADDED_ORDINAL}}


def verdict(issues: list[NumberIssue]) -> str:
    codes = {i.code for i in issues}
    return next((name for name, wanted in _CODES.items() if wanted & codes), "match")


def test_case_file_is_big_enough() -> None:
    assert len(PAIRS) >= 650
    assert {case["verdict"] for case in PAIRS} == {"match", "error", "warning", "info"}


@pytest.mark.parametrize("case", PAIRS, ids=[f"{c['zh']}|{c['en']}" for c in PAIRS])
def test_pair_verdict(case: dict) -> None:
    issues = compare_pair(
        case["zh"],
        case["en"],
        zh_protected=_spans(case["zh"], case.get("zh_protect", [])),
        en_protected=_spans(case["en"], case.get("en_protect", [])),
    )
    assert verdict(issues) == case["verdict"], [i.message for i in issues]
    if "message" in case:
        wanted = _CODES[case["verdict"]]
        messages = [i.message for i in issues if i.code in wanted]
        assert any(case["message"] in m for m in messages), messages
    for issue in issues:  # every finding points at the text it is about
        for span, text in ((issue.zh_span, case["zh"]), (issue.en_span, case["en"])):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
