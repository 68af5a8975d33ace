"""TSV files cut into byte-range slices (``--jobs``, Dask) read exactly like the whole file."""

from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.errors import DuizhaoError
from duizhao.formats.tsv import TsvReader

LAYOUTS = {
    "plain": "甲\tA\n乙\tB\n丙\tC\n",
    "header-ids": "id\tzh\ten\nx1\t甲\tA\nx2\t乙\tB\n",
    "crlf-blank-lines": "\r\n\r\nzh\ten\r\n甲\tA\r\n\r\n乙\tB\r\n   \r\n丙\tC",
    "bom": "\ufeff甲\tA\n乙\t“B”\n",
    "lone-cr-ends-lines": "甲\tA\r乙\tB\n丙\tC\r",  # issue 13: CR ends a line like LF
}


def _read_both(path: Path, block_size: int):
    try:
        whole = ("ok", list(TsvReader().read(path)))
    except DuizhaoError as error:
        whole = ("error", (type(error), str(error)))
    try:
        slices = TsvReader.slices(path, block_size=block_size)
        assert slices is not None
        sliced = ("ok", [seg for piece in slices for seg in piece.segments()])
    except DuizhaoError as error:
        sliced = ("error", (type(error), str(error)))
    return whole, sliced


@pytest.mark.parametrize("block_size", [1, 7, 64, 1 << 20])
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_slices_read_like_the_whole_file(tmp_path, name, block_size):
    path = tmp_path / f"{name}.tsv"
    path.write_bytes(LAYOUTS[name].encode("utf-8"))
    whole, sliced = _read_both(path, block_size)
    assert whole[0] == "ok" and whole == sliced


@pytest.mark.parametrize(("raw", "line"), [
    ("甲\tA\n乙\tB\n丙\n".encode(), 3),                      # a row with one column
    ("甲\tA\tB\tC\n".encode(), 1),                         # four columns
    ("甲\tA\n乙\tB\n".encode() + "错\t误\n".encode("gbk"), 3),  # not UTF-8 on line 3
])
def test_slices_raise_the_same_error_at_the_same_line(tmp_path, raw, line):
    path = tmp_path / "bad.tsv"
    path.write_bytes(raw)
    whole, sliced = _read_both(path, block_size=4)
    assert whole[0] == "error" and whole == sliced
    assert f":{line}:" in whole[1][1]


def test_files_not_in_utf8_are_not_sliced(tmp_path):
    path = tmp_path / "utf16.tsv"
    path.write_bytes(codecs.BOM_UTF16_LE + "甲\tA\n".encode("utf-16-le"))
    assert TsvReader.slices(path) is None
    assert [s.zh for s in TsvReader().read(path)] == ["甲"]


_text = st.text(alphabet=st.sampled_from(list("甲乙丙AB \r\"“”\u3000é𠀀")), max_size=6)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.tuples(_text, _text), min_size=1, max_size=12), block_size=st.integers(1, 40),
       crlf=st.booleans())
def test_any_file_slices_like_the_whole(rows, block_size, crlf):
    newline = "\r\n" if crlf else "\n"
    content = newline.join(f"{zh}\t{en}" for zh, en in rows) + newline
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pairs.tsv"
        path.write_bytes(content.encode("utf-8"))
        whole, sliced = _read_both(path, block_size)
        assert whole == sliced
