"""The contract every bitext format's tests inherit (after translate-toolkit's test_base.py).

A subclass names its reader (and writer, when the format has one), a hand-written sample file
with the pairs it must parse to, and a malformed file with the line its error must name. It
inherits: parse, serialise, non-ASCII, round trip (property-based), malformed input, registry.
Formats that cannot hold some characters (TSV: tabs and newlines) narrow ``text_strategy``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from duizhao.errors import InputError
from duizhao.formats import READERS, WRITERS, iter_segments
from duizhao.model import DocumentInfo, Segment

Pair = tuple[str, str, str]  # id, zh, en

NON_ASCII: list[Pair] = [
    ("s1", "“十四五”规划：GDP增长5.2%，达到126万亿元。",
     "The 14th Five-Year Plan: GDP grew 5.2% to 126 trillion yuan."),
    ("s2", "𠀀𪚥𰻞（扩展区汉字）與繁體字", "Astral 𝐀 and emoji 🇨🇳 and café — “quotes” ‘single’"),
    ("s3", "全角ＡＢＣ１２３　与不间断\u00a0空格",
     "Zero\u200bwidth and RTL \u202eabc\u202c and é (e\u0301)"),
]

# Any XML-legal Unicode, astral planes included; formats with narrower alphabets override.
XML_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff",
                           min_codepoint=0x09).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20),
    max_size=40,
)
PLAIN_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                                            blacklist_characters="\ufffe\uffff\x85"), max_size=40)


def segments_for(pairs: list[Pair], doc: DocumentInfo | None = None) -> list[Segment]:
    doc = doc or DocumentInfo(id="doc", file="doc.yaml")
    return [Segment(id=i, zh=zh, en=en, doc=doc, line=n) for n, (i, zh, en) in enumerate(pairs, start=1)]


class BitextContract:
    """Inherit and set the class attributes; every test below then runs for the format."""

    reader_cls: ClassVar[type]
    writer_cls: ClassVar[type | None] = None
    suffix: ClassVar[str]
    sample: ClassVar[str | bytes]           # a file in this format ...
    sample_pairs: ClassVar[tuple[Pair, ...]]  # ... and what it must parse to
    malformed: ClassVar[str | bytes]        # a broken file ...
    malformed_line: ClassVar[int | None]    # ... and the line its error must name
    keeps_ids: ClassVar[bool] = True        # False where the format has no id (Moses: line numbers)
    text_strategy: ClassVar[Any] = XML_TEXT
    #: for read-only formats, a function building a file text from pairs (the writer's stand-in)
    build: ClassVar[Callable[[list[Pair]], str] | None] = None

    # -- helpers -------------------------------------------------------------------------------
    def write_file(self, directory: Path, pairs: list[Pair], name: str = "doc") -> Path:
        path = directory / (name + self.suffix)
        if self.writer_cls is not None:
            count = self.writer_cls().write(segments_for(pairs), path)
            assert count == len(pairs)
        else:
            assert self.build is not None, "a read-only format must provide build()"
            path.write_text(type(self).build(pairs), encoding="utf-8")
        return path

    def read_pairs(self, path: Path) -> list[Pair]:
        return [(s.id, s.zh, s.en) for s in self.reader_cls().read(path)]

    def expected(self, pairs: list[Pair]) -> list[Pair]:
        if self.keeps_ids:
            return pairs
        return [(str(n), zh, en) for n, (_, zh, en) in enumerate(pairs, start=1)]

    @staticmethod
    def put(path: Path, content: str | bytes) -> Path:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    # -- the contract ----------------------------------------------------------------------------
    def test_registered(self):
        assert READERS[self.reader_cls.name] is self.reader_cls
        assert self.suffix in self.reader_cls.extensions
        if self.writer_cls is not None:
            assert WRITERS[self.writer_cls.name] is self.writer_cls

    def test_parse(self, tmp_path):
        path = self.put(tmp_path / ("sample" + self.suffix), self.sample)
        assert self.read_pairs(path) == list(self.sample_pairs)

    def test_parse_through_registry(self, tmp_path):
        """``duizhao check`` reads the format directly: by extension, from a directory listing."""
        self.put(tmp_path / ("sample" + self.suffix), self.sample)
        assert [(s.id, s.zh, s.en) for s in iter_segments([tmp_path])] == list(self.sample_pairs)

    def test_serialise(self, tmp_path):
        path = self.write_file(tmp_path, NON_ASCII[:1])
        assert path.stat().st_size > 0
        assert not list(tmp_path.glob(".*.tmp")), "atomic writer left a temporary file"

    def test_non_ascii(self, tmp_path):
        path = self.write_file(tmp_path, NON_ASCII)
        assert self.read_pairs(path) == self.expected(NON_ASCII)

    def test_empty_sides(self, tmp_path):
        pairs = [("a", "中文", "English"), ("b", "只有中文", ""), ("c", "", "English only")]
        path = self.write_file(tmp_path, pairs)
        assert self.read_pairs(path) == self.expected(pairs)

    def test_malformed(self, tmp_path):
        path = self.put(tmp_path / ("bad" + self.suffix), self.malformed)
        with pytest.raises(InputError) as info:
            list(self.reader_cls().read(path))
        assert info.value.file and Path(info.value.file).name.startswith("bad")
        if self.malformed_line is not None:
            assert info.value.line == self.malformed_line, str(info.value)

    def test_round_trip(self):
        strategy = self.text_strategy

        @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
        @given(st.lists(st.tuples(strategy, strategy), min_size=1, max_size=6))
        def round_trip(texts: list[tuple[str, str]]) -> None:
            pairs = [(f"s{n}", zh, en) for n, (zh, en) in enumerate(texts, start=1)]
            with tempfile.TemporaryDirectory() as tmp:
                path = self.write_file(Path(tmp), pairs)
                assert self.read_pairs(path) == self.expected(pairs)

        round_trip()
