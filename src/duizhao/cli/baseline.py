"""``duizhao baseline from-sheet``: a reviewer's sheet back into a baseline file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError
from ..outputs import refuse_overwriting_inputs
from ._app import app, fail

baseline_app = typer.Typer(help="Baseline files: known findings that later runs do not report.",
                           no_args_is_help=True)
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("from-sheet")
def from_sheet(
    sheet: Annotated[Path, typer.Argument(help="A reviewed sheet from check --format xlsx or csv.")],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="The baseline file to write, e.g. .duizhao-baseline.json.",
    )] = ...,  # type: ignore[assignment]
) -> None:
    """Turn the rows a reviewer marked as false positives (decision column) into baseline entries.

    Decisions that count: "false positive", "fp", "not an error", "ok", "accept", "ignore", "误报".
    Then `duizhao check --baseline FILE` stays quiet about those findings.
    """
    from ..baseline import write_baseline
    from ..report.sheet import false_positives, read_sheet

    try:
        refuse_overwriting_inputs((output,), (sheet,))
        rows = read_sheet(sheet)
        findings = false_positives(rows)
        count = write_baseline(findings, output)
    except DuizhaoError as error:
        raise fail(error) from None
    print(f"duizhao: wrote {count} of {len(rows)} row(s) marked as false positives to baseline {output}",
          file=sys.stderr)
