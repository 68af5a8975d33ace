"""Sentence splitters: table-driven cases in tests/cases/split_*.yaml, plus line handling."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from duizhao.split import Sentence, en_spans, split_en, split_lines, split_zh, zh_spans

CASES = Path(__file__).parent / "cases"


def _cases(name: str) -> list:
    data = yaml.safe_load((CASES / name).read_text(encoding="utf-8"))
    return [pytest.param(c["text"], c["sentences"], id=c["name"]) for c in data]


@pytest.mark.parametrize(("text", "expected"), _cases("split_zh.yaml"))
def test_split_zh(text: str, expected: list[str]) -> None:
    assert split_zh(text) == expected


@pytest.mark.parametrize(("text", "expected"), _cases("split_en.yaml"))
def test_split_en(text: str, expected: list[str]) -> None:
    assert split_en(text) == expected


@pytest.mark.parametrize(("spans", "text"), [(zh_spans, "第一句。 第二句！"), (en_spans, "One. Two! Three?")])
def test_spans_index_the_original_text(spans, text: str) -> None:
    found = spans(text)
    assert len(found) > 1
    for (a, b), (c, _) in itertools.pairwise(found):
        assert a < b <= c  # ordered, non-overlapping
    assert "".join(text[a:b] for a, b in found) == text.replace(" ", "")


def test_a_line_break_always_ends_a_sentence() -> None:
    assert split_en("Mr.\nSmith") == ["Mr.", "Smith"]
    assert split_zh("第一行\n第二行") == ["第一行", "第二行"]


def test_split_lines_keeps_line_numbers_and_skips_blank_lines() -> None:
    lines = [(1, "第一句。第二句。"), (2, "   "), (3, "第三句")]
    assert list(split_lines(lines, "zh")) == [Sentence("第一句。", 1), Sentence("第二句。", 1), Sentence("第三句", 3)]
    assert list(split_lines(lines, "zh", split=False)) == [Sentence("第一句。第二句。", 1), Sentence("第三句", 3)]


def _paragraph_cases() -> list:
    data = yaml.safe_load((CASES / "split_paragraphs.yaml").read_text(encoding="utf-8"))
    return [pytest.param(c["lines"], [tuple(x) for x in c["sentences"]], id=c["name"]) for c in data]


@pytest.mark.parametrize(("lines", "expected"), _paragraph_cases())
def test_zh_lines_broken_mid_sentence_are_joined(lines: list[str], expected: list[tuple[int, str]]) -> None:
    found = list(split_lines(enumerate(lines, start=1), "zh"))
    assert [(s.line, s.text) for s in found] == expected


def test_english_and_no_split_never_join_lines() -> None:
    lines = [(1, "We advanced integrated development,"), (2, ""), (3, "and opened the road.")]
    assert [s.line for s in split_lines(lines, "en")] == [1, 3]
    zh = [(1, "储能项目投入商运、"), (2, ""), (3, "填补了全省空白。")]
    assert [s.text for s in split_lines(zh, "zh", split=False)] == ["储能项目投入商运、", "填补了全省空白。"]


_TEXT = st.text(alphabet=st.sampled_from(list("乡村振兴。！？；…”）》ab C.!?\"' 1.5e.g U.S No\n")), max_size=80)


@given(_TEXT)
def test_splitting_loses_nothing_but_whitespace(text: str) -> None:
    for split in (split_zh, split_en):
        sentences = split(text)
        assert all(s and s == s.strip() for s in sentences)
        assert "".join("".join(sentences).split()) == "".join(text.split())
