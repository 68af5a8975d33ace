"""Corpus-wide consistency: the same source translated differently, one target for different sources.

Sentences are compared in a normal form (``script.compare_key_zh`` / ``compare_key_en``):
Traditional and Simplified, full- and half-width forms, quote styles, ASCII and Chinese
punctuation and whitespace do not make two sentences different.

State is flat (``duizhao.groups.Groups``): per pair one packed record (the digests of its two
normalised sides and its location), a preview only for a rendering's first sighting, spilled
to disk past the run's memory budget (``duizhao.spill``). ``term-inconsistent`` keeps its state
in the same structure (``checks.terms``); all three are ``GroupsRule``s.

The compare keys and their digests are computed once per pair on ``PairContext`` (one OpenCC
call shared with glossary matching) and read by both rules here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import ClassVar

from ..groups import Groups
from ..model import Finding, Segment, Severity
from .base import CorpusRule, GroupsRule, PairContext


def _preview(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _en_preview(seg: Segment) -> str:
    return _preview(seg.en.strip())


def _zh_preview(seg: Segment) -> str:
    return _preview(seg.zh.strip(), 30)


class SegmentInconsistent(GroupsRule[bytes, bytes]):
    id: ClassVar[str] = "segment-inconsistent"
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = "The same source sentence is translated in more than one way."
    why: ClassVar[str] = ("Set phrases and repeated sentences must read the same everywhere; two renderings "
                          "look like two different policies to an English reader.")
    example: ClassVar[str] = "祝愿全市人民幸福安康！ → 'We wish ... happiness' in s40 but '... well-being' in s88"

    # state: digest(normalised zh) -> renderings (digest of normalised en, en preview, locations)
    def observation(self, ctx: PairContext) -> tuple[bytes, bytes] | None:
        if not ctx.segment.en.strip() or not ctx.compare_keys[0]:
            return None
        return ctx.compare_digests

    def record(self, state: Groups[bytes, bytes], observation: tuple[bytes, bytes], segment: Segment) -> None:
        zh, en = observation
        state.add(zh, en, segment, _en_preview)

    def finish(self, state: Groups[bytes, bytes]) -> Iterable[Finding]:
        return _divergence_findings(self, state, "the same source is translated {n} ways: ",
                                    lambda preview: f"\"{preview}\"", "renderings")


# A target this short ("Thank you.", "Xinhua") legitimately stands for many sources.
_MIN_TARGET_WORDS = 3


class TargetInconsistent(GroupsRule[bytes, bytes]):
    id: ClassVar[str] = "target-inconsistent"
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = "The same English sentence is the translation of different source sentences."
    why: ClassVar[str] = ("Usually a copy-paste slip: a translation memory match accepted for a source that "
                          "says something else (a different figure, a different place).")
    example: ClassVar[str] = "s12 全市GDP增长5% and s30 全市GDP增长6% → both 'The city's GDP grew by 5%.'"

    # state: digest(normalised en) -> sources (digest of normalised zh, zh preview, locations)
    def observation(self, ctx: PairContext) -> tuple[bytes, bytes] | None:
        zh, en = ctx.compare_keys
        # compare keys hold single spaces only, so words are spaces + 1 (split() would build a list)
        if not zh or en.count(" ") + 1 < _MIN_TARGET_WORDS:
            return None
        return ctx.compare_digests

    def record(self, state: Groups[bytes, bytes], observation: tuple[bytes, bytes], segment: Segment) -> None:
        zh_digest, en_digest = observation
        state.add(en_digest, zh_digest, segment, _zh_preview)

    def finish(self, state: Groups[bytes, bytes]) -> Iterable[Finding]:
        return _divergence_findings(self, state, "the same English translates {n} different sources: ",
                                    lambda preview: preview, "sources")


def _divergence_findings(rule: CorpusRule, state: Groups[bytes, bytes], lead: str, quote: Callable[[str], str],
                         count_key: str) -> Iterator[Finding]:
    """One finding per key seen with several counterparts, at the first segment that diverges,
    naming every segment involved (grouped by counterpart)."""
    for groups in state.divergent():
        # across documents a bare "s021" is ambiguous: name the document too
        across = len({loc.file for _, locs in groups for loc in locs}) > 1
        described = "; ".join(
            f"{quote(preview)} ({', '.join(f'{loc.doc}:{loc.segment}' if across else loc.segment for loc in locs)})"
            for preview, locs in groups)
        anchor = groups[1][1][0]
        involved = tuple(loc for _, locs in groups for loc in locs)
        yield rule.finding(
            anchor,
            lead.format(n=len(groups)) + described,
            related=tuple(loc for loc in involved if loc != anchor),
            data={count_key: len(groups)},
        )
