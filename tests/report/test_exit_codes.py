"""Every format reports findings with exit 1, a clean run exits 0, ``--fail-on never`` exits 0.

Shown twice: on the report fixture (always present) and on a corrupted copy of the bundled
corpus (skipped while the repository has no corpus/ yet): one figure changed and one
approved rendering replaced by a forbidden one must be named by every format.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from duizhao.checks import RULES

from .support import FORMATS, HERE, check_fixture, run_cli

REPO = HERE.parents[1]
FORMAT_NAMES = [name for name, _ in FORMATS]


@pytest.mark.parametrize("format_name", FORMAT_NAMES)
def test_findings_exit_1_and_fail_on_never_exits_0(in_fixtures, format_name: str) -> None:
    with_findings = check_fixture(format_name)
    assert with_findings.exit_code == 1
    assert "s2" in with_findings.stdout and "term-forbidden" in with_findings.stdout
    never = check_fixture(format_name, "--fail-on", "never")
    assert never.exit_code == 0
    assert "term-forbidden" in never.stdout  # still reported, just not failing


@pytest.mark.parametrize("format_name", FORMAT_NAMES)
def test_clean_input_exits_0_in_every_format(in_fixtures, format_name: str) -> None:
    result = run_cli("check", "corpus/clean.tsv", "--glossary", "glossary", "--format", format_name, "--jobs", "1")
    assert result.exit_code == 0, result.output


def test_fail_on_warning_counts_warnings(in_fixtures) -> None:
    only_warnings = ("check", "corpus", "-g", "glossary", "--select", "suppression-unjustified", "--jobs", "1")
    assert run_cli(*only_warnings).exit_code == 0
    assert run_cli(*only_warnings, "--fail-on", "warning").exit_code == 1


def test_unknown_format_is_a_usage_error(in_fixtures) -> None:
    result = check_fixture("yaml")
    assert result.exit_code == 2
    assert "unknown report format 'yaml'" in result.stderr


# -- the bundled corpus, corrupted ---------------------------------------------------------

def _bundled() -> tuple[Path, Path]:
    corpus, glossary = REPO / "corpus", REPO / "glossary"
    if not any(corpus.glob("*.yaml")) or not glossary.exists():
        pytest.skip("the bundled corpus/ and glossary/ are not in the repository yet")
    return corpus, glossary


def _corrupt(corpus: Path, glossary: Path, target: Path) -> dict[str, str]:
    """Copy the corpus into ``target``: one figure changed, one approved rendering made forbidden.

    Returns the segment ids touched, by kind. The edited file is rewritten with PyYAML (its
    comments are lost; the checks do not read them).
    """
    import yaml

    from duizhao.glossary import load_glossary

    shutil.copytree(corpus, target)
    terms = [t for t in load_glossary(glossary).terms if t.forbidden]
    touched: dict[str, str] = {}
    for path in sorted(target.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for seg in document["segments"]:
            en = seg["en"]
            number = re.search(r"\b\d{2,}\b", en)
            if "figure" not in touched and number:
                seg["en"] = en.replace(number.group(), str(int(number.group()) + 7), 1)
                touched["figure"] = str(seg["id"])
                continue
            if "term" not in touched:
                for term in terms:
                    at = en.lower().find(term.en.lower())
                    if term.zh in seg["zh"] and at >= 0:
                        seg["en"] = en[:at] + term.forbidden[0] + en[at + len(term.en):]
                        touched["term"] = str(seg["id"])
                        break
        if touched:
            path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000),
                            encoding="utf-8")
        if len(touched) == 2:
            break
    assert "term" in touched, "no approved rendering with a forbidden alternative found in the corpus"
    return touched


@pytest.fixture(scope="module")
def corrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    corpus, glossary = _bundled()
    target = tmp_path_factory.mktemp("bundled") / "corpus"
    return target, glossary, _corrupt(corpus, glossary, target)


def test_bundled_corpus_is_clean_in_every_format() -> None:
    corpus, glossary = _bundled()
    for format_name in FORMAT_NAMES:
        result = run_cli("check", str(corpus), "--glossary", str(glossary), "--format", format_name, "--jobs", "1")
        assert result.exit_code == 0, f"{format_name}: {result.stdout[:2000]}"


@pytest.mark.parametrize("format_name", FORMAT_NAMES)
def test_corrupted_bundled_corpus_fails_in_every_format(corrupted, format_name: str) -> None:
    corpus, glossary, touched = corrupted
    result = run_cli("check", str(corpus), "--glossary", str(glossary), "--format", format_name, "--jobs", "1")
    assert result.exit_code == 1
    out = result.stdout
    assert "term-forbidden" in out and touched["term"] in out
    if "figure" in touched and "number-mismatch" in RULES:
        assert "number-mismatch" in out and touched["figure"] in out
    never = run_cli("check", str(corpus), "--glossary", str(glossary), "--format", format_name,
                    "--jobs", "1", "--fail-on", "never")
    assert never.exit_code == 0


def test_corrupted_bundled_corpus_json_names_file_line_and_segment(corrupted) -> None:
    corpus, glossary, touched = corrupted
    report = json.loads(run_cli("check", str(corpus), "--glossary", str(glossary), "--format", "json").stdout)
    forbidden = [f for f in report["findings"] if f["rule"] == "term-forbidden"]
    assert any(f["segment"] == touched["term"] and f["line"] > 0 and f["file"].endswith(".yaml") for f in forbidden)
