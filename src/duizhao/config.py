"""Project configuration: ``[tool.duizhao]`` in pyproject.toml, or a ``duizhao.toml``.

    [tool.duizhao]                     # in duizhao.toml the same keys sit at the top level
    corpus = ["corpus"]                # default PATHs for `duizhao check`
    glossary = "glossary"              # default --glossary
    select = ["term-missing", "term-forbidden"]   # only these rules (default: all)
    ignore = ["leftover-cjk"]          # never these rules
    fail-on = "warning"                # error | warning | info | never
    baseline = "duizhao-baseline.json" # default --baseline
    proposed-severity = "warning"      # findings that come only from `status: proposed` glossary
                                       # entries: error | warning (default: at most a warning) | info

    [tool.duizhao.severity]            # per-rule severity: error | warning | info | off
    segment-inconsistent = "warning"
    term-inconsistent = "off"          # "off" is the same as listing it in `ignore`

    checklists = ["qa/checklist.yaml"] # pattern files (top-level `patterns:`), for pattern-violated
    [[tool.duizhao.patterns]]          # the project's own checks (see checks/patterns.py)
    zh = "人民币"
    en = "\\bRMB\\b"
    expect = "must-not"                # must | must-not
    severity = "error"                 # error | warning | info (default warning)
    message = "人民币 is 'yuan', never 'RMB'"

The file is found by walking up from the working directory: in each directory a
``duizhao.toml`` wins over a ``pyproject.toml``, and a pyproject.toml without a
``[tool.duizhao]`` table is passed over (one that is not valid UTF-8 TOML is an error, not
passed over: it may hold the table). Paths in the file are relative to the file's
directory, so `duizhao check` behaves the same from any subdirectory. Command-line options
override the file (``--ignore`` adds to its ``ignore``). Unknown keys, unknown rule ids and
bad values are usage errors naming the file, so a typo cannot silently switch a check off.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, UsageError
from .model import Severity
from .projectfile import find_config, read_toml
from .textio import as_typed, require_regular_file

FAIL_ON = ("error", "warning", "info", "never")
KEYS = {"corpus", "glossary", "select", "ignore", "fail-on", "baseline", "severity", "proposed-severity",
        "patterns", "checklists"}


@dataclass(frozen=True)
class Config:
    """Settings from a configuration file (all empty when there is none)."""

    file: Path | None = None
    corpus: tuple[Path, ...] = ()
    glossary: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    baseline: Path | None = None
    severities: Mapping[str, Severity] = field(default_factory=dict)
    proposed_severity: Severity | None = None
    #: ``[[tool.duizhao.patterns]]`` and the patterns of every ``checklists`` file, in that order
    patterns: tuple[Any, ...] = ()

    @property
    def rule_options(self) -> dict[str, dict[str, Any]]:
        """Keyword arguments per rule id for ``engine.build_rules``: the patterns, when there are any."""
        return {"pattern-violated": {"patterns": self.patterns}} if self.patterns else {}


def load_config(path: Path | None = None, *, start: Path | None = None) -> Config:
    """The configuration in ``path`` (``--config``), else the one ``find_config`` finds, else defaults."""
    if path is not None and not path.exists():
        raise UsageError("configuration file not found", file=str(path))
    if path is not None:
        try:
            require_regular_file(path)  # a FIFO would block the read forever
        except InputError as exc:
            raise UsageError(exc.message, file=str(path)) from None
    file = path or find_config(start)
    if file is None:
        return Config()
    data = read_toml(file)
    if file.name == "pyproject.toml" or "tool" in data:
        tool = data.get("tool")
        table = tool.get("duizhao") if isinstance(tool, dict) else None
        if table is None:
            raise UsageError("no [tool.duizhao] table in this file", file=str(file))
    else:
        table = data
    if not isinstance(table, dict):
        raise UsageError("[tool.duizhao] must be a table of settings (key = value)", file=str(file))
    return parse_config(table, file)


def parse_config(table: Mapping[str, Any], file: Path) -> Config:
    """Validate the ``[tool.duizhao]`` table of ``file`` into a ``Config``."""
    from .checks import RULES  # late: the registry imports every rule module

    where = str(file)
    unknown = sorted(set(table) - KEYS)
    if unknown:
        raise UsageError(f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(KEYS))})", file=where)
    base = file.parent

    def rule_list(key: str) -> tuple[str, ...]:
        ids = _strings(table.get(key, ()), key, where)
        for rule_id in ids:
            if rule_id not in RULES:
                raise UsageError(f"unknown rule {rule_id!r} in {key} (see `duizhao rules`)", file=where)
        return ids

    severities: dict[str, Severity] = {}
    off: list[str] = []
    raw_severity = table.get("severity", {})
    if not isinstance(raw_severity, dict):
        raise UsageError("'severity' must be a table of rule = \"error|warning|info|off\"", file=where)
    for rule_id, level in raw_severity.items():
        if rule_id not in RULES:
            raise UsageError(f"unknown rule {rule_id!r} in severity (see `duizhao rules`)", file=where)
        if level == "off":
            off.append(rule_id)
        elif level in ("error", "warning", "info"):
            severities[rule_id] = Severity(level)
        else:
            raise UsageError(f"severity of {rule_id} must be error, warning, info or off, not {level!r}", file=where)
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON:
        raise UsageError(f"fail-on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}", file=where)
    proposed = table.get("proposed-severity")
    if proposed is not None and proposed not in ("error", "warning", "info"):
        raise UsageError(f"proposed-severity must be error, warning or info, not {proposed!r}", file=where)
    glossary = table.get("glossary")
    baseline = table.get("baseline")
    for key, value in (("glossary", glossary), ("baseline", baseline)):
        if value is not None and not isinstance(value, str):
            raise UsageError(f"'{key}' must be a path (a string)", file=where)
    return Config(
        file=file,
        corpus=tuple(as_typed(base / p) for p in _strings(table.get("corpus", ()), "corpus", where)),
        glossary=as_typed(base / glossary) if glossary else None,
        select=rule_list("select"),
        ignore=(*rule_list("ignore"), *off),
        fail_on=fail_on,
        baseline=as_typed(base / baseline) if baseline else None,
        severities=severities,
        proposed_severity=Severity(proposed) if proposed is not None else None,
        patterns=_patterns(table, base, where),
    )


def _patterns(table: Mapping[str, Any], base: Path, where: str) -> tuple[Any, ...]:
    """``[[tool.duizhao.patterns]]`` then each ``checklists`` file (relative to the config file)."""
    from .checks.patterns import load_checklist, parse_patterns  # late, as for RULES above

    patterns = parse_patterns(table["patterns"], where) if "patterns" in table else ()
    for path in _strings(table.get("checklists", ()), "checklists", where):
        patterns += load_checklist(as_typed(base / path))
    return patterns


def split_rule_options(values: Iterable[str] | None) -> tuple[str, ...]:
    """``--select a,b --select c`` → ``("a", "b", "c")``: repeatable options, comma lists allowed."""
    out: list[str] = []
    for value in values or ():
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(dict.fromkeys(out))


def _strings(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise UsageError(f"'{key}' must be a string or a list of strings", file=where)
