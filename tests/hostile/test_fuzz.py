"""Random bytes and random mutations of valid files, fed to every reader through ``duizhao``:
findings or one clean error line, never a traceback, never an exit code other than 0, 1 or 2."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .harness import invoke
from .test_cli_errors import TMX, XLIFF

VALID = {
    "x.tsv": "新质生产力\tnew quality productive forces\n你好\thello 2024\n".encode(),
    "x.jsonl": '{"id": "a", "zh": "新质生产力", "en": "new quality productive forces"}\n'.encode(),
    "x.yaml": "id: d\nsegments:\n  - id: s1\n    zh: 新质生产力\n    en: new quality productive forces\n".encode(),
    "x.tmx": TMX,
    "x.xlf": XLIFF,
    "g.yaml": "terms:\n  - zh: 新质生产力\n    en: new quality productive forces\n    forbidden: [x]\n".encode(),
    "t.csv": "zh,en\n新质生产力,new quality productive forces\n".encode(),
    "t.tbx": ('<?xml version="1.0"?>\n<tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c">'
              '<langSec xml:lang="zh"><termSec><term>新质生产力</term></termSec></langSec><langSec xml:lang="en">'
              '<termSec><term>new quality productive forces</term></termSec></langSec></conceptEntry></body>'
              '</text></tbx>\n').encode(),
    "b.json": b'{"tool": "duizhao", "format": 1, "entries": []}\n',
    "duizhao.toml": b'fail-on = "warning"\nignore = ["leftover-cjk"]\n[severity]\nempty-target = "warning"\n',
    "m.zh": "新质生产力\n你好\n".encode(),
}
COMMANDS = {
    "x.tsv": ("check", "x.tsv"), "x.jsonl": ("check", "x.jsonl"), "x.yaml": ("check", "x.yaml"),
    "x.tmx": ("check", "x.tmx"), "x.xlf": ("check", "x.xlf"), "g.yaml": ("glossary", "lint", "g.yaml"),
    "t.csv": ("glossary", "import", "t.csv", "-o", "out.yaml"),
    "t.tbx": ("glossary", "import", "t.tbx", "-o", "out.yaml"),
    "b.json": ("check", "y.tsv", "--baseline", "b.json"), "duizhao.toml": ("check", "y.tsv"),
    "m.zh": ("check", "m.zh", "-j", "2"),
}
#: files a command needs besides the fuzzed one
COMPANIONS = {"y.tsv": "新质生产力\tnew productivity\n".encode(), "m.en": b"new quality productive forces\nhello\n"}
SPICE = [b"\x00", b"\r", b"\n", b"\t", b"\xff", b"\xef\xbb\xbf", b"\x1b[2J", b"&e;", b"<", b"]]>", b"{", b'"',
         b": ", b"- ", b"\\u0000", "中".encode(), b"\xe4\xb8", b"key: a\nkey: b\n", b"<!DOCTYPE x [<!ENTITY e 'x'>]>"]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(VALID)))
    data = bytearray(VALID[name])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "flip", "truncate"]))
        if action == "insert":
            data[at:at] = draw(st.sampled_from(SPICE) | st.binary(max_size=8))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 16))]
        elif action == "flip" and at < len(data):
            data[at] ^= draw(st.integers(1, 255))
        else:
            del data[at:]
    return name, bytes(data)


def _run(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / name).write_bytes(data)
        for companion, content in COMPANIONS.items():
            (root / companion).write_bytes(content)
        result = invoke(COMMANDS[name], root)
        leftovers = [p.name for p in root.iterdir() if p.name not in (name, "out.yaml", *COMPANIONS)]
        if result.code == 2:
            shutil.rmtree(root / "out.yaml", ignore_errors=True)
    assert result.code in (0, 1, 2), (result.code, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    if result.code == 2:
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("duizhao: error: "), result.stderr
    assert not leftovers, leftovers  # no temporary file, nothing else written


FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated())
def test_mutations_of_valid_files(sample: tuple[str, bytes]) -> None:
    _run(*sample)


@FUZZ
@given(st.sampled_from(sorted(VALID)), st.binary(max_size=300))
def test_random_bytes(name: str, data: bytes) -> None:
    _run(name, data)
