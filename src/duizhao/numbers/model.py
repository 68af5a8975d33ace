"""The one normalised record both extractors produce: a ``Quantity``.

A quantity keeps what a translator would check by eye: the value (exact: ``Decimal`` or
``Fraction``, never ``float``, so 1.4万 and 14,000 compare equal and 1/3 stays 1/3), its kind
(cardinal, percent, percentage points, ordinal, year, month...), the physical unit it was
converted to, where it sits in the text, and how the text hedges it (近/over/about).

``readings`` is what comparison uses: one or more ``(class, value)`` pairs under which the
quantity may be matched. Most quantities have one reading; ambiguous ones carry several
(增长两倍 is ×2 or ×3; "three times" is a multiplier or a count; 下午3点 is 3 or 15).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

Number = Decimal | Fraction

# Kinds, as plain strings so they read well in messages and case files.
CARDINAL = "cardinal"
PERCENT = "percent"
POINTS = "points"  # percentage points: never equal to percent
ORDINAL = "ordinal"
YEAR = "year"
MONTH = "month"
DAY = "day"
TIME = "time"  # hour of day: 3 p.m. may be written 15时
FRACTION = "fraction"
MULTIPLIER = "multiplier"
IDENTIFIER = "identifier"  # 5G, PM2.5, COVID-19: compared as strings, never converted
HALF_YEAR = "half-year"  # 上半年 = the first half, H1: compared only with halves
QUARTER = "quarter"  # 一季度 = the first quarter, Q1: compared only with quarters

Hedge = Literal["", "about", "over", "under"]

# Comparison classes: which kinds can stand for each other. A year, a day of the month and
# an ordinal are all written as plain numbers on the other side often enough that they
# compare as numbers; percent, points, multipliers and months never mix with them.
CLASS_OF = {
    CARDINAL: "n", ORDINAL: "n", YEAR: "n", DAY: "n", TIME: "n", FRACTION: "n",
    PERCENT: "pct", POINTS: "pp", MULTIPLIER: "mul", MONTH: "month", IDENTIFIER: "id",
    HALF_YEAR: "half", QUARTER: "quarter",
}


# Not frozen=True: a frozen dataclass sets each of its 14 fields through object.__setattr__,
# which made building a Quantity (several per sentence, on every pair) cost three to five times
# as much as a plain slotted one.
# Nothing mutates a Quantity (changes go through dataclasses.replace); unsafe_hash keeps it
# hashable and eq comparable as before.
@dataclass(slots=True, unsafe_hash=True)
class Quantity:
    """One figure found in one side of a pair (treated as immutable: use ``dataclasses.replace``).

    ``value`` is in base units when ``dim`` is set (W, Wh, m2, kg, m) and as written
    (with 万/亿/million applied) otherwise; ``shown`` is the value in the unit the text used
    (``unit``), for messages. ``precision`` is the place value of the last digit written,
    in the same units as ``value``: it is what lets "nearly 60 billion" round 599.5亿.
    ``interval`` bounds vague amounts (数十, 50余万, dozens of). ``weak`` quantities (small
    numbers spelled in words: 一个, two, first) are matched when they can be but never
    reported on their own, because translators drop and add them freely (一个 → "a").
    """

    value: Number
    kind: str
    span: tuple[int, int]
    text: str
    unit: str = ""
    dim: str = ""
    shown: Number | None = None
    hedge: Hedge = ""
    precision: Number | None = None
    interval: tuple[Number, Number] | None = None
    readings: tuple[tuple[str, Number | str], ...] = ()
    weak: bool = False
    scaled: bool = False  # the text used a scale word (万, 亿, million): it may round
    ambiguous: bool = False  # e.g. 增长两倍: any matching reading is a warning, not a match
    listed: bool = False  # it numbers a list item or a section (1、, 3.1, 04 说明书): a lost one is a warning

    @property
    def cls(self) -> str:
        return CLASS_OF[self.kind]

    def describe(self) -> str:
        """The value as a translator reads it: ``2,700,000,000 kWh``, ``30%``, ``×2``."""
        shown = self.value if self.shown is None else self.shown
        text = format_number(shown)
        if self.kind == PERCENT:
            return text + "%"
        if self.kind == POINTS:
            return text + " percentage points"
        if self.kind == MULTIPLIER:
            return "×" + text
        if self.kind == IDENTIFIER:
            return str(self.value)
        if self.kind in (HALF_YEAR, QUARTER):
            return ("H" if self.kind == HALF_YEAR else "Q") + text
        if self.kind == MONTH:
            return _MONTHS[int(shown) - 1] if isinstance(shown, Decimal) and 1 <= shown <= 12 else text
        return f"{text} {self.unit}" if self.unit else text


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def mul(a: Number, b: Number | int) -> Number:
    """Exact product of Decimals and Fractions (Python will not multiply the two directly)."""
    if isinstance(a, Fraction) or isinstance(b, Fraction):
        result = Fraction(a) * Fraction(b)
        return Decimal(result.numerator) if result.denominator == 1 else result
    return a * b


def format_number(value: Number | str) -> str:
    """``Decimal('2.7E+9')`` → ``2,700,000,000``; ``Fraction(1, 3)`` → ``1/3``."""
    if isinstance(value, str):
        return value
    if isinstance(value, Fraction):
        if value.denominator == 1:
            value = Decimal(value.numerator)
        else:
            dec = Decimal(value.numerator) / Decimal(value.denominator)
            if dec * value.denominator == value.numerator:
                value = dec
            else:
                return f"{value.numerator}/{value.denominator}"
    value = value.normalize()
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,f}"


#: The rule ids a figure issue can carry: each figure rule reports the issues whose ``code`` is its id.
MISMATCH = "number-mismatch"  # a figure changed, off by a magnitude, or present on one side only
APPROX = "number-approx"  # rounding, a hedge dropped, added or reversed, an ambiguous multiplier
ADDED_ORDINAL = "number-added-ordinal"  # the English numbers an event the Chinese names without an ordinal
LIST_DROPPED = "number-list-dropped"  # a list or section number in digits (1、, 3.1) is not in the English


@dataclass(frozen=True, slots=True)
class NumberIssue:
    """One problem with the figures of a pair, phrased for a translator.

    ``code`` is the id of the rule that reports it (``MISMATCH``, ``APPROX``, ...): a new figure
    rule gets its own code without touching the others. Severity is the rule's, not the issue's.
    """

    code: str
    message: str
    zh_span: tuple[int, int] | None
    en_span: tuple[int, int] | None
