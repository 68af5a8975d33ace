"""The pre-commit hook definitions are valid and call a command that exists."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml
from typer.testing import CliRunner

from duizhao.cli import app

HOOKS = Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml"
REQUIRED = {"id", "name", "entry", "language"}


def test_hooks_are_well_formed_and_their_entry_runs():
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["duizhao", "duizhao-changed-files"]
    for hook in hooks:
        assert set(hook) >= REQUIRED
        re.compile(hook["files"])
        program, *args = shlex.split(hook["entry"])
        assert program == "duizhao"
        assert CliRunner().invoke(app, [*args, "--help"]).exit_code == 0
    assert re.search(hooks[0]["files"], "corpus/datong.yaml")
    assert not re.search(hooks[0]["files"], "src/duizhao/cli.py")
