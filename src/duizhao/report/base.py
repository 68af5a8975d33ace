"""The lifecycle every report format shares: ``start`` → ``handle`` each finding → ``finish``.

Formatters never decide exit codes or filter findings; they render what the engine found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any, ClassVar

from ..model import Finding


@dataclass(frozen=True)
class RunInfo:
    """What a report says about the run itself (for reproducibility)."""

    version: str
    signature: str
    glossary_hash: str = ""
    glossary_terms: int = 0
    inputs: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)


class Formatter:
    """Base formatter: collects findings; subclasses render them in ``finish``."""

    name: ClassVar[str]

    def __init__(self, out: IO[str], run: RunInfo, *, color: bool = False) -> None:
        self.out = out
        self.run = run
        self.color = color
        self.findings: list[Finding] = []

    def start(self) -> None:
        """Called once before any finding."""

    def handle(self, finding: Finding) -> None:
        self.findings.append(finding)

    def finish(self, summary: dict[str, Any]) -> None:
        raise NotImplementedError

    def sorted_findings(self) -> list[Finding]:
        return sorted(self.findings, key=Finding.sort_key)
