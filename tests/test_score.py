"""Scoring: the same numbers as sacrebleu's own CLI, and the official WMT scores."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.errors import InputError, UsageError
from duizhao.score import score_files

HYP = [
    "The State Council issued the plan on Monday.",
    "GDP grew by 5.2 percent in 2023.",
    "We will deepen reform and opening up.  ",
    "Photo of the poster",
]
REF_A = [
    "The State Council released the plan on Monday.",
    "GDP grew 5.2 percent in 2023.",
    "We will further deepen reform and opening-up.",
    "A poster of the event.",
]
REF_B = [
    "On Monday the State Council issued the plan.",
    "In 2023 GDP rose by 5.2%.",
    "Reform and opening up will be deepened.",
    "The event poster.",
]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    paths = []
    for name, lines in (("hyp.en", HYP), ("refA.en", REF_A), ("refB.en", REF_B)):
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1], paths[2]


def _sacrebleu_cli(hyp: Path, refs: list[Path]) -> dict[str, dict]:
    exe = shutil.which("sacrebleu") or str(Path(sys.executable).parent / "sacrebleu")
    if not Path(exe).exists():
        pytest.skip("the sacrebleu command is not installed")
    out = subprocess.run([exe, *map(str, refs), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "-w", "4"],
                         check=True, capture_output=True, text=True).stdout
    return {entry["name"][:4].lower(): entry for entry in json.loads(out)}


@pytest.mark.parametrize("nrefs", [1, 2])
def test_equals_sacrebleu_cli(files: tuple[Path, Path, Path], nrefs: int) -> None:
    hyp, *refs = files
    refs = refs[:nrefs]
    expected = _sacrebleu_cli(hyp, refs)
    result = CliRunner().invoke(app, ["score", str(hyp), *map(str, refs), "--format", "json"])
    assert result.exit_code == 0, result.output
    ours = json.loads(result.output)
    for metric in ("bleu", "chrf", "ter"):
        assert round(ours[metric], 4) == expected[metric]["score"]
        assert ours["signatures"][metric] == expected[metric]["signature"]


def test_text_output_and_worst_segments(files: tuple[Path, Path, Path]) -> None:
    hyp, ref, _ = files
    result = CliRunner().invoke(app, ["score", str(hyp), str(ref), "--segments", "--worst", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("BLEU = ")
    assert "nrefs:1|case:mixed|eff:no|tok:13a" in result.output
    assert f"{hyp}:4: chrF" in result.output  # "Photo of the poster" is the worst line
    data = json.loads(CliRunner().invoke(app, ["score", str(hyp), str(ref), "--segments", "-f", "json"]).output)
    assert [s["line"] for s in data["segments"]] == [1, 2, 3, 4]
    assert data["worst"][0]["line"] == 4


def test_line_count_mismatch_is_an_input_error(files: tuple[Path, Path, Path], tmp_path: Path) -> None:
    hyp, ref, _ = files
    short = tmp_path / "short.en"
    short.write_text("one line\n", encoding="utf-8")
    with pytest.raises(InputError, match="has 1 lines"):
        score_files(hyp, [short])
    result = CliRunner().invoke(app, ["score", str(hyp), str(short)])
    assert result.exit_code == 2 and "short.en" in result.output
    with pytest.raises(UsageError):
        score_files(hyp, [ref], metrics=["meteor"])
    empty = tmp_path / "empty.en"
    empty.write_text("", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(empty), str(empty)])
    assert result.exit_code == 2 and "nothing to score" in result.output


# ------------------------------------------------------------------ official WMT scores


def _official(folder: Path) -> dict[tuple[str, str], float]:
    with open(folder / "automatic-scores.tsv", encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {(r["system"], r["metric"]): float(r["score"]) for r in rows if r["pair"] == "zh-en"}


@pytest.mark.parametrize("system", ["NiuTrans", "Online-B"])
def test_wmt21_official_bleu_and_chrf(shared_data: Path, system: str) -> None:
    folder = shared_data / "wmt21-newstest-zhen"
    official = _official(folder)
    result = score_files(folder / f"newstest2021.zh-en.hyp.{system}.en", [folder / "newstest2021.zh-en.ref.A.en"],
                         metrics=["bleu", "chrf"])
    assert result.bleu == pytest.approx(official[(system, "bleu-A")], abs=1e-9)
    assert result.chrf == pytest.approx(official[(system, "chrf-A")], abs=1e-9)


def test_wmt22_multi_reference(shared_data: Path) -> None:
    folder = shared_data / "wmt22-general-zhen"
    official = _official(folder)
    hyp = folder / "generaltest2022.zh-en.hyp.JDExploreAcademy.en"
    ref_a, ref_b = (folder / f"generaltest2022.zh-en.ref.{r}.en" for r in "AB")
    single = score_files(hyp, [ref_a], metrics=["bleu", "chrf"])
    both = score_files(hyp, [ref_a, ref_b], metrics=["bleu", "chrf"])
    assert single.bleu == pytest.approx(official[("JDExploreAcademy", "bleu-A")], abs=1e-9)
    assert single.chrf == pytest.approx(official[("JDExploreAcademy", "chrf-A")], abs=1e-9)
    assert both.bleu == pytest.approx(official[("JDExploreAcademy", "bleu-all")], abs=1e-9)
    assert both.signatures["bleu"].startswith("nrefs:2|")
    # The official two-reference chrF differs in the 4th decimal (presumably another sacrebleu version).
    assert both.chrf == pytest.approx(official[("JDExploreAcademy", "chrf-all")], abs=0.01)
