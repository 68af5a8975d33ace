"""The immutable records every module shares: segments, documents, terms, findings.

Readers produce ``Segment`` objects one at a time (a million-pair translation memory never
has to be held in memory); each segment points at the ``DocumentInfo`` it came from, which
is shared, so streaming creates no per-pair copies of document metadata.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cache
from types import MappingProxyType
from typing import Any

EMPTY_MAPPING: Mapping[str, str] = MappingProxyType({})


# Records carry read-only mappings (MappingProxyType), which pickle cannot carry; chunks and
# their results travel between processes, so each such record says how to rebuild itself
# (its own ``__reduce__``) instead of teaching pickle process-wide (``copyreg``).
@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _reduce_record(record: Any) -> tuple[Any, ...]:
    """``__reduce__`` for a record: its field values, read-only mappings sent as plain dicts."""
    values = [getattr(record, name) for name in _field_names(type(record))]
    proxies = tuple(i for i, value in enumerate(values) if type(value) is MappingProxyType)
    for i in proxies:
        values[i] = dict(values[i])
    return (_rebuild_record, (type(record), tuple(values), proxies))


def _rebuild_record(cls: type, values: tuple[Any, ...], proxies: tuple[int, ...]) -> Any:
    """The record ``_reduce_record`` described, its read-only mappings read-only again."""
    if proxies:
        rebuilt = list(values)
        for i in proxies:
            rebuilt[i] = MappingProxyType(rebuilt[i]) if rebuilt[i] else EMPTY_MAPPING
        values = tuple(rebuilt)
    return cls(*values)


class Severity(StrEnum):
    """How serious a finding is; ordered so that ``rank`` can be compared."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    def __str__(self) -> str:  # so f-strings print "error", not "Severity.ERROR"
        return self.value


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """Metadata of one corpus document (one YAML file, one TSV file, one TMX file...)."""

    id: str
    file: str
    title: str = ""
    source: Mapping[str, str] = field(default_factory=lambda: EMPTY_MAPPING)
    src_lang: str = "zh-CN"
    tgt_lang: str = "en"

    def __hash__(self) -> int:  # the source mapping is not hashable; id and file identify a document
        return hash((self.id, self.file))

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce_record(self)


@dataclass(frozen=True, slots=True)
class Segment:
    """One aligned sentence pair.

    ``line`` is the 1-based line in ``doc.file`` where the pair starts, so every finding can
    point an editor at it. ``ignore`` maps rule ids to the reason a translator gave for
    suppressing them on this segment.
    """

    id: str
    zh: str
    en: str
    doc: DocumentInfo
    line: int = 0
    note: str = ""
    ignore: Mapping[str, str] = field(default_factory=lambda: EMPTY_MAPPING)
    props: Mapping[str, str] = field(default_factory=lambda: EMPTY_MAPPING)
    # Where each side's characters are in the file (``positions.TextPositions``), when the
    # reader knows: findings then point at the character, not at the segment's first line.
    zh_at: tuple[tuple[int, int, int], ...] = ()
    en_at: tuple[tuple[int, int, int], ...] = ()

    @property
    def file(self) -> str:
        return self.doc.file

    @property
    def target_side(self) -> str:
        """The side a translator edits: "en" for a zh→en pair, "zh" for an en→zh one."""
        return "zh" if self.doc.tgt_lang.lower().startswith("zh") else "en"

    def __hash__(self) -> int:
        return hash((self.doc.file, self.id, self.zh, self.en))

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce_record(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an English rendering was published: the phrase as printed, and the page it is on."""

    quote: str
    url: str = ""
    outlet: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    """One controlled-glossary entry."""

    zh: str
    en: str
    variants: tuple[str, ...] = ()
    forbidden: tuple[str, ...] = ()
    note: str = ""
    source: str = ""
    status: str = "approved"  # approved | proposed | deprecated
    domain: str = ""
    case_sensitive: bool = False
    forbidden_everywhere: bool = False
    file: str = ""
    line: int = 0
    # The published English phrases that show the renderings are official.
    evidence: tuple[Evidence, ...] = ()
    # What a numbered formula (两个确立, 四个自信…) stands for, in English, for texts that
    # translate the formula by its content rather than by its label.
    expands_to: tuple[str, ...] = ()

    @property
    def renderings(self) -> tuple[str, ...]:
        """Every accepted English rendering, the approved one first."""
        return (self.en, *self.variants)


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding (or a segment it relates to) lives."""

    file: str
    line: int
    segment: str
    doc: str = ""
    # The exact range, when known: 1-based columns in code points; ``end_column`` is exclusive.
    column: int = 0
    end_line: int = 0
    end_column: int = 0
    side: str = ""  # "zh" or "en": the side of the pair the range is on
    snippet: str = ""  # the text in that range (shortened), so reports need not re-read the file


@dataclass(frozen=True, slots=True)
class Span:
    """A character range in one side of a pair, for highlighting."""

    side: str  # "zh" or "en"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem a rule found. Rules return these; they never print or raise."""

    rule: str
    severity: Severity
    message: str
    location: Location
    spans: tuple[Span, ...] = ()
    related: tuple[Location, ...] = ()
    data: Mapping[str, object] = field(default_factory=lambda: EMPTY_MAPPING)
    # The same finding's place on the other side of the pair (the Chinese of a wrong English
    # rendering, say): a SARIF related location, never a second finding.
    counterpart: Location | None = None

    @property
    def file(self) -> str:
        return self.location.file

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def segment(self) -> str:
        return self.location.segment

    def sort_key(self) -> tuple[str, int, str, str, str]:
        return (self.location.file, self.location.line, self.location.segment, self.rule, self.message)

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduce_record(self)


@dataclass(frozen=True, slots=True)
class Glossary:
    """A loaded glossary: its terms, a content hash for report signatures, and where it came from.

    ``problems`` are the findings the loader met but could work around (an unknown field, an
    entry without ``en``); ``duizhao glossary lint`` reports them, checks run without them.
    ``scripts`` maps each file to the script it declares (``simplified``/``traditional``/``""``).
    """

    terms: tuple[Term, ...]
    hash: str
    files: tuple[str, ...] = ()
    problems: tuple[Finding, ...] = ()
    scripts: Mapping[str, str] = field(default_factory=lambda: EMPTY_MAPPING)

    @property
    def active_terms(self) -> tuple[Term, ...]:
        """The terms checks report against: approved and proposed, not deprecated."""
        return tuple(t for t in self.terms if t.status != "deprecated")
