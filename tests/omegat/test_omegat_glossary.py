"""OmegaT 3.6 itself loads duizhao's glossary exports: TBX v2 (``--format tbx2``) and its own TSV (``--format omegat``).

``GlossaryCheck.java`` calls OmegaT's glossary readers (``GlossaryReaderTBX``, ``GlossaryReaderTSV``) in
a project set to zh-CN → en and prints what they loaded; skipped when OmegaT or Java is absent.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao.cli import app
from duizhao.glossary import load_glossary
from duizhao.glossary.interchange import rendering_statuses

JAR = Path("/usr/share/omegat/OmegaT.jar")
CHECK = Path(__file__).with_name("GlossaryCheck.java")
GLOSSARY = Path(__file__).resolve().parents[1] / "glossary" / "fixtures" / "policy.yaml"


def test_omegat_loads_the_tbx2_and_tsv_glossaries(tmp_path):
    if not JAR.is_file() or shutil.which("java") is None:
        pytest.skip("OmegaT is not installed (apt-get install omegat)")
    tbx, tsv = tmp_path / "terms.tbx", tmp_path / "terms.utf8"
    for fmt, out in (("tbx2", tbx), ("omegat", tsv)):
        result = CliRunner().invoke(app, ["glossary", "export", "-g", str(GLOSSARY), "-f", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
    (tmp_path / "project").mkdir()
    done = subprocess.run(["java", "-cp", str(JAR), str(CHECK), str(tmp_path / "project"), str(tbx), str(tsv)],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    loaded: dict[str, set[tuple[str, str]]] = {"TBX": set(), "TSV": set()}
    for line in done.stdout.splitlines():
        kind, source, target = line.split("\t")
        loaded[kind].add((source, target))
    terms = load_glossary(GLOSSARY).terms
    # OmegaT shows every term of the entry, forbidden ones included (it reads no administrativeStatus)
    assert loaded["TBX"] == {(t.zh, r) for t in terms for r, _ in rendering_statuses(t)}
    assert loaded["TSV"] == {(t.zh, r) for t in terms if t.en for r in (t.en, *t.variants)}
