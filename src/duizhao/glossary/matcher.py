"""``TermMatcher``: the one object checks use to find glossary terms on both sides of a pair."""

from __future__ import annotations

from typing import Protocol

from ..model import Glossary, Term
from .en import EnHit, EverywhereIndex, TermPatterns, plain_case
from .zh import ZhHit, ZhIndex


class GlossaryMatcher(Protocol):
    """What rules (through ``checks.PairContext``) and pair views ask of a glossary matcher.

    Both finders take the pair's shared preparation (``script.to_simplified`` of the Chinese,
    ``lower()`` of the English) when the caller has it, so it is computed once per pair and
    not once per term. ``TermMatcher`` is the implementation; tests stand in their own.
    """

    @property
    def terms(self) -> tuple[Term, ...]:
        """The active terms matched (spelling rules take their glossary words from them)."""
        ...

    def find_zh(self, text: str, simplified: str | None = None) -> list[ZhHit]:
        """Glossary terms in Chinese ``text``, sorted by position (``simplified``: ``to_simplified(text)``)."""
        ...

    def find_en(self, text: str, term: Term, lowered: str | None = None) -> list[EnHit]:
        """Renderings of ``term`` in English ``text``, by position (``lowered``: ``text.lower()``)."""
        ...

    def find_forbidden_everywhere(self, text: str) -> list[EnHit]:
        """Renderings forbidden anywhere in the English."""
        ...


class TermMatcher:
    """Matches a glossary's active terms (approved and proposed; deprecated ones are skipped).

    Build it once per run: the Chinese automaton is built here, English patterns on first
    use per term. ``find_zh`` then costs one normalisation and one automaton pass per pair;
    ``find_en`` one regular-expression attempt per place where a rendering of a term the
    Chinese contains can start (``TermPatterns.find``).

    Satisfies ``GlossaryMatcher``: both finders take the pair's shared preparation.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.terms: tuple[Term, ...] = glossary.active_terms
        self.zh_index = ZhIndex(self.terms)
        self.everywhere = EverywhereIndex(self.terms)
        self._patterns: dict[int, TermPatterns] = {}
        self._plain: tuple[str | None, str | None, bool] = (None, None, False)

    def __getstate__(self) -> dict[str, object]:
        # compiled English patterns are keyed by object identity, which does not survive pickling
        return {**self.__dict__, "_patterns": {}, "_plain": (None, None, False)}

    def find_zh(self, text: str, simplified: str | None = None) -> list[ZhHit]:
        """Glossary terms in Chinese ``text``: longest first, non-overlapping, sorted by position.

        ``simplified`` is ``script.to_simplified(text)`` when the caller already has it.
        """
        return self.zh_index.find(text, simplified)

    def patterns(self, term: Term) -> TermPatterns:
        key = id(term)
        found = self._patterns.get(key)
        if found is None or found.term is not term:
            found = self._patterns[key] = TermPatterns(term)
        return found

    def find_en(self, text: str, term: Term, lowered: str | None = None) -> list[EnHit]:
        """Approved, variant and forbidden renderings of ``term`` in English ``text``, by position.

        ``lowered`` is ``text.lower()`` when the caller already has it (one per pair, not per term).
        """
        found = self._patterns.get(id(term))  # ``patterns(term)``, inline: this runs for every term of every pair
        if found is None or found.term is not term:
            found = self.patterns(term)
        if lowered is None:
            return found.find(text)
        # whether the pair's English is plain_case: asked once per pair, not once per term
        last = self._plain
        if last[0] is not text or last[1] is not lowered:
            last = self._plain = (text, lowered, plain_case(text, lowered))
        return found.find(text, lowered, last[2])

    def find_forbidden_everywhere(self, text: str) -> list[EnHit]:
        """Renderings forbidden anywhere in the English (entries with ``forbidden_everywhere: true``)."""
        return self.everywhere.find(text)
