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
