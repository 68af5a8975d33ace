"""The bundled glossary against published official English and against known mistranslations.

Case files (any number, so research can add its own without touching anyone else's):

* ``tests/cases/official_terms*.yaml``: sentences as published by official outlets, with the
  source they were published in. ``cases: [{zh, en, url, outlet, date, terms, zh_source}]``.
  Each pair must contain every term listed in ``terms`` (matched in the Chinese) and must
  raise no ``term-missing`` or ``term-forbidden`` finding, and no other ``term-*`` finding
  above info: a gate that fails correct official English is worse than none.
* ``tests/cases/wrong_terms*.yaml``: wrong renderings (calques, common errors) of covered
  terms. ``cases: [{zh, en, term, expect, why}]``: each must raise ``expect``
  (``term-missing`` or ``term-forbidden``) for ``term``.

Pairs are checked with every pair rule whose id starts with ``term-``, so a new glossary rule
is held to the official sentences as soon as it is registered.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from duizhao.checks import RULE_CLASSES, PairContext, PairRule
from duizhao.glossary import TermMatcher, load_glossary
from duizhao.model import Finding, Severity
from tests.helpers import seg

REPO = Path(__file__).resolve().parents[2]
CASES_DIR = REPO / "tests" / "cases"
BUNDLED_GLOSSARY = REPO / "glossary"

OFFICIAL_FIELDS = {"zh", "en", "url", "outlet", "date", "terms", "zh_source"}
OFFICIAL_REQUIRED = {"zh", "en", "url", "terms"}
ZH_SOURCES = {"original", "reconstructed"}
WRONG_FIELDS = {"zh", "en", "term", "expect", "why"}
WRONG_REQUIRED = {"zh", "en", "term", "expect"}
EXPECTS = {"term-missing", "term-forbidden"}
BLOCKING = {"term-missing", "term-forbidden"}  # never allowed on official English, at any severity


def _case_files(pattern: str) -> list[Path]:
    return sorted(CASES_DIR.glob(pattern))


def _load(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    cases = data.get("cases") if isinstance(data, dict) else None
    assert isinstance(cases, list), f"{path.name}: needs a top-level 'cases:' list"
    return cases


def _params(pattern: str) -> list[Any]:
    params = []
    for path in _case_files(pattern):
        for index, case in enumerate(_load(path), start=1):
            label = str(case.get("zh", ""))[:12] if isinstance(case, dict) else ""
            params.append(pytest.param(case, id=f"{path.stem}-{index}-{label}"))
    return params


@lru_cache(maxsize=1)
def _matcher() -> TermMatcher:
    return TermMatcher(load_glossary(BUNDLED_GLOSSARY))


@lru_cache(maxsize=1)
def _term_rules() -> tuple[PairRule, ...]:
    return tuple(cls() for cls in RULE_CLASSES if issubclass(cls, PairRule) and cls.id.startswith("term-"))


def _findings(zh: str, en: str) -> tuple[PairContext, list[Finding]]:
    ctx = PairContext(seg(zh, en), _matcher())
    found: list[Finding] = []
    for rule in _term_rules():
        found += rule.check(ctx)
    return ctx, found


def _describe(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.rule} ({f.severity}): {f.message}" for f in findings) or "  (none)"


def test_case_files_exist():
    assert _case_files("official_terms*.yaml"), "no tests/cases/official_terms*.yaml"
    assert _case_files("wrong_terms*.yaml"), "no tests/cases/wrong_terms*.yaml"


@pytest.mark.parametrize("case", _params("official_terms*.yaml"))
def test_official_english_passes(case):
    assert isinstance(case, dict), "each case is a mapping"
    assert not set(case) - OFFICIAL_FIELDS, f"unknown fields {sorted(set(case) - OFFICIAL_FIELDS)}"
    assert not OFFICIAL_REQUIRED - set(case), f"missing fields {sorted(OFFICIAL_REQUIRED - set(case))}"
    assert case.get("zh_source", "original") in ZH_SOURCES
    assert str(case["url"]).strip(), "an official sentence needs the URL it was published at"
    terms = case["terms"]
    assert isinstance(terms, list) and terms, "'terms' lists the entries the sentence must match"
    ctx, findings = _findings(case["zh"], case["en"])
    matched = {hit.term.zh for hit in ctx.zh_hits}
    absent = [t for t in terms if t not in matched]
    assert not absent, f"terms not matched in the Chinese: {absent} (matched: {sorted(matched)})"
    bad = [f for f in findings if f.rule in BLOCKING or f.severity.rank > Severity.INFO.rank]
    assert not bad, f"official English rejected:\n{_describe(bad)}"


@pytest.mark.parametrize("case", _params("wrong_terms*.yaml"))
def test_wrong_rendering_is_caught(case):
    assert isinstance(case, dict), "each case is a mapping"
    assert not set(case) - WRONG_FIELDS, f"unknown fields {sorted(set(case) - WRONG_FIELDS)}"
    assert not WRONG_REQUIRED - set(case), f"missing fields {sorted(WRONG_REQUIRED - set(case))}"
    assert case["expect"] in EXPECTS
    ctx, findings = _findings(case["zh"], case["en"])
    assert case["term"] in {hit.term.zh for hit in ctx.zh_hits}, f"{case['term']} is not matched in the Chinese"
    raised = [f for f in findings if f.rule == case["expect"] and f.data.get("term") == case["term"]]
    assert raised, f"expected {case['expect']} for {case['term']}, got:\n{_describe(findings)}"


def test_the_case_files_cover_what_issue_14_accepts():
    """At least 150 official sentences over 120 different entries, and 100 wrong renderings."""
    official = [case for path in _case_files("official_terms*.yaml") for case in _load(path)]
    wrong = [case for path in _case_files("wrong_terms*.yaml") for case in _load(path)]
    entries = {term for case in official for term in case.get("terms", ())}
    assert len(official) >= 150 and len(entries) >= 120 and len(wrong) >= 100, (len(official), len(entries), len(wrong))
