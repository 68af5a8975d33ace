"""The Typer application object and the one place errors become exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import DuizhaoError
from ..textio import write_text_atomic

app = typer.Typer(
    name="duizhao",
    help="对照 duizhao: check Chinese–English policy translations against a glossary, their figures and each other.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        print(f"duizhao {__version__}")
        raise typer.Exit(0)


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    # no docstring: the app's own help text stays the one shown by --help
    pass


#: what the console script (``main``) passes as the context object: its process ends with the
#: command, so process-wide policy may be decided for it; a command invoked in-process
#: (``CliRunner``, a notebook, a server) leaves the process as it found it
EXITS_AFTER_COMMAND = "exits-after-command"


def exits_after_command(ctx: typer.Context) -> bool:
    """Whether this command runs in a process that ends with it (started by ``main``)."""
    return ctx.find_root().obj == EXITS_AFTER_COMMAND


def fail(error: DuizhaoError) -> typer.Exit:
    """Print one line for ``error`` on stderr and return the Exit to raise."""
    print(f"duizhao: error: {one_line(str(error))}", file=sys.stderr)
    return typer.Exit(error.exit_code)


def one_line(message: str) -> str:
    """Errors are one line on stderr, whatever a library put into the message."""
    return " ".join(part.strip() for part in message.splitlines() if part.strip())


def emit(text: str, output: Path | None) -> None:
    """Write a command's text result to ``output`` atomically, or to stdout when none is given."""
    if output is not None:
        write_text_atomic(output, text)
    else:
        sys.stdout.write(text)
