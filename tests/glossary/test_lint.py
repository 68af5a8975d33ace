"""glossary lint: each problem class is found, with file, line and a stable code."""

from __future__ import annotations

import pytest

from duizhao.glossary import load_glossary
from duizhao.glossary.lint import has_errors, lint_glossary
from duizhao.model import Severity

from .conftest import FIXTURES


def _codes(findings):
    return sorted((f.rule, f.segment) for f in findings)


def test_clean_fixture_has_only_warnings(policy):
    findings = lint_glossary(policy)
    assert not has_errors(findings)
    assert _codes(findings) == [("glossary-proposed", "云中声谷")]


def test_every_problem_class_is_reported():
    findings = lint_glossary(load_glossary(FIXTURES / "lint_bad.yaml"))
    codes = _codes(findings)
    assert ("glossary-unknown-field", "一带一路") in codes
    assert ("glossary-duplicate", "“一帶一路”") in codes  # across scripts and quotes
    assert ("glossary-script", "“一帶一路”") in codes
    assert ("glossary-forbidden-accepted", "高质量发展") in codes
    assert ("glossary-missing-en", "共同富裕") in codes
    assert ("glossary-proposed", "新质生产力") in codes
    assert has_errors(findings)
    assert all(f.line > 0 and f.file.endswith("lint_bad.yaml") for f in findings)
    proposed = next(f for f in findings if f.rule == "glossary-proposed")
    assert proposed.severity is Severity.WARNING


def test_conflict_across_files_and_forbidden_everywhere_clash():
    findings = lint_glossary(load_glossary(FIXTURES))
    conflict = [f for f in findings if f.rule == "glossary-conflict"]
    assert any("rural vitalization" in f.message and "another file" in f.message for f in conflict)
    clash = [f for f in findings if f.rule == "glossary-forbidden-accepted" and f.segment == "双碳"]
    assert clash and "carbon peaking" in clash[0].message


def test_unmatchable_term(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("terms:\n  - zh: “”\n    en: quotes\n  - zh: 乡村振兴\n    en: rural revitalization\n",
                    encoding="utf-8")
    findings = lint_glossary(load_glossary(path))
    assert [(f.rule, f.line) for f in findings] == [("glossary-unmatchable", 2)]


def test_bundled_glossary_lints_without_errors(repo_root):
    path = repo_root / "glossary"
    if not any(path.glob("*.yaml")):
        pytest.skip("no bundled glossary")
    findings = lint_glossary(load_glossary(path))
    assert [f"{f.file}:{f.line}: {f.message}" for f in findings if f.severity is Severity.ERROR] == []
