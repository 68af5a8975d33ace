"""Extraction, table-driven from tests/cases/numbers.yaml, plus the details messages rely on."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from duizhao.numbers import extract_en, extract_zh, format_number, parse_cn, parse_words

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "numbers.yaml").read_text(encoding="utf-8"))


def _shown(value: object) -> str:
    if isinstance(value, Fraction):
        return str(value) if value.denominator != 1 else str(value.numerator)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value.normalize())
    return str(value)


@pytest.mark.parametrize("case", CASES["extract_zh"], ids=[c["text"] for c in CASES["extract_zh"]])
def test_extract_zh(case: dict) -> None:
    found = extract_zh(case["text"])
    assert [_shown(q.value) for q in found] == case["values"]
    assert [q.kind for q in found] == case["kinds"]
    for q in found:
        assert isinstance(q.value, (Decimal, Fraction, str))  # never a float
        assert case["text"][q.span[0]:q.span[1]] == q.text


@pytest.mark.parametrize("case", CASES["extract_en"], ids=[c["text"] for c in CASES["extract_en"]])
def test_extract_en(case: dict) -> None:
    found = extract_en(case["text"])
    assert [_shown(q.value) for q in found] == case["values"]
    assert [q.kind for q in found] == case["kinds"]
    for q in found:
        assert isinstance(q.value, (Decimal, Fraction, str))
        assert case["text"][q.span[0]:q.span[1]] == q.text


@pytest.mark.parametrize("text", ["十四五", "十十", "百千", "五百三千"])
def test_malformed_chinese_numerals_are_rejected_not_guessed(text: str) -> None:
    assert parse_cn(text) is None


def test_digit_runs_read_digit_by_digit() -> None:
    assert parse_cn("二〇二四") == 2024


@pytest.mark.parametrize(("text", "value"), [("一万五", 15000), ("三千五", 3500), ("一百零五", 105), ("十", 10)])
def test_spoken_abbreviations(text: str, value: int) -> None:
    assert parse_cn(text) == value


def test_word_lists_are_not_one_number() -> None:
    assert parse_words("one two") is None
    assert parse_words("twenty-eight") == 28


def test_hedges_are_kept() -> None:
    (near,) = extract_zh("近30%")
    (over,) = extract_en("more than 30%")
    assert (near.hedge, over.hedge) == ("under", "over")


def test_units_convert_exactly() -> None:
    (mu,) = extract_zh("3亩")
    assert mu.value == 2000  # 3 × 2000/3 m², exactly
    assert mu.dim == "m2" and mu.unit == "mu"


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("2.7E+9"), "2,700,000,000"), (Fraction(1, 3), "1/3"), (Fraction(1, 2), "0.5"), (Decimal("0.50"), "0.5"),
])
def test_format_number(value: Decimal | Fraction, text: str) -> None:
    assert format_number(value) == text


def test_no_work_without_figures() -> None:
    assert extract_zh("乡村振兴，人才是关键。") == []
    assert extract_en("Talent is the key to rural revitalization.") == []
