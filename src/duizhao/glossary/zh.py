"""Finding glossary terms in Chinese text: one Aho–Corasick automaton for the whole glossary.

Both the text and every entry's ``zh`` are brought to the same matching form first
(``script.match_form_zh``: Simplified script, half-width, no quotes or spaces), so 鄉村振興,
「一帶一路」 and “一带一路” match entries written either way. Spans are reported in the
original text through the offset map that comes with the matching form.

Overlaps resolve *longest first*: 新型城镇化 beats 城镇化 and 习近平新时代中国特色社会主义思想
beats 新时代, also when the shorter term starts earlier; equal lengths go to the leftmost.

The automaton is ``ahocorasick_rs`` (Rust): with 10,000 keys whose first characters are
spread over the CJK block it scans text about 25 times faster than ``pyahocorasick``, whose
speed falls with the number of distinct first characters (benchmarks/glossary_quality.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import ahocorasick_rs

from ..model import Term
from ..script import match_form_zh, match_key_zh


@dataclass(frozen=True, slots=True)
class ZhHit:
    """One occurrence of a term in Chinese text; ``start``/``end`` index the original text."""

    term: Term
    start: int
    end: int


class ZhIndex:
    """The automaton over the matching keys of ``terms`` (built once, searched per pair)."""

    def __init__(self, terms: Sequence[Term]) -> None:
        self.keys: dict[str, Term] = {}
        for term in terms:
            key = match_key_zh(term.zh)
            if key and key not in self.keys:  # the first entry wins; lint reports the duplicate
                self.keys[key] = term
        self._build()

    def _build(self) -> None:
        patterns = list(self.keys)
        self.terms = [self.keys[k] for k in patterns]
        # a key that starts or ends with a Latin letter or digit ("5g", "12345热线") must not
        # match inside a longer Latin word or number ("15g", "012345")
        self.latin_edges = [(_is_latin(k[0]), _is_latin(k[-1])) for k in patterns]
        self.automaton = ahocorasick_rs.AhoCorasick(patterns) if patterns else None

    # the Rust automaton cannot be pickled; parallel runs rebuild it from the keys
    def __getstate__(self) -> dict[str, Any]:
        return {"keys": self.keys}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.keys = state["keys"]
        self._build()

    def find(self, text: str, simplified: str | None = None) -> list[ZhHit]:
        """Every term in ``text``: longest first, non-overlapping, sorted by position.

        ``simplified`` is ``script.to_simplified(text)`` when the caller already has it.
        """
        if self.automaton is None or not text:
            return []
        form, offsets = match_form_zh(text, simplified)
        matches = self.automaton.find_matches_as_indexes(form, overlapping=True)
        if not matches:
            return []
        size = len(form)
        terms, edges = self.terms, self.latin_edges
        found = []
        for index, a, b in matches:
            left, right = edges[index]
            if (left and a > 0 and _is_latin(form[a - 1])) or (right and b < size and _is_latin(form[b])):
                continue
            found.append((a, b, terms[index]))
        if len(found) > 1:
            found = _longest_first(found, size)
        return [ZhHit(term, offsets[a], offsets[b - 1] + 1) for a, b, term in found]


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _longest_first(found: list[tuple[int, int, Term]], size: int) -> list[tuple[int, int, Term]]:
    found.sort(key=lambda m: (m[0] - m[1], m[0]))  # longest, then leftmost
    taken = bytearray(size)
    kept = []
    for a, b, term in found:
        if not any(taken[a:b]):
            taken[a:b] = b"\x01" * (b - a)
            kept.append((a, b, term))
    kept.sort(key=lambda m: m[0])
    return kept
