"""The reviewer's spreadsheet (--format xlsx / csv) and `baseline from-sheet` back into a baseline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.model import Span
from duizhao.report.sheet import COLUMNS, as_text, marked
from tests.conftest import REPO_ROOT

openpyxl = pytest.importorskip("openpyxl")

DATA = REPO_ROOT / "tests" / "formats" / "data" / "cat"
GLOSSARY = REPO_ROOT / "glossary"
runner = CliRunner()


def check(*args: str) -> None:
    result = runner.invoke(app, ["check", *args, "-g", str(GLOSSARY), "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output


def test_marked_spans():
    assert marked("grew by 5.3%", [Span("en", 8, 12)], "en") == "grew by ⟦5.3%⟧"
    assert marked("abc", [Span("en", 1, 1), Span("zh", 0, 1)], "en") == "a⟦⟧bc"


def test_formula_like_cells_are_text():
    assert as_text("=HYPERLINK(1)") == "'=HYPERLINK(1)" and as_text("-5%") == "'-5%" and as_text("ok") == "ok"


def test_xlsx_sheet(tmp_path):
    out = tmp_path / "review.xlsx"
    check(str(DATA / "trados.sdlxliff"), str(DATA / "en-zh-1.2.xlf"), "-f", "xlsx", "-o", str(out))
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:J")
    assert sheet["C2"].alignment.wrap_text
    by_rule = {r[4]: r for r in rows[1:]}
    number = by_rule["number-mismatch"]
    assert number[1] == "3"  # Trados' segment number, not the unit GUID
    assert number[9].endswith("/3")
    assert "⟦5.3%⟧" in number[3] and number[7] is None and number[8] is None
    untranslated = by_rule["target-untranslated"]
    assert untranslated[2] == untranslated[3] == "Press release for immediate use"  # en→zh: source is English


def test_csv_sheet_has_a_bom_and_the_same_rows(tmp_path):
    out = tmp_path / "review.csv"
    check(str(DATA / "xliff-2.0.xlf"), "-f", "csv", "-o", str(out))
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert [(r[1], r[4]) for r in rows[1:]] == [("u2/s1", "tag-mismatch"), ("u2/s2", "empty-target"),
                                                ("u4/s1", "number-mismatch")]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_rows_marked_false_positive_become_baseline_entries(tmp_path, fmt):
    sample = DATA / "trados.sdlxliff"
    sheet_path = tmp_path / f"review.{fmt}"
    check(str(sample), "-f", fmt, "-o", str(sheet_path))
    if fmt == "xlsx":
        book = openpyxl.load_workbook(sheet_path)
        sheet = book.active
        for row in sheet.iter_rows(min_row=2):
            if row[4].value == "number-mismatch":
                row[7].value = "False positive"
                row[8].value = "the source rounds"
        book.save(sheet_path)
    else:
        rows = list(csv.reader(io.StringIO(sheet_path.read_text(encoding="utf-8-sig"))))
        for row in rows[1:]:
            if row[4] == "number-mismatch":
                row[7] = "误报"
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        sheet_path.write_text(buffer.getvalue(), encoding="utf-8")
    baseline = tmp_path / ".duizhao-baseline.json"
    result = runner.invoke(app, ["baseline", "from-sheet", str(sheet_path), "-o", str(baseline)])
    assert result.exit_code == 0, result.output
    assert "wrote 1 of 3 row(s)" in result.output
    entries = json.loads(baseline.read_text(encoding="utf-8"))["entries"]
    assert [e["rule"] for e in entries] == ["number-mismatch"]
    report = tmp_path / "after.json"
    check(str(sample), "--baseline", str(baseline), "-f", "json", "-o", str(report))
    rules = {f["rule"] for f in json.loads(report.read_text(encoding="utf-8"))["findings"]}
    assert rules == {"empty-target", "tag-mismatch"}


def test_from_sheet_refuses_a_sheet_that_is_not_one(tmp_path):
    other = tmp_path / "x.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(app, ["baseline", "from-sheet", str(other), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "not a duizhao review sheet" in result.output
    broken = tmp_path / "x.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    result = runner.invoke(app, ["baseline", "from-sheet", str(broken), "-o", str(tmp_path / "b.json")])
    assert result.exit_code == 2 and "not a readable XLSX" in result.output


def test_from_sheet_refuses_to_overwrite_the_sheet(tmp_path):
    sheet = tmp_path / "s.csv"
    sheet.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["baseline", "from-sheet", str(sheet), "-o", str(sheet)])
    assert result.exit_code == 2
    assert Path(sheet).read_text(encoding="utf-8").startswith("file,")
