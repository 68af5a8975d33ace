"""Report formats: one formatter class per output, one name → class registry."""

from __future__ import annotations

from ..errors import UsageError
from .base import Formatter, RunInfo
from .json import JsonFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    TextFormatter.name: TextFormatter,
    JsonFormatter.name: JsonFormatter,
}


def formatter_class(name: str) -> type[Formatter]:
    """The formatter for ``name``; an unknown name is a usage error, not a fallback."""
    try:
        return FORMATTERS[name]
    except KeyError:
        raise UsageError(f"unknown report format {name!r} (known: {', '.join(FORMATTERS)})") from None


__all__ = ["FORMATTERS", "Formatter", "RunInfo", "formatter_class"]
