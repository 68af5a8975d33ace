"""``duizhao annotate``: check a bilingual CAT-tool file and write a copy with the findings inside it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError
from ..outputs import refuse_overwriting_inputs
from ._app import app, exits_after_command, fail
from ._options import (
    ConfigOption,
    EncodingOption,
    FailOnOption,
    GlossaryOption,
    IgnoreOption,
    InputFormatOption,
    SelectOption,
    StatusOption,
)


@app.command()
def annotate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A bilingual XLIFF file (.xlf, .sdlxliff, .mqxliff, .mxliff, .txlf).")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The annotated copy to write (never the input itself).",
    )] = ...,  # type: ignore[assignment]
    glossary: GlossaryOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    fail_on: FailOnOption = None,
    config: ConfigOption = None,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help="Leave out findings recorded in this baseline file.",
    )] = None,
    status: StatusOption = None,
    input_format: InputFormatOption = None,
    encoding: EncodingOption = None,
) -> None:
    """Write a copy of a CAT-tool file with each finding where the tool shows it (notes, comments).

    XLIFF 1.2: <note from="duizhao">; XLIFF 2.0: <notes>; Trados Studio: comments; memoQ: comments.
    Nothing else in the file changes; notes from an earlier run are replaced. Exit 0 clean, 1 findings.
    """
    from ..baseline import apply_baseline, load_baseline
    from ..engine import exit_code
    from ..formats.annotate import annotate as annotate_file
    from ..runner import DEFAULT_GLOSSARY, run_check
    from ..textio import atomic_writer
    from ._check_options import settle, statuses_option

    try:
        settled = settle(paths=[file], glossary=glossary, select=select, ignore=ignore, fail_on=fail_on,
                         config_file=config, baseline=baseline)
        request = settled.request(paths=(file,), encoding=encoding, input_format=input_format or "xliff",
                                  statuses=statuses_option(status), jobs=1)
        refuse_overwriting_inputs((output,), (file, settled.glossary or DEFAULT_GLOSSARY, settled.baseline,
                                              settled.config.file))
        outcome = run_check(request, None, keep_frozen=exits_after_command(ctx))
        findings = outcome.findings
        if settled.baseline is not None:
            findings = apply_baseline(findings, load_baseline(settled.baseline), str(settled.baseline)).findings
        data = annotate_file(file, findings, encoding=encoding)
        with atomic_writer(output, binary=True) as out:
            out.write(data)
    except DuizhaoError as error:
        raise fail(error) from None
    segments = len({f.location.segment for f in findings})
    print(f"duizhao: wrote {len(findings)} finding(s) on {segments} segment(s) into {output}", file=sys.stderr)
    raise typer.Exit(exit_code(findings, settled.fail_on))
