"""Command line: a thin layer over the library. The only package that imports typer.

Each command group lives in its own module and registers itself on ``app``; library errors
(``DuizhaoError``) become one line on stderr and exit code 2, never a traceback; ``_main``
holds the exit codes (3 is an internal error) and the signal handling.
"""

from __future__ import annotations

import sys

from . import annotate as _annotate  # noqa: F401  (annotate)
from . import baseline as _baseline  # noqa: F401  (baseline from-sheet)
from . import check as _check  # noqa: F401  (registers commands)
from . import draft as _draft  # noqa: F401  (align, score)
from . import glossary as _glossary  # noqa: F401  (glossary lint/lookup/export/import)
from . import interchange as _interchange  # noqa: F401  (export, import)
from . import rules as _rules  # noqa: F401  (rules)
from . import serve as _serve  # noqa: F401  (serve: the review workbench)
from ._app import EXITS_AFTER_COMMAND, app
from ._main import run


def main() -> None:
    """Console-script entry point: exit codes and error lines are decided in ``_main.run``."""
    sys.exit(run(app, obj=EXITS_AFTER_COMMAND))


__all__ = ["app", "main"]
