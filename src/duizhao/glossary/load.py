"""Reading glossary YAML files into ``Glossary`` records.

    script: simplified          # optional: simplified | traditional (lint checks it)
    lang: {source: zh-CN, target: en}   # optional metadata
    terms:
      - zh: 高质量发展
        en: high-quality development
        variants: [high quality development]
        forbidden: [high-speed development]
        note: ...
        source: Government Work Report 2024
        status: approved          # approved | proposed | deprecated
        domain: economy
        case_sensitive: false
        forbidden_everywhere: false

Structural damage (malformed YAML, ``terms`` that is not a list, a list where text belongs)
raises ``FormatError``/``GlossaryError`` with file and line: nothing sensible can be checked
against such a file. Slips a reviewer should fix but that do not stop checking (an unknown
field such as ``varaints``, an entry without ``en``) become ``problems`` for ``glossary lint``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import GlossaryError, InputError
from ..model import Evidence, Finding, Glossary, Location, Severity, Term
from ..textio import files_under, read_text, require_regular_file
from ..yamlio import compose, line_of, mapping_items, to_python
from .cache import load_cached

TERM_FIELDS = ("zh", "en", "variants", "forbidden", "note", "source", "status", "domain",
               "case_sensitive", "forbidden_everywhere", "evidence", "expands_to")
EVIDENCE_FIELDS = ("quote", "url", "outlet", "date")
FILE_FIELDS = ("terms", "script", "lang", "name", "title", "description", "note", "source", "version")
STATUSES = ("approved", "proposed", "deprecated")
SCRIPTS = ("simplified", "traditional")
GLOSSARY_SUFFIXES = (".yaml", ".yml")


@dataclass
class _FileResult:
    terms: list[Term] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)
    script: str = ""


def problem(code: str, severity: Severity, message: str, file: str, line: int, term: str = "") -> Finding:
    """A glossary problem as a ``Finding`` (``segment`` holds the entry's ``zh``), so reports can show it."""
    return Finding(rule=code, severity=severity, message=message,
                   location=Location(file=file, line=line, segment=term))


def glossary_files(path: Path) -> list[Path]:
    """The YAML files of a glossary path: the file itself, or a directory's files, sorted."""
    if path.is_dir():
        # an empty directory is an empty glossary (lint warns); an unreadable one is an error
        return files_under(path, GLOSSARY_SUFFIXES)
    if not path.exists() and not path.is_symlink():
        raise InputError("no such file or directory", file=str(path))
    require_regular_file(path)  # before the cache reads it: a FIFO or /dev/zero would hang
    return [path]


def load_glossary(path: Path, *, encoding: str | None = None) -> Glossary:
    """Load a glossary file or a directory of glossary files.

    Raises ``FormatError`` for malformed YAML and ``GlossaryError`` for a file that is not a
    glossary, both naming file and line. A load of the very same bytes is served from the
    disk cache (``glossary.cache``; ``DUIZHAO_NO_CACHE=1`` turns it off).
    """
    path = Path(path)
    files = glossary_files(path)
    return load_cached(path, files, encoding, lambda: _load_files(path, files, encoding))


def _load_files(path: Path, files: list[Path], encoding: str | None) -> Glossary:
    terms: list[Term] = []
    problems: list[Finding] = []
    scripts: dict[str, str] = {}
    if not files:
        problems.append(problem("glossary-empty", Severity.WARNING, "no glossary files (*.yaml, *.yml) here",
                                str(path), 0))
    for file in files:
        result = _load_file(file, encoding)
        terms.extend(result.terms)
        problems.extend(result.problems)
        scripts[str(file)] = result.script
    return Glossary(
        terms=tuple(terms),
        hash=glossary_hash(terms),
        files=tuple(str(f) for f in files),
        problems=tuple(problems),
        scripts=scripts,  # a plain dict: MappingProxyType cannot be pickled for parallel runs
    )


def glossary_hash(terms: Iterable[Term]) -> str:
    """sha256 of what the terms mean, not of how the files are laid out.

    Moving an entry between files, reformatting or reordering keys leaves the hash alone;
    changing any rendering, status or flag changes it. Entry order is kept (it decides which
    of two duplicates wins), so the hash is stable for a given glossary.
    """
    canonical = [
        [t.zh, t.en, list(t.variants), list(t.forbidden), t.status, t.domain, t.case_sensitive,
         t.forbidden_everywhere, t.note, t.source, list(t.expands_to),
         [[e.quote, e.url, e.outlet, e.date] for e in t.evidence]]
        for t in terms
    ]
    blob = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _load_file(path: Path, encoding: str | None) -> _FileResult:
    file = str(path)
    root = compose(read_text(path, encoding), file)
    result = _FileResult()
    if root is None:
        result.problems.append(problem("glossary-empty", Severity.WARNING, "empty glossary file", file, 1))
        return result
    if isinstance(root, yaml.SequenceNode):  # a bare list of entries: accepted, it is unambiguous
        entries: yaml.Node = root
    else:
        fields = dict(mapping_items(root, file, "a glossary file"))
        for key, node in fields.items():
            if key not in FILE_FIELDS:
                result.problems.append(problem(
                    "glossary-unknown-field", Severity.ERROR,
                    f"unknown top-level field {key!r} (expected: {', '.join(FILE_FIELDS)})", file, line_of(node)))
        if "script" in fields:
            script = str(to_python(fields["script"], file) or "").strip().lower()
            if script not in SCRIPTS:
                raise GlossaryError(f"'script' must be simplified or traditional, not {script!r}",
                                    file=file, line=line_of(fields["script"]))
            result.script = script
        if "terms" not in fields:
            raise GlossaryError("a glossary file needs a 'terms:' list", file=file, line=line_of(root))
        entries = fields["terms"]
    if isinstance(entries, yaml.ScalarNode) and to_python(entries, file) is None:
        return result
    if not isinstance(entries, yaml.SequenceNode):
        raise GlossaryError("'terms' must be a list of entries (- zh: ... en: ...)", file=file,
                            line=line_of(entries))
    for node in entries.value:
        term = _entry(node, file, result.problems)
        if term is not None:
            result.terms.append(term)
    return result


def _entry(node: yaml.Node, file: str, problems: list[Finding]) -> Term | None:
    line = line_of(node)
    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError("each glossary entry must be a mapping with 'zh' and 'en'", file=file, line=line)
    fields = dict(mapping_items(node, file, "a glossary entry"))
    zh = _text(fields.get("zh"), file, "'zh'")
    for key, value in fields.items():
        if key not in TERM_FIELDS:
            hint = _closest(key, TERM_FIELDS)
            problems.append(problem(
                "glossary-unknown-field", Severity.ERROR,
                f"unknown field {key!r}" + (f" (did you mean {hint!r}?)" if hint else "")
                + " — it is ignored", file, line_of(value), zh))
    if not zh:
        problems.append(problem("glossary-missing-zh", Severity.ERROR, "entry has no 'zh'; it is ignored",
                                file, line))
        return None
    en = _text(fields.get("en"), file, "'en'")
    if not en:
        problems.append(problem("glossary-missing-en", Severity.ERROR,
                                f"{zh}: entry has no approved 'en' rendering; it is not checked", file, line, zh))
    status = _text(fields.get("status"), file, "'status'").lower() or "approved"
    if status not in STATUSES:
        problems.append(problem("glossary-bad-status", Severity.ERROR,
                                f"{zh}: status must be approved, proposed or deprecated, not {status!r}",
                                file, line_of(fields["status"]), zh))
        status = "proposed"
    term = Term(
        zh=zh,
        en=en,
        variants=_text_list(fields.get("variants"), file, "'variants'"),
        forbidden=_text_list(fields.get("forbidden"), file, "'forbidden'"),
        note=_text(fields.get("note"), file, "'note'"),
        source=_text(fields.get("source"), file, "'source'"),
        status=status,
        domain=_text(fields.get("domain"), file, "'domain'"),
        case_sensitive=_flag(fields.get("case_sensitive"), file, "'case_sensitive'"),
        forbidden_everywhere=_flag(fields.get("forbidden_everywhere"), file, "'forbidden_everywhere'"),
        file=file,
        line=line,
        evidence=_evidence(fields.get("evidence"), file, zh, problems),
        expands_to=_text_list(fields.get("expands_to"), file, "'expands_to'"),
    )
    refuse_overlong(term)
    return term


#: the longest text a term or rendering may be; the matchers' build time grows with the square
#: of a repeated term's length (16,000 characters took 5.6 s), and no term is a paragraph
MAX_TERM_CHARS = 500


def refuse_overlong(term: Term) -> None:
    """A ``GlossaryError`` at the entry when a text the matchers index is over ``MAX_TERM_CHARS``:
    a length check (linear) before any automaton is built (quadratic in a pathological term)."""
    for what, text in (("zh", term.zh), ("en", term.en), *(("a variant", v) for v in term.variants),
                       *(("a forbidden rendering", f) for f in term.forbidden)):
        if len(text) > MAX_TERM_CHARS:
            raise GlossaryError(f"{what} of this entry is {len(text):,} characters long; a term or rendering is"
                                f" at most {MAX_TERM_CHARS} (a paragraph pasted by mistake?)",
                                file=term.file, line=term.line)


def _evidence(node: yaml.Node | None, file: str, zh: str, problems: list[Finding]) -> tuple[Evidence, ...]:
    """``evidence: [{quote, url, outlet, date}, ...]``; one mapping alone is accepted as a list of one."""
    if node is None:
        return ()
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for item in items:
        if not isinstance(item, yaml.MappingNode):
            raise GlossaryError("each 'evidence' item must be a mapping with 'quote' and 'url'", file=file,
                                line=line_of(item))
        fields = dict(mapping_items(item, file, "an evidence item"))
        for key, value in fields.items():
            if key not in EVIDENCE_FIELDS:
                problems.append(problem(
                    "glossary-unknown-field", Severity.ERROR,
                    f"unknown evidence field {key!r} (expected: {', '.join(EVIDENCE_FIELDS)}) — it is ignored",
                    file, line_of(value), zh))
        record = Evidence(**{name: _text(fields.get(name), file, f"evidence {name!r}") for name in EVIDENCE_FIELDS})
        if not record.quote:
            problems.append(problem("glossary-evidence-incomplete", Severity.ERROR,
                                    f"{zh}: an evidence item has no 'quote'", file, line_of(item), zh))
        out.append(record)
    return tuple(out)


def _text(node: yaml.Node | None, file: str, what: str) -> str:
    if node is None:
        return ""
    value = to_python(node, file)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise GlossaryError(f"{what} must be text", file=file, line=line_of(node))
    if isinstance(node, yaml.ScalarNode) and not isinstance(value, str):
        return node.value.strip()
    return str(value).strip()


def _text_list(node: yaml.Node | None, file: str, what: str) -> tuple[str, ...]:
    if node is None:
        return ()
    if isinstance(node, yaml.ScalarNode):  # one rendering written without list brackets
        single = _text(node, file, what)
        return (single,) if single else ()
    if not isinstance(node, yaml.SequenceNode):
        raise GlossaryError(f"{what} must be a list of renderings", file=file, line=line_of(node))
    out = [_text(child, file, what) for child in node.value]
    return tuple(dict.fromkeys(x for x in out if x))


def _flag(node: yaml.Node | None, file: str, what: str) -> bool:
    if node is None:
        return False
    value = to_python(node, file)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise GlossaryError(f"{what} must be true or false", file=file, line=line_of(node))
    return value


def _closest(word: str, options: Iterable[str]) -> str:
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else ""


def glossary_yaml(terms: Iterable[Term], *, script: str = "") -> str:
    """Glossary YAML for ``terms`` (the inverse of loading): only fields that differ from defaults."""
    entries = []
    for term in terms:
        entry: dict[str, object] = {"zh": term.zh, "en": term.en}
        if term.variants:
            entry["variants"] = list(term.variants)
        if term.forbidden:
            entry["forbidden"] = list(term.forbidden)
        for name in ("note", "source", "domain"):
            if getattr(term, name):
                entry[name] = getattr(term, name)
        if term.status != "approved":
            entry["status"] = term.status
        if term.case_sensitive:
            entry["case_sensitive"] = True
        if term.forbidden_everywhere:
            entry["forbidden_everywhere"] = True
        if term.expands_to:
            entry["expands_to"] = list(term.expands_to)
        if term.evidence:
            entry["evidence"] = [{k: v for k, v in (("quote", e.quote), ("url", e.url), ("outlet", e.outlet),
                                                    ("date", e.date)) if v} for e in term.evidence]
        entries.append(entry)
    data: dict[str, object] = {"script": script} if script else {}
    data["terms"] = entries
    from ..yamlio import dump

    return dump(data)
