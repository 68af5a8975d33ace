"""Configuration: discovery from the working directory, validation, precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.config import find_config, load_config, split_rule_options
from duizhao.errors import UsageError
from duizhao.model import Severity

PYPROJECT = """
[project]
name = "x"

[tool.duizhao]
corpus = ["texts"]
glossary = "terms"
ignore = ["leftover-cjk"]
fail-on = "warning"
baseline = "known.json"

[tool.duizhao.severity]
segment-inconsistent = "warning"
term-inconsistent = "off"
"""


def test_found_by_walking_up_and_paths_relative_to_the_file(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = load_config(start=deep)
    assert config.file == tmp_path / "pyproject.toml"
    assert config.corpus == (tmp_path / "texts",) and config.glossary == tmp_path / "terms"
    assert config.baseline == tmp_path / "known.json"
    assert config.fail_on == "warning"
    assert config.severities == {"segment-inconsistent": Severity.WARNING}
    assert config.ignore == ("leftover-cjk", "term-inconsistent")  # "off" means ignored


def test_duizhao_toml_wins_and_pyproject_without_table_is_skipped(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path
    (tmp_path / "duizhao.toml").write_text('select = ["term-missing"]\n', encoding="utf-8")
    assert find_config(tmp_path) == tmp_path / "duizhao.toml"
    assert load_config(start=tmp_path).select == ("term-missing",)


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('selekt = ["term-missing"]', "unknown setting 'selekt'"),
        ('ignore = ["term-mising"]', "unknown rule 'term-mising' in ignore"),
        ('fail-on = "sometimes"', "fail-on must be one of"),
        ('[severity]\nterm-missing = "fatal"', "severity of term-missing must be"),
        ('[severity]\nnot-a-rule = "error"', "unknown rule 'not-a-rule' in severity"),
        ("select = 3", "'select' must be a string or a list"),
        ("select = [", "invalid TOML"),
    ],
)
def test_bad_configuration_is_a_usage_error_naming_the_file(tmp_path: Path, text: str, complaint: str):
    (tmp_path / "duizhao.toml").write_text(text + "\n", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_config(start=tmp_path)
    assert complaint in str(info.value) and "duizhao.toml" in str(info.value)


def test_explicit_missing_config_is_refused(tmp_path: Path):
    with pytest.raises(UsageError):
        load_config(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("values", "expected"),
    [(["a,b", "c"], ("a", "b", "c")), (["a, b,,"], ("a", "b")), (["a", "a"], ("a",)), (None, ())],
)
def test_split_rule_options(values, expected):
    assert split_rule_options(values) == expected


def test_proposed_severity_is_validated(tmp_path: Path):
    (tmp_path / "duizhao.toml").write_text('proposed-severity = "fatal"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="proposed-severity must be error, warning or info"):
        load_config(start=tmp_path)
    (tmp_path / "duizhao.toml").write_text('proposed-severity = "info"\n', encoding="utf-8")
    assert load_config(start=tmp_path).proposed_severity is Severity.INFO


def test_a_run_from_a_subdirectory_names_files_as_a_run_from_the_root(tmp_path, monkeypatch) -> None:
    """Issue 13 item 8: baseline entries written at the root still match, SARIF URIs stay root-relative."""
    import json

    from typer.testing import CliRunner

    from duizhao.baseline import _project_root
    from duizhao.cli import app

    (tmp_path / "corpus").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "corpus" / "a.tsv").write_text("新增就业1.4万人。\tThere were 140,000 new jobs.\n", encoding="utf-8")
    (tmp_path / "glossary" / "g.yaml").write_text("terms:\n  - zh: 乡村振兴\n    en: rural revitalization\n",
                                                  encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.duizhao]\ncorpus = ["corpus"]\nglossary = "glossary"\n',
                                             encoding="utf-8")
    runner = CliRunner()
    _project_root.cache_clear()
    monkeypatch.chdir(tmp_path / "docs")
    sarif = json.loads(runner.invoke(app, ["check", "-f", "sarif"]).stdout)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"corpus/a.tsv"}  # relative to %SRCROOT%, the project root, not absolute
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["check", "--write-baseline", "baseline.json"]).exit_code == 0
    monkeypatch.chdir(tmp_path / "docs")
    quiet = runner.invoke(app, ["check", "-f", "json", "--baseline", "../baseline.json"])
    report = json.loads(quiet.stdout)
    assert quiet.exit_code == 0 and report["findings"] == [], quiet.output
    assert report["summary"]["baseline"]["stale"] == 0 and report["summary"]["baseline"]["known"] == 1
