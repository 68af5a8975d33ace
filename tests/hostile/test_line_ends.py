"""CR, LF and CRLF end lines alike in every reader and in the byte-range planner of ``--jobs``."""

from __future__ import annotations

from pathlib import Path

import pytest

from duizhao.textio import decode_range, iter_line_ranges, iter_lines

from .harness import Case, run_case

ENDINGS = {"lf": b"\n", "crlf": b"\r\n", "cr": b"\r"}
ROWS = ["新质生产力\tnew productivity", "你好\thello", "", "再见\tgoodbye"]


def _joined(end: bytes, rows: list[str] = ROWS) -> bytes:
    return end.join(r.encode() for r in rows) + end


@pytest.mark.parametrize("name", [*ENDINGS, "mixed"])
@pytest.mark.parametrize("block", [1, 3, 7, 1 << 20])
def test_ranges_and_lines_agree(name: str, block: int, tmp_path: Path) -> None:
    data = b"a\rb\r\nc\nd\r\re\n" if name == "mixed" else _joined(ENDINGS[name])
    path = tmp_path / "f.tsv"
    path.write_bytes(data)
    sequential = list(iter_lines(path))
    ranged = [(rng.first_line + i, line) for rng, chunk in iter_line_ranges(path, block_size=block)
              for i, line in enumerate(decode_range(rng, chunk))]
    assert ranged == sequential
    expected = ["a", "b", "c", "d", "", "e"] if name == "mixed" else ROWS
    assert [line for _, line in sequential] == expected


JSONL = ['{"id": "a", "zh": "新质生产力", "en": "new productivity"}', '{"id": "b", "zh": "你好", "en": "hello"}']

CASES = [
    *(Case(f"tsv-{name}", ("check", "x.tsv", "-j", "1", "-f", "json"), files={"x.tsv": _joined(end)}, code=1,
           stdout_has='"segments": 3') for name, end in ENDINGS.items()),
    *(Case(f"tsv-jobs2-{name}", ("check", "x.tsv", "-j", "2", "-f", "json"), files={"x.tsv": _joined(end)}, code=1,
           stdout_has='"segments": 3') for name, end in ENDINGS.items()),
    *(Case(f"jsonl-{name}", ("check", "x.jsonl", "-j", "1", "-f", "json"),
           files={"x.jsonl": _joined(end, JSONL)}, code=1, stdout_has='"segments": 2')
      for name, end in ENDINGS.items()),
    *(Case(f"moses-{name}", ("check", "m.zh", "-j", "1", "-f", "json"),
           files={"m.zh": _joined(end, ["新质生产力", "你好"]), "m.en": _joined(end, ["new productivity", "hello"])},
           code=1, stdout_has='"segments": 2') for name, end in ENDINGS.items()),
    *(Case(f"score-{name}", ("score", "h.txt", "r.txt", "-f", "json"),
           files={"h.txt": _joined(end, ["a b c", "d e f"]), "r.txt": b"a b c\nd e f\n"}, code=0,
           stdout_has='"lines": 2') for name, end in ENDINGS.items()),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_line_ends_in_every_reader(case: Case, tmp_path: Path) -> None:
    run_case(case, tmp_path)
