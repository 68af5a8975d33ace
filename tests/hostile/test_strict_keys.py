"""A key written twice is refused with file and line, never resolved by "the last one wins"."""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import Case, run_case

DOC = """id: d
segments:
  - id: s1
    zh: 新质生产力
    en: new quality productive forces
"""
GLOSSARY_HEAD = "terms:\n"
ENTRY = "  - zh: 新质生产力\n    en: new quality productive forces\n"


def _doc(extra: str) -> bytes:
    return (DOC + extra).encode()


YAML_CORPUS = [
    ("segments-twice", _doc("segments:\n  - id: s2\n    zh: 你好\n    en: hello\n"), 6),
    ("id-twice", b"id: a\nid: b\nsegments: []\n", 2),
    ("title-twice", b"title: a\nid: d\ntitle: b\nsegments: []\n", 3),
    ("en-twice", "segments:\n  - id: s1\n    zh: 你好\n    en: hello\n    en: new productivity\n".encode(), 5),
    ("zh-twice", "segments:\n  - zh: 你好\n    zh: 新质生产力\n    en: hello\n".encode(), 3),
    ("segment-id-twice", "segments:\n  - id: a\n    id: b\n    zh: 你好\n    en: hello\n".encode(), 3),
    ("note-twice", "segments:\n  - zh: 你好\n    en: hello\n    note: a\n    note: b\n".encode(), 5),
    ("source-issuer-twice", b"source:\n  issuer: a\n  issuer: b\nsegments: []\n", 3),
    ("ignore-rule-twice", ("segments:\n  - zh: 你好\n    en: hello\n    ignore:\n      leftover-cjk: a\n"
                           "      leftover-cjk: b\n").encode(), 6),
    ("flow-mapping-twice", "segments:\n  - {zh: 你好, en: hello, en: hi}\n".encode(), 2),
    ("numeric-key-twice", b"source: {1: a, 1: b}\nsegments: []\n", 1),
    ("quoted-and-plain", "segments:\n  - zh: 你好\n    \"en\": hello\n    en: hi\n".encode(), 4),
]

GLOSSARY = [
    ("forbidden-twice", "    forbidden: [new productivity]\n    forbidden: [fresh productivity]\n", 5),
    ("en-twice", "    en: new productivity\n", 4),
    ("zh-twice", "    zh: 你好\n", 4),
    ("variants-twice", "    variants: [a]\n    variants: [b]\n", 5),
    ("status-twice", "    status: approved\n    status: deprecated\n", 5),
    ("note-twice", "    note: a\n    note: b\n", 5),
]

JSONL = [
    ("en-twice", '{"zh": "新质生产力", "en": "new quality productive forces", "en": "x"}', "en"),
    ("zh-twice", '{"zh": "你好", "zh": "新质生产力", "en": "hello"}', "zh"),
    ("id-twice", '{"id": "a", "id": "b", "zh": "你好", "en": "hello"}', "id"),
    ("prop-twice", '{"zh": "你好", "en": "hello", "q": 1, "q": 2}', "q"),
    ("nested-twice", '{"zh": "你好", "en": "hello", "m": {"a": 1, "a": 2}}', "a"),
]

CASES = [
    *(Case(f"corpus-yaml-{name}", ("check", "c.yaml"), files={"c.yaml": data},
           names=f"c.yaml:{line}: duplicate key") for name, data, line in YAML_CORPUS),
    *(Case(f"corpus-yaml-jobs2-{name}", ("check", "c.yaml", "-j", "2"), files={"c.yaml": data},
           names=f"c.yaml:{line}: duplicate key") for name, data, line in YAML_CORPUS[:3]),
    *(Case(f"corpus-yaml-export-{name}", ("export", "tsv", "c.yaml", "-o", "out.tsv"), files={"c.yaml": data},
           names=f"c.yaml:{line}: duplicate key") for name, data, line in YAML_CORPUS[:3]),
    *(Case(f"corpus-yaml-import-{name}", ("import", "c.yaml", "-o", "out.tsv"), files={"c.yaml": data},
           names=f"c.yaml:{line}: duplicate key") for name, data, line in YAML_CORPUS[:3]),
    *(Case(f"glossary-{command[-1]}-{name}", (*command, "g.yaml"),
           files={"x.tsv": "新质生产力\tnew productivity\n".encode(),
                  "g.yaml": (GLOSSARY_HEAD + ENTRY + extra).encode()},
           names=f"g.yaml:{line}: duplicate key", glossary=False)
      for name, extra, line in GLOSSARY
      for command in (("check", "x.tsv", "-g"), ("glossary", "lint"))),
    Case("glossary-terms-twice", ("glossary", "lint", "g.yaml"),
         files={"g.yaml": (GLOSSARY_HEAD + ENTRY + GLOSSARY_HEAD + ENTRY).encode()},
         names="g.yaml:4: duplicate key 'terms'", glossary=False),
    Case("glossary-script-twice", ("glossary", "lint", "g.yaml"),
         files={"g.yaml": ("script: simplified\nscript: traditional\n" + GLOSSARY_HEAD + ENTRY).encode()},
         names="g.yaml:2: duplicate key 'script'", glossary=False),
    Case("glossary-export-dup", ("glossary", "export", "-g", "g.yaml", "-o", "out.csv"),
         files={"g.yaml": (GLOSSARY_HEAD + ENTRY + "    en: x\n").encode()}, names="g.yaml:4", glossary=False),
    *(Case(f"jsonl-{name}", ("check", "x.jsonl"),
           files={"x.jsonl": ('{"zh": "你好", "en": "hello"}\n' + line + "\n").encode()},
           names=f"x.jsonl:2: duplicate key {key!r}") for name, line, key in JSONL),
    *(Case(f"jsonl-jobs2-{name}", ("check", "x.jsonl", "-j", "2"),
           files={"x.jsonl": ('{"zh": "你好", "en": "hello"}\n' + line + "\n").encode()},
           names=f"x.jsonl:2: duplicate key {key!r}") for name, line, key in JSONL[:2]),
    Case("config-toml-twice", ("check", "x.tsv", "--config", "duizhao.toml"),
         files={"x.tsv": "你好\thello\n".encode(), "duizhao.toml": b'fail-on = "error"\nfail-on = "never"\n'},
         names="duizhao.toml"),
    Case("pyproject-table-twice", ("check", "x.tsv"),
         files={"x.tsv": "你好\thello\n".encode(),
                "pyproject.toml": b'[tool.duizhao]\nfail-on = "never"\n[tool.duizhao]\nfail-on = "error"\n'},
         names="pyproject.toml"),
    # the same files without the repeated key pass: the refusal is about the key, nothing else
    Case("corpus-yaml-single-keys", ("check", "c.yaml"), files={"c.yaml": DOC.encode()}, code=0),
    Case("jsonl-single-keys", ("check", "x.jsonl"),
         files={"x.jsonl": '{"zh": "你好", "en": "hello", "q": 1}\n'.encode()}, code=0),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_repeated_keys_are_refused(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
