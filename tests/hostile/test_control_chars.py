"""Control characters from the inputs never crash a writer and never reach the terminal raw."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from duizhao.report.base import printable, printable_same_length, xml_safe

from .harness import Case, run_case

# one of each kind: NUL, BEL, BS, VT, FF, ESC (colour, title, clear screen), DEL, C1 (CSI, NEL)
CONTROLS = {
    "nul": "\x00", "bel": "\x07", "bs": "\x08", "vt": "\x0b", "ff": "\x0c", "esc-colour": "\x1b[31m",
    "esc-title": "\x1b]0;TITLE\x07", "esc-clear": "\x1b[2J", "del": "\x7f", "csi-c1": "\x9b31m", "nel": "\x85",
    "cr": "\r",
}
FORMATS = ("text", "json", "sarif", "junit", "github", "html")


def _tsv(control: str, where: str) -> bytes:
    seg_id = f"a{control}b"
    # an empty English side gives a finding whose location carries the id; a CJK leftover gives
    # one whose message quotes the English text
    if where == "id":
        return f"{seg_id}\t你好\t\n".encode()
    return f"你好\thello {control}你\n".encode()


def _json_case(name: str, control: str) -> Case:
    import json

    line = json.dumps({"id": f"s{control}", "zh": "你好", "en": ""}, ensure_ascii=True)
    return Case(f"jsonl-id-{name}-junit", ("check", "x.jsonl", "-f", "junit"), files={"x.jsonl": line.encode() + b"\n"},
                code=1, stdout_has="<testsuites")


CASES = [
    *(Case(f"tsv-id-{name}-{fmt}", ("check", "x.tsv", "-f", fmt), files={"x.tsv": _tsv(control, "id")}, code=1)
      for name, control in CONTROLS.items() if control not in ("\r", "\x0b", "\x0c", "\x85", "\x00")
      for fmt in FORMATS),
    *(Case(f"tsv-text-{name}-{fmt}", ("check", "x.tsv", "-f", fmt), files={"x.tsv": _tsv(control, "text")},
           code=1) for name, control in CONTROLS.items() if control not in ("\r", "\x0b", "\x0c", "\x85", "\x00")
      for fmt in ("text", "junit")),
    *(_json_case(name, control) for name, control in CONTROLS.items()),
    Case("junit-to-file", ("check", "x.tsv", "-f", "junit", "-o", "r.xml"),
         files={"x.tsv": _tsv("\x1b[31m", "id")}, code=1, output="r.xml"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_control_characters_in_inputs(case: Case, tmp_path: Path) -> None:
    result = run_case(case, tmp_path)
    text = result.stdout
    fmt = case.args[case.args.index("-f") + 1]
    if fmt == "junit" and "-o" not in case.args:
        etree.fromstring(text.encode())  # well-formed XML, whatever the input held
    if fmt in ("text", "github"):
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text, text
    if "-o" in case.args:
        etree.fromstring((tmp_path / "r.xml").read_bytes())


@pytest.mark.parametrize("control", sorted(set(CONTROLS.values())))
def test_escapes_keep_text_readable(control: str) -> None:
    shown = printable(f"id{control}x")
    assert shown.startswith("id\\") and shown.endswith("x") and shown.isprintable()
    assert len(printable_same_length(f"id{control}x")) == len(f"id{control}x")
    etree.fromstring(f"<a>{xml_safe('id' + control)}</a>".encode())


def test_ordinary_text_is_left_alone() -> None:
    for text in ("新质生产力 “quoted” — ok", "tab\tstays in xml", ""):
        assert xml_safe(text) == text
    assert printable("新质生产力 — ok") == "新质生产力 — ok"
