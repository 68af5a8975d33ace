"""The English dictionary the spelling and untranslated rules share, loaded once and only when asked.

The word list is pyspellchecker's English frequency dictionary (about 160,000 words, American
spelling, shipped inside the package: every machine and CI run sees the same list). British
forms it lacks are accepted when their American form is in it (``american``: colour → color,
organisation → organization, centre → center, defence → defense, travelled → traveled,
programme → program, catalogue → catalog), which is also how the spelling-variant rule tells
the two conventions apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

# British → American, as (pattern, replacement) on a lower-case word; the first that yields a
# dictionary word wins. "our" only after three letters and not in words English spells -our
# everywhere (four, hour, tour, contour...).
_BRITISH = (
    ("ise", re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers|able)$"), r"iz\1"),
    ("yse", re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing|er|ers)$"), r"yz\1"),
    ("our", re.compile(r"(?<=[a-z]{3})our(s|ed|ing|ite|ites|able|er|ers|ful|less|ist|ists)?$"), r"or\1"),
    ("re", re.compile(r"(?<=[a-z]{2}[^aeiou])re(s|d)?$"), r"er\1"),
    ("ence", re.compile(r"(?<=[a-z]{2})(?<=f|c)ence(s)?$"), r"ense\1"),
    ("ogue", re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
    ("ll", re.compile(r"^([a-z]*[aeiou][^aeiou]+[aeiou])ll(ed|ing|er|ers|ery)$"), r"\1l\2"),
    ("mme", re.compile(r"(?<=[a-z]{4})mme(s)?$"), r"m\1"),
    ("ae", re.compile(r"^(p|an|h|orth|gyn|arch|encyclop)ae"), r"\1e"),
    ("oe", re.compile(r"^(man|oestr|foet|diarr|oesoph)oe"), r"\1e"),
)
_NOT_BRITISH = frozenset({
    "four", "hour", "hours", "tour", "tours", "toured", "touring", "pour", "poured", "pouring", "flour", "sour",
    "dour", "contour", "contours", "detour", "detours", "velour", "amour", "paramour", "troubadour", "devour",
    "devoured", "scour", "scoured", "your", "yours", "ours", "fire", "hire", "wire", "tire", "sire", "dire",
    "genre", "genres", "acre", "acres", "ogre", "massacre", "mediocre", "lucre", "cadre", "cadres", "padre",
    "macabre", "timbre", "sabre", "fence", "fences", "hence", "whence", "thence", "science", "sciences",
    "conscience", "silence", "excellence", "influence", "condolence", "essence",
})


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str] | None:
    """Lower-case English words (pyspellchecker's list), or None when the package is missing."""
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return None
    return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary)


def american(word: str) -> tuple[str, str] | None:
    """``(american form, convention)`` when lower-case ``word`` is a British spelling of a dictionary word."""
    words = dictionary()
    if words is None or word in _NOT_BRITISH:
        return None
    for convention, pattern, replacement in _BRITISH:
        if pattern.search(word):
            candidate = pattern.sub(replacement, word)
            if candidate != word and candidate in words:
                return candidate, convention
    return None


def known(word: str) -> bool:
    """``word`` (any case) is an English word, in American or British spelling."""
    words = dictionary()
    if words is None:
        return True  # without a dictionary nothing is unknown
    lower = word.lower()
    return lower in words or american(lower) is not None
