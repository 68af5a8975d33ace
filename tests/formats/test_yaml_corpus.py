"""Corpus YAML: the format contract (the repository's own format must round-trip anything)."""

from __future__ import annotations

import pytest

from duizhao.formats.yaml_corpus import YamlCorpusReader, YamlCorpusWriter
from tests.formats.contract import XML_TEXT, BitextContract, segments_for


class TestYamlCorpusContract(BitextContract):
    reader_cls = YamlCorpusReader
    writer_cls = YamlCorpusWriter
    suffix = ".yaml"
    sample = ("id: d\ntitle: 标题\nsegments:\n"
              "  - id: a1\n    zh: 稳中求进\n    en: Seek progress while maintaining stability\n"
              "  - id: a2\n    zh: '  前导空格'\n    en: \"two\\nlines \"\n")
    sample_pairs = (("a1", "稳中求进", "Seek progress while maintaining stability"),
                    ("a2", "  前导空格", "two\nlines "))
    malformed = "id: d\nsegments:\n  - id: a1\n    zh: 一\n    en: one\n  - id: a1\n    zh: 二\n    en: two\n"
    malformed_line = 6  # the duplicate id
    text_strategy = XML_TEXT


@pytest.mark.parametrize("text", ["a\x85b", "a\u2028b", "a\u2029b", "a\x85\nb\n"])
def test_unicode_line_breaks_round_trip(tmp_path, text):
    path = tmp_path / "nel.yaml"
    YamlCorpusWriter().write(segments_for([("s1", text, "e")]), path)
    assert [s.zh for s in YamlCorpusReader().read(path)] == [text]
