"""omission-suspected: the cases of tests/cases/omission.yaml, and chunked runs agree with one run."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from duizhao.checks.omission import OmissionSuspected
from duizhao.engine import Checker
from duizhao.glossary import TermMatcher, load_glossary
from duizhao.model import DocumentInfo
from tests.glossary.conftest import FIXTURES
from tests.helpers import seg

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "omission.yaml").read_text(encoding="utf-8"))
MATCHER = TermMatcher(load_glossary(FIXTURES / "policy.yaml"))


@pytest.mark.parametrize("case", CASES["omission-suspected"], ids=lambda c: c["name"])
def test_omission_cases(case):
    findings = list(Checker([OmissionSuspected()], MATCHER).run([seg(case["zh"], case["en"])]))
    clauses = [c for f in findings for c in f.data["clauses"]]
    assert clauses == case["clauses"], [f.message for f in findings]
    for finding in findings:
        for span in finding.spans:
            assert case["zh"][span.start:span.end] in finding.data["clauses"]
        assert "standard deviations shorter" in finding.message


def test_chunks_reduce_to_one_run():
    doc = DocumentInfo(id="d", file="d.yaml")
    cases = CASES["omission-suspected"]
    segments = [seg(c["zh"], c["en"], f"s{i}", i, doc) for i, c in enumerate(cases, start=1)]
    one = [(f.location.segment, f.message) for f in Checker([OmissionSuspected()], MATCHER).run(segments)]
    checker = Checker([OmissionSuspected()], MATCHER)
    chunks = [checker.check_chunk(segments[:3]), checker.check_chunk(segments[3:])]
    assert [(f.location.segment, f.message) for f in checker.reduce(chunks)] == one
    assert [segment for segment, _ in one] == ["s2", "s5", "s6"]
