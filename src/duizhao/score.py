"""Corpus-level BLEU, chrF and TER of a draft (or MT output) against references, via sacrebleu.

Scores come from sacrebleu's Python API with its default settings, so they equal what the
``sacrebleu`` command prints for the same files, and each carries sacrebleu's signature
(``nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0``) to make it reproducible.
Files are read the way the sacrebleu command reads them: one segment per line, trailing
whitespace stripped. Per-segment chrF (``segments=True``) points a reviewer at the worst lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sacrebleu.metrics import BLEU, CHRF, TER

from .errors import InputError, UsageError
from .textio import iter_lines


@dataclass(frozen=True)
class SegmentScore:
    line: int  # 1-based line in the hypothesis file
    chrf: float
    hyp: str
    refs: tuple[str, ...]


METRICS = ("bleu", "chrf", "ter")
_CLASSES = {"bleu": BLEU, "chrf": CHRF, "ter": TER}


@dataclass
class ScoreResult:
    bleu: float | None
    chrf: float | None
    ter: float | None
    signatures: dict[str, str]
    hyp: str
    refs: tuple[str, ...]
    lines: int
    verbose: dict[str, str] = field(default_factory=dict)
    segments: list[SegmentScore] | None = None

    def worst(self, count: int = 10) -> list[SegmentScore]:
        """The ``count`` segments with the lowest chrF, worst first (ties by line)."""
        return sorted(self.segments or [], key=lambda s: (s.chrf, s.line))[:count]

    def as_dict(self, worst: int = 10) -> dict[str, Any]:
        data: dict[str, Any] = {
            "bleu": self.bleu,
            "chrf": self.chrf,
            "ter": self.ter,
            "signatures": dict(self.signatures),
            "verbose": dict(self.verbose),
            "hyp": self.hyp,
            "refs": list(self.refs),
            "lines": self.lines,
        }
        if self.segments is not None:
            data["segments"] = [{"line": s.line, "chrf": s.chrf} for s in self.segments]
            data["worst"] = [
                {"line": s.line, "chrf": s.chrf, "hyp": s.hyp, "refs": list(s.refs)} for s in self.worst(worst)
            ]
        return data


def read_segments(path: Path, encoding: str | None = None) -> list[str]:
    """Lines of ``path`` with trailing whitespace stripped, as ``sacrebleu`` reads them."""
    return [line.rstrip() for _, line in iter_lines(path, encoding)]


def check_metrics(names: Sequence[str]) -> tuple[str, ...]:
    unknown = [n for n in names if n not in _CLASSES]
    if unknown or not names:
        raise UsageError(f"unknown metric {(unknown or [''])[0]!r} (known: {', '.join(METRICS)})")
    return tuple(dict.fromkeys(names))


def score_lines(hyps: Sequence[str], refs: Sequence[Sequence[str]], *, segments: bool = False,
                metrics: Sequence[str] = METRICS) -> dict[str, Any]:
    """BLEU, chrF and TER (or the ``metrics`` named) of ``hyps`` against one or more reference streams.

    TER is by far the slowest (sacrebleu's shift search: about a minute for 2,000 news
    sentences), which is why it can be left out.
    """
    chosen = {name: _CLASSES[name]() for name in check_metrics(metrics)}
    out: dict[str, Any] = {"signatures": {}, "verbose": {}, **dict.fromkeys(METRICS)}
    for name, metric in chosen.items():
        result = metric.corpus_score(list(hyps), [list(r) for r in refs])
        out[name] = float(result.score)
        out["signatures"][name] = str(metric.get_signature())
        out["verbose"][name] = result.format(signature="", width=2)
    if segments:
        chrf = CHRF()
        out["segments"] = [
            chrf.sentence_score(hyp, [r[k] for r in refs]).score for k, hyp in enumerate(hyps)
        ]
    return out


def score_files(hyp: Path, refs: Sequence[Path], *, segments: bool = False, encoding: str | None = None,
                metrics: Sequence[str] = METRICS) -> ScoreResult:
    """Score the hypothesis file against reference files (line i ↔ line i)."""
    if not refs:
        raise UsageError("give at least one reference file")
    check_metrics(metrics)
    hyp_lines = read_segments(hyp, encoding)
    if not hyp_lines:
        raise InputError("is empty: there is nothing to score", file=str(hyp))
    ref_lines = [read_segments(ref, encoding) for ref in refs]
    for ref, lines in zip(refs, ref_lines, strict=True):
        if len(lines) != len(hyp_lines):
            raise InputError(
                f"has {len(lines)} lines but the hypothesis {hyp} has {len(hyp_lines)}; "
                "scoring needs line-aligned files (align them first with `duizhao align`)",
                file=str(ref),
            )
    raw = score_lines(hyp_lines, ref_lines, segments=segments, metrics=metrics)
    per_segment = None
    if segments:
        per_segment = [
            SegmentScore(line=k + 1, chrf=value, hyp=hyp_lines[k], refs=tuple(r[k] for r in ref_lines))
            for k, value in enumerate(raw["segments"])
        ]
    return ScoreResult(
        bleu=raw["bleu"],
        chrf=raw["chrf"],
        ter=raw["ter"],
        signatures=raw["signatures"],
        verbose=raw["verbose"],
        hyp=str(hyp),
        refs=tuple(str(r) for r in refs),
        lines=len(hyp_lines),
        segments=per_segment,
    )


__all__ = ["METRICS", "ScoreResult", "SegmentScore", "read_segments", "score_files", "score_lines"]
