"""Number forms both languages write the same way: ranges, numeric dates, Roman numerals.

Both extractors use these, so 3至5万 and "3 to 5 million", 2021.6.11 and 2021-06-11, Ⅱ级 and
"Level II" are read by one piece of code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache

from .model import CARDINAL, CLASS_OF, DAY, IDENTIFIER, MONTH, ORDINAL, YEAR, Hedge, Number, Quantity, mul

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
         "XII": 12, "XIII": 13}


def alternation(forms: Sequence[tuple[bool, str]], *, digits_only: bool = False, only: Sequence[str] = (),
                flags: int = 0) -> re.Pattern[str]:
    """One regex trying ``forms`` (``(starts with a digit?, pattern)``) in order.

    With ``digits_only``, the forms that can never start with an ASCII digit are left out, so a
    scan that has found a digit does not try them one by one (most figures are digits), and a
    branch that never matches declares their groups: its matches read exactly like the full
    regex's at any digit, group for group, because the forms left out could not have matched there.
    ``only`` does the same for another kind of start: the forms whose first group is named there
    are kept (the caller knows which forms can start with the character it found).
    """
    def keep(digit: bool, pattern: str) -> bool:
        if only:
            return re.match(r"\(\?P<(\w+)>", pattern)[1] in only  # type: ignore[index]
        return digit or not digits_only
    kept = [pattern for digit, pattern in forms if keep(digit, pattern)]
    if digits_only or only:
        dropped = "".join(pattern for digit, pattern in forms if not keep(digit, pattern))
        kept.append("(?!)" + "".join(f"(?P<{name}>)" for name in re.findall(r"\(\?P<(\w+)>", dropped)))
    return re.compile("(?:" + "|".join(kept) + ")", flags)


def figure(value: Number | str, kind: str, span: tuple[int, int], text: str, cls: str = "n", *,
           hedge: Hedge = "", weak: bool = False, scaled: bool = False,
           interval: tuple[Number, Number] | None = None,
           readings: tuple[tuple[str, Number | str], ...] | None = None, listed: bool = False) -> Quantity:
    """A quantity with no unit, read under one comparison class unless ``readings`` says more.

    The fixed forms of both extractors (a month, a name, 首届, 上半年, "the past decade") are
    built here: by name at every call, by position (which costs a third as much) only here.
    """
    return Quantity(value, kind, span, text, "", "", None, hedge, None, interval,  # type: ignore[arg-type]
                    readings if readings is not None else ((cls, value),), weak, scaled, False, listed)


def share_range(first: Quantity, second: Quantity) -> tuple[Quantity, Quantity]:
    """Both ends of a range get the kind, scale and unit written once after the second (3至5万, 3-5%).

    Shared by both extractors: "3 to 5 million" and 3至5万 are written the same way.
    """
    bare = first.kind == CARDINAL and not first.unit and not first.dim and first.cls == "n"
    if (not bare and first.kind != second.kind) or second.kind == IDENTIFIER \
            or ((first.unit or first.dim) and (first.unit, first.dim) != (second.unit, second.dim)):
        return first, second
    if second.kind == MONTH and bare and first.value == 1:
        # 1—11月 is also "the first 11 months": the start needs no counterpart, the end may be a count
        return (replace(first, kind=MONTH, weak=True, readings=(("month", first.value),)),
                replace(second, readings=(*second.readings, ("n", second.value))))
    kind, value, precision = second.kind if bare else first.kind, first.value, first.precision or Decimal(1)
    scaled = first.scaled
    mag = _scale_of(second) if second.scaled and not first.scaled else 1
    if not bare and mag == 1:
        return first, second  # 6倍至7倍: the first end says everything itself
    if mag > 1 and value * mag <= (second.shown if second.shown is not None else second.value):
        value, precision, scaled = value * mag, precision * mag, True
    if second.dim and not first.dim:
        factor = Fraction(second.value) / Fraction(second.shown) if second.shown else Decimal(1)
        cls = CLASS_OF[kind]
        base = mul(value, factor)
        return replace(first, kind=kind, dim=second.dim, unit=second.unit, shown=value, value=base,
                       precision=mul(precision, factor), scaled=scaled, readings=((cls, base),)), second
    if kind == MONTH and not (1 <= value <= 12):
        return first, second
    classes = dict.fromkeys([CLASS_OF[kind], *(c for c, _ in second.readings)])
    return replace(first, kind=kind, unit=first.unit or second.unit, value=value, precision=precision, scaled=scaled,
                   weak=first.weak and (kind in (CARDINAL, ORDINAL) or value == 0),
                   readings=tuple((c, value) for c in classes)), second


@lru_cache(maxsize=4096)
def read_arabic(numeral: str) -> tuple[Decimal, Decimal]:
    """Value and place of the last digit of an Arabic numeral with separators ("38,500" → 38500, 1;
    "3.14" → 3.14, 0.01).

    Cached: years, small counts and percentages recur in every text, and the result is immutable.
    """
    clean = numeral.replace(",", "").replace("，", "")
    value = Decimal(clean)
    return value, Decimal(1).scaleb(value.as_tuple().exponent)


_SCALE_WORDS = (("万亿", 10**12), ("亿", 10**8), ("億", 10**8), ("万", 10**4), ("萬", 10**4), ("千", 1000),
                ("trillion", 10**12), ("billion", 10**9), ("million", 10**6), ("thousand", 1000))


def _scale_of(q: Quantity) -> int:
    """The magnitude word a scaled number carries (5万 → 10,000; 5 million → 1,000,000)."""
    text = q.text.lower()
    for word, mag in _SCALE_WORDS:
        if word in text:
            return mag
    return 1


def ymd_date(raw: str, start: int, text: str) -> list[Quantity]:
    """2021.6.11 / 2020-07-26: a year, a month and a day, each with its own span."""
    out = []
    pos = start
    for kind, part in zip((YEAR, MONTH, DAY), re.split(r"[./-]", raw), strict=True):
        value = Decimal(int(part))
        cls = "month" if kind == MONTH else "n"
        out.append(Quantity(value, kind, (pos, pos + len(part)), text[pos:pos + len(part)], readings=((cls, value),)))
        pos += len(part) + 1
    return out
