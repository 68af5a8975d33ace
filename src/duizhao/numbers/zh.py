"""Quantities in Chinese text: Arabic and Chinese numerals, magnitudes, kinds, units, hedges.

One precompiled regex finds every candidate (27亿千瓦时, 百分之三点五, 第11届, 三分之二, 翻一番,
50余万人, 近30%), tried only at the characters a candidate can start with; a short look at what
follows decides the kind and unit. Spans index the
original text: full-width digits are folded by a same-length translation, never by
normalisation that would shift offsets.

Chinese numerals are parsed by ``parse_cn`` with validation, so 十四五 (a plan's name, not 145
or 55) is rejected rather than silently mis-read; a numeral written only in characters and
not followed by a measure word (一起, 万一, 五湖四海) is not a quantity.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any

from .common import ROMAN, alternation, figure, read_arabic, share_range, ymd_date
from .model import (
    CARDINAL,
    DAY,
    FRACTION,
    HALF_YEAR,
    IDENTIFIER,
    MONTH,
    MULTIPLIER,
    ORDINAL,
    PERCENT,
    POINTS,
    QUARTER,
    TIME,
    YEAR,
    Hedge,
    Number,
    Quantity,
    mul,
)
from .units import EN_UNIT_RE, ZH_UNIT_RE, ZH_UNITS, en_unit

_DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3, "叁": 3,
          "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7, "柒": 7, "八": 8,
          "捌": 8, "九": 9, "玖": 9}
_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

# Same-length folding so spans stay valid: full-width digits and signs to ASCII.
_FOLD = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", "％": "%", "～": "~",
                       "－": "-", "—": "-", "–": "-", "〜": "~", "﹪": "%"})
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")

_D = "〇零○一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖兩"
_CN_START = f"[{_D}十拾廿卅]"
_CN_BODY = f"(?:[{_D}十拾廿卅百佰万萬亿億]|[千仟](?![瓦米克]))"
_CN = f"{_CN_START}{_CN_BODY}*(?:点[{_D}]+[万萬亿億]*)?"
# (digits grouped by commas need a comma within four characters: tested before the groups)
_AR = r"(?:(?<=\d[xX×*])|(?<![A-Za-z.\d]))(?:(?=\d{1,3}[,，])\d{1,3}(?:[,，]\d{3})+(?![\d,，])(?:\.\d+)?|\d+(?:\.\d+)?)"
_MAG = r"[十百千]?[万萬亿億]{1,2}|[十百千](?![瓦米克\d])"
_NUM = f"(?:{_AR}|{_CN})"
_NUM_CHARS = f"\\d,，.{_D}十拾廿卅百佰千仟万萬亿億点"  # every character _NUM can read

# The forms a token can take, in the order they are tried, each marked with whether it can
# start with a digit (see ``alternation``).
_FORMS: tuple[tuple[bool, str], ...] = (
    # identifiers compare as strings: 5G, PM2.5, 4A, G20, COVID-19. The first lookahead only
    # restates what the name needs (a letter, or digits then a letter) so that the costly
    # lookaheads after it do not run at every plain number.
    # (\d++: a shorter run of digits is followed by a digit, never by the "." or letter needed next)
    (True, r"(?P<ident>(?<![A-Za-z0-9])(?=[A-Za-z]|\d++(?:\.\d+)?[A-Za-z])"
           r"(?!\d+(?:\.\d+)?(?:" + EN_UNIT_RE + r"|L|ml|h|GB|MB|TB)(?![A-Za-z0-9]))"
           r"(?!\d+(?:\.\d+)?[xX×]\d)"
           r"(?:[A-Za-z]+-?\d+(?:\.\d+)?[A-Za-z0-9]*|\d+(?:\.\d+)?[A-Za-z]+\d*)(?![A-Za-z0-9]))"),
    (True, r"(?P<ymd>(?<![\d.])(?:19|20)\d\d(?P<ymdsep>[./-])(?:1[0-2]|0?[1-9])(?P=ymdsep)(?:3[01]|[12]\d|0?[1-9])"
           r"(?![\d.]))"),
    (True, r"(?P<model>(?<![\d.])\d++(?:\.\d+){2,})"),  # 424.10.0.20: a model or version number
    (False, r"(?P<fan>翻(?:了)?(?P<fann>[一两二三四]?)番)"),
    (False, r"(?P<half>过半|近半|一半|半数|半(?=个?[米公小天年月吨斤亩]))"),
    (False, r"(?P<pct100>百分百)"),
    (False, r"(?P<chengbei>成倍)"),
    (False, r"(?P<roman>[\u2160-\u216b]|(?<![A-Za-z])(?:I{1,3}|IV|V|VI{1,3}|IX|X)(?=级|类|期|号))"),  # Ⅱ级, III级
    (False, r"(?P<double>双十[一二])(?![一二三四五六七八九十])"),
    (False, r"(?P<first>首)(?=届|次|个|批|位|家|款|架|趟|场|部|艘|例|年|日|月|周|创)"),
    (False, r"(?P<bare>(?<![数几上一二三四五六七八九十两零〇百千万亿\d])(?:百万|千万|百亿|千亿|万亿|百|千|万|亿)"
            r"(?=[\u4e00-\u9fff])(?![不别要一物岁事姓般分之方计紫里]))"),
    (False, r"(?P<plan>十[一二三四五六七八九]五)(?![十百千万亿个年名])"),
    # 十九届六中全会: the sixth plenary session (of the 19th Central Committee)
    (False, r"(?P<plenum>[一二三四五六七八九])(?=中全会)"),
    # 九连增 / 三连冠: the ninth consecutive rise / three titles in a row
    (False, r"(?P<streak>(?:[两二三四五六七八九]|十[一二三四五六七八九]?|[二三]十[一二三四五六七八九]?))"
            r"(?=连(?:增|涨|降|跌|冠|胜|丰|升|减|降|创新高|破))"),
    # 上半年 / 下半年, 一季度 / 第三季度 (not 前三季度 or 一至三季度: counts of quarters)
    (False, r"(?P<halfyear>[上下]半年)"),
    (False, r"(?P<quarter>(?<![前至到、~\-])第?[一二三四]季度)"),
    # 一是…二是…, 一来…二来: firstly, secondly (an enumeration the English may number or not)
    (False, r"(?P<enum>(?<![\u4e00-\u9fff\d])[一二三四五六七八九十](?=[是来][^\d一二三四五六七八九十百千万亿]))"),
    # (the lookahead holds the hedges' first characters: most figures have none, and one test
    # spares trying every hedge at every figure)
    (True, r"(?P<hedge>(?=[不将接近大约超逾至多高低最])(?:不会超过|不能超过|不超过|不低于|不高于|不少于|不到|不足|将近"
           r"|接近|(?<!最)近|大约|(?<![节制预签邀合公条契违履])约|超过|超|逾|至少|多达|高于|低于|最多|最高))?"
           r"(?:(?P<pctp>百分之|千分之)(?P<pctn>" + _NUM + r")"
           # (a numeral only holds characters of _NUM_CHARS, so 分之 must follow their run: tested first)
           r"|(?=[" + _NUM_CHARS + r"]*+分之)(?P<fden>" + _NUM + r")分之(?P<fnum>" + _NUM + r")"
           r"|(?P<vague>[数几上])(?P<vmag>[十百千万亿]+)"
           r"|(?P<ord>第)?(?:(?P<ar>" + _AR + r")(?P<arsuf>[余多])?(?P<armag>\s?(?:" + _MAG + r"))?"
           r"(?:(?<=[万萬亿億])(?P<ar2>\d{1,4})(?![\d.万萬亿億]))?|(?P<cn>" + _CN + r")))"),
)
_TOKEN = alternation(_FORMS)
# What _TOKEN matches where the folded text has an ASCII digit, without trying the forms of words
_DIGIT_TOKEN = alternation(_FORMS, digits_only=True)
# ... and where it has a numeral in characters (一, 两, 十): the forms that can start with one
# (一半, 十四五, 六中全会, 九连增, 一季度, 一是, and the numerals with their hedges, which start with a word
# or a numeral, so only the numeral can match here)
_CN_FIRST = frozenset(_D + "十拾廿卅")
_CN_TOKEN = alternation(_FORMS, only=("half", "plan", "plenum", "streak", "quarter", "enum", "hedge"))

_TAIL = re.compile(
    r"(?P<h1>余|多|来|几)?\s?(?P<unit>世纪|个?百分点|个?基本?点|%|倍|周年|届|个多?月|月份|月|年代|年|日|号|点半|点(?!多)"
    r"|时(?!期|代|候|间|刻|光)|分(?!之)|岁|后(?!来|面|续|期|果|方|台|者)|升(?![级高值温学职华格起空])|" + ZH_UNIT_RE
    + r"|(?-i:" + EN_UNIT_RE + r")(?![A-Za-z]))?"
    r"(?P<h2>左右|上下|前后|以上|以下|以内|多|余)?"
)

# Every character a nonempty _TAIL match can start with besides white space: its hedges, its
# units (any ASCII letter stands in for the English ones) and its trailing hedges. Where the
# text goes on with anything else, _TAIL is not tried.
_TAIL_FIRST = frozenset("余多来几" "世个百基%倍周届月年日号点时分岁后升" "左上前以多余"
                        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                        + "".join(unit[0] for unit in ZH_UNITS))

# Measure words and units that make a numeral written in characters a quantity (三名, 五年).
_MEASURE = set("个名位人家年月日天号次项条件种只头座所台辆架艘栋户元块岁届周倍成层部本份批场类支队国省市县区村组星连"
               "篇首张度分秒时点亿万斤吨亩米里顷遍轮期季回代例宗笔款枚颗粒棵株间套处道门桩趟餐顿包箱瓶杯级等强大"
               "小秒场章节版集倍角毛美欧英港日韩夜册手")
_LIST_MARK = re.compile(r"\s*[(（]?")
_ALL_DIGITS = "0123456789" + _D
_MONTH_LIKE = {"月", "月份"}
_RANGE_SEP = re.compile(r"\s*(?:至|到|~|-|－|—|–)\s*")
_GROWTH = re.compile(r"(?:增长|增加|提高|提升|上升|扩大|增|涨|多|翻|贵|高|大)了?(?:近|约|超过|超)?$")
_HEDGE_PREFIX = {"将近": "under", "接近": "under", "近": "under", "大约": "about", "约": "about", "超过": "over",
                 "超": "over", "逾": "over", "不到": "under", "不足": "under", "不少于": "over", "至少": "over",
                 "多达": "", "不会超过": "under", "不能超过": "under", "不超过": "under", "不低于": "over",
                 "不高于": "under", "高于": "over", "低于": "under", "最多": "under", "最高": "under", "大概": "about",
                 "大致": "about"}
_HEDGE_SUFFIX = {"余": "over", "多": "over", "来": "about", "几": "about", "左右": "about", "上下": "about",
                 "前后": "about", "以上": "over", "以下": "under", "以内": "under"}
# comparison class of each kind a numeral can take here (as CLASS_OF, built once, not per figure)
_CLASS = {ORDINAL: "n", YEAR: "n", DAY: "n", TIME: "n", CARDINAL: "n", PERCENT: "pct", POINTS: "pp",
          MULTIPLIER: "mul", MONTH: "month"}
_ONE = Decimal(1)
_FAN = {"": 2, "一": 2, "两": 4, "二": 4, "三": 8, "四": 16}
_PRE_CHECK = re.compile(f"[0-9０-９{_D}十拾廿卅半百千万亿首倍番\u2160-\u216bIVX]")
_NOT_PERCENT_AFTER_CHENG = set("为功立绩果本员就年长交型分品熟人都市了不")


# Where a _TOKEN match can start: its first characters, each with what must follow it when
# the character is common in running text (大 only in 大约, 上 only before 十/百/千/万/亿, a
# Latin letter only where a word starts that is a name with digits or a Roman numeral: 5G,
# COVID-19, Ⅱ级). Searching for these is done in C without trying _TOKEN at each character of
# the sentence, which is where extraction spent its time; the conditions after the common
# characters spare most failed _TOKEN tries. Each condition restates what every alternative
# of _TOKEN starting with that character needs; tests/numbers/test_scan.py checks that both
# ways find the same matches.
_PLAIN_START = f"\\d\u2160-\u216b{_D}十拾廿卅百佰千仟万萬亿億翻近半首约超逾第"  # these need nothing after them
# (one character class first, then the conditions as lookarounds: a search for a pattern that
# starts with a class scans for the class in C, which an alternation at the top would prevent)
_START = re.compile(f"[{_PLAIN_START}大上下数几不成高低至过将接多双最A-Za-z]"
                    f"(?:(?<=[{_PLAIN_START}])|(?<=大)(?=约)|(?<=[上数几])(?=[十百千万亿])|(?<=不)(?=[超低高少到足会能])"
                    "|(?<=成)(?=倍)|(?<=[高低])(?=于)|(?<=至)(?=少)|(?<=过)(?=半)|(?<=[将接])(?=近)|(?<=多)(?=达)"
                    "|(?<=[上下])(?=半年)|(?<=双)(?=十)|(?<=最)(?=[多高])|(?<=[A-Za-z])(?<![A-Za-z].)(?:(?=[A-Za-z]*-?\\d)|(?<=[IVX])))")


def _tokens(folded: str) -> list[re.Match[str]]:
    """The matches ``_TOKEN.finditer(folded)`` yields, found by trying _TOKEN only where one can start."""
    out = []
    search, match, digit_match, cn_match, pos = _START.search, _TOKEN.match, _DIGIT_TOKEN.match, _CN_TOKEN.match, 0
    while (start := search(folded, pos)) is not None:
        at = start.start()
        first = folded[at]
        m = (digit_match if "0" <= first <= "9" else cn_match if first in _CN_FIRST else match)(folded, at)
        if m is None:
            pos = at + 1
        else:  # never empty: every alternative of _TOKEN reads at least one character
            out.append(m)
            pos = m.end()
    return out


_DIGITS = "".join(_DIGIT)


@lru_cache(maxsize=4096)
def _read_cn(raw: str) -> tuple[Decimal, Decimal, bool] | None:
    """Value, precision and whether 万 or 亿 is written, of a numeral in characters (None if malformed).

    Cached: the same few numerals (一, 两, 三, 十, 二〇二四) recur in every text, and reading one
    is pure string work on an immutable result.
    """
    value = parse_cn(raw)
    if value is None:
        return None
    return value, _cn_precision(raw, value), any(ch in raw for ch in "万萬亿億")


def parse_cn(text: str) -> Decimal | None:
    """Value of a Chinese numeral (三千五百万, 一万零五百, 三点五亿, 二〇二四), or None if malformed.

    Digit runs (二〇二四) read digit by digit; 一万五 and 三千五 use the spoken abbreviation
    (15,000 and 3,500). Malformed strings such as 十四五 return None instead of a guess.
    """
    text = text.replace("廿", "二十").replace("卅", "三十")
    if "点" in text:
        whole, _, rest = text.partition("点")
        frac_digits = rest.rstrip("万萬亿億")
        mag = rest[len(frac_digits):]
        head = parse_cn(whole) if whole else Decimal(0)
        if head is None or not frac_digits or any(ch not in _DIGIT for ch in frac_digits):
            return None
        value = head + Decimal("0." + "".join(str(_DIGIT[ch]) for ch in frac_digits))
        for ch in mag:
            value *= _BIG[ch]
        return value
    if all(ch in _DIGIT for ch in text):
        return Decimal("".join(str(_DIGIT[ch]) for ch in text))
    total = wan = sec = 0
    digit: int | None = None
    last_unit = 10**5
    prev_unit = 0
    zero = False
    for ch in text:
        if ch in _DIGIT:
            d = _DIGIT[ch]
            if d == 0:
                if digit is not None:
                    return None
                zero = True
                continue
            if digit is not None:
                return None
            digit = d
        elif ch in _SMALL:
            unit = _SMALL[ch]
            if unit >= last_unit:
                return None
            if digit is None and (sec or wan or total or zero) and unit != 10:
                return None
            sec += (1 if digit is None else digit) * unit
            digit, last_unit, prev_unit, zero = None, unit, unit, False
        else:  # 万 or 亿
            big = _BIG[ch]
            sec += digit or 0
            digit = None
            if big == 10**4:
                if wan or not sec:
                    return None
                wan, sec = sec * big, 0
            else:
                if not (wan or sec):
                    return None
                total, wan, sec = (total + wan + sec) * big, 0, 0
            last_unit, prev_unit, zero = 10**5, big, False
    if digit is not None:
        # 三千五 = 3,500 and 一万五 = 15,000: a bare last digit counts one place below the unit
        sec += digit * prev_unit // 10 if prev_unit >= 100 and not zero else digit
    return Decimal(total + wan + sec)


def _cn_precision(text: str, value: Decimal) -> Decimal:
    """Place value of the last nonzero digit written (三千五百 → 100; 三点五 → 0.1)."""
    if value == 0:
        return Decimal(1)
    if "点" in text:
        return Decimal(1).scaleb(value.normalize().as_tuple().exponent)
    exp = value.normalize().as_tuple().exponent
    return Decimal(1).scaleb(max(int(exp), 0))


def _mag(text: str) -> int:
    mag = 1
    for ch in text.strip():
        mag *= _SMALL.get(ch) or _BIG[ch]
    return mag


def has_figures(text: str) -> bool:
    """Cheap pre-check: any digit or Chinese numeral character at all."""
    return _PRE_CHECK.search(text) is not None


def extract_zh(text: str) -> list[Quantity]:
    """Every quantity in a Chinese sentence, in order of appearance."""
    return scan_zh(text) if _PRE_CHECK.search(text) else []


def scan_zh(text: str) -> list[Quantity]:
    """``extract_zh`` for a text ``has_figures`` has accepted (a caller that asked need not pay twice)."""
    # str.translate visits every character; most sentences have nothing to fold
    folded = text.translate(_FOLD) if _FOLDABLE.search(text) else text
    out: list[Quantity] = []
    suffix_hedges: bool | None = None  # whether the text has a hedge _TAIL may not reach (人以上): tested once
    readers = _READERS
    for m in _tokens(folded):
        q = readers[m.lastgroup](m, folded, text)
        if q is None:
            continue
        if isinstance(q, list):
            out.extend(q)
            continue
        if out and _range_sep(folded, out[-1].span[1], q.span[0]):
            out[-1], q = share_range(out[-1], q)
        if not q.hedge and q.kind in _HEDGED and (suffix_hedges is not False or (
                q.span[0] and folded[q.span[0] - 1] in _HEDGE_BEFORE_LAST)):
            if suffix_hedges is None:
                suffix_hedges = _SUFFIX_HEDGE_WORD.search(folded) is not None
            q = _hedge_apart(q, folded, suffix_hedges)
        out.append(q)
    return out


_HEDGED = frozenset({CARDINAL, PERCENT, POINTS, MULTIPLIER, FRACTION})
# Hedges the token regex does not read: after a space (超过 820 万), before a form of its own (超过百万,
# 大概半米), or after the measure word (1000人以上, 八成以上, 5万元左右).
_HEDGE_BEFORE = re.compile(r"(?:不会超过|不能超过|不超过|不低于|不高于|不少于|不到|不足|将近|接近|(?<!最)近|大约"
                           r"|(?<![节制预签邀合公条契违履])约|超过|超|逾|至少|多达|高于|低于|最多|最高|大概|大致)\s?$")
_HEDGE_BEFORE_LAST = frozenset("过于到足近约超逾少达多高概致 \u3000")
_HEDGE_AFTER = re.compile(f"[{''.join(sorted(_MEASURE))}]{{0,2}}(左右|以上|以下|上下|前后|以内)")


_SUFFIX_HEDGE_WORD = re.compile("左右|以上|以下|上下|前后|以内")


def _hedge_apart(q: Quantity, folded: str, suffix_hedges: bool) -> Quantity:
    """``q`` with the hedge written apart from it, if any (its span stays the figure's)."""
    start, end = q.span
    hedge = ""
    if start and folded[start - 1] in _HEDGE_BEFORE_LAST:
        before = _HEDGE_BEFORE.search(folded, max(0, start - 4), start)
        if before is not None:
            hedge = _HEDGE_PREFIX.get(before[0].strip(), "")
    if not hedge and suffix_hedges and end < len(folded):
        after = _HEDGE_AFTER.match(folded, end)
        if after is not None:
            hedge = _HEDGE_SUFFIX[after[1]]
    return replace(q, hedge=hedge) if hedge else q


def _range_sep(folded: str, start: int, end: int) -> bool:
    """Whether folded[start:end] joins two figures into a range (3至5, 3-5)."""
    # the first character decides at once between most pairs of figures, without a regex call
    return start < end and (folded[start] in "至到~-－—–" or folded[start].isspace()) \
        and _RANGE_SEP.fullmatch(folded, start, end) is not None


# One reader per form of _TOKEN, chosen by the match's ``lastgroup``: each form's outermost
# group (or, for a numeral with its hedge, the last group of its branch: pctn, fnum, vmag, cn,
# ar or one of ar's suffixes) closes last, so it names the form that matched.
Reader = Callable[[re.Match[str], str, str], "Quantity | list[Quantity] | None"]
Read = Quantity | list[Quantity] | None


def _one(value: Number | str, kind: str, m: re.Match[str], source: str, cls: str = "n", *, text: str = "",
         **fields: Any) -> Quantity:
    """The quantity a whole match stands for (its text from the unfolded ``source``)."""
    start, end = m.span()
    return figure(value, kind, (start, end), text or source[start:end], cls, **fields)


def _ymd(m: re.Match[str], folded: str, text: str) -> Read:
    return ymd_date(m["ymd"], m.start(), text)


def _model(m: re.Match[str], folded: str, text: str) -> Read:  # 424.10.0.20: a model or version number
    return _one(m["model"], IDENTIFIER, m, text, "id", text=m["model"])


def _roman(m: re.Match[str], folded: str, text: str) -> Read:  # Ⅱ级, III级
    raw = m["roman"]
    return _one(Decimal(ROMAN[raw] if raw in ROMAN else ord(raw) - 0x215F), ORDINAL, m, text)


def _double(m: re.Match[str], folded: str, text: str) -> Read:  # 双十一: the shopping festival "Double Eleven"
    return _one(Decimal(10 + _DIGIT[m["double"][-1]]), CARDINAL, m, text, weak=True)


def _first(m: re.Match[str], folded: str, text: str) -> Read:  # 首届 = the first
    return _one(Decimal(1), ORDINAL, m, text, weak=True)


def _bare(m: re.Match[str], folded: str, text: str) -> Read:  # 百万元, 万亩, 千元: a magnitude on its own
    return _one(Decimal(_mag(m["bare"])), CARDINAL, m, text, weak=True, scaled=True)


def _ident(m: re.Match[str], folded: str, text: str) -> Read:
    return _one(m["ident"], IDENTIFIER, m, text, readings=(("id", _ident_key(m["ident"])),))


def _fan(m: re.Match[str], folded: str, text: str) -> Read:  # 翻一番 = ×2, 翻两番 = ×4
    return _one(Decimal(_FAN[m["fann"]]), MULTIPLIER, m, text, "mul")


_HALF_HEDGE: dict[str, Hedge] = {"过半": "over", "近半": "under"}


def _half(m: re.Match[str], folded: str, text: str) -> Read:
    return _one(Fraction(1, 2), FRACTION, m, text, hedge=_HALF_HEDGE.get(m["half"], ""), weak=True,
                readings=(("n", Fraction(1, 2)), ("pct", Decimal(50))))


def _pct100(m: re.Match[str], folded: str, text: str) -> Read:  # 百分百 = 100%
    return _one(Decimal(100), PERCENT, m, text, "pct")


def _chengbei(m: re.Match[str], folded: str, text: str) -> Read:  # 成倍增长: multiplied, loosely "doubled"
    return _one(Decimal(2), MULTIPLIER, m, text, "mul", weak=True)


def _plan(m: re.Match[str], folded: str, text: str) -> Read:  # 十四五: the 14th Five-Year Plan
    return _one(Decimal(10 + _DIGIT[m["plan"][1]]), ORDINAL, m, text)


def _enum(m: re.Match[str], folded: str, text: str) -> Read:  # 一是 = firstly, 二来 = secondly
    return _one(parse_cn(m["enum"]), ORDINAL, m, text, weak=True)


def _plenum(m: re.Match[str], folded: str, text: str) -> Read:  # 六中全会 = the sixth plenary session
    return _one(Decimal(_DIGIT[m["plenum"]]), ORDINAL, m, text)


def _streak(m: re.Match[str], folded: str, text: str) -> Read:  # 九连增 = nine in a row / the ninth straight rise
    value = parse_cn(m["streak"])
    return _one(value, CARDINAL, m, text) if value is not None else None


def _halfyear(m: re.Match[str], folded: str, text: str) -> Read:  # 上半年 = the first half (H1)
    return _one(Decimal(1 if m["halfyear"][0] == "上" else 2), HALF_YEAR, m, text, "half")


def _quarter(m: re.Match[str], folded: str, text: str) -> Read:  # 一季度 = the first quarter (Q1)
    return _one(Decimal(_DIGIT[m["quarter"][-3]]), QUARTER, m, text, "quarter")


def _prefix_hedge(m: re.Match[str]) -> Hedge:
    said = m["hedge"]
    return _HEDGE_PREFIX.get(said, "") if said else ""  # type: ignore[return-value]


def _percent(m: re.Match[str], folded: str, text: str) -> Read:  # 百分之三点五, 千分之五
    start, end = m.span()
    value, precision, _ = _num(m["pctn"])
    if value is None:
        ends = _approximate_cn(m["pctn"], m.start("pctn"), text)  # 百分之七八十: 70% or 80%
        return [replace(q, kind=PERCENT, span=(start, end), text=text[start:end], readings=(("pct", q.value),))
                for q in ends] if ends else None
    if m["pctp"] == "千分之":
        value, precision = value / 10, precision / 10
    end, hedge2 = _suffix_hedge(folded, end)
    return Quantity(value=value, kind=PERCENT, span=(start, end), text=text[start:end],
                    hedge=_prefix_hedge(m) or hedge2, precision=precision, readings=(("pct", value),))


def _fraction(m: re.Match[str], folded: str, text: str) -> Read:  # 三分之二
    den, _, _ = _num(m["fden"])
    num, _, _ = _num(m["fnum"])
    if not den or num is None:
        return None
    value = Fraction(int(num), int(den)) if num == int(num) and den == int(den) else Fraction(num) / Fraction(den)
    return _one(value, FRACTION, m, text, hedge=_prefix_hedge(m))


def _vague(m: re.Match[str], folded: str, text: str) -> Read:
    mag = _mag(m["vmag"])
    # 上千 = a thousand or more; 数百 / 几百 = a few hundred
    if m["vague"] == "上":
        low, high = Decimal(mag), Decimal(mag * 10 - 1)
        return _one(low, CARDINAL, m, text, hedge="over", interval=(low, high), weak=True)
    return _one(Decimal(2 * mag), CARDINAL, m, text, hedge="about", interval=(Decimal(2 * mag), Decimal(9 * mag)),
                weak=True)


def _numeral(m: re.Match[str], folded: str, text: str) -> Read:
    """A numeral in digits or characters with what goes with it: 第, hedges, scale, unit, kind."""
    start, end = m.span()
    words = m.lastgroup == "cn"
    if words:
        raw, ar = m["cn"], ""
        if len(raw) == 1 and raw in _DIGIT and m["ord"] is None and not _may_be_measured(folded, end) \
                and (not start or folded[start - 1] != "月"):
            return None  # 一起, 统一, 五湖四海: one digit in characters with no measure word, unit or list mark
        read = _read_cn(raw)
        if read is None:
            return _approximate_cn(raw, start, text)
        value, precision, big = read
        scaled = big or value >= 1000
        digit_run = not raw.strip(_DIGITS) and len(raw) > 1
    else:
        raw = ar = m["ar"]
        value, precision, scaled = _arabic(m)
        big = digit_run = False
    nxt = folded[end:end + 1]
    if nxt in _TAIL_FIRST or nxt.isspace():
        tail = _TAIL.match(folded, end)
        h1, unit_word, h2 = tail.groups("")  # type: ignore[union-attr]
        tail_end = tail.end()  # type: ignore[union-attr]
    else:  # nothing _TAIL reads starts here (most figures are followed by text): it would read nothing
        h1 = unit_word = h2 = ""
        tail_end = end
    h1 = h1 or m["arsuf"] or ""
    ordinal = m["ord"] is not None
    if ordinal and (h1 in ("多", "余") or h2 in ("多", "余")):  # 第二多 = the second most: 多 ranks, it does not hedge
        h1, h2 = ("" if h1 in ("多", "余") else h1), ("" if h2 in ("多", "余") else h2)
        if not (unit_word or h1 or h2):
            tail_end = end
    before = folded[start - 1] if start else ""
    # (a list number follows the start of the text, white space or a bracket: one test spares the call)
    if nxt and (not before or before.isspace() or before in "(（") \
            and _list_number(folded, start, end, before, nxt, unit_word, words, ar):
        # a list number (（三）, 2., 一、): an English list may renumber one in characters (一、 → "I.",
        # "First,") or drop it for a bullet, so it is weak; one in digits (2., 3.1, 04) is kept as written
        # by every translation that keeps the numbering, and one lost is a warning (number-list-dropped)
        return _one(value, ORDINAL, m, text, weak=words, listed=not words)
    if words:
        rejected = _not_a_figure(raw, folded, end, before, nxt, unit_word, h1, h2, ordinal, value, big, digit_run)
        if rejected is not None:
            return rejected or None
    elif value == 0 and before in ":：" and folded[start - 2:start - 1].isdigit():
        return None  # the ":00" of 12:00 and the "0" of a 3:0 score say nothing on their own
    hedge = _HEDGE_PREFIX.get(m["hedge"], "") if m["hedge"] else ""
    interval = None
    if h1 or h2:  # (most figures have neither)
        hedge, interval = _hedge(hedge, h1, h2, value, precision)  # type: ignore[arg-type]
    qend = tail_end if (unit_word or h1 or h2) else end
    if ordinal or unit_word in ("届", "周年"):
        kind, value, precision, unit, dim, factor, extra, ambiguous = ORDINAL, value, precision, "", "", _ONE, (), False
    elif unit_word:
        kind, value, precision, unit, dim, factor, extra, ambiguous = _unit_kind(
            unit_word, value, precision, ar, raw if digit_run else "", folded, start)
    else:  # most figures have no unit word
        kind, unit, dim, factor, extra, ambiguous = CARDINAL, "", "", _ONE, (), False
    if kind == CARDINAL and nxt == "成" and not unit_word and value <= 10 \
            and folded[end + 1:end + 2] not in _NOT_PERCENT_AFTER_CHENG:
        kind, value, precision, qend = PERCENT, value * 10, precision * 10, end + 1  # 三成 = 30%
    shown = value
    if dim:
        value, precision = mul(value, factor), mul(precision, factor)
        if interval:
            interval = (mul(interval[0], factor), mul(interval[1], factor))
    weak = _weak_numeral(words, shown, kind, ordinal, interval, h1, unit_word, folded, start, end)
    # The one Quantity built by position (fields in declaration order, as named on the right):
    # most figures are built here, and 14 keyword arguments cost 2.4× the positional call.
    q = Quantity(value, kind, (start, qend), text[start:qend],  # value, kind, span, text
                 unit, dim, shown if dim else None, hedge,  # unit, dim, shown, hedge
                 precision, interval, ((_CLASS[kind], value), *extra),  # precision, interval, readings
                 weak, scaled, ambiguous)  # weak, scaled, ambiguous
    if unit_word == "点半":  # 九点半 = 9:30: the half hour is a figure of its own
        return [q, Quantity(value=Decimal(30), kind=CARDINAL, span=(qend - 1, qend), text="半",
                            readings=(("n", Decimal(30)),))]
    return q


def _may_be_measured(folded: str, end: int) -> bool:
    """Whether what follows a numeral in characters can make it a figure: a measure word, a unit or
    hedge (_TAIL), white space, or a list mark."""
    nxt = folded[end:end + 1]
    return not nxt or nxt in _TAIL_FIRST or nxt in _MEASURE or nxt in ".、)）" or nxt.isspace()


def _arabic(m: re.Match[str]) -> tuple[Decimal, Decimal, bool]:
    """Value, precision and whether a scale is written, of a numeral in digits (5, 3.5万, 2万4801)."""
    value, precision = read_arabic(m["ar"])
    if not m["armag"]:
        return value, precision, False
    mag = _mag(m["armag"])
    value, precision = value * mag, precision * mag
    if m["ar2"]:  # 2万4801: the spoken form of 24,801
        rest = Decimal(m["ar2"])
        value, precision = value + rest * (mag // 10 ** len(m["ar2"]) if len(m["ar2"]) < 4 else 1), Decimal(1)
    return value, precision, True


def _list_number(folded: str, start: int, end: int, before: str, nxt: str, unit_word: str, words: bool,
                 ar: str) -> bool:
    """Whether a numeral numbers a list item or a section: （三）, 2., 一、, 04 说明书."""
    # (the character before decides at once for almost every figure, without a regex call)
    at_start = not before or ((before.isspace() or before in "(（")
                              and _LIST_MARK.fullmatch(folded, 0, start) is not None)
    if at_start and (nxt in ".、)）" or (nxt == " " and not unit_word)) \
            and not ((after2 := folded[end + 1:end + 2]) and after2 in _ALL_DIGITS):
        return True
    if before and before in "（(" and nxt in "）)":
        return True
    return at_start and not words and len(ar) == 2 and ar[0] == "0"


def _not_a_figure(raw: str, folded: str, end: int, before: str, nxt: str, unit_word: str, h1: str, h2: str,
                  ordinal: bool, value: Decimal, big: bool, digit_run: bool) -> list[Quantity] | Quantity | bool | None:
    """For a numeral in characters: ``False`` when it is not a figure (十分, 一起), a replacement
    reading (三四个: each digit; 二月二: a day), or None to read it as usual."""
    start = end - len(raw)
    if raw == "十" and folded.startswith(("分", "足", "全"), end) and not folded.startswith("分钟", end):
        return False  # 十分 = "very", 十足 = "full", 十全 = "perfect"
    if digit_run and not (unit_word == "年" and len(raw) == 4 and not folded.startswith("年级", end)):
        # 三四个 (three or four), 三四五六年级 (grades 3 to 6): each digit may be written on its own
        return [Quantity(value=Decimal(_DIGIT[ch]), kind=CARDINAL, span=(start + i, start + i + 1), text=ch,
                         readings=(("n", Decimal(_DIGIT[ch])),), weak=True) for i, ch in enumerate(raw)]
    if not ordinal and not unit_word:
        if before == "月" and 1 <= value <= 31:  # 二月二
            return Quantity(value=value, kind=DAY, span=(start, end), text=raw, readings=(("n", value),),
                            weak=value < 10)
        if not (nxt in _MEASURE or h1 or h2 or big):
            return False  # 一起, 万一, 五湖四海: a numeral in characters needs a measure word
    return None


def _hedge(hedge: Hedge, h1: str, h2: str, value: Decimal,
           precision: Decimal) -> tuple[Hedge, tuple[Number, Number] | None]:
    """The hedge and the interval a numeral's hedge words give it (50余万: over, 500,000 to 600,000)."""
    interval = (value, value + precision) if h1 in ("余", "多", "几") or h2 in ("余", "多") else None
    suffix_hedge = _HEDGE_SUFFIX.get(h1, "") or _HEDGE_SUFFIX.get(h2, "")
    if hedge and suffix_hedge and hedge != suffix_hedge:
        # 近20多年: nearly twenty-odd years, neither more nor less; 最高2mm左右: at most, about 2 mm
        return ("about" if suffix_hedge != "about" else hedge), interval
    return hedge or suffix_hedge, interval  # type: ignore[return-value]


UnitKind = tuple[str, Decimal, Decimal, str, str, Number, tuple[tuple[str, Number], ...], bool]


def _unit_kind(word: str, value: Decimal, precision: Decimal, ar: str, run: str, folded: str,
               start: int) -> UnitKind:
    """Kind, value, precision, unit, dimension, factor, extra readings and ambiguity a unit word gives."""
    reader = _UNIT_WORDS.get(word)
    if reader is not None:
        return reader(value, precision, ar, run, folded, start)
    if word.endswith("百分点"):
        return POINTS, value, precision, "", "", _ONE, (), False
    if word.startswith("个") and word.endswith("月"):
        return CARDINAL, value, precision, "months", "", _ONE, (), False
    if word in ZH_UNITS:
        dim, factor, unit = ZH_UNITS[word]
        return CARDINAL, value, precision, unit, dim, factor, (), False
    if word.endswith(("基点", "基本点")):
        return POINTS, value / 100, precision / 100, "", "", _ONE, (), False
    found = en_unit(word)
    if found:
        dim, factor, unit = found
        return CARDINAL, value, precision, unit, dim, factor, (), False
    return CARDINAL, value, precision, "", "", _ONE, (), False


def _plain(kind: str, unit: str = "") -> Callable[..., UnitKind]:
    def read(value: Decimal, precision: Decimal, *_: object) -> UnitKind:
        return kind, value, precision, unit, "", _ONE, (), False
    return read


def _times(value: Decimal, precision: Decimal, ar: str, run: str, folded: str, start: int) -> UnitKind:
    if _GROWTH.search(folded, max(0, start - 6), start):
        # 增长两倍: ×3 by the rule books, ×2 in everyday usage; 增长一倍 is plainly ×2
        if value == 1:
            return MULTIPLIER, Decimal(2), precision, "", "", _ONE, (), False
        return MULTIPLIER, value, precision, "", "", _ONE, (("mul", value + 1),), True
    return MULTIPLIER, value, precision, "", "", _ONE, (), False


def _year(value: Decimal, precision: Decimal, ar: str, run: str, folded: str, start: int) -> UnitKind:
    if (len(ar) == 4 and 1000 <= value <= 2200) or len(run) == 4:
        return YEAR, value, precision, "", "", _ONE, (), False
    return CARDINAL, value, precision, "years", "", _ONE, (), False


def _month(value: Decimal, precision: Decimal, *_: object) -> UnitKind:
    if 1 <= value <= 12 and value == int(value):
        return MONTH, value, precision, "", "", _ONE, (), False
    return CARDINAL, value, precision, "months", "", _ONE, (), False


def _day(value: Decimal, precision: Decimal, *_: object) -> UnitKind:
    kind = DAY if 1 <= value <= 31 and value == int(value) else CARDINAL
    return kind, value, precision, "", "", _ONE, (), False


def _clock(value: Decimal, precision: Decimal, *_: object) -> UnitKind:
    if 0 <= value <= 24 and value == int(value):  # 15时 may be "3 p.m."
        return TIME, value, precision, "", "", _ONE, (("n", value - 12 if value > 12 else value + 12),), False
    return CARDINAL, value, precision, "", "", _ONE, (), False


def _decade(value: Decimal, precision: Decimal, ar: str, *_: object) -> UnitKind:
    # 80年代 / 90后 / 95后: the 1980s / people born in the 1990s / born in 1995
    return YEAR, value + (1900 if value >= 30 else 2000), precision, "", "", _ONE, (), False


def _decades(value: Decimal, precision: Decimal, *rest: Any) -> UnitKind:
    return (_decade if value < 100 and value % 10 == 0 else _plain(CARDINAL))(value, precision, *rest)


def _born(value: Decimal, precision: Decimal, ar: str, *rest: Any) -> UnitKind:
    return (_decade if len(ar) == 2 else _plain(CARDINAL))(value, precision, ar, *rest)


# unit words read as a kind of figure (the other units are in ZH_UNITS)
_UNIT_WORDS: dict[str, Callable[[Decimal, Decimal, str, str, str, int], UnitKind]] = {
    "%": _plain(PERCENT), "倍": _times, "年": _year, "月": _month, "月份": _month, "日": _day, "号": _day,
    "点": _clock, "时": _clock, "点半": _clock, "岁": _plain(CARDINAL, "years old"), "年代": _decades, "后": _born,
    "世纪": _plain(ORDINAL),  # 20世纪 = the 20th century, often rendered by decades instead
    "升": _plain(CARDINAL, "L"),
}


def _weak_numeral(words: bool, shown: Number, kind: str, ordinal: bool, interval: object, h1: str, unit_word: str,
                  folded: str, start: int, end: int) -> bool:
    """Small numbers in characters (一个, 两国) and the digit 1 (1个 → "a") come and go in translation.

    An explicit 第 with 2 or more (第三届) is kept strong: "the third" is rarely left out, and
    第1 in digits is a ranking (排名第1), never an idiom like 第一时间; so is a count of things in
    a row (连续三年: "three years in a row").
    """
    return ((words and shown < 10 and kind in (CARDINAL, ORDINAL, DAY, TIME) and not (ordinal and shown >= 2)) or
            (shown in (0, 1) and kind in (CARDINAL, ORDINAL, TIME) and not interval and not (ordinal and not words))
            or h1 == "几" or unit_word == "世纪"
            or (ordinal and shown == 2 and folded.startswith(("天", "年", "日"), end))) \
        and not (start >= 2 and folded.startswith("连续", start - 2) and shown > 1) \
        and not (not ordinal and (shown >= 2 or not words) and _duration(shown, unit_word, folded, start, end))


# A count of days, weeks, hours... (七天, 两岁, 1小时) is the length of something, not a count that
# comes and goes in translation, except in set phrases: 今明两天 ("today and tomorrow"), 四周 (all
# around), 两周 ("a fortnight")
_DURATIONS = ("天", "周", "星期", "小时", "分钟", "秒", "毫秒", "个月", "个小时", "个星期")
_DAY_PAIRS = ("今明", "昨今", "明后", "前后")


def _duration(shown: Number, unit_word: str, folded: str, start: int, end: int) -> bool:
    if unit_word == "岁":
        return True
    if not folded.startswith(_DURATIONS, end):
        return False
    if folded.startswith(("周", "星期"), end) and shown in (2, 4):
        return False
    return not (start >= 2 and folded.startswith(_DAY_PAIRS, start - 2))


_READERS: dict[str | None, Reader] = {
    "ymd": _ymd, "model": _model, "roman": _roman, "double": _double, "first": _first, "bare": _bare,
    "ident": _ident, "fan": _fan, "half": _half, "pct100": _pct100, "chengbei": _chengbei, "plan": _plan,
    "pctn": _percent, "fnum": _fraction, "vmag": _vague,
    "plenum": _plenum, "streak": _streak, "enum": _enum, "halfyear": _halfyear, "quarter": _quarter,
    "cn": _numeral, "ar": _numeral, "arsuf": _numeral, "armag": _numeral, "ar2": _numeral,
}


def _quantity(m: re.Match[str], folded: str, text: str) -> Read:
    return _READERS[m.lastgroup](m, folded, text)


def _num(text: str) -> tuple[Decimal | None, Decimal, bool]:
    """Value, precision and whether it was written in characters, for either numeral style."""
    if text[0] in "0123456789":
        value, precision = read_arabic(text)
        return value, precision, False
    value = parse_cn(text)
    return value, (_cn_precision(text, value) if value is not None else Decimal(1)), True


def _suffix_hedge(folded: str, end: int) -> tuple[int, str]:
    tail = _TAIL.match(folded, end)
    h = tail["h2"] if tail and not tail["unit"] and not tail["h1"] else None
    if h:
        return tail.end(), _HEDGE_SUFFIX.get(h, "")
    return end, ""


def _ident_key(text: str) -> str:
    return text.replace("-", "").replace(" ", "").lower()


_APPROX = re.compile(f"([{_D}])([{_D}])([十百千万萬亿億]*)")


def _approximate_cn(raw: str, start: int, text: str) -> list[Quantity] | None:
    """五六百 (500 or 600), 七八十 (70 or 80): both ends, weak, hedged; None if not that shape."""
    m = _APPROX.fullmatch(raw)
    if m is None or _DIGIT[m[2]] != _DIGIT[m[1]] + 1:
        return None
    mag = _mag(m[3]) if m[3] else 1
    low, high = Decimal(_DIGIT[m[1]] * mag), Decimal(_DIGIT[m[2]] * mag)
    span = (start, start + len(raw))
    return [Quantity(v, CARDINAL, span, raw, hedge="about", interval=(low, high), readings=(("n", v),), weak=True)
            for v in (low, high)]
