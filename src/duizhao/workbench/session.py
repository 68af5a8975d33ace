"""The review workbench's state: open documents, their findings, edits, decisions, exports.

Pure library code (no web framework here): ``app.py`` maps HTTP requests onto a
``Workspace``, tests drive it directly. Checking uses the very engine ``duizhao check`` uses; a
``Checker`` is kept for the session, so its memo of analysed pairs makes a re-check after one
edit cost one new pair plus the corpus rules' bookkeeping over the document.

Safety: files are opened and saved only under the workspace's roots (the directories named on
the command line), resolved with ``realpath`` so that ``..`` and symlinks cannot leave them;
uploads are size-limited and parsed from a private temporary directory; a save replaces the
original only when asked, atomically, after copying it to ``FILE.bak``.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..baseline import BASELINE_FORMAT, entry_for
from ..checks.base import PairContext
from ..checks.terms import with_proposed_severity
from ..engine import Checker, RunStats, build_rules
from ..errors import InputError, UsageError
from ..formats import expand_paths, iter_segments, reader_for, write_segments
from ..model import DocumentInfo, Finding, Glossary, Segment, Severity, Term
from ..pairviews import view_of
from ..report import formatter_class, render
from ..report.base import RunInfo
from ..script import match_key_zh, normalise_en

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
EXPORT_FORMATS = {"tsv": ".tsv", "tmx": ".tmx", "yaml": ".yaml", "jsonl": ".jsonl"}


@dataclass
class WorkDocument:
    """One open document: its pairs as they are now, and what the reviewer did to them."""

    key: str
    name: str
    segments: list[Segment]
    path: Path | None = None  # the file it came from, when it came from disk under a root
    format: str = "tsv"
    history: list[tuple[int, str]] = field(default_factory=list)  # (pair index, English before the edit)
    decisions: dict[str, str] = field(default_factory=dict)  # fingerprint -> reason ("false positive")
    findings: list[Finding] = field(default_factory=list)


class Workspace:
    """Everything the workbench has open, behind one lock (the server may run handlers in threads)."""

    def __init__(self, roots: Sequence[Path], glossary: Glossary | None, *, select: Sequence[str] = (),
                 ignore: Sequence[str] = (), severities: Mapping[str, Severity] | None = None,
                 rule_options: Mapping[str, Mapping[str, Any]] | None = None,
                 proposed_severity: Severity | None = None, max_upload: int = MAX_UPLOAD_BYTES) -> None:
        """``select`` … ``proposed_severity`` as the project's configuration settles them for ``check``,
        so the workbench finds what ``duizhao check`` finds."""
        from ..glossary import TermMatcher

        self.named_roots = tuple(Path(r) for r in roots)  # as the user named them: how findings name files
        self.roots = tuple(Path(os.path.realpath(r)) for r in roots)
        self.glossary = glossary
        self.matcher = TermMatcher(glossary) if glossary is not None else None
        self.rules = build_rules(select, ignore, severities, rule_options)
        self.proposed_severity = proposed_severity
        self.checker = Checker(self.rules, self.matcher)
        self.max_upload = max_upload
        self.documents: dict[str, WorkDocument] = {}
        self._lock = threading.RLock()
        self._uploads = tempfile.mkdtemp(prefix="duizhao-workbench-")
        self._marks: dict[tuple[str, str], tuple[list[list[Any]], list[list[Any]]]] = {}

    def close(self) -> None:
        shutil.rmtree(self._uploads, ignore_errors=True)

    # -- opening work --------------------------------------------------------------------

    def inside_roots(self, path: Path) -> Path:
        """``path`` resolved, or an ``InputError`` when it lies outside every root."""
        real = Path(os.path.realpath(path))
        for root in self.roots:
            if real == root or root in real.parents:
                return real
        raise InputError("outside the directories this workbench was started on", file=str(path))

    def openable(self) -> list[str]:
        """The files under the roots a reader knows, relative to their root."""
        found: list[str] = []
        for root in self.named_roots:
            base = root.parent if root.is_file() else root
            for path in expand_paths([root]):
                found.append(Path(path).relative_to(base).as_posix())
        return sorted(dict.fromkeys(found))

    def open_path(self, relative: str) -> WorkDocument:
        """Open a file named relative to a root; its findings name it as ``duizhao check ROOT`` would."""
        with self._lock:
            for root in self.named_roots:
                base = root.parent if root.is_file() else root
                candidate = base / relative
                if candidate.exists():
                    self.inside_roots(candidate)
                    return self._add(candidate.name, list(iter_segments([candidate])), path=candidate,
                                     format=reader_for(candidate).name)
            raise InputError("no such file under the workbench's directories", file=relative)

    def open_upload(self, name: str, data: bytes) -> WorkDocument:
        if len(data) > self.max_upload:
            raise InputError(f"upload larger than {self.max_upload // (1024 * 1024)} MB", file=name)
        safe = Path(name).name or "upload.tsv"  # never a path: only the name's last part is used
        with self._lock:
            folder = Path(tempfile.mkdtemp(dir=self._uploads))
            target = folder / safe
            target.write_bytes(data)
            segments = list(iter_segments([target]))
            return self._add(safe, segments, format=reader_for(target).name)

    def open_paste(self, zh: str, en: str, name: str = "pasted draft") -> WorkDocument:
        from ..align import align_texts, bead_segments

        if not zh.strip() or not en.strip():
            raise UsageError("paste both the Chinese source and the English draft")
        with self._lock:
            zh_sentences, en_sentences, alignment = align_texts(zh, en, matcher=self.matcher)
            key = self._next_key()
            doc = DocumentInfo(id=key, file=name, title=name)
            segments = list(bead_segments(zh_sentences, en_sentences, alignment, doc, name))
            return self._add(name, segments, key=key)

    def _next_key(self) -> str:
        return f"d{len(self.documents) + 1}"

    def _add(self, name: str, segments: list[Segment], *, path: Path | None = None, format: str = "tsv",
             key: str | None = None) -> WorkDocument:
        if not segments:
            raise InputError("no sentence pairs in this document", file=name)
        document = WorkDocument(key=key or self._next_key(), name=name, segments=segments, path=path,
                                format=format)
        self.documents[document.key] = document
        self._recheck(document)
        return document

    def document(self, key: str) -> WorkDocument:
        try:
            return self.documents[key]
        except KeyError:
            raise InputError("no such open document", file=key) from None

    # -- checking, editing, deciding -----------------------------------------------------

    def _recheck(self, document: WorkDocument) -> None:
        findings = self.checker.run(document.segments)
        if self.proposed_severity is not None:
            findings = with_proposed_severity(findings, self.proposed_severity)
        document.findings = list(findings)

    def edit(self, key: str, index: int, english: str) -> WorkDocument:
        """Set the English of pair ``index`` and re-check the document (its corpus rules too)."""
        with self._lock:
            document = self.document(key)
            if not 0 <= index < len(document.segments):
                raise UsageError(f"no pair {index} in {document.name}")
            before = document.segments[index]
            if before.en == english:
                return document
            document.history.append((index, before.en))
            # the positions described the text as read; an edited text has none
            document.segments[index] = dataclasses.replace(before, en=english, en_at=())
            self._recheck(document)
            return document

    def undo(self, key: str) -> WorkDocument:
        with self._lock:
            document = self.document(key)
            if document.history:
                index, english = document.history.pop()
                document.segments[index] = dataclasses.replace(document.segments[index], en=english, en_at=())
                self._recheck(document)
            return document

    def accept_fix(self, key: str, fingerprint: str) -> WorkDocument:
        """Apply the finding's suggested fix: the approved rendering in place of a forbidden one."""
        with self._lock:
            document = self.document(key)
            finding = self._finding(document, fingerprint)
            approved = finding.data.get("approved") if finding.data else None
            span = next((s for s in finding.spans if s.side == "en"), None)
            if not isinstance(approved, str) or span is None:
                raise UsageError("this finding has no fix to accept")
            index = self.pair_index(document, finding)
            english = document.segments[index].en
            return self.edit(key, index, english[:span.start] + approved + english[span.end:])

    def decide(self, key: str, fingerprint: str, reason: str) -> WorkDocument:
        """Mark a finding as a false positive (``reason`` empty: take the mark back)."""
        with self._lock:
            document = self.document(key)
            self._finding(document, fingerprint)
            if reason.strip():
                document.decisions[fingerprint] = reason.strip()
            else:
                document.decisions.pop(fingerprint, None)
            return document

    @staticmethod
    def _finding(document: WorkDocument, fingerprint: str) -> Finding:
        for finding in document.findings:
            if entry_for(finding).fingerprint == fingerprint:
                return finding
        raise UsageError("no such finding (the pair may have changed)")

    @staticmethod
    def pair_index(document: WorkDocument, finding: Finding) -> int:
        for index, segment in enumerate(document.segments):
            if segment.id == finding.location.segment and segment.doc.file == finding.location.file:
                return index
        return -1

    # -- what the page shows -------------------------------------------------------------

    def view(self, key: str) -> dict[str, Any]:
        """The document as the page draws it: pairs with marks and findings, counts."""
        with self._lock:
            document = self.document(key)
            by_pair: dict[int, list[Finding]] = {}
            index_of = {(s.doc.file, s.id): i for i, s in enumerate(document.segments)}
            for finding in document.findings:
                index = index_of.get((finding.location.file, finding.location.segment), -1)
                by_pair.setdefault(index, []).append(finding)
            pairs = []
            for index, segment in enumerate(document.segments):
                zh_marks, en_marks = self._term_marks(segment)
                pairs.append({
                    "index": index, "id": segment.id, "zh": segment.zh, "en": segment.en,
                    "zh_marks": zh_marks, "en_marks": en_marks,
                    "findings": [self._finding_view(f, document) for f in by_pair.get(index, [])],
                })
            unplaced = [self._finding_view(f, document) for f in by_pair.get(-1, [])]
            counts = Counter(f.severity.value for f in document.findings)
            return {"key": key, "name": document.name, "format": document.format, "pairs": pairs,
                    "other_findings": unplaced, "saveable": document.path is not None,
                    "counts": {"error": counts["error"], "warning": counts["warning"], "info": counts["info"],
                               "false_positive": len(document.decisions)},
                    "undo": len(document.history)}

    def _finding_view(self, finding: Finding, document: WorkDocument) -> dict[str, Any]:
        fingerprint = entry_for(finding).fingerprint
        return {"rule": finding.rule, "severity": finding.severity.value, "message": finding.message,
                "fingerprint": fingerprint, "spans": [[s.side, s.start, s.end] for s in finding.spans],
                "fix": finding.data.get("approved") if finding.data and finding.rule == "term-forbidden" else None,
                "decision": document.decisions.get(fingerprint, "")}

    def _term_marks(self, segment: Segment) -> tuple[list[list[Any]], list[list[Any]]]:
        """Glossary terms in both texts, remembered per text pair: a redraw after one edit
        recomputes one pair, not the document."""
        key = (segment.zh, segment.en)
        cached = self._marks.get(key)
        if cached is None:
            cached = self._marks[key] = self._find_term_marks(segment)
            if len(self._marks) > 200_000:  # bounded: a session that edits forever does not grow forever
                self._marks.clear()
        return cached

    def _find_term_marks(self, segment: Segment) -> tuple[list[list[Any]], list[list[Any]]]:
        zh_marks: list[list[Any]] = []
        en_marks: list[list[Any]] = []
        if self.matcher is None:
            return zh_marks, en_marks
        for hit in self.matcher.find_zh(segment.zh):
            zh_marks.append([hit.start, hit.end, "term", hit.term.zh])
            for en_hit in self.matcher.find_en(segment.en, hit.term):
                kind = "forbidden" if en_hit.kind == "forbidden" else "term"
                en_marks.append([en_hit.start, en_hit.end, kind, hit.term.zh])
        return zh_marks, en_marks

    # -- the glossary --------------------------------------------------------------------

    def term(self, zh: str) -> dict[str, Any] | None:
        if self.glossary is None:
            return None
        key = match_key_zh(zh)
        for term in self.glossary.terms:
            if match_key_zh(term.zh) == key:
                return term_view(term)
        return None

    def search_glossary(self, query: str, limit: int = 30) -> list[dict[str, Any]]:
        """Entries whose Chinese (either script) or any English rendering contains ``query``."""
        if self.glossary is None or not query.strip():
            return []
        zh_query, en_query = match_key_zh(query.strip()), normalise_en(query.strip())
        found = []
        for term in self.glossary.terms:
            english = [normalise_en(r) for r in (*term.renderings, *term.forbidden)]
            if zh_query in match_key_zh(term.zh) or any(en_query in r for r in english):
                found.append(term_view(term))
                if len(found) >= limit:
                    break
        return found

    # -- exports -------------------------------------------------------------------------

    def export(self, key: str, format_name: str) -> tuple[str, bytes]:
        """The corrected document as a file in ``format_name``: (file name, bytes)."""
        if format_name not in EXPORT_FORMATS:
            raise UsageError(f"cannot export {format_name!r} (known: {', '.join(EXPORT_FORMATS)})")
        with self._lock:
            document = self.document(key)
            name = Path(document.name).stem + EXPORT_FORMATS[format_name]
            folder = Path(tempfile.mkdtemp(dir=self._uploads))
            target = folder / name
            write_segments(self._for_export(document), target, format_name)
            data = target.read_bytes()
            shutil.rmtree(folder, ignore_errors=True)
            return name, data

    def _for_export(self, document: WorkDocument) -> list[Segment]:
        """The pairs, with each false-positive decision as a justified suppression on its pair."""
        decided: dict[int, dict[str, str]] = {}
        for finding in document.findings:
            reason = document.decisions.get(entry_for(finding).fingerprint)
            if reason:
                decided.setdefault(self.pair_index(document, finding), {})[finding.rule] = reason
        out = []
        for index, segment in enumerate(document.segments):
            extra = decided.get(index)
            if extra:
                segment = dataclasses.replace(segment, ignore={**segment.ignore, **extra})
            out.append(segment)
        return out

    def report(self, key: str, format_name: str) -> str:
        """The findings of ``key`` in any report format ``check --format`` knows."""
        formatter_cls = formatter_class(format_name)
        with self._lock:
            document = self.document(key)
            stats = RunStats(segments=len(document.segments), documents=1, files=1)
            for finding in document.findings:
                stats.count(finding)
            summary = stats.as_dict()  # the summary a `check` run reports, computed where it always is
            pairs = None
            if formatter_cls.needs_pairs():  # the document's pairs as the check sees them: no matcher in the report
                pairs = [view_of(PairContext(segment, self.matcher)) for segment in document.segments]
            run = RunInfo(version=__version__, signature=f"duizhao:{__version__}|workbench",
                          glossary_hash=self.glossary.hash if self.glossary else "",
                          glossary_terms=len(self.glossary.terms) if self.glossary else 0,
                          inputs=(document.name,), files=(document.name,), rules=tuple(self.rules),
                          pairs=pairs)
            out = io.StringIO()
            render(formatter_cls(out, run), sorted(document.findings, key=Finding.sort_key), summary)
            return out.getvalue()

    def baseline(self, key: str) -> str:
        """The false-positive decisions as a baseline file ``check --baseline`` reads."""
        with self._lock:
            document = self.document(key)
            entries = [entry_for(f).as_dict() for f in document.findings
                       if entry_for(f).fingerprint in document.decisions]
            return json.dumps({"tool": "duizhao", "format": BASELINE_FORMAT,
                               "about": "Findings marked as false positives in the duizhao workbench.",
                               "entries": entries}, ensure_ascii=False, indent=2) + "\n"

    def save(self, key: str) -> Path:
        """Write the corrected document over its file (after a ``.bak`` copy); only files from disk."""
        with self._lock:
            document = self.document(key)
            if document.path is None:
                raise UsageError("this document was pasted or uploaded: export it instead")
            path = self.inside_roots(document.path)
            shutil.copy2(path, path.with_name(path.name + ".bak"))
            write_segments(self._for_export(document), path, document.format)
            document.history.clear()
            return path


def term_view(term: Term) -> dict[str, Any]:
    return {"zh": term.zh, "en": term.en, "variants": list(term.variants), "forbidden": list(term.forbidden),
            "note": term.note, "source": term.source, "status": term.status, "domain": term.domain,
            "expands_to": list(term.expands_to),
            "evidence": [{"quote": e.quote, "url": e.url, "outlet": e.outlet, "date": e.date} for e in term.evidence]}


__all__ = ["EXPORT_FORMATS", "MAX_UPLOAD_BYTES", "WorkDocument", "Workspace", "term_view"]
