"""Finding the project's configuration file: the nearest ``duizhao.toml``, or ``pyproject.toml``
with a ``[tool.duizhao]`` table, from a directory upwards.

Low in the layers so that both the configuration (``config``) and the naming of files in
baselines and reports (``baseline.normalise_path``, relative to the project's root) can use it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from .errors import UsageError


def find_config(start: Path | None = None) -> Path | None:
    """The nearest duizhao.toml, or pyproject.toml with ``[tool.duizhao]``, from ``start`` upwards."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "duizhao.toml"
        if candidate.is_file():
            return candidate
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_duizhao_table(pyproject):
            return pyproject
    return None


def _has_duizhao_table(pyproject: Path) -> bool:
    # A pyproject.toml without [tool.duizhao] is some other project's file and is passed over;
    # one that cannot be read or parsed (broken TOML, UTF-16) is an error, as with --config:
    # it may well hold the [tool.duizhao] table, and checking without it would be silent.
    tool = read_toml(pyproject).get("tool")
    return isinstance(tool, dict) and "duizhao" in tool


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"invalid TOML: {exc}", file=str(path)) from None
    except UnicodeError:
        raise UsageError("cannot decode as UTF-8 (TOML files must be UTF-8)", file=str(path)) from None
    except OSError as exc:
        raise UsageError(f"cannot read: {exc.strerror}", file=str(path)) from None
