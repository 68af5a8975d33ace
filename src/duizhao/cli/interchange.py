"""``duizhao export`` and ``duizhao import``: the corpus in and out of CAT tools and MT pipelines."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError, UsageError
from ..outputs import refuse_overwriting_inputs
from ._app import app, fail

# The formats load inside each command, not with the command list (``duizhao --help``).

Paths = Annotated[list[Path] | None, typer.Argument(help="Corpus files or directories (default: ./corpus).")]
Encoding = Annotated[str | None, typer.Option("--encoding", help="Input encoding, overriding detection.")]
InputFormat = Annotated[str | None, typer.Option("--from", help="Input format instead of by extension.")]


@app.command()
def export(
    format: Annotated[str, typer.Argument(help="Output format: tmx, yaml, tsv, moses or jsonl.")],
    paths: Paths = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write (moses: x gives x.zh and x.en).")] = ...,  # type: ignore[assignment]
    src_lang: Annotated[str, typer.Option("--src-lang", help="TMX: code of the Chinese side.")] = "zh-CN",
    tgt_lang: Annotated[str, typer.Option("--tgt-lang", help="TMX: code of the English side.")] = "en-US",
    adminlang: Annotated[str, typer.Option("--adminlang", help="TMX: header adminlang.")] = "en-US",
    input_format: InputFormat = None,
    encoding: Encoding = None,
    inline: Annotated[str, typer.Option(
        "--inline", help="TMX: text (escape the texts) or xml (they hold TMX inline markup, e.g. from import"
                         " --inline xml: write it as markup).")] = "text",
) -> None:
    """Export corpus pairs as a TMX 1.4b translation memory or another bitext format."""
    from ..formats import WRITERS
    from ..formats.convert import export as export_pairs
    from ..formats.moses import pair_paths
    from ..runner import resolve_inputs

    try:
        if format not in WRITERS:
            raise UsageError(f"unknown export format {format!r} (known: {', '.join(sorted(WRITERS))})")
        if inline != "text" and format != "tmx":
            raise UsageError("--inline applies to a TMX export only")
        options = ({"src_lang": src_lang, "tgt_lang": tgt_lang, "adminlang": adminlang, "inline": inline}
                   if format == "tmx" else {})
        inputs = resolve_inputs(paths or ())
        refuse_overwriting_inputs(pair_paths(output) if format == "moses" else (output,), inputs)
        count = export_pairs(inputs, output, format, encoding=encoding,
                             input_format=input_format, **options)
    except DuizhaoError as error:
        raise fail(error) from None
    written = " and ".join(str(p) for p in pair_paths(output)) if format == "moses" else str(output)
    print(f"duizhao: wrote {count} pairs to {written}", file=sys.stderr)


@app.command(name="import")
def import_(
    source: Annotated[Path, typer.Argument(help="A TMX, XLIFF, TSV, Moses (.zh/.en), JSONL or YAML bitext.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write, e.g. corpus/DOC.yaml.")] = ...,  # type: ignore[assignment]
    to: Annotated[str | None, typer.Option("--to", help="Output format (default: by extension, else yaml).")] = None,
    input_format: InputFormat = None,
    zh_lang: Annotated[str | None, typer.Option("--zh-lang", help="TMX: prefer this zh variant, e.g. zh-TW.")] = None,
    en_lang: Annotated[str | None, typer.Option("--en-lang", help="TMX: prefer this en variant, e.g. en-GB.")] = None,
    traditional: Annotated[str, typer.Option("--traditional", help="TMX: keep Traditional zh, or convert.")] = "keep",
    inline: Annotated[str, typer.Option("--inline", help="TMX inline tags: drop, text or xml.")] = "drop",
    doc_id: Annotated[str | None, typer.Option("--doc-id", help="YAML: the document id.")] = None,
    encoding: Encoding = None,
) -> None:
    """Import a translation memory or bitext as a corpus document (YAML unless --to says otherwise).

    TMX: per unit, the zh and en variants are picked by language code (an exact --zh-lang/--en-lang
    first, then Simplified before Traditional, then document order); units lacking one are skipped.
    """
    from ..formats.convert import import_file
    from ..formats.moses import pair_paths

    try:
        options = {"doc_id": doc_id} if doc_id else {}
        refuse_overwriting_inputs((output, *pair_paths(output)), (source,))
        result = import_file(source, output, input_format=input_format, output_format=to, encoding=encoding,
                             zh_lang=zh_lang, en_lang=en_lang, inline=inline, traditional=traditional, **options)
    except DuizhaoError as error:
        raise fail(error) from None
    extra = []
    if result.skipped:
        extra.append(f"skipped {result.skipped} units without both a zh and an en variant")
    if result.renamed:
        extra.append(f"renamed {result.renamed} repeated ids with a ~N suffix")
    print(f"duizhao: imported {result.written} pairs into {output}" + (f" ({'; '.join(extra)})" if extra else ""),
          file=sys.stderr)
