"""duizhao (对照): keeps Chinese–English translations of policy documents honest.

The public API, for code that wants duizhao without its command line::

    from duizhao import CheckRequest, run_check
    outcome = run_check(CheckRequest(paths=(Path("corpus"),), glossary=Path("glossary")))
    for finding in outcome.findings: ...
"""

from __future__ import annotations

__version__ = "0.1.0"

# Submodules import __version__ from here, so it is defined before they load.
from .errors import (
    DuizhaoError,
    EncodingError,
    FormatError,
    GlossaryError,
    InputError,
    OutputError,
    UsageError,
)
from .formats import iter_segments, write_segments
from .glossary import Glossary, TermMatcher, load_glossary
from .model import DocumentInfo, Finding, Location, Segment, Severity, Span, Term
from .numbers import compare_pair, extract_en, extract_zh
from .runner import CheckOutcome, CheckRequest, run_check

__all__ = [
    "CheckOutcome",
    "CheckRequest",
    "DocumentInfo",
    "DuizhaoError",
    "EncodingError",
    "Finding",
    "FormatError",
    "Glossary",
    "GlossaryError",
    "InputError",
    "Location",
    "OutputError",
    "Segment",
    "Severity",
    "Span",
    "Term",
    "TermMatcher",
    "UsageError",
    "__version__",
    "compare_pair",
    "extract_en",
    "extract_zh",
    "iter_segments",
    "load_glossary",
    "run_check",
    "write_segments",
]
