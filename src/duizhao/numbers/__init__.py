"""Figures that must survive translation: a magnitude-aware zh/en quantity engine.

``extract_zh`` and ``extract_en`` turn text into ``Quantity`` records (exact values, kind,
unit, span, hedge); ``compare_pair`` matches them and returns ``NumberIssue`` records, each
carrying the id of the rule that reports it (``number-mismatch``, ``number-approx``).
"""

from __future__ import annotations

from .compare import compare, compare_pair
from .en import extract_en, parse_words
from .model import NumberIssue, Quantity, format_number
from .zh import extract_zh, parse_cn

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
