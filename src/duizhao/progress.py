"""A progress bar for long check runs: pairs done and pairs per second, on stderr.

Shown only when stderr is a terminal (never in CI logs or pipes) and only once a run has
lasted a couple of seconds, so short runs print nothing extra. The engine reports progress
through a plain callable, so the library knows nothing of terminals.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: seconds a run must last before the bar appears
DELAY = 2.0


@contextmanager
def progress_bar(enabled: bool | None = None, delay: float = DELAY) -> Iterator[Callable[[int], None] | None]:
    """Yield a ``progress(n_pairs_done)`` callback, or None when no bar should be drawn.

    ``enabled`` None means: when stderr is a terminal.
    """
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield None
        return
    bar = _LazyBar(delay)
    try:
        yield bar.advance
    finally:
        bar.close()


class _LazyBar:
    """Counts from the start and draws a rich progress bar only after ``delay`` seconds."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.started = time.monotonic()
        self.done = 0
        self.progress: Any = None
        self.task: Any = None

    def advance(self, pairs: int) -> None:
        self.done += pairs
        if self.progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._show()
        self.progress.update(self.task, completed=self.done)

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("checking"),
            TextColumn("{task.completed:,.0f} pairs"),
            _RateColumn(self.started),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.progress.start()
        self.task = self.progress.add_task("check", total=None, completed=self.done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _RateColumn(started: float) -> Any:  # builds the rich column class lazily: rich is imported late
    from rich.progress import ProgressColumn
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Pairs per second since the run started (not since the bar appeared)."""

        def render(self, task: Any) -> Text:
            elapsed = max(time.monotonic() - started, 1e-9)
            return Text(f"{task.completed / elapsed:,.0f} pairs/s", style="progress.data.speed")

    return RateColumn()
