"""CAT-tool XLIFF dialects: the project's own zh–en samples (tests/formats/data/cat) of each shape, and
Okapi's real CAT-tool files under ../shared when present."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.errors import DuizhaoError, UsageError
from duizhao.formats import ReadOptions, iter_segments, reader_for, sniff
from duizhao.formats.xliff import XliffReader, iter_xliff, parse_statuses
from duizhao.inline import decode_codes
from tests.conftest import REPO_ROOT

DATA = Path(__file__).parent / "data" / "cat"
SHARED = REPO_ROOT.parent / "shared" / "data" / "xliff-samples"
runner = CliRunner()


def pairs(name: str, **options) -> list[tuple[str, str, str]]:
    path = DATA / name
    return [(s.id, s.zh, s.en) for s in reader_for(path, options=ReadOptions(**options)).read(path)]


def test_trados_segments_are_the_mrk_segments_locked_ones_left_out():
    got = pairs("trados.sdlxliff")
    unit2, unit3 = "c7d9a2b0-1f2e-4b3c-8a9d-0e1f2a3b4c22", "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a33"
    assert [i for i, _, _ in got] == ["a3c2e0f4-55a1-4f0e-8d3b-9e0b7b1d2c11/2", f"{unit2}/3", f"{unit2}/4",
                                      f"{unit3}/5"]
    assert got[0][1:] == ("会议指出，要稳中求进。",
                          "The meeting said that we must seek progress while maintaining stability.")
    assert got[2][2] == ""  # the not-translated segment is a pair with an empty target


def test_trados_statuses_numbers_and_lines():
    segs = {s.segment: s for s in iter_xliff(DATA / "trados.sdlxliff") if s.translate}
    assert {m: (s.raw_status, s.status, s.locked) for m, s in segs.items()} == {
        "1": ("ApprovedSignOff", "signed-off", True), "2": ("Translated", "translated", False),
        "3": ("Draft", "draft", False), "4": ("", "new", False), "5": ("Translated", "translated", False)}
    assert segs["3"].shown == "3" and segs["3"].line == 7
    [seg] = [s for s in XliffReader().read(DATA / "trados.sdlxliff") if s.id.endswith("/2")]
    assert seg.props["xliff.number"] == "2" and seg.props["xliff.status"] == "translated"
    assert [(c.kind, c.key) for c in decode_codes(seg.props["codes.zh"])] == [("<", "g:pt1"), (">", "g:pt1")]


@pytest.mark.parametrize(("statuses", "expected"), [
    (("translated",), ["2", "5"]), (("draft,new",), ["3", "4"]), (("signed-off",), []),
])
def test_status_selects_which_segments_are_checked(statuses, expected):
    got = [i.rsplit("/", 1)[1] for i, _, _ in pairs("trados.sdlxliff", statuses=statuses)]
    assert got == expected


def test_unknown_status_is_refused():
    with pytest.raises(UsageError, match="unknown status done"):
        parse_statuses("translated,done")


def test_memoq_status_and_lock():
    segs = list(iter_xliff(DATA / "memoq.mqxliff"))
    assert [(s.unit, s.raw_status, s.status, s.locked) for s in segs] == [
        ("1", "ManuallyConfirmed", "translated", False), ("2", "PartiallyEdited", "draft", False),
        ("3", "NotStarted", "new", True), ("4", "NotStarted", "new", False)]
    assert [i for i, _, _ in pairs("memoq.mqxliff")] == ["1", "2", "4"]


def test_phrase_confirmed_and_locked():
    segs = list(iter_xliff(DATA / "phrase.mxliff"))
    assert [(s.status, s.locked) for s in segs] == [("translated", False), ("translated", True), ("translated", False)]
    assert [i for i, _, _ in pairs("phrase.mxliff")] == ["Ab3x:0", "Ab3x:2"]


def test_wordfast_states_and_lock():
    assert [(s.status, s.locked) for s in iter_xliff(DATA / "wordfast.txlf")] == [
        ("translated", False), ("signed-off", True), ("new", False)]


def test_xliff_11_without_namespace_translate_no_and_alt_trans_notes():
    got = list(XliffReader().read(DATA / "lingo-1.1.xlf"))
    assert [s.id for s in got] == ["t1", "t3"]  # translate="no" is never a pair
    assert got[1].note == "原文第3条"  # the alt-trans proposal's note does not leak in


def test_english_source_file_is_read_the_right_way_round():
    got = pairs("en-zh-1.2.xlf")
    assert got[0] == ("p1", "国务院", "The State Council")
    assert got[1] == ("p2", "", "The economy grew steadily this year.")
    statuses = [s.status for s in iter_xliff(DATA / "en-zh-1.2.xlf")]
    assert statuses == ["signed-off", "new", "translated", "translated"]


def test_xliff_20_ids_name_their_unit():
    assert [i for i, _, _ in pairs("xliff-2.0.xlf")] == ["u1/s1", "u2/s1", "u2/s2", "u4/s1"]
    [first] = [s for s in XliffReader().read(DATA / "xliff-2.0.xlf") if s.id == "u1/s1"]
    assert first.note == "标题"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_recognised_by_content_under_any_name(tmp_path, name):
    renamed = tmp_path / "export.dat"
    shutil.copyfile(DATA / name, renamed)
    assert sniff(renamed) == "xliff"
    assert [s.zh for s in iter_segments([renamed])] == [s.zh for s in iter_segments([DATA / name])]


def test_a_directory_picks_up_every_dialect():
    assert {Path(s.file).name for s in iter_segments([DATA])} == {p.name for p in DATA.iterdir()}


EXPECTED_RULES = {
    "trados.sdlxliff": {"number-mismatch", "empty-target", "tag-mismatch"},
    "memoq.mqxliff": {"empty-target", "tag-mismatch"},
    "wordfast.txlf": {"leftover-cjk", "target-untranslated"},
    "en-zh-1.2.xlf": {"empty-target", "target-untranslated", "tag-mismatch"},
    "xliff-2.0.xlf": {"empty-target", "tag-mismatch", "number-mismatch"},
    "phrase.mxliff": set(),
    "lingo-1.1.xlf": set(),
}


@pytest.mark.parametrize("name", sorted(EXPECTED_RULES))
def test_check_finds_what_each_sample_holds(tmp_path, name):
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["check", str(DATA / name), "-f", "json", "-o", str(out), "--jobs", "1"])
    assert result.exit_code == (1 if EXPECTED_RULES[name] else 0), result.output
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    assert {f["rule"] for f in findings} == EXPECTED_RULES[name]


def test_check_from_names_the_format_of_an_oddly_named_file(tmp_path):
    odd = tmp_path / "job.bak"
    odd.write_bytes(b"\x00not xml at all")
    result = runner.invoke(app, ["check", str(odd), "--from", "xliff", "--jobs", "1"])
    assert result.exit_code == 2 and "job.bak" in result.output


def test_check_status_option(tmp_path):
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["check", str(DATA / "trados.sdlxliff"), "--status", "draft", "-f", "json",
                                 "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert {f["rule"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"]} == {"number-mismatch"}


def test_import_from_a_cat_file_skips_untranslated_and_locked(tmp_path):
    out = tmp_path / "doc.yaml"
    result = runner.invoke(app, ["import", str(DATA / "memoq.mqxliff"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "imported 2 pairs" in result.output


# -- the real CAT-tool files (Okapi's test data) ------------------------------------------------

def _shared_files() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted(p for p in SHARED.rglob("*") if p.suffix in (".xlf", ".sdlxliff"))


needs_shared = pytest.mark.skipif(not _shared_files(), reason="../shared/data/xliff-samples is absent")


@needs_shared
def test_every_shared_sample_reads_or_fails_with_an_input_error():
    broken = []
    for path in _shared_files():
        try:
            list(XliffReader().read(path))
        except DuizhaoError as error:
            broken.append((path.name, error.message.splitlines()[0]))
    assert [name for name, _ in broken] == ["invalid_xml_entity.xlf"]


@needs_shared
def test_trados_pairs_are_the_seg_source_segments_minus_locked():
    xliff = "urn:oasis:names:tc:xliff:document:1.2"
    sdl = "http://sdl.com/FileTypes/SdlXliff/1.0"
    files = [p for p in _shared_files() if p.suffix == ".sdlxliff"]
    assert len(files) == 28
    for path in files:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
        marks = tree.xpath("//x:seg-source//x:mrk[@mtype='seg']", namespaces={"x": xliff})
        locked = tree.xpath("//s:seg[@locked='true']", namespaces={"s": sdl})
        assert len(list(XliffReader().read(path))) == len(marks) - len(locked), path.name


def test_the_pre_commit_hook_runs_on_every_cat_extension():
    import re

    import yaml

    from duizhao.formats import READERS

    hook = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    for ext in READERS["xliff"].extensions:
        assert re.search(hook["files"], f"work/job{ext}"), ext


def test_jobs_and_status_give_the_same_findings_in_parallel(tmp_path):
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.json"
        result = runner.invoke(app, ["check", str(DATA), "--status", "draft,new,translated", "-f", "json",
                                     "-o", str(out), "--jobs", jobs])
        assert result.exit_code == 1, result.output
        reports.append([(f["file"], f["segment"], f["rule"]) for f in json.loads(out.read_text("utf-8"))["findings"]])
    assert reports[0] == reports[1] and reports[0]
