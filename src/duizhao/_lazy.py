"""Lazy re-exports for package ``__init__`` modules (PEP 562).

A package re-exports its public names explicitly, but importing the package must not load
every engine behind them: ``duizhao --help`` and ``duizhao rules`` need none of them. Each
name is imported from its module on first use, then kept in the package's namespace.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_exports(package: str, namespace: dict[str, Any], exports: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``exports`` maps a name to the (relative)
    module that defines it; the value is stored in ``namespace`` once looked up."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        namespace[name] = value
        return value

    return __getattr__
