"""SARIF 2.1.0, the format GitHub code scanning (and most CI dashboards) ingest.

``tool.driver.rules`` describes every rule that ran, from the same class attributes that
``duizhao rules`` and docs/rules.md are generated from; each result carries ``ruleId``,
``ruleIndex``, ``level``, the message, the file and line (plus the segment id as a logical
location) and a partial fingerprint equal to the baseline fingerprint, so code scanning
tracks a finding across commits the same way ``--baseline`` does.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from ..baseline import fingerprint, normalise_path
from ..model import Finding, Location, Severity
from .base import Formatter

if TYPE_CHECKING:
    from ..checks.base import Rule

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(file: str) -> str:
    """A relative path becomes a percent-encoded relative URI; an absolute one a ``file:`` URI."""
    named = normalise_path(file)  # relative to the project root when the file is inside it
    path = PurePath(named)
    if path.is_absolute():
        return quote(path.as_uri(), safe=":/")
    return quote(named, safe="/")


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """One ``reportingDescriptor``: the rule's own docs (nothing written twice), at the severity it ran with."""
    severity = rule.severity
    help_text = f"{rule.summary}\n\nWhy: {rule.why}\n\nExample: {rule.example}"
    help_md = f"{rule.summary}\n\n**Why it matters.** {rule.why}\n\n**Example.** `{rule.example}`"
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": f"{rule.summary} {rule.why}"},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS[severity]},
        "properties": {"tags": ["translation", f"scope:{rule.scope}"]},
    }


def region(loc: Location, snippet: str = "") -> dict[str, Any] | None:
    """The SARIF region of ``loc``: line, and columns when the reader recorded them."""
    if loc.line < 1:
        return None
    out: dict[str, Any] = {"startLine": loc.line}
    if loc.column:
        out["startColumn"] = loc.column
        if loc.end_line >= loc.line:
            out["endLine"] = loc.end_line
        if loc.end_column and (loc.end_line > loc.line or loc.end_column > loc.column):
            out["endColumn"] = loc.end_column
    if snippet:
        out["snippet"] = {"text": snippet}
    return out


def physical(loc: Location, snippet: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(loc.file), "uriBaseId": "%SRCROOT%"}}
    where = region(loc, snippet)
    if where is not None:
        out["region"] = where
    return out


def logical(loc: Location) -> list[dict[str, Any]]:
    if not loc.segment:
        return []
    name = f"{loc.doc}/{loc.segment}" if loc.doc else loc.segment
    return [{"name": loc.segment, "fullyQualifiedName": name, "kind": "element"}]


def result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    """One SARIF result; related locations (the other side of the pair, the other segments of a
    corpus finding) are linked from the message the way GitHub renders them: ``[s3](2)``."""
    loc = finding.location
    location: dict[str, Any] = {"physicalLocation": physical(loc, loc.snippet)}
    if logical(loc):
        location["logicalLocations"] = logical(loc)
    related: list[dict[str, Any]] = []
    links: list[str] = []
    other = finding.counterpart
    if other is not None:
        side = "Chinese" if other.side == "zh" else "English"
        related.append({"id": 1, "physicalLocation": physical(other, other.snippet),
                        "message": {"text": f"the {side} of segment {other.segment}"}})
        links.append(f"[the {side}](1)")
    for rel in finding.related:
        index = len(related) + 1
        related.append({"id": index, "physicalLocation": physical(rel), "message": {"text": f"segment {rel.segment}"}})
        links.append(f"[{_escape_link(rel.segment)}]({index})")
    text = f"[{loc.segment}] {finding.message}" if loc.segment else finding.message
    message: dict[str, Any] = {"text": text}
    if links:
        message["markdown"] = f"{_escape_markdown(text)} (see {', '.join(links)})"
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": message,
        "locations": [location],
        "partialFingerprints": {"duizhaoFinding/v1": fingerprint(finding)},
    }
    if finding.rule in rule_index:
        out["ruleIndex"] = rule_index[finding.rule]
    if related:
        out["relatedLocations"] = related
    return out


def _escape_markdown(text: str) -> str:
    """Characters GitHub would read as markdown (or as a SARIF link) in a finding's message."""
    return "".join("\\" + ch if ch in "\\[]()*_`#<>|" else ch for ch in text)


def _escape_link(text: str) -> str:
    return _escape_markdown(text)


class SarifFormatter(Formatter):
    name: ClassVar[str] = "sarif"
    description: ClassVar[str] = "SARIF 2.1.0 for GitHub code scanning and other dashboards"

    def finish(self, summary: dict[str, Any]) -> None:
        rules = self.rules()
        rule_index = {rule.id: i for i, rule in enumerate(rules)}
        run: dict[str, Any] = {
            "tool": {
                "driver": {
                    "name": "duizhao",
                    "fullName": "duizhao (对照) translation checker",
                    "version": self.run.version,
                    "semanticVersion": self.run.version,
                    "rules": [rule_descriptor(rule) for rule in rules],
                }
            },
            "invocations": [{"executionSuccessful": True}],
            "columnKind": "unicodeCodePoints",
            "results": [result(f, rule_index) for f in self.findings],
            "properties": {"signature": self.run.signature, "summary": summary},
        }
        document = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
        json.dump(document, self.out, ensure_ascii=False, indent=2, default=str)
        self.out.write("\n")
