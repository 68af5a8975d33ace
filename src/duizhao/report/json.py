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
    if finding.spans:
        out["spans"] = [{"side": s.side, "start": s.start, "end": s.end} for s in finding.spans]
    if finding.related:
        out["related"] = [{"file": r.file, "line": r.line, "segment": r.segment} for r in finding.related]
    if finding.data:
        out["data"] = {k: v for k, v in finding.data.items()}
    return out


class JsonFormatter(Formatter):
    name: ClassVar[str] = "json"

    def finish(self, summary: dict[str, Any]) -> None:
        report = {
            "findings": [finding_dict(f) for f in self.sorted_findings()],
            "summary": summary,
            "signature": self.run.signature,
            "tool": {"name": "duizhao", "version": self.run.version},
            "glossary": {"hash": self.run.glossary_hash, "terms": self.run.glossary_terms},
        }
        json.dump(report, self.out, ensure_ascii=False, indent=2, default=str)
        self.out.write("\n")
