"""What ``duizhao check`` does around the run itself: settle options, baseline, render, exit code.

Kept out of ``check.py`` so that the command stays a list of options plus a few calls, and so
this logic is testable without the CLI: the configuration file supplies defaults, command-line
options override it, a baseline hides known findings, and the chosen formatter renders.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .. import __version__
from ..baseline import apply_baseline, load_baseline, recount, write_baseline
from ..config import FAIL_ON, Config, load_config, split_rule_options
from ..engine import exit_code
from ..errors import OutputError, UsageError
from ..model import Severity
from ..report import formatter_class, render
from ..report.context import run_info_for
from ..textio import as_typed, atomic_writer

if TYPE_CHECKING:
    from ..model import Finding
    from ..pairviews import PairView
    from ..report.base import RunInfo
    from ..runner import CheckOutcome, CheckRequest


@dataclass(frozen=True)
class Settled:
    """The options of one check run after the configuration file and the command line are merged."""

    paths: tuple[Path, ...]
    glossary: Path | None
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    severities: dict[str, Severity]
    proposed_severity: Severity | None
    fail_on: str
    baseline: Path | None
    config: Config

    def request(self, **run: Any) -> CheckRequest:
        """The ``CheckRequest`` for these options; ``run`` adds what only the command knows (paths,
        encoding, input format, statuses, jobs…). Every command that checks builds its request
        here, so a setting of the configuration file (proposed severity, checklists) reaches all."""
        from ..runner import CheckRequest

        run.setdefault("paths", self.paths)
        return CheckRequest(glossary=self.glossary, fail_on=self.fail_on, select=self.select, ignore=self.ignore,
                            severities=self.severities, proposed_severity=self.proposed_severity,
                            rule_options=self.config.rule_options, **run)


def settle(*, paths: Sequence[Path] | None, glossary: Path | None, select: Sequence[str] | None,
           ignore: Sequence[str] | None, fail_on: str | None, config_file: Path | None,
           baseline: Path | None) -> Settled:
    """Command-line options over the configuration file over built-in defaults."""
    config = load_config(config_file)
    chosen_fail_on = fail_on or config.fail_on or "error"
    if chosen_fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {chosen_fail_on!r}")
    cli_select = split_rule_options(select)
    chosen_select = cli_select or config.select
    chosen_ignore = tuple(dict.fromkeys((*config.ignore, *split_rule_options(ignore))))
    both = [rule for rule in split_rule_options(ignore) if rule in cli_select]
    if both:  # `--select X --ignore X` used to run no rule and exit 0 without a word
        raise UsageError(f"rule {both[0]!r} is both in --select and in --ignore; name it in one of them")
    if chosen_select and not set(chosen_select) - set(chosen_ignore):
        raise UsageError("--select and --ignore (with the configuration) leave no rule to run: "
                         f"every selected rule ({', '.join(chosen_select)}) is ignored")
    return Settled(
        paths=tuple(paths or ()) or config.corpus,
        glossary=glossary or config.glossary or _glossary_beside(config.file),
        select=chosen_select,
        ignore=chosen_ignore,
        severities=dict(config.severities),
        proposed_severity=config.proposed_severity,
        fail_on=chosen_fail_on,
        baseline=baseline or config.baseline,
        config=config,
    )


def _glossary_beside(config_file: Path | None) -> Path | None:
    """The project's ``glossary/`` next to its configuration file, when the file names none.

    The default ``./glossary`` is relative to the working directory; from a subdirectory of the
    project that silently meant no glossary at all, while the configured corpus was still found.
    """
    if config_file is None:
        return None
    candidate = as_typed(config_file.parent / "glossary")
    return candidate if candidate.exists() else None


def colored(output: Path | None, color: bool | None = None) -> bool:
    """Whether the report is coloured: written to a terminal and not to a file, unless ``color`` says.

    Decided here for both the run (a coloured text report needs the pairs' views) and the report.
    """
    if output is not None:
        return False
    return sys.stdout.isatty() if color is None else color


def report(outcome: CheckOutcome, request: CheckRequest, *, format_name: str, output: Path | None,
           baseline: Path | None, write_baseline_to: Path | None, fail_on: str, color: bool | None = None,
           summary_to: Path | None = None, append_summary: bool = False, explain_figures: bool = False,
           environment: Mapping[str, str] | None = None) -> int:
    """Apply or write the baseline, render the report, and return the exit code.

    With ``write_baseline_to`` every current finding is recorded there and the run exits 0
    (they are all known now); with ``baseline`` only findings not in it are reported and count
    towards the exit code. ``summary_to`` also gets the Markdown summary (appended when
    ``append_summary``: GitHub's ``$GITHUB_STEP_SUMMARY`` is a file every step appends to).
    ``explain_figures`` follows the (text) report with how each pair's figures were matched.
    """
    formatter_cls = formatter_class(format_name)
    findings = outcome.findings
    summary = outcome.summary()
    if write_baseline_to is not None:
        count = write_baseline(findings, write_baseline_to)
        print(f"duizhao: wrote {count} finding(s) to baseline {write_baseline_to}", file=sys.stderr)
    elif baseline is not None:
        result = apply_baseline(findings, load_baseline(baseline), str(baseline))
        findings = result.findings
        summary = recount(summary, findings, result)
    run = run_info_for(outcome, request, __version__, environment)

    def emit(out: IO[Any], use_color: bool) -> None:
        render(formatter_cls(out, run, color=use_color), findings, summary)
        if explain_figures and run.pairs is not None:
            write_figure_explanations(out, run.pairs)

    if formatter_cls.binary:
        if output is None and sys.stdout.isatty():
            raise UsageError(f"--format {format_name} writes a binary file: name it with --output")
        with atomic_writer(output if output is not None else "-", binary=True) as out:
            emit(out, False)
    elif output is not None:
        with atomic_writer(output) as out:
            emit(out, False)
    else:
        emit(sys.stdout, colored(None, color))
    if summary_to is not None:
        write_summary(summary_to, run, findings, summary, append=append_summary)
    return 0 if write_baseline_to is not None else exit_code(findings, fail_on)


def write_figure_explanations(out: IO[str], segments: Iterable[PairView]) -> None:
    """Pair by pair, how the figures were matched (``numbers.explain_pair``): conversions, roundings, issues."""
    from ..numbers.explain import explain_pair
    from ..report.base import printable

    out.write("\nfigures, pair by pair:\n")
    for seg in segments:
        lines = explain_pair(seg.zh, seg.en)
        if lines:
            out.write(printable(f"{seg.doc.file}:{seg.line} [{seg.id}]") + "\n")
            out.writelines(f"  {printable(line)}\n" for line in lines)


def write_summary(path: Path, run: RunInfo, findings: Sequence[Finding], summary: dict[str, Any], *,
                  append: bool) -> None:
    """The Markdown summary into ``path``: appended (a job summary), or written atomically."""
    from ..report.markdown import MarkdownFormatter

    if append:
        try:
            with open(path, "a", encoding="utf-8") as out:
                render(MarkdownFormatter(out, run), findings, summary)
        except OSError as error:
            raise OutputError(f"cannot append the job summary: {error.strerror or error}", file=str(path)) from None
        return
    with atomic_writer(path) as out:
        render(MarkdownFormatter(out, run), findings, summary)


def memory_limit_option(value: str | None) -> dict[str, int | None]:
    """``--memory-limit`` as ``CheckRequest`` keywords: nothing when not given (the default budget)."""
    from ..spill import parse_size

    return {} if value is None else {"memory_limit": parse_size(value)}


def statuses_option(values: Sequence[str] | None) -> tuple[str, ...]:
    """``--status`` values, checked against the known statuses (a typo is refused before the run)."""
    from ..formats.xliff import parse_statuses

    chosen = parse_statuses(tuple(values or ()))
    return tuple(sorted(chosen)) if chosen else ()
