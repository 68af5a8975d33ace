"""``pattern-violated``: the project's own checklist, as Xbench checklists are.

Each pattern is a Chinese regex (optional: without one the pattern applies to every pair), an
English regex, whether the English ``must`` or ``must-not`` match it when the Chinese does, a
severity and a message. In pyproject.toml (or duizhao.toml)::

    [[tool.duizhao.patterns]]
    zh = "人民币"
    en = "\\\\byuan\\\\b"
    expect = "must"                 # must | must-not
    severity = "error"              # error | warning | info (default warning)
    message = "人民币 is rendered 'yuan'"

    [[tool.duizhao.patterns]]
    en = "\\\\bthe CPC\\\\b.*\\\\bCommunist Party\\\\b"
    expect = "must-not"
    message = "spell the Party out first, then CPC"

or in checklist files named by ``checklists = ["qa/checklist.yaml"]``, holding the same keys::

    patterns:
      - {zh: 人民币, en: '\\bRMB\\b', expect: must-not, message: "人民币 is 'yuan', never 'RMB'"}

Regexes are Python ``re`` syntax; English ones match case-insensitively unless ``case = true``.
A bad regex or key is a usage error naming the file and the pattern, never a silent skip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..errors import UsageError
from ..model import Finding, Severity, Span
from .base import PairContext, PairRule

PATTERN_KEYS = frozenset({"name", "zh", "en", "expect", "severity", "message", "case"})
EXPECT = ("must", "must-not")


@dataclass(frozen=True)
class Pattern:
    """One checklist entry: when ``zh`` matches the Chinese (or is None), ``en`` must (not) match."""

    en: re.Pattern[str]
    must: bool
    zh: re.Pattern[str] | None = None
    severity: Severity = Severity.WARNING
    message: str = ""
    name: str = ""

    def violation(self, zh: str, en: str) -> tuple[re.Match[str] | None, re.Match[str] | None] | None:
        """``(zh match, en match)`` when the pair breaks this pattern, else None."""
        zh_match = None
        if self.zh is not None:
            zh_match = self.zh.search(zh)
            if zh_match is None:
                return None
        en_match = self.en.search(en)
        if self.must and en_match is None:
            return zh_match, None
        if not self.must and en_match is not None:
            return zh_match, en_match
        return None

    def describe(self) -> str:
        when = f"when the Chinese has /{self.zh.pattern}/, " if self.zh is not None else ""
        return f"{when}the English {'must' if self.must else 'must not'} match /{self.en.pattern}/"


def parse_patterns(entries: Any, where: str, what: str = "patterns") -> tuple[Pattern, ...]:
    """Validate a list of pattern tables (from TOML or YAML) into ``Pattern``s; errors name ``where``."""
    if not isinstance(entries, list):
        raise UsageError(f"'{what}' must be a list of pattern tables", file=where)
    out = []
    for number, entry in enumerate(entries, start=1):
        label = f"{what} #{number}"
        if not isinstance(entry, Mapping):
            raise UsageError(f"{label} must be a table with zh, en, expect, severity, message", file=where)
        label = f"{what} #{number}" + (f" ({entry['name']})" if isinstance(entry.get("name"), str) else "")
        unknown = sorted(set(entry) - PATTERN_KEYS)
        if unknown:
            raise UsageError(f"{label}: unknown key {unknown[0]!r} (known: {', '.join(sorted(PATTERN_KEYS))})",
                             file=where)
        for key in ("zh", "en", "message", "name"):
            if key in entry and not isinstance(entry[key], str):
                raise UsageError(f"{label}: {key!r} must be a string", file=where)
        if not entry.get("en"):
            raise UsageError(f"{label}: 'en' (the English regex) is required", file=where)
        expect = entry.get("expect")
        if expect not in EXPECT:
            raise UsageError(f"{label}: 'expect' must be must or must-not, not {expect!r}", file=where)
        severity = entry.get("severity", "warning")
        if severity not in ("error", "warning", "info"):
            raise UsageError(f"{label}: severity must be error, warning or info, not {severity!r}", file=where)
        case = entry.get("case", False)
        if not isinstance(case, bool):
            raise UsageError(f"{label}: 'case' must be true or false", file=where)
        out.append(Pattern(
            en=_compile(entry["en"], 0 if case else re.IGNORECASE, label, where),
            must=expect == "must",
            zh=_compile(entry["zh"], 0, label, where) if entry.get("zh") else None,
            severity=Severity(severity),
            message=entry.get("message", ""),
            name=entry.get("name", ""),
        ))
    return tuple(out)


def _compile(expression: str, flags: int, label: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(expression, flags)
    except re.error as exc:
        raise UsageError(f"{label}: bad regex {expression!r}: {exc}", file=where) from None


def load_checklist(path: Path) -> tuple[Pattern, ...]:
    """The patterns of a checklist file (YAML, top-level ``patterns:``)."""
    from ..yamlio import compose, to_python

    where = str(path)
    if not path.is_file():
        raise UsageError("checklist file not found", file=where)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError("cannot decode as UTF-8", file=where) from None
    except OSError as exc:
        raise UsageError(f"cannot read: {exc.strerror}", file=where) from None
    node = compose(text, where)
    data = to_python(node, where) if node is not None else None
    if not isinstance(data, Mapping) or "patterns" not in data:
        raise UsageError("a checklist file needs a top-level 'patterns:' list", file=where)
    return parse_patterns(data["patterns"], where)


class PatternViolated(PairRule):
    id: ClassVar[str] = "pattern-violated"
    text_only: ClassVar[bool] = True
    default_severity: ClassVar[Severity] = Severity.WARNING
    summary: ClassVar[str] = ("The pair breaks one of the project's own patterns ([[tool.duizhao.patterns]] or a "
                              "checklist file): the English must, or must not, match a regex when the Chinese does.")
    why: ClassVar[str] = ("House style lives in checklists (人民币 is \"yuan\", never \"RMB\"; spell out the Communist "
                          "Party of China before \"CPC\"). Each pattern carries its own severity and message; setting "
                          "this rule's severity in [tool.duizhao.severity] overrides them all.")
    example: ClassVar[str] = ("人民币100元 → RMB 100: \"人民币 is 'yuan', never 'RMB' "
                              "(when the Chinese has /人民币/, the English must not match /\\bRMB\\b/)\"")

    def __init__(self, severity: Severity | None = None, patterns: Sequence[Pattern] = ()) -> None:
        super().__init__(severity)
        self.forced = severity is not None
        self.patterns = tuple(patterns)

    def check(self, ctx: PairContext) -> Iterable[Finding]:
        seg = ctx.segment
        for pattern in self.patterns:
            found = pattern.violation(seg.zh, seg.en)
            if found is None:
                continue
            zh_match, en_match = found
            spans = []
            if zh_match is not None:
                spans.append(Span("zh", *zh_match.span()))
            if en_match is not None:
                spans.append(Span("en", *en_match.span()))
            rule = pattern.describe()
            message = f"{pattern.message} ({rule})" if pattern.message else rule
            yield self.finding(ctx, message, spans=spans, severity=None if self.forced else pattern.severity,
                               data={"pattern": pattern.name or pattern.en.pattern})
