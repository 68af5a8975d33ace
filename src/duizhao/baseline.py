"""Baselines: adopt duizhao on an existing corpus without fixing every old finding first.

``duizhao check --write-baseline FILE`` records today's findings; later runs with
``--baseline FILE`` report only findings that are not in it, and list the baseline entries
that no longer match anything (stale: fixed, or the segment was rewritten) so the file can
be refreshed.

A finding is identified by a fingerprint that survives edits elsewhere in the file:

    sha256(rule | file | segment id | stable part of the message)

The line number is left out on purpose (inserting a segment above must not make every
later finding "new"), and so are line references inside the message. Identical
fingerprints are counted, so two identical findings in a baseline hide at most two.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

from .errors import FormatError
from .model import Finding
from .textio import as_typed, read_text, write_text_atomic

BASELINE_FORMAT = 1
_LINE_REFERENCE = re.compile(r"\b(?:line|lines|行)\s*\d+(?:\s*[-–]\s*\d+)?", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_ENTRY_FIELDS = ("fingerprint", "rule", "file", "segment", "message")


def normalise_path(file: str) -> str:
    """The file as a baseline (and SARIF, Code Quality, the job summary) names it.

    Relative to the project's root, the directory of the configuration file found from the
    working directory (``duizhao.toml``, or ``pyproject.toml`` with ``[tool.duizhao]``), so a run
    from a subdirectory names ``corpus/a.yaml`` as a run from the root does and its baseline
    entries still match; without a configuration file, relative to the working directory.
    Forward slashes, no leading ``./``; a file outside the root keeps its absolute path.
    """
    root = project_root()
    if root is not None and (os.path.isabs(file) or file.startswith("..") or root[1]):
        relative = os.path.relpath(os.path.abspath(file), root[0])
        if not relative.startswith(".."):
            return PurePath(relative).as_posix()
    if os.path.isabs(file):
        file = str(as_typed(file))
    text = PurePath(file).as_posix()
    while text.startswith("./"):
        text = text[2:]
    return text


def project_root() -> tuple[str, bool] | None:
    """``(root, is_not_cwd)``: the directory of the configuration file found from the working
    directory, spelled as the working directory is (symlinks kept); None without one."""
    try:
        cwd = os.getcwd()
    except OSError:
        return None
    return _project_root(cwd)


@lru_cache(maxsize=16)
def _project_root(cwd: str) -> tuple[str, bool] | None:
    from .errors import DuizhaoError
    from .projectfile import find_config

    try:
        found = find_config(Path(cwd))
    except (DuizhaoError, OSError):  # a broken configuration is reported by the run itself
        return None
    if found is None:
        return None
    levels = len(Path(cwd).resolve().relative_to(found.parent.resolve()).parts)
    root = Path(cwd).parents[levels - 1] if levels else Path(cwd)
    return str(root), levels > 0


def stable_message(message: str) -> str:
    """``message`` without the parts that move when unrelated lines move (line references)."""
    return _SPACE.sub(" ", _LINE_REFERENCE.sub("line #", message)).strip()


def fingerprint(finding: Finding) -> str:
    """The finding's identity across runs (see the module docstring)."""
    loc = finding.location
    key = "\x1f".join((finding.rule, normalise_path(loc.file), loc.segment, stable_message(finding.message)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class BaselineEntry:
    fingerprint: str
    rule: str
    file: str
    segment: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"fingerprint": self.fingerprint, "rule": self.rule, "file": self.file,
                "segment": self.segment, "message": self.message}


@dataclass
class BaselineResult:
    """What applying a baseline did: the findings still reported, and the bookkeeping."""

    findings: list[Finding]
    file: str
    known: int = 0
    stale: list[BaselineEntry] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "known": self.known,
            "stale": len(self.stale),
            "stale_entries": [e.as_dict() for e in self.stale],
        }


def entry_for(finding: Finding) -> BaselineEntry:
    loc = finding.location
    return BaselineEntry(fingerprint(finding), finding.rule, normalise_path(loc.file), loc.segment, finding.message)


def write_baseline(findings: Iterable[Finding], path: str | Path) -> int:
    """Write every finding to ``path`` as a baseline; returns how many entries were written."""
    entries = sorted((entry_for(f) for f in findings), key=lambda e: (e.file, e.segment, e.rule, e.fingerprint))
    document = {
        "tool": "duizhao",
        "format": BASELINE_FORMAT,
        "about": "Known findings: `duizhao check --baseline THIS_FILE` reports only findings not listed here.",
        "entries": [e.as_dict() for e in entries],
    }
    write_text_atomic(path, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def load_baseline(path: str | Path) -> list[BaselineEntry]:
    """The entries of a baseline file; a file that is not one is a ``FormatError`` naming it."""
    file = str(path)
    try:
        document = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise FormatError(f"not a duizhao baseline (invalid JSON: {exc.msg})", file=file, line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise FormatError(f"not a duizhao baseline ({str(exc).splitlines()[0]})", file=file) from None
    if not isinstance(document, dict) or document.get("tool") != "duizhao" or "entries" not in document:
        raise FormatError("not a duizhao baseline (expected the JSON written by --write-baseline)", file=file)
    if document.get("format") != BASELINE_FORMAT:
        raise FormatError(f"baseline format {document.get('format')!r} is not supported (this duizhao "
                          f"writes format {BASELINE_FORMAT}); rewrite it with --write-baseline", file=file)
    entries = []
    for index, raw in enumerate(document["entries"]):
        try:
            entries.append(BaselineEntry(**{k: str(raw[k]) for k in _ENTRY_FIELDS}))
        except (KeyError, TypeError):
            raise FormatError(f"baseline entry {index + 1} lacks fingerprint/rule/file/segment/message",
                              file=file) from None
    return entries


def apply_baseline(findings: Iterable[Finding], entries: Iterable[BaselineEntry], file: str) -> BaselineResult:
    """Drop findings the baseline knows; report entries that matched nothing as stale."""
    entries = list(entries)
    remaining = Counter(e.fingerprint for e in entries)
    result = BaselineResult(findings=[], file=file)
    for finding in findings:
        key = fingerprint(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            result.known += 1
        else:
            result.findings.append(finding)
    for entry in entries:  # in file order; each unmatched occurrence once
        if remaining[entry.fingerprint] > 0:
            remaining[entry.fingerprint] -= 1
            result.stale.append(entry)
    return result


def recount(summary: dict[str, Any], findings: Iterable[Finding], result: BaselineResult) -> dict[str, Any]:
    """``summary`` with the finding counts of what is still reported, plus the baseline block."""
    from .engine import recounted

    return {**recounted(summary, findings), "baseline": result.summary()}
