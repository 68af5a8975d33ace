"""GitLab Code Quality JSON, for the merge-request widget and the changed-lines view.

GitLab reads an array of issues, each with ``description``, ``check_name``, ``fingerprint``
(unique per issue: GitLab compares the base and head reports by it, so a new finding shows as
new), ``severity`` (``info``, ``minor``, ``major``, ``critical``, ``blocker``) and
``location.path`` with ``location.positions.begin.line`` (and ``column``), or
``location.lines.begin``. The fingerprint is the baseline fingerprint, so it survives line moves.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from ..baseline import fingerprint, normalise_path
from ..model import Finding, Severity
from .base import Formatter

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    begin: dict[str, int] = {"line": max(loc.line, 1)}
    if loc.column:
        begin["column"] = loc.column
    end: dict[str, int] = {"line": max(loc.end_line, begin["line"])}
    if loc.end_column:
        end["column"] = loc.end_column
    message = f"[{loc.segment}] {finding.message}" if loc.segment else finding.message
    return {
        "type": "issue",
        "description": message,
        "check_name": finding.rule,
        "categories": ["Style"],
        "fingerprint": fingerprint(finding),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": normalise_path(loc.file), "positions": {"begin": begin, "end": end}},
    }


class CodeQualityFormatter(Formatter):
    name: ClassVar[str] = "codequality"
    description: ClassVar[str] = "GitLab Code Quality JSON for merge-request widgets"

    def finish(self, summary: dict[str, Any]) -> None:
        issues = [issue(f) for f in self.findings]
        seen: dict[str, int] = {}
        for entry in issues:  # two findings with one baseline fingerprint still need distinct ones
            count = seen.get(entry["fingerprint"], 0)
            seen[entry["fingerprint"]] = count + 1
            if count:
                entry["fingerprint"] = f"{entry['fingerprint']}-{count}"
        json.dump(issues, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
