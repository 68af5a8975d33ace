"""Figures that must survive translation: a magnitude-aware zh/en quantity engine.

``extract_zh`` and ``extract_en`` turn text into ``Quantity`` records (exact values, kind,
unit, span, hedge); ``compare_pair`` matches them and returns ``NumberIssue`` records, each
carrying the id of the rule that reports it (``number-mismatch``, ``number-approx``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports
from .model import NumberIssue, Quantity, format_number

if TYPE_CHECKING:
    from .compare import compare, compare_pair
    from .en import extract_en, parse_words
    from .zh import extract_zh, parse_cn

# the extractors compile large patterns: they load on first use, not with the rule list
__getattr__ = lazy_exports(__name__, globals(), {
    "compare": ".compare", "compare_pair": ".compare", "extract_en": ".en", "parse_words": ".en",
    "extract_zh": ".zh", "parse_cn": ".zh",
})

__all__ = [
    "NumberIssue",
    "Quantity",
    "compare",
    "compare_pair",
    "extract_en",
    "extract_zh",
    "format_number",
    "parse_cn",
    "parse_words",
]
