"""One check run, from inputs to findings: the library behind ``duizhao check``.

``run_check`` resolves inputs and glossary, builds the rules, streams segments through the
engine and returns findings with the run's statistics and signature. It knows nothing
about the command line or about report formats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .engine import Checker, RunStats, build_rules
from .errors import UsageError
from .formats import iter_segments
from .model import Finding, Severity


@dataclass(frozen=True)
class CheckRequest:
    """Everything that decides the outcome of a check run (and so goes into its signature)."""

    paths: tuple[Path, ...] = ()
    glossary: Path | None = None
    encoding: str | None = None
    input_format: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severities: dict[str, Severity] = field(default_factory=dict)
    fail_on: str = "error"


@dataclass
class CheckOutcome:
    findings: list[Finding]
    stats: RunStats
    signature: str
    glossary_hash: str
    glossary_terms: int
    inputs: tuple[str, ...]

    def summary(self) -> dict[str, Any]:
        return self.stats.as_dict()

    def exit_code(self, fail_on: str) -> int:
        """0 clean, 1 when a finding is at or above ``fail_on`` (error|warning|info|never)."""
        if fail_on == "never":
            return 0
        threshold = Severity(fail_on).rank
        return 1 if any(f.severity.rank >= threshold for f in self.findings) else 0


DEFAULT_CORPUS = Path("corpus")
DEFAULT_GLOSSARY = Path("glossary")


def resolve_inputs(paths: Sequence[Path]) -> tuple[Path, ...]:
    if paths:
        return tuple(paths)
    if DEFAULT_CORPUS.is_dir():
        return (DEFAULT_CORPUS,)
    raise UsageError("no PATH given and there is no ./corpus directory here; name the files or directories to check")


def resolve_glossary(path: Path | None) -> Path | None:
    if path is not None:
        return path
    return DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.exists() else None


def make_signature(version: str, glossary_hash: str, request: CheckRequest, rule_ids: Sequence[str]) -> str:
    """A sacrebleu-style signature: what produced these findings, reproducibly."""
    parts = [
        f"duizhao:{version}",
        f"glossary:{glossary_hash[:12] or 'none'}",
        "rules:" + ("all" if not request.select and not request.ignore else ",".join(rule_ids)),
        f"fail-on:{request.fail_on}",
    ]
    if request.severities:
        parts.append("severity:" + ",".join(f"{k}={v.value}" for k, v in sorted(request.severities.items())))
    return "|".join(parts)


def run_check(request: CheckRequest) -> CheckOutcome:
    """Check every segment of ``request.paths`` and return the findings, sorted."""
    from .glossary import TermMatcher, load_glossary  # imported late: the engine works without it

    inputs = resolve_inputs(request.paths)
    glossary_path = resolve_glossary(request.glossary)
    glossary = load_glossary(glossary_path, encoding=request.encoding) if glossary_path else None
    matcher = TermMatcher(glossary) if glossary else None
    rules = build_rules(request.select, request.ignore, request.severities)
    checker = Checker(rules, matcher)
    segments = iter_segments(inputs, encoding=request.encoding, format_name=request.input_format)
    findings = sorted(checker.run(segments), key=Finding.sort_key)
    glossary_hash = glossary.hash if glossary else ""
    return CheckOutcome(
        findings=findings,
        stats=checker.stats,
        signature=make_signature(__version__, glossary_hash, request, [r.id for r in rules]),
        glossary_hash=glossary_hash,
        glossary_terms=len(glossary.terms) if glossary else 0,
        inputs=tuple(str(p) for p in inputs),
    )
