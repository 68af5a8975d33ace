"""The workbench's state, without a browser: open, check, edit, undo, decide, fix, export, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duizhao.errors import DuizhaoError, InputError
from duizhao.formats import iter_segments
from duizhao.glossary import load_glossary
from duizhao.workbench.session import Workspace

REPO = Path(__file__).resolve().parents[2]
ZH = "加快发展新质生产力。\n新增就业1.4万人。\n祝愿全市人民幸福安康！"
EN_DAMAGED = "We will speed up new quality productivity.\nThere were 140,000 new jobs.\nWe wish all citizens happiness."


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(REPO / "glossary")


@pytest.fixture
def workspace(tmp_path: Path, glossary):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.tsv").write_text(
        "id\tzh\ten\ns1\t加快发展新质生产力。\tWe will speed up new quality productivity.\n", encoding="utf-8")
    (tmp_path / "secret.tsv").write_text("id\tzh\ten\nx\t你好\thello\n", encoding="utf-8")
    space = Workspace([tmp_path / "corpus"], glossary)
    yield space
    space.close()


def rules_of(view: dict) -> set[tuple[int, str]]:
    return {(p["index"], f["rule"]) for p in view["pairs"] for f in p["findings"]}


def test_paste_aligns_and_reports_the_figure_and_the_forbidden_rendering(workspace) -> None:
    doc = workspace.open_paste(ZH, EN_DAMAGED)
    found = rules_of(workspace.view(doc.key))
    assert (0, "term-forbidden") in found and (1, "number-mismatch") in found
    assert len(doc.segments) == 3


def test_fixing_both_in_place_makes_the_findings_disappear_and_undo_brings_them_back(workspace) -> None:
    doc = workspace.open_paste(ZH, EN_DAMAGED)
    forbidden = next(f for f in workspace.view(doc.key)["pairs"][0]["findings"] if f["rule"] == "term-forbidden")
    assert forbidden["fix"] == "new quality productive forces"
    workspace.accept_fix(doc.key, forbidden["fingerprint"])
    workspace.edit(doc.key, 1, "There were 14,000 new jobs.")
    view = workspace.view(doc.key)
    assert view["pairs"][0]["en"] == "We will speed up new quality productive forces."
    assert not {r for _, r in rules_of(view)} & {"term-forbidden", "number-mismatch"}
    workspace.undo(doc.key)
    assert (1, "number-mismatch") in rules_of(workspace.view(doc.key))


def test_false_positive_decisions_become_a_baseline_and_suppressions(workspace, tmp_path: Path) -> None:
    doc = workspace.open_path("a.tsv")
    finding = workspace.view(doc.key)["pairs"][0]["findings"][0]
    workspace.decide(doc.key, finding["fingerprint"], "quoted from a 2019 text")
    baseline = json.loads(workspace.baseline(doc.key))
    assert [e["rule"] for e in baseline["entries"]] == [finding["rule"]]
    name, data = workspace.export(doc.key, "yaml")
    exported = tmp_path / name
    exported.write_bytes(data)
    segment = next(iter_segments([exported]))
    assert segment.ignore == {finding["rule"]: "quoted from a 2019 text"}


def test_exports_read_back_with_the_library_readers(workspace, tmp_path: Path) -> None:
    doc = workspace.open_paste(ZH, EN_DAMAGED)
    workspace.edit(doc.key, 1, "There were 14,000 new jobs.")
    for format_name in ("tsv", "tmx", "yaml", "jsonl"):
        name, data = workspace.export(doc.key, format_name)
        path = tmp_path / name
        path.write_bytes(data)
        assert [s.en for s in iter_segments([path])][1] == "There were 14,000 new jobs."


def test_reports_in_every_format(workspace) -> None:
    doc = workspace.open_paste(ZH, EN_DAMAGED)
    for format_name in ("json", "sarif", "html", "text", "junit", "codequality", "markdown", "github"):
        assert "number-mismatch" in workspace.report(doc.key, format_name)


def test_files_outside_the_roots_are_refused(workspace) -> None:
    for sneaky in ("../secret.tsv", "/etc/passwd", "../../etc/hosts"):
        with pytest.raises(InputError):
            workspace.open_path(sneaky)
    assert workspace.openable() == ["a.tsv"]


def test_uploads_are_size_limited_and_never_a_path(workspace, tmp_path: Path) -> None:
    workspace.max_upload = 100
    with pytest.raises(InputError):
        workspace.open_upload("big.tsv", b"x" * 101)
    workspace.max_upload = 10_000
    doc = workspace.open_upload("../../evil.tsv", "你好\thello 5\n".encode())
    assert doc.name == "evil.tsv" and not (tmp_path / "evil.tsv").exists()
    with pytest.raises(DuizhaoError):
        workspace.open_upload("broken.tmx", b"<tmx><body><tu>")


def test_save_keeps_a_backup_and_writes_the_corrected_file(workspace, tmp_path: Path) -> None:
    doc = workspace.open_path("a.tsv")
    original = (tmp_path / "corpus" / "a.tsv").read_bytes()
    workspace.edit(doc.key, 0, "We will speed up new quality productive forces.")
    workspace.save(doc.key)
    assert (tmp_path / "corpus" / "a.tsv.bak").read_bytes() == original
    assert [s.en for s in iter_segments([tmp_path / "corpus" / "a.tsv"])] == [
        "We will speed up new quality productive forces."]


def test_glossary_search_in_both_languages_and_scripts(workspace) -> None:
    assert any(t["zh"] == "新质生产力" for t in workspace.search_glossary("新質生產力"))  # Traditional query
    assert any(t["zh"] == "新质生产力" for t in workspace.search_glossary("quality productive"))
    entry = workspace.term("新质生产力")
    assert entry["en"] == "new quality productive forces" and "new quality productivity" in [
        f.lower() for f in entry["forbidden"]]


def test_the_workbench_applies_the_configured_checklists_and_proposed_severity(tmp_path, glossary) -> None:
    from duizhao.config import load_config

    (tmp_path / "duizhao.toml").write_text(
        'proposed-severity = "error"\n[[patterns]]\nzh = "人民币"\nen = "\\\\bRMB\\\\b"\nexpect = "must-not"\n'
        'severity = "error"\nmessage = "never RMB"\n', encoding="utf-8")
    config = load_config(tmp_path / "duizhao.toml")
    space = Workspace([tmp_path], glossary, rule_options=config.rule_options,
                      proposed_severity=config.proposed_severity)
    try:
        doc = space.open_paste("收入100亿元人民币。\n四下基层。", "Income was 10 billion RMB.\nFour visits.")
        found = {(f["rule"], f["severity"]) for p in space.view(doc.key)["pairs"] for f in p["findings"]}
        assert ("pattern-violated", "error") in found
        assert ("term-missing", "error") in found  # 四下基层 is proposed: an error only because configured so
    finally:
        space.close()
