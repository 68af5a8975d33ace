"""Loading glossary YAML: files and directories, problems kept for lint, structural errors with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.errors import FormatError, GlossaryError, InputError
from duizhao.glossary import load_glossary
from duizhao.glossary.load import glossary_yaml

from .conftest import FIXTURES


def test_fixture_loads_every_field(policy):
    term = next(t for t in policy.terms if t.zh == "一带一路")
    assert term.en == "the Belt and Road Initiative"
    assert term.variants == ("Belt and Road",) and term.forbidden == ("One Belt, One Road", "OBOR")
    assert term.forbidden_everywhere and term.source == "Xinhua style guide"
    assert term.line > 1 and term.file.endswith("policy.yaml")
    assert policy.scripts[term.file] == "simplified"
    assert not policy.problems


def test_deprecated_terms_are_loaded_but_not_active(policy):
    assert any(t.zh == "三大革命" for t in policy.terms)
    assert all(t.status != "deprecated" for t in policy.active_terms)


def test_hash_is_stable_and_ignores_layout(tmp_path):
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text("terms:\n  - zh: 乡村振兴\n    en: rural revitalization\n", encoding="utf-8")
    b.write_text("# comment\nterms:\n- {en: rural revitalization,   zh: 乡村振兴}\n", encoding="utf-8")
    first, second = load_glossary(a), load_glossary(b)
    assert first.hash == second.hash == load_glossary(a).hash and len(first.hash) == 64
    b.write_text("terms:\n- {en: rural revitalisation, zh: 乡村振兴}\n", encoding="utf-8")
    assert load_glossary(b).hash != first.hash


def test_directory_loads_every_yaml_file_in_order():
    glossary = load_glossary(FIXTURES)
    assert [Path(f).name for f in glossary.files] == ["lint_bad.yaml", "lint_other.yaml", "policy.yaml"]


def test_unknown_field_is_a_problem_not_a_crash():
    glossary = load_glossary(FIXTURES / "lint_bad.yaml")
    unknown = [p for p in glossary.problems if p.rule == "glossary-unknown-field"]
    assert len(unknown) == 1 and "varaints" in unknown[0].message and "variants" in unknown[0].message
    assert unknown[0].line == 5


@pytest.mark.parametrize(("text", "error", "line"), [
    ("terms:\n  - zh: 乡村振兴\n    en: [unclosed\n", FormatError, 4),
    ("terms: 5\n", GlossaryError, 1),
    ("terms:\n  - just a string\n", GlossaryError, 2),
    ("terms:\n  - zh: 乡村振兴\n    en: {a: b}\n", GlossaryError, 3),
    ("terms:\n  - zh: 乡村振兴\n    en: x\n    variants: {a: b}\n", GlossaryError, 4),
    ("script: cyrillic\nterms: []\n", GlossaryError, 1),
    ("name: x\n", GlossaryError, 1),
])
def test_structural_errors_name_file_and_line(tmp_path, text, error, line):
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(error) as info:
        load_glossary(path)
    assert info.value.file == str(path) and info.value.line == line


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        load_glossary(tmp_path / "nope.yaml")


def test_yaml_round_trip(policy, tmp_path):
    path = tmp_path / "out.yaml"
    path.write_text(glossary_yaml(policy.terms), encoding="utf-8")
    again = load_glossary(path)
    assert again.hash == policy.hash


def test_evidence_and_expansions_load_and_round_trip(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(
        "terms:\n"
        "  - zh: 两个维护\n"
        "    en: Two Upholds\n"
        "    expands_to:\n"
        "      - uphold General Secretary Xi Jinping's core position on the Party Central Committee\n"
        "    evidence:\n"
        "      - quote: resolutely achieve the Two Upholds\n"
        "        url: https://example.org/a\n"
        "        outlet: Xinhua\n"
        "        date: 2022-10-22\n"
        "      - {quote: the Two Upholds}\n", encoding="utf-8")
    term = load_glossary(path).terms[0]
    assert term.expands_to == ("uphold General Secretary Xi Jinping's core position on the Party Central Committee",)
    assert [(e.quote, e.outlet, e.date) for e in term.evidence] == [
        ("resolutely achieve the Two Upholds", "Xinhua", "2022-10-22"), ("the Two Upholds", "", "")]
    again = tmp_path / "again.yaml"
    again.write_text(glossary_yaml([term]), encoding="utf-8")
    reloaded = load_glossary(again).terms[0]
    assert (reloaded.evidence, reloaded.expands_to) == (term.evidence, term.expands_to)
    assert load_glossary(again).hash == load_glossary(path).hash


def test_evidence_without_a_quote_or_with_a_typo_is_a_lint_problem(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("terms:\n  - zh: 乡村振兴\n    en: rural revitalization\n"
                    "    evidence:\n      - {url: https://example.org, qoute: x}\n", encoding="utf-8")
    codes = sorted(p.rule for p in load_glossary(path).problems)
    assert codes == ["glossary-evidence-incomplete", "glossary-unknown-field"]
    path.write_text("terms:\n  - zh: 乡村振兴\n    en: rural revitalization\n    evidence: [just text]\n",
                    encoding="utf-8")
    with pytest.raises(GlossaryError):
        load_glossary(path)
