"""The docs stay true: every command documents itself, the README names every rule, and the
README's quick start is what CI runs."""

from __future__ import annotations

import re

import pytest
import typer
from typer.main import get_command

from duizhao.checks import RULES
from duizhao.cli import app
from tests.conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
CI_SCRIPT = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        yield path, command
        if hasattr(command, "commands"):
            yield from _commands(command, path)


COMMANDS = list(_commands(get_command(app)))


def test_the_cli_has_the_commands_other_tools_rely_on():
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"check", "rules", "export", "import", "align", "score", "glossary lint", "glossary lookup",
            "glossary export", "glossary import"} <= names


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_and_option_has_help(path, command):
    assert (command.help or "").strip(), f"duizhao {' '.join(path)} has no help text"
    for param in command.params:
        if isinstance(param, typer.core.TyperOption) or param.param_type_name == "option":
            assert (getattr(param, "help", "") or "").strip(), f"{' '.join(path)} {param.opts} has no help"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_readme_documents_every_rule(rule_id):
    assert f"`{rule_id}`" in README


def test_readme_quick_start_is_what_ci_runs():
    blocks = re.findall(r"## Quick start.*?```sh\n(.*?)\n```.*?```sh\n(.*?)\n```", README, re.S)
    assert blocks, "the README has no two-command quick start"
    setup, tests = blocks[0]
    assert "duizhao check" in setup
    assert tests.strip() in CI_SCRIPT, "CI must run the README's test command"
    assert ".venv/bin/duizhao check" in CI_SCRIPT
