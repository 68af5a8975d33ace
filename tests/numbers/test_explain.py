"""How a pair's figures were matched: a correct conversion is no finding, but ``--explain-figures`` shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.numbers.explain import explain_pair


@pytest.mark.parametrize(("zh", "en", "expected"), [
    # https://www.gov.cn/zhengce/2024-03/12/content_6939276.htm (GWR 2024: 粮食产量1.39万亿斤)
    ("粮食产量1.39万亿斤。", "Grain output reached 695 million metric tons.",
     ['zh 1.39万亿斤 ↔ en "695 million metric tons": converted, 1,390,000,000,000 jin × 0.0005 t/jin'
      " = 695,000,000 t"]),
    ("建设高标准农田6000亩", "built 400 hectares of high-standard farmland",
     ['zh 6000亩 ↔ en "400 hectares": converted, 6,000 mu × 1/15 ha/mu = 400 ha']),
    ("新增装机容量1210万千瓦", "added 12.1 GW of installed capacity",
     ['zh 1210万千瓦 ↔ en "12.1 GW": converted, 12,100,000 kW × 0.000001 GW/kW = 12.1 GW']),
    # a conversion rounds to the digits the English writes, and says so
    ("耕地面积19.18亿亩", "1.28 million square kilometres of farmland",
     ['zh 19.18亿亩 ↔ en "1.28 million square kilometres": converted, 1,918,000,000 mu × 1/1500 km²/mu'
      " ≈ 1,278,667 km², written 1,280,000 km²"]),
    ("增长5%左右", "up about 5 percent", ['zh 5%左右 ↔ en "about 5 percent": 5%']),
    ("发电量27亿千瓦时", "generated 27 billion kWh",
     ['number-mismatch: zh 27亿千瓦时 = 2,700,000,000 kWh, en "27 billion kWh" = 27,000,000,000 kWh: '
      "magnitude off by 10×"]),
    ("我们要继续努力。", "We must keep working.", []),
])
def test_explain_pair(zh: str, en: str, expected: list[str]) -> None:
    assert explain_pair(zh, en) == expected


CORPUS = """id: conversions
segments:
  - id: c1
    zh: 粮食产量1.39万亿斤。
    en: Grain output reached 695 million metric tons.
  - id: c2
    zh: 我们要继续努力。
    en: We must keep working.
"""


def test_check_explain_figures_shows_a_correct_conversion(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pairs.yaml").write_text(CORPUS, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "pairs.yaml", "--explain-figures"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        "figures, pair by pair:\n"
        "pairs.yaml:3 [c1]\n"
        '  zh 1.39万亿斤 ↔ en "695 million metric tons": converted, 1,390,000,000,000 jin × 0.0005 t/jin'
        " = 695,000,000 t\n")
    plain = CliRunner().invoke(app, ["check", "pairs.yaml"])
    assert plain.exit_code == 0 and "converted" not in plain.stdout  # no finding for a correct conversion


def test_explain_figures_is_for_the_text_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pairs.yaml").write_text(CORPUS, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", "pairs.yaml", "--explain-figures", "-f", "json"])
    assert result.exit_code == 2
    assert "--explain-figures goes with --format text" in result.output
