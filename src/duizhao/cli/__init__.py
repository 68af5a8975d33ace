"""Command line: a thin layer over the library. The only package that imports typer.

Each command group lives in its own module and registers itself on ``app``; library errors
(``DuizhaoError``) become one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

from ..errors import DuizhaoError
from . import check as _check  # noqa: F401  (registers commands)
from . import draft as _draft  # noqa: F401  (align, score)
from . import glossary as _glossary  # noqa: F401  (glossary lint/lookup/export/import)
from . import interchange as _interchange  # noqa: F401  (export, import)
from . import rules as _rules  # noqa: F401  (rules)
from ._app import EXITS_AFTER_COMMAND, app, one_line


def main() -> None:
    """Console-script entry point."""
    try:
        app(obj=EXITS_AFTER_COMMAND)
    except DuizhaoError as error:  # raised outside a command (e.g. while parsing options)
        print(f"duizhao: error: {one_line(str(error))}", file=sys.stderr)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        print("duizhao: interrupted", file=sys.stderr)
        sys.exit(130)


__all__ = ["app", "main"]
