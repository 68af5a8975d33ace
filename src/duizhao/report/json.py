"""Machine-readable JSON: ``{"findings": [...], "summary": {...}, "signature": "..."}``.

The field names are a contract other tools rely on; add fields, never rename them.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from ..model import Finding
from .base import Formatter


def finding_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    out: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "file": loc.file,
        "line": loc.line,
        "segment": loc.segment,
        "document": loc.doc,
        "message": finding.message,
    }
    if loc.column:
        out.update(column=loc.column, end_line=loc.end_line, end_column=loc.end_column)
    if loc.side:
        out["side"] = loc.side
    if finding.counterpart is not None:
        other = finding.counterpart
        out["counterpart"] = {"side": other.side, "line": other.line, "column": other.column,
                              "end_line": other.end_line, "end_column": other.end_column}
    if finding.spans:
        out["spans"] = [{"side": s.side, "start": s.start, "end": s.end} for s in finding.spans]
    if finding.related:
        out["related"] = [{"file": r.file, "line": r.line, "segment": r.segment} for r in finding.related]
    if finding.data:
        out["data"] = {k: v for k, v in finding.data.items()}
    return out


class JsonFormatter(Formatter):
    """The report, with one finding per line.

    A finding per line keeps a large report greppable and diffable, and lets the findings
    go through json's C encoder (an indented dump runs the pure-Python one: 90,000 findings
    took seconds). The rest is indented as usual.
    """

    name: ClassVar[str] = "json"

    def finish(self, summary: dict[str, Any]) -> None:
        out = self.out
        encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
        out.write('{\n  "findings": [')
        findings = self.findings
        for index, finding in enumerate(findings):
            out.write(",\n    " if index else "\n    ")
            out.write(encode(finding_dict(finding)))
        out.write("\n  ]," if findings else "],")
        rest = {
            "summary": summary,
            "signature": self.run.signature,
            "tool": {"name": "duizhao", "version": self.run.version},
            "glossary": {"hash": self.run.glossary_hash, "terms": self.run.glossary_terms},
        }
        # the rest indented as a whole and spliced in after the findings, without its opening brace
        out.write(json.dumps(rest, ensure_ascii=False, indent=2, default=str)[1:])
        out.write("\n")
