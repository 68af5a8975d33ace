"""JSON Lines bitexts: one object per line, ``{"zh": ..., "en": ..., "id"?: ..., "note"?: ...}``.

The format machine-translation pipelines exchange. Other scalar keys are kept as segment
``props``; every error names its line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

from ..errors import FormatError, OutputError
from ..model import EMPTY_MAPPING, DocumentInfo, Segment
from ..textio import atomic_writer, iter_lines
from .base import document_id_for

_KNOWN = ("id", "zh", "en", "note", "doc")


class JsonlReader:
    name: ClassVar[str] = "jsonl"
    extensions: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson")

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]:
        file = str(path)
        default = DocumentInfo(id=document_id_for(path), file=file)
        docs: dict[str, DocumentInfo] = {}
        for lineno, line in iter_lines(path, encoding):
            if lineno == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            try:
                record = json.loads(line, object_pairs_hook=_unique_keys)
            except DuplicateKey as exc:
                raise FormatError(f"duplicate key {exc.key!r} in one object; keys must be unique (the"
                                  " last would silently win)", file=file, line=lineno) from None
            except json.JSONDecodeError as exc:
                raise FormatError(f"not valid JSON: {exc.msg} at column {exc.colno}", file=file, line=lineno) from None
            except (ValueError, RecursionError) as exc:  # a 5,000-digit number, or nesting 100k deep
                raise FormatError(f"not a usable JSON object: {str(exc).splitlines()[0]}",
                                  file=file, line=lineno) from None
            if not isinstance(record, dict):
                raise FormatError('each line must be a JSON object like {"zh": "...", "en": "..."}',
                                  file=file, line=lineno)
            for key in ("zh", "en"):
                if key not in record:
                    raise FormatError(f"the object has no {key!r} key", file=file, line=lineno)
            for key in ("id", "zh", "en", "note", "doc"):
                value = record.get(key)
                if key in record and not isinstance(value, str) and not (key == "id" and isinstance(value, int)):
                    raise FormatError(f"{key!r} must be a string, not {type(value).__name__}", file=file, line=lineno)
                if isinstance(value, int) and value.bit_length() > 64:
                    raise FormatError(f"{key!r} is a number too long to be an id; quote it", file=file, line=lineno)
                if isinstance(value, str) and not _encodable(value):
                    raise FormatError(f"{key!r} holds a lone surrogate (\\ud800-\\udfff escape): not text",
                                      file=file, line=lineno)
            doc = default
            if record.get("doc"):
                doc = docs.get(record["doc"]) or docs.setdefault(record["doc"],
                                                                 DocumentInfo(id=record["doc"], file=file))
            props = {k: str(v) for k, v in record.items() if k not in _KNOWN and isinstance(v, str | int | float)}
            yield Segment(id=str(record.get("id", lineno)), zh=record["zh"], en=record["en"], doc=doc, line=lineno,
                          note=record.get("note", ""), props=MappingProxyType(props) if props else EMPTY_MAPPING)


class DuplicateKey(ValueError):
    """A JSON object that names one key twice (``json`` would keep the last silently)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def _encodable(text: str) -> bool:
    """False for strings with lone surrogates, which JSON can escape but no file encoding can hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class JsonlWriter:
    name: ClassVar[str] = "jsonl"
    extensions: ClassVar[tuple[str, ...]] = (".jsonl", ".ndjson")

    def write(self, segments: Iterable[Segment], path: Path, **_: object) -> int:
        count = 0
        with atomic_writer(path) as out:
            for seg in segments:
                record = {"id": seg.id, "zh": seg.zh, "en": seg.en}
                if seg.note:
                    record["note"] = seg.note
                record["doc"] = seg.doc.id
                line = json.dumps(record, ensure_ascii=False) + "\n"
                try:
                    out.write(line)
                except UnicodeEncodeError:  # a lone surrogate: not text, and not writable as UTF-8
                    raise OutputError(f"segment {seg.id}: contains a lone surrogate code point, which is not"
                                      " text; fix the source", file=str(path)) from None
                count += 1
        return count
