"""duizhao (对照): keeps Chinese–English translations of policy documents honest.

The public API, for code that wants duizhao without its command line::

    from duizhao import CheckRequest, run_check
    outcome = run_check(CheckRequest(paths=(Path("corpus"),), glossary=Path("glossary")))
    for finding in outcome.findings: ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Submodules import __version__ from here, so it is defined before they load. The engines
# behind the API load on first use (``_lazy``): the command line's --help needs none of them.
from ._lazy import lazy_exports
from .errors import (
    DuizhaoError,
    EncodingError,
    FormatError,
    GlossaryError,
    InputError,
    OutputError,
    UsageError,
)
from .model import DocumentInfo, Finding, Glossary, Location, Segment, Severity, Span, Term

if TYPE_CHECKING:
    from .formats import iter_segments, write_segments
    from .glossary import TermMatcher, load_glossary
    from .numbers import compare_pair, extract_en, extract_zh
    from .runner import CheckOutcome, CheckRequest, run_check

__getattr__ = lazy_exports(__name__, globals(), {
    "iter_segments": ".formats", "write_segments": ".formats",
    "TermMatcher": ".glossary", "load_glossary": ".glossary",
    "compare_pair": ".numbers", "extract_en": ".numbers", "extract_zh": ".numbers",
    "CheckOutcome": ".runner", "CheckRequest": ".runner", "run_check": ".runner",
})

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
