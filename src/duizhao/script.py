"""The only OpenCC wrapper: Traditional→Simplified conversion and text normalisation.

Converters are created once per process (building one reads OpenCC's dictionaries, which is
slow) and normalisation is what makes 「鄉村振興」 and “乡村振兴” the same source text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

# Quotes and brackets that differ between mainland, Taiwan/HK and ASCII typing but never
# change meaning; folded to one form so they neither block a match nor split consistency.
_QUOTE_FOLD = str.maketrans({
    "「": "“", "」": "”", "『": "‘", "』": "’", "\"": "“", "﹁": "“", "﹂": "”",
    "'": "’", "‘": "’", "〝": "“", "〞": "”", "＂": "“",
})
_EN_QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "′": "'",
                                "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=None)
def converter(config: str = "t2s") -> opencc.OpenCC:
    """A cached OpenCC converter (``t2s``, ``tw2s``, ``hk2s``, ``s2t``...)."""
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional (incl. Taiwan and Hong Kong forms) to Simplified; Simplified text is unchanged."""
    if text.isascii():
        return text
    return converter("t2s").convert(text)


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢＣ１２３) to half-width; CJK punctuation is left as it is."""
    return "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" and ch not in "，；：！？（）" else ch
                   for ch in text) if any("\uff01" <= ch <= "\uff5e" for ch in text) else text


def normalise_zh(text: str) -> str:
    """Chinese text in the one form used for matching and comparison (not for display)."""
    text = fold_width(to_simplified(text)).translate(_QUOTE_FOLD)
    return _SPACE.sub(" ", text).strip()


def normalise_en(text: str) -> str:
    """English text folded for comparison: NFKC, straight quotes, plain hyphens, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_EN_QUOTE_FOLD)
    return _SPACE.sub(" ", text).strip()
