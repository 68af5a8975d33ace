"""Match the quantities of the two sides and say, in a translator's words, what did not survive.

Matching is a multiset match in three passes, cheapest and surest first:

1. exact: same comparison class (number, percent, points, multiplier, month, identifier)
   and the same value, after unit conversion (100万千瓦 = 1 GW);
2. approximate: where the text itself rounds (a hedge, a scale word, fewer decimals, a
   converted unit) and the difference is within half the last written digit; or a vague
   amount (数十万, dozens of) that contains the other value;
3. explanation of what is left: magnitude slips (×10ⁿ), percentage points given as percent,
   changed values, and figures present on one side only.

Weak quantities (small numbers spelled in words: 一个, "one of", "first") take part in
matching but are never reported when left over; translators drop and add them freely, unless
both sides state one and they disagree (两家企业 → "three companies", 首届 → "the second").

A matched pair is still checked for its hedge (about / over / under): a changed or reversed
hedge is a mismatch, a dropped or added one a warning. What the English adds is judged by what
it is: an ordinal naming an event ("the 16th BRICS Summit") or a year for 今年 is fine, a year
that contradicts the Chinese sentence's own year is not, and a bracketed conversion ("(about
17.95 trillion U.S. dollars)") repeats the figure before it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from .en import event_named_after, extract_en, has_digit
from .model import (
    ADDED_ORDINAL,
    APPROX,
    CARDINAL,
    DAY,
    FRACTION,
    IDENTIFIER,
    LIST_DROPPED,
    MISMATCH,
    MONTH,
    MULTIPLIER,
    ORDINAL,
    PERCENT,
    POINTS,
    TIME,
    YEAR,
    Number,
    NumberIssue,
    Quantity,
    format_number,
)
from .zh import has_figures, scan_zh

_HEDGE_WORDS = {"over": "more than", "under": "less than / nearly", "about": "about"}


def compare_pair(
    zh: str,
    en: str,
    *,
    zh_protected: Sequence[tuple[int, int]] = (),
    en_protected: Sequence[tuple[int, int]] = (),
) -> list[NumberIssue]:
    """Every figure problem in one zh/en pair; quantities inside protected spans are ignored.

    Protected spans are the glossary terms' ranges (十四五, 两个维护 and their renderings):
    the glossary check owns those numbers.
    """
    # (each pre-check scans a whole side, so each runs at most once)
    zq = scan_zh(zh) if has_figures(zh) else []
    if not zq and not has_digit(en):
        # no figure in the Chinese and no digit in the English (the cheap exit when neither side has
        # one): only spelled-out numbers could be added, which is not worth a scan
        return []
    eq = extract_en(en)
    if zh_protected:
        zq = [q for q in zq if not _inside(q.span, zh_protected)]
    if en_protected:
        eq = [q for q in eq if not _inside(q.span, en_protected)]
    if not zq and not eq:
        return []
    return compare(zq, eq, en, zh)


def _inside(span: tuple[int, int], protected: Sequence[tuple[int, int]]) -> bool:
    start, end = span
    return any(start < p_end and p_start < end for p_start, p_end in protected)


def compare(zq: Sequence[Quantity], eq: Sequence[Quantity], en_text: str = "", zh_text: str = "", *,
            matched: list[tuple[Quantity, Quantity]] | None = None) -> list[NumberIssue]:
    """Issues between two lists of quantities (see the module docstring for the passes).

    ``matched`` (when given) receives every pair of figures the passes matched, in the order they
    were matched: what ``explain.explain_pair`` shows a reviewer.
    """
    issues: list[NumberIssue] = []
    z_used = [False] * len(zq)
    e_used = [False] * len(eq)
    # Pass 1: exact. Unambiguous, strong quantities choose first so that an ambiguous or weak
    # one cannot take the counterpart a plain figure needs. A counterpart of the same kind comes
    # first (a strong one before a weak one): 第二 takes "second" before "two", and a figure with
    # none of its kind on the other side chooses last (第二次维修 … 两周 → "the second repair …
    # two weeks": 两周 takes "two", and 第二 is left to be explained if "second" was changed).
    order = sorted(range(len(zq)), key=[(q.ambiguous, q.weak, len(q.readings)) for q in zq].__getitem__) \
        if len(zq) > 1 else range(len(zq))
    deferred = []
    for i in order:
        z = zq[i]
        # A plain figure (one reading, no unit: most of them) matches when the other side has
        # its reading: tested here directly, saving a call per pair of figures.
        plain = not z.dim and len(z.readings) == 1
        reading = z.readings[0] if plain else None
        kind = z.kind
        best = -1
        for j, e in enumerate(eq):
            if e.kind == kind and not e_used[j] and (
                    (reading in e.readings) if plain and not e.dim else _exact(z, e)):
                best = j
                if not e.weak:
                    break
        if best < 0:
            deferred.append(i)
            continue
        z_used[i] = e_used[best] = True
        e = eq[best]
        if matched is not None:
            matched.append((z, e))
        if z.ambiguous or z.hedge or e.hedge:  # the only cases _notes has anything to say
            _notes(z, e, issues, zh_text=zh_text, en_text=en_text)
    for i in deferred:
        z = zq[i]
        plain = not z.dim and len(z.readings) == 1
        reading = z.readings[0] if plain else None
        for j, e in enumerate(eq):
            if not e_used[j] and ((reading in e.readings) if plain and not e.dim else _exact(z, e)):
                z_used[i] = e_used[j] = True
                if matched is not None:
                    matched.append((z, e))
                if z.ambiguous or z.hedge or e.hedge:
                    _notes(z, e, issues, zh_text=zh_text, en_text=en_text)
                break
    if all(z_used) and all(e_used):
        return issues  # every figure matched exactly (most pairs): nothing is left to explain
    # Pass 2: approximate matches (rounding, converted units, vague amounts)
    for i, z in enumerate(zq):
        if z_used[i]:
            continue
        for j, e in enumerate(eq):
            if e_used[j]:
                continue
            verdict = _approx(z, e)
            if verdict is None:
                continue
            z_used[i] = e_used[j] = True
            if matched is not None:
                matched.append((z, e))
            if verdict:
                issues.append(NumberIssue(APPROX, verdict, z.span, e.span))  # (a rounding hedges: "nearly 60 billion")
            else:
                # a converted unit rounds, and says so: "about 400 hectares" for 6000亩 adds nothing
                _notes(z, e, issues, converted=bool(z.dim and e.dim and z.unit != e.unit), zh_text=zh_text,
                       en_text=en_text)
            break
    # A figure repeated on one side may be said once on the other ("100%、100%、100%" → "all 100%"):
    # a leftover equal to a figure already matched is accounted for.
    z_seen = {r for q, used in zip(zq, z_used, strict=True) if used for r in q.readings}
    e_seen = {r for q, used in zip(eq, e_used, strict=True) if used for r in q.readings}
    # Pass 3: explain what is left over
    z_left = [q for q, used in zip(zq, z_used, strict=True)
              if not used and not q.weak and not any(r in e_seen for r in q.readings)]
    if any(q.kind == IDENTIFIER for q in z_left):  # only a name needs the digits English matched
        e_digits = {_digits(q) for q, used in zip(eq, e_used, strict=True) if used}
        z_left = [q for q in z_left if not (q.kind == IDENTIFIER and _digits(q) in e_digits)]
    e_left = [q for q, used in zip(eq, e_used, strict=True)
              if not used and not q.weak and not any(r in z_seen for r in q.readings)]
    # a month written without its day ("on July,"): a day may have been lost there (asked only about a day left over)
    bare_month = any(q.kind == DAY for q in z_left) and any(
        q.kind == MONTH and (j + 1 == len(eq) or eq[j + 1].kind not in (DAY, ORDINAL)) for j, q in enumerate(eq))
    _explain(z_left, e_left, en_text, issues, bare_month=bare_month)
    if zh_text and not all(e_used):
        # what is left once the weak figures are counted too: counts and ordinals stated on both
        # sides, years the English adds
        # (a strong figure left over but said elsewhere in the English counts too: 第三人 … 第三人 →
        # "a third party … the fourth party" changed the second one)
        zr = [q for q, used in zip(zq, z_used, strict=True)
              if not used and (q.weak or (q.kind == ORDINAL and any(r in e_seen for r in q.readings)))]
        er = [q for q, used in zip(eq, e_used, strict=True) if not used]
        if zr:
            zu, eu = [False] * len(zr), [False] * len(er)
            _counts(zr, zu, er, eu, zh_text, en_text, issues)
            _ordinals(zr, zu, er, eu, zh_text, en_text, issues)
        if any(q.kind == YEAR for q in er):
            _years(zq, eq, e_used, zh_text, issues)
        if any(q.kind == ORDINAL and q.weak for q in er) and not any(i.code == MISMATCH for i in issues) and not any(
                q.kind == ORDINAL and not used for q, used in zip(zq, z_used, strict=True)):
            # (not beside an error: an ordinal the Chinese states and the English changed is one already)
            _added_ordinals(er, en_text, issues)
    if en_text and any(i.code == MISMATCH and i.zh_span is None for i in issues):
        issues[:] = [i for i in issues if not _conversion_note(i, eq, e_used, en_text)]
    return issues


def _exact(z: Quantity, e: Quantity) -> bool:
    if z.dim and e.dim:
        return z.dim == e.dim and z.value == e.value
    zr = ((z.cls, z.shown), *z.readings[1:]) if z.dim else z.readings
    er = ((e.cls, e.shown), *e.readings[1:]) if e.dim else e.readings
    for reading in zr:  # noqa: SIM110 - a plain loop: any() with a generator costs more, and this runs for every pair
        if reading in er:
            return True
    return False


def _notes(z: Quantity, e: Quantity, issues: list[NumberIssue], *, converted: bool = False,
           zh_text: str = "", en_text: str = "") -> None:
    """What a matched pair still says wrong: an ambiguous multiplier; a hedge changed, dropped or added."""
    if z.ambiguous:
        readings = " or ".join(f"×{format_number(v)}" for _, v in z.readings)
        issues.append(NumberIssue(
            APPROX, f"zh {z.text} is ambiguous ({readings}); en \"{e.text}\" = {e.describe()}: check which is meant",
            z.span, e.span))
    if z.hedge == e.hedge or z.kind not in _HEDGED or e.kind not in _HEDGED or (z.weak and e.weak):
        return  # years, dates and ordinals take prepositions ("up to 2025"), not hedges
    if z.interval and (z.weak or (z.hedge == "about" and not e.hedge)):
        return  # 数百, 上千 are vague amounts; 七八十 → "70 or 80": the English names the vague range
    if z.hedge and e.hedge:
        # about → over, over → nearly: the figure now says something else; nearly → about only
        # loosens it (近3亿 → "about 300 million"), which a reviewer may accept
        reversed_ = {z.hedge, e.hedge} == {"over", "under"}
        issues.append(NumberIssue(
            MISMATCH if reversed_ or z.hedge == "about" else APPROX,
            f"zh {z.text} says {_HEDGE_WORDS[z.hedge]}, en \"{e.text}\" says {_HEDGE_WORDS[e.hedge]}: "
            f"the hedge is {'reversed' if reversed_ else 'changed'}", z.span, e.span))
    elif z.hedge:
        if e.weak or (z.hedge == "under" and _PAST_BEFORE.search(en_text, max(0, e.span[0] - 8), e.span[0])):
            return  # 近十年 → "the past decade", 近5个月 → "the past 5 months"
        if _HEDGE_AFTER_NOUN.match(en_text, e.span[1]):
            return  # 50万人以上 → "500,000 people or more": the hedge follows the noun
        issues.append(NumberIssue(
            APPROX, f"zh {z.text} says {_HEDGE_WORDS[z.hedge]}, en \"{e.text}\" states it exactly: "
            "the hedge is dropped",
            z.span, e.span))
    elif not converted and not z.weak and not _ZH_HEDGE_WORD.search(zh_text):
        # (a Chinese hedge written away from its figure, 大约是种玉米的10倍, is still a hedge)
        issues.append(NumberIssue(
            APPROX, f"en \"{e.text}\" says {_HEDGE_WORDS[e.hedge]}, zh {z.text} states it exactly: a hedge is added",
            z.span, e.span))


# (any of these in the Chinese sentence may be the hedge of a figure written further on: 最高可处以1000欧元)
_ZH_HEDGE_WORD = re.compile("约|大概|大致|左右|上下|前后|近|超|逾|以上|以下|以内|不到|不足|至少|最多|最高|多|余|过|破"
                            "|满|达|快|估计|预计|高于|低于|不少于")
_HEDGE_AFTER_NOUN = re.compile(r"(?:\s+[\w-]+){1,2}\s+(?:or|and)\s+(?:more|above|over|higher|older|under|below"
                               r"|less|fewer|younger|lower)\b", re.IGNORECASE)
# "in the past five years" is how official English says 近五年
_PAST_BEFORE = re.compile(r"\b(?:past|last|recent)\s+$", re.IGNORECASE)

# kinds a hedge can qualify (a year, a date or an ordinal takes "by", "up to", "around" as prepositions)
_HEDGED = frozenset({CARDINAL, PERCENT, POINTS, MULTIPLIER, FRACTION})


def _values(z: Quantity, e: Quantity) -> tuple[Number, Number] | None:
    """The two values in comparable units, or None if they cannot be compared."""
    if z.cls != e.cls or z.kind == IDENTIFIER:
        return None
    if z.dim and e.dim:
        return (z.value, e.value) if z.dim == e.dim else None
    zv = z.shown if z.dim and z.shown is not None else z.value
    ev = e.shown if e.dim and e.shown is not None else e.value
    return zv, ev  # type: ignore[return-value]


def _digits(q: Quantity) -> str:
    """The digits a name carries (卡-52 → 52), or a number's integer value (Ⅱ → 2)."""
    if q.kind != IDENTIFIER and q.value == int(q.value):
        return str(int(q.value))
    return "".join(ch for ch in q.text if ch.isdigit())


def _approx(z: Quantity, e: Quantity) -> str | None:
    """"" for a silent approximate match, a warning message for rounding, None for no match."""
    if IDENTIFIER in (z.kind, e.kind):
        # 卡-52 ↔ Ka-52, 737MAX ↔ 737 Max, 2层 ↔ 2F: a name's digits written with or without its letters
        other = e if z.kind == IDENTIFIER else z
        if other.kind in (IDENTIFIER, CARDINAL, ORDINAL, YEAR) and not other.scaled and _digits(z) == _digits(e):
            return ""
        return None
    pair = _values(z, e)
    if pair is None:
        return None
    zv, ev = pair
    # A vague amount (50余万, 数十, dozens of) covers a round figure or another vague amount; a
    # precise figure inside it (2万多 ↔ 20,030) adds digits the other side never had.
    if z.interval and (_overlap(z.interval, e.interval) or (z.interval[0] <= ev <= z.interval[1] and (
            e.weak or _significant(ev) <= _significant(zv)))):
        return ""
    if e.interval and e.interval[0] <= zv <= e.interval[1] and (z.weak or _significant(zv) <= _significant(ev)):
        return ""
    if z.dim and e.dim and z.unit != e.unit:
        # a converted unit must round: within half the last digit the translator wrote
        precision = e.precision or Decimal(1)
        if abs(Fraction(zv) - Fraction(ev)) <= Fraction(precision) / 2:
            return ""
        return None
    coarse, fine = (z, e) if (z.precision or 1) > (e.precision or 1) else (e, z)
    precision = coarse.precision or Decimal(1)
    diff = abs(Fraction(zv) - Fraction(ev))
    if diff == 0 or diff > Fraction(precision) / 2:
        return None
    rounds = coarse.hedge or coarse.scaled or (fine.value != int(fine.value))
    if not rounds or coarse is z:
        # English more precise than the Chinese (2.8亿 ↔ 281 million, 2万多 ↔ 20,030) is not rounding:
        # the digits were invented
        return None
    limit = Fraction(1, 10) if coarse.hedge else Fraction(1, 20)
    if diff > limit * abs(Fraction(max(zv, ev))):
        return None
    side = "en" if coarse is e else "zh"
    return f"{_head(z, e)}: rounded in {side}"


def _head(z: Quantity, e: Quantity) -> str:
    """Both figures side by side, the Chinese one converted to the English unit when they differ
    (zh 1.39万亿斤 = 1,390,000,000,000 jin = 695,000,000 t)."""
    if z.dim and e.dim and z.dim == e.dim and z.unit != e.unit:
        return f"zh {z.text} = {_show(z, z)} = {_show(z, e)}, en \"{e.text}\" = {_show(e, e)}"
    return f"zh {z.text} = {_show(z, z)}, en \"{e.text}\" = {_show(e, z)}"


def _significant(value: Number) -> int:
    """Number of significant digits: 20,030 → 4; 2万 → 1."""
    if isinstance(value, Fraction):
        return 99
    digits = value.normalize().as_tuple().digits
    return len(digits)


def _overlap(a: tuple[Number, Number], b: tuple[Number, Number] | None) -> bool:
    return b is not None and a[0] <= b[1] and b[0] <= a[1]


def _show(q: Quantity, ref: Quantity) -> str:
    """``q``'s value as text, in ``ref``'s unit when both have one (for side-by-side messages)."""
    if q.dim and ref.dim and q.dim == ref.dim and ref.shown is not None and ref.shown != 0:
        factor = Fraction(ref.value) / Fraction(ref.shown)
        value = Fraction(q.value) / factor
        shown = Decimal(value.numerator) / Decimal(value.denominator) if value.denominator != 1 else \
            Decimal(value.numerator)
        return f"{format_number(shown)} {ref.unit}"
    return q.describe()


def _ratio_power_of_ten(a: Number, b: Number) -> int | None:
    """k ≠ 0 when a = b × 10^k exactly (27亿 vs 27 billion: k = -1)."""
    if not a or not b:
        return None
    ratio = Fraction(a) / Fraction(b)
    k = 0
    while ratio.denominator == 1 and ratio.numerator % 10 == 0:
        ratio /= 10
        k += 1
    while ratio.numerator == 1 and ratio.denominator % 10 == 0:
        ratio *= 10
        k -= 1
    return k if ratio == 1 and k else None


def _explain(z_left: list[Quantity], e_left: list[Quantity], en_text: str, issues: list[NumberIssue], *,
             bare_month: bool = True) -> None:
    # Magnitude slips and points/percent swaps first (strict): they are the most telling
    # explanations; then values that changed within the same class, in order of appearance.
    for strict in (True, False):
        for z in list(z_left):
            for e in e_left:
                message = _pair_message(z, e, strict=strict)
                if message:
                    issues.append(NumberIssue(MISMATCH, message, z.span, e.span))
                    z_left.remove(z)
                    e_left.remove(e)
                    break
    folded_en = en_text.replace("-", "").lower() if any(z.kind == IDENTIFIER for z in z_left) else ""
    # (not where the English writes a month without its day: "July" with the 26 lost is an omission)
    relative_day = not bare_month and any(z.kind == DAY for z in z_left) and _RELATIVE_DAY.search(en_text) is not None
    for z in z_left:
        if z.kind == IDENTIFIER and str(z.readings[0][1]) in folded_en:
            continue
        if z.kind == DAY and relative_day:
            continue  # 26日 → "the next day", 23日 → "on Wednesday": the English dates it from the dateline
        if z.listed:  # a lost list or section number is a lost structure, not a lost figure
            issues.append(NumberIssue(LIST_DROPPED, f"zh list number {z.text} is not in en: the item is unnumbered "
                                                    "or renumbered", z.span, None))
        else:
            issues.append(NumberIssue(MISMATCH, f"zh {z.text} has no counterpart in en", z.span, None))
    for e in e_left:
        if e.kind in (IDENTIFIER, MONTH, YEAR, DAY):
            # English adds names with digits (COVID-19, G20) that Chinese writes in words, and
            # completes dates (25日 → July 25, 2020) that Chinese leaves to the dateline
            continue
        issues.append(NumberIssue(MISMATCH, f"en \"{e.text}\" has no counterpart in zh", None, e.span))


def _pair_message(z: Quantity, e: Quantity, *, strict: bool) -> str | None:
    head = _head(z, e)
    if strict:
        if {z.cls, e.cls} == {"pp", "pct"} and z.value == e.value:
            return f"{head}: percentage points are not percent"
        pair = _values(z, e)
        if pair is None:
            return None
        k = _ratio_power_of_ten(pair[1], pair[0])
        if k is not None:
            return f"{head}: magnitude off by {format_number(Decimal(10) ** abs(k))}×"
        return None
    if z.kind == IDENTIFIER and e.kind == IDENTIFIER:
        return f"zh {z.text}, en \"{e.text}\": the names differ"
    if _values(z, e) is None or not _comparable_kinds(z, e):
        return None
    if z.kind == MULTIPLIER:
        return f"{head}: different multiplier"
    return f"{head}: different value"


_PLAIN = {CARDINAL, ORDINAL, DAY, TIME}
_RELATIVE_DAY = re.compile(r"\b(?:(?:next|following|same|previous|preceding)\s+day|that\s+day|the\s+day\s+before"
                           r"|yesterday|today|tomorrow|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
                           re.IGNORECASE)


def _comparable_kinds(z: Quantity, e: Quantity) -> bool:
    """Whether two leftovers are plausibly the same figure changed (not a day against a year)."""
    if z.kind == e.kind:
        return True
    if YEAR in (z.kind, e.kind):
        return all(1000 <= q.value <= 2200 for q in (z, e))
    return z.kind in _PLAIN and e.kind in _PLAIN


# Measure words that make a small Chinese numeral a count of things (两家企业, 三名代表) and what an
# English count looks like (three companies, two major projects): when both sides count and disagree,
# the figure is wrong even though a count alone on one side would be optional.
_COUNTERS = frozenset("个名位家所项条种只座台辆件批次国省市县户场部本架艘款支队")
_EN_COUNTED = re.compile(r"\s+(?:[a-z][a-z-]*\s+){0,2}?[a-z]+(?:s|people|men|women|children)\b", re.IGNORECASE)


def _counts(zq: Sequence[Quantity], z_used: list[bool], eq: Sequence[Quantity], e_used: list[bool], zh_text: str,
            en_text: str, issues: list[NumberIssue]) -> None:
    """两家企业 → "three companies": one small count left on each side, and they differ."""
    zc = [q for q, used in zip(zq, z_used, strict=True)
          if not used and q.weak and q.kind == CARDINAL and not q.interval and 2 <= q.value <= 10
          and zh_text[q.span[1]:q.span[1] + 1] in _COUNTERS]
    if len(zc) != 1:
        return
    ec = [q for q, used in zip(eq, e_used, strict=True)
          if not used and q.weak and q.kind == CARDINAL and 2 <= q.value <= 10
          and _EN_COUNTED.match(en_text, q.span[1])]
    if len(ec) == 1 and ec[0].value != zc[0].value:
        z, e = zc[0], ec[0]
        issues.append(NumberIssue(
            MISMATCH, f"zh {zh_text[z.span[0]:z.span[1] + 1]} = {z.describe()}, en \"{e.text}\" = {e.describe()}: "
            "the counts differ", z.span, e.span))


# Relative years and what they are from the sentence's own year (今年 = this year, 去年 = last year)
_RELATIVE_YEARS = {"今年": 0, "本年": 0, "当年": 0, "同年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "次年": 1}


def _years(zq: Sequence[Quantity], eq: Sequence[Quantity], e_used: list[bool], zh_text: str,
           issues: list[NumberIssue]) -> None:
    """A year the English adds for 今年/去年 must agree with the Chinese sentence's explicit years.

    English completes relative dates (今年 → "in 2024"), so an added year is fine, unless the
    Chinese states its year and the English one fits neither that year nor its relative words.
    """
    left = [q for q, used in zip(eq, e_used, strict=True) if not used and q.kind == YEAR and not q.weak]
    if not left:
        return
    offsets = [offset for word, offset in _RELATIVE_YEARS.items() if word in zh_text]
    stated = {q.value for q in zq if q.kind == YEAR}
    if not offsets or not stated:
        return
    allowed = stated | {year + offset for year in stated for offset in offsets}
    for e in left:
        if e.value not in allowed:
            years = ", ".join(format_number(y) for y in sorted(stated))
            issues.append(NumberIssue(
                MISMATCH, f"en \"{e.text}\" contradicts the year the zh sentence states ({years}) and its relative "
                "dates", None, e.span))


# "121 trillion yuan (about 17.95 trillion U.S. dollars)", "6000亩 (400 hectares)": a conversion in
# brackets after a figure repeats it in another unit; it is not a figure the Chinese lacks.
_OPEN_CONVERSION = re.compile(r"[(（]\s*(?:(?:about|around|approximately|roughly|some|nearly|or|i\.e\.|equal\s+to"
                              r"|equivalent\s+to)[\s,]+)*$", re.IGNORECASE)
_CONVERTED_UNIT = re.compile(r"[^()（）]{0,30}?(?:dollars?|usd|u\.s\.|euros?|pounds|yen|yuan|rmb|tonnes?|tons|hectares"
                             r"|acres|kilo|km|miles|kg|mw|gw|kwh|twh|square)", re.IGNORECASE)


_CURRENCY_SIGN = re.compile(r"[$€£¥]|\bUSD|\bEUR")


def _conversion_note(issue: NumberIssue, eq: Sequence[Quantity], e_used: list[bool], en_text: str) -> bool:
    """Whether an English-only figure is a bracketed conversion of the figure just before it."""
    if issue.zh_span is not None or issue.en_span is None or issue.code != MISMATCH:
        return False
    start, end = issue.en_span
    opening = _OPEN_CONVERSION.search(en_text, max(0, start - 40), start)
    if opening is None:
        return False
    e = next(q for q in eq if q.span == issue.en_span)
    if not (e.dim or _CURRENCY_SIGN.search(e.text) or _CONVERTED_UNIT.match(en_text, end)):
        return False
    paren = opening.start()
    return any(used and 0 <= paren - q.span[1] <= 25 for q, used in zip(eq, e_used, strict=True))


# 一级 (first-level), 一等奖 (first prize), 二期 (phase two), 首批 (the first batch): numerals that rank
_RANKS = frozenset("级等期批类档号流手")


def _ordinals(zq: Sequence[Quantity], z_used: list[bool], eq: Sequence[Quantity], e_used: list[bool],
              zh_text: str, en_text: str, issues: list[NumberIssue]) -> None:
    """第一 → "second", 首届 → "the third": ordinals left on both sides that say different things.

    Each alone is optional (第一 is often "top" or nothing, "first" is often a discourse word), so
    the English may leave some out; but when the English has no more of them than the Chinese, and
    the Chinese has one the English lacks and the English one the Chinese lacks (首次 … 首批 → "for
    the second time"), the two disagree.
    """
    zo = [q for q, used in zip(zq, z_used, strict=True) if not used and _ranks(q, zh_text)]
    if not zo:
        return
    # (not an ordinal in brackets: "Zhongfu (the second phase of Sanfu)" explains a name)
    eo = [q for q, used in zip(eq, e_used, strict=True) if not used and q.weak and q.kind == ORDINAL
          and en_text.rfind("(", 0, q.span[0]) <= en_text.rfind(")", 0, q.span[0])]
    if not eo or len(eo) > len(zo):
        return  # (more ordinals in the English than in the Chinese: it numbers what the Chinese leaves implicit)
    z_values, e_values = Counter(q.value for q in zo), Counter(q.value for q in eo)
    z_missing, e_extra = z_values - e_values, e_values - z_values
    if not z_missing or not e_extra:
        return  # the English states every ordinal it has as the Chinese does, or only adds some
    e = next(q for q in eo if q.value in e_extra)
    # (the nearest: 一级, 二级 → "first-level, third-level" names 二级)
    z = min((q for q in zo if q.value in z_missing), key=lambda q: abs(q.value - e.value))
    issues.append(NumberIssue(MISMATCH, f"zh {z.text} = {z.describe()}, en \"{e.text}\" = {e.describe()}: "
                              "the ordinals differ", z.span, e.span))


def _ranks(q: Quantity, zh_text: str) -> bool:
    """Whether a Chinese figure is written as a rank: 第三, 首批, 三届, 一周年, 一是 (firstly), 一级, 二期."""
    after = zh_text[q.span[1]:q.span[1] + 1]
    if q.kind == ORDINAL:
        return q.text[:1] in "第首" or q.text.endswith(("届", "周年")) or after in "是来"
    return q.kind == CARDINAL and after in _RANKS


def _added_ordinals(eq: Sequence[Quantity], en_text: str, issues: list[NumberIssue]) -> None:
    """"the 16th BRICS Summit" for 金砖国家领导人会晤: an ordinal the English adds to a named event (info).

    Official English numbers summits, sessions and congresses the Chinese often names without a
    figure; that is usually right, so it is only worth a look (is it the 16th?), never an error.
    """
    reported = {issue.en_span for issue in issues}
    for e in eq:
        if e.kind == ORDINAL and e.weak and e.span not in reported:
            event = event_named_after(en_text, e.span[1])
            if event:
                issues.append(NumberIssue(
                    ADDED_ORDINAL, f"en \"{e.text}\" numbers \"{event}\", which zh names without an ordinal: "
                    "check the number against the event's own", None, e.span))
