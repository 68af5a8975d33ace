"""Rules about pairs that came from aligning a source with a draft (``check --source --draft``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ..model import Finding, Severity
from .base import PairContext, PairRule


class AlignmentUncertain(PairRule):
    id: ClassVar[str] = "alignment-uncertain"
    only_if: ClassVar[str | None] = "props"
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = (
        "A draft's English that the aligner is unsure belongs with its Chinese, or that has no Chinese at all."
    )
    why: ClassVar[str] = (
        "Only for `check --source --draft`. A draft that leaves out, adds or reorders sentences aligns"
        " badly there; the other rules then compare the wrong sentences, so the translator should look at"
        " these places first. Below a confidence of 0.7 (the bead's posterior probability) the pair is"
        " flagged; an English sentence with no Chinese (a 0-1 bead) always is, as empty-target flags the reverse."
    )
    example: ClassVar[str] = (
        "截至2023年底，共有3亿人参保。 → The programme was launched in 2019.: "
        "'alignment uncertain (confidence 0.31, 1-1 bead)'"
    )
    # Posterior probability of the bead under the aligner's model; below this, say so. On
    # damaged WMT22/23 drafts (benchmarks/align_quality.py) 0.7 flags about 60-67% of the
    # wrong beads and 3% of the right ones; 0.5 would flag 1% of right ones but miss most.
    threshold: ClassVar[float] = 0.7

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        raw = ctx.segment.props.get("confidence")
        if raw is None:
            return  # a pair from an aligned corpus, not from the aligner
        try:
            confidence = float(raw)
        except ValueError:
            return
        bead = ctx.segment.props.get("bead", "")
        if bead == "0-1":
            # The 1-0 case (Chinese left untranslated) is empty-target's; this is its mirror.
            yield self.finding(
                ctx,
                f"no Chinese for this English (0-1 bead, confidence {confidence:.2f}): a sentence added in"
                " the draft, or one whose source the aligner could not find",
                data={"confidence": confidence, "bead": bead},
            )
        elif confidence < self.threshold:
            where = ctx.segment.props.get("zh_line")
            source = f"; source line {where}" if where else ""
            yield self.finding(
                ctx,
                f"alignment uncertain (confidence {confidence:.2f}{', ' + bead + ' bead' if bead else ''}{source}):"
                " check that this English translates this Chinese",
                data={"confidence": confidence, "bead": bead},
            )
