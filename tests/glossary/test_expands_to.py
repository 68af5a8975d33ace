"""Numbered formulas spelled out (``expands_to``) and proposed entries that never fail a build."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.checks import PairContext
from duizhao.checks.terms import TermCount, TermForbidden, TermInconsistent, TermMissing, with_proposed_severity
from duizhao.config import load_config
from duizhao.engine import Checker
from duizhao.glossary import TermMatcher, load_glossary
from duizhao.glossary.en import EXPANSION, expansion_pattern
from duizhao.model import DocumentInfo, Severity
from duizhao.runner import CheckRequest, run_check
from tests.helpers import seg, write_corpus, write_glossary

UPHOLDS = {
    "zh": "两个维护", "en": "Two Upholds", "forbidden": ["Two Safeguards"],
    "expands_to": ["uphold Comrade Xi Jinping's core position on the Party Central Committee and in the Party "
                   "as a whole and uphold the Central Committee's authority and its centralized, unified leadership"],
}
PROPOSED = {"zh": "云中声谷", "en": "Yunzhong Sound Valley", "forbidden": ["Cloud Sound Valley"], "status": "proposed"}


@pytest.fixture(scope="module")
def matcher(tmp_path_factory) -> TermMatcher:
    path = write_glossary(tmp_path_factory.mktemp("g") / "g.yaml", [UPHOLDS, PROPOSED])
    return TermMatcher(load_glossary(path))


def _rules(matcher: TermMatcher, zh: str, en: str) -> list[tuple[str, Severity]]:
    ctx = PairContext(seg(zh, en), matcher)
    return [(f.rule, f.severity) for rule in (TermMissing(), TermForbidden(), TermCount()) for f in rule.check(ctx)]


@pytest.mark.parametrize("en", [
    # as listed
    "uphold Comrade Xi Jinping's core position on the Party Central Committee and in the Party as a whole "
    "and uphold the Central Committee's authority and its centralized, unified leadership",
    # inflected, a comma and "to" added, "its" dropped, "and" for the comma
    "upholding Comrade Xi Jinping's core position on the Party Central Committee and in the Party as a whole, "
    "and to uphold the Central Committee's authority and centralized and unified leadership",
    # the label
    "act on the Two Upholds",
])
def test_label_or_content_is_accepted(matcher, en):
    assert _rules(matcher, "做到“两个维护”", en) == []


@pytest.mark.parametrize("en", [
    "uphold Comrade Xi Jinping's core position",  # half of the content
    "uphold the Central Committee's authority and its centralized, unified leadership and uphold Comrade Xi "
    "Jinping's core position on the Party Central Committee and in the Party as a whole",  # another order
    "uphold Comrade Xi Jinping's core position on the Party Central Committee and in the Party as a whole and "
    "uphold the Central Committee's power and its centralized, unified leadership",  # a content word changed
])
def test_content_words_are_all_needed_in_order(matcher, en):
    assert _rules(matcher, "做到“两个维护”", en) == [("term-missing", Severity.ERROR)]


def test_function_words_are_limited_between_content_words():
    pattern = expansion_pattern("core position")
    import re

    assert re.fullmatch(pattern, "core of the position", re.IGNORECASE)
    assert not re.fullmatch(pattern, "core of the and of the position", re.IGNORECASE)  # four in a row
    assert not re.fullmatch(pattern, "core political position", re.IGNORECASE)  # a content word in between


def test_missing_message_says_content_is_accepted(matcher):
    (finding,) = TermMissing().check(PairContext(seg("两个维护", "loyalty"), matcher))
    assert "spelled out" in finding.message and finding.data["expands_to"] == UPHOLDS["expands_to"]


def test_content_is_not_an_inconsistent_rendering(matcher):
    doc = DocumentInfo(id="a", file="a.yaml")
    pairs = [seg("两个维护", "the Two Upholds", "s1", 1, doc), seg("两个维护", UPHOLDS["expands_to"][0], "s2", 2, doc)]
    hits = PairContext(pairs[1], matcher)
    assert [h.kind for h in matcher.find_en(pairs[1].en, hits.zh_hits[0].term)] == [EXPANSION]
    assert list(Checker([TermInconsistent()], matcher).run(pairs)) == []


def test_proposed_entry_reports_at_most_a_warning(matcher):
    assert _rules(matcher, "打造云中声谷", "build a sound valley") == [("term-missing", Severity.WARNING)]
    assert _rules(matcher, "打造云中声谷", "build the Cloud Sound Valley") == [("term-forbidden", Severity.WARNING)]
    assert _rules(matcher, "两个维护", "the two safeguards") == [("term-forbidden", Severity.ERROR)]
    # an error-level rule configured lower stays lower
    ctx = PairContext(seg("打造云中声谷", "build a sound valley"), matcher)
    assert [f.severity for f in TermMissing(Severity.INFO).check(ctx)] == [Severity.INFO]


def test_proposed_severity_can_be_raised_or_lowered(matcher):
    ctx = PairContext(seg("云中声谷和两个维护", "a sound valley and loyalty"), matcher)
    findings = list(TermMissing().check(ctx))
    raised = {f.data["term"]: f.severity for f in with_proposed_severity(findings, Severity.ERROR)}
    assert raised == {"云中声谷": Severity.ERROR, "两个维护": Severity.ERROR}
    lowered = {f.data["term"]: f.severity for f in with_proposed_severity(findings, Severity.INFO)}
    assert lowered == {"云中声谷": Severity.INFO, "两个维护": Severity.ERROR}


def test_configured_proposed_severity_reaches_the_run(tmp_path: Path):
    glossary = write_glossary(tmp_path / "g.yaml", [PROPOSED])
    corpus = write_corpus(tmp_path / "doc.yaml", [("打造云中声谷", "build a sound valley")])
    (tmp_path / "duizhao.toml").write_text('proposed-severity = "error"\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.proposed_severity is Severity.ERROR
    default = run_check(CheckRequest(paths=(corpus,), glossary=glossary, select=("term-missing",)))
    assert [f.severity for f in default.findings] == [Severity.WARNING] and default.summary()["errors"] == 0
    raised = run_check(CheckRequest(paths=(corpus,), glossary=glossary, select=("term-missing",),
                                    proposed_severity=config.proposed_severity))
    assert [f.severity for f in raised.findings] == [Severity.ERROR] and raised.summary()["errors"] == 1
    assert "proposed:error" in raised.signature


def test_spelled_out_content_leaves_its_parts_to_their_own_entries(tmp_path):
    """四风 spelled out is made of 形式主义 … 奢靡之风: the expansion must not take their English spans."""
    entries = [
        {"zh": "四风", "en": "four forms of decadence",
         "expands_to": ["formalism, bureaucratism, hedonism and extravagance"]},
        {"zh": "形式主义", "en": "formalism"}, {"zh": "官僚主义", "en": "bureaucratism"},
        {"zh": "享乐主义", "en": "hedonism"}, {"zh": "奢靡之风", "en": "extravagance"},
    ]
    matcher = TermMatcher(load_glossary(write_glossary(tmp_path / "g.yaml", entries)))
    zh = "反对“四风”，即形式主义、官僚主义、享乐主义和奢靡之风"
    assert _rules(matcher, zh, "oppose the four forms of decadence: formalism, bureaucratism, hedonism and "
                               "extravagance") == []
    assert _rules(matcher, zh, "oppose formalism, bureaucratism, hedonism and extravagance") == []
    assert _rules(matcher, zh, "oppose formalism, bureaucratism and hedonism") == [("term-missing", Severity.ERROR),
                                                                                    ("term-missing", Severity.ERROR)]
