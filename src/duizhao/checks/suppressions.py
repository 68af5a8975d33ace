"""Rules about the suppressions themselves (``ignore: {rule-id: reason}`` on a segment).

A suppression hides a finding from every report, so it must say why (a reviewer reading the
corpus later has to judge whether the reason still holds), and it must name a rule that
exists: a misspelt id suppresses nothing and misleads whoever reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ..model import Finding, Severity
from .base import PairContext, PairRule


class SuppressionUnjustified(PairRule):
    id: ClassVar[str] = "suppression-unjustified"
    only_if: ClassVar[str | None] = "ignore"
    locus: ClassVar[str] = "segment"  # about the segment's ``ignore:`` entry, not either text
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = "A segment suppresses a rule (`ignore:`) without giving a reason."
    why: ClassVar[str] = ("A suppression hides a finding from every report; without a reason nobody can tell "
                          "later whether it is still justified.")
    example: ClassVar[str] = "ignore: {term-missing: ''} → 'suppression of term-missing gives no reason'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        for rule_id, reason in ctx.segment.ignore.items():
            if not reason.strip():
                yield self.finding(
                    ctx,
                    f"suppression of {rule_id} gives no reason; write `ignore: {{{rule_id}: why it does not apply}}`",
                    data={"suppressed_rule": rule_id},
                )


class SuppressionUnknownRule(PairRule):
    id: ClassVar[str] = "suppression-unknown-rule"
    only_if: ClassVar[str | None] = "ignore"
    locus: ClassVar[str] = "segment"  # about the segment's ``ignore:`` entry, not either text
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = "A segment's `ignore:` names a rule id that does not exist."
    why: ClassVar[str] = ("A misspelt rule id suppresses nothing, yet reads as if the segment had been "
                          "reviewed for that rule.")
    example: ClassVar[str] = "ignore: {term-mising: approved by editor} → 'unknown rule term-mising in ignore'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        from . import RULES  # the registry imports this module; look it up at check time

        for rule_id in ctx.segment.ignore:
            if rule_id not in RULES:
                close = [known for known in RULES if _close(rule_id, known)]
                hint = f" (did you mean {close[0]}?)" if close else " (see `duizhao rules`)"
                yield self.finding(ctx, f"unknown rule {rule_id} in ignore{hint}", data={"suppressed_rule": rule_id})


def _close(a: str, b: str) -> bool:
    """True when ``a`` is a likely misspelling of ``b`` (difflib ratio ≥ 0.8)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= 0.8
