"""The one place that decides whether an output path may be written: never onto an input.

Every command that writes a file (a report, a baseline, an export, an imported glossary, a
score, an alignment) names its outputs and every file it reads (inputs, glossary, baseline,
configuration) here *before* anything is written. Paths are compared by identity (device and
inode, following symlinks) and by resolved path, so ``-o ./x.tsv``, ``-o x.tsv`` and a symlink
to ``x.tsv`` are all the same file. Directories among the inputs stand for every file in them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError

_MOSES_SIDES = (".zh", ".en")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)  # follows symlinks: a link to an input is that input
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def _input_files(paths: Iterable[Path | None]) -> Iterable[Path]:
    for path in paths:
        if path is None:
            continue
        path = Path(path)
        try:
            is_dir = path.is_dir()
        except (OSError, ValueError):
            continue
        if is_dir:
            for root, _dirs, names in os.walk(path):
                for name in names:
                    yield Path(root, name)
            continue
        yield path
        if path.suffix.lower() in _MOSES_SIDES:  # a Moses pair reads its sibling too
            for side in _MOSES_SIDES:
                yield path.with_suffix(side)


def refuse_overwriting_inputs(outputs: Iterable[Path | None], inputs: Iterable[Path | None]) -> None:
    """Raise ``UsageError`` naming the output when any of ``outputs`` is one of the files ``inputs`` read.

    An output that does not exist yet cannot be an input; ``-`` and devices such as
    ``/dev/stdout`` are streams, never inputs worth protecting, and are skipped.
    """
    wanted: dict[tuple[int, int], Path] = {}
    by_real: dict[str, Path] = {}
    for out in outputs:
        if out is None or str(out) == "-":
            continue
        out = Path(out)
        ident = _identity(out)
        if ident is not None and out.exists() and not out.is_file():
            continue  # a device or FIFO: written to, not replaced
        if ident is not None:
            wanted[ident] = out
        by_real[os.path.realpath(out)] = out
    if not wanted and not by_real:
        return
    for path in _input_files(inputs):
        ident = _identity(path)
        hit = wanted.get(ident) if ident is not None else None
        if hit is None and ident is not None:
            hit = by_real.get(os.path.realpath(path))
        if hit is not None:
            same = "" if os.path.normpath(path) == os.path.normpath(hit) else f" ({path})"
            raise UsageError(f"refusing to overwrite an input file{same}; name a different output", file=str(hit))
