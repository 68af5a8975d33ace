"""The layers of docs/architecture.md: a module imports its own layer or lower ones, never upward.

Every import counts, including the ones inside functions (a late import is still a dependency)
and the ones only for type checking. The package ``__init__`` (the public API, re-exporting
from every layer) and ``__main__`` are the two exceptions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "duizhao"

#: lowest first; a module's layer is that of its top-level module or package under duizhao/
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("records", ("model", "errors", "_lazy", "inline")),
    ("text and files", ("textio", "yamlio", "script", "_opencc_triggers", "split", "outputs", "positions",
                        "projectfile")),
    ("engines", ("numbers", "glossary", "lexicon", "lexicon_cache", "groups", "spill", "formats", "lengthmodel",
                 "align", "score")),
    ("rules", ("checks",)),
    ("engine", ("engine", "pairviews", "gcpolicy", "baseline")),
    ("runs", ("parallel", "dask_engine", "runner", "config", "progress")),
    ("reports", ("report",)),
    ("front ends", ("cli", "workbench")),
]
RANK = {name: rank for rank, (_, names) in enumerate(LAYERS) for name in names}
#: third-party packages only the front ends may import (and, for rich, the terminal presenters)
FRONT_ONLY = {"typer": {"cli"}, "click": {"cli"}, "rich": {"cli", "report", "progress"}}


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found.append((".".join(parts), path))
    return found


def imports(module: str, path: Path) -> list[str]:
    """Every module name ``path`` imports, relative imports resolved."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            names.append(name)
            if name == "duizhao":  # from . import x: x is a module of the package
                names += [f"duizhao.{alias.name}" for alias in node.names]
    return names


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "duizhao" and len(parts) > 1 else None


def test_every_module_has_a_layer():
    unplaced = [m for m, _ in modules() if m not in ("duizhao", "duizhao.__main__") and layer_of(m) not in RANK]
    assert unplaced == [], "add these to LAYERS here and to docs/architecture.md"


def upward(module: str, path: Path) -> list[str]:
    here = layer_of(module)
    wrong = []
    for name in imports(module, path):
        there = layer_of(name) if name.startswith("duizhao.") else None
        if there in RANK and here in RANK and RANK[there] > RANK[here]:
            wrong.append(f"{module} imports {name} ({LAYERS[RANK[there]][0]} above {LAYERS[RANK[here]][0]})")
        allowed = FRONT_ONLY.get(name.partition(".")[0])
        if allowed is not None and here not in allowed:
            wrong.append(f"{module} imports {name} (only {', '.join(sorted(allowed))} may)")
    return wrong


@pytest.mark.parametrize(("module", "path"), [(m, p) for m, p in modules() if m not in ("duizhao", "duizhao.__main__")],
                         ids=lambda value: value if isinstance(value, str) else "")
def test_no_module_imports_upward(module, path):
    assert upward(module, path) == []


def test_the_check_can_fail(tmp_path):
    """A rule importing a report, and the engine importing typer, are both caught."""
    rule = tmp_path / "rule.py"
    rule.write_text("from ..report import json\nimport typer\n", encoding="utf-8")
    assert upward("duizhao.checks.rule", rule) == [
        "duizhao.checks.rule imports duizhao.report (reports above rules)",
        "duizhao.checks.rule imports typer (only cli may)",
    ]


def test_the_documented_layers_are_these():
    text = (SRC.parents[1] / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name, members in LAYERS:
        assert name in text, name
        for member in members:
            assert f"`{member}" in text, member
