"""What a rule is: a small object with a stable id, a default severity and its own docs.

Two kinds of rule share one base:

* ``PairRule.check(ctx)`` looks at one pair and returns findings; nothing is remembered.
* ``CorpusRule`` needs a corpus-wide view (consistency). Its state lives outside the rule
  object (``new_state`` / ``observe`` / ``merge`` / ``finish``) so that chunks checked in
  different processes or on different machines reduce to exactly the findings of one run.
  ``merge(a, b)`` must treat ``a`` as the earlier chunk: state is order-aware.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic

from ..groups import Groups, K, R
from ..model import EMPTY_MAPPING, Finding, Location, Segment, Severity, Span
from ..script import compare_key_en, compare_key_zh, to_simplified

if TYPE_CHECKING:  # the glossary engine is optional for rules that do not need it
    from ..glossary.en import EnHit
    from ..glossary.matcher import GlossaryMatcher
    from ..glossary.zh import ZhHit
    from ..model import Term

    #: each term found in the source (by identity) with its count, and the English hits shared out
    TermRenderings = tuple[dict[int, tuple[Term, int]], list[EnHit]]


def digest(text: str) -> bytes:
    """A short, collision-safe fingerprint of a normalised sentence (consistency state keys)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


class PairContext:
    """One pair plus analyses that several rules share, each computed at most once.

    The Chinese side goes through OpenCC once (``zh_simplified``), and that one result feeds
    both the glossary matcher and the consistency keys; the English side is lower-cased once
    for every term's literal prefilter.
    """

    __slots__ = ("_compare_digests", "_compare_keys", "_en_hits", "_en_lower", "_zh_hits", "_zh_simplified",
                 "matcher", "segment", "term_renderings")

    def __init__(self, segment: Segment, matcher: GlossaryMatcher | None) -> None:
        self.segment = segment
        self.matcher = matcher
        self._zh_hits: list[ZhHit] | None = None
        self._en_hits: dict[Term, list[EnHit]] = {}
        self._zh_simplified: str | None = None
        self._en_lower: str | None = None
        self._compare_keys: tuple[str, str] | None = None
        self._compare_digests: tuple[bytes, bytes] | None = None
        #: ``checks.terms.pair_renderings`` keeps its result here: three glossary rules share it
        self.term_renderings: TermRenderings | None = None

    @property
    def zh_simplified(self) -> str:
        """The Chinese side in Simplified script (``script.to_simplified``), converted once per pair."""
        if self._zh_simplified is None:
            self._zh_simplified = to_simplified(self.segment.zh)
        return self._zh_simplified

    @property
    def zh_hits(self) -> list[ZhHit]:
        """Glossary terms found in the Chinese side (longest match, non-overlapping)."""
        if self._zh_hits is None:
            matcher = self.matcher
            self._zh_hits = [] if matcher is None else matcher.find_zh(self.segment.zh, self.zh_simplified)
        return self._zh_hits

    def en_hits(self, term: Term) -> list[EnHit]:
        """Renderings of ``term`` (approved, variant, forbidden) found in the English side."""
        hits = self._en_hits.get(term)
        if hits is None:
            matcher = self.matcher
            if matcher is None:
                hits = []
            else:
                if self._en_lower is None:
                    self._en_lower = self.segment.en.lower()
                hits = matcher.find_en(self.segment.en, term, self._en_lower)
            self._en_hits[term] = hits
        return hits

    @property
    def compare_keys(self) -> tuple[str, str]:
        """``(script.compare_key_zh(zh), script.compare_key_en(en))``: the pair as consistency rules see it."""
        if self._compare_keys is None:
            seg = self.segment
            self._compare_keys = (compare_key_zh(seg.zh, self.zh_simplified), compare_key_en(seg.en))
        return self._compare_keys

    @property
    def compare_digests(self) -> tuple[bytes, bytes]:
        """``digest`` of each of ``compare_keys``: shared by the source and the target consistency rules."""
        if self._compare_digests is None:
            zh, en = self.compare_keys
            self._compare_digests = (digest(zh), digest(en))
        return self._compare_digests

    def location(self) -> Location:
        seg = self.segment
        return Location(file=seg.doc.file, line=seg.line, segment=seg.id, doc=seg.doc.id)


def location_of(segment: Segment) -> Location:
    return Location(file=segment.doc.file, line=segment.line, segment=segment.id, doc=segment.doc.id)


class Rule:
    """Base of every rule. Subclasses set the class attributes; docs are generated from them."""

    id: ClassVar[str]
    #: CamelCase of ``id`` (SARIF's ``name``), derived: ``number-mismatch`` is ``NumberMismatch``
    name: ClassVar[str]
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]  # one line: what the rule reports
    why: ClassVar[str]  # why it matters to a translator or reviewer
    example: ClassVar[str]  # a failing pair, "zh → en", and what the rule says
    scope: ClassVar[str] = "pair"
    #: True when what the rule reports for a pair depends on the pair's two texts alone (not its
    #: id, note, suppressions or properties): the engine then reuses the result for a repeated pair.
    text_only: ClassVar[bool] = False
    #: the name of a ``Segment`` field the rule looks at alone (``"ignore"``, ``"props"``): the
    #: engine skips the rule for a segment whose field is empty, which is almost every segment
    only_if: ClassVar[str | None] = None
    #: "target" when a translator fixes what the rule reports in the translation (almost every
    #: rule), "source" when it concerns the source text alone, "segment" when it concerns
    #: neither text (a suppression): it decides where a finding's primary location (SARIF
    #: region, GitHub annotation) points
    locus: ClassVar[str] = "target"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        rule_id = cls.__dict__.get("id")
        if isinstance(rule_id, str):
            cls.name = "".join(part.capitalize() for part in rule_id.split("-"))

    def __init__(self, severity: Severity | None = None) -> None:
        self.severity = severity or self.default_severity

    def finding(
        self,
        where: PairContext | Segment | Location,
        message: str,
        *,
        spans: Sequence[Span] = (),
        related: Sequence[Location] = (),
        data: Mapping[str, object] | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        if isinstance(where, PairContext):
            location = where.location()
        elif isinstance(where, Segment):
            location = location_of(where)
        else:
            location = where
        return Finding(
            rule=self.id,
            severity=severity or self.severity,
            message=message,
            location=location,
            spans=tuple(spans),
            related=tuple(related),
            data=data if data is not None else EMPTY_MAPPING,
        )


class PairRule(Rule):
    scope: ClassVar[str] = "pair"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        raise NotImplementedError


class CorpusRule(Rule):
    scope: ClassVar[str] = "corpus"

    def new_state(self) -> Any:
        raise NotImplementedError

    def observation(self, ctx: PairContext) -> Any:
        """What the rule keeps of this pair, as a pure function of its two texts (``None``: nothing).

        Split from ``record`` so the engine can compute it once per distinct pair: a
        translation memory repeats segments, and recording a repeat then costs only ``record``.
        """
        raise NotImplementedError

    def record(self, state: Any, observation: Any, segment: Segment) -> None:
        """Fold one pair's (non-``None``) ``observation`` into ``state`` at ``segment``'s location."""
        raise NotImplementedError

    def merge(self, earlier: Any, later: Any) -> Any:
        raise NotImplementedError

    def finish(self, state: Any) -> Iterable[Finding]:
        raise NotImplementedError


class GroupsRule(CorpusRule, Generic[K, R]):
    """A corpus rule whose state is a ``Groups`` (which renderings each text got, and where):
    a fresh one per chunk, folded earlier-into-later."""

    def new_state(self) -> Groups[K, R]:
        return Groups()

    def merge(self, earlier: Groups[K, R], later: Groups[K, R]) -> Groups[K, R]:
        return earlier.merge(later)

    def split(self, state: Groups[K, R], parts: int) -> list[Groups[K, R]]:
        """By the text's digest (``spill.SplitsState``)."""
        return state.split(parts)
