"""``duizhao check``: check aligned pairs against the glossary and each other."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError
from ..report import RunInfo, formatter_class
from ..runner import CheckRequest, run_check
from ..textio import atomic_writer
from ._app import app, fail


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Corpus files or directories (default: ./corpus).")] = None,
    glossary: Annotated[Path | None, typer.Option("--glossary", "-g", help="Glossary file or directory (default: ./glossary).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="Report format: text or json.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report here instead of stdout.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Input encoding when it is not UTF-8/UTF-16 with BOM (e.g. gb18030).")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="Exit 1 when a finding is at or above: error, warning, never.")] = "error",
) -> None:
    """Check corpus pairs: glossary terms, figures, consistency. Exit 0 clean, 1 findings, 2 bad input."""
    try:
        if fail_on not in ("error", "warning", "info", "never"):
            raise DuizhaoError(f"--fail-on must be error, warning, info or never, not {fail_on!r}")
        formatter_cls = formatter_class(format)
        request = CheckRequest(paths=tuple(paths or ()), glossary=glossary, encoding=encoding, fail_on=fail_on)
        outcome = run_check(request)
        run = RunInfo(
            version=outcome.signature.split("|")[0].split(":")[1],
            signature=outcome.signature,
            glossary_hash=outcome.glossary_hash,
            glossary_terms=outcome.glossary_terms,
            inputs=outcome.inputs,
        )
        if output is not None:
            with atomic_writer(output) as out:
                _render(formatter_cls, out, run, outcome)
        else:
            _render(formatter_cls, sys.stdout, run, outcome)
    except DuizhaoError as error:
        raise fail(error) from None
    raise typer.Exit(outcome.exit_code(fail_on))


def _render(formatter_cls, out, run, outcome) -> None:
    formatter = formatter_cls(out, run)
    formatter.start()
    for finding in outcome.findings:
        formatter.handle(finding)
    formatter.finish(outcome.summary())
