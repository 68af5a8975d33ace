"""Build the ``RunInfo`` a report needs from a finished check run."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .base import RunInfo


def run_info_for(outcome: Any, request: Any, version: str, environment: Mapping[str, str] | None = None) -> RunInfo:
    """What the formatters may use besides the findings: rules, files, matcher, a way to re-read.

    ``outcome`` is a ``runner.CheckOutcome`` and ``request`` its ``CheckRequest``. Re-reading
    is lazy: only the HTML report (and the text report on a terminal) stream the inputs again.
    """
    from ..formats import expand_paths, iter_segments

    inputs = [Path(p) for p in outcome.inputs]

    def reread():
        return iter_segments(inputs, encoding=request.encoding, format_name=request.input_format)

    return RunInfo(
        version=version,
        signature=outcome.signature,
        glossary_hash=outcome.glossary_hash,
        glossary_terms=outcome.glossary_terms,
        inputs=outcome.inputs,
        files=tuple(str(p) for p in expand_paths(inputs)),
        rules=tuple(getattr(outcome, "rules", ())),
        reread=reread,
        matcher=getattr(outcome, "matcher", None),
        environment=dict(environment or {}),
    )
