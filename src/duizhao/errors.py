"""One exception tree for everything duizhao refuses to do.

    DuizhaoError                 exit 2 unless a subclass says otherwise
    ├── UsageError               a bad option or combination of options
    ├── InputError               a file that cannot be read or parsed (names file and line)
    │   ├── EncodingError        bytes that are not UTF-8 / UTF-16 with BOM
    │   ├── FormatError          the file is readable text but not the format it claims
    │   └── GlossaryError        a glossary file that is not a valid glossary
    └── OutputError              a report or export that cannot be written

Core code raises these with a message a translator can act on; only the CLI turns them into
one line on stderr and an exit code. A traceback means a bug, never bad input.
"""

from __future__ import annotations


class DuizhaoError(Exception):
    """Base of every error duizhao reports to a user."""

    exit_code: int = 2

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"


class UsageError(DuizhaoError):
    """An option or combination of options that cannot work."""


class InputError(DuizhaoError):
    """An input file that is missing, unreadable or malformed."""


class EncodingError(InputError):
    """Bytes that are not in an encoding duizhao accepts."""


class FormatError(InputError):
    """Readable text that is not valid in the format the file claims to be."""


class GlossaryError(InputError):
    """A glossary file that does not describe a valid glossary."""


class OutputError(DuizhaoError):
    """A report, export or corpus file that cannot be written."""
