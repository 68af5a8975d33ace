"""The fixture glossary and the shared term cases (tests/cases/terms.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from duizhao.glossary import Glossary, TermMatcher, load_glossary

FIXTURES = Path(__file__).parent / "fixtures"
CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "terms.yaml").read_text(encoding="utf-8"))


def cases(section: str) -> list:
    """``pytest.param`` per case of ``section``, named by its ``name``."""
    return [pytest.param(case, id=case["name"]) for case in CASES[section]]


@pytest.fixture(scope="session")
def policy() -> Glossary:
    return load_glossary(FIXTURES / "policy.yaml")


@pytest.fixture(scope="session")
def matcher(policy: Glossary) -> TermMatcher:
    return TermMatcher(policy)


def term_named(glossary: Glossary, zh: str):
    return next(t for t in glossary.terms if t.zh == zh)
