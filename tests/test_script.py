"""script.py: the fast normalisation paths give exactly what the plain definitions give.

Each fast path (one composed ``translate`` table, ``split``/``join`` for whitespace, skipping
OpenCC for text it cannot change, a lazily computed offset map) is checked against the
straightforward definition it replaces, on hand-picked cases and on generated text.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from duizhao import _opencc_triggers, script

# --- the plain definitions ---------------------------------------------------------------------
_SPACE = re.compile(r"\s+")
_FULL_WIDTH = "，；：！？（）"


def ref_fold_width(text: str) -> str:
    return "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" and ch not in _FULL_WIDTH else ch
                   for ch in text)


def ref_to_simplified(text: str) -> str:
    return script.converter(script.SIMPLIFY_CONFIG).convert(text)


def ref_normalise_zh(text: str) -> str:
    text = ref_fold_width(ref_to_simplified(text)).translate(script._QUOTE_FOLD)
    return _SPACE.sub(" ", text).strip()


def ref_normalise_en(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(script._EN_QUOTE_FOLD)
    return _SPACE.sub(" ", text).strip()


def ref_compare_key_zh(text: str) -> str:
    return re.sub(r"\s+", "", ref_normalise_zh(text)).translate(script._ZH_PUNCT_FOLD)


def ref_match_form_zh(text: str) -> tuple[str, list[int]]:
    simple = "".join(ch.lower() if ch.isascii() else ch for ch in ref_fold_width(script._simplify_aligned(text)))
    kept = [(i, ch) for i, ch in enumerate(simple) if ch not in script._DROP_FOR_MATCH]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


# --- text that exercises every folding ----------------------------------------------------------
_ALPHABET = ("“”‘’\"'「」『』﹁﹂﹃﹄〝〞＂＇《》〈〉 \t\n\r\u3000\u00a0\u200b\x1c\x85\u2028,;:!?()，；：！？（）"
             "ＡＺａｚ０９＃AZazİK09鄉村振興乡村振兴一帶一路发發髮乾干著看憑藉—–‐-…«»′„𠀀")
TEXT = st.text(alphabet=_ALPHABET, max_size=24)

CASES = [
    "", "abc", "「一帶一路」", "“一带一路”", " 乡村 振兴\u3000", "ＧＤＰ增长５％，", "你好,世界(北京)", "鄉村振興",
    "He said “the ‘Belt’ — and Road”", "whole‐process  people’s\tdemocracy", "ﬁnance ½", "\x1c\x85 x \u2028",
]


@pytest.mark.parametrize("text", CASES)
def test_fast_paths_match_the_plain_definitions(text: str) -> None:
    assert script.fold_width(text) == ref_fold_width(text)
    assert script.normalise_en(text) == ref_normalise_en(text)
    assert script.compare_key_zh(text) == ref_compare_key_zh(text)
    assert script.compare_key_zh(text, script.to_simplified(text)) == ref_compare_key_zh(text)
    form, offsets = script.match_form_zh(text)
    assert (form, list(offsets)) == ref_match_form_zh(text)


@given(TEXT)
def test_fast_paths_match_the_plain_definitions_on_generated_text(text: str) -> None:
    test_fast_paths_match_the_plain_definitions(text)


def test_whitespace_list_is_what_python_splits_on() -> None:
    assert set(script._WHITESPACE) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


@pytest.mark.parametrize("text", ["“一带 一路”的「倡议」", "  a b  ", "无需删除"])
def test_offsets_behave_like_a_list(text: str) -> None:
    _, offsets = script.match_form_zh(text)
    expected = ref_match_form_zh(text)[1]
    assert len(offsets) == len(expected)
    assert [offsets[i] for i in range(len(expected))] == expected
    assert list(offsets[1:-1]) == expected[1:-1]
    if expected:
        assert offsets[-1] == expected[-1]
    with pytest.raises(IndexError):
        offsets[len(expected)]


# --- skipping OpenCC ---------------------------------------------------------------------------
def test_fast_path_is_on_when_the_list_covers_the_installed_opencc() -> None:
    if opencc.__version__ != _opencc_triggers.OPENCC_VERSION:
        pytest.skip("another OpenCC release: the coverage check decides (see the next test)")
    assert script.may_change_pattern() is not None  # the release the list was made from passes it
    assert script.may_change_pattern() is script.may_change_pattern()  # decided once


def test_fast_path_is_off_when_opencc_changes_a_character_the_list_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_opencc_triggers, "BMP_TRIGGERS", _opencc_triggers.BMP_TRIGGERS.replace("國", ""))
    assert script._may_change_pattern() is None  # a newer OpenCC with a table entry the list does not know
    monkeypatch.setattr(script, "_MAY_CHANGE", None)  # and then every text goes through OpenCC
    assert script.to_simplified("中華民國") == "中华民国"


def test_no_single_character_changes_without_being_listed() -> None:
    convert = script.converter(script.SIMPLIFY_CONFIG).convert
    missed = [ch for ch in map(chr, range(0x80, 0x10000))
              if not 0xD800 <= ord(ch) <= 0xDFFF and script.to_simplified(ch) == ch and convert(ch) != ch]
    assert missed == []


def test_bundled_corpus_and_glossary_convert_as_opencc_does() -> None:
    root = Path(__file__).resolve().parents[1]
    texts = [line for path in [*root.glob("corpus/*.yaml"), *root.glob("glossary/*.yaml")]
             for line in path.read_text(encoding="utf-8").splitlines()]
    texts += ["乾隆", "乾燥", "看著", "著名", "憑藉", "慰藉", "衞生", "綫路", "𠀀乡村"]
    assert texts
    for text in texts:
        assert script.to_simplified(text) == ref_to_simplified(text), text


def test_trigger_list_is_current() -> None:
    """The stored list is what the installed OpenCC's dictionaries give (regenerate if not)."""
    if opencc.__version__ != _opencc_triggers.OPENCC_VERSION:
        pytest.skip("another OpenCC release: the fast path is off, so the list is not used")
    try:
        generated = _opencc_triggers.generate()
    except (OSError, FileNotFoundError) as error:  # opencc_dict not shipped with this build
        pytest.skip(f"cannot dump OpenCC dictionaries: {error}")
    assert generated == _opencc_triggers.BMP_TRIGGERS
