"""Moses parallel text (doc.zh + doc.en): the format contract plus pairing rules."""

from __future__ import annotations

import re

import pytest

from duizhao.errors import FormatError, InputError, OutputError
from duizhao.formats import expand_paths, iter_segments
from duizhao.formats.moses import MosesReader, MosesWriter
from tests.formats.contract import PLAIN_TEXT, BitextContract, segments_for


class _MosesFiles:
    """Moses content is two files; ``put`` writes ``x.zh`` and ``x.en`` from "zh|||en" lines."""

    @staticmethod
    def put(path, content):
        zh_lines, en_lines = zip(*(line.split("|||") for line in content.split("\n")), strict=True)
        path.with_suffix(".zh").write_text("\n".join(zh_lines) + "\n", encoding="utf-8")
        path.with_suffix(".en").write_text("\n".join(en_lines) + "\n", encoding="utf-8")
        return path.with_suffix(".zh")


class TestMosesContract(_MosesFiles, BitextContract):
    reader_cls = MosesReader
    writer_cls = MosesWriter
    suffix = ".zh"
    sample = "稳中求进|||Seek progress while maintaining stability\n|||\n“双碳”目标|||the “dual carbon” goals"
    sample_pairs = (("1", "稳中求进", "Seek progress while maintaining stability"),
                    ("3", "“双碳”目标", "the “dual carbon” goals"))
    malformed = "一|||one"  # replaced below: a pair with unequal line counts
    malformed_line = 2
    keeps_ids = False
    # A line holds no line break; a pair blank on both sides is a paragraph break, not a pair.
    text_strategy = PLAIN_TEXT.filter(lambda t: t.strip() != "")

    def test_malformed(self, tmp_path):
        (tmp_path / "bad.zh").write_text("一\n二\n三\n", encoding="utf-8")
        (tmp_path / "bad.en").write_text("one\n", encoding="utf-8")
        with pytest.raises(FormatError, match=r"bad\.zh has 3 lines but bad\.en has 1") as info:
            list(MosesReader().read(tmp_path / "bad.en"))
        assert info.value.line == 2

    def test_empty_sides(self, tmp_path):
        pairs = [("a", "中文", "English"), ("b", "只有中文", ""), ("c", "", "English only")]
        path = self.write_file(tmp_path, pairs)
        assert self.read_pairs(path) == self.expected(pairs)


@pytest.mark.parametrize(("zh", "en", "counts"), [
    ("一\n二\n", "one\n", "2 lines but p.en has 1"),
    ("一\n", "one\ntwo\nthree\n", "1 lines but p.en has 3"),
    ("", "one\n", "0 lines but p.en has 1"),
])
def test_unequal_line_counts_name_both(tmp_path, zh, en, counts):
    (tmp_path / "p.zh").write_text(zh, encoding="utf-8")
    (tmp_path / "p.en").write_text(en, encoding="utf-8")
    with pytest.raises(FormatError, match=re.escape(f"p.zh has {counts}")):
        list(MosesReader().read(tmp_path / "p.zh"))


def test_naming_either_file_reads_the_pair(tmp_path):
    (tmp_path / "p.zh").write_text("一\n", encoding="utf-8")
    (tmp_path / "p.en").write_text("one\n", encoding="utf-8")
    for name in ("p.zh", "p.en"):
        assert [(s.zh, s.en, s.file) for s in MosesReader().read(tmp_path / name)] == [
            ("一", "one", str(tmp_path / "p.zh"))]


def test_directory_lists_the_pair_once(tmp_path):
    (tmp_path / "p.zh").write_text("一\n", encoding="utf-8")
    (tmp_path / "p.en").write_text("one\n", encoding="utf-8")
    assert expand_paths([tmp_path]) == [tmp_path / "p.zh"]
    assert len(list(iter_segments([tmp_path]))) == 1


def test_missing_partner_is_named(tmp_path):
    (tmp_path / "p.zh").write_text("一\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"p\.en is missing"):
        list(MosesReader().read(tmp_path / "p.zh"))


def test_bom_and_crlf_are_not_text(tmp_path):
    (tmp_path / "p.zh").write_bytes("\ufeff一\r\n二\r\n".encode())
    (tmp_path / "p.en").write_bytes(b"one\r\ntwo\r\n")
    assert [(s.zh, s.en) for s in MosesReader().read(tmp_path / "p.zh")] == [("一", "one"), ("二", "two")]


def test_writer_refuses_line_breaks(tmp_path):
    with pytest.raises(OutputError, match="segment s2: the en text contains a line break"):
        MosesWriter().write(segments_for([("s1", "一", "one"), ("s2", "二", "two\nlines")]), tmp_path / "out")
    assert not list(tmp_path.iterdir())


def test_writer_accepts_a_bare_base_name(tmp_path):
    assert MosesWriter().write(segments_for([("s1", "一", "one")]), tmp_path / "out") == 1
    assert (tmp_path / "out.zh").read_text(encoding="utf-8") == "一\n"
    assert (tmp_path / "out.en").read_text(encoding="utf-8") == "one\n"


