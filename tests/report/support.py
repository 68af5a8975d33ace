"""Shared pieces of the report tests: the fixture corpus, a CLI runner, normalisation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from duizhao import __version__

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDEN = HERE / "golden"
SARIF_SCHEMA = HERE / "sarif" / "sarif-schema-2.1.0.json"
REPORT_SCHEMA = HERE.parents[1] / "schema" / "report.schema.json"

# A fixed rule set: rules added later must not change the golden files of this fixture.
FIXTURE_RULES = ",".join([
    "term-missing", "term-forbidden", "empty-target", "leftover-cjk", "segment-inconsistent",
    "suppression-unjustified", "suppression-unknown-rule",
])
# (format, golden file name) for every report format
FORMATS = [
    ("text", "report.txt"),
    ("json", "report.json"),
    ("sarif", "report.sarif"),
    ("junit", "report.junit.xml"),
    ("github", "report.github.txt"),
    ("html", "report.html"),
    ("codequality", "report.codequality.json"),
    ("markdown", "report.md"),
]


def normalise(text: str) -> str:
    """Replace what changes between releases and glossary edits: tool version, glossary hash."""
    text = re.sub(r"glossary:[0-9a-f]{12}", "glossary:<HASH>", text)
    text = re.sub(r'"hash": "[0-9a-f]{16,}"', '"hash": "<HASH>"', text)
    version = re.escape(__version__)
    text = re.sub(rf"duizhao:{version}\b", "duizhao:<VERSION>", text)
    text = re.sub(rf'"(version|semanticVersion)": "{version}"', r'"\1": "<VERSION>"', text)
    text = re.sub(rf"duizhao {version}\b", "duizhao <VERSION>", text)
    return text


@pytest.fixture
def in_fixtures(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the fixture directory so every path in a report is short and stable."""
    monkeypatch.chdir(FIXTURES)
    return FIXTURES


def run_cli(*args: str):
    from duizhao.cli import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def check_fixture(format_name: str, *extra: str):
    """``duizhao check`` on the fixture corpus (call from ``in_fixtures``)."""
    return run_cli("check", "corpus", "--glossary", "glossary", "--select", FIXTURE_RULES,
                   "--format", format_name, "--jobs", "1", *extra)

REPO_ROOT_PARENT = HERE.parents[2]  # the directory holding the repository (for the review screenshot)
