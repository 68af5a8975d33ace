"""Build the ``RunInfo`` a report needs from a finished check run."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .base import RunInfo

if TYPE_CHECKING:
    from ..model import Segment
    from ..runner import CheckOutcome, CheckRequest


def run_info_for(outcome: CheckOutcome, request: CheckRequest, version: str,
                 environment: Mapping[str, str] | None = None) -> RunInfo:
    """What the formatters may use besides the findings: rules, files, matcher, a way to re-read.

    Re-reading is lazy: only the HTML report (and the text report on a terminal) stream the
    inputs again.
    """
    from ..formats import expand_paths, iter_segments

    inputs = [Path(p) for p in outcome.inputs]

    def reread() -> Iterator[Segment]:
        return iter_segments(inputs, encoding=request.encoding, format_name=request.input_format)

    return RunInfo(
        version=version,
        signature=outcome.signature,
        glossary_hash=outcome.glossary_hash,
        glossary_terms=outcome.glossary_terms,
        inputs=outcome.inputs,
        files=tuple(str(p) for p in expand_paths(inputs)),
        rules=outcome.rules,
        reread=reread,
        matcher=outcome.matcher,
        environment=dict(environment or {}),
    )
