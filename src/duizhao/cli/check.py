"""``duizhao check``: check aligned pairs against the glossary and each other."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DuizhaoError, UsageError
from ..outputs import refuse_overwriting_inputs
from ._app import app, exits_after_command, fail
from ._options import (
    ConfigOption,
    EncodingOption,
    FailOnOption,
    GlossaryOption,
    IgnoreOption,
    InputFormatOption,
    MemoryLimitOption,
    SelectOption,
    StatusOption,
)

#: ``--jobs`` above this many processes per core only adds start-up time and memory
JOBS_PER_CORE = 2
MAX_JOBS = 64


def _sane_jobs(jobs: int | None, engine: str) -> int:
    """``--jobs`` (default: the cores), capped at twice the cores and at most 64, with a note on stderr.

    ``--jobs 1000`` used to start about 960 processes; findings never depend on N, so a cap
    only saves memory. A Dask cluster (``--engine dask``) is not this machine: not capped.
    """
    from ..parallel import default_jobs  # lazily, like the engine (``duizhao --help``)

    if jobs is None:
        return default_jobs()
    limit = min(MAX_JOBS, JOBS_PER_CORE * default_jobs())
    if engine == "local" and jobs > limit:
        print(f"duizhao: note: --jobs {jobs} is more than twice the cores (or 64); using {limit}", file=sys.stderr)
        return limit
    return jobs


@app.command()
def check(
    ctx: typer.Context,
    paths: Annotated[list[Path] | None, typer.Argument(help="Corpus files or directories (default: ./corpus).")] = None,
    glossary: GlossaryOption = None,
    format: Annotated[str, typer.Option(
        "--format", "-f",
        help="Report format: text, json, sarif, junit, github, html, codequality, markdown, xlsx or csv.",
    )] = "text",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write the report here instead of stdout.",
    )] = None,
    encoding: EncodingOption = None,
    input_format: InputFormatOption = None,
    status: StatusOption = None,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", help="Report only findings not recorded in this baseline file.",
    )] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", help="Record every current finding in this baseline file and exit 0.",
    )] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", help="Processes to check with (default: the number of cores); findings are the same for any N.",
    )] = None,
    engine: Annotated[str, typer.Option(
        "--engine", help="local (this machine) or dask (a Dask cluster; needs the optional dask extra).",
    )] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.",
    )] = None,
    memory_limit: MemoryLimitOption = None,
    source: Annotated[Path | None, typer.Option(
        "--source", help="A Chinese source (plain text) to align with --draft and check; instead of PATHs.",
    )] = None,
    draft: Annotated[Path | None, typer.Option(
        "--draft", help="The English draft of --source (plain text); findings point at its lines.",
    )] = None,
    summary: Annotated[Path | None, typer.Option(
        "--summary", help="Also write a Markdown summary here (default in GitHub Actions: appended to"
                          " $GITHUB_STEP_SUMMARY).",
    )] = None,
    explain_figures: Annotated[bool, typer.Option(
        "--explain-figures", help="After a text report, show pair by pair how the figures were matched"
                                  " (unit conversions with their factor, roundings, what is left).",
    )] = False,
) -> None:
    """Check corpus pairs: glossary terms, figures, consistency. Exit 0 clean, 1 findings, 2 bad input."""
    # the engine loads here, not with the command list (``duizhao --help``)
    from ..progress import progress_bar
    from ..report import formatter_class
    from ..runner import DEFAULT_CORPUS, DEFAULT_GLOSSARY, run_check
    from ._check_options import colored, memory_limit_option, report, settle, statuses_option

    try:
        settled = settle(paths=paths, glossary=glossary, select=select, ignore=ignore, fail_on=fail_on,
                         config_file=config, baseline=baseline)
        # an unknown format is refused before the run, not after; the run records what it draws
        pair_views = formatter_class(format).needs_pairs(color=colored(output))
        if explain_figures and format != "text":
            raise UsageError(f"--explain-figures goes with --format text, not {format}")
        pair_views = pair_views or explain_figures  # (the explanation reads each pair's texts)
        drafting = source is not None or draft is not None  # configured corpus paths give way to the draft
        request = settled.request(paths=tuple(paths or ()) if drafting else settled.paths, encoding=encoding,
                                  source=source, draft=draft, input_format=input_format,
                                  statuses=statuses_option(status), jobs=_sane_jobs(jobs, engine), engine=engine,
                                  scheduler=scheduler, pair_views=pair_views, **memory_limit_option(memory_limit))
        step_summary = os.environ.get("GITHUB_STEP_SUMMARY", "") if summary is None else ""
        summary_to = summary if summary is not None else (Path(step_summary) if step_summary else None)
        refuse_overwriting_inputs(
            (output, write_baseline, summary),
            (*(request.paths or (DEFAULT_CORPUS,)), source, draft, settled.glossary or DEFAULT_GLOSSARY,
             settled.baseline, settled.config.file))
        with progress_bar() as progress:  # a process that ends with the report need not unfreeze: see gcpolicy
            outcome = run_check(request, progress, keep_frozen=exits_after_command(ctx))
        code = report(outcome, request, format_name=format, output=output, baseline=settled.baseline,
                      write_baseline_to=write_baseline, fail_on=settled.fail_on, summary_to=summary_to,
                      append_summary=summary is None, explain_figures=explain_figures,
                      environment={k: v for k, v in os.environ.items() if k.startswith("GITHUB_")})
        if not outcome.glossary_terms and any(rule.id.startswith("term-") for rule in outcome.rules):
            # said once, so that a missing or empty glossary is never a silently clean run
            where = "it has no terms" if outcome.glossary_hash or request.glossary else \
                "no --glossary and no ./glossary here"
            print(f"duizhao: note: no glossary ({where}): term rules off", file=sys.stderr)
    except DuizhaoError as error:
        raise fail(error) from None
    raise typer.Exit(code)
