"""Pair views: what a report draws of a pair, recorded while the check runs.

A report that shows the pairs themselves (the HTML page side by side, the coloured terminal
excerpts, the reviewer's sheet) needs each pair's texts and place and, for the HTML page, the
glossary terms and figures in both texts. The check has all of it at hand: ``view_of`` takes
it from the pair's ``PairContext``, whose glossary hits the term rules have usually computed
already, so no report reads the inputs again or runs the glossary matcher a second time.

Views are made only when the chosen report says it draws pairs (``Formatter.draws_pairs``,
``CheckRequest.pair_views``); other formats cost nothing. Which pairs a report shows is known
only after the last pair (corpus rules report on any pair at the end), so a run keeps every
view, in input order, in a ``PairViews`` store that holds at most ``SPOOL_EVERY`` of them in
memory and writes the others to a temporary file: memory stays flat on any corpus size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, NamedTuple

from .model import DocumentInfo

if TYPE_CHECKING:
    from .checks.base import PairContext

#: a highlighted range of one side of a pair: ``(start, end, css class, tooltip)``
Mark = tuple[int, int, str, str]

#: what the HTML page boxes as a figure (digits with separators, a trailing per cent)
FIGURE = re.compile(r"[0-9０-９]+(?:[,.，．][0-9０-９]+)*(?:\s?[%％‰])?")
#: views a ``PairViews`` store holds in memory before it writes them to its temporary file
SPOOL_EVERY = 4096


class PairView(NamedTuple):
    """One pair as reports draw it: its place, its texts and the marks found in them.

    ``zh_marks``/``en_marks`` are the figures, then each glossary term found in the Chinese
    with its renderings (approved, variant, forbidden) found in the English, in the order the
    HTML page has always layered them. A plain tuple: it travels back from ``--jobs`` workers
    and Dask partitions with the chunk's findings, and pickles at tuple speed.
    """

    doc: DocumentInfo
    id: str
    line: int
    zh: str
    en: str
    zh_marks: tuple[Mark, ...]
    en_marks: tuple[Mark, ...]
    number: str = ""  # the segment number a CAT tool shows (``xliff.number``), else ""
    source_side: str = "zh"  # which side is the source (``xliff.source``; "en" for an en→zh file)

    @property
    def file(self) -> str:
        return self.doc.file

    @property
    def key(self) -> tuple[str, str]:
        """``(file, segment id)``: how findings name the pair."""
        return (self.doc.file, self.id)


def pack(views: list[PairView]) -> bytes:
    """``views`` as one block of bytes: how a chunk's views travel back from a worker and are spooled."""
    import pickle

    return pickle.dumps(views, protocol=pickle.HIGHEST_PROTOCOL)


def figure_marks(text: str) -> list[Mark]:
    return [(m.start(), m.end(), "figure", "") for m in FIGURE.finditer(text) if m.group().strip()]


def view_of(ctx: PairContext) -> PairView:
    """The pair of ``ctx`` as a report draws it (glossary hits shared with the rules through ``ctx``)."""
    seg = ctx.segment
    zh_marks = figure_marks(seg.zh)
    en_marks = figure_marks(seg.en)
    if ctx.matcher is not None:
        for hit in ctx.zh_hits:
            term = hit.term
            zh_marks.append((hit.start, hit.end, "term", f"glossary: {term.zh} → {term.en}"))
            for en_hit in ctx.en_hits(term):
                if en_hit.kind == "forbidden":
                    en_marks.append((en_hit.start, en_hit.end, "forbidden", f"forbidden for {term.zh}; use: {term.en}"))
                else:
                    en_marks.append((en_hit.start, en_hit.end, "term", f"{term.zh} ({en_hit.kind})"))
    props = seg.props
    return PairView(seg.doc, seg.id, seg.line, seg.zh, seg.en, tuple(zh_marks), tuple(en_marks),
                    props.get("xliff.number", "") if props else "",
                    props.get("xliff.source", "zh") if props else "zh")


class PairViews:
    """A run's pair views in input order, iterable as often as needed; memory stays flat.

    Up to ``spool_every`` views are held in memory; beyond that they are pickled in blocks to
    an anonymous temporary file of this process (deleted when closed or collected; it is never
    read by another process or kept as a cache) and read back block by block when iterated.
    """

    def __init__(self, spool_every: int = SPOOL_EVERY) -> None:
        self.spool_every = spool_every
        self._held: list[PairView] = []
        self._spool: IO[bytes] | None = None
        self._blocks: list[int] = []  # where each spooled block starts in the file
        self.count = 0

    def add(self, view: PairView) -> None:
        held = self._held
        held.append(view)
        self.count += 1
        if len(held) >= self.spool_every:
            self._write(pack(held))
            self._held = []

    def extend(self, views: Iterable[PairView]) -> None:
        for view in views:
            self.add(view)

    def add_packed(self, packed: bytes, count: int) -> None:
        """Add ``count`` views packed by ``pack`` (a worker's chunk): written as they are, unpickled
        only when the report reads them, so the main process of a ``--jobs`` run does not pay twice."""
        if self._held:  # keep the input order: what is held goes first
            held, self._held = self._held, []
            self._write(pack(held))
        self._write(packed)
        self.count += count

    def _write(self, packed: bytes) -> None:
        spool = self._spool
        if spool is None:
            import tempfile

            # owned by the store until ``close`` (or collection): no with-block can hold it
            spool = self._spool = tempfile.TemporaryFile(prefix="duizhao-views-")  # noqa: SIM115
        spool.seek(0, 2)
        self._blocks.append(spool.tell())
        spool.write(packed)

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[PairView]:
        import pickle

        spool = self._spool
        for offset in list(self._blocks):
            assert spool is not None
            spool.seek(offset)
            block: list[PairView] = pickle.load(spool)
            yield from block
        yield from list(self._held)

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        self._held = []
        self._blocks = []
        self.count = 0
