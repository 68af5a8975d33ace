"""term-unknown and `duizhao glossary suggest`: slogans the glossary does not know yet."""

from __future__ import annotations

import pytest
import yaml
from typer.testing import CliRunner

from duizhao.checks import PairContext
from duizhao.checks.terms import TermUnknown
from duizhao.cli import app
from duizhao.glossary.load import load_glossary
from duizhao.model import Severity
from tests.glossary.conftest import FIXTURES, cases
from tests.helpers import seg, write_corpus


@pytest.mark.parametrize("case", cases("unknown"))
def test_unknown_cases(case, matcher):
    findings = list(TermUnknown().check(PairContext(seg(case["zh"], case["en"]), matcher)))
    assert [f"{f.data['term']}: {f.data['english']}".rstrip() for f in findings] == case["found"]
    assert all(f.severity is Severity.INFO and f.spans[0].side == "zh" for f in findings)


def test_message_names_the_english(matcher):
    (finding,) = TermUnknown().check(PairContext(seg("开拓“四大赛道”", 'the "four major tracks"'), matcher))
    assert finding.message == "“四大赛道” is not in the glossary (English: 'four major tracks')"


def test_suggest_ranks_by_frequency_with_renderings_and_places(tmp_path):
    corpus = write_corpus(tmp_path / "doc.yaml", [
        ("开拓“四大赛道”", 'open up the "four major tracks"'),
        ("推进“四大赛道”建设", 'build the "four key tracks"'),
        ("聚焦“四大赛道”", 'focus on the "four major tracks"'),
        ("构建“6+2”布局", 'build the "6+2" layout'),
        ("共建“一带一路”", "the Belt and Road"),
    ])
    out = tmp_path / "suggested.yaml"
    result = CliRunner().invoke(app, ["glossary", "suggest", str(corpus), "-g", str(FIXTURES / "policy.yaml"),
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    terms = yaml.safe_load(out.read_text(encoding="utf-8"))["terms"]
    assert [t["zh"] for t in terms] == ["四大赛道", "6+2"]
    first = terms[0]
    assert first["en"] == "four major tracks" and first["variants"] == ["four key tracks"]
    assert first["status"] == "proposed" and "seen 3 times" in first["note"] and "doc.yaml:" in first["note"]
    # ready to review: the file loads as a glossary of proposed entries
    assert [t.status for t in load_glossary(out).terms] == ["proposed", "proposed"]


def test_suggest_min_count_and_stdout(tmp_path):
    corpus = write_corpus(tmp_path / "doc.yaml", [("开拓“四大赛道”", 'the "four major tracks"'),
                                                   ("构建“6+2”布局", 'the "6+2" layout'),
                                                   ("构建“6+2”布局", 'the "6+2" layout')])
    result = CliRunner().invoke(app, ["glossary", "suggest", str(corpus), "-g", str(FIXTURES / "policy.yaml"),
                                      "--min-count", "2"])
    assert result.exit_code == 0
    assert [t["zh"] for t in yaml.safe_load(result.stdout)["terms"]] == ["6+2"]
