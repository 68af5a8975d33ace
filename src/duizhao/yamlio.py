"""YAML with line numbers: one parse, plain Python values, and the line of every mapping.

PyYAML's ``safe_load`` throws positions away; corpus and glossary findings must point at the
line where a segment or entry starts, so both loaders compose nodes (with the C parser when
libyaml is present) and convert them here.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import FormatError

try:  # libyaml is several times faster on large files
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def compose(text: str, file: str) -> yaml.Node | None:
    """Parse ``text`` into a node tree, turning YAML errors into one-line ``FormatError``s."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise FormatError(f"malformed YAML: {problem}", file=file, line=line) from None
    except yaml.reader.ReaderError as exc:  # a NUL or other control character
        line = text.count("\n", 0, exc.position) + 1
        raise FormatError(f"malformed YAML: character #x{exc.character:04x} is not allowed", file=file,
                          line=line) from None
    except yaml.YAMLError as exc:
        raise FormatError(f"malformed YAML: {_first_line(exc)}", file=file) from None


class _SafeScalars(yaml.constructor.SafeConstructor):
    """Builds scalars by their resolved tag without the per-document object cache."""


_SCALARS = _SafeScalars()


def to_python(node: yaml.Node, file: str) -> Any:
    """Convert a node to plain Python, resolving scalars the way ``safe_load`` would."""
    if isinstance(node, yaml.ScalarNode):
        build = _SCALARS.yaml_constructors.get(node.tag, _SafeScalars.construct_undefined)
        try:
            return build(_SCALARS, node)
        except yaml.constructor.ConstructorError as exc:
            raise FormatError(f"bad value: {exc.problem or _first_line(exc)}", file=file,
                              line=node.start_mark.line + 1) from None
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: an integer of thousands of digits
            raise FormatError(f"bad value: {_first_line(exc)}", file=file, line=node.start_mark.line + 1) from None
    if isinstance(node, yaml.SequenceNode):
        return [to_python(child, file) for child in node.value]
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key, _key_node, value_node in _unique_items(node, file):
            out[key] = to_python(value_node, file)
        return out
    raise FormatError("unsupported YAML node", file=file, line=node.start_mark.line + 1)  # pragma: no cover


def _first_line(exc: Exception) -> str:
    """PyYAML messages carry a second line ('in "<unicode string>", line 1'): errors are one line."""
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def mapping_items(node: yaml.Node, file: str, what: str) -> list[tuple[str, yaml.Node]]:
    """The ``(key, value_node)`` pairs of a mapping node, or a ``FormatError`` saying what was expected."""
    if not isinstance(node, yaml.MappingNode):
        raise FormatError(f"{what} must be a mapping (key: value)", file=file, line=line_of(node))
    return [(key, value_node) for key, _, value_node in _unique_items(node, file)]


def _unique_items(node: yaml.MappingNode, file: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
    """``(key, key_node, value_node)`` of a mapping, refusing a key written twice.

    YAML says keys are unique, but PyYAML keeps the last of two silently: a second
    ``segments:`` would replace the first list, a second ``forbidden:`` drop a list of
    renderings. Merge keys (``<<``) are refused the same way, as plain duplicates would be.
    """
    items: list[tuple[str, yaml.Node, yaml.Node]] = []
    first: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = to_python(key_node, file)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise FormatError("mapping keys must be plain words", file=file, line=line_of(key_node))
        key = key if isinstance(key, str) else str(key)
        if key in first:
            raise FormatError(f"duplicate key {key!r} (first at line {first[key]}); YAML keys must be unique",
                              file=file, line=line_of(key_node))
        first[key] = line_of(key_node)
        items.append((key, key_node, value_node))
    return items


def as_text(node: yaml.Node, file: str, what: str) -> str:
    """A scalar as a string: numbers become their text, ``null`` becomes empty."""
    if isinstance(node, yaml.ScalarNode):
        # the text as written ("007", "1.10", a 5,000-digit id), without building a number from it
        return "" if node.tag == "tag:yaml.org,2002:null" else node.value
    kind = "mapping" if isinstance(node, yaml.MappingNode) else "list"
    raise FormatError(f"{what} must be text, not a {kind}", file=file, line=line_of(node))


def dump(data: Any) -> str:
    """Readable, stable YAML for humans to edit: block style, Unicode kept, no line folding."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=1_000_000,
        default_flow_style=False,
    )


class _Dumper(yaml.SafeDumper):
    pass


_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # YAML reads NEL and the Unicode line/paragraph separators as line breaks; only the
    # double-quoted style escapes them, so they survive a write/read round trip.
    if any(ch in value for ch in _UNICODE_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    style = "|" if "\n" in value and not value.endswith((" ", "\t")) and value == value.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)
