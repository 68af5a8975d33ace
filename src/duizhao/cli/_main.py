"""The one place where every exception and signal becomes an exit code and one stderr line.

    0    clean
    1    findings at or above --fail-on
    2    anything the user can cause: a bad option (typer/click usage errors too), an
         unreadable, malformed or hostile input, an output that cannot be written, an OSError
         (a 300-character file name, a full disk): ``duizhao: error: FILE[:LINE]: what``
    3    an internal error, i.e. a bug: ``duizhao: internal error: ...``; the traceback is
         printed only with ``DUIZHAO_DEBUG=1``
    130  interrupted by SIGINT (Ctrl-C), 143 terminated by SIGTERM: ``duizhao: interrupted``;
         worker processes are stopped and temporary files removed first

Commands turn ``DuizhaoError`` into the line themselves (``_app.fail``); what escapes them
lands here. A signal is turned into ``KeyboardInterrupt`` in the main thread, so every
``finally`` (the process pool's shutdown, ``atomic_writer``'s removal of its temporary file)
runs before the process exits.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer

try:  # typer vendors its own copy of click (typer >= 0.2x); its exceptions are that copy's
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer on top of click
    from click import exceptions as click_errors  # type: ignore[no-redef]

from ..errors import DuizhaoError
from ._app import one_line

EXIT_USAGE = 2
EXIT_INTERNAL = 3
DEBUG_VARIABLE = "DUIZHAO_DEBUG"
_SIGNAL_EXIT = {signal.SIGINT: 130, signal.SIGTERM: 143}


def error_line(message: str) -> None:
    print(f"duizhao: error: {one_line(message)}", file=sys.stderr)


def os_error_message(exc: OSError) -> str:
    """``FILE: what went wrong`` for an OSError, without Python's ``[Errno 36]`` decoration."""
    what = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {what}" if exc.filename is not None else what


class _Signals:
    """Turn SIGTERM (and SIGINT) into ``KeyboardInterrupt`` and remember which one came."""

    def __init__(self) -> None:
        self.received: int | None = None

    def handle(self, signum: int, _frame: Any) -> None:
        if self.received is None:
            self.received = signum
            raise KeyboardInterrupt
        # a second signal while cleaning up: the cleanup continues; nothing is left half-written


@contextmanager
def _signals_as_interrupts() -> Iterator[_Signals]:
    seen = _Signals()
    previous: dict[int, Any] = {}
    try:
        for signum in _SIGNAL_EXIT:
            previous[signum] = signal.signal(signum, seen.handle)
    except ValueError:  # not the main thread (an embedding application): leave signals alone
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous.clear()
    try:
        yield seen
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run(app: Any, args: Sequence[str] | None = None, **extra: Any) -> int:
    """Run the typer ``app`` with ``args`` (default: ``sys.argv[1:]``) and return the exit code.

    ``extra`` goes to click's ``main`` (``obj=``, for instance).
    """
    with _signals_as_interrupts() as seen:
        try:
            code = _run_app(app, args, extra)
        except KeyboardInterrupt:
            code = 130
        if code == 130:
            print("duizhao: interrupted", file=sys.stderr)
            return _SIGNAL_EXIT.get(seen.received or signal.SIGINT, 130)
        return code


def _run_app(app: Any, args: Sequence[str] | None, extra: dict[str, Any]) -> int:
    try:
        result = app(args=list(args) if args is not None else None, prog_name="duizhao", standalone_mode=False,
                     **extra)
    except click_errors.NoArgsIsHelpError as exc:  # `duizhao` or `duizhao glossary` alone
        exc.show()
        return EXIT_USAGE
    except typer.Abort:
        return 130
    except click_errors.ClickException as exc:  # typer's own usage errors: one line, not a box
        message = exc.format_message()
        command = exc.ctx.command_path if getattr(exc, "ctx", None) is not None else "duizhao"
        error_line(f"{message} (see `{command} --help`)")
        return exc.exit_code if exc.exit_code and exc.exit_code != 1 else EXIT_USAGE
    except DuizhaoError as exc:  # raised outside a command's own handler
        error_line(str(exc))
        return exc.exit_code
    except OSError as exc:
        error_line(os_error_message(exc))
        return EXIT_USAGE
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as exc:
        if os.environ.get(DEBUG_VARIABLE, "") not in ("", "0"):
            traceback.print_exc()
        detail = one_line(str(exc)) or "(no message)"
        print(f"duizhao: internal error: {type(exc).__name__}: {detail} (a bug in duizhao, please report it;"
              f" {DEBUG_VARIABLE}=1 shows the traceback)", file=sys.stderr)
        return EXIT_INTERNAL
    return result if isinstance(result, int) else 0
