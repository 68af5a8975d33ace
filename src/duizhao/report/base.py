"""The lifecycle every report format shares: ``start`` → ``handle`` each finding → ``finish``.

Formatters never decide exit codes or filter findings; they render what the engine found.
What they may need beyond the findings travels in ``RunInfo``:

* ``rules``: the rule objects that ran, with their configured severities (SARIF's
  ``tool.driver.rules``, the HTML legend);
* ``pairs``: for a format that draws pairs (``Formatter.needs_pairs``), every checked pair's
  ``PairView`` in input order: texts, place, glossary terms and figures, recorded during the
  check (``pairviews``), so no report reads the inputs again or runs the glossary matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any, ClassVar

from ..model import Finding

if TYPE_CHECKING:
    from ..checks.base import Rule
    from ..pairviews import PairView

SegmentKey = tuple[str, str]  # (file, segment id)

# C0 controls (tab too: a report line is one line), DEL and C1 controls: a terminal acts on
# them (ESC starts colour, title and screen-clearing sequences; CR and BS overwrite the line),
# and XML 1.0 cannot hold most of them at all.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# what XML 1.0 cannot hold even as a character reference (tab, LF, CR are allowed; so is C1)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b``-style escapes, safe to print to a terminal."""
    return _CONTROL.sub(_escaped, text) if _CONTROL.search(text) else text


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def printable_same_length(text: str) -> str:
    """``text`` with each control character replaced by one visible character (␛ for ESC), so
    character offsets into it (highlighted spans) stay where they were."""
    return _CONTROL.sub(_picture, text) if _CONTROL.search(text) else text


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold shown as ``\\x01``-style escapes."""
    return _NOT_XML.sub(_escaped, text) if _NOT_XML.search(text) else text


@dataclass(frozen=True)
class RunInfo:
    """What a report says about the run itself (for reproducibility) and what it may look up."""

    version: str
    signature: str
    glossary_hash: str = ""
    glossary_terms: int = 0
    inputs: tuple[str, ...] = ()
    files: tuple[str, ...] = ()  # every file checked, in order (clean ones too)
    # The CI environment a report may link to (GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_SHA),
    # handed over by the caller: library code never reads os.environ itself.
    environment: Mapping[str, str] = field(default_factory=dict)
    rules: Sequence[Rule] = ()
    #: every checked pair's view, in input order, iterable more than once; None when the run
    #: did not record them (the format does not draw pairs, or the caller has none)
    pairs: Iterable[PairView] | None = None


class Formatter:
    """Base formatter: collects findings; subclasses render them in ``finish``.

    Findings are rendered in the order they are handed over: ``run_check`` sorts them once
    (``Finding.sort_key``: file, line, segment, rule, message) and every format keeps that order.
    """

    name: ClassVar[str]
    description: ClassVar[str] = ""
    #: True for a format written as bytes (XLSX): ``out`` is then a binary stream
    binary: ClassVar[bool] = False
    #: True for a format that draws the pairs themselves (texts, terms, figures): the run then
    #: records every pair's view for it (``RunInfo.pairs``); the others cost nothing
    draws_pairs: ClassVar[bool] = False

    def __init__(self, out: IO[str], run: RunInfo, *, color: bool = False) -> None:
        self.out = out
        self.run = run
        self.color = color
        self.findings: list[Finding] = []

    @classmethod
    def needs_pairs(cls, *, color: bool = False) -> bool:
        """Whether this format, written with ``color`` or not, needs ``RunInfo.pairs``: the
        caller asks before the run (``CheckRequest.pair_views``)."""
        return cls.draws_pairs

    def start(self) -> None:
        """Called once before any finding."""

    def handle(self, finding: Finding) -> None:
        self.findings.append(finding)

    def finish(self, summary: dict[str, Any]) -> None:
        raise NotImplementedError

    def rules(self) -> list[Rule]:
        """The rules that ran, or (when the caller did not say) every rule that has a finding,
        at its default severity."""
        if self.run.rules:
            return list(self.run.rules)
        from ..checks import RULES

        seen = dict.fromkeys(f.rule for f in self.findings)
        return [RULES[r]() for r in seen if r in RULES]


def render(formatter: Formatter, findings: Iterable[Finding], summary: dict[str, Any]) -> None:
    """Drive ``formatter`` through its whole lifecycle; ``findings`` in report order (``Finding.sort_key``)."""
    formatter.start()
    for finding in findings:
        formatter.handle(finding)
    formatter.finish(summary)
