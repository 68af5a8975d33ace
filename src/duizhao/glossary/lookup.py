"""``glossary lookup``: find an entry by its Chinese (either script) or English, and where a corpus uses it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Glossary, Segment, Term
from ..script import match_key_zh, normalise_en
from .en import EnHit, claim
from .matcher import TermMatcher

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass
class Usage:
    """One corpus pair that contains a term, with the renderings found in its English."""

    segment: Segment
    renderings: list[EnHit] = field(default_factory=list)


def lookup_terms(glossary: Glossary, query: str) -> list[Term]:
    """Entries matching ``query``: exact matches first, then entries containing it or contained in it.

    Chinese is compared in matching form (鄉村振興 finds 乡村振兴); English case-insensitively,
    against approved, variant and forbidden renderings and spelled-out content (``expands_to``).
    """
    query = query.strip()
    if not query:
        return []
    exact: list[Term] = []
    partial: list[Term] = []
    if _CJK.search(query):
        key = match_key_zh(query)
        for term in glossary.terms:
            term_key = match_key_zh(term.zh)
            if term_key == key:
                exact.append(term)
            elif key in term_key or (term_key and term_key in key):
                partial.append(term)
    else:
        wanted = normalise_en(query).casefold()
        for term in glossary.terms:
            names = [normalise_en(r).casefold() for r in (*term.renderings, *term.expands_to, *term.forbidden) if r]
            if wanted in names:
                exact.append(term)
            elif any(wanted in name for name in names):
                partial.append(term)
    return exact + partial


def corpus_usage(matcher: TermMatcher, terms: Iterable[Term], segments: Iterable[Segment],
                 limit: int = 20) -> dict[int, list[Usage]]:
    """For each of ``terms`` (by ``id``), up to ``limit`` corpus pairs whose Chinese contains it."""
    wanted = {id(t) for t in terms}
    found: dict[int, list[Usage]] = {key: [] for key in wanted}
    for segment in segments:
        hits = [h for h in matcher.find_zh(segment.zh) if id(h.term) in wanted]
        for term in dict.fromkeys(h.term for h in hits):
            uses = found[id(term)]
            if len(uses) < limit:
                en_hits = claim(matcher.find_en(segment.en, term))
                uses.append(Usage(segment, en_hits))
    return found
