"""The known real error in the WMT21 reference is caught (skipped when ../shared/data is absent)."""

from __future__ import annotations

from pathlib import Path

from duizhao.numbers import compare_pair
from duizhao.numbers.model import MISMATCH


def test_wmt21_line_991_2030wan_as_203_million(shared_data: Path) -> None:
    lines = (shared_data / "wmt21-newstest-zhen" / "pairs.tsv").read_text(encoding="utf-8").splitlines()
    zh, en = lines[990].split("\t")
    assert "2030万元" in zh and "203 million yuan" in en
    errors = [i for i in compare_pair(zh, en) if i.code == MISMATCH]
    assert len(errors) == 1
    assert errors[0].message == ('zh 2030万 = 20,300,000, en "203 million" = 203,000,000: magnitude off by 10×')
    corrected = en.replace("203 million", "20.3 million")
    assert compare_pair(zh, corrected) == []
