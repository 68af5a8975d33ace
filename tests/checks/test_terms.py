"""term-missing, term-forbidden and term-inconsistent on whole pairs and corpora."""

from __future__ import annotations

import pytest

from duizhao import script
from duizhao.checks import PairContext
from duizhao.checks.terms import TermCount, TermForbidden, TermInconsistent, TermMissing
from duizhao.engine import Checker
from duizhao.glossary import TermMatcher, load_glossary
from duizhao.model import DocumentInfo, Severity
from tests.glossary.conftest import FIXTURES, cases
from tests.helpers import observe, seg

MATCHER = TermMatcher(load_glossary(FIXTURES / "policy.yaml"))


def _pair_findings(zh: str, en: str) -> list[str]:
    ctx = PairContext(seg(zh, en), MATCHER)
    out = []
    for rule in (TermMissing(), TermForbidden(), TermCount()):
        out += [f"{f.rule}: {f.data['term']}" for f in rule.check(ctx)]
    return out


@pytest.mark.parametrize("case", cases("pairs"))
def test_pair_cases(case):
    assert sorted(_pair_findings(case["zh"], case["en"])) == sorted(case["findings"])


def test_count_is_in_the_message():
    ctx = PairContext(seg("高质量发展是硬道理，要坚持高质量发展。", "High-quality development is essential."), MATCHER)
    assert list(TermMissing().check(ctx)) == []  # rendered once: never an error on count alone
    (finding,) = TermCount().check(ctx)
    assert finding.severity is Severity.INFO
    assert "2 times" in finding.message and "rendered 1 time" in finding.message
    assert finding.data["count_zh"] == 2 and finding.data["count_en"] == 1
    assert {s.side for s in finding.spans} == {"zh", "en"}


def test_forbidden_message_names_the_approved_rendering():
    ctx = PairContext(seg("共建一带一路", "build One Belt, One Road"), MATCHER)
    (finding,) = TermForbidden().check(ctx)
    assert "'One Belt, One Road'" in finding.message and "the Belt and Road Initiative" in finding.message
    assert finding.spans[0].side == "en"


def _corpus():
    doc_a = DocumentInfo(id="a", file="a.yaml")
    doc_b = DocumentInfo(id="b", file="b.yaml")
    return [
        seg("共建一带一路", "build the Belt and Road Initiative", "s1", 1, doc_a),
        seg("推进乡村振兴", "advance rural revitalization", "s2", 2, doc_a),
        seg("一带一路国家", "Belt and Road countries", "s3", 3, doc_a),
        seg("一带一路合作", "Belt and Road cooperation", "s4", 4, doc_a),
        seg("一带一路倡议", "the Belt and Road Initiative", "s1", 1, doc_b),
    ]


def test_term_inconsistent_names_every_segment():
    findings = list(Checker([TermInconsistent()], MATCHER).run(_corpus()))
    assert len(findings) == 1
    (finding,) = findings
    assert finding.rule == "term-inconsistent" and finding.location.file == "a.yaml"
    assert "s1" in finding.message and "s3, s4" in finding.message
    assert {loc.segment for loc in finding.related} | {finding.segment} == {"s1", "s3", "s4"}


def test_term_inconsistent_merges_chunks_like_one_run():
    rule = TermInconsistent()
    pairs = _corpus()
    whole = rule.new_state()
    for segment in pairs:
        observe(rule, whole, PairContext(segment, MATCHER))
    first, second = rule.new_state(), rule.new_state()
    for segment in pairs[:2]:
        observe(rule, first, PairContext(segment, MATCHER))
    for segment in pairs[2:]:
        observe(rule, second, PairContext(segment, MATCHER))
    merged = rule.merge(first, second)
    assert list(rule.finish(merged)) == list(rule.finish(whole))


def test_one_rendering_throughout_is_consistent():
    doc = DocumentInfo(id="a", file="a.yaml")
    pairs = [seg("共建一带一路", "the Belt and Road Initiative", f"s{i}", i, doc) for i in range(1, 4)]
    assert list(Checker([TermInconsistent()], MATCHER).run(pairs)) == []


def _numbered_corpus():
    """The corpus above with segment ids equal to line numbers (TSV): locations are packed ints."""
    return [seg(s.zh, s.en, str(i), i, s.doc) for i, s in enumerate(_corpus(), start=1)]


@pytest.mark.parametrize("split", [1, 2, 3, 4])
def test_term_inconsistent_packed_locations_merge_like_one_run(split):
    rule = TermInconsistent()
    pairs = _numbered_corpus()[::-1]  # chunk two meets the documents in another order
    whole = rule.new_state()
    for segment in pairs:
        observe(rule, whole, PairContext(segment, MATCHER))
    first, second = rule.new_state(), rule.new_state()
    for segment in pairs[:split]:
        observe(rule, first, PairContext(segment, MATCHER))
    for segment in pairs[split:]:
        observe(rule, second, PairContext(segment, MATCHER))
    expected = list(rule.finish(whole))
    assert expected and list(rule.finish(rule.merge(first, second))) == expected


def test_opencc_runs_at_most_once_per_pair(monkeypatch):
    """Matching and both consistency rules share one Traditional→Simplified conversion."""
    from duizhao.checks import base
    from duizhao.engine import build_rules

    calls = []

    def counting(text: str) -> str:
        calls.append(text)
        return script.to_simplified(text)

    monkeypatch.setattr(base, "to_simplified", counting)
    pairs = [seg("共建一帶一路", "build the Belt and Road Initiative", "s1", 1),
             seg("推進鄉村振興", "advance rural revitalization", "s2", 2)]
    findings = list(Checker(build_rules(), MATCHER).run(pairs))
    assert calls == [p.zh for p in pairs]
    assert not [f for f in findings if f.rule.startswith("term-")]
