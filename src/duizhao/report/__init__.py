"""Report formats: one formatter class per output, one name → class registry."""

from __future__ import annotations

from ..errors import UsageError
from .base import Formatter, RunInfo, render
from .codequality import CodeQualityFormatter
from .github import GithubFormatter
from .html import HtmlFormatter
from .json import JsonFormatter
from .junit import JunitFormatter
from .markdown import MarkdownFormatter
from .sarif import SarifFormatter
from .sheet import CsvFormatter, XlsxFormatter
from .text import TextFormatter

FORMATTERS: dict[str, type[Formatter]] = {
    TextFormatter.name: TextFormatter,
    JsonFormatter.name: JsonFormatter,
    SarifFormatter.name: SarifFormatter,
    JunitFormatter.name: JunitFormatter,
    GithubFormatter.name: GithubFormatter,
    HtmlFormatter.name: HtmlFormatter,
    CodeQualityFormatter.name: CodeQualityFormatter,
    MarkdownFormatter.name: MarkdownFormatter,
    XlsxFormatter.name: XlsxFormatter,
    CsvFormatter.name: CsvFormatter,
}


def formatter_class(name: str) -> type[Formatter]:
    """The formatter for ``name``; an unknown name is a usage error, not a fallback."""
    try:
        return FORMATTERS[name]
    except KeyError:
        raise UsageError(f"unknown report format {name!r} (known: {', '.join(FORMATTERS)})") from None


__all__ = ["FORMATTERS", "Formatter", "RunInfo", "formatter_class", "render"]
