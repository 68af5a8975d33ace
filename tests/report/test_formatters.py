"""Formatter details the golden files do not isolate: escaping, highlighting, overlaps."""

from __future__ import annotations

import io

import pytest

from duizhao.checks.base import PairContext
from duizhao.model import DocumentInfo, Finding, Location, Segment, Severity, Span
from duizhao.pairviews import PairView, view_of
from duizhao.report import RunInfo, render
from duizhao.report.github import command, escape_property
from duizhao.report.html import HtmlFormatter, Mark, render_marked
from duizhao.report.sarif import artifact_uri
from duizhao.report.text import TextFormatter

DOC = DocumentInfo(id="d", file="corpus/d.yaml")
SEG = Segment(id="s1", zh="云中声谷品牌", en="the 云中声谷 brand", doc=DOC, line=4)
FINDING = Finding("leftover-cjk", Severity.ERROR, "Chinese text left in the English: 云中声谷",
                  Location("corpus/d.yaml", 4, "s1", "d"), spans=(Span("en", 4, 8),))
SUMMARY = {"segments": 1, "files": 1, "errors": 1, "warnings": 0, "infos": 0, "suppressed": 0, "by_rule": {}}


def run_info(**kw) -> RunInfo:
    return RunInfo(version="0", signature="sig", **kw)


def views(*segments: Segment) -> list[PairView]:
    """The pair views a check run records for ``segments`` (no glossary)."""
    return [view_of(PairContext(segment, None)) for segment in segments]


def test_text_on_a_terminal_highlights_the_span_and_plain_does_not():
    coloured, plain = io.StringIO(), io.StringIO()
    render(TextFormatter(coloured, run_info(pairs=views(SEG)), color=True), [FINDING], SUMMARY)
    render(TextFormatter(plain, run_info(), color=False), [FINDING], SUMMARY)
    assert "\x1b[" in coloured.getvalue() and "en: the 云中声谷 brand" in _strip_ansi(coloured.getvalue())
    assert "\x1b[7" in coloured.getvalue() or ";7m" in coloured.getvalue()  # reverse video on the span
    assert "\x1b[" not in plain.getvalue()
    assert plain.getvalue().splitlines()[1] == "  corpus/d.yaml:4: error leftover-cjk [s1] " + FINDING.message


def test_text_asks_for_pair_views_only_on_a_terminal():
    assert TextFormatter.needs_pairs(color=True) and not TextFormatter.needs_pairs(color=False)
    out = io.StringIO()
    render(TextFormatter(out, run_info(), color=True), [FINDING], SUMMARY)  # no views: the lines alone
    assert "leftover-cjk" in _strip_ansi(out.getvalue()) and "en: the" not in _strip_ansi(out.getvalue())


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a:b,c", "a%3Ab%2Cc"), ("50%\nnext", "50%25%0Anext"), ("plain", "plain")],
)
def test_github_property_escaping(text, escaped):
    assert escape_property(text) == escaped


def test_github_command_cannot_be_broken_by_a_message():
    finding = Finding("x-rule", Severity.WARNING, "line one\n::error::injected", Location("a,b.yaml", 2, "s:1"))
    line = command(finding)
    assert "\n" not in line
    assert line.startswith("::warning file=a%2Cb.yaml,line=2,title=x-rule [s%3A1]::line one%0A::error::injected")


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], "a&lt;b&gt;c"),
        ([Mark(1, 4, "term", 'say "x"')], 'a<span class="term" title="say &quot;x&quot;">&lt;b&gt;</span>c'),
        # overlapping marks are cut at every boundary, never mis-nested
        ([Mark(0, 3, "term"), Mark(2, 5, "figure")],
         '<span class="term">a&lt;</span><span class="term figure">b</span><span class="figure">&gt;c</span>'),
        ([Mark(3, 99, "term")], "a&lt;b&gt;c"),  # out-of-range marks are dropped
    ],
)
def test_render_marked(marks, expected):
    assert render_marked("a<b>c", marks) == expected


def test_html_reduced_view_shows_only_pairs_with_findings_and_context(monkeypatch):
    import duizhao.report.html as html_mod

    monkeypatch.setattr(html_mod, "FULL_VIEW_LIMIT", 5)
    segments = [Segment(id=f"s{i}", zh=f"第{i}句", en=f"Sentence {i}", doc=DOC, line=i) for i in range(1, 21)]
    finding = Finding("empty-target", Severity.ERROR, "m", Location("corpus/d.yaml", 10, "s10", "d"))
    out = io.StringIO()
    render(HtmlFormatter(out, run_info(pairs=views(*segments))), [finding], {**SUMMARY, "segments": 20})
    page = out.getvalue()
    shown = [s.id for s in segments if f">{s.id}<" in page]
    assert shown == ["s9", "s10", "s11"]
    assert "… 8 pair(s) without findings …" in page and "… 9 pair(s) without findings …" in page


def test_html_lists_findings_it_cannot_place_and_works_without_inputs():
    out = io.StringIO()
    render(HtmlFormatter(out, run_info()), [FINDING], SUMMARY)
    assert "Other findings" in out.getvalue() and "leftover-cjk" in out.getvalue()


@pytest.mark.parametrize(
    ("file", "uri"),
    [("corpus/a b.yaml", "corpus/a%20b.yaml"), ("./corpus/大同.yaml", "corpus/%E5%A4%A7%E5%90%8C.yaml"),
     ("/abs/x.yaml", "file:///abs/x.yaml")],
)
def test_sarif_artifact_uri(file, uri):
    assert artifact_uri(file) == uri


def test_html_anchors_are_segment_ids_and_single_file_runs_use_the_bare_id(tmp_path) -> None:
    from typer.testing import CliRunner

    from duizhao.cli import app

    corpus = tmp_path / "a.tsv"
    corpus.write_text("id\tzh\ten\ns017\t新增就业1.4万人。\tThere were 14 new jobs.\ns017\t你好\thello\n",
                      encoding="utf-8")
    (tmp_path / "g").mkdir()
    page = CliRunner().invoke(app, ["check", str(corpus), "-g", str(tmp_path / "g"), "-f", "html"]).stdout
    assert 'id="s017"' in page and 'href="#s017"' in page and 'id="s017~2"' in page
    assert 'data-fingerprint="' in page and 'class="fp"' in page


def test_the_registry_names_each_format_by_its_own_name():
    from duizhao.report import FORMATTERS, REGISTRY, Formatter

    assert list(FORMATTERS) == list(REGISTRY)
    for name, cls in FORMATTERS.items():
        assert issubclass(cls, Formatter) and cls.name == name


def test_choosing_a_format_imports_that_format_alone():
    import subprocess
    import sys

    code = ("import sys; from duizhao.report import formatter_class; formatter_class('json'); "
            "print(sorted(m for m in sys.modules if m.startswith('duizhao.report.') or m in ('lxml', 'rich')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['duizhao.report.base', 'duizhao.report.json']"
