"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

    ::error file=corpus/a.yaml,line=12,col=9,endColumn=25,title=term-forbidden [s003]::message

``line`` and ``col`` are the span the finding is about in the file as written (the English a
translator changed), so the annotation lands on the changed line of a pull request.

Values are escaped the way the Actions runner unescapes them (``%``, CR and LF everywhere;
``:`` and ``,`` inside properties too; other control characters as ``\\x1b``), so a message
with a colon or a newline cannot break the command. The summary ends the output as an ordinary log line.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..model import Finding, Severity
from .base import Formatter, printable
from .text import summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    # other control characters (an ESC from a segment id) would reach the log viewer raw
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    loc = finding.location
    props = [f"file={escape_property(loc.file)}"]
    if loc.line >= 1:
        props.append(f"line={loc.line}")
        if loc.end_line > loc.line:
            props.append(f"endLine={loc.end_line}")
        elif loc.column:  # GitHub reads col/endColumn only on a one-line annotation
            props.append(f"col={loc.column}")
            if loc.end_column > loc.column:
                props.append(f"endColumn={loc.end_column}")
    title = f"{finding.rule} [{loc.segment}]" if loc.segment else finding.rule
    props.append(f"title={escape_property(title)}")
    return f"::{COMMANDS[finding.severity]} {','.join(props)}::{escape_data(finding.message)}"


class GithubFormatter(Formatter):
    name: ClassVar[str] = "github"
    description: ClassVar[str] = "GitHub Actions annotations (::error file=…,line=…::message)"

    def finish(self, summary: dict[str, Any]) -> None:
        for finding in self.findings:
            self.out.write(command(finding) + "\n")
        self.out.write(summary_line(summary) + "\n")
