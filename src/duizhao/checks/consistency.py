"""Corpus-wide consistency: the same source translated differently, one target for different sources.

Sentences are compared in a normal form (``script.compare_key_zh`` / ``compare_key_en``):
Traditional and Simplified, full- and half-width forms, quote styles, ASCII and Chinese
punctuation and whitespace do not make two sentences different.

State is compact (``Groups``): per distinct normalised text, a digest, and per distinct
rendering of it one preview and every location, a location packed into one int when the
segment id is its line number (TSV). A million-pair memory costs tens of megabytes, not
gigabytes, and a chunk's state pickles quickly for ``--jobs`` and Dask. ``term-inconsistent``
keeps its state in the same structure (``checks.terms``).

The compare keys and their digests are computed once per pair on ``PairContext`` (one OpenCC
call shared with glossary matching) and read by both rules here.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar

from ..model import Finding, Location, Segment, Severity
from .base import CorpusRule, PairContext


def _preview(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _en_preview(seg: Segment) -> str:
    return _preview(seg.en.strip())


def _zh_preview(seg: Segment) -> str:
    return _preview(seg.zh.strip(), 30)


_LINE_BITS = 32
_LINE_MASK = (1 << _LINE_BITS) - 1


class Groups:
    """Key (a normalised text's digest) -> its renderings in order of first appearance, each with
    the preview of its first occurrence and every location.

    An entry takes the smallest form that holds it: ``(rendering, preview, loc)`` for a text
    seen once (the common case), ``(rendering, preview, locs)`` while it has one rendering, and
    a list of ``[rendering, preview, locs]`` once it has several. A ``loc`` is
    ``document index << 32 | line`` when the segment id is the line number (TSV), kept in an
    ``array('Q')`` (8 bytes each), else a tuple ``(document index, line, id)`` in a list.
    Documents are stored once per state.
    """

    __slots__ = ("_last_doc", "doc_index", "docs", "entries")

    def __init__(self) -> None:
        self.docs: list[tuple[str, str]] = []  # (file, document id)
        self.doc_index: dict[tuple[str, str], int] = {}
        self.entries: dict[Any, Any] = {}  # keys: digests here, (file, doc id, term) for term-inconsistent
        self._last_doc: tuple[Any, int] = (None, 0)

    def __getstate__(self) -> tuple[list[tuple[str, str]], dict[Any, Any]]:
        return self.docs, self.entries

    def __setstate__(self, state: tuple[list[tuple[str, str]], dict[Any, Any]]) -> None:
        self.docs, self.entries = state
        self.doc_index = {doc: index for index, doc in enumerate(self.docs)}
        self._last_doc = (None, 0)

    def _index(self, doc: tuple[str, str]) -> int:
        index = self.doc_index.get(doc)
        if index is None:
            index = self.doc_index[doc] = len(self.docs)
            self.docs.append(doc)
        return index

    def location(self, loc: Any) -> Location:
        if isinstance(loc, int):
            index, line, seg_id = loc >> _LINE_BITS, loc & _LINE_MASK, str(loc & _LINE_MASK)
        else:
            index, line, seg_id = loc
        file, doc_id = self.docs[index]
        return Location(file=file, line=line, segment=seg_id, doc=doc_id)

    def add(self, key: Any, rendering: Any, seg: Segment, preview: Callable[[Segment], str] | None = None) -> None:
        """Record ``seg`` under ``key`` with ``rendering``.

        ``preview(seg)`` is the text shown for a rendering, asked only for a new one (default:
        the rendering itself). Called for every pair by every corpus rule, so the location is
        worked out inline and a repeat of a known rendering costs one append.
        """
        doc = seg.doc
        last_doc, index = self._last_doc
        if doc is not last_doc:
            index = self._index((doc.file, doc.id))
            self._last_doc = (doc, index)
        line = seg.line
        loc = index << _LINE_BITS | line if seg.id == str(line) and 0 <= line <= _LINE_MASK else (index, line, seg.id)
        entries = self.entries
        entry = entries.get(key)
        if entry is None:
            entries[key] = (rendering, _shown(rendering, preview, seg), loc)
        elif type(entry) is tuple:
            first, shown, held = entry
            if first == rendering:
                if type(held) is array and type(loc) is int:  # the usual repeat, without a call
                    held.append(loc)
                else:
                    joined = _joined(held, loc)
                    if joined is not held:  # grown in place otherwise
                        entries[key] = (first, shown, joined)
            else:
                locs = held if isinstance(held, _CONTAINERS) else _locs([held])
                entries[key] = [[first, shown, locs],
                                [rendering, _shown(rendering, preview, seg), _locs([loc])]]
        else:
            for group in entry:
                if group[0] == rendering:
                    group[2] = _joined(group[2], loc)
                    return
            entry.append([rendering, _shown(rendering, preview, seg), _locs([loc])])

    def merge(self, later: Groups) -> Groups:
        """Fold ``later`` (the state of the chunk after this one) into this state."""
        mapping = [self._index(doc) for doc in later.docs]
        if mapping != list(range(len(mapping))):  # documents numbered differently: renumber later's
            later.entries = {key: _moved(entry, mapping) for key, entry in later.entries.items()}
        entries = self.entries
        get = entries.get
        for key, entry in later.entries.items():
            mine = get(key)
            if mine is None:
                entries[key] = entry
                continue
            if type(mine) is tuple and type(entry) is tuple and mine[0] == entry[0]:
                # the common case (a repeated text, rendered the same way in both chunks)
                held = mine[2]
                joined = _joined(held, entry[2])
                if joined is not held:  # grown in place otherwise
                    entries[key] = (mine[0], mine[1], joined)
                continue
            merged = _as_groups(mine)
            for rendering, preview, locs in _as_groups(entry):
                for group in merged:
                    if group[0] == rendering:
                        group[2] = _joined(group[2], locs)
                        break
                else:
                    merged.append([rendering, preview, locs])
            entries[key] = merged if len(merged) > 1 else tuple(merged[0])
        return self

    def divergent(self) -> Iterator[list[tuple[str, list[Location]]]]:
        """Every text with two renderings or more: ``[(preview, [locations...]), ...]`` per rendering."""
        for _, groups in self.divergent_items():
            yield groups

    def divergent_items(self) -> Iterator[tuple[Any, list[tuple[str, list[Location]]]]]:
        """``divergent`` with the key of each text: ``(key, [(preview, [locations...]), ...])``."""
        for key, entry in self.entries.items():
            if isinstance(entry, list):
                yield key, [(preview, [self.location(loc) for loc in locs]) for _, preview, locs in entry]


_CONTAINERS = (array, list)


def _locs(items: list[Any]) -> Any:
    """A container for locations: a compact array while every one is a packed int."""
    return array("Q", items) if all(isinstance(loc, int) for loc in items) else list(items)


def _shown(rendering: Any, preview: Callable[[Segment], str] | None, seg: Segment) -> Any:
    return rendering if preview is None else preview(seg)


def _joined(held: Any, more: Any) -> Any:
    """Locations ``held`` followed by ``more``, each one location or a container of them."""
    held_type, more_type = type(held), type(more)
    if held_type is array:
        if more_type is int:
            held.append(more)
            return held
        if more_type is array:
            held.extend(more)
            return held
    elif held_type is int and (more_type is int or more_type is array):
        joined = array("Q", (held,))
        joined.extend(more) if more_type is array else joined.append(more)
        return joined
    if held_type is list:  # in place: a text seen n times must not cost n copies
        held.extend(more) if more_type is array or more_type is list else held.append(more)
        return held
    locs = list(held) if held_type is array else [held]
    locs.extend(more if isinstance(more, _CONTAINERS) else (more,))
    return _locs(locs)


def _as_groups(entry: Any) -> list[list[Any]]:
    if isinstance(entry, list):
        return entry
    rendering, preview, held = entry
    return [[rendering, preview, held if isinstance(held, _CONTAINERS) else _locs([held])]]


def _moved(entry: Any, mapping: list[int]) -> Any:
    def move(loc: Any) -> Any:
        if isinstance(loc, int):
            return mapping[loc >> _LINE_BITS] << _LINE_BITS | (loc & _LINE_MASK)
        return (mapping[loc[0]], loc[1], loc[2])

    groups = [[rendering, preview, _locs([move(loc) for loc in locs])]
              for rendering, preview, locs in _as_groups(entry)]
    return groups if isinstance(entry, list) else tuple(groups[0])


class SegmentInconsistent(CorpusRule):
    id: ClassVar[str] = "segment-inconsistent"
    name: ClassVar[str] = "SegmentInconsistent"
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = "The same source sentence is translated in more than one way."
    why: ClassVar[str] = ("Set phrases and repeated sentences must read the same everywhere; two renderings "
                          "look like two different policies to an English reader.")
    example: ClassVar[str] = "祝愿全市人民幸福安康！ → 'We wish ... happiness' in s40 but '... well-being' in s88"

    # state: digest(normalised zh) -> renderings (digest of normalised en, en preview, locations)
    def new_state(self) -> Groups:
        return Groups()

    def observation(self, ctx: PairContext) -> tuple[bytes, bytes] | None:
        if not ctx.segment.en.strip() or not ctx.compare_keys[0]:
            return None
        return ctx.compare_digests

    def record(self, state: Groups, observation: tuple[bytes, bytes], segment: Segment) -> None:
        zh, en = observation
        state.add(zh, en, segment, _en_preview)

    def merge(self, earlier: Groups, later: Groups) -> Groups:
        return earlier.merge(later)

    def finish(self, state: Groups) -> Iterable[Finding]:
        return _divergence_findings(self, state, "the same source is translated {n} ways: ",
                                    lambda preview: f"\"{preview}\"", "renderings")


# A target this short ("Thank you.", "Xinhua") legitimately stands for many sources.
_MIN_TARGET_WORDS = 3


class TargetInconsistent(CorpusRule):
    id: ClassVar[str] = "target-inconsistent"
    name: ClassVar[str] = "TargetInconsistent"
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = "The same English sentence is the translation of different source sentences."
    why: ClassVar[str] = ("Usually a copy-paste slip: a translation memory match accepted for a source that "
                          "says something else (a different figure, a different place).")
    example: ClassVar[str] = "s12 全市GDP增长5% and s30 全市GDP增长6% → both 'The city's GDP grew by 5%.'"

    # state: digest(normalised en) -> sources (digest of normalised zh, zh preview, locations)
    def new_state(self) -> Groups:
        return Groups()

    def observation(self, ctx: PairContext) -> tuple[bytes, bytes] | None:
        zh, en = ctx.compare_keys
        # compare keys hold single spaces only, so words are spaces + 1 (split() would build a list)
        if not zh or en.count(" ") + 1 < _MIN_TARGET_WORDS:
            return None
        return ctx.compare_digests

    def record(self, state: Groups, observation: tuple[bytes, bytes], segment: Segment) -> None:
        zh_digest, en_digest = observation
        state.add(en_digest, zh_digest, segment, _zh_preview)

    def merge(self, earlier: Groups, later: Groups) -> Groups:
        return earlier.merge(later)

    def finish(self, state: Groups) -> Iterable[Finding]:
        return _divergence_findings(self, state, "the same English translates {n} different sources: ",
                                    lambda preview: preview, "sources")


def _divergence_findings(rule: CorpusRule, state: Groups, lead: str, quote: Callable[[str], str],
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
