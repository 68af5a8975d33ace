"""``duizhao rules``: every rule with its id, default severity and one-line summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError
from ._app import app, emit, fail


@app.command()
def rules(
    format: Annotated[str, typer.Option(
        "--format", "-f", help="text (a table), markdown (docs/rules.md) or json.",
    )] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """List every rule: id, default severity, summary. `--format markdown -o docs/rules.md` writes the docs."""
    from ..checks import RULE_CLASSES  # the rule classes only: no engine loads to describe them
    from ..report.rules_doc import render_rules

    try:
        text = render_rules(RULE_CLASSES, format)
        emit(text, output)
    except DuizhaoError as error:
        raise fail(error) from None
