"""Plain text for people: grouped by file, one finding per line, then a summary line.

On a terminal (``color=True``) the severity is coloured and, when the finding marks spans, the
offending text is shown under the finding with the spans highlighted (rich), taken from the
pair views the run recorded (``needs_pairs``). Piped or written to a file, the output is plain
and stable, and the run records nothing for it.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any, ClassVar

from ..model import Finding
from .base import Formatter, printable, printable_same_length

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_CONTEXT = 40  # characters of context shown either side of a highlighted span


def finding_line(finding: Finding) -> str:
    """``file:line:col: severity rule-id [segment] message`` — the format editors can jump to.

    The column is there when the reader knew it (YAML, TSV), so ``file:line:col`` opens the
    editor on the character; otherwise ``file:line``. Control characters from the inputs (an
    ESC in a segment id or text) are shown escaped, never passed to the terminal.
    """
    loc = finding.location
    where = f"{loc.file}:{loc.line}:{loc.column}" if loc.column else f"{loc.file}:{loc.line}"
    return printable(f"{where}: {finding.severity.value} {finding.rule} [{loc.segment}] {finding.message}")


def summary_line(summary: dict[str, Any]) -> str:
    return (
        f"{summary['segments']} segments in {summary['files']} file(s): "
        f"{summary['errors']} error(s), {summary['warnings']} warning(s), {summary['infos']} info"
        + (f", {summary['suppressed']} suppressed" if summary.get("suppressed") else "")
    )


def baseline_lines(summary: dict[str, Any]) -> list[str]:
    """What the baseline hid and which of its entries no longer match anything."""
    baseline = summary.get("baseline")
    if not baseline:
        return []
    lines = [f"baseline {baseline['file']}: {baseline['known']} known finding(s) not reported, "
             f"{baseline['stale']} stale entr{'y' if baseline['stale'] == 1 else 'ies'}"]
    for entry in baseline.get("stale_entries", ()):
        lines.append(f"  stale: {entry['file']} [{entry['segment']}] {entry['rule']}: {entry['message']}")
    return [printable(line) for line in lines]


def excerpt(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]], int]:
    """The part of ``text`` around ``spans`` (at most ``_CONTEXT`` characters either side).

    Returns the excerpt, the spans shifted into it, and the offset it starts at.
    """
    lo = max(0, min(s for s, _ in spans) - _CONTEXT)
    hi = min(len(text), max(e for _, e in spans) + _CONTEXT)
    return text[lo:hi], [(s - lo, e - lo) for s, e in spans], lo


class TextFormatter(Formatter):
    name: ClassVar[str] = "text"
    description: ClassVar[str] = "one line per finding, grouped by file (highlighted on a terminal)"

    @classmethod
    def needs_pairs(cls, *, color: bool = False) -> bool:
        return color  # the excerpts under each finding, on a terminal only

    def finish(self, summary: dict[str, Any]) -> None:
        if self.color:
            self._finish_rich(summary)
            return
        write = self.out.write
        for file, group in groupby(self.findings, key=lambda f: f.location.file):
            write(f"{printable(file)}\n")
            for finding in group:
                write(f"  {finding_line(finding)}\n")
        for line in baseline_lines(summary):
            write(line + "\n")
        write(summary_line(summary) + "\n")

    def _finish_rich(self, summary: dict[str, Any]) -> None:
        from rich.console import Console
        from rich.text import Text

        console = Console(file=self.out, force_terminal=True, highlight=False, soft_wrap=True)
        self._texts = self._segment_texts()
        for file, group in groupby(self.findings, key=lambda f: f.location.file):
            console.print(Text(printable(file), style="bold underline"))
            for finding in group:
                loc = finding.location
                line = Text("  ")
                line.append(printable(f"{loc.file}:{loc.line}: "), style="dim")
                line.append(finding.severity.value, style=_SEVERITY_STYLE.get(finding.severity.value, ""))
                line.append(f" {finding.rule} ", style="bold")
                line.append(printable(f"[{loc.segment}] "), style="dim")
                line.append(printable(finding.message))
                console.print(line)
                for shown in self._highlighted(finding, Text):
                    console.print(shown)
        for text in baseline_lines(summary):
            console.print(Text(text, style="dim"))
        errors = summary.get("errors", 0)
        console.print(Text(summary_line(summary), style="bold red" if errors else "bold green"))

    def _segment_texts(self) -> dict[tuple[str, str], tuple[str, str]]:
        """zh/en of the segments whose findings mark spans, from the run's pair views."""
        wanted = {(f.location.file, f.location.segment) for f in self.findings if f.spans}
        if not wanted or self.run.pairs is None:
            return {}
        return {view.key: (view.zh, view.en) for view in self.run.pairs if view.key in wanted}

    def _highlighted(self, finding: Finding, text_cls: type) -> list[Any]:
        """One excerpt per side the finding's spans point into, spans in reverse video."""
        texts = self._texts.get((finding.location.file, finding.location.segment))
        if not texts or not finding.spans:
            return []
        shown = []
        for side, source in (("zh", texts[0]), ("en", texts[1])):
            spans = [(s.start, s.end) for s in finding.spans if s.side == side and 0 <= s.start < s.end <= len(source)]
            if not spans:
                continue
            part, shifted, offset = excerpt(source, spans)
            text = text_cls(f"      {side}: " + ("…" if offset else ""))
            base = len(text.plain)
            text.append(printable_same_length(part) + ("…" if offset + len(part) < len(source) else ""))
            for start, end in shifted:
                text.stylize("reverse bold", base + start, base + end)
            shown.append(text)
        return shown
