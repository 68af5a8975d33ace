"""``duizhao glossary lint|lookup|suggest|export|import``: tooling for the controlled glossary."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError, UsageError
from ..model import Term
from ..outputs import refuse_overwriting_inputs
from ..textio import write_text_atomic
from ._app import app, fail

glossary_app = typer.Typer(
    name="glossary",
    help="Lint, look up, suggest new entries for, export (TBX, CSV) and import the controlled glossary.",
    no_args_is_help=True,
)
app.add_typer(glossary_app, name="glossary")

GlossaryOpt = Annotated[Path | None, typer.Option("--glossary", "-g",
                                                  help="Glossary file or directory (default: ./glossary).")]


# The engines load inside each command, not with the command list (``duizhao --help``).

def _glossary_path(path: Path | None) -> Path:
    from ..runner import DEFAULT_GLOSSARY

    if path is not None:
        return path
    if DEFAULT_GLOSSARY.exists():
        return DEFAULT_GLOSSARY
    raise UsageError("no glossary given and there is no ./glossary here; pass --glossary PATH")


@glossary_app.command("lint")
def lint(
    path: Annotated[Path | None, typer.Argument(help="Glossary file or directory (default: ./glossary).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    encoding: Annotated[str | None, typer.Option("--encoding", help="Encoding when not UTF-8/UTF-16 with BOM.")] = None,
) -> None:
    """Report duplicate, conflicting, unmatchable and malformed entries. Exit 1 on errors, 2 on unreadable input."""
    from ..glossary import load_glossary
    from ..glossary.lint import has_errors, lint_glossary

    try:
        if format not in ("text", "json"):
            raise UsageError(f"--format must be text or json, not {format!r}")
        glossary = load_glossary(_glossary_path(path), encoding=encoding)
    except DuizhaoError as error:
        raise fail(error) from None
    findings = lint_glossary(glossary)
    errors = sum(1 for f in findings if f.severity.value == "error")
    warnings = len(findings) - errors
    if format == "json":
        json.dump({"findings": [{"rule": f.rule, "severity": f.severity.value, "file": f.file, "line": f.line,
                                 "term": f.segment, "message": f.message} for f in findings],
                   "summary": {"terms": len(glossary.terms), "files": len(glossary.files), "errors": errors,
                               "warnings": warnings}, "hash": glossary.hash},
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for f in findings:
            print(f"{f.file}:{f.line}: {f.severity.value}: {f.message} [{f.rule}]")
        print(f"{len(glossary.terms)} terms in {len(glossary.files)} file(s): {errors} error(s), "
              f"{warnings} warning(s)")
    raise typer.Exit(1 if has_errors(findings) else 0)


@glossary_app.command("lookup")
def lookup(
    text: Annotated[str, typer.Argument(help="A term in Chinese (either script) or English.")],
    glossary: GlossaryOpt = None,
    corpus: Annotated[list[Path] | None, typer.Option("--corpus", "-c",
                                                       help="Corpus to show uses from (default: ./corpus).")] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="Uses to show per term (0: none).")] = 5,
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show the entry for a term and where the corpus uses it. Exit 1 when no entry matches."""
    from ..formats import iter_segments
    from ..glossary import TermMatcher, load_glossary
    from ..glossary.lookup import corpus_usage, lookup_terms
    from ..runner import DEFAULT_CORPUS

    try:
        if format not in ("text", "json"):
            raise UsageError(f"--format must be text or json, not {format!r}")
        loaded = load_glossary(_glossary_path(glossary))
        terms = lookup_terms(loaded, text)
        corpus_paths = tuple(corpus or ((DEFAULT_CORPUS,) if DEFAULT_CORPUS.is_dir() else ()))
        uses = {}
        if terms and corpus_paths and limit > 0:  # --limit 0 shows no uses (not "not used")
            uses = corpus_usage(TermMatcher(loaded), terms, iter_segments(corpus_paths), limit=limit)
    except DuizhaoError as error:
        raise fail(error) from None
    if format == "json":
        json.dump([_term_json(t, uses.get(id(t), [])) for t in terms], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        if not terms:
            print(f"no glossary entry for {text!r}")
        for term in terms:
            _print_term(term, uses.get(id(term)), corpus_paths)
    raise typer.Exit(0 if terms else 1)


def _term_json(term: Term, uses: list) -> dict:
    return {"zh": term.zh, "en": term.en, "variants": list(term.variants), "forbidden": list(term.forbidden),
            "status": term.status, "domain": term.domain, "source": term.source, "note": term.note,
            "file": term.file, "line": term.line,
            "uses": [{"file": u.segment.doc.file, "line": u.segment.line, "segment": u.segment.id,
                      "renderings": [{"rendering": h.rendering, "kind": h.kind} for h in u.renderings]}
                     for u in uses]}


def _print_term(term: Term, uses: list | None, corpus_paths: tuple[Path, ...]) -> None:
    print(f"{term.zh} → {term.en}" + ("" if term.status == "approved" else f"  [{term.status}]"))
    for label, value in (("variants", ", ".join(term.variants)), ("forbidden", ", ".join(term.forbidden)),
                         ("domain", term.domain), ("source", term.source), ("note", term.note),
                         ("defined", f"{term.file}:{term.line}")):
        if value:
            print(f"  {label}: {value}")
    if uses is None:
        return
    if not uses:
        print(f"  not used in {', '.join(map(str, corpus_paths))}")
    for use in uses:
        seg = use.segment
        found = ", ".join(f"{h.rendering} ({h.kind})" for h in use.renderings) or "no rendering found"
        print(f"  used: {seg.doc.file}:{seg.line} {seg.id}: {found}")


@glossary_app.command("suggest")
def suggest(
    paths: Annotated[list[Path] | None,
                     typer.Argument(help="Aligned corpus files or directories (default: ./corpus).")] = None,
    glossary: GlossaryOpt = None,
    output: Annotated[Path | None,
                      typer.Option("--output", "-o", help="Write the YAML here (default: stdout).")] = None,
    min_count: Annotated[int, typer.Option("--min-count", help="Only candidates seen at least this often.")] = 1,
    places: Annotated[int, typer.Option("--places", help="Places to list per candidate.")] = 5,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Corpus encoding when not UTF-8/UTF-16.")] = None,
) -> None:
    """List quoted expressions and numbered formulas no entry covers, most frequent first, as proposed
    glossary entries (YAML) with the English renderings seen and where: review, then add them."""
    from ..formats import iter_segments
    from ..glossary import TermMatcher, load_glossary
    from ..glossary.load import glossary_yaml
    from ..glossary.unknown import suggest_entries, suggestion_terms
    from ..runner import DEFAULT_CORPUS, DEFAULT_GLOSSARY

    try:
        corpus = tuple(paths or ((DEFAULT_CORPUS,) if DEFAULT_CORPUS.is_dir() else ()))
        if not corpus:
            raise UsageError("no corpus given and there is no ./corpus here; pass PATHS")
        glossary_path = glossary if glossary is not None else (DEFAULT_GLOSSARY if DEFAULT_GLOSSARY.exists() else None)
        if output is not None:
            refuse_overwriting_inputs((output,), (*corpus, *((glossary_path,) if glossary_path else ())))
        matcher = TermMatcher(load_glossary(glossary_path)) if glossary_path is not None else None
        found = [s for s in suggest_entries(iter_segments(corpus, encoding=encoding), matcher, places=places)
                 if s.count >= min_count]
        text = glossary_yaml(suggestion_terms(found))
        if output is not None:
            write_text_atomic(output, text)
        else:
            sys.stdout.write(text)
    except DuizhaoError as error:
        raise fail(error) from None
    print(f"duizhao: {len(found)} candidate(s)", file=sys.stderr)


@glossary_app.command("export")
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    format: Annotated[str | None, typer.Option(
        "--format", "-f", help="tbx (TBX v3), tbx2 (TBX-Basic 2008), csv, xlsx or omegat (default: by extension).",
    )] = None,
    glossary: GlossaryOpt = None,
    src_lang: Annotated[str, typer.Option("--src-lang", help="TBX: language code of the Chinese terms.")] = "zh-CN",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="TBX: language code of the English terms.")] = "en",
) -> None:
    """Export the glossary for CAT tools: TBX-Basic on TBX v3 (default for .tbx) or v2, CSV, XLSX, OmegaT.

    tbx2: OmegaT 3.6, translate-toolkit, MultiTerm; xlsx: memoQ and Phrase termbase import;
    omegat: OmegaT's tab-separated glossary (name it .utf8); csv: memoQ / Trados MultiTerm.
    """
    from ..formats import termbases
    from ..formats.glossary_csv import write_csv
    from ..formats.tbx import write_tbx
    from ..glossary import load_glossary

    try:
        kind = _kind(format, output, export=True)
        glossary_path = _glossary_path(glossary)
        refuse_overwriting_inputs((output,), (glossary_path,))
        loaded = load_glossary(glossary_path)
        if kind == "tbx":
            count = write_tbx(loaded.terms, output, source_lang=src_lang, target_lang=tgt_lang)
        elif kind == "tbx2":
            count = termbases.write_tbx2(loaded.terms, output, source_lang=src_lang, target_lang=tgt_lang)
        elif kind == "xlsx":
            count = termbases.write_termbase_xlsx(loaded.terms, output, source_lang=src_lang, target_lang=tgt_lang)
        elif kind == "omegat":
            count = termbases.write_omegat(loaded.terms, output)
        else:
            count = write_csv(loaded.terms, output)
    except DuizhaoError as error:
        raise fail(error) from None
    print(f"duizhao: wrote {count} entries to {output}", file=sys.stderr)


@glossary_app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(help="A TBX (v3 or v2) or CSV termbase.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Glossary YAML file to write.")],
    format: Annotated[str | None, typer.Option("--format", "-f", help="tbx or csv (default: by extension).")] = None,
    src_lang: Annotated[str, typer.Option("--src-lang", help="TBX: language of the source terms.")] = "zh",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="TBX: language of the renderings.")] = "en",
    encoding: Annotated[str | None, typer.Option("--encoding", help="CSV encoding when not UTF-8/UTF-16.")] = None,
) -> None:
    """Read a TBX or CSV termbase back into glossary YAML."""
    from ..formats.glossary_csv import read_csv
    from ..formats.tbx import read_tbx
    from ..glossary.load import glossary_yaml

    try:
        kind = _kind(format, source)
        refuse_overwriting_inputs((output,), (source,))
        if kind == "tbx":
            terms = read_tbx(source, source_lang=src_lang, target_lang=tgt_lang)
        else:
            terms = read_csv(source, encoding=encoding)
        write_text_atomic(output, glossary_yaml(terms))
    except DuizhaoError as error:
        raise fail(error) from None
    print(f"duizhao: wrote {len(terms)} entries to {output}", file=sys.stderr)


_EXPORT_KINDS = ("tbx", "tbx2", "csv", "xlsx", "omegat")
_BY_EXTENSION = {"utf8": "omegat", "tab": "omegat"}


def _kind(format: str | None, path: Path, *, export: bool = False) -> str:
    kind = (format or path.suffix.lstrip(".")).lower()
    kind = _BY_EXTENSION.get(kind, kind) if export and not format else kind
    known = _EXPORT_KINDS if export else ("tbx", "csv")
    if kind not in known:
        raise UsageError(f"unknown glossary format {kind or '(none)'!r}: use --format {', '.join(known[:-1])}"
                         f" or {known[-1]}")
    return kind
