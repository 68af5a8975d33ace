"""``length-outlier``: an English side far shorter or longer than its Chinese predicts.

The prediction is the aligner's length model (``lengthmodel.length_model``): English characters per
Chinese character from the document's totals, and the spread of log(en/zh) from the median
deviation, both per document, so a terse document or a wordy translator sets its own normal.
A pair is an outlier when its log length ratio is more than ``threshold`` standard deviations
from the document's (``lengthmodel.length_deviation``; short texts are smoothed as the aligner
smooths them, so "表1" → "Table 1" is never an outlier).

State is per document: two lengths and a location per pair, in arrays; chunks concatenate in
order, so ``--jobs`` and Dask see the same model as one run.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from typing import ClassVar

from ..model import Finding, Location, Segment, Severity
from ..spill import split_mapping
from .base import CorpusRule, PairContext

_Key = tuple[str, str]  # (file, document id)
_COPIED = re.compile(r"[A-Za-z0-9]")
# English characters per Chinese character on WMT zh→en (the aligner's first estimate): a copied
# Latin character counts as 1/3.4 of a Chinese one, so it predicts one English character
_LATIN_RATIO = 3.4


class DocLengths:
    """The lengths of one document's pairs, with where each pair is (``array``s, no per-pair objects)."""

    __slots__ = ("en", "ids", "lines", "zh")

    def __init__(self) -> None:
        self.zh = array("f")
        self.en = array("f")
        self.lines = array("Q")
        self.ids: list[str] | None = None  # only when a segment id is not its line number

    def add(self, zh: float, en: float, seg: Segment) -> None:
        self.zh.append(zh)
        self.en.append(en)
        self.lines.append(max(seg.line, 0))
        if self.ids is None and seg.id != str(seg.line):
            self.ids = [str(line) for line in self.lines[:-1]]
        if self.ids is not None:
            self.ids.append(seg.id)

    def extend(self, later: DocLengths) -> None:
        if self.ids is not None or later.ids is not None:
            mine = self.ids if self.ids is not None else [str(line) for line in self.lines]
            theirs = later.ids if later.ids is not None else [str(line) for line in later.lines]
            self.ids = mine + theirs
        self.zh.extend(later.zh)
        self.en.extend(later.en)
        self.lines.extend(later.lines)

    def segment(self, index: int) -> str:
        return self.ids[index] if self.ids is not None else str(self.lines[index])


#: English characters per Chinese character before a document has enough pairs to say (the
#: aligner's "about 3.4", measured on WMT zh→en), and the aligner's starting spread
PRIOR_RATIO = 3.4
PRIOR_VARIANCE = 0.25**2


def pair_lengths(zh: str, en: str) -> tuple[float, float]:
    """``(Chinese, English)`` lengths as the model counts them (``align.char_length``), where
    Latin letters and digits in the Chinese (names in brackets, codes, figures) count as what
    they are: copied into the English one for one, not expanded like Chinese characters."""
    copied = len(_COPIED.findall(zh))
    return _char_length(zh) - copied + copied / _LATIN_RATIO, _char_length(en)


def _char_length(text: str) -> float:
    """``align.char_length`` (characters other than whitespace), counted in C: str.split drops
    exactly the characters ``isspace`` is true for."""
    return float(len("".join(text.split())))


def document_model(doc: DocLengths, min_pairs: int = 30, trim: float = 2.5) -> tuple[float, float]:
    """``(ratio, variance)`` of one document by the aligner's ``length_model``, estimated twice as
    the aligner re-estimates from its first pass's 1-1 beads: the second time without the pairs
    the first model puts beyond ``trim`` standard deviations, which would drag it. A document of
    fewer than ``min_pairs`` pairs says too little about itself: the prior holds."""
    if len(doc.zh) < min_pairs:
        return PRIOR_RATIO, PRIOR_VARIANCE
    from ..lengthmodel import length_deviation, length_model
    ratio, variance = length_model(doc.zh, doc.en, min_pairs=min_pairs)
    near = [(zh, en) for zh, en in zip(doc.zh, doc.en, strict=True)
            if abs(length_deviation(zh, en, ratio, variance)) <= trim]
    if len(near) >= min_pairs:
        ratio, variance = length_model([p[0] for p in near], [p[1] for p in near], min_pairs=min_pairs)
    return ratio, variance


def merge_documents(earlier: dict[_Key, DocLengths], later: dict[_Key, DocLengths]) -> dict[_Key, DocLengths]:
    """Fold a later chunk's documents into an earlier chunk's (a document may span both)."""
    for key, doc in later.items():
        mine = earlier.get(key)
        if mine is None:
            earlier[key] = doc
        else:
            mine.extend(doc)
    return earlier


class LengthOutlier(CorpusRule):
    id: ClassVar[str] = "length-outlier"
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("The English is far shorter or longer than the Chinese predicts, by the aligner's "
                              "length model estimated on the document.")
    why: ClassVar[str] = ("A translation a third of the expected length has usually lost a clause or a sentence; one "
                          "three times as long has usually picked up the next segment's text. Length is the one "
                          "signal that needs no dictionary.")
    example: ClassVar[str] = ("a 60-character Chinese sentence → 'Spring has come.': 'the English is 16 characters; "
                              "the Chinese predicts about 200 (5.1 standard deviations short)'")
    #: standard deviations of the document's log length ratio beyond which a pair is reported
    #: (benchmarks/formal_quality.py: WMT21-23 references)
    threshold: ClassVar[float] = 4.0
    #: Chinese characters below which a pair says too little about its length
    min_zh: ClassVar[int] = 12
    #: pairs a document needs before its own model is estimated (fewer: the prior, ratio 3.4, sigma 0.25)
    min_pairs: ClassVar[int] = 30
    #: standard deviations beyond which a pair is left out of the second estimate
    trim: ClassVar[float] = 2.5

    def new_state(self) -> dict[_Key, DocLengths]:
        return {}

    def observation(self, ctx: PairContext) -> tuple[float, float] | None:
        seg = ctx.segment
        if not seg.zh.strip() or not seg.en.strip():
            return None  # empty-target's
        return pair_lengths(seg.zh, seg.en)

    def record(self, state: dict[_Key, DocLengths], observation: tuple[float, float], segment: Segment) -> None:
        key = (segment.doc.file, segment.doc.id)
        doc = state.get(key)
        if doc is None:
            doc = state[key] = DocLengths()
        doc.add(observation[0], observation[1], segment)

    def merge(self, earlier: dict[_Key, DocLengths], later: dict[_Key, DocLengths]) -> dict[_Key, DocLengths]:
        return merge_documents(earlier, later)

    def split(self, state: dict[_Key, DocLengths], parts: int) -> list[dict[_Key, DocLengths]]:
        """By document (``spill.SplitsState``): a document's model needs all of its pairs, and only them."""
        return split_mapping(state, parts)

    def finish(self, state: dict[_Key, DocLengths]) -> Iterable[Finding]:
        from ..lengthmodel import length_deviation  # plain Python: the aligner (numpy) is not loaded

        for (file, doc_id), doc in state.items():
            ratio, variance = document_model(doc, self.min_pairs, self.trim)
            for index, (zh, en) in enumerate(zip(doc.zh, doc.en, strict=True)):
                if zh < self.min_zh:
                    continue
                deviation = length_deviation(zh, en, ratio, variance)
                if abs(deviation) <= self.threshold:
                    continue
                where = Location(file=file, line=doc.lines[index], segment=doc.segment(index), doc=doc_id)
                expected = round(zh * ratio)
                how = "short" if deviation < 0 else "long"
                yield self.finding(
                    where,
                    f"the English is {int(en)} characters; the Chinese ({int(zh)}) predicts about {expected} "
                    f"({abs(deviation):.1f} standard deviations {how})",
                    data={"zh_length": int(zh), "en_length": int(en), "expected": expected,
                          "deviation": round(deviation, 2), "ratio": round(ratio, 3)},
                )

