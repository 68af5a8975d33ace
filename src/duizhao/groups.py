"""A compact store of "which renderings did each text get, and where": the state of the
consistency rules (``segment-inconsistent``, ``target-inconsistent``, ``term-inconsistent``).

Per key (a normalised text's digest, or ``(file, doc id, term)``) it keeps the renderings in
order of first appearance, each with the preview of its first occurrence and every location.
A million-pair memory costs tens of megabytes, not gigabytes, and a chunk's state pickles
quickly for ``--jobs`` and Dask. The representation is private; the API is ``add``,
``merge``, iteration over keys, ``renderings``, ``divergent`` and ``divergent_items``.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Generic, TypeAlias, TypeVar

from .model import Location, Segment

K = TypeVar("K", bound=Hashable)  # what a text is known by
R = TypeVar("R", bound=Hashable)  # what a rendering is known by

#: one rendering of a text: what is shown for it, and where it occurs (in input order)
Rendering: TypeAlias = tuple[str, list[Location]]

# A location: ``document index << 32 | line`` when the segment id is the line number (TSV),
# else ``(document index, line, id)``.
_Loc: TypeAlias = "int | tuple[int, int, str]"
# Several locations: an ``array('Q')`` (8 bytes each) while all are packed ints, else a list.
_Locs: TypeAlias = "array[int] | list[_Loc]"

_LINE_BITS = 32
_LINE_MASK = (1 << _LINE_BITS) - 1


class Groups(Generic[K, R]):
    """Key -> its renderings in order of first appearance, each with a preview and every location.

    An entry takes the smallest form that holds it: ``(rendering, preview, loc)`` for a text
    seen once (the common case), ``(rendering, preview, locs)`` while it has one rendering, and
    a list of ``[rendering, preview, locs]`` once it has several. Documents are stored once.
    """

    __slots__ = ("_last_doc", "doc_index", "docs", "entries")

    def __init__(self) -> None:
        self.docs: list[tuple[str, str]] = []  # (file, document id)
        self.doc_index: dict[tuple[str, str], int] = {}
        self.entries: dict[K, Any] = {}  # one of the three forms above
        self._last_doc: tuple[Any, int, bool] = (None, 0, False)

    def __getstate__(self) -> tuple[list[tuple[str, str]], dict[K, Any]]:
        return self.docs, self.entries

    def __setstate__(self, state: tuple[list[tuple[str, str]], dict[K, Any]]) -> None:
        self.docs, self.entries = state
        self.doc_index = {doc: index for index, doc in enumerate(self.docs)}
        self._last_doc = (None, 0, False)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        return key in self.entries

    def _index(self, doc: tuple[str, str]) -> int:
        index = self.doc_index.get(doc)
        if index is None:
            index = self.doc_index[doc] = len(self.docs)
            self.docs.append(doc)
        return index

    def location(self, loc: _Loc) -> Location:
        if isinstance(loc, int):
            index, line, seg_id = loc >> _LINE_BITS, loc & _LINE_MASK, str(loc & _LINE_MASK)
        else:
            index, line, seg_id = loc
        file, doc_id = self.docs[index]
        return Location(file=file, line=line, segment=seg_id, doc=doc_id)

    def add(self, key: K, rendering: R, seg: Segment, preview: Callable[[Segment], str] | None = None) -> None:
        """Record ``seg`` under ``key`` with ``rendering``.

        ``preview(seg)`` is the text shown for a rendering, asked only for a new one (default:
        the rendering itself). Called for every pair by every corpus rule, so the location is
        worked out inline and a repeat of a known rendering costs one append.
        """
        doc = seg.doc
        last_doc, index, zh_target = self._last_doc
        if doc is not last_doc:
            index = self._index((doc.file, doc.id))
            zh_target = seg.target_side == "zh"  # a document's direction: decided once per document
            self._last_doc = (doc, index, zh_target)
        # The line of the translation when the reader knows it (a YAML ``en:`` line), so that a
        # corpus finding lands on the line a translator changed; else the segment's line.
        at = seg.zh_at if zh_target else seg.en_at
        line = at[0][1] if at else seg.line
        loc: _Loc = (index << _LINE_BITS | line if seg.id == str(line) and 0 <= line <= _LINE_MASK
                     else (index, line, seg.id))
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

    def merge(self, later: Groups[K, R]) -> Groups[K, R]:
        """Fold ``later`` (the state of the chunk after this one) into this state and return it.

        ``later`` is left as it was: what is taken from it is copied where this state may grow it.
        """
        mapping = [self._index(doc) for doc in later.docs]
        renumber = mapping != list(range(len(mapping)))  # documents numbered differently
        entries = self.entries
        get = entries.get
        for key, theirs in later.entries.items():
            entry = _moved(theirs, mapping) if renumber else theirs
            mine = get(key)
            if mine is None:
                entries[key] = entry if renumber else _owned(entry)
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
                    merged.append([rendering, preview, _copied(locs)])
            entries[key] = merged if len(merged) > 1 else tuple(merged[0])
        return self

    def renderings(self, key: K) -> list[tuple[R, str, list[Location]]]:
        """``key``'s renderings in order of first appearance: ``(rendering, preview, locations)``."""
        entry = self.entries.get(key)
        if entry is None:
            return []
        groups = entry if isinstance(entry, list) else (entry,)
        return [(rendering, preview, [self.location(loc) for loc in _iter_locs(locs)])
                for rendering, preview, locs in groups]

    def __iter__(self) -> Iterator[K]:
        """The keys, in order of first appearance."""
        return iter(self.entries)

    def divergent(self) -> Iterator[list[Rendering]]:
        """Every text with two renderings or more: ``[(preview, [locations...]), ...]`` per rendering."""
        for _, groups in self.divergent_items():
            yield groups

    def divergent_items(self) -> Iterator[tuple[K, list[Rendering]]]:
        """``divergent`` with the key of each text: ``(key, [(preview, [locations...]), ...])``."""
        for key, entry in self.entries.items():
            if isinstance(entry, list):
                yield key, [(preview, [self.location(loc) for loc in locs]) for _, preview, locs in entry]


_CONTAINERS = (array, list)


def _locs(items: list[_Loc]) -> _Locs:
    """A container for locations: a compact array while every one is a packed int."""
    if all(isinstance(loc, int) for loc in items):
        return array("Q", items)  # type: ignore[arg-type]  # all ints, checked just above
    return list(items)


def _iter_locs(held: Any) -> Any:
    return held if isinstance(held, _CONTAINERS) else (held,)


def _copied(locs: Any) -> Any:
    return locs[:] if isinstance(locs, _CONTAINERS) else locs


def _owned(entry: Any) -> Any:
    """``entry`` with fresh containers, so growing it does not change the state it came from."""
    if isinstance(entry, list):
        return [[rendering, preview, _copied(locs)] for rendering, preview, locs in entry]
    rendering, preview, held = entry
    return (rendering, preview, held[:]) if isinstance(held, _CONTAINERS) else entry


def _shown(rendering: Any, preview: Callable[[Segment], str] | None, seg: Segment) -> Any:
    return rendering if preview is None else preview(seg)


def _joined(held: Any, more: Any) -> Any:
    """Locations ``held`` followed by ``more``, each one location or a container of them.

    A container ``held`` is grown in place (a text seen n times must not cost n copies);
    ``more`` is never changed.
    """
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
    if held_type is list:
        held.extend(more) if more_type is array or more_type is list else held.append(more)
        return held
    locs = list(held) if held_type is array else [held]
    locs.extend(more if isinstance(more, _CONTAINERS) else (more,))
    return _locs(locs)


def _as_groups(entry: Any) -> list[list[Any]]:
    """``entry`` in its several-renderings form (itself, or a new list of its one group)."""
    if isinstance(entry, list):
        return entry
    rendering, preview, held = entry
    return [[rendering, preview, held if isinstance(held, _CONTAINERS) else _locs([held])]]


def _moved(entry: Any, mapping: list[int]) -> Any:
    """A copy of ``entry`` with its document indexes renumbered through ``mapping``."""
    def move(loc: _Loc) -> _Loc:
        if isinstance(loc, int):
            return mapping[loc >> _LINE_BITS] << _LINE_BITS | (loc & _LINE_MASK)
        return (mapping[loc[0]], loc[1], loc[2])

    if isinstance(entry, list):
        return [[rendering, preview, _locs([move(loc) for loc in locs])] for rendering, preview, locs in entry]
    rendering, preview, held = entry
    if isinstance(held, _CONTAINERS):
        return (rendering, preview, _locs([move(loc) for loc in held]))
    return (rendering, preview, move(held))
