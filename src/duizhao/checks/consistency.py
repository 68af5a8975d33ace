"""Corpus-wide consistency: the same source translated differently.

State is compact (a digest of each normalised text and the location where it was seen), so
memory grows with the number of distinct source segments, never with whole texts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import ClassVar

from ..model import Finding, Location, Severity
from ..script import normalise_en, normalise_zh
from .base import CorpusRule, PairContext, location_of


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


def _preview(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SegmentInconsistent(CorpusRule):
    id: ClassVar[str] = "segment-inconsistent"
    name: ClassVar[str] = "SegmentInconsistent"
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = "The same source sentence is translated in more than one way."
    why: ClassVar[str] = ("Set phrases and repeated sentences must read the same everywhere; two renderings "
                          "look like two different policies to an English reader.")
    example: ClassVar[str] = "祝愿全市人民幸福安康！ → 'We wish ... happiness' in s40 but '... well-being' in s88"

    # state: digest(normalised zh) -> list of (digest(normalised en), en preview, Location)
    # Only the first location of each distinct rendering is kept, plus every location, so a
    # report can name every segment involved.
    def new_state(self) -> dict[bytes, list[tuple[bytes, str, Location]]]:
        return {}

    def observe(self, state: dict[bytes, list[tuple[bytes, str, Location]]], ctx: PairContext) -> None:
        seg = ctx.segment
        zh = normalise_zh(seg.zh)
        if not zh or not seg.en.strip():
            return
        key = digest(zh)
        en_norm = normalise_en(seg.en)
        entry = (digest(en_norm), _preview(seg.en.strip()), location_of(seg))
        seen = state.get(key)
        if seen is None:
            state[key] = [entry]
        else:
            seen.append(entry)

    def merge(self, earlier: dict, later: dict) -> dict:
        for key, entries in later.items():
            if key in earlier:
                earlier[key].extend(entries)
            else:
                earlier[key] = entries
        return earlier

    def finish(self, state: dict[bytes, list[tuple[bytes, str, Location]]]) -> Iterable[Finding]:
        for entries in state.values():
            if len(entries) < 2:
                continue
            renderings: dict[bytes, list[tuple[str, Location]]] = {}
            for en_key, preview, loc in entries:
                renderings.setdefault(en_key, []).append((preview, loc))
            if len(renderings) < 2:
                continue
            groups = list(renderings.values())
            described = "; ".join(
                f"\"{group[0][0]}\" ({', '.join(loc.segment for _, loc in group)})" for group in groups
            )
            first_divergent = groups[1][0][1]
            involved = tuple(loc for group in groups for _, loc in group)
            yield self.finding(
                first_divergent,
                f"the same source is translated {len(groups)} ways: {described}",
                related=tuple(loc for loc in involved if loc != first_divergent),
                data={"renderings": len(groups)},
            )
