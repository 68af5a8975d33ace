"""Termbase exports: stable concept ids and proposed entries admitted, never preferred."""

from __future__ import annotations

import csv

from duizhao.formats.glossary_csv import read_csv, write_csv
from duizhao.formats.tbx import TBX_NS, build_tbx, read_tbx, write_tbx
from duizhao.glossary.interchange import ADMITTED, PREFERRED, concept_id, concept_ids, rendering_statuses
from duizhao.model import Term

APPROVED = Term(zh="乡村振兴", en="rural revitalization", variants=("rural revitalisation",),
                forbidden=("rural rejuvenation",))
PROPOSED = Term(zh="云中声谷", en="Yunzhong Sound Valley", status="proposed")
OTHER = Term(zh="高质量发展", en="high-quality development")


def _ids(terms: list[Term]) -> dict[str, str]:
    root = build_tbx(terms)
    return {entry.find(f".//{{{TBX_NS}}}term").text: entry.get("id")
            for entry in root.iter(f"{{{TBX_NS}}}conceptEntry")}


def test_ids_do_not_depend_on_load_order_or_other_entries():
    before = _ids([APPROVED, PROPOSED])
    after = _ids([OTHER, PROPOSED, APPROVED])
    assert before["乡村振兴"] == after["乡村振兴"] and before["云中声谷"] == after["云中声谷"]
    assert len(set(after.values())) == 3


def test_one_term_in_either_script_has_one_id_and_duplicates_stay_unique():
    assert concept_id(Term(zh="鄉村振興", en="x")) == concept_id(APPROVED)
    assert concept_ids([APPROVED, APPROVED]) == [concept_id(APPROVED), concept_id(APPROVED) + "-2"]


def test_only_an_approved_rendering_is_preferred():
    assert rendering_statuses(APPROVED)[0] == ("rural revitalization", PREFERRED)
    assert rendering_statuses(PROPOSED) == [("Yunzhong Sound Valley", ADMITTED)]


def test_tbx_marks_a_proposed_rendering_admitted_and_reads_it_back(tmp_path):
    path = tmp_path / "g.tbx"
    write_tbx([APPROVED, PROPOSED], path)
    statuses = {}
    for entry in build_tbx([APPROVED, PROPOSED]).iter(f"{{{TBX_NS}}}conceptEntry"):
        zh, en = entry.findall(f"{{{TBX_NS}}}langSec")
        notes = [n.text for n in en.iter(f"{{{TBX_NS}}}termNote")]
        statuses[zh.find(f".//{{{TBX_NS}}}term").text] = notes
    assert statuses["云中声谷"] == ["admittedTerm-admn-sts"]
    assert statuses["乡村振兴"] == ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"]
    back = {t.zh: t for t in read_tbx(path)}
    assert back["云中声谷"].en == "Yunzhong Sound Valley" and back["云中声谷"].status == "proposed"
    assert back["乡村振兴"].en == "rural revitalization" and back["乡村振兴"].status == "approved"


def test_csv_gives_status_of_the_english_and_a_stable_id(tmp_path):
    path = tmp_path / "g.csv"
    write_csv([APPROVED, PROPOSED], path)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["English_Status"], r["Entry_ID"]) for r in rows] == [
        ("preferred", concept_id(APPROVED)), ("admitted", concept_id(PROPOSED))]
    assert [t.status for t in read_csv(path)] == ["approved", "proposed"]
