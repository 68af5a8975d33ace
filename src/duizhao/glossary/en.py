"""Finding a term's English renderings in a translation, tolerant of grammar, strict on words.

A rendering becomes one regular expression that accepts what English grammar and typing do
to a phrase without changing it: letter case (unless the entry is ``case_sensitive``),
plural and possessive nouns (zones, zone's, zones'), verb forms (promote → promotes,
promoted, promoting), hyphen or space between words (whole-process / whole process),
straight or curly quotes and apostrophes, quotes around part of the phrase, and a leading
article. Every word of the rendering must be there: "people's democracy" does not satisfy
"whole-process people's democracy".

Patterns are built lazily, per term, the first time a pair's Chinese contains that term, so a
10,000-term glossary costs nothing for the terms a corpus never uses. A search does not let
``re`` try the pattern at every character: the first word of each rendering gives a literal
every match starts with, found with ``str.find`` in the lower-cased text, and the pattern is
tried only there, with the same hits as ``finditer`` (``TermPatterns._scan``, ``plain_case``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import Term
from ..script import normalise_en

APPROVED, VARIANT, EXPANSION, FORBIDDEN = "approved", "variant", "expansion", "forbidden"

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
    kind: str  # "approved" | "variant" | "expansion" (spelled-out content) | "forbidden"
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


def _without_article(rendering: str) -> tuple[str, bool]:
    """``rendering`` normalised, without a leading article, and whether it had one."""
    text = normalise_en(rendering)
    lowered = text.lower()
    for candidate in _ARTICLES:
        if lowered.startswith(candidate) and len(text) > len(candidate):
            return text[len(candidate):], True
    return text, False


@lru_cache(maxsize=16_384)
def _spellings(tok: str, case_sensitive: bool) -> frozenset[str]:
    """The spellings the pattern accepts for one word token (asked four times per word of a term)."""
    return frozenset(word_forms(tok, proper=case_sensitive) if tok.isalpha() else (tok,))


def _shared_prefix(forms: Iterable[str]) -> str:
    """The longest lower-case prefix all of ``forms`` share."""
    lowered = [f.lower() for f in forms]
    prefix = lowered[0]
    for form in lowered[1:]:
        while not form.startswith(prefix):
            prefix = prefix[:-1]
    return prefix


def rendering_pattern(rendering: str, *, case_sensitive: bool = False) -> str:
    """The regular expression (without flags) that accepts ``rendering`` in running text."""
    text, has_article = _without_article(rendering)
    article = r"(?:(?:the|an|a)\s+)?" if has_article else ""
    tokens = [t for t in _TOKENS.findall(text)]
    parts: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        prev_word = i > 0 and _is_word(tokens[i - 1])
        next_word = i + 1 < len(tokens) and _is_word(tokens[i + 1])
        if _is_word(tok):
            forms = _spellings(tok, case_sensitive)
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
        prefix = _shared_prefix(_spellings(tok, case_sensitive))
        if len(prefix) > len(best):
            best = prefix
    return best


def _word_prefixes(text: str, case_sensitive: bool) -> tuple[str, ...]:
    """Per word of ``text`` (a rendering without its optional article, or an expansion's content
    words), the lower-case prefix all its spellings share: each is in every match's lower-cased text."""
    prefixes = (_shared_prefix(_spellings(tok, case_sensitive)) for tok in _TOKENS.findall(normalise_en(text))
                if _is_word(tok))
    return tuple(dict.fromkeys(p for p in prefixes if p))


def rendering_lead(rendering: str, *, case_sensitive: bool = False) -> tuple[str, bool] | None:
    """Where a match of ``rendering_pattern(rendering)`` can start, for ``TermPatterns.find``.

    ``(prefix, article)``: every match starts at an occurrence of the lower-case ``prefix``
    (shared by all spellings of the first word) in the lower-cased text, or, when ``article``,
    at "the", "an" or "a" before it. ``None`` when that cannot be promised: the rendering does
    not start with a word, or holds a character whose case-insensitive matching is not plain
    ``str.lower`` equality (see ``plain_case``).
    """
    text, article = _without_article(rendering)
    tokens = _TOKENS.findall(text)
    if not tokens or not _is_word(tokens[0]) or not plain_case(text, text.lower()):
        return None
    prefix = _shared_prefix(_spellings(tokens[0], case_sensitive))
    return (prefix, article) if prefix else None


# Words an official spelled-out formula may add, drop or swap between its content words
# ("… and to safeguard the authority of …" / "… and safeguard the authority of …").
_FUNCTION_WORDS = (_STOP - {"new"}) | {"that", "which", "whose", "both", "also"}
_EXPANSION_GAP_WORDS = 3  # at most this many function words between two content words


def _content_words(expansion: str) -> list[str]:
    """The words of ``expansion`` that must all be present, in order (possessive 's dropped)."""
    words = re.findall(r"[^\W_]+(?:['’‘][^\W_]+)*", normalise_en(expansion))
    out = []
    for word in words:
        word = re.sub(r"['’‘]s$", "", word, flags=re.IGNORECASE)
        if word.lower() not in _FUNCTION_WORDS:
            out.append(word)
    return out


def expansion_pattern(expansion: str, *, case_sensitive: bool = False) -> str:
    """The regular expression for a spelled-out formula (``expands_to``), tolerant of function words.

    Every content word must be there, in order, with the tolerance of ``rendering_pattern``
    (inflection, possessive, case); between two of them any punctuation and up to three function
    words (articles, prepositions, conjunctions, "its") may stand, whether or not the glossary's
    wording has them: official texts spell one formula out with small differences of that kind.
    """
    words = _content_words(expansion)
    if not words:
        return r"(?!)"
    function = "|".join(sorted(_FUNCTION_WORDS, key=lambda w: (-len(w), w)))
    gap = rf"(?:[\W_]+(?:(?:{function})[\W_]+){{0,{_EXPANSION_GAP_WORDS}}})"
    parts = []
    for word in words:
        forms = sorted(_spellings(word, case_sensitive), key=lambda f: (-len(f), f))
        parts.append("(?:" + "|".join(re.escape(f) for f in forms) + ")" + _POSSESSIVE)
    return r"(?<![^\W_])" + gap.join(parts) + r"(?![^\W_])"


def expansion_text(expansion: str) -> str:
    """``expansion`` reduced to its content words: what ``rendering_anchor``/``rendering_lead`` look at."""
    return " ".join(_content_words(expansion))


def label_pattern(rendering: str, kind: str, *, case_sensitive: bool = False) -> str:
    """``expansion_pattern`` for spelled-out content, ``rendering_pattern`` for everything else."""
    if kind == EXPANSION:
        return expansion_pattern(rendering, case_sensitive=case_sensitive)
    return rendering_pattern(rendering, case_sensitive=case_sensitive)


#: Characters that ``re.IGNORECASE`` matches other than by ``str.lower`` equality: the lower-case
#: members of every group of characters sharing an upper case but not a lower case (ı with i,
#: ſ with s, ς with σ, µ with μ, some Greek, Cyrillic and Latin variants and two ligatures).
#: ASCII i and s are safe as long as their odd partners are absent from text and rendering.
#: tests/glossary/test_en.py derives the set from Unicode's case mappings and from ``re``'s
#: own matching, so a Python whose ``re`` folds differently fails there, not silently here.
FOLD_EXCEPTIONS = "".join(map(chr, (
    0xB5, 0x131, 0x17F, 0x345, 0x390, 0x3B0, 0x3B2, 0x3B5, 0x3B8, 0x3B9, 0x3BA, 0x3BC, 0x3C0, 0x3C1, 0x3C2,
    0x3C3, 0x3C6, 0x3D0, 0x3D1, 0x3D5, 0x3D6, 0x3F0, 0x3F1, 0x3F5, 0x432, 0x434, 0x43E, 0x441, 0x442, 0x44A,
    0x463, 0x1C80, 0x1C81, 0x1C82, 0x1C83, 0x1C84, 0x1C85, 0x1C86, 0x1C87, 0x1C88, 0x1E61, 0x1E9B, 0x1FBE,
    0x1FD3, 0x1FE3, 0xA64B, 0xFB05, 0xFB06,
)))


def _fold_exceptions() -> re.Pattern[str]:
    """A test for a character of ``FOLD_EXCEPTIONS``."""
    return re.compile("[" + "".join(re.escape(c) for c in FOLD_EXCEPTIONS) + "]")


_FOLD_EXCEPTIONS = _fold_exceptions()


def plain_case(text: str, lowered: str) -> bool:
    """Whether ``re.IGNORECASE`` on ``text`` is character-by-character equality of ``lowered``.

    True when ``lowered`` (``text.lower()``) has one character per character of ``text`` and
    neither holds a character the ``re`` module folds specially. Then a case-insensitive match
    at position i of a literal of a plain rendering means ``lowered[i] == literal.lower()``.
    """
    # the exceptions are closed under str.lower, so looking at ``lowered`` covers ``text`` too
    return len(text) == len(lowered) and (text.isascii() or not _FOLD_EXCEPTIONS.search(lowered))


def _is_word(tok: str) -> bool:
    return bool(tok) and (tok[0].isalnum())


class TermPatterns:
    """Finds a term's approved, variant and forbidden renderings (and spelled-out content) in English text.

    Where two renderings could match at one place the fuller one is reported: they are tried
    longest first, approved before variants before forbidden at equal length, as the
    alternatives of one expression (``regex``). Each rendering also has its own expression,
    compiled the first time a text could hold that rendering, so the forbidden renderings a
    translation never uses cost nothing.
    """

    __slots__ = ("_combined", "_single", "anchors", "flags", "labels", "leads", "required", "term", "words")

    def __init__(self, term: Term, *, include_forbidden: bool = True) -> None:
        self.term = term
        entries: list[tuple[str, str]] = [(term.en, APPROVED)] if term.en else []
        entries += [(v, VARIANT) for v in term.variants]
        entries += [(x, EXPANSION) for x in term.expands_to]
        if include_forbidden:
            entries += [(f, FORBIDDEN) for f in term.forbidden]
        order = {APPROVED: 0, VARIANT: 1, EXPANSION: 2, FORBIDDEN: 3}
        seen: set[str] = set()
        unique = []
        for rendering, kind in entries:
            if rendering and rendering not in seen:
                seen.add(rendering)
                unique.append((rendering, kind))
        unique.sort(key=lambda e: (-len(e[0]), order[e[1]]))
        self.labels = unique
        self.flags = 0 if term.case_sensitive else re.IGNORECASE
        # A literal every match must contain, per rendering: the longest prefix shared by all
        # accepted spellings of one of its words. Checking these with ``in`` first skips the
        # regular expressions for the (common) pairs where no rendering can be present.
        cs = term.case_sensitive
        matched = [expansion_text(r) if kind == EXPANSION else r for r, kind in unique]
        self.anchors = tuple(rendering_anchor(r, case_sensitive=cs) for r in matched)
        # Every word of a rendering is in each of its matches: in plain-case text (``_scan``)
        # the prefix all spellings of each word share must be in the lower-cased text, so a
        # rendering some of whose words are absent is never tried, nor its expression compiled.
        self.required = tuple(_word_prefixes(r if kind == EXPANSION else _without_article(r)[0], cs)
                              for r, kind in zip(matched, (kind for _, kind in unique), strict=True))
        # Where matches can start (see ``rendering_lead``): with these, ``find`` tries the
        # expressions only there instead of letting ``re`` try them at every character.
        leads = tuple(rendering_lead(r, case_sensitive=cs) for r in matched)
        self.leads: tuple[tuple[str, bool], ...] | None = (
            leads if unique and None not in leads else None)  # type: ignore[assignment]
        # A one-word rendering ("revitalization", "5G") is matched without an expression: its
        # spellings compared in the lower-cased text (``_word_end``). Compiling one expression
        # costs about a millisecond, and a 10,000-term dictionary glossary has ~17,000 renderings.
        self.words: tuple[tuple[tuple[str, ...], bool] | None, ...] = tuple(
            _one_word(r, cs) if kind != EXPANSION else None for r, kind in unique)
        self._single: list[re.Pattern[str] | None] = [None] * len(unique)
        self._combined: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str] | None:
        """Every rendering in one expression, one group each, in ``labels`` order (compiled on first use)."""
        if self._combined is None and self.labels:
            cs = self.term.case_sensitive
            body = "|".join(f"({label_pattern(r, kind, case_sensitive=cs)})" for r, kind in self.labels)
            self._combined = re.compile(body, self.flags)
        return self._combined

    def pattern(self, index: int) -> re.Pattern[str]:
        """The expression of ``labels[index]`` alone (compiled on first use)."""
        found = self._single[index]
        if found is None:
            rendering = label_pattern(*self.labels[index], case_sensitive=self.term.case_sensitive)
            found = self._single[index] = re.compile(rendering, self.flags)
        return found

    def match_end(self, index: int, text: str, lowered: str, at: int) -> int:
        """Where ``pattern(index).match(text, at)`` ends, or -1 when it does not match (plain-case ``text``)."""
        word = self.words[index]
        if word is not None:
            return _word_end(word, text, lowered, at)
        found = self.pattern(index).match(text, at)
        return -1 if found is None else found.end()

    def find(self, text: str, lowered: str | None = None, plain: bool | None = None) -> list[EnHit]:
        """Every rendering of the term in ``text``, by position, as ``regex.finditer`` finds them.

        ``lowered`` is ``text.lower()`` and ``plain`` is ``plain_case(text, lowered)`` when the
        caller already has them (one per pair, not one per term).
        """
        if not self.labels or not text:
            return []
        if lowered is None:
            lowered = text.lower()
        if self.leads is not None and (plain_case(text, lowered) if plain is None else plain):
            return self._scan(text, lowered)
        return self._find_everywhere(text, lowered)

    def _find_everywhere(self, text: str, lowered: str) -> list[EnHit]:
        """The plain way: the anchor test, then ``finditer`` trying the expression at every character."""
        if not any(anchor in lowered for anchor in self.anchors):
            return []
        labels, term = self.labels, self.term
        return [EnHit(term, *labels[m.lastindex - 1], m.start(), m.end())  # type: ignore[operator]
                for m in self.regex.finditer(text)]  # type: ignore[union-attr]

    def _scan(self, text: str, lowered: str) -> list[EnHit]:
        """What ``_find_everywhere`` finds, trying each rendering only where it can start.

        ``finditer`` tries every position from the end of the last match on and keeps the first
        that matches; at a position the combined expression takes the first rendering (in
        ``labels`` order) that matches there, which is what trying ``pattern(i)`` in that order
        gives. Every position where rendering i can match is among its candidates, a rendering
        whose anchor is absent from plain text cannot match at all, and ``match(text, at)`` is
        the attempt ``finditer`` makes at ``at`` (look-behind sees the text before it). A match
        holds the lead of its first word, so it is never empty and the next search starts at
        its end.
        """
        anchors, leads, labels, term = self.anchors, self.leads, self.labels, self.term
        required = self.required
        active = [i for i, anchor in enumerate(anchors)
                  if anchor in lowered and all(word in lowered for word in required[i])]
        if not active:
            return []
        hits: list[EnHit] = []
        if len(active) == 1 and not leads[active[0]][1]:  # type: ignore[index]
            # the common case: one rendering can be present, and it has no optional article
            index = active[0]
            prefix = leads[index][0]  # type: ignore[index]
            word = self.words[index]
            match = self.pattern(index).match if word is None else None
            at = lowered.find(prefix)
            while at != -1:
                if match is None:
                    end = _word_end(word, text, lowered, at)  # type: ignore[arg-type]
                else:
                    found = match(text, at)
                    end = -1 if found is None else found.end()
                if end < 0:
                    at = lowered.find(prefix, at + 1)
                    continue
                hits.append(EnHit(term, *labels[index], at, end))
                at = lowered.find(prefix, end)
            return hits
        candidates: dict[int, list[int]] = {}  # start → renderings that can start there, in order
        for index in active:
            prefix, article = leads[index]  # type: ignore[index]
            at = lowered.find(prefix)
            while at != -1:
                starts = [at]
                if article:  # "the", "an" or "a" and at least one space before the first word
                    gap = at
                    while gap and lowered[gap - 1].isspace():
                        gap -= 1
                    if gap < at:
                        starts += range(max(gap - 3, 0), gap)
                for start in starts:
                    indexes = candidates.setdefault(start, [])
                    if not indexes or indexes[-1] != index:
                        indexes.append(index)
                at = lowered.find(prefix, at + 1)
        end = 0
        for start in sorted(candidates):
            if start < end:
                continue
            for index in candidates[start]:
                found = self.match_end(index, text, lowered, start)
                if found >= 0:
                    end = found
                    hits.append(EnHit(term, *labels[index], start, end))
                    break
        return hits


def _one_word(rendering: str, case_sensitive: bool) -> tuple[tuple[str, ...], bool] | None:
    """A rendering that is one word and no article, as ``(spellings, possessive)`` for ``_word_end``.

    The spellings are lower-cased in the order ``rendering_pattern`` tries them (longest first);
    ``possessive`` says whether the pattern accepts 's or ' after them. ``None`` for anything
    else, and for case-sensitive entries (whose expression compares the text as written).
    """
    if case_sensitive:
        return None
    text, article = _without_article(rendering)
    tokens = _TOKENS.findall(text)
    if article or len(tokens) != 1 or not _is_word(tokens[0]) or not plain_case(text, text.lower()):
        return None
    token = tokens[0]
    forms = sorted(_spellings(token, False), key=lambda f: (-len(f), f))
    return tuple(f.lower() for f in forms), token.isalpha() and len(token) > 2


def _word_end(word: tuple[tuple[str, ...], bool], text: str, lowered: str, at: int) -> int:
    """Where ``rendering_pattern``'s expression for a one-word rendering, tried at ``at``, ends; -1 if nowhere.

    The same attempt ``re`` makes on plain-case text (``plain_case``): no letter or digit just
    before ``at``; the first spelling, in the pattern's order, found at ``at`` whose end (after
    the longest possessive the pattern takes there: 's, then ', then none) is not followed by
    a letter or digit. ``[^\\W_]`` is ``str.isalnum``.
    """
    if at and text[at - 1].isalnum():
        return -1
    forms, possessive = word
    size = len(text)
    for form in forms:
        if not lowered.startswith(form, at):
            continue
        end = at + len(form)
        if possessive and end < size and text[end] in "'’":
            if end + 1 < size and lowered[end + 1] == "s" and (end + 2 == size or not text[end + 2].isalnum()):
                return end + 2
            if end + 1 == size or not text[end + 1].isalnum():
                return end + 1
        if end == size or not text[end].isalnum():
            return end
    return -1


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
    also count as a rendering of 城镇化. Expansion hits are kept whatever they overlap.
    """
    ordered = sorted((h for h in hits if h.kind != EXPANSION), key=lambda h: (h.start - h.end, h.start))
    kept: list[EnHit] = []
    spans: list[tuple[int, int]] = []
    for hit in ordered:
        if any(hit.start < b and a < hit.end for a, b in spans):
            continue
        spans.append((hit.start, hit.end))
        kept.append(hit)
    # Spelled-out content ("formalism, bureaucratism, hedonism and extravagance" for 四风) is made of
    # other terms' renderings: it neither takes their spans nor loses its own to them.
    kept.extend(h for h in hits if h.kind == EXPANSION)
    kept.sort(key=lambda h: h.start)
    return kept
