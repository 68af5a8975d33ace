"""Sentence splitting for Chinese sources and English drafts, before alignment.

Both splitters return character spans (``start``, ``end``) into the text they were given, so
callers can map every sentence back to its line; ``split_zh`` / ``split_en`` are the
convenience forms returning strings. A sentence never crosses a line break: each line of a
source or draft is treated as a paragraph (Chinese policy texts and translators' drafts put
one paragraph per line; hard-wrapped English is rare and would only cost a 1-2 bead).

Chinese ends a sentence at 。！？；… (and their half-width !?; forms), with any closing
quotes or brackets kept on the sentence they close. English ends at . ! ? followed by space
and a plausible sentence start, except after abbreviations (Mr., No. 5, e.g.), initials
(J. K. Rowling), list numbers and acronyms (U.S.) unless a typical sentence opener follows.
Hand-written rather than a library (pysbd, nltk punkt): it must return offsets, run on
5,000-sentence documents in milliseconds, and know policy-text abbreviations.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# Closing punctuation that belongs to the sentence before a break: quotes, brackets, and
# further terminators ("！？", "……").
_ZH_CLOSERS = "”’」』）》】〕〗〉)]}\"'"
_ZH_TERMINATORS = "。！？；…!?;"
_ZH_BREAK = re.compile(f"[{re.escape(_ZH_TERMINATORS)}]+[{re.escape(_ZH_CLOSERS)}]*")

# Abbreviations that (almost) never end a sentence: a title or a label always followed by more.
_EN_NEVER_FINAL = frozenset(
    [
        "mr", "mrs", "ms", "dr", "prof", "rev", "hon", "st", "mt", "sen", "rep", "gov", "gen", "col", "lt",
        "sgt", "capt", "cmdr", "adm", "pres", "vs", "cf", "e.g", "i.e", "viz", "al", "approx", "dept", "fig",
        "figs", "art", "arts", "para", "paras", "ch", "sec", "secs", "vol", "vols", "p", "pp", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
)
# "No." / "Nos." only before a number ("No. 1 Document"); "He said no." ends a sentence.
_EN_BEFORE_NUMBER = frozenset({"no", "nos", "art", "para", "fig", "p", "pp", "vol", "ch", "sec"})
# Abbreviations that end sentences when the next word is a typical sentence opener.
_EN_MAYBE_FINAL = frozenset(
    [
        "etc", "inc", "ltd", "co", "corp", "jr", "sr", "bros", "plc", "llc", "a.m", "p.m", "u.s", "u.k", "u.n",
        "e.u", "p.r.c",
    ]
)
_EN_OPENERS = frozenset(
    [
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "we", "they", "i", "you",
        "there", "here", "his", "her", "our", "their", "in", "on", "at", "for", "from", "by", "with", "as",
        "after", "before", "during", "since", "while", "when", "if", "but", "and", "or", "so", "yet", "however",
        "meanwhile", "moreover", "also", "some", "many", "most", "all", "both", "each", "every", "no", "not",
        "one", "two", "three", "according", "what", "why", "how", "who", "where",
    ]
)

_EN_CANDIDATE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]*)(\S+)")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document, with the 1-based line it is on."""

    text: str
    line: int


def zh_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the Chinese sentences in ``text`` (one paragraph), whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _ZH_BREAK.finditer(text):
        _add_span(text, start, match.end(), spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return spans


def en_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the English sentences in ``text`` (one paragraph), whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _EN_CANDIDATE.finditer(text):
        if _en_is_boundary(text, start, match):
            _add_span(text, start, match.end(), spans)
            start = match.end()
    _add_span(text, start, len(text), spans)
    return spans


def split_zh(text: str) -> list[str]:
    """The Chinese sentences of ``text``; line breaks always end a sentence."""
    return [part[a:b] for part in text.split("\n") for a, b in zh_spans(part)]


def split_en(text: str) -> list[str]:
    """The English sentences of ``text``; line breaks always end a sentence."""
    return [part[a:b] for part in text.split("\n") for a, b in en_spans(part)]


def split_lines(lines: Iterable[tuple[int, str]], lang: str, *, split: bool = True) -> Iterator[Sentence]:
    """Sentences of numbered lines (from ``textio.iter_lines``); blank lines yield nothing.

    A Chinese line that stops mid-sentence is joined with the next line (see
    ``zh_paragraphs``), so a page break inside a sentence does not cut it in two; each
    sentence keeps the line it starts on. With ``split=False`` every non-blank line is one
    sentence (``--no-split``).
    """
    if not split:
        for lineno, line in lines:
            if line.strip():
                yield Sentence(line.strip(), lineno)
        return
    if lang != "zh":
        for lineno, line in lines:
            for a, b in en_spans(line):
                yield Sentence(line[a:b], lineno)
        return
    for pieces in zh_paragraphs(lines):
        text = "".join(piece for _, piece in pieces)
        starts = list(itertools.accumulate((len(piece) for _, piece in pieces[:-1]), initial=0))
        for a, b in zh_spans(text):
            yield Sentence(text[a:b], pieces[bisect.bisect_right(starts, a) - 1][0])


def zh_paragraphs(lines: Iterable[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    """Non-blank lines grouped into paragraphs: a line that breaks off mid-sentence runs on.

    Text extracted from a printed page breaks lines (often with a blank line) where the page
    ended, not where the sentence did: "……投入商运、" / "" / "填补了全省空白。". A line runs
    on into the next non-blank line when it ends without a sentence-final mark and is plainly
    prose (it ends in a comma-like mark, or its unfinished tail follows a finished sentence or
    contains a comma), and the next line is prose too (it has a comma or a sentence-final mark)
    and does not start a numbered item. Titles, datelines and bylines ("新春贺词",
    "（2024年2月8日）") have neither, so they stay paragraphs of their own. Pieces are
    stripped at the joint: Chinese needs no separator.
    """
    pending: list[tuple[int, str]] = []
    for lineno, line in lines:
        if not line.strip():
            continue
        if pending and _zh_runs_on(pending) and _zh_prose(line) and not _ZH_ITEM.match(line.lstrip()):
            pending[-1] = (pending[-1][0], pending[-1][1].rstrip())
            pending.append((lineno, line.strip()))
            continue
        if pending:
            yield pending
        pending = [(lineno, line)]
    if pending:
        yield pending


# Marks inside a sentence (a line ending on one broke off) and commas that only prose has.
_ZH_CONTINUING = "，,、：:—-"
_ZH_COMMAS = "，,；;"
# A numbered item starts a paragraph of its own: 一、 （一） 1. 第三条
_ZH_ITEM = re.compile(r"[（(]?[一二三四五六七八九十百\d]+[）)、.．]|第[一二三四五六七八九十百千\d]+[章节条款]")


def _zh_prose(text: str) -> bool:
    return any(ch in _ZH_COMMAS or ch in _ZH_TERMINATORS for ch in text)


def _zh_runs_on(pieces: list[tuple[int, str]]) -> bool:
    """Whether the paragraph so far breaks off mid-sentence (see ``zh_paragraphs``)."""
    text = "".join(piece for _, piece in pieces).rstrip()
    spans = zh_spans(text)
    if not spans or _ZH_BREAK.search(text[spans[-1][0] :]):
        return False  # ends with a finished sentence
    tail = text[spans[-1][0] :]
    return tail[-1] in _ZH_CONTINUING or len(spans) > 1 or any(ch in _ZH_COMMAS for ch in tail)


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    spans.append((start + lead, start + lead + len(stripped)))


def _en_is_boundary(text: str, start: int, match: re.Match[str]) -> bool:
    """Whether the terminator ``match`` really ends the sentence that began at ``start``."""
    mark = match.group()
    following = _NEXT_START.match(text, match.end())
    if following is None:
        return True  # only trailing whitespace: the paragraph's end will close it anyway
    opener, word = following.groups()
    first = word[0]
    # A sentence starts with a capital, a digit, an opening quote/bracket or a non-Latin
    # character; lower case after "?" or "." is a quotation or an abbreviation going on.
    if not (first.isupper() or first.isdigit() or opener or not first.isascii()):
        return False
    if not mark.startswith("."):
        return True  # ! and ? have no abbreviation reading
    if len(mark.rstrip("\"'”’)]")) > 1:
        return True  # "..." or ".." followed by a capital
    before = _WORD_BEFORE.search(text, start, match.start() + 1)
    if before is None:
        token = text[start : match.start()].split()[-1:] or [""]
        # "1." or "(a)." at the start of a paragraph is a list label, not a sentence.
        return not (match.start() - start <= 3 and token[0].isdigit() and not text[:start].strip())
    token = before.group(1).lower()
    next_lower = word.lower().strip("\"'“‘,;:")
    if token in _EN_BEFORE_NUMBER:
        return not first.isdigit()
    if token in _EN_NEVER_FINAL:
        return False
    if len(token) == 1 and token.isalpha():
        # An initial ("J. K. Rowling", "Franklin D. Roosevelt") unless it is the pronoun "I"
        # or a sentence opener follows ("... plan B. The next ...").
        return next_lower in _EN_OPENERS and token != "i"
    if token in _EN_MAYBE_FINAL or ("." in token and len(token) <= 6):
        return next_lower in _EN_OPENERS
    return True

