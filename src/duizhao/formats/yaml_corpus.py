"""The corpus YAML format: one document per file.

    id: datong-2024-new-year
    title: 新春贺词
    source: {issuer: ..., date: 2024-02-08, url: ...}
    segments:
      - id: s001
        zh: ...
        en: ...
        note: optional
        ignore: {rule-id: reason}   # optional, per-segment suppression
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

import yaml

from ..errors import FormatError
from ..model import EMPTY_MAPPING, DocumentInfo, Segment
from ..positions import TextPositions, scalar_positions
from ..textio import atomic_writer, read_text
from ..yamlio import as_text, compose, dump, line_of, mapping_items, to_python
from .base import document_id_for

DOCUMENT_FIELDS = {"id", "title", "source", "segments", "src_lang", "tgt_lang", "note"}
SEGMENT_FIELDS = {"id", "zh", "en", "note", "ignore", "props", "confidence"}


class YamlCorpusReader:
    name: ClassVar[str] = "yaml"
    extensions: ClassVar[tuple[str, ...]] = (".yaml", ".yml")

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]:
        file = str(path)
        text = read_text(path, encoding)
        root = compose(text, file)
        if root is None:
            raise FormatError("empty corpus file: expected a mapping with 'id' and 'segments'", file=file)
        fields = dict(mapping_items(root, file, "a corpus document"))
        unknown = sorted(set(fields) - DOCUMENT_FIELDS)
        if unknown:
            node = fields[unknown[0]]
            raise FormatError(
                f"unknown document field {unknown[0]!r} (expected one of: {', '.join(sorted(DOCUMENT_FIELDS))})",
                file=file, line=line_of(node) - 0,
            )
        if "segments" not in fields:
            raise FormatError("corpus document has no 'segments:' list", file=file, line=line_of(root))
        source = to_python(fields["source"], file) if "source" in fields else {}
        if isinstance(source, str):
            source = {"issuer": source}
        if not isinstance(source, dict):
            raise FormatError("'source' must be a mapping (issuer, date, url)", file=file,
                              line=line_of(fields["source"]))
        doc = DocumentInfo(
            id=as_text(fields["id"], file, "'id'") if "id" in fields else document_id_for(path),
            file=file,
            title=as_text(fields["title"], file, "'title'") if "title" in fields else "",
            source=MappingProxyType({str(k): "" if v is None else str(v) for k, v in source.items()}),
            src_lang=as_text(fields["src_lang"], file, "'src_lang'") if "src_lang" in fields else "zh-CN",
            tgt_lang=as_text(fields["tgt_lang"], file, "'tgt_lang'") if "tgt_lang" in fields else "en",
        )
        segments = fields["segments"]
        if not isinstance(segments, yaml.SequenceNode):
            raise FormatError("'segments' must be a list of {id, zh, en}", file=file, line=line_of(segments))
        seen: dict[str, int] = {}
        for index, node in enumerate(segments.value, start=1):
            yield self._segment(node, doc, file, index, seen, text)

    @staticmethod
    def _segment(node: yaml.Node, doc: DocumentInfo, file: str, index: int, seen: dict[str, int],
                 text: str) -> Segment:
        line = line_of(node)
        fields = dict(mapping_items(node, file, "a segment"))
        unknown = sorted(set(fields) - SEGMENT_FIELDS)
        if unknown:
            raise FormatError(
                f"unknown segment field {unknown[0]!r} (expected: id, zh, en, note, ignore)",
                file=file, line=line_of(fields[unknown[0]]),
            )
        for required in ("zh", "en"):
            if required not in fields:
                raise FormatError(f"segment has no '{required}'", file=file, line=line)
        seg_id = as_text(fields["id"], file, "'id'") if "id" in fields else str(index)
        if seg_id in seen:
            raise FormatError(f"duplicate segment id {seg_id!r} (first at line {seen[seg_id]})", file=file, line=line)
        seen[seg_id] = line
        ignore: Any = EMPTY_MAPPING
        if "ignore" in fields:
            raw = to_python(fields["ignore"], file)
            if isinstance(raw, str):
                raw = {raw: ""}
            elif isinstance(raw, list):
                raw = {str(rule): "" for rule in raw}
            if not isinstance(raw, dict):
                raise FormatError("'ignore' must map rule ids to reasons", file=file,
                                  line=line_of(fields["ignore"]))
            ignore = MappingProxyType({str(k): "" if v is None else str(v) for k, v in raw.items()})
        props: Any = EMPTY_MAPPING
        if "props" in fields or "confidence" in fields:
            raw_props = to_python(fields["props"], file) if "props" in fields else {}
            if not isinstance(raw_props, dict):
                raise FormatError("'props' must be a mapping", file=file, line=line_of(fields["props"]))
            if "confidence" in fields:
                raw_props["confidence"] = as_text(fields["confidence"], file, "'confidence'")
            props = MappingProxyType({str(k): str(v) for k, v in raw_props.items()})
        zh = as_text(fields["zh"], file, "'zh'")
        en = as_text(fields["en"], file, "'en'")
        return Segment(
            id=seg_id,
            zh=zh,
            en=en,
            doc=doc,
            line=line,
            note=as_text(fields["note"], file, "'note'") if "note" in fields else "",
            ignore=ignore,
            props=props,
            zh_at=_positions(text, fields["zh"], zh),
            en_at=_positions(text, fields["en"], en),
        )


def _positions(text: str, node: yaml.Node, value: str) -> TextPositions:
    """Where ``value`` (the scalar ``node``, as ``as_text`` read it) sits in the file."""
    if not isinstance(node, yaml.ScalarNode) or node.value != value:
        return ()  # a number or boolean read as text, say: no reliable character mapping
    start, end = node.start_mark, node.end_mark
    return scalar_positions(text, start.index, end.index, start.line + 1, start.column + 1, value,
                            block=node.style in ("|", ">"))


class YamlCorpusWriter:
    name: ClassVar[str] = "yaml"
    extensions: ClassVar[tuple[str, ...]] = (".yaml", ".yml")

    def write(self, segments: Iterable[Segment], path: Path, *, doc_id: str | None = None,
              title: str | None = None, **_: object) -> int:
        items: list[dict[str, Any]] = []
        info: DocumentInfo | None = None
        for seg in segments:
            info = info or seg.doc
            entry: dict[str, Any] = {"id": seg.id, "zh": seg.zh, "en": seg.en}
            if seg.note:
                entry["note"] = seg.note
            if "confidence" in seg.props:
                entry["confidence"] = float(seg.props["confidence"])
            if seg.ignore:
                entry["ignore"] = dict(seg.ignore)
            items.append(entry)
        document: dict[str, Any] = {"id": doc_id or (info.id if info else document_id_for(path))}
        doc_title = title if title is not None else (info.title if info else "")
        if doc_title:
            document["title"] = doc_title
        if info and info.source:
            document["source"] = dict(info.source)
        document["segments"] = items
        with atomic_writer(path) as out:
            out.write(dump(document))
        return len(items)
