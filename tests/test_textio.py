"""Encodings and line ends as files really arrive; atomic writes that never leave debris."""

from __future__ import annotations

import codecs

import pytest

from duizhao.errors import EncodingError, InputError, UsageError
from duizhao.textio import atomic_writer, iter_lines, read_text

TEXT = "两个确立\tTwo Establishments\n新质生产力\tnew quality productive forces\n"


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "crlf", "utf16-crlf"],
)
def test_accepted_encodings_read_the_same(tmp_path, raw):
    path = tmp_path / "pairs.tsv"
    path.write_bytes(raw)
    assert read_text(path) == TEXT
    assert [line for _, line in iter_lines(path)] == TEXT.splitlines()


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
    ids=["gbk", "utf16le-no-bom", "utf16be-no-bom"],
)
def test_refused_encodings_name_file_line_and_hint(tmp_path, raw, hint):
    path = tmp_path / "pairs.tsv"
    path.write_bytes(raw)
    with pytest.raises(EncodingError) as info:
        read_text(path)
    assert str(path) in str(info.value) and info.value.line == 1 and hint in str(info.value)
    with pytest.raises(EncodingError) as info:
        list(iter_lines(path))
    assert info.value.line == 1 and "--encoding" in str(info.value)


def test_iter_lines_names_the_line_where_decoding_fails(tmp_path):
    path = tmp_path / "late.tsv"
    path.write_bytes(("a\tb\n" * 3).encode() + "错\t误\n".encode("gbk"))
    with pytest.raises(EncodingError) as info:
        list(iter_lines(path))
    assert info.value.line == 4


def test_declared_encoding_reads_gbk(tmp_path):
    path = tmp_path / "gbk.tsv"
    path.write_bytes(TEXT.encode("gbk"))
    assert read_text(path, "gb18030") == TEXT


def test_missing_file_is_an_input_error_and_a_bad_encoding_a_usage_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "absent.tsv")
    (tmp_path / "x.tsv").write_text("a\tb\n")
    with pytest.raises(UsageError, match="unknown encoding"):
        read_text(tmp_path / "x.tsv", "no-such-codec")
    for codec in ("rot13", "hex", "base64", "zlib", "undefined"):
        with pytest.raises(UsageError, match="not a text encoding"):
            read_text(tmp_path / "x.tsv", codec)


def test_atomic_writer_keeps_old_file_on_error(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_writer(target) as out:
        out.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_atomic_writer_replaces_on_success(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_writer(target) as out:
        out.write("新")
    assert target.read_text(encoding="utf-8") == "新"
