"""The cheap tests the extractors run before a regex give exactly the regex's answer.

Extraction avoids regex calls where one character decides the answer (a range separator,
a list number at the start of a line) and tries a smaller token regex where the text has a
digit. Each shortcut must agree with the plain regex everywhere, or figures would be read
differently; these tests compare the two on the case file and on generated text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.numbers import en, zh
from duizhao.numbers.model import Quantity

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "numbers.yaml").read_text(encoding="utf-8"))
TEXTS = sorted({text for case in CASES["pairs"] for text in (case["zh"], case["en"])})

_PIECES = ["3", "2021", "1,234", "2.5", "5G", "Ka-52", "24/7", "2021-06-11", "1.2.3", "4fold", "3 quarters",
           "至", "到", "~", "-", "—", "–", "－", " ", "  ", "\t", "\u3000", "to", "TO", "and", "And", "a", "t",
           "(", "（", "[", ")", "）", "]", ".", "、", ",", "x", "word", "年", "万", "近", "约", "%", "ſ", "K"]


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    return (a is None) == (b is None) and (a is None or (a.span(), a.groupdict()) == (b.span(), b.groupdict()))


def _digit_positions_agree(module: object, text: str) -> bool:
    full, digits = module._TOKEN, module._DIGIT_TOKEN  # type: ignore[attr-defined]
    return all(_same(digits.match(text, i), full.match(text, i)) for i, ch in enumerate(text) if "0" <= ch <= "9")


@pytest.mark.parametrize("module", [zh, en], ids=["zh", "en"])
def test_digit_token_regex_matches_like_the_full_one_on_case_texts(module: object) -> None:
    assert [t for t in TEXTS if not _digit_positions_agree(module, t)] == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_digit_token_regex_matches_like_the_full_one_on_generated_text(text: str) -> None:
    assert _digit_positions_agree(zh, text)
    assert _digit_positions_agree(en, text)


def _gaps_agree(text: str) -> bool:
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            if zh._range_sep(text, start, end) != (zh._RANGE_SEP.fullmatch(text, start, end) is not None):
                return False
            if en._range_sep(text, start, end) != (en._RANGE_SEP.fullmatch(text, start, end) is not None):
                return False
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_range_separator_shortcut_agrees_with_the_regex(text: str) -> None:
    assert _gaps_agree(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_list_start_shortcut_agrees_with_the_regex(text: str) -> None:
    for start in range(len(text) + 1):
        assert en._list_start(text, start) == (en._LIST_START.fullmatch(text, 0, start) is not None)


def test_range_separators_are_read_as_before() -> None:
    assert zh._range_sep("3至5", 1, 2) and zh._range_sep("3 - 5", 1, 4) and not zh._range_sep("3和5", 1, 2)
    assert en._range_sep("3 to 5", 1, 5) and en._range_sep("3–5", 1, 2) and not en._range_sep("3, 5", 1, 3)
    assert not zh._range_sep("35", 1, 1) and not en._range_sep("35", 1, 1)


def test_quantity_compares_and_hashes_by_value() -> None:
    # Quantity is not frozen (building one is on the hot path) but still behaves as a value.
    first, second = zh.extract_zh("增长5%")[0], zh.extract_zh("增长5%")[0]
    assert first == second and hash(first) == hash(second) and len({first, second}) == 1
    assert isinstance(first, Quantity)


def test_tail_is_tried_wherever_it_could_read_something() -> None:
    # zh skips _TAIL where the next character is not in _TAIL_FIRST; that is exact only if
    # _TAIL cannot start anything with such a character.
    follow = ["", "千瓦时", "百分点", "基点", "个月", "左右", "以上", "km", "%", "年", "多", "余万"]
    starts = [chr(c) for c in range(0x10000) if chr(c) not in zh._TAIL_FIRST and not chr(c).isspace()]
    assert [c for c in starts if any(zh._TAIL.match(c + rest).end() for rest in follow)] == []
    assert all(zh._TAIL.match(unit).end() == len(unit) for unit in zh.ZH_UNITS)  # the set holds every unit
