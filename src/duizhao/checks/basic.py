"""Rules that need nothing but the pair itself."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from ..model import Finding, Severity, Span
from .base import PairContext, PairRule

# CJK ideographs (incl. extension A and compatibility) and CJK punctuation that has no place
# in English text; full-width digits and letters are left to the number and style checks.
_CJK = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"  # ideographs
    r"\u3001\u3002\u300a-\u300f\uff0c\uff1b\uff1a]+"  # 、。《》「」『』，；：
)


class EmptyTarget(PairRule):
    id: ClassVar[str] = "empty-target"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = "One side of the pair has text and the other is empty (zh→en and en→zh alike)."
    why: ClassVar[str] = "An untranslated segment ships as a blank line in the published text."
    example: ClassVar[str] = "新春贺词 → (empty): 'English is empty'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        zh, en = seg.zh.strip(), seg.en.strip()
        if zh and not en:
            yield self.finding(ctx, "the English is empty but the Chinese is not")
        elif en and not zh:  # an en→zh file's untranslated Chinese target
            yield self.finding(ctx, "the Chinese is empty but the English is not")


class LeftoverCjk(PairRule):
    id: ClassVar[str] = "leftover-cjk"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = "Chinese characters or Chinese punctuation left in the English."
    why: ClassVar[str] = (
        "Untranslated fragments and full-width punctuation are the most visible slips in a published translation."
    )
    example: ClassVar[str] = "云中声谷 → the 云中声谷 brand: 'Chinese text left in the English: 云中声谷'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        en = ctx.segment.en
        if en.isascii() or not _CJK.search(en):  # the usual case, without building a list per pair
            return
        matches = list(_CJK.finditer(en))
        if matches:
            shown = ", ".join(dict.fromkeys(m.group() for m in matches))
            yield self.finding(
                ctx,
                f"Chinese text left in the English: {shown}",
                spans=[Span("en", m.start(), m.end()) for m in matches],
            )
