"""Inline codes of CAT-tool segments (XLIFF ``g``, ``x``, ``ph``, ``bpt/ept``, ``pc``, ``sc/ec``) by position.

Readers keep codes out of a segment's text, so that every rule sees the words and figures
the translator sees, and record each side's codes in ``Segment.props`` (``codes.zh`` and
``codes.en``) as one string; ``tag-mismatch`` decodes and compares them, and a finding's
span (an offset into the text) maps back into the file through them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Code:
    """One inline code of a side: ``kind`` is ``<`` (opens), ``>`` (closes) or ``|`` (standalone)."""

    kind: str
    key: str  # element and id, e.g. "g:1"; an opening and its closing share it
    offset: int  # position in the side's text


def encode_codes(codes: tuple[Code, ...]) -> str:
    """Codes as one string for ``Segment.props`` (``<g:1@3 >g:1@5 |x:2@7``)."""
    return " ".join(f"{c.kind}{c.key}@{c.offset}" for c in codes)


def decode_codes(text: str) -> tuple[Code, ...]:
    """The inverse of ``encode_codes``."""
    out = []
    for token in text.split():
        key, _, offset = token[1:].rpartition("@")
        out.append(Code(token[0], key, int(offset)))
    return tuple(out)
