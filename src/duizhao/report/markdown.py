"""A Markdown summary for people: counts by rule, then the first findings with links.

Written for GitHub's job summary (``$GITHUB_STEP_SUMMARY``, which ``duizhao check`` appends
to when it is set, or ``--summary FILE``), where the ten-annotations-per-step limit hides the
rest, and readable anywhere Markdown is. With ``GITHUB_SERVER_URL``, ``GITHUB_REPOSITORY``
and ``GITHUB_SHA`` in the environment each location links to its line on GitHub.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import quote

from ..baseline import normalise_path
from ..model import Finding, Severity
from .base import Formatter
from .text import summary_line

SHOWN = 50  # findings listed after the table; the table counts all of them
ICONS = {Severity.ERROR: "❌ error", Severity.WARNING: "⚠️ warning", Severity.INFO: "ℹ️ info"}


def cell(text: str) -> str:
    """``text`` safe inside a Markdown table cell (pipes, line breaks, markup)."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    for char in "`*_[]<>":
        text = text.replace(char, "\\" + char)
    return text


def blob_url(env: Mapping[str, str]) -> str:
    """``https://github.com/OWNER/REPO/blob/SHA/`` from the Actions environment, or "" outside it."""
    server, repo, sha = env.get("GITHUB_SERVER_URL", ""), env.get("GITHUB_REPOSITORY", ""), env.get("GITHUB_SHA", "")
    return f"{server.rstrip('/')}/{repo}/blob/{sha}/" if server and repo and sha else ""


def location_cell(finding: Finding, base_url: str) -> str:
    loc = finding.location
    label = f"{normalise_path(loc.file)}:{loc.line}" + (f":{loc.column}" if loc.column else "")
    if base_url and loc.line:
        return f"[{cell(label)}]({base_url}{quote(normalise_path(loc.file))}#L{loc.line})"
    return cell(label)


def markdown_summary(findings: list[Finding], summary: dict[str, Any], *, env: Mapping[str, str],
                     shown: int = SHOWN) -> str:
    counts: Counter[tuple[str, Severity]] = Counter((f.rule, f.severity) for f in findings)
    lines = ["## duizhao", "", summary_line(summary), ""]
    if not findings:
        lines.append("No findings.")
        return "\n".join(lines) + "\n"
    lines += ["| rule | severity | findings |", "| --- | --- | ---: |"]
    for (rule, severity), count in sorted(counts.items(), key=lambda item: (-item[0][1].rank, -item[1], item[0][0])):
        lines.append(f"| `{rule}` | {ICONS[severity]} | {count} |")
    base_url = blob_url(env)
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, *f.sort_key()))
    lines += ["", f"### First {min(shown, len(ordered))} of {len(ordered)} findings", "",
              "| where | segment | rule | message |", "| --- | --- | --- | --- |"]
    for finding in ordered[:shown]:
        lines.append(f"| {location_cell(finding, base_url)} | {cell(finding.location.segment)} | "
                     f"`{finding.rule}` | {cell(finding.message)} |")
    if len(ordered) > shown:
        lines += ["", f"…and {len(ordered) - shown} more: see the full report (`--format sarif` or `html`)."]
    return "\n".join(lines) + "\n"


class MarkdownFormatter(Formatter):
    name: ClassVar[str] = "markdown"
    description: ClassVar[str] = "Markdown summary: counts by rule and the first findings (GitHub job summaries)"

    def finish(self, summary: dict[str, Any]) -> None:
        self.out.write(markdown_summary(self.findings, summary, env=self.run.environment))
