"""What a rule is: a small object with a stable id, a default severity and its own docs.

Two kinds of rule share one base:

* ``PairRule.check(ctx)`` looks at one pair and returns findings; nothing is remembered.
* ``CorpusRule`` needs a corpus-wide view (consistency). Its state lives outside the rule
  object (``new_state`` / ``observe`` / ``merge`` / ``finish``) so that chunks checked in
  different processes or on different machines reduce to exactly the findings of one run.
  ``merge(a, b)`` must treat ``a`` as the earlier chunk: state is order-aware.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from ..model import EMPTY_MAPPING, Finding, Location, Segment, Severity, Span

if TYPE_CHECKING:  # the glossary engine is optional for rules that do not need it
    from ..glossary import TermMatcher


class PairContext:
    """One pair plus analyses that several rules share, each computed at most once."""

    __slots__ = ("_en_hits", "_zh_hits", "matcher", "segment")

    def __init__(self, segment: Segment, matcher: TermMatcher | None) -> None:
        self.segment = segment
        self.matcher = matcher
        self._zh_hits: list[Any] | None = None
        self._en_hits: dict[Any, list[Any]] = {}

    @property
    def zh_hits(self) -> list[Any]:
        """Glossary terms found in the Chinese side (longest match, non-overlapping)."""
        if self._zh_hits is None:
            self._zh_hits = self.matcher.find_zh(self.segment.zh) if self.matcher else []
        return self._zh_hits

    def en_hits(self, term: Any) -> list[Any]:
        """Renderings of ``term`` (approved, variant, forbidden) found in the English side."""
        hits = self._en_hits.get(term)
        if hits is None:
            hits = self.matcher.find_en(self.segment.en, term) if self.matcher else []
            self._en_hits[term] = hits
        return hits

    def location(self) -> Location:
        seg = self.segment
        return Location(file=seg.doc.file, line=seg.line, segment=seg.id, doc=seg.doc.id)


def location_of(segment: Segment) -> Location:
    return Location(file=segment.doc.file, line=segment.line, segment=segment.id, doc=segment.doc.id)


class Rule:
    """Base of every rule. Subclasses set the class attributes; docs are generated from them."""

    id: ClassVar[str]
    name: ClassVar[str]  # CamelCase, for SARIF's ``name``
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str]  # one line: what the rule reports
    why: ClassVar[str]  # why it matters to a translator or reviewer
    example: ClassVar[str]  # a failing pair, "zh → en", and what the rule says
    scope: ClassVar[str] = "pair"

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

    def observe(self, state: Any, ctx: PairContext) -> None:
        raise NotImplementedError

    def merge(self, earlier: Any, later: Any) -> Any:
        raise NotImplementedError

    def finish(self, state: Any) -> Iterable[Finding]:
        raise NotImplementedError
