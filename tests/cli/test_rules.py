"""``duizhao rules``: the catalogue, and docs/rules.md kept current from the same source."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from duizhao.checks import RULE_CLASSES
from duizhao.cli import app
from duizhao.report.rules_doc import rules_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_rules_lists_every_rule_with_severity_and_summary():
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(RULE_CLASSES)
    for rule, line in zip(RULE_CLASSES, lines, strict=True):
        assert line.split()[:2] == [rule.id, rule.default_severity.value]
        assert line.endswith(rule.summary)


def test_rules_json_has_the_docs_fields():
    data = json.loads(CliRunner().invoke(app, ["rules", "--format", "json"]).stdout)
    assert [r["id"] for r in data["rules"]] == [r.id for r in RULE_CLASSES]
    assert all(r["summary"] and r["why"] and r["example"] for r in data["rules"])


def test_every_rule_documents_itself():
    for rule in RULE_CLASSES:
        assert rule.id == rule.id.lower() and " " not in rule.id
        assert rule.name and rule.summary and rule.why and rule.example, rule.id


def test_committed_rules_doc_is_current():
    """docs/rules.md is generated; regenerate with `duizhao rules --format markdown -o docs/rules.md`."""
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(RULE_CLASSES), (
        "docs/rules.md is stale: run `duizhao rules --format markdown -o docs/rules.md`"
    )


def test_unknown_rules_format_exits_2():
    result = CliRunner().invoke(app, ["rules", "--format", "pdf"])
    assert result.exit_code == 2 and "unknown rules format" in result.stderr
