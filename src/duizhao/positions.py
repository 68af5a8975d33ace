"""Where each character of a segment's text sits in the file it was read from.

A reader records, for each side of a pair, a few *breakpoints* ``(offset, line, column)``:
the character at ``offset`` in the text is at ``line:column`` of the file (both 1-based,
columns in Unicode code points, as SARIF's ``columnKind: unicodeCodePoints`` says), and the
characters after it follow on the same line until the next breakpoint. A one-line value has
one breakpoint; a folded YAML scalar has one per source line; an escape sequence in a
double-quoted scalar starts a new one after it.

Reports use this to point at the character a translator changed (GitHub shows pull-request
alerts only on changed lines), not at the ``- id:`` line of the segment.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeAlias

from .model import Finding, Location, Segment, Span

Breakpoint: TypeAlias = tuple[int, int, int]  # (offset in the text, line, column), 1-based
TextPositions: TypeAlias = tuple[Breakpoint, ...]

SNIPPET_CHARS = 200  # a report shows the start of a long range; the columns still say where it ends
LINE_BREAKS = frozenset("\n\r\x85\u2028\u2029")  # what YAML counts as a line break
# Length of a double-quoted YAML escape after its backslash; anything else is two characters.
_ESCAPE_LENGTHS = {"x": 4, "u": 6, "U": 10}


def single_line(line: int, column: int) -> TextPositions:
    """Positions of a text written on one line, starting at ``line:column``."""
    return ((0, line, column),)


def position(positions: TextPositions, offset: int) -> tuple[int, int] | None:
    """``(line, column)`` of the character at ``offset``, or None when the reader recorded nothing."""
    if not positions:
        return None
    chosen = positions[0]
    for point in positions:  # a handful of breakpoints: a linear scan beats building a key list
        if point[0] > offset:
            break
        chosen = point
    start, line, column = chosen
    if column == 0:  # the reader knows the line only (lxml gives no columns)
        return line, 0
    return line, column + max(offset - start, 0)


def span_location(segment: Segment, span: Span) -> Location | None:
    """The file range of ``span`` in ``segment``, or None when the reader recorded no positions."""
    text, at = (segment.zh, segment.zh_at) if span.side == "zh" else (segment.en, segment.en_at)
    first = position(at, span.start)
    if first is None:
        return None
    last = position(at, max(span.end - 1, span.start)) if span.end > span.start else first
    assert last is not None
    line, column = first
    end_line, end_column = last[0], (last[1] + 1 if last[1] else 0)
    if span.end <= span.start or span.start >= len(text):
        end_line, end_column = line, column
    snippet = text[span.start:min(span.end, span.start + SNIPPET_CHARS)]
    return Location(file=segment.doc.file, line=line, segment=segment.id, doc=segment.doc.id,
                    column=column, end_line=end_line, end_column=end_column, side=span.side, snippet=snippet)


def side_location(segment: Segment, side: str) -> Location | None:
    """The whole of one side's text: where a finding without a span on that side points."""
    text = segment.zh if side == "zh" else segment.en
    at = segment.zh_at if side == "zh" else segment.en_at
    if not at:
        return None
    return span_location(segment, Span(side, 0, len(text.rstrip())))


def placed(finding: Finding, segment: Segment, *, source_alone: bool = False) -> Finding:
    """``finding`` moved from the segment's first line to the range a translator has to look at.

    The primary location is the finding's span on the target side (the English of a zh→en
    pair), else, unless the finding concerns the source alone, the whole target text;
    a span on the other side becomes the ``counterpart``. Without recorded positions the
    finding is returned as it is.
    """
    target = segment.target_side
    source = "zh" if target == "en" else "en"
    primary_side = source if source_alone else target
    on_primary = next((s for s in finding.spans if s.side == primary_side), None)
    on_other = next((s for s in finding.spans if s.side != primary_side), None)
    primary = span_location(segment, on_primary) if on_primary else side_location(segment, primary_side)
    if primary is None and on_other is not None:  # e.g. the target side has no positions
        primary, on_other = span_location(segment, on_other), None
    if primary is None:
        return finding
    counterpart = span_location(segment, on_other) if on_other else None
    return replace(finding, location=primary, counterpart=counterpart)


def scalar_positions(text: str, start: int, end: int, line: int, column: int, value: str,
                     *, block: bool = False) -> TextPositions:
    """Breakpoints of the scalar ``value`` written as ``text[start:end]``, which begins at ``line:column``.

    Plain and quoted one-line scalars take the fast path. Otherwise the value's characters are
    found in order in the source, skipping what YAML removed (quotes, indentation, folded line
    breaks, a block scalar's header line) and stepping over escape sequences, so a figure in
    the third line of a folded ``en: >-`` value is reported on that line.
    """
    raw = text[start:end]
    if not LINE_BREAKS.intersection(raw):
        if raw == value:
            return single_line(line, column)
        if len(raw) >= 2 and raw[0] in "'\"" and raw[-1] == raw[0] and raw[1:-1] == value:
            return single_line(line, column + 1)
    double_quoted = raw.startswith('"')
    points: list[Breakpoint] = []
    i, j, n = start, 0, len(value)
    cur_line, cur_col = line, column
    if block:  # the content starts on the line after the ``|``/``>`` header
        while i < end and text[i] not in LINE_BREAKS:
            i += 1
            cur_col += 1
    contiguous = False  # whether the previous value character was matched at i - 1 on this line
    escaped_break = False  # the last character was a backslash ending the line (double quotes)
    while j < n and i < end:
        ch = text[i]
        if double_quoted and ch == "\\" and i + 1 < end:
            following = text[i + 1]
            if following in LINE_BREAKS:  # an escaped line break: a continuation, no character
                i += 1
                escaped_break = True
                contiguous = False
                continue
            width = _ESCAPE_LENGTHS.get(following, 2)
            points.append((j, cur_line, cur_col))
            j += 1
            i += width
            cur_col += width
            contiguous = False
            continue
        if ch in LINE_BREAKS:  # any break in the source (CRLF too) is the value's "\n", if it kept one
            if block:
                if value[j] == "\n":
                    j += 1
            elif not escaped_break and value[j] in " \n":  # a flow scalar folds a break into one
                j += 1
            escaped_break = False
            if ch == "\r" and i + 1 < end and text[i + 1] == "\n":
                i += 1
            i += 1
            cur_line += 1
            cur_col = 1
            contiguous = False
            if not block:  # a flow scalar's continuation lines lose their leading white space
                while i < end and text[i] in " \t":
                    i += 1
                    cur_col += 1
            continue
        if ch == value[j]:
            if not contiguous:
                points.append((j, cur_line, cur_col))
            j += 1
            contiguous = True
        else:
            contiguous = False
        cur_col += 1
        i += 1
    return tuple(points) or single_line(line, column)


def markup_positions(text: str, start: int, line: int, column: int, value: str) -> TextPositions:
    """Breakpoints of ``value``, the text content of an XML element whose content starts at ``text[start]``.

    ``text[start]`` is at ``line:column``. Tags are skipped, a character or entity reference
    (``&amp;``, ``&#x4e2d;``) stands for one character, and the walk stops at the element's
    end; inline codes whose text the reader dropped are skipped over like anything else that
    does not match, so a span after them is found where it is.
    """
    points: list[Breakpoint] = []
    i, j, n, end = start, 0, len(value), len(text)
    cur_line, cur_col = line, column
    contiguous = False
    while j < n and i < end:
        ch = text[i]
        if ch == "<":
            close = text.find(">", i)
            if close < 0:
                break
            skipped = text[i:close + 1]
            breaks = skipped.count("\n")
            cur_line += breaks
            cur_col = (len(skipped) - skipped.rfind("\n")) if breaks else cur_col + len(skipped)
            i = close + 1
            contiguous = False
            continue
        if ch == "&":
            semicolon = text.find(";", i, i + 12)
            if semicolon > 0:
                points.append((j, cur_line, cur_col))
                j += 1
                cur_col += semicolon + 1 - i
                i = semicolon + 1
                contiguous = False
                continue
        if ch == value[j]:
            if not contiguous or ch == "\n":
                points.append((j, cur_line, cur_col))
            j += 1
            contiguous = ch != "\n"
        else:
            contiguous = False
        if ch == "\n":
            cur_line += 1
            cur_col = 1
            contiguous = False
        else:
            cur_col += 1
        i += 1
    return tuple(points)


class ForwardLines:
    """The lines of a text file read forward once, for readers whose parser gives lines but no columns.

    A streaming XML reader asks for the lines of each unit in file order; lines before the one
    asked for are dropped, so memory stays at a unit's worth whatever the file size. Line ends
    are read the way XML parsers count them (CR, LF and CRLF each end one line).
    """

    def __init__(self, path: str, encoding: str = "utf-8-sig") -> None:
        self._handle = open(path, encoding=encoding, errors="replace", newline=None)  # noqa: SIM115
        self._first = 1  # the number of the first line in _lines
        self._lines: list[str] = []

    def close(self) -> None:
        self._handle.close()

    def __enter__(self) -> ForwardLines:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def text(self, first: int, until: str, *, occurrences: int = 1, limit: int = 400) -> str:
        """Lines ``first``… joined (with their ``\\n``), up to the one where ``until`` has occurred
        ``occurrences`` times (at most ``limit`` lines)."""
        if first < self._first:  # asked backwards: not for this reader
            return ""
        drop = min(first - self._first, len(self._lines))
        del self._lines[:drop]
        self._first += drop
        while self._first < first:  # past the buffer: skip lines up to the one asked for
            if not self._handle.readline():
                return ""
            self._first += 1
        out: list[str] = []
        for index in range(limit):
            if index < len(self._lines):
                piece = self._lines[index]
            else:
                piece = self._handle.readline()
                if not piece:
                    break
                self._lines.append(piece)
            out.append(piece)
            occurrences -= piece.count(until)
            if occurrences <= 0:
                break
        return "".join(out)
