"""The fast candidate scans find exactly the matches a plain ``_TOKEN.finditer`` finds.

Both extractors try their big token regex only where a match can start (en: candidate words
found on the lower-cased text; zh: a set of start characters). That is only correct while
the candidate patterns cover every alternative of the token regexes, so these tests compare
the two ways on the case file and on generated text mixing every kind of figure.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.numbers import en, zh

CASES = yaml.safe_load((Path(__file__).resolve().parents[1] / "cases" / "numbers.yaml").read_text(encoding="utf-8"))


def _strings(node: object) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


TEXTS = sorted(set(_strings(CASES)))


def _same(tokens: list[re.Match[str]], expected: list[re.Match[str]]) -> bool:
    return [(m.span(), m.groupdict()) for m in tokens] == [(m.span(), m.groupdict()) for m in expected]


def _en_same(text: str) -> bool:
    return _same(en._tokens(text), list(en._TOKEN.finditer(text)))


def _zh_same(text: str) -> bool:
    return _same(zh._tokens(text), list(zh._TOKEN.finditer(text)))


def test_case_file_texts_scan_the_same() -> None:
    assert len(TEXTS) > 300
    assert [t for t in TEXTS if not _en_same(t)] == []
    assert [t for t in TEXTS if not _zh_same(t)] == []


_EN_PIECES = [*en.ONES, *en.TENS, *en.ORDINAL_WORDS, *en.SCALES, *en._DENOMINATORS, *en._HEDGES, *en.MONTHS,
              *en._MULT_WORDS, *en._VAGUE, "a", "the", "past", "decade", "century", "centenary", "noon", "midnight",
              "around the clock", "24/7", "several", "few", "fold", "-fold", "percent", "per cent", "%", "times",
              "US$", "HK$", "$", "£", "€", "¥", "RMB", "CNY", "USD", "I", "II", "IV", "XI", "Part", "COVID-19",
              "Ka-52", "5G", "PM2.5", "mid-", "st", "nd", "th", "s", "bn", "m", "k", "kWh", "mu", "km", "of",
              "and", "to", "-", "–", " ", "  ", ",", ".", ":", "(", ")", "1", "2.5", "1,234", "2021", "08", ".5",
              "2021-06-11", "1.2.3", "x", "word", "May", "may", "March", "Jan.", "Sept", "ſ", "K", "ı"]
_ZH_PIECES = [*zh._DIGIT, *zh._SMALL, *zh._BIG, *zh._HEDGE_PREFIX, *zh._HEDGE_SUFFIX, *zh._MEASURE, "第", "分之",
              "百分之", "点", "翻", "番", "倍", "半", "成", "双十一", "首届", "十四五", "数", "几", "上", "个百分点",
              "%", "１２", "．", "5G", "PM2.5", "Ⅱ", "III", "级", "COVID-19", "2021.6.11", "1,234", "3", "45.6",
              "x", "ab", "至", "-", "—", "（", "）", "、", "千瓦时", "公里", "的", "是", "年", "月", "日",
              # characters that start a token only before certain others, and Latin words
              "大", "不", "高", "低", "接", "将", "多", "过", "双", "十", "GB", "A", "V", "IX", "Ka-52", "x5", " "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_EN_PIECES), max_size=14).map(" ".join),
       st.lists(st.sampled_from(_EN_PIECES), max_size=14).map("".join))
def test_generated_english_scans_the_same(spaced: str, glued: str) -> None:
    assert _en_same(spaced)
    assert _en_same(glued)
    assert _en_same(spaced.upper())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ZH_PIECES), max_size=14).map("".join))
def test_generated_chinese_scans_the_same(text: str) -> None:
    assert _zh_same(text)


def test_case_traps_are_every_letter_ignorecase_folds_to_ascii() -> None:
    # The English scan lower-cases the text; that is only exact without these characters.
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    folding = set(re.findall("(?i)[a-z]", everything)) - set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    longer = {ch for ch in everything if len(ch.lower()) != 1}
    assert folding | longer == set(en._CASE_TRAPS.pattern.strip("[]"))
