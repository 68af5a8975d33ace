"""annotate: findings inserted where each CAT tool shows them, nothing else changed, re-annotation replaces."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.formats.annotate import annotate, decode, strip_annotations
from duizhao.formats.xliff import XliffReader, iter_xliff
from duizhao.model import Finding, Location, Severity
from tests.conftest import REPO_ROOT

DATA = Path(__file__).parent / "data" / "cat"
SHARED = REPO_ROOT.parent / "shared" / "data" / "xliff-samples"
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
runner = CliRunner()


def every_segment_findings(path: Path, file: Path | None = None) -> list[Finding]:
    """One finding per checked segment (two on every third), so that every kind of insertion happens."""
    out = []
    for n, seg in enumerate(XliffReader().read(path)):
        for k in range(1 + (n % 3 == 0)):
            out.append(Finding(rule="test-rule", severity=SEVERITIES[(n + k) % 3], message=f"finding {n}.{k} <&>",
                               location=Location(file=str(file or path), line=seg.line, segment=seg.id)))
    return out


_TOKENS = re.compile(r"<[^>]*>|[^<]+")


def only_insertions(before: str, after: str) -> bool:
    """True when ``after`` is ``before`` with whole tags and texts inserted (``before``'s tokens are a
    subsequence of ``after``'s, and nothing else of ``before`` is missing)."""
    wanted = iter(_TOKENS.findall(before))
    current = next(wanted, None)
    for token in _TOKENS.findall(after):
        if token == current:
            current = next(wanted, None)
    return current is None


def pairs_of(path: Path) -> list[tuple[str, str, str, int]]:
    return [(s.id, s.zh, s.en, s.line) for s in XliffReader().read(path)]


def round_trip(path: Path, tmp_path: Path, *, again: bool = True) -> None:
    findings = every_segment_findings(path)
    original = path.read_bytes()
    annotated = annotate(path, findings)
    _, _, before = decode(original, str(path))
    _, _, after = decode(annotated, str(path))
    assert only_insertions(before, after), path.name
    assert strip_annotations(after, str(path)) == before
    out = tmp_path / ("annotated" + path.suffix)
    out.write_bytes(annotated)
    etree.parse(str(out), etree.XMLParser(resolve_entities=False, no_network=True))  # well-formed
    assert [p[:3] for p in pairs_of(out)] == [p[:3] for p in pairs_of(path)]
    if not again:
        return
    assert annotate(out, every_segment_findings(path, out)) == annotated  # re-annotating replaces, never adds
    if findings:
        assert annotated != original
        assert annotate(out, []) == original  # no findings now: the earlier notes go


def test_only_insertions_tells_an_edit_from_an_insertion():
    assert only_insertions("<a>x</a><b/>", "<a>x<n>new</n></a><b/>")
    assert not only_insertions("<a>x</a><b/>", "<a>y</a><b/>")
    assert not only_insertions("<a>x</a><b/>", "<a>x</a>")


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_own_samples_round_trip(tmp_path, name):
    round_trip(DATA / name, tmp_path)


def _shared() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted(p for p in SHARED.rglob("*")
                  if p.suffix in (".xlf", ".sdlxliff") and p.name != "invalid_xml_entity.xlf")


@pytest.mark.skipif(not _shared(), reason="../shared/data/xliff-samples is absent")
def test_every_shared_sample_round_trips(tmp_path):
    for path in _shared():
        round_trip(path, tmp_path, again=path.suffix == ".sdlxliff")


def notes_in(path: Path) -> list[str]:
    return [n for s in iter_xliff(path) for n in s.note.splitlines() if "finding" in n]


def test_xliff12_notes_are_read_back_as_notes(tmp_path):
    src = DATA / "en-zh-1.2.xlf"
    out = tmp_path / "out.xlf"
    out.write_bytes(annotate(src, every_segment_findings(src)))
    text = out.read_text(encoding="utf-8")
    note = '<note from="duizhao" priority="1" annotates="target">test-rule (error): finding 0.0 &lt;&amp;&gt;</note>'
    assert note in text
    assert len(notes_in(out)) == 6


def test_xliff20_notes_go_first_in_the_unit(tmp_path):
    src = DATA / "xliff-2.0.xlf"
    out = tmp_path / "out.xlf"
    out.write_bytes(annotate(src, every_segment_findings(src)))
    root = etree.parse(str(out)).getroot()
    ns = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
    for unit in root.iterfind(".//x:unit", ns):
        notes = unit.findall("x:notes/x:note[@category='duizhao']", ns)
        if notes:
            assert etree.QName(unit[0]).localname == "notes"
    u2 = [n.text for n in root.iterfind(".//x:unit[@id='u2']/x:notes/x:note", ns)]
    assert u2 == ["[u2/s1] test-rule (warning): finding 1.0 <&>", "[u2/s2] test-rule (info): finding 2.0 <&>"]
    u1 = [n.get("category") for n in root.iterfind(".//x:unit[@id='u1']/x:notes/x:note", ns)]
    assert u1 == ["context", "duizhao", "duizhao"]  # added to the unit's own notes


def test_trados_comments(tmp_path):
    src = DATA / "trados.sdlxliff"
    out = tmp_path / "out.sdlxliff"
    out.write_bytes(annotate(src, every_segment_findings(src)))
    root = etree.parse(str(out)).getroot()
    sdl = "http://sdl.com/FileTypes/SdlXliff/1.0"
    defs = root.findall(f"{{{sdl}}}doc-info/{{{sdl}}}cmt-defs/{{{sdl}}}cmt-def")
    marks = root.findall(".//{urn:oasis:names:tc:xliff:document:1.2}mrk[@mtype='x-sdl-comment']")
    assert len(defs) == len(marks) == 4
    assert {m.get(f"{{{sdl}}}cid") for m in marks} == {d.get("id") for d in defs}
    comments = [c.get("severity") for d in defs for c in d.iter("Comment")]
    assert comments[:2] == ["High", "Medium"]
    assert all(c.get("user") == "duizhao" for d in defs for c in d.iter("Comment"))


def test_memoq_comments(tmp_path):
    src = DATA / "memoq.mqxliff"
    out = tmp_path / "out.mqxliff"
    out.write_bytes(annotate(src, every_segment_findings(src)))
    root = etree.parse(str(out)).getroot()
    comments = root.findall(".//{MQXliff}comments/{MQXliff}comment")
    assert [c.get("creatoruser") for c in comments] == ["duizhao"] * 4


def test_cli_annotate_writes_atomically_and_refuses_the_input(tmp_path):
    src = tmp_path / "job.sdlxliff"
    shutil.copyfile(DATA / "trados.sdlxliff", src)
    out = tmp_path / "reviewed.sdlxliff"
    result = runner.invoke(app, ["annotate", str(src), "-o", str(out), "-g", str(REPO_ROOT / "glossary")])
    assert result.exit_code == 1, result.output
    assert "wrote 3 finding(s)" in result.output
    assert [p[:3] for p in pairs_of(out)] == [p[:3] for p in pairs_of(src)]
    before = src.read_bytes()
    refused = runner.invoke(app, ["annotate", str(src), "-o", str(src), "-g", str(REPO_ROOT / "glossary")])
    assert refused.exit_code == 2 and src.read_bytes() == before
    again = runner.invoke(app, ["annotate", str(out), "-o", str(tmp_path / "again.sdlxliff"),
                                "-g", str(REPO_ROOT / "glossary")])
    assert again.exit_code == 1 and (tmp_path / "again.sdlxliff").read_bytes() == out.read_bytes()


def test_cli_annotate_bad_input_is_one_line(tmp_path):
    bad = tmp_path / "bad.xlf"
    bad.write_text("<xliff version='1.2'><file><body><trans-unit id='1'>", encoding="utf-8")
    result = runner.invoke(app, ["annotate", str(bad), "-o", str(tmp_path / "o.xlf")])
    assert result.exit_code == 2
    assert not (tmp_path / "o.xlf").exists()


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_re_reading_gives_the_same_pairs_plus_the_notes(tmp_path, name):
    src = DATA / name
    out = tmp_path / ("annotated" + src.suffix)
    findings = every_segment_findings(src)
    out.write_bytes(annotate(src, findings))
    before = {s.id: s for s in XliffReader().read(src)}
    after = {s.id: s for s in XliffReader().read(out)}
    assert [(s.id, s.zh, s.en, s.props) for s in before.values()] == [(s.id, s.zh, s.en, s.props)
                                                                     for s in after.values()]
    for finding in findings:
        seg = after[finding.location.segment]
        assert f"test-rule ({finding.severity}): {finding.message}" in seg.note, (name, seg.id, seg.note)
        assert before[seg.id].note in seg.note
