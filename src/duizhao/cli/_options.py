"""Command-line options that several commands share, declared once (typer ``Annotated`` types).

Only typer and ``pathlib`` here: commands import this at module level, and ``duizhao --help``
must not load the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

GlossaryOption = Annotated[Path | None, typer.Option(
    "--glossary", "-g", help="Glossary file or directory (default: ./glossary).",
)]
SelectOption = Annotated[list[str] | None, typer.Option(
    "--select", help="Run only these rules (repeatable; comma lists ok).",
)]
IgnoreOption = Annotated[list[str] | None, typer.Option(
    "--ignore", help="Do not run these rules (repeatable; comma lists ok).",
)]
FailOnOption = Annotated[str | None, typer.Option(
    "--fail-on", help="Exit 1 when a finding is at or above: error (default), warning, info, never.",
)]
ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="Configuration file (default: nearest duizhao.toml, or pyproject.toml with \\[tool.duizhao]).",
)]
StatusOption = Annotated[list[str] | None, typer.Option(
    "--status", help="XLIFF: check only segments of these statuses (new, draft, translated, reviewed,"
                     " signed-off, rejected; repeatable, comma lists ok). Locked segments are never checked.",
)]
InputFormatOption = Annotated[str | None, typer.Option(
    "--from", help="Input format (tsv, yaml, tmx, xliff, ...) instead of by extension and content.",
)]
MemoryLimitOption = Annotated[str | None, typer.Option(
    "--memory-limit", help="Memory the corpus-wide rules (consistency) may hold before they spill sorted state"
                           " to a private temporary directory: 500M, 2G, none (default 1G). Findings are the same.",
)]
EncodingOption = Annotated[str | None, typer.Option(
    "--encoding", help="Input encoding when it is not UTF-8/UTF-16 with BOM (e.g. gb18030).",
)]
