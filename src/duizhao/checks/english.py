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
    # -ise in American English too (the dictionary lists an old -ize variant of some)
    "advertise", "advise", "apprise", "arise", "chastise", "circumcise", "comprise", "compromise", "demise",
    "despise", "devise", "disguise", "enterprise", "excise", "exercise", "expertise", "franchise", "improvise",
    "incise", "merchandise", "premise", "reprise", "revise", "supervise", "surmise", "surprise", "televise",
    "treatise", "wise", "otherwise", "likewise", "promise", "precise", "concise",
    "analyses", "paralyses",  # plurals of analysis, paralysis
})


def _base(word: str) -> str:
    """``surprises``/``surprised``/``surprising`` → ``surprise``, for the list above."""
    for suffix, restore in (("ing", "e"), ("es", "e"), ("ed", "e"), ("s", ""), ("d", "")):
        if word.endswith(suffix) and word[: -len(suffix)] + restore in _NOT_BRITISH:
            return word[: -len(suffix)] + restore
    return word


# Words of today's news and policy English that the frequency list (built from older text) lacks.
_CURRENT_WORDS = """
    app apps etc www online offline email emails website websites webpage blog blogs weblog login logout
    smartphone smartphones internet netizen netizens livestream livestreaming livecast coronavirus covid
    fintech bitcoin blockchain cryptocurrency ecommerce startup startups informatization digitalization
    digitalize impactful wellbeing healthcare cafes selfie selfies hashtag hashtags broadband dropshipping
    cybersecurity cyberspace metaverse chatbot chatbots megacity megacities rebrand subdistrict subdistricts
"""
_CURRENT = frozenset(_CURRENT_WORDS.split())


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str] | None:
    """Lower-case English words (pyspellchecker's list and ``_CURRENT``), or None when the package is missing."""
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return None
    return frozenset(SpellChecker(language="en", distance=1).word_frequency.dictionary) | _CURRENT


@lru_cache(maxsize=65536)
def american(word: str) -> tuple[str, str] | None:
    """``(american form, convention)`` when lower-case ``word`` is a British spelling of a dictionary word."""
    words = dictionary()
    if words is None or word in _NOT_BRITISH or _base(word) in _NOT_BRITISH:
        return None
    for convention, pattern, replacement in _BRITISH:
        if pattern.search(word):
            candidate = pattern.sub(replacement, word)
            if candidate != word and candidate in words:
                return candidate, convention
    return None


_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
                ("er", ""), ("ers", ""), ("ly", ""), ("'s", ""))


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """``word`` (any case) is an English word, in American or British spelling, or a regular
    inflection (opioids, encodings) or a compound of two (photoshoot, biosensor) of such words."""
    words = dictionary()
    if words is None:
        return True  # without a dictionary nothing is unknown
    lower = word.lower()
    if lower in words or american(lower) is not None:
        return True
    for suffix, restore in _INFLECTIONS:
        if lower.endswith(suffix) and len(lower) - len(suffix) >= 3:
            stem = lower[: -len(suffix)] + restore
            if stem in words or american(stem) is not None:
                return True
    if len(lower) >= 8:
        return any(lower[:i] in words and known_simple(lower[i:]) for i in range(3, len(lower) - 2))
    return False


def known_simple(word: str) -> bool:
    """``word`` is in the dictionary as it is, or with a plural s."""
    words = dictionary() or frozenset()
    return word in words or (word.endswith("s") and word[:-1] in words)
