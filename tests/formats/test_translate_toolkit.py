"""A real third-party reader: translate-toolkit's ``tmxfile`` reads duizhao's TMX with the same pairs."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duizhao.formats.tmx import TmxWriter
from tests.formats.contract import NON_ASCII, XML_TEXT, segments_for

tmx_storage = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit is not installed")

# Any XML-legal text, astral characters, tabs, CR and LF included: the toolkit must see exactly it.
TEXT = XML_TEXT


def read_with_toolkit(path: Path, src: str = "zh-CN", tgt: str = "en-US") -> list[tuple[str, str]]:
    store = tmx_storage.tmxfile.parsefile(str(path))
    return [(unit.source, unit.target) for unit in store.units]


def test_toolkit_reads_the_same_pairs(tmp_path):
    path = tmp_path / "out.tmx"
    TmxWriter().write(segments_for(NON_ASCII), path)
    assert read_with_toolkit(path) == [(zh, en) for _, zh, en in NON_ASCII]


def test_toolkit_reads_escapes_and_spaces(tmp_path):
    pairs = [("1", ' <a href="x">&amp;</a> ', "Tom & Jerry's \"show\" <b>"), ("2", "  两端空格  ", "\ttab")]
    path = tmp_path / "out.tmx"
    TmxWriter().write(segments_for(pairs), path)
    assert read_with_toolkit(path) == [(zh, en) for _, zh, en in pairs]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT), min_size=1, max_size=5))
def test_toolkit_round_trip_property(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("tt") / "out.tmx"
    TmxWriter().write(segments_for([(str(n), zh, en) for n, (zh, en) in enumerate(texts)]), path)
    assert read_with_toolkit(path) == texts
