"""Plain text for people: grouped by file, one finding per line, then a summary line."""

from __future__ import annotations

from itertools import groupby
from typing import Any, ClassVar

from ..model import Finding
from .base import Formatter


def finding_line(finding: Finding) -> str:
    """``file:line: severity rule-id [segment] message`` — the format editors can jump to."""
    loc = finding.location
    return f"{loc.file}:{loc.line}: {finding.severity.value} {finding.rule} [{loc.segment}] {finding.message}"


def summary_line(summary: dict[str, Any]) -> str:
    return (
        f"{summary['segments']} segments in {summary['files']} file(s): "
        f"{summary['errors']} error(s), {summary['warnings']} warning(s), {summary['infos']} info"
        + (f", {summary['suppressed']} suppressed" if summary.get("suppressed") else "")
    )


class TextFormatter(Formatter):
    name: ClassVar[str] = "text"

    def finish(self, summary: dict[str, Any]) -> None:
        write = self.out.write
        for file, group in groupby(self.sorted_findings(), key=lambda f: f.location.file):
            write(f"{file}\n")
            for finding in group:
                write(f"  {finding_line(finding)}\n")
        write(summary_line(summary) + "\n")
