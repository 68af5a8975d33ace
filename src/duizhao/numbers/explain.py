"""How the figures of a pair were matched, in a reviewer's words: what ``check --explain-figures`` prints.

A correct unit conversion is a match and so never a finding; this is where a reviewer sees it
was recognised, with the factor used (1.39万亿斤 ↔ "695 million metric tons": 1,390,000,000,000
jin × 1/2000 t/jin = 695,000,000 t), beside the figures matched as written and the issues left.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .compare import compare
from .en import extract_en
from .model import Quantity, format_number
from .zh import extract_zh


def explain_pair(zh: str, en: str) -> list[str]:
    """One line per matched figure (converted, rounded or as written), then one per issue; [] without figures."""
    zq, eq = extract_zh(zh), extract_en(en)
    if not zq and not eq:
        return []
    matched: list[tuple[Quantity, Quantity]] = []
    issues = compare(zq, eq, en, zh, matched=matched)
    lines = [_matched(z, e) for z, e in sorted(matched, key=lambda pair: pair[0].span)]
    lines += [f"{issue.code}: {issue.message}" for issue in issues]
    return lines


def _matched(z: Quantity, e: Quantity) -> str:
    head = f"zh {z.text} ↔ en \"{e.text}\""
    if z.dim and e.dim and z.dim == e.dim and z.unit != e.unit and z.shown and e.shown:
        # e's units per z's unit: 1 jin = 1/2000 t, 1 mu = 1/15 ha
        factor = (Fraction(z.value) / Fraction(z.shown)) / (Fraction(e.value) / Fraction(e.shown))
        value = Fraction(z.shown) * factor
        converted = _decimal(value)
        shown = f"{'=' if converted == value else '≈'} {format_number(converted)} {e.unit}"
        same = converted == value and converted == e.shown
        return (f"{head}: converted, {format_number(z.shown)} {z.unit} × {_factor(factor)} {e.unit}/{z.unit}"
                f" {shown}" + ("" if same else f", written {format_number(e.shown)} {e.unit}"))
    if z.readings[0][1] != e.readings[0][1] and not set(z.readings) & set(e.readings):
        return f"{head}: {z.describe()} ≈ {e.describe()}"
    return f"{head}: {e.describe()}"


def _decimal(value: Fraction) -> Decimal:
    """``value`` exactly where a decimal ends, else to six significant digits (whole units at least)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    if exact * value.denominator == value.numerator and len(exact.normalize().as_tuple().digits) < 20:
        return exact
    places = max(6 - len(str(abs(int(exact)))), 0) if int(exact) else 6
    return round(exact, places)


def _factor(factor: Fraction) -> str:
    """A conversion factor as written in a reference table: 0.0005, 0.000001, or 1/15 where no decimal ends."""
    rest = factor.denominator
    for prime in (2, 5):
        while rest % prime == 0:
            rest //= prime
    return format_number(factor) if rest == 1 else f"{factor.numerator}/{factor.denominator}"
