"""Baselines: stable fingerprints, only new findings count, stale entries reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duizhao.baseline import apply_baseline, fingerprint, load_baseline, stable_message, write_baseline
from duizhao.errors import FormatError
from duizhao.model import Finding, Location, Severity


def finding(rule="term-missing", file="corpus/a.yaml", line=3, segment="s1", message="高质量发展 needs X"):
    return Finding(rule, Severity.ERROR, message, Location(file, line, segment))


def test_fingerprint_ignores_the_line_but_not_rule_file_segment_or_message():
    base = fingerprint(finding())
    assert fingerprint(finding(line=40)) == base  # a segment inserted above moves lines only
    assert fingerprint(finding(file="./corpus/a.yaml")) == base
    for changed in (finding(rule="term-forbidden"), finding(file="corpus/b.yaml"), finding(segment="s2"),
                    finding(message="新质生产力 needs Y")):
        assert fingerprint(changed) != base


@pytest.mark.parametrize(
    ("message", "stable"),
    [
        ("duplicate id (first at line 12)", "duplicate id (first at line #)"),
        ("same as lines 3-5", "same as line #"),
        ("growth of  5.2%   is missing", "growth of 5.2% is missing"),
    ],
)
def test_stable_message(message, stable):
    assert stable_message(message) == stable


def test_round_trip_hides_known_findings_and_reports_stale_entries(tmp_path: Path):
    old = [finding(segment="s1"), finding(segment="s2"), finding(segment="s2")]
    path = tmp_path / "baseline.json"
    assert write_baseline(old, path) == 3
    entries = load_baseline(path)
    now = [finding(segment="s1", line=9), finding(segment="s2"), finding(segment="s3")]
    result = apply_baseline(now, entries, str(path))
    assert [f.segment for f in result.findings] == ["s3"]  # only the new one
    assert result.known == 2
    assert [e.segment for e in result.stale] == ["s2"]  # one of the two s2 entries is gone
    assert result.summary()["stale"] == 1


def test_baseline_file_is_sorted_and_human_readable(tmp_path: Path):
    path = tmp_path / "b.json"
    write_baseline([finding(segment="s9"), finding(segment="s1")], path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["tool"] == "duizhao" and [e["segment"] for e in data["entries"]] == ["s1", "s9"]
    assert "高质量发展" in path.read_text(encoding="utf-8")  # not \u-escaped


@pytest.mark.parametrize("text", ["not json", '{"tool": "other", "entries": []}',
                                  '{"tool": "duizhao", "format": 99, "entries": []}',
                                  '{"tool": "duizhao", "format": 1, "entries": [{"rule": "x"}]}'])
def test_a_file_that_is_not_a_baseline_is_refused_with_its_name(tmp_path: Path, text: str):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        load_baseline(path)
    assert "bad.json" in str(info.value)


def test_configured_and_absolute_paths_fingerprint_like_typed_ones(tmp_path, monkeypatch):
    from duizhao.baseline import normalise_path
    from duizhao.config import load_config

    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "duizhao.toml").write_text('corpus = ["corpus"]\nglossary = "glossary"\n', encoding="utf-8")
    config = load_config()
    assert [str(p) for p in config.corpus] == ["corpus"] and str(config.glossary) == "glossary"
    assert normalise_path(str(tmp_path / "corpus" / "a.yaml")) == normalise_path("./corpus/a.yaml") == "corpus/a.yaml"
