"""Optional reader capabilities are declared (subclassed protocols), and callers rely on them only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from duizhao.errors import UsageError
from duizhao.formats import (
    READERS,
    ConfigurableReader,
    CountingReader,
    FileSetReader,
    ReadOptions,
    SlicingReader,
)
from duizhao.formats.convert import import_file

CAPABILITIES = (SlicingReader, FileSetReader, CountingReader, ConfigurableReader)
SRC = Path(__file__).resolve().parents[2] / "src" / "duizhao"


@pytest.mark.parametrize("name", sorted(READERS))
def test_a_capability_is_declared_when_and_only_when_present(name):
    cls = READERS[name]
    for protocol in CAPABILITIES:
        declared = protocol in cls.__mro__
        assert isinstance(cls(), protocol) == declared, (name, protocol.__name__)


def test_the_expected_formats_have_their_capabilities():
    assert SlicingReader in READERS["tsv"].__mro__
    assert FileSetReader in READERS["moses"].__mro__
    assert {ConfigurableReader, CountingReader} <= set(READERS["tmx"].__mro__)


def test_read_options_name_what_was_given():
    assert ReadOptions().given() == frozenset()
    assert ReadOptions(inline="text", zh_lang="zh-TW").given() == {"inline", "zh_lang"}


def test_an_option_a_format_does_not_take_is_refused_naming_who_takes_it(tmp_path):
    src = tmp_path / "a.tsv"
    src.write_text("id\tzh\ten\n1\t你好\tHello\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"--zh-lang apply to tmx input only, not tsv"):
        import_file(src, tmp_path / "out.yaml", zh_lang="zh-TW")


@pytest.mark.parametrize("module", ["parallel.py", "formats/__init__.py", "formats/convert.py"])
def test_no_attribute_probes_where_capabilities_are_used(module):
    tree = ast.parse((SRC / module).read_text(encoding="utf-8"))
    probes = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Call)
              and isinstance(node.func, ast.Name) and node.func.id in {"getattr", "hasattr"}]
    assert probes == []
