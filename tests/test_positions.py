"""Exact locations: every character of a segment's text maps back to its line and column in the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.formats import iter_segments
from duizhao.positions import position, scalar_positions

SCALARS = [
    # (YAML source of one mapping entry, what the test calls it)
    ("en: plain text 42 here\n", "plain"),
    ('en: "double 42 quoted"\n', "double-quoted"),
    ("en: 'single ''42'' quoted'\n", "single-quoted with an escaped quote"),
    ("en: >-\n  first line of it\n  second 42 line\n", "folded"),
    ("en: |\n  literal one\n  literal 42 two\n", "literal"),
    ("en: plain start\n  continued 42 here\n", "multi-line plain"),
    ("en: >-\r\n  crlf one\r\n  crlf 42 two\r\n", "folded with CRLF"),
    ('en: "escaped \\t tab then 42"\n', "double-quoted with an escape"),
    ("en: >-\n  -5% of it\n  and 42 more\n", "folded, value starting with the header's characters"),
]


def _lines(source: str) -> list[str]:
    return source.replace("\r\n", "\n").split("\n")


@pytest.mark.parametrize(("source", "name"), SCALARS, ids=[name for _, name in SCALARS])
def test_every_character_of_a_scalar_maps_to_itself(source: str, name: str) -> None:
    node = yaml.compose(source).value[0][1]
    value = node.value
    at = scalar_positions(source, node.start_mark.index, node.end_mark.index, node.start_mark.line + 1,
                          node.start_mark.column + 1, value, block=node.style in ("|", ">"))
    lines = _lines(source)
    for offset, char in enumerate(value):
        if char in " \n\t'":  # folded breaks, escapes and doubled quotes have no one character to point at
            continue
        line, column = position(at, offset)
        assert lines[line - 1][column - 1] == char, (name, offset, char, line, column)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="ab 中文42.,-", min_size=1, max_size=30), min_size=1, max_size=4),
       st.sampled_from([None, '"', "'", "|", ">"]))
def test_positions_survive_any_style_yaml_writes(words: list[str], style: str | None) -> None:
    value = "\n".join(words) if style == "|" else " ".join(words)
    value = value.strip() or "x"
    source = yaml.dump({"en": value}, allow_unicode=True, default_style=style, width=20)
    node = yaml.compose(source).value[0][1]
    parsed = node.value
    at = scalar_positions(source, node.start_mark.index, node.end_mark.index, node.start_mark.line + 1,
                          node.start_mark.column + 1, parsed, block=node.style in ("|", ">"))
    lines = _lines(source)
    for offset, char in enumerate(parsed):
        if char in " \n\\'\"":
            continue
        line, column = position(at, offset)
        assert lines[line - 1][column - 1] == char


FOLDED_CORPUS = """\
id: doc
segments:
  - id: s1
    zh: 2023年全市地区生产总值增长5%左右，新增就业1.4万人。
    en: >-
      In 2023 the city's GDP grew by around 5 percent,
      and 14,000 new urban jobs were created, of which
      2,000 were in services.
"""


def _sarif(tmp_path: Path, name: str, text: str) -> list[dict]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (tmp_path / "none").mkdir(exist_ok=True)  # an empty glossary: only the figure rules speak
    result = CliRunner().invoke(app, ["check", str(path), "-g", str(tmp_path / "none"), "-f", "sarif"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["runs"][0]["results"]


def test_an_edited_figure_in_a_folded_scalar_is_reported_on_the_line_that_was_changed(tmp_path: Path) -> None:
    edited = FOLDED_CORPUS.replace("14,000 new urban jobs", "140,000 new urban jobs")
    results = _sarif(tmp_path, "c.yaml", edited)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    region = next(r for r in regions if r.get("snippet", {}).get("text", "").startswith("140,000"))
    line = edited.splitlines()[region["startLine"] - 1]
    assert region["startLine"] == 7 and line[region["startColumn"] - 1:].startswith("140,000")
    assert region["snippet"]["text"].startswith("140,000")


def test_tsv_findings_point_at_the_english_column(tmp_path: Path) -> None:
    results = _sarif(tmp_path, "c.tsv", "id\tzh\ten\ns1\t新增就业1.4万人。\tThere were 1,400 new jobs.\n")
    region = results[0]["locations"][0]["physicalLocation"]["region"]
    row = "s1\t新增就业1.4万人。\tThere were 1,400 new jobs."
    assert region["startLine"] == 2 and row[region["startColumn"] - 1:].startswith("1,400")
    related = results[0]["relatedLocations"][0]["physicalLocation"]["region"]
    assert row[related["startColumn"] - 1:].startswith("1.4万")  # the Chinese figure, linked
    assert "[the Chinese](1)" in results[0]["message"]["markdown"]


def test_positions_travel_through_a_parallel_run(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    path.write_text("".join(f"新增就业{i}万人。\tThere were {i} new jobs.\n" for i in range(1, 400)), encoding="utf-8")
    (tmp_path / "none").mkdir()
    outputs = []
    for jobs in ("1", "2"):
        result = CliRunner().invoke(app, ["check", str(path), "-g", str(tmp_path / "none"), "-f", "json",
                                          "--jobs", jobs])
        outputs.append([(f["line"], f.get("column")) for f in json.loads(result.stdout)["findings"]])
    assert outputs[0] == outputs[1] and outputs[0][0] == (1, len("新增就业1万人。\t") + len("There were ") + 1)


def test_a_reader_without_positions_keeps_the_segment_line(tmp_path: Path) -> None:
    path = tmp_path / "c.tsv"
    path.write_text("新增就业1.4万人。\tThere were 1,400 new jobs.\n", encoding="utf-8")
    segment = next(iter_segments([path]))
    assert segment.en_at and segment.zh_at == ((0, 1, 1),)


TMX = """\
<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="t" creationtoolversion="1" o-tmf="t"/>
<body>
<tu tuid="a1"><tuv xml:lang="zh-CN"><seg>新增就业1.4万人。</seg></tuv><tuv xml:lang="en"><seg>There were \
1,400 new jobs.</seg></tuv></tu>
<tu tuid="a2">
  <tuv xml:lang="zh-CN"><seg>新增就业1.4万人。</seg></tuv>
  <tuv xml:lang="en"><seg>We &amp; <bpt i="1">&lt;b&gt;</bpt>they<ept i="1">&lt;/b&gt;</ept> said
 there were 140 new jobs.</seg></tuv>
</tu>
</body></tmx>
"""


def test_tmx_findings_point_at_the_characters_in_the_seg(tmp_path: Path) -> None:
    results = _sarif(tmp_path, "c.tmx", TMX)
    lines = TMX.splitlines()
    starts = []
    for result in results:
        region = result["locations"][0]["physicalLocation"]["region"]
        line = lines[region["startLine"] - 1]
        if result["ruleId"] == "segment-inconsistent":  # a corpus finding: the line of the translation only
            assert "<seg>We &amp;" in line and "startColumn" not in region
            continue
        segment = result["locations"][0]["logicalLocations"][0]["name"]
        starts.append((segment, line[region["startColumn"] - 1:]))
    assert ("a1", "1,400 new jobs.</seg></tuv></tu>") in starts, starts  # same line, after the zh seg
    assert ("a2", "140 new jobs.</seg></tuv>") in starts  # second line of the seg, after an entity and codes


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="中文数字12 .", min_size=1, max_size=12),
                          st.text(alphabet="ab &<>\"'12.\n", min_size=1, max_size=25)), min_size=1, max_size=5))
def test_tmx_we_write_maps_back_character_by_character(tmp_path_factory, pairs) -> None:
    from duizhao.formats import write_segments
    from duizhao.model import DocumentInfo, Segment

    doc = DocumentInfo(id="d", file="x")
    segments = [Segment(id=f"s{i}", zh=zh.strip() or "中", en=en.strip() or "a", doc=doc) for i, (zh, en) in
                enumerate(pairs)]
    path = tmp_path_factory.mktemp("tmx") / "round.tmx"
    write_segments(segments, path, "tmx")
    source = path.read_text(encoding="utf-8").splitlines()
    for seg in iter_segments([path]):
        for text, at in ((seg.zh, seg.zh_at), (seg.en, seg.en_at)):
            for offset, char in enumerate(text):
                if char in "&<>\"'\n ":
                    continue
                line, column = position(at, offset)
                assert source[line - 1][column - 1] == char
