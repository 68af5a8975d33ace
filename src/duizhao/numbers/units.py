"""Units translators convert between, with exact factors to one base unit per dimension.

Only units where a translator actually converts (100万千瓦 → 1 GW, 亩 → hectares) are listed;
currencies and counting words are kept as plain numbers because they are never converted.
Factors are exact (``Decimal`` or ``Fraction``): 1 亩 = 2000/3 m² exactly by definition.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction

from .model import Number

# dimension → base unit: W (power), Wh (energy), m2 (area), kg (mass), m (length)

#: Chinese unit → (dimension, factor to base, display name). Longest first matters for the regex.
ZH_UNITS: dict[str, tuple[str, Number, str]] = {
    "千瓦时": ("Wh", Decimal(1000), "kWh"),
    "千瓦小时": ("Wh", Decimal(1000), "kWh"),
    "兆瓦时": ("Wh", Decimal(10**6), "MWh"),
    "吉瓦时": ("Wh", Decimal(10**9), "GWh"),
    "千瓦": ("W", Decimal(1000), "kW"),
    "兆瓦": ("W", Decimal(10**6), "MW"),
    "吉瓦": ("W", Decimal(10**9), "GW"),
    "平方公里": ("m2", Decimal(10**6), "km²"),
    "平方千米": ("m2", Decimal(10**6), "km²"),
    "平方米": ("m2", Decimal(1), "m²"),
    "公顷": ("m2", Decimal(10**4), "ha"),
    "亩": ("m2", Fraction(2000, 3), "mu"),
    "吨": ("kg", Decimal(1000), "t"),
    "公斤": ("kg", Decimal(1), "kg"),
    "千克": ("kg", Decimal(1), "kg"),
    "公里": ("m", Decimal(1000), "km"),
    "千米": ("m", Decimal(1000), "km"),
    "厘米": ("m", Decimal("0.01"), "cm"),
    "毫米": ("m", Decimal("0.001"), "mm"),
    "米": ("m", Decimal(1), "m"),
    "英里": ("m", Decimal("1609.344"), "miles"),
    "英尺": ("m", Decimal("0.3048"), "ft"),
    "英寸": ("m", Decimal("0.0254"), "in"),
    "里": ("m", Decimal(500), "li"),
    "斤": ("kg", Decimal("0.5"), "jin"),
}

ZH_UNIT_RE = "|".join(sorted(map(re.escape, ZH_UNITS), key=len, reverse=True))

_M = r"(?:met(?:er|re)s?)"
# English unit spellings → (dimension, factor, display). Matched case-insensitively except
# the short symbols, which are listed in their only correct case and checked separately.
_EN_UNIT_TABLE: tuple[tuple[str, str, Number, str], ...] = (
    (r"kilowatt[- ]hours?|kwh", "Wh", Decimal(1000), "kWh"),
    (r"megawatt[- ]hours?|mwh", "Wh", Decimal(10**6), "MWh"),
    (r"gigawatt[- ]hours?|gwh", "Wh", Decimal(10**9), "GWh"),
    (r"terawatt[- ]hours?|twh", "Wh", Decimal(10**12), "TWh"),
    (r"kilowatts?|kw", "W", Decimal(1000), "kW"),
    (r"megawatts?|mw", "W", Decimal(10**6), "MW"),
    (r"gigawatts?|gw", "W", Decimal(10**9), "GW"),
    (r"square kilo" + _M + r"|sq\.? ?km|km2|km²", "m2", Decimal(10**6), "km²"),
    (r"square " + _M + r"|sq\.? ?m|m2|m²", "m2", Decimal(1), "m²"),
    (r"hectares?|ha", "m2", Decimal(10**4), "ha"),
    (r"mu", "m2", Fraction(2000, 3), "mu"),
    (r"acres?", "m2", Decimal("4046.8564224"), "acres"),
    (r"(?:metric )?tonnes?|(?:metric )?tons?", "kg", Decimal(1000), "t"),
    (r"kilograms?|kilogrammes?|kg", "kg", Decimal(1), "kg"),
    (r"kilo" + _M + r"|km", "m", Decimal(1000), "km"),
    (r"miles?", "m", Decimal("1609.344"), "miles"),
    (r"feet|foot|ft", "m", Decimal("0.3048"), "ft"),
    (r"inch(?:es)?", "m", Decimal("0.0254"), "in"),
    (r"centi" + _M + r"|cm", "m", Decimal("0.01"), "cm"),
    (r"milli" + _M + r"|mm", "m", Decimal("0.001"), "mm"),
    (_M + r"|m", "m", Decimal(1), "m"),
)

EN_UNIT_RE = "|".join(f"(?:{pattern})" for pattern, *_ in _EN_UNIT_TABLE)
_EN_UNIT_PARTS = [(re.compile(f"(?:{p})$", re.IGNORECASE), dim, factor, shown)
                  for p, dim, factor, shown in _EN_UNIT_TABLE]


def en_unit(text: str) -> tuple[str, Number, str] | None:
    """The (dimension, factor, display) of an English unit spelling the regex matched."""
    for pattern, dim, factor, shown in _EN_UNIT_PARTS:
        if pattern.match(text):
            return dim, factor, shown
    return None
