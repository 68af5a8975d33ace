"""segment-inconsistent and target-inconsistent: normal forms, every segment named, chunk merging."""

from __future__ import annotations

import pytest

from duizhao.checks import PairContext
from duizhao.checks.consistency import SegmentInconsistent, TargetInconsistent
from duizhao.engine import Checker
from tests.helpers import observe, seg


def _run(rule, pairs):
    return list(Checker([rule], None).run([seg(zh, en, f"s{i}", i) for i, (zh, en) in enumerate(pairs, 1)]))


@pytest.mark.parametrize(("a", "b"), [
    ("推进乡村振兴。", "推進鄉村振興。"),          # script
    ("推进“乡村振兴”。", "推进「乡村振兴」。"),      # quote style
    ("推进乡村振兴,加快发展。", "推进乡村振兴，加快发展。"),  # ASCII vs Chinese comma
    ("推进 乡村振兴。", "推进乡村振兴。"),          # whitespace
    ("ＧＤＰ增长５％。", "GDP增长5%。"),            # width
])
def test_same_source_in_another_form_is_still_the_same_source(a, b):
    findings = _run(SegmentInconsistent(), [(a, "We advance rural revitalization."), (b, "We promote rural revival.")])
    assert len(findings) == 1 and findings[0].rule == "segment-inconsistent"


def test_same_translation_in_another_typographic_form_is_consistent():
    findings = _run(SegmentInconsistent(), [("推进乡村振兴。", "We advance “rural revitalization”."),
                                             ("推进乡村振兴。", 'We advance "rural  revitalization".')])
    assert findings == []


def test_segment_inconsistent_names_every_segment():
    findings = _run(SegmentInconsistent(), [("同一句。", "One."), ("同一句。", "Two."), ("同一句。", "One.")])
    (finding,) = findings
    assert {finding.segment, *(loc.segment for loc in finding.related)} == {"s1", "s2", "s3"}


def test_target_inconsistent_reports_one_target_for_two_sources():
    findings = _run(TargetInconsistent(), [("全市GDP增长5%。", "The city's GDP grew by 5%."),
                                            ("全市GDP增长6%。", "The city's GDP grew by 5%."),
                                            ("全市GDP增长5%。", "The city's GDP grew by 5%.")])
    (finding,) = findings
    assert finding.rule == "target-inconsistent" and finding.severity.value == "warning"
    assert {finding.segment, *(loc.segment for loc in finding.related)} == {"s1", "s2", "s3"}
    assert "2 different sources" in finding.message


@pytest.mark.parametrize("pairs", [
    [("谢谢。", "Thank you."), ("谢谢大家。", "Thank you.")],                      # too short to matter
    [("推进乡村振兴。", "We advance it."), ("推進鄉村振興。", "We advance it.")],   # same source, other script
])
def test_target_inconsistent_passes(pairs):
    assert _run(TargetInconsistent(), pairs) == []


@pytest.mark.parametrize("rule_cls", [SegmentInconsistent, TargetInconsistent])
def test_chunked_states_merge_to_the_same_findings(rule_cls):
    pairs = [seg(zh, en, f"s{i}", i) for i, (zh, en) in enumerate([
        ("甲句子。", "The first sentence here."), ("乙句子。", "The first sentence here."),
        ("甲句子。", "Another sentence entirely."), ("丙句子。", "A third sentence here."),
        ("丁句子。", "A third sentence here.")], 1)]
    rule = rule_cls()
    whole = rule.new_state()
    for p in pairs:
        observe(rule, whole, PairContext(p, None))
    parts = [rule.new_state() for _ in range(3)]
    for index, p in enumerate(pairs):
        observe(rule, parts[min(index // 2, 2)], PairContext(p, None))
    merged = rule.merge(rule.merge(parts[0], parts[1]), parts[2])
    assert list(rule.finish(merged)) == list(rule.finish(whole)) != []
