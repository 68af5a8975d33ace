"""JSON Lines bitexts: the format contract plus line-numbered errors."""

from __future__ import annotations

import pytest
from hypothesis import strategies as st

from duizhao.errors import FormatError
from duizhao.formats.jsonl import JsonlReader, JsonlWriter
from tests.formats.contract import BitextContract


class TestJsonlContract(BitextContract):
    reader_cls = JsonlReader
    writer_cls = JsonlWriter
    suffix = ".jsonl"
    sample = ('{"id": "a1", "zh": "稳中求进", "en": "Seek progress while maintaining stability"}\n'
              "\n"
              '{"zh": "\\u4e2d\\n文", "en": "two\\nlines", "score": 0.5}\n')
    sample_pairs = (("a1", "稳中求进", "Seek progress while maintaining stability"), ("3", "中\n文", "two\nlines"))
    malformed = '{"zh": "一", "en": "one"}\n{"zh": "二", "en": }\n'
    malformed_line = 2
    # JSON escapes everything, control characters included; only lone surrogates are not text.
    text_strategy = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@pytest.mark.parametrize(("line", "message"), [
    ('["一", "one"]', "must be a JSON object"),
    ('{"zh": "一"}', "has no 'en' key"),
    ('{"en": "one"}', "has no 'zh' key"),
    ('{"zh": 1, "en": "one"}', "'zh' must be a string, not int"),
    ('{"zh": "一", "en": "one", "note": ["x"]}', "'note' must be a string"),
    ('{"zh": "一", "en": "one"', "not valid JSON"),
])
def test_errors_name_the_line(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"zh": "好", "en": "good"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match=message) as info:
        list(JsonlReader().read(path))
    assert (info.value.file, info.value.line) == (str(path), 2)


def test_extra_keys_become_props_and_doc_groups(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"zh": "一", "en": "one", "id": 7, "score": 0.5, "doc": "d1", "note": "n"}\n', encoding="utf-8")
    [seg] = JsonlReader().read(path)
    assert (seg.id, seg.note, seg.doc.id, dict(seg.props)) == ("7", "n", "d1", {"score": "0.5"})
