"""Round trips: any value written Chinese-style or English-style parses back to the same value.

The renderers here are independent oracles written for the test (standard zh/en number
grammar), not the parser run backwards.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from duizhao.numbers import compare_pair, extract_en, extract_zh
from duizhao.numbers.model import ADDED_ORDINAL, APPROX, LIST_DROPPED, MISMATCH

_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def cn_section(n: int) -> str:
    """0 < n < 10,000 in characters, with 零 for inner gaps (一千零五, 三百零二)."""
    out, zero = [], False
    for power in (3, 2, 1, 0):
        digit = n // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_CN_DIGITS[digit] + _CN_UNITS[power])
    return "".join(out)


def to_chinese(n: int) -> str:
    """1 ≤ n < 10^16 in Chinese numerals: 一亿三千万, 一万零五百, 一万零一亿, 十五."""

    def render(n: int) -> str:
        if n < 10**4:
            return cn_section(n)
        unit, size = ("亿", 10**8) if n >= 10**8 else ("万", 10**4)
        high, low = divmod(n, size)
        text = render(high) + unit
        if low:
            text += ("零" if low < size // 10 else "") + render(low)
        return text

    text = render(n)
    return text[1:] if text.startswith("一十") else text


def en_under_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = []
    if hundreds:
        parts.append(f"{_ONES[hundreds]} hundred")
    if rest:
        words = _ONES[rest] if rest < 20 else _TENS[rest // 10] + (f"-{_ONES[rest % 10]}" if rest % 10 else "")
        parts.append(("and " if hundreds else "") + words)
    return " ".join(parts)


def to_words(n: int) -> str:
    """1 ≤ n < 10^15 in English words: "one hundred and five", "fifteen thousand"."""
    out = []
    for scale, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        chunk = n // scale % 1000
        if chunk:
            out.append(en_under_thousand(chunk) + (f" {name}" if name else ""))
    return " ".join(out)


def only_value(found: list) -> Decimal:
    assert len(found) == 1, [(q.text, q.value) for q in found]
    return found[0].value


integers = st.integers(min_value=11, max_value=10**15 - 1)


@given(integers)
def test_chinese_numerals_round_trip(n: int) -> None:
    assert only_value(extract_zh(to_chinese(n) + "元")) == n


@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=0, max_value=2),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]))
def test_chinese_digits_with_magnitude_round_trip(mantissa: int, decimals: int, unit: tuple[str, int]) -> None:
    value = Decimal(mantissa).scaleb(-decimals)
    assert only_value(extract_zh(f"{value}{unit[0]}元")) == value * unit[1]


@given(integers)
def test_english_digits_with_separators_round_trip(n: int) -> None:
    assert only_value(extract_en(f"{n:,} yuan")) == n


@given(integers)
def test_english_words_round_trip(n: int) -> None:
    assert only_value(extract_en(to_words(n) + " yuan")) == n


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=0, max_value=3),
       st.sampled_from([("thousand", 10**3), ("million", 10**6), ("billion", 10**9), ("trillion", 10**12)]))
def test_english_scale_words_round_trip(mantissa: int, decimals: int, scale: tuple[str, int]) -> None:
    value = Decimal(mantissa).scaleb(-decimals)
    assert only_value(extract_en(f"{value} {scale[0]} yuan")) == value * scale[1]


@given(integers)
def test_chinese_and_english_renderings_of_one_value_match(n: int) -> None:
    assert compare_pair(to_chinese(n) + "元", to_words(n) + " yuan") == []
    assert compare_pair(to_chinese(n) + "元", f"{n:,} yuan") == []


@given(st.integers(min_value=1, max_value=99999), st.sampled_from([("万", 10**4), ("亿", 10**8)]),
       st.sampled_from([10, 100, 1000]))
def test_magnitude_slips_are_always_caught(mantissa: int, unit: tuple[str, int], slip: int) -> None:
    value = mantissa * unit[1]
    issues = compare_pair(f"{mantissa}{unit[0]}元", f"{value * slip:,} yuan")
    assert [i.code for i in issues] == [MISMATCH]
    assert "magnitude off by" in issues[0].message


_PIECES = [*"0123456789,.，．%％-—~至到万亿千百十一二两三四五六七八九〇零半第倍番成余多近约超年月日号时分点个亩吨米瓦",
           *"abcdefgkmtKMGTB$:/ ", " million", " billion", " thousand", " hundred", " third", " quarter", " half",
           " of", " twenty-", " times", " percent", " May", "nearly ", "more than "]
_NOISE = st.lists(st.sampled_from(_PIECES), max_size=20).map("".join)


@given(_NOISE, _NOISE)
def test_any_text_gives_quantities_whose_spans_hold_their_text(zh: str, en: str) -> None:
    for q in extract_zh(zh):
        assert zh[q.span[0]:q.span[1]] == q.text
    for q in extract_en(en):
        assert en[q.span[0]:q.span[1]] == q.text
    for issue in compare_pair(zh, en):
        assert issue.code in (MISMATCH, APPROX, LIST_DROPPED, ADDED_ORDINAL) and issue.message
