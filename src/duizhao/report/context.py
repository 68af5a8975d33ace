"""Build the ``RunInfo`` a report needs from a finished check run."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .base import RunInfo

if TYPE_CHECKING:
    from ..runner import CheckOutcome, CheckRequest


def run_info_for(outcome: CheckOutcome, request: CheckRequest, version: str,
                 environment: Mapping[str, str] | None = None) -> RunInfo:
    """What the formatters may use besides the findings: rules, files, and the pair views the
    run recorded when the report draws pairs (``CheckRequest.pair_views``)."""
    from ..formats import expand_paths

    inputs = [Path(p) for p in outcome.inputs]
    return RunInfo(
        version=version,
        signature=outcome.signature,
        glossary_hash=outcome.glossary_hash,
        glossary_terms=outcome.glossary_terms,
        inputs=outcome.inputs,
        files=tuple(str(p) for p in expand_paths(inputs)),
        rules=outcome.rules,
        pairs=outcome.views,
        environment=dict(environment or {}),
    )
