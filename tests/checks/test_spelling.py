"""spelling and spelling-variant-mixed: the cases of tests/cases/spelling.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from duizhao.checks import PairContext
from duizhao.checks.english import american, known
from duizhao.checks.spelling import Spelling, SpellingVariantMixed
from duizhao.engine import Checker
from duizhao.glossary import TermMatcher, load_glossary
from duizhao.model import DocumentInfo
from tests.glossary.conftest import FIXTURES
from tests.helpers import seg

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "spelling.yaml").read_text(encoding="utf-8"))
MATCHER = TermMatcher(load_glossary(FIXTURES / "policy.yaml"))


@pytest.mark.parametrize("case", CASES["spelling"], ids=lambda c: c["name"])
def test_spelling_cases(case):
    pair = seg(case["zh"], case["en"])
    findings = list(Spelling().check(PairContext(pair, MATCHER)))
    assert [f.data["word"] for f in findings] == case["words"]
    for finding in findings:
        (span,) = finding.spans
        assert pair.en[span.start:span.end] == finding.data["word"]


def test_a_suggestion_is_offered():
    (finding,) = Spelling().check(PairContext(seg("推进改革", "advance the refrom"), None))
    assert finding.data["suggestion"] == "reform" and "did you mean 'reform'?" in finding.message


@pytest.mark.parametrize("case", CASES["spelling-variant-mixed"], ids=lambda c: c["name"])
def test_variant_cases(case):
    doc = DocumentInfo(id="d", file="d.yaml")
    segments = [seg(zh, en, f"s{i}", i, doc) for i, (zh, en) in enumerate(case["pairs"], start=1)]
    findings = list(Checker([SpellingVariantMixed()]).run(segments))
    assert sorted(f.data["pattern"] for f in findings) == sorted(case["patterns"])
    if "anchor" in case:
        assert findings[0].location.segment == case["anchor"]
        assert {loc.segment for loc in findings[0].related} == {"s2", "s3"}


def test_variant_chunks_reduce_to_one_run():
    doc = DocumentInfo(id="d", file="d.yaml")
    pairs = CASES["spelling-variant-mixed"][3]["pairs"]
    segments = [seg(zh, en, f"s{i}", i, doc) for i, (zh, en) in enumerate(pairs, start=1)]
    checker = Checker([SpellingVariantMixed()])
    chunks = [checker.check_chunk(segments[:1]), checker.check_chunk(segments[1:])]
    reduced = [f.message for f in checker.reduce(chunks)]
    assert sorted(reduced) == sorted(f.message for f in Checker([SpellingVariantMixed()]).run(segments))


@pytest.mark.parametrize(
    ("word", "us"),
    [("organisation", "organization"), ("colour", "color"), ("centre", "center"), ("defence", "defense"),
     ("travelled", "traveled"), ("programme", "program"), ("surprise", None), ("hour", None), ("filled", None)],
)
def test_american_forms(word, us):
    found = american(word)
    assert (found[0] if found else None) == us
    assert known(word)


def test_suggestions_do_not_depend_on_the_hash_seed() -> None:
    import subprocess
    import sys

    code = "from duizhao.checks.spelling import _suggestion; print(_suggestion('kwh'), _suggestion('teh'))"
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**__import__("os").environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1, outputs
