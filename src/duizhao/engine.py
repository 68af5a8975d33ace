"""Runs rules over a stream of segments and yields findings.

The engine is the one place that knows the order of work: per-pair rules on each pair as it
streams past, corpus rules' state folded in as it goes, suppressions applied, corpus findings
at the end. It is pure with respect to I/O: readers feed it, reporters consume it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .checks import RULES, CorpusRule, PairContext, PairRule, Rule
from .errors import UsageError
from .model import Finding, Severity


@dataclass
class RunStats:
    """Counts a report's summary needs, filled in while the run streams."""

    segments: int = 0
    documents: int = 0
    files: int = 0
    suppressed: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)

    def count(self, finding: Finding) -> None:
        self.by_severity[finding.severity.value] += 1
        self.by_rule[finding.rule] += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "segments": self.segments,
            "documents": self.documents,
            "files": self.files,
            "errors": self.by_severity.get("error", 0),
            "warnings": self.by_severity.get("warning", 0),
            "infos": self.by_severity.get("info", 0),
            "suppressed": self.suppressed,
            "by_rule": dict(sorted(self.by_rule.items())),
        }


def build_rules(
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severities: Mapping[str, Severity] | None = None,
) -> list[Rule]:
    """Instantiate the selected rules with their configured severities.

    ``select`` empty means every rule; unknown ids are a usage error so that a typo in CI
    configuration cannot silently switch a check off.
    """
    severities = severities or {}
    for rule_id in (*select, *ignore, *severities):
        if rule_id not in RULES:
            raise UsageError(f"unknown rule {rule_id!r} (see `duizhao rules`)")
    chosen = [rid for rid in RULES if (not select or rid in select) and rid not in ignore]
    return [RULES[rid](severities.get(rid)) for rid in chosen]


class Checker:
    """Applies a fixed set of rules (and one glossary matcher) to segments."""

    def __init__(self, rules: Sequence[Rule], matcher: Any = None) -> None:
        self.rules = list(rules)
        self.matcher = matcher
        self.pair_rules = [r for r in self.rules if isinstance(r, PairRule)]
        self.corpus_rules = [r for r in self.rules if isinstance(r, CorpusRule)]
        self.stats = RunStats()

    def new_states(self) -> list[Any]:
        return [rule.new_state() for rule in self.corpus_rules]

    def check_pairs(self, segments: Iterable, states: list[Any], suppressions: dict) -> Iterator[Finding]:
        """Per-pair findings for ``segments``; corpus state is folded into ``states``.

        ``suppressions`` collects ``(file, segment id) -> ignored rule ids`` for the segments
        that carry any, so corpus findings at the end can honour them too.
        """
        pair_rules, corpus_rules, matcher = self.pair_rules, self.corpus_rules, self.matcher
        stats = self.stats
        files: set[str] = set()
        for seg in segments:
            stats.segments += 1
            if seg.doc.file not in files:
                files.add(seg.doc.file)
            ctx = PairContext(seg, matcher)
            ignored = seg.ignore
            if ignored:
                suppressions[(seg.doc.file, seg.id)] = frozenset(ignored)
            for rule in pair_rules:
                for finding in rule.check(ctx):
                    if ignored and finding.rule in ignored:
                        stats.suppressed += 1
                        continue
                    yield finding
            for rule, state in zip(corpus_rules, states):
                rule.observe(state, ctx)
        stats.files += len(files)
        stats.documents += len(files)

    def finish(self, states: list[Any], suppressions: dict) -> Iterator[Finding]:
        for rule, state in zip(self.corpus_rules, states):
            for finding in rule.finish(state):
                ignored = suppressions.get((finding.location.file, finding.location.segment))
                if ignored and finding.rule in ignored:
                    self.stats.suppressed += 1
                    continue
                yield finding

    def run(self, segments: Iterable) -> Iterator[Finding]:
        """Every finding for ``segments``: per-pair ones as they stream, then corpus ones."""
        states = self.new_states()
        suppressions: dict = {}
        for finding in self.check_pairs(segments, states, suppressions):
            self.stats.count(finding)
            yield finding
        for finding in self.finish(states, suppressions):
            self.stats.count(finding)
            yield finding
