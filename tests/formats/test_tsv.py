"""TSV bitexts: the format contract (id<TAB>zh<TAB>en with a header), plus column rules."""

from __future__ import annotations

import pytest

from duizhao.errors import FormatError, OutputError
from duizhao.formats.tsv import TsvReader, TsvWriter
from tests.formats.contract import PLAIN_TEXT, BitextContract, segments_for


class TestTsvContract(BitextContract):
    reader_cls = TsvReader
    writer_cls = TsvWriter
    suffix = ".tsv"
    sample = 'id\tzh\ten\na1\t稳中求进\tSeek progress while maintaining stability\n\na2\t“双碳”\t"dual carbon"\n'
    sample_pairs = (("a1", "稳中求进", "Seek progress while maintaining stability"), ("a2", "“双碳”", '"dual carbon"'))
    malformed = "a1\t一\tone\na2\t二\n"
    malformed_line = 2
    text_strategy = PLAIN_TEXT  # a TSV cell holds no tab and no line break


@pytest.mark.parametrize(("content", "expected"), [
    ("一\tone\n二\ttwo\n", [("1", "一", "one"), ("2", "二", "two")]),
    ("zh\ten\n一\tone\n", [("2", "一", "one")]),
    ("\ufeffid\tzh\ten\nx\t一\tone\n", [("x", "一", "one")]),
    ("a\t一\tone\r\nb\t二\ttwo\r\n", [("a", "一", "one"), ("b", "二", "two")]),
])
def test_layouts(tmp_path, content, expected):
    path = tmp_path / "x.tsv"
    path.write_bytes(content.encode("utf-8"))
    assert [(s.id, s.zh, s.en) for s in TsvReader().read(path)] == expected


def test_four_columns_are_refused(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("a\tb\tc\td\n", encoding="utf-8")
    with pytest.raises(FormatError, match="found 4"):
        list(TsvReader().read(path))


@pytest.mark.parametrize("text", ["tab\there", "new\nline"])
def test_writer_refuses_what_tsv_cannot_hold(tmp_path, text):
    with pytest.raises(OutputError, match="segment s1: the en text"):
        TsvWriter().write(segments_for([("s1", "一", text)]), tmp_path / "x.tsv")
