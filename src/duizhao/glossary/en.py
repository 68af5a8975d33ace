"""Finding a term's English renderings in a translation, tolerant of grammar, strict on words.

A rendering becomes one regular expression that accepts what English grammar and typing do
to a phrase without changing it: letter case (unless the entry is ``case_sensitive``),
plural and possessive nouns (zones, zone's, zones'), verb forms (promote → promotes,
promoted, promoting), hyphen or space between words (whole-process / whole process),
straight or curly quotes and apostrophes, quotes around part of the phrase, and a leading
article. Every word of the rendering must be there: "people's democracy" does not satisfy
"whole-process people's democracy".

Patterns are built lazily, per term, the first time a pair's Chinese contains that term, so a
10,000-term glossary costs nothing for the terms a corpus never uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Term
from ..script import normalise_en

APPROVED, VARIANT, FORBIDDEN = "approved", "variant", "forbidden"

# Words grammar does not inflect inside a fixed phrase; inflecting them would only let
# unrelated words ("as" for "a", "thes") slip through.
_STOP = frozenset(("a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "as",
                   "is", "are", "be", "into", "onto", "per", "via", "its", "it", "our", "their", "his", "her",
                   "new"))
_ARTICLES = ("the ", "a ", "an ")
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "build": ("built",), "lead": ("led",), "hold": ("held",), "make": ("made",), "take": ("took", "taken"),
    "give": ("gave", "given"), "set": ("sets", "setting"), "put": ("puts", "putting"), "run": ("ran",),
    "keep": ("kept",), "bring": ("brought",), "seek": ("sought",), "write": ("wrote", "written"),
    "drive": ("drove", "driven"), "rise": ("rose", "risen"), "see": ("saw", "seen"), "go": ("went", "gone"),
    "man": ("men",), "woman": ("women",), "child": ("children",), "person": ("persons", "people"),
}
_IRREGULAR_BACK = {form: base for base, forms in _IRREGULAR.items() for form in forms}
_VOWELS = frozenset("aeiou")

_QUOTE = "[\"'“”‘’«»「」]"
_SEP_SPACE = rf"{_QUOTE}?(?:\s*[-‐‑‒–—]\s*|\s+){_QUOTE}?"  # a space in the rendering: space or hyphen
_SEP_HYPHEN = rf"{_QUOTE}?(?:\s*[-‐‑‒–—]\s*|\s+)?{_QUOTE}?"  # a hyphen: hyphen, space or closed up
_APOSTROPHE = "['’‘`]"
_POSSESSIVE = "(?:['’]s?)?"
_TOKENS = re.compile(r"[^\W_]+|['\"]|-|\s+|\S")


@dataclass(frozen=True, slots=True)
class EnHit:
    """One rendering of ``term`` found in English text; ``start``/``end`` index that text."""

    term: Term
    rendering: str
    kind: str  # "approved" | "variant" | "forbidden"
    start: int
    end: int


def word_forms(word: str, *, proper: bool = False) -> set[str]:
    """Spellings a word of a fixed phrase may take in running English (lower-case unless ``proper``)."""
    lw = word.lower()
    if not word.isalpha() or len(word) <= 2 or lw in _STOP:
        return {word}
    if proper or word[:1].isupper():  # names and capitalised titles: plural only (Initiatives)
        base = word
        forms = {base, base + "s", base + "es"}
        if lw.endswith("y") and lw[-2:-1] not in _VOWELS:
            forms.add(base[:-1] + "ies")
        return forms
    stems = {lw}
    if lw in _IRREGULAR_BACK:
        stems.add(_IRREGULAR_BACK[lw])
    if lw.endswith("ies") and len(lw) > 4:
        stems.add(lw[:-3] + "y")
    elif lw.endswith("es") and len(lw) > 4:
        stems.update((lw[:-2], lw[:-1]))
    elif lw.endswith("s") and not lw.endswith("ss") and len(lw) > 3:
        stems.add(lw[:-1])
    if lw.endswith("ing") and len(lw) > 5:
        stem = lw[:-3]
        stems.update((stem, stem + "e"))
        if stem[-1] == stem[-2]:
            stems.add(stem[:-1])
    if lw.endswith("ed") and len(lw) > 4:
        stems.update((lw[:-2], lw[:-1]))
        if lw.endswith("ied"):
            stems.add(lw[:-3] + "y")
        if lw[-3] == lw[-4]:
            stems.add(lw[:-3])
    forms: set[str] = set()
    for stem in stems:
        forms.update((stem, stem + "s", stem + "es", stem + "ed", stem + "ing"))
        forms.update(_IRREGULAR.get(stem, ()))
        if stem.endswith("e"):
            forms.update((stem + "d", stem[:-1] + "ing"))
        if stem.endswith("y") and stem[-2:-1] not in _VOWELS:
            forms.update((stem[:-1] + "ies", stem[:-1] + "ied"))
        if (len(stem) >= 3 and stem[-1] not in _VOWELS and stem[-1] not in "wxy"
                and stem[-2] in _VOWELS and stem[-3] not in _VOWELS):  # plan → planned, planning
            forms.update((stem + stem[-1] + "ed", stem + stem[-1] + "ing"))
    return forms


def rendering_pattern(rendering: str, *, case_sensitive: bool = False) -> str:
    """The regular expression (without flags) that accepts ``rendering`` in running text."""
    text = normalise_en(rendering)
    lowered = text.lower()
    article = ""
    for candidate in _ARTICLES:
        if lowered.startswith(candidate) and len(text) > len(candidate):
            text = text[len(candidate):]
            article = r"(?:(?:the|an|a)\s+)?"
            break
    tokens = [t for t in _TOKENS.findall(text)]
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        prev_word = i > 0 and _is_word(tokens[i - 1])
        next_word = i + 1 < len(tokens) and _is_word(tokens[i + 1])
        if _is_word(tok):
            forms = word_forms(tok, proper=case_sensitive) if tok.isalpha() else {tok}
            alternatives = sorted(forms, key=lambda f: (-len(f), f))
            parts.append("(?:" + "|".join(re.escape(f) for f in alternatives) + ")")
            if tok.isalpha() and len(tok) > 2:
                parts.append(_POSSESSIVE)
        elif tok == "'" and prev_word and next_word:
            parts.append(_APOSTROPHE)
        elif tok in "'\"":
            parts.append(_QUOTE + "?")
        elif tok == "-" or tok.isspace():
            j = i
            hyphen = False
            while j < len(tokens) and (tokens[j] == "-" or tokens[j].isspace()):
                hyphen = hyphen or tokens[j] == "-"
                j += 1
            parts.append(_SEP_HYPHEN if hyphen else _SEP_SPACE)
            i = j
            continue
        elif tok in ",;":  # "One Belt, One Road" and "One Belt One Road" are the same rendering
            parts.append(r"\s*[,;，；]?")
        elif tok == "." and i == len(tokens) - 1:  # "U.S." at the end of a sentence or as "U.S"
            parts.append(r"\.?")
        else:
            parts.append(r"\s*" + re.escape(tok) + (r"\s*" if i < len(tokens) - 1 else ""))
        i += 1
    if not parts:
        return r"(?!)"
    body = article + "".join(parts)
    start = r"(?<![^\W_])" if tokens and _is_word(tokens[0]) else ""
    end = r"(?![^\W_])" if tokens and _is_word(tokens[-1]) else ""
    return start + body + end


def rendering_anchor(rendering: str, *, case_sensitive: bool = False) -> str:
    """The longest lower-case literal that every match of ``rendering_pattern(rendering)`` contains."""
    text = normalise_en(rendering)
    best = ""
    for tok in _TOKENS.findall(text):
        if not _is_word(tok):
            continue
        forms = [f.lower() for f in (word_forms(tok, proper=case_sensitive) if tok.isalpha() else {tok})]
        prefix = forms[0]
        for form in forms[1:]:
            while not form.startswith(prefix):
                prefix = prefix[:-1]
        if len(prefix) > len(best):
            best = prefix
    return best


def _is_word(tok: str) -> bool:
    return bool(tok) and (tok[0].isalnum())


class TermPatterns:
    """One compiled expression per term that finds its approved, variant and forbidden renderings.

    Alternatives are ordered longest rendering first, approved before variants before
    forbidden at equal length, so where two renderings could match at one place the fuller
    one is reported.
    """

    __slots__ = ("anchors", "labels", "regex", "term")

    def __init__(self, term: Term, *, include_forbidden: bool = True) -> None:
        self.term = term
        entries: list[tuple[str, str]] = [(term.en, APPROVED)] if term.en else []
        entries += [(v, VARIANT) for v in term.variants]
        if include_forbidden:
            entries += [(f, FORBIDDEN) for f in term.forbidden]
        order = {APPROVED: 0, VARIANT: 1, FORBIDDEN: 2}
        seen: set[str] = set()
        unique = []
        for rendering, kind in entries:
            if rendering and rendering not in seen:
                seen.add(rendering)
                unique.append((rendering, kind))
        unique.sort(key=lambda e: (-len(e[0]), order[e[1]]))
        self.labels = unique
        # A literal every match must contain, per rendering: the longest prefix shared by all
        # accepted spellings of one of its words. Checking these with ``in`` first skips the
        # regular expression for the (common) pairs where no rendering can be present.
        self.anchors = tuple(rendering_anchor(r, case_sensitive=term.case_sensitive) for r, _ in unique)
        if unique:
            body = "|".join(f"({rendering_pattern(r, case_sensitive=term.case_sensitive)})" for r, _ in unique)
            self.regex: re.Pattern[str] | None = re.compile(body, 0 if term.case_sensitive else re.IGNORECASE)
        else:
            self.regex = None

    def find(self, text: str, lowered: str | None = None) -> list[EnHit]:
        """Every rendering of the term in ``text``; ``lowered`` is ``text.lower()`` if already at hand."""
        if self.regex is None or not text:
            return []
        if lowered is None:
            lowered = text.lower()
        if not any(anchor in lowered for anchor in self.anchors):
            return []
        hits = []
        for match in self.regex.finditer(text):
            rendering, kind = self.labels[match.lastindex - 1]  # type: ignore[operator]
            hits.append(EnHit(self.term, rendering, kind, match.start(), match.end()))
        return hits


class EverywhereIndex:
    """One expression for every ``forbidden_everywhere`` rendering of the glossary."""

    def __init__(self, terms: Iterable[Term]) -> None:
        self.labels: list[tuple[Term, str]] = []
        parts = []
        chosen = [(t, f) for t in terms if t.forbidden_everywhere for f in t.forbidden]
        chosen.sort(key=lambda tf: -len(tf[1]))
        for term, rendering in chosen:
            pattern = rendering_pattern(rendering, case_sensitive=term.case_sensitive)
            parts.append(f"({pattern})" if term.case_sensitive else f"((?i:{pattern}))")
            self.labels.append((term, rendering))
        self.regex = re.compile("|".join(parts)) if parts else None

    def find(self, text: str) -> list[EnHit]:
        if self.regex is None or not text:
            return []
        out = []
        for match in self.regex.finditer(text):
            term, rendering = self.labels[match.lastindex - 1]  # type: ignore[operator]
            out.append(EnHit(term, rendering, FORBIDDEN, match.start(), match.end()))
        return out


def claim(hits: Sequence[EnHit]) -> list[EnHit]:
    """Non-overlapping hits across terms, longest first: a span belongs to one rendering.

    "new-type urbanization" is the rendering of 新型城镇化; the "urbanization" inside it must not
    also count as a rendering of 城镇化.
    """
    ordered = sorted(hits, key=lambda h: (h.start - h.end, h.start))
    kept: list[EnHit] = []
    spans: list[tuple[int, int]] = []
    for hit in ordered:
        if any(hit.start < b and a < hit.end for a, b in spans):
            continue
        spans.append((hit.start, hit.end))
        kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return kept
