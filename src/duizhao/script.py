"""The only OpenCC wrapper: Traditional→Simplified conversion and text normalisation.

Converters are created once per process (building one reads OpenCC's dictionaries, which is
slow) and normalisation is what makes 「鄉村振興」 and “乡村振兴” the same source text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

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


@cache
def converter(config: str = "t2s") -> opencc.OpenCC:
    """A cached OpenCC converter (``t2s``, ``tw2s``, ``hk2s``, ``s2t``...)."""
    return opencc.OpenCC(config)


# ``hk2s`` is ``t2s`` plus the Hong Kong variant table (衞→卫, 綫→线), and it leaves Taiwan
# standard forms no worse than ``t2s`` does, so one converter serves mainland, TW and HK text.
SIMPLIFY_CONFIG = "hk2s"


def to_simplified(text: str) -> str:
    """Traditional (incl. Taiwan and Hong Kong forms) to Simplified; Simplified text is unchanged."""
    if text.isascii():
        return text
    return converter(SIMPLIFY_CONFIG).convert(text)


_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def fold_width(text: str) -> str:
    """Full-width ASCII (ＡＢＣ１２３) to half-width; CJK punctuation is left as it is."""
    if not _FULL_WIDTH.search(text):
        return text
    return "".join(chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" and ch not in "，；：！？（）" else ch
                   for ch in text)


def normalise_zh(text: str) -> str:
    """Chinese text in the one form used for matching and comparison (not for display)."""
    text = fold_width(to_simplified(text)).translate(_QUOTE_FOLD)
    return _SPACE.sub(" ", text).strip()


def normalise_en(text: str) -> str:
    """English text folded for comparison: NFKC, straight quotes, plain hyphens, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_EN_QUOTE_FOLD)
    return _SPACE.sub(" ", text).strip()


# --- matching form with an offset map --------------------------------------------------------
# Quotes and brackets are dropped (“一带一路”, 「一帶一路」 and 一带一路 are one term) and so is
# whitespace (a stray space inside a Chinese phrase is a typing slip, not a different word).
_DROP_FOR_MATCH = frozenset("“”‘’\"'「」『』﹁﹂﹃﹄〝〞＂＇《》〈〉 \t\n\r\u3000\u00a0\u200b")


def _simplify_aligned(text: str) -> str:
    """``to_simplified`` that keeps one output character per input character.

    OpenCC's phrase tables can (rarely) change the length of a run; when they do, the text is
    converted one character at a time instead, and a character whose conversion is not a
    single character is kept as it is, so offsets into the original stay exact.
    """
    converted = to_simplified(text)
    if len(converted) == len(text):
        return converted
    conv = converter(SIMPLIFY_CONFIG)
    out = []
    for ch in text:
        one = conv.convert(ch) if not ch.isascii() else ch
        out.append(one if len(one) == 1 else ch)
    return "".join(out)


def match_form_zh(text: str) -> tuple[str, list[int] | range]:
    """Chinese text in the form glossary matching uses, with a map back to ``text``.

    Returns ``(form, offsets)`` where ``offsets[i]`` is the index in ``text`` of ``form[i]``:
    Simplified script, half-width ASCII, lower-case Latin letters, no quotes, brackets of
    titles or whitespace. A match ``form[a:b]`` is ``text[offsets[a]:offsets[b - 1] + 1]``.
    """
    simple = fold_width(_simplify_aligned(text))
    if len(simple) != len(text):  # fold_width is 1:1 by construction; guard the invariant
        simple = text
    if not simple.isascii() or _HAS_UPPER.search(simple):
        simple = simple.translate(_ASCII_LOWER)
    if not _DROP_RE.search(simple):  # the common case: nothing to drop, offsets are the identity
        return simple, range(len(simple))
    parts: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _DROP_RE.finditer(simple):
        parts.append(simple[position:match.start()])
        offsets.extend(range(position, match.start()))
        position = match.end()
    parts.append(simple[position:])
    offsets.extend(range(position, len(simple)))
    return "".join(parts), offsets


_DROP_RE = re.compile("[" + re.escape("".join(sorted(_DROP_FOR_MATCH))) + "]+")
_HAS_UPPER = re.compile("[A-Z]")
_ASCII_LOWER = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})


def match_key_zh(text: str) -> str:
    """The matching form of a glossary entry's ``zh`` (see ``match_form_zh``)."""
    return match_form_zh(text)[0]


# ASCII punctuation typed in Chinese text, folded to the full-width forms Chinese uses, so that
# 你好,世界 and 你好，世界 compare equal in consistency checks.
_ZH_PUNCT_FOLD = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", "(": "（", ")": "）"})
_ANY_SPACE = re.compile(r"\s+")


def compare_key_zh(text: str) -> str:
    """A Chinese sentence reduced to what makes it a different sentence.

    Script, character width, quote style, ASCII vs Chinese punctuation and whitespace do not;
    everything else does. Used by consistency checks, never for display.
    """
    return _ANY_SPACE.sub("", normalise_zh(text)).translate(_ZH_PUNCT_FOLD)


def compare_key_en(text: str) -> str:
    """An English sentence reduced for consistency checks: ``normalise_en`` plus one space style."""
    return normalise_en(text)


def has_traditional(text: str) -> bool:
    """Whether ``text`` contains characters that Simplified Chinese writes differently."""
    return not text.isascii() and to_simplified(text) != text


def traditional_chars(text: str) -> str:
    """The characters of ``text`` that differ from their Simplified form, in order, once each."""
    simple = _simplify_aligned(text)
    return "".join(dict.fromkeys(a for a, b in zip(text, simple, strict=True) if a != b))
