"""The engine: rule selection, suppressions, corpus findings after pair findings."""

from __future__ import annotations

import pytest

from duizhao.engine import Checker, build_rules
from duizhao.errors import UsageError
from duizhao.model import Severity
from tests.helpers import seg


def test_unknown_rule_ids_are_usage_errors():
    with pytest.raises(UsageError, match="unknown rule 'no-such-rule'"):
        build_rules(select=["no-such-rule"])
    with pytest.raises(UsageError):
        build_rules(ignore=["empty-targt"])


def test_select_ignore_and_severity_override():
    assert [r.id for r in build_rules(select=["empty-target"])] == ["empty-target"]
    assert "empty-target" not in [r.id for r in build_rules(ignore=["empty-target"])]
    (rule,) = build_rules(select=["empty-target"], severities={"empty-target": Severity.WARNING})
    assert rule.severity is Severity.WARNING


def test_suppression_drops_finding_and_counts_it():
    checker = Checker(build_rules(select=["empty-target", "leftover-cjk"]))
    segments = [
        seg("甲", "", "s1", ignore={"empty-target": "title page, translated elsewhere"}),
        seg("乙", "", "s2"),
    ]
    findings = list(checker.run(segments))
    assert [(f.rule, f.segment) for f in findings] == [("empty-target", "s2")]
    assert checker.stats.suppressed == 1
    assert checker.stats.as_dict()["errors"] == 1


def test_corpus_findings_name_every_segment():
    checker = Checker(build_rules(select=["segment-inconsistent"]))
    segments = [
        seg("祝愿全市人民幸福安康！", "We wish all citizens happiness.", "s1", 1),
        seg("祝愿全市人民幸福安康！", "We wish all citizens well-being.", "s2", 2),
        seg("祝愿全市人民幸福安康！", "We wish all citizens happiness.", "s3", 3),
    ]
    (finding,) = list(checker.run(segments))
    assert finding.rule == "segment-inconsistent"
    involved = {finding.segment, *(r.segment for r in finding.related)}
    assert involved == {"s1", "s2", "s3"}
    assert "2 ways" in finding.message


def test_corpus_findings_across_documents_name_the_documents():
    from duizhao.model import DocumentInfo

    doc_a, doc_b = DocumentInfo(id="a", file="a.tsv"), DocumentInfo(id="b", file="b.tsv")
    checker = Checker(build_rules(select=["segment-inconsistent"]))
    segments = [
        seg("祝愿全市人民幸福安康！", "We wish all citizens happiness.", "2", 2, doc=doc_a),
        seg("祝愿全市人民幸福安康！", "We wish all citizens well-being.", "2", 2, doc=doc_b),
    ]
    (finding,) = list(checker.run(segments))
    assert "(a:2)" in finding.message and "(b:2)" in finding.message


_POOL = [
    ("近30%，2030万元", "over 30%, 203 million yuan"),
    ("推进乡村振兴", "advance rural renewal"),
    ("推进乡村振兴", "advance rural revitalization"),
    ("新春贺词", ""),
    ("云中声谷品牌", "the 云中声谷 brand"),
    ("祝愿全市人民幸福安康！", "We wish all citizens happiness."),
    ("祝愿全市人民幸福安康！", "We wish all citizens well-being."),
    ("全市GDP增长5%", "The city's GDP grew by 5%."),
    ("全市GDP增长6%", "The city's GDP grew by 5%."),
]


@pytest.mark.parametrize("memo_pairs", [1, 2, 3, 1000])
def test_the_pair_memo_never_changes_findings(memo_pairs: int) -> None:
    """Repeated pairs reuse text-only findings and observations; suppressions stay per segment."""
    import random

    from duizhao.glossary import TermMatcher
    from duizhao.model import Glossary, Term

    glossary = Glossary(terms=(Term(zh="乡村振兴", en="rural revitalization", forbidden=("rural renewal",)),),
                        hash="x")
    rng = random.Random(8)
    segments = []
    for i in range(300):
        zh, en = rng.choice(_POOL)
        extra = {"ignore": {"term-forbidden": "quoted from a source"}} if i % 7 == 0 else {}
        segments.append(seg(zh, en, f"s{i}", i + 1, **extra))

    def run(memo: int) -> tuple[list, dict]:
        checker = Checker(build_rules(), TermMatcher(glossary), memo_pairs=memo)
        return list(checker.run(segments)), checker.stats.as_dict()

    plain, with_memo = run(0), run(memo_pairs)
    assert with_memo == plain
    assert {f.rule for f in plain[0]} >= {"term-forbidden", "number-mismatch", "empty-target", "leftover-cjk",
                                          "segment-inconsistent", "target-inconsistent"}
    assert plain[1]["suppressed"] > 0


def test_pair_memo_keeps_two_generations_bounded_by_pairs_and_characters() -> None:
    from duizhao.engine import PairMemo

    memo = PairMemo(capacity=3)
    for i in range(3):
        memo.put((f"z{i}", "e"), i)
    assert memo.get(("z0", "e")) == 0  # now in the old generation, found and moved back
    for i in range(3, 9):
        memo.put((f"z{i}", "e"), i)
    assert memo.get(("z1", "e")) is None  # two generations later: forgotten
    assert len(memo.young) + len(memo.old) <= 6

    by_text = PairMemo(capacity=1000, max_chars=10)
    by_text.put(("长" * 6, "long"), 1)  # 10 characters: the generation is full
    assert by_text.young == {} and by_text.old == {("长" * 6, "long"): 1}


def test_pair_memo_keeps_distinct_pairs_only_from_their_second_sighting() -> None:
    from duizhao.engine import PairMemo

    memo = PairMemo(capacity=4)
    for i in range(4):  # four look-ups, none found: a memory of distinct pairs
        assert memo.get((f"z{i}", "e")) is None
        memo.put((f"z{i}", "e"), i)
    assert not memo.direct and memo.young == {} and memo.old == {}
    memo.put(("again", "e"), 1)  # first sighting: a hash, no analysis
    assert memo.get(("again", "e")) is None and memo.young == {}
    memo.put(("again", "e"), 1)  # second sighting: kept
    assert memo.get(("again", "e")) == 1
    for _ in range(4, 8):  # a quarter of the look-ups now find their pair: every pair is kept again
        memo.get(("again", "e"))
    assert memo.direct

