"""``duizhao align`` and ``duizhao score``: a source and a draft as they arrive."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError, InputError, OutputError, UsageError
from ..outputs import refuse_overwriting_inputs
from ._app import app, emit, fail

ALIGN_FORMATS = ("tsv", "yaml", "tmx")


def load_matcher(glossary: Path | None, encoding: str | None):
    """The glossary matcher for anchors, or None when there is no glossary (anchors then use figures only)."""
    from ..glossary import TermMatcher, load_glossary
    from ..runner import resolve_glossary

    path = resolve_glossary(glossary)
    return TermMatcher(load_glossary(path, encoding=encoding)) if path else None


@app.command()
def align(
    zh_file: Annotated[Path, typer.Argument(help="The Chinese source, plain text.")],
    en_file: Annotated[Path, typer.Argument(help="The English draft, plain text.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="File to write the aligned pairs to.",
    )] = ...,  # type: ignore[assignment]
    format: Annotated[str, typer.Option(
        "--format", "-f", help="tsv (zh<TAB>en), yaml (corpus with confidence) or tmx.",
    )] = "tsv",
    no_split: Annotated[bool, typer.Option("--no-split", help="Take each line as one sentence.")] = False,
    glossary: Annotated[Path | None, typer.Option(
        "--glossary", "-g", help="Glossary whose terms anchor the alignment (default: ./glossary).",
    )] = None,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", help="Input encoding when it is not UTF-8/UTF-16 with BOM.",
    )] = None,
) -> None:
    """Split and align a Chinese source with its English draft (1-1, 1-2, 2-1, 2-2, 1-0, 0-1 and 1-3…1-5 beads)."""
    from ..align import draft_segments, write_tsv

    try:
        if format not in ALIGN_FORMATS:
            raise UsageError(f"--format must be one of {', '.join(ALIGN_FORMATS)}, not {format!r}")
        from ..runner import resolve_glossary

        refuse_overwriting_inputs((output,), (zh_file, en_file, resolve_glossary(glossary)))
        segments = list(draft_segments(zh_file, en_file, matcher=load_matcher(glossary, encoding),
                                       encoding=encoding, split=not no_split))
        # one empty side makes every bead 1-0 (or 0-1): almost certainly the wrong file
        for side, path in (("en", en_file), ("zh", zh_file)):
            if segments and not any(getattr(seg, side) for seg in segments):
                raise InputError(f"no {'English' if side == 'en' else 'Chinese'} sentences to align "
                                 "(the file is empty or blank)", file=str(path))
        if format == "tsv":
            count = write_tsv(segments, output)
        else:
            from ..formats import WRITERS, write_segments

            if format not in WRITERS:
                raise UsageError(f"the {format} writer is not available in this installation")
            count = write_segments(segments, output, format)
    except DuizhaoError as error:
        raise fail(error) from None
    from ..checks.alignment import AlignmentUncertain

    threshold = AlignmentUncertain.threshold
    low = sum(1 for s in segments if float(s.props["confidence"]) < threshold)
    print(f"duizhao: wrote {count} aligned pairs to {output} ({low} with confidence below {threshold})",
          file=sys.stderr)


@app.command()
def score(
    hyp: Annotated[Path, typer.Argument(help="The draft or MT output, one segment per line.")],
    refs: Annotated[list[Path], typer.Argument(
        help="One or more reference files, line-aligned with HYP.",
    )],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    segments: Annotated[bool, typer.Option(
        "--segments", help="Add per-segment chrF and list the worst segments.",
    )] = False,
    worst: Annotated[int, typer.Option("--worst", min=0, help="How many worst segments to list with --segments.")] = 10,
    metrics: Annotated[str, typer.Option(
        "--metrics", "-m", help="Comma-separated: bleu,chrf,ter (TER is slow on long files).",
    )] = "bleu,chrf,ter",
    width: Annotated[int, typer.Option(
        "--width", "-w", min=0, max=16, help="Decimals in text output (sacrebleu's -w).",
    )] = 1,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    encoding: Annotated[str | None, typer.Option(
        "--encoding", help="Input encoding when it is not UTF-8/UTF-16 with BOM.",
    )] = None,
) -> None:
    """BLEU, chrF and TER against references with sacrebleu (same numbers as its CLI, with signatures)."""
    from ..score import score_files

    try:
        if format not in ("text", "json"):
            raise UsageError(f"--format must be text or json, not {format!r}")
        refuse_overwriting_inputs((output,), (hyp, *refs))
        result = score_files(hyp, refs, segments=segments, encoding=encoding,
                             metrics=[m.strip().lower() for m in metrics.split(",") if m.strip()])
        if format == "json":
            text = json.dumps(result.as_dict(worst), ensure_ascii=False, indent=2) + "\n"
        else:
            text = _score_text(result, worst, width)
        emit(text, output)
    except DuizhaoError as error:
        raise fail(error) from None
    except OSError as error:  # e.g. a closed pipe
        raise fail(OutputError(str(error))) from None


def _score_text(result, worst: int, width: int) -> str:
    lines = [
        f"{label} = {value:.{width}f}   {result.signatures[name]}"
        for name, label, value in (
            ("bleu", "BLEU", result.bleu), ("chrf", "chrF", result.chrf), ("ter", "TER ", result.ter),
        )
        if value is not None
    ]
    lines.append(f"{result.lines} segments, {len(result.refs)} reference(s)")
    if result.segments is not None:
        lines.append(f"worst {min(worst, len(result.segments))} segments by chrF:")
        for seg in result.worst(worst):
            lines.append(f"  {result.hyp}:{seg.line}: chrF {seg.chrf:.{width}f}  {seg.hyp}")
    return "\n".join(lines) + "\n"
