"""Rules for what CAT-tool files carry besides the text: inline codes, and targets left as the source."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import ClassVar

from ..inline import Code, decode_codes
from ..model import Finding, Severity, Span
from .base import PairContext, PairRule

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_WORD = re.compile(r"[A-Za-z]{2,}")


def _nesting(codes: tuple[Code, ...]) -> dict[str, str]:
    """For each paired code, the paired code it sits in ("" at the top)."""
    stack: list[str] = []
    parent: dict[str, str] = {}
    for code in codes:
        if code.kind == "<":
            parent.setdefault(code.key, stack[-1] if stack else "")
            stack.append(code.key)
        elif code.kind == ">" and code.key in stack:
            while stack and stack.pop() != code.key:
                pass
    return parent


def _shown(key: str) -> str:
    name, _, ident = key.partition(":")
    return f"<{name} id={ident}>"


class TagMismatch(PairRule):
    id: ClassVar[str] = "tag-mismatch"
    default_severity: ClassVar[Severity] = Severity.ERROR
    only_if: ClassVar[str | None] = "props"
    summary: ClassVar[str] = (
        "An inline code (XLIFF g, x, ph, bpt/ept, pc, sc/ec) is on one side only, repeated, or nested differently."
    )
    why: ClassVar[str] = (
        "A lost or doubled code breaks the formatting, link or field it stands for when the CAT tool writes the"
        " translated document back."
    )
    example: ClassVar[str] = "<g id=1>国务院</g>令 → State Council Decree: 'code <g id=1> is missing in the English'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        source = seg.props.get("xliff.source")
        if source is None or "codes.zh" not in seg.props:
            return
        target = "en" if source == "zh" else "zh"
        if not (seg.en if target == "en" else seg.zh).strip():
            return  # an empty target is empty-target's finding, not a code problem
        src_codes = decode_codes(seg.props.get(f"codes.{source}", ""))
        tgt_codes = decode_codes(seg.props.get(f"codes.{target}", ""))
        names = {"zh": "Chinese", "en": "English"}
        src_count = Counter((c.kind, c.key) for c in src_codes)
        tgt_count = Counter((c.kind, c.key) for c in tgt_codes)
        problems: list[tuple[str, Span | None]] = []
        for kind, key in src_count:
            if kind == ">":
                continue
            if tgt_count[(kind, key)] == 0:
                problems.append((f"code {_shown(key)} is missing in the {names[target]}", None))
        for (kind, key), n in tgt_count.items():
            if kind == ">":
                continue
            at = next(c.offset for c in tgt_codes if (c.kind, c.key) == (kind, key))
            if src_count[(kind, key)] == 0:
                problems.append((f"code {_shown(key)} is in the {names[target]} only", Span(target, at, at)))
            elif n > src_count[(kind, key)]:
                problems.append((f"code {_shown(key)} appears {n} times in the {names[target]},"
                                 f" {src_count[(kind, key)]} in the {names[source]}", Span(target, at, at)))
        src_nest, tgt_nest = _nesting(src_codes), _nesting(tgt_codes)
        for key, outer in tgt_nest.items():
            if key in src_nest and src_nest[key] != outer:
                where = f"inside {_shown(outer)}" if outer else "at the top level"
                problems.append((f"code {_shown(key)} is nested {where} in the {names[target]}, not as in the"
                                 f" {names[source]}", None))
        for message, span in problems:
            yield self.finding(ctx, message, spans=[span] if span else [])


class TargetUntranslated(PairRule):
    id: ClassVar[str] = "target-untranslated"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.ERROR
    summary: ClassVar[str] = "The target is a copy of the source text (Chinese or English left untranslated)."
    why: ClassVar[str] = (
        "CAT tools copy the source into the target to start a segment; a copy left in place ships untranslated."
    )
    example: ClassVar[str] = "Press release → Press release (en→zh): 'the target is a copy of the source'"

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        zh, en = ctx.segment.zh.strip(), ctx.segment.en.strip()
        if not zh or zh != en:
            return
        if _CJK.search(zh) or len(_WORD.findall(zh)) >= 3:  # not a code, figure, name or acronym
            yield self.finding(ctx, "the target is a copy of the source: left untranslated")
