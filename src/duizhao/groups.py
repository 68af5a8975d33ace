"""A flat store of "which renderings did each text get, and where": the state of the
consistency rules (``segment-inconsistent``, ``target-inconsistent``, ``term-inconsistent``).

Each sighting is one fixed-width record (60 bytes: the text's digest, the rendering's digest,
its place in input order, the document's index, the line, and where its segment id and preview
are in a byte arena) appended to a ``bytearray``: no Python object per pair, so a million
distinct pairs cost tens of megabytes and a chunk's state pickles as two byte strings. The
arena holds a segment id only when it is not the line number, and a preview only for the first
sighting of a rendering (of the recent ones: a repeat may carry one again, harmlessly).

Past its share of a ``spill.MemoryBudget`` the store writes its records to one of
``PARTITIONS`` files by the text's digest (and its arena to one file) and starts again empty.
At the end every partition is read back alone, sorted by digest and input order with numpy,
and the texts with two renderings or more are turned into locations; the result is the same
whether nothing, a little or everything was spilled, and however the input was chunked.

The representation is private; the API is ``add``, ``merge``, ``divergent`` and
``divergent_items``, and ``len`` (sightings).
"""

from __future__ import annotations

import hashlib
import mmap
import struct
from collections.abc import Callable, Hashable, Iterable, Iterator
from functools import cache
from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from .model import Location, Segment

if TYPE_CHECKING:
    import numpy as np

    from .spill import MemoryBudget

K = TypeVar("K", bound=Hashable)  # what a text is known by (a 12-byte digest, or digested here)
R = TypeVar("R", bound=Hashable)  # what a rendering is known by

#: one rendering of a text: what is shown for it, and where it occurs (in input order)
Rendering: TypeAlias = tuple[str, list[Location]]
#: what is shown for a new rendering: a text, a function of the segment, or (None) the rendering itself
Shown: TypeAlias = "str | Callable[[Segment], str] | None"

#: files a spilled store is split into by digest; one is in memory at a time when finishing
PARTITIONS = 64
#: a state of at most this many sightings, all in memory, is grouped in plain Python (no numpy
#: import for a small check); a larger one is sorted with numpy
_SMALL = 50_000
#: previews already given to recent (text, rendering)s are not stored again (a bounded set)
_SHOWN_CAPACITY = 1 << 16

# key digest, rendering digest, input order, document index, line, arena offset, id bytes, preview bytes
_RECORD = struct.Struct("<12s12sQIqQII")


@cache
def _numpy() -> tuple[Any, Any]:
    """numpy and the records' dtype, imported when a state is first sorted, split or merged
    (``duizhao rules`` imports the rules, not numpy)."""
    import numpy

    dtype = numpy.dtype({
        "names": ["k0", "k1", "r0", "r1", "seq", "doc", "line", "text", "id_len", "shown_len"],
        "formats": ["<u8", "<u4", "<u8", "<u4", "<u8", "<u4", "<i8", "<u8", "<u4", "<u4"],
        "offsets": [0, 8, 12, 20, 24, 32, 36, 44, 52, 56],
        "itemsize": _RECORD.size,
    })
    return numpy, dtype

_stores = count()


def as_digest(value: Any) -> bytes:
    """``value`` as the 12 bytes the store keys by: a 12-byte digest as it is, else its blake2b."""
    if type(value) is bytes and len(value) == 12:
        return value
    if isinstance(value, tuple):
        value = "\x1f".join(map(str, value))
    if isinstance(value, str):
        value = value.encode("utf-8")
    return hashlib.blake2b(value, digest_size=12).digest()


class Groups(Generic[K, R]):
    """Texts and their renderings, each sighting a packed record; see the module docstring."""

    __slots__ = ("_budget", "_count", "_files", "_last_doc", "_limit", "_next_seq", "_records", "_shown",
                 "_text_base", "_texts", "doc_index", "docs")

    def __init__(self) -> None:
        self.docs: list[tuple[str, str]] = []  # (file, document id)
        self.doc_index: dict[tuple[str, str], int] = {}
        self._records = bytearray()
        self._texts = bytearray()
        self._text_base = 0  # arena bytes already on disk
        self._count = 0  # sightings, in memory and spilled
        self._next_seq = 0  # the input order of the next sighting (a split's piece has gaps)
        self._shown: dict[bytes, None] = {}
        self._last_doc: tuple[Any, int, bool] = (None, 0, False)
        self._limit: int | None = None
        self._budget: MemoryBudget | None = None
        self._files: Path | None = None  # the prefix of this store's spilled files

    # -- pickling (a chunk's state travels from a worker): everything in memory, as bytes ----

    def __getstate__(self) -> tuple[list[tuple[str, str]], int, int, bytes, bytes]:
        if self._files is None:  # the usual chunk: its bytes as they are (no numpy in a worker)
            return self.docs, self._count, self._next_seq, bytes(self._records), bytes(self._texts)
        records, texts = self._materialised()
        return self.docs, self._count, self._next_seq, records.tobytes(), texts

    def __setstate__(self, state: tuple[list[tuple[str, str]], int, int, bytes, bytes]) -> None:
        self.__init__()  # type: ignore[misc]
        self.docs, self._count, self._next_seq, records, texts = state
        self.doc_index = {doc: index for index, doc in enumerate(self.docs)}
        self._records, self._texts = bytearray(records), bytearray(texts)

    def __len__(self) -> int:
        return self._count

    # -- the budget --------------------------------------------------------------------------

    def bind(self, budget: MemoryBudget, share: int) -> None:
        self._budget, self._limit = budget, share
        self._check()

    def close(self) -> None:
        if self._files is not None:
            for path in self._files.parent.glob(self._files.name + ".*"):
                path.unlink(missing_ok=True)
            self._files = None

    @property
    def memory(self) -> int:
        """Bytes held in memory (records and arena; the small set of recent previews aside)."""
        return len(self._records) + len(self._texts)

    def _check(self) -> None:
        if self._limit is not None and len(self._records) + len(self._texts) > self._limit:
            self.spill()

    def spill(self) -> None:
        """Write what is in memory to this store's files (appending) and hold nothing."""
        np, _DTYPE = _numpy()
        if self._budget is None:
            raise RuntimeError("a store spills only into a budget's directory (bind it first)")
        if self._files is None:
            self._files = self._budget.directory() / f"groups-{next(_stores)}"
        records = np.frombuffer(self._records, dtype=_DTYPE)
        if len(records):
            part = records["k0"] % PARTITIONS
            order = np.argsort(part, kind="stable")
            bounds = np.searchsorted(part[order], np.arange(PARTITIONS + 1))
            for p in range(PARTITIONS):
                if bounds[p] < bounds[p + 1]:
                    with open(f"{self._files}.{p}", "ab") as out:
                        out.write(records[order[bounds[p]:bounds[p + 1]]].tobytes())
        with open(f"{self._files}.texts", "ab") as out:
            out.write(self._texts)
        del records
        self._text_base += len(self._texts)
        self._records, self._texts = bytearray(), bytearray()

    # -- recording -----------------------------------------------------------------------------

    def _index(self, doc: tuple[str, str]) -> int:
        index = self.doc_index.get(doc)
        if index is None:
            index = self.doc_index[doc] = len(self.docs)
            self.docs.append(doc)
        return index

    def add(self, key: K, rendering: R, seg: Segment, preview: Shown = None) -> None:
        """Record ``seg`` under ``key`` with ``rendering``.

        ``preview`` is what is shown for a rendering (a text, or a function of the segment asked
        only for a new rendering; default: the rendering itself). Called for every pair by every
        corpus rule: one record appended, the preview (and a segment id that is not the line)
        into the arena.
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
        key_digest, rendering_digest = as_digest(key), as_digest(rendering)
        texts = self._texts
        offset = self._text_base + len(texts)
        seg_id = seg.id
        if seg_id == str(line):
            id_len = 0
        else:
            encoded = seg_id.encode("utf-8")
            texts += encoded
            id_len = len(encoded)
        pair = key_digest + rendering_digest
        shown_set = self._shown
        if pair in shown_set:
            shown_len = 0
        else:
            if len(shown_set) >= _SHOWN_CAPACITY:
                shown_set.clear()
            shown_set[pair] = None
            shown = preview(seg) if callable(preview) else preview if preview is not None else rendering
            encoded = str(shown).encode("utf-8")
            texts += encoded
            shown_len = len(encoded)
        self._records += _RECORD.pack(key_digest, rendering_digest, self._next_seq, index, line, offset, id_len,
                                      shown_len)
        self._count += 1
        self._next_seq += 1
        limit = self._limit
        if limit is not None and len(self._records) + len(texts) > limit:
            self.spill()

    def merge(self, later: Groups[K, R]) -> Groups[K, R]:
        """Fold ``later`` (the state of the chunk after this one) into this state and return it.

        ``later`` is left as it was.
        """
        np, _ = _numpy()
        records, texts = later._materialised()
        if len(records):
            records = records.copy()
            mapping = np.array([self._index(doc) for doc in later.docs], dtype=np.uint32)
            records["doc"] = mapping[records["doc"]]
            records["seq"] += self._next_seq
            records["text"] += self._text_base + len(self._texts)
            self._records += records.tobytes()
            self._texts += texts
        else:
            for doc in later.docs:
                self._index(doc)
        self._count += later._count
        self._next_seq += later._next_seq
        self._check()
        return self

    def split(self, parts: int) -> list[Groups[K, R]]:
        """This state as ``parts`` states, each text in exactly one (by its digest): merging the
        pieces of every chunk part by part, in chunk order, finds what merging the chunks finds."""
        np, _ = _numpy()
        records, texts = self._materialised()
        part = records["k0"] % parts
        pieces = []
        for p in range(parts):
            mine = records[part == p]  # a copy, in input order
            lengths = (mine["id_len"] + mine["shown_len"]).tolist()
            piece: Groups[K, R] = Groups()
            piece.docs, piece.doc_index = list(self.docs), dict(self.doc_index)
            piece._texts = bytearray(b"".join(texts[start:start + length]
                                              for start, length in zip(mine["text"].tolist(), lengths, strict=True)
                                              if length))
            if len(mine):
                mine["text"] = np.cumsum([0, *lengths[:-1]], dtype=np.uint64)
            piece._records = bytearray(mine.tobytes())
            piece._count, piece._next_seq = len(mine), self._next_seq
            pieces.append(piece)
        return pieces

    def _materialised(self) -> tuple[np.ndarray, bytes]:
        """Every record (a numpy array in input order) and the whole arena, read back if spilled."""
        np, _DTYPE = _numpy()
        if self._files is None:
            return np.frombuffer(bytes(self._records), dtype=_DTYPE), bytes(self._texts)
        parts = [np.fromfile(path, dtype=_DTYPE) for path in self._partition_files()]
        parts.append(np.frombuffer(bytes(self._records), dtype=_DTYPE))
        records = np.concatenate(parts)
        records = records[np.argsort(records["seq"], kind="stable")]
        return records, Path(f"{self._files}.texts").read_bytes() + bytes(self._texts)

    def _partition_files(self) -> list[Path]:
        assert self._files is not None
        return [path for p in range(PARTITIONS) if (path := Path(f"{self._files}.{p}")).exists()]

    # -- the end -------------------------------------------------------------------------------

    def divergent(self) -> Iterator[list[Rendering]]:
        """Every text with two renderings or more, in order of its first sighting:
        ``[(preview, [locations...]), ...]`` per rendering, renderings in order of first sighting."""
        if self._files is None and self._count <= _SMALL:
            found = self._divergent_small()
        elif self._files is None:
            np, _DTYPE = _numpy()
            records = np.frombuffer(self._records, dtype=_DTYPE)
            found = self._divergent_in(records, _Arena(self._texts, 0))
        else:
            np, _DTYPE = _numpy()
            self.spill()  # the rest joins its partitions: each is then read back alone
            found = []
            with open(f"{self._files}.texts", "rb") as file:
                size = file.seek(0, 2)
                view = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
                try:
                    arena = _Arena(view, 0)
                    for path in self._partition_files():
                        found.extend(self._divergent_in(np.fromfile(path, dtype=_DTYPE), arena))
                finally:
                    if isinstance(view, mmap.mmap):
                        view.close()
        found.sort(key=lambda item: item[0])
        for _, groups in found:
            yield groups

    def divergent_items(self) -> Iterator[tuple[str, list[Rendering]]]:
        """``divergent`` with each text's first preview beside it (what a rule may need to name the text)."""
        for groups in self.divergent():
            yield groups[0][0], groups

    def _divergent_small(self) -> list[tuple[int, list[Rendering]]]:
        """``_divergent_in`` for a small state in memory, in plain Python (records are in input order)."""
        by_key: dict[bytes, list[tuple[Any, ...]]] = {}
        for row in _RECORD.iter_unpack(self._records):
            rows = by_key.get(row[0])
            if rows is None:
                by_key[row[0]] = [row]
            else:
                rows.append(row)
        arena = _Arena(self._texts, 0)
        found = []
        for rows in by_key.values():
            first = rows[0][1]
            if any(row[1] != first for row in rows):
                found.append((rows[0][2], self._renderings([row[1:2] + row[3:] for row in rows], arena)))
        return found

    def _divergent_in(self, records: np.ndarray, arena: _Arena) -> list[tuple[int, list[Rendering]]]:
        """``(first sighting, renderings)`` of each text of ``records`` seen with two renderings or more."""
        np, _ = _numpy()
        if len(records) < 2:
            return []
        k0, k1 = records["k0"], records["k1"]
        order = np.lexsort((records["seq"], k1, k0))
        k0, k1 = k0[order], k1[order]
        starts_mask = np.empty(len(order), dtype=bool)
        starts_mask[0] = True
        np.not_equal(k0[1:], k0[:-1], out=starts_mask[1:])
        starts_mask[1:] |= k1[1:] != k1[:-1]
        del k0, k1
        group = np.cumsum(starts_mask) - 1
        starts = np.flatnonzero(starts_mask)
        r0, r1 = records["r0"][order], records["r1"][order]
        differs = (r0 != r0[starts][group]) | (r1 != r1[starts][group])
        del r0, r1
        found = []
        ends = np.append(starts[1:], len(order))
        for g in np.unique(group[differs]):
            rows = records[order[starts[g]:ends[g]]]
            rendering = zip(rows["r0"].tolist(), rows["r1"].tolist(), strict=True)
            found.append((int(rows["seq"][0]), self._renderings(
                zip(rendering, rows["doc"].tolist(), rows["line"].tolist(), rows["text"].tolist(),
                    rows["id_len"].tolist(), rows["shown_len"].tolist(), strict=True), arena)))
        return found

    def _renderings(self, rows: Iterable[tuple[Any, ...]], arena: _Arena) -> list[Rendering]:
        """A text's renderings from its rows ``(rendering, document, line, arena offset, id bytes,
        preview bytes)`` in input order."""
        by_rendering: dict[Any, Rendering] = {}
        docs = self.docs
        for rendering, doc, line, text, id_len, shown_len in rows:
            file, doc_id = docs[doc]
            seg_id = arena.text(text, id_len) if id_len else str(line)
            where = Location(file=file, line=line, segment=seg_id, doc=doc_id)
            known = by_rendering.get(rendering)
            if known is None:
                # the first sighting of a rendering always carries its preview (see ``add``)
                by_rendering[rendering] = (arena.text(text + id_len, shown_len), [where])
            else:
                known[1].append(where)
        return list(by_rendering.values())


class _Arena:
    """Reads texts at arena offsets from memory or a mapped file (``base``: the offset of its first byte)."""

    __slots__ = ("base", "data")

    def __init__(self, data: Any, base: int) -> None:
        self.data, self.base = data, base

    def text(self, offset: int, length: int) -> str:
        start = offset - self.base
        return bytes(self.data[start:start + length]).decode("utf-8")
