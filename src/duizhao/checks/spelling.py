"""Spelling of the English: ``spelling`` (a word no dictionary knows) and ``spelling-variant-mixed``
(American and British spellings of one pattern in one document).

``spelling`` checks each lower-case word against the English dictionary (``checks.english``:
pyspellchecker's list, British forms accepted through their American ones, regular inflections
and two-word compounds). Never reported: words of the glossary's renderings (Yunzhong,
Jiachen), pinyin (datong, xiaochuan: the names a Chinese text is full of), capitalised words
(the corpus's proper nouns: a dictionary cannot know them, and a misspelt name is the
glossary's business; the price is a typo in a sentence's first word), acronyms, parts of
hyphenated compounds, words with digits, and Latin words the Chinese itself contains. A suggestion is given when the
dictionary has one at one edit.

``spelling-variant-mixed`` groups words by convention pattern: -ise/-ize (organisation,
organization), -our/-or (colour), -re/-er (centre), -ence/-ense (defence), -ll-/-l- (travelled),
-ogue/-og, -mme/-m. A document that uses both sides of one pattern is reported once, naming every
segment. Patterns are kept apart on purpose: Oxford spelling writes "organization" and "colour"
and is consistent.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import Finding, Location, Segment, Severity, Span
from ..spill import split_mapping
from .base import CorpusRule, PairContext, PairRule
from .english import american, dictionary, known
from .untranslated import is_pinyin_word

if TYPE_CHECKING:
    from ..glossary.matcher import GlossaryMatcher

# a word, not a part of a hyphenated compound, an address or a code
_WORD = re.compile(r"(?<![\w@/.\-])[A-Za-z]+(?:['’][a-z]+)?(?![\w@/\-])")
_CLITICS = re.compile(r"(?:n['’]t|['’](?:s|t|d|ll|re|ve|m))$", re.I)

_glossary_words: weakref.WeakKeyDictionary[GlossaryMatcher, frozenset[str]] = weakref.WeakKeyDictionary()


def glossary_words(matcher: GlossaryMatcher | None) -> frozenset[str]:
    """Lower-case words of every rendering and variant of the matcher's glossary (computed once)."""
    if matcher is None:
        return frozenset()
    words = _glossary_words.get(matcher)
    if words is None:
        words = frozenset(w.lower() for term in matcher.terms
                          for rendering in term.renderings for w in re.findall(r"[A-Za-z]+", rendering))
        _glossary_words[matcher] = words
    return words


@lru_cache(maxsize=8192)
def _suggestion(word: str) -> str | None:
    """The dictionary's best word one edit away from ``word``, if any."""
    checker = _checker()
    candidates = checker.candidates(word) if checker is not None else None
    if not candidates:
        return None
    # The most frequent candidate, ties broken alphabetically: the library's own ``correction``
    # takes ``max`` over a set, so equal frequencies made the suggestion depend on PYTHONHASHSEED.
    best = min(candidates, key=lambda candidate: (-checker[candidate], candidate))
    return best if best != word else None


@lru_cache(maxsize=1)
def _checker() -> Any:
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return None
    return SpellChecker(language="en", distance=1)


def misspelt(ctx: PairContext) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the English words no dictionary knows, by the rules above."""
    seg = ctx.segment
    en = seg.en
    words = dictionary()
    if words is None or not en.strip():
        return []
    out = []
    source_latin: set[str] | None = None
    glossary: frozenset[str] | None = None
    for m in _WORD.finditer(en):
        word = m.group()
        if word in words or not word.islower():
            continue  # the usual case; or a proper noun (the corpus's own names), an acronym, a sentence's first word
        if "'" in word or "’" in word:
            word = _CLITICS.sub("", word)
        if len(word) < 3 or not word.isascii():
            continue
        lower = word
        if known(lower) or is_pinyin_word(word):
            continue
        if glossary is None:
            glossary = glossary_words(ctx.matcher)
        if lower in glossary:
            continue
        if source_latin is None:
            source_latin = {w.lower() for w in re.findall(r"[A-Za-z]+", seg.zh)}
        if lower in source_latin:
            continue
        out.append((m.start(), m.start() + len(word), word))
    return out


class Spelling(PairRule):
    id: ClassVar[str] = "spelling"
    text_only: ClassVar[bool] = True  # the glossary is the checker's, fixed for the run, as for term rules
    # WMT21-23 references: 21 per 1,000 pairs, mostly words the dictionary lacks (fentanyl, geminid)
    default_severity: ClassVar[Severity] = Severity.INFO
    summary: ClassVar[str] = ("A word of the English that the dictionary does not know (glossary renderings, pinyin, "
                              "proper nouns and acronyms excepted).")
    why: ClassVar[str] = ("A typo in a published translation costs the whole text its authority; Chinese names and "
                          "the glossary's own words are never flagged, so what is left is worth a look.")
    example: ClassVar[str] = ("推进改革 → advance the refrom: "
                              "\"'refrom' is not in the dictionary (did you mean 'reform'?)\"")

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        for start, end, word in misspelt(ctx):
            suggestion = _suggestion(word.lower())
            hint = f" (did you mean {suggestion!r}?)" if suggestion else ""
            yield self.finding(ctx, f"{word!r} is not in the dictionary{hint}", spans=[Span("en", start, end)],
                               data={"word": word, **({"suggestion": suggestion} if suggestion else {})})


# -- American and British spellings in one document ------------------------------------------

_US_ONLY = {  # American members of a pattern that the forward rules cannot prove (the -or and -er lists)
    "our": ("color", "favor", "honor", "labor", "behavior", "neighbor", "flavor", "humor", "rumor", "harbor",
            "vapor", "vigor", "savior", "armor", "endeavor", "odor", "parlor", "valor", "tumor", "candor",
            "clamor", "rigor", "splendor", "savor", "ardor"),
    "re": ("center", "theater", "fiber", "liter", "caliber", "somber", "luster", "saber", "specter", "meager"),
}
_OR_SUFFIX = re.compile(r"(?:s|ed|ing|ite|ites|able|ably|er|ers|ful|hood|hoods|less|ist|ists)?$")
_NOT_IZE = frozenset({"size", "sizes", "sized", "prize", "prizes", "prized", "seize", "seized", "seizes", "seizing",
                      "capsize", "capsized", "baize", "maize", "citizen"})
_IZE = re.compile(r"[a-z]{3}iz(?:e|es|ed|ing|ation|ations|er|ers|able)$")
_YZE = re.compile(r"[a-z]{2}yz(?:e|es|ed|ing|er|ers)$")
PATTERN_NAMES = {"ise": "-ise/-ize", "yse": "-yse/-yze", "our": "-our/-or", "re": "-re/-er", "ence": "-ence/-ense",
                 "ogue": "-ogue/-og", "ll": "-ll-/-l-", "mme": "-mme/-m", "ae": "ae/e", "oe": "oe/e"}


@lru_cache(maxsize=65536)
def convention(word: str) -> tuple[str, str] | None:
    """``(pattern, "british" | "american")`` of lower-case ``word``, or None when it shows neither."""
    found = american(word)
    if found is not None:
        return found[1], "british"
    if _IZE.search(word) and word not in _NOT_IZE and word in (dictionary() or ()):
        return "ise", "american"
    if _YZE.search(word) and word in (dictionary() or ()):
        return "yse", "american"
    for pattern, roots in _US_ONLY.items():
        for root in roots:
            if word.startswith(root) and _OR_SUFFIX.fullmatch(word[len(root):]):
                return pattern, "american"
    return None


def _described(words: dict[str, list[Location]]) -> str:
    """``organisation (s3, s7), organised (s9)``: each word with its segments, in document order."""
    ordered = sorted(words.items(), key=lambda item: (item[1][0].line, item[0]))
    return ", ".join(f"{w} ({', '.join(dict.fromkeys(p.segment for p in places))})" for w, places in ordered)


#: at most this many places are kept per word and side (a memory of a million pairs repeats them)
_KEEP = 20


class SpellingVariantMixed(CorpusRule):
    id: ClassVar[str] = "spelling-variant-mixed"
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("Within one document, American and British spellings of one pattern "
                              "(organization/organisation, color/colour, center/centre).")
    why: ClassVar[str] = ("Either convention is fine; both in one text look careless and make search miss half the "
                          "occurrences. Oxford spelling (-ize with colour) is one convention per pattern, so each "
                          "pattern is judged on its own.")
    example: ClassVar[str] = ("organisation in s3, organization in s9: \"-ise/-ize spelt both ways in this document: "
                              "British organisation (s3); American organization (s9)\"")

    def new_state(self) -> dict[tuple[str, str, str], dict[str, dict[str, list[Location]]]]:
        return {}

    def observation(self, ctx: PairContext) -> tuple[tuple[str, str, str], ...] | None:
        en = ctx.segment.en
        if not en.strip():
            return None
        marked = []
        # capitalised words are left out: names keep their own spelling (Historic Centre of Macau)
        for word in {w for w in re.findall(r"[A-Za-z]+", en) if len(w) >= 4 and w.islower()}:
            found = convention(word)
            if found is not None:
                marked.append((found[0], found[1], word))
        return tuple(sorted(marked)) or None

    def record(self, state: dict, observation: tuple[tuple[str, str, str], ...], segment: Segment) -> None:
        doc = segment.doc
        where = Location(file=doc.file, line=segment.line, segment=segment.id, doc=doc.id)
        for pattern, side, word in observation:
            places = state.setdefault((doc.file, doc.id, pattern), {}).setdefault(side, {}).setdefault(word, [])
            if len(places) < _KEEP:
                places.append(where)

    def merge(self, earlier: dict, later: dict) -> dict:
        for key, sides in later.items():
            mine = earlier.setdefault(key, {})
            for side, words in sides.items():
                held = mine.setdefault(side, {})
                for word, places in words.items():
                    kept = held.setdefault(word, [])
                    kept.extend(places[: max(0, _KEEP - len(kept))])
        return earlier

    def split(self, state: dict, parts: int) -> list[dict]:
        """By document (``spill.SplitsState``)."""
        return split_mapping(state, parts, key=lambda k: k[:2])

    def finish(self, state: dict) -> Iterable[Finding]:
        for (_, _, pattern), sides in state.items():
            if len(sides) < 2:
                continue

            british, us = sides["british"], sides["american"]
            minority = "british" if sum(map(len, british.values())) <= sum(map(len, us.values())) else "american"
            anchor = min((p for places in sides[minority].values() for p in places), key=lambda p: (p.line, p.segment))
            involved = [p for words in sides.values() for places in words.values() for p in places]
            yield self.finding(
                anchor,
                f"{PATTERN_NAMES[pattern]} spelt both ways in this document: British {_described(british)}; "
                f"American {_described(us)}",
                related=tuple(dict.fromkeys(p for p in involved if p != anchor)),
                data={"pattern": PATTERN_NAMES[pattern], "british": sorted(british), "american": sorted(us)},
            )
