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
    # U+0085 (NEL) is excluded here and pinned by the xfail below: it is a known writer bug.
    text_strategy = XML_TEXT.filter(lambda t: "\x85" not in t)


@pytest.mark.xfail(strict=True, reason="known bug: yamlio.dump writes U+0085 (NEL) unescaped and YAML reads it"
                                       " back as a line break folded to a space")
def test_next_line_character_round_trips(tmp_path):
    path = tmp_path / "nel.yaml"
    YamlCorpusWriter().write(segments_for([("s1", "a\x85b", "e")]), path)
    assert [s.zh for s in YamlCorpusReader().read(path)] == ["a\x85b"]
