"""lexicon_cache: the aligner's dictionary is cached as checked data, and only ever used when it fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duizhao.lexicon import Lexicon
from duizhao.lexicon_cache import FILE_NAME, Table, cached_table, decode, encode

ENTRIES = {"经济": ["econo"], "发展": ["devel", "growt"], "政府": ["gover"], "经济发展": ["econo", "devel"]}
KEY = {"schema": 1, "source": "s" * 64, "code": "c" * 64}


def as_dict(table: Table) -> dict[str, list[str]]:
    lexicon = Lexicon(table)
    return {word: sorted(lexicon.stems(word)) for word in table.words}


@given(st.dictionaries(st.text("经济发展政府", min_size=2, max_size=4),
                       st.lists(st.text("abcdefg", min_size=1, max_size=5), min_size=1, max_size=4)))
def test_a_table_round_trips_through_its_cache_entry(entries):
    table = Table.of(entries)
    back = decode(encode(KEY, table), KEY)
    assert back is not None
    assert as_dict(back) == {word: sorted(set(stems)) for word, stems in entries.items()}


def test_an_entry_is_json_after_a_checksum_line():
    checksum, _, body = encode(KEY, Table.of(ENTRIES)).partition(b"\n")
    assert len(checksum) == 64
    assert json.loads(body)["source"] == KEY["source"]


@pytest.mark.parametrize("damage", [
    lambda data: data[:-10],  # truncated
    lambda data: data.replace(b"econo", b"ECONO"),  # altered
    lambda data: b"0" * 64 + data[64:],  # wrong checksum
    lambda data: b"",
])
def test_a_damaged_entry_is_never_used(damage):
    assert decode(damage(encode(KEY, Table.of(ENTRIES))), KEY) is None


def test_an_entry_for_other_dictionary_bytes_or_other_code_is_not_used():
    data = encode(KEY, Table.of(ENTRIES))
    assert decode(data, {**KEY, "source": "t" * 64}) is None
    assert decode(data, {**KEY, "code": "d" * 64}) is None


def test_the_table_is_built_once_then_read_back_and_rebuilt_when_the_dictionary_changes(tmp_path: Path):
    source = tmp_path / "cedict.txt.gz"
    source.write_bytes(b"one dictionary")
    builds = []

    def build() -> Table:
        builds.append(1)
        return Table.of(ENTRIES)

    first = cached_table(source, build, tmp_path / "cache")
    second = cached_table(source, build, tmp_path / "cache")
    assert len(builds) == 1 and as_dict(second) == as_dict(first)
    source.write_bytes(b"another dictionary")
    cached_table(source, build, tmp_path / "cache")
    assert len(builds) == 2
    (tmp_path / "cache" / FILE_NAME).write_bytes(b"garbage")
    assert as_dict(cached_table(source, build, tmp_path / "cache")) == as_dict(first)
    assert len(builds) == 3


def test_a_cache_that_cannot_be_written_is_no_reason_to_fail(tmp_path: Path):
    source = tmp_path / "cedict.txt.gz"
    source.write_bytes(b"one dictionary")
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    table = cached_table(source, lambda: Table.of(ENTRIES), blocker / "cache")
    assert as_dict(table)["发展"] == ["devel", "growt"]
    assert as_dict(cached_table(source, lambda: Table.of(ENTRIES), None)) == as_dict(table)


def test_segmentation_reads_the_packed_table():
    lexicon = Lexicon(ENTRIES)
    assert lexicon.words("政府推动经济发展") == ["政府", "经济发展"]
    zh_keys, en_keys = lexicon.keys(["政府推动经济发展"], ["The government promotes economic development."])
    assert zh_keys[0] == {("lex", "政府"): 1, ("lex", "经济发展"): 1}
    assert en_keys[0] == {("lex", "政府"): 1, ("lex", "经济发展"): 1}
