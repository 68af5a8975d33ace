"""Report formats: one formatter class per output, one name → class registry.

The registry names each format's module and class; a format's module (and what it needs:
lxml for JUnit, rich for a terminal, openpyxl for XLSX) is imported when that format is
chosen, not with the package, so a check that writes JSON loads no HTML or XML writer.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from .base import Formatter, RunInfo, render

#: format name → (module under ``report``, formatter class), in the order ``--help`` lists them
REGISTRY: dict[str, tuple[str, str]] = {
    "text": ("text", "TextFormatter"),
    "json": ("json", "JsonFormatter"),
    "sarif": ("sarif", "SarifFormatter"),
    "junit": ("junit", "JunitFormatter"),
    "github": ("github", "GithubFormatter"),
    "html": ("html", "HtmlFormatter"),
    "codequality": ("codequality", "CodeQualityFormatter"),
    "markdown": ("markdown", "MarkdownFormatter"),
    "xlsx": ("sheet", "XlsxFormatter"),
    "csv": ("sheet", "CsvFormatter"),
}


def formatter_class(name: str) -> type[Formatter]:
    """The formatter for ``name``; an unknown name is a usage error, not a fallback."""
    try:
        module, class_name = REGISTRY[name]
    except KeyError:
        raise UsageError(f"unknown report format {name!r} (known: {', '.join(REGISTRY)})") from None
    cls: type[Formatter] = vars(import_module(f".{module}", __name__))[class_name]
    return cls


def __getattr__(name: str) -> Any:
    """``FORMATTERS``: every format's class by name (imports them all; for docs and tests)."""
    if name == "FORMATTERS":
        return {format_name: formatter_class(format_name) for format_name in REGISTRY}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if TYPE_CHECKING:
    FORMATTERS: dict[str, type[Formatter]]

__all__ = ["FORMATTERS", "REGISTRY", "Formatter", "RunInfo", "formatter_class", "render"]
