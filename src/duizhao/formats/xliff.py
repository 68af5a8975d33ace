"""Bilingual XLIFF 1.2 and 2.0: ``<source>``/``<target>`` pairs as zh/en segments.

The Chinese side is the source unless the file's languages say otherwise (``srcLang`` /
``source-language`` starting with ``en`` and the target with ``zh``). A file whose languages
are neither is refused naming them. Units without a target are skipped and counted
(``reader.skipped``): an untranslated unit is not a pair to check. Inline codes that hold
native markup (1.2 ``bpt/ept/ph/it/x/bx/ex``, 2.0 ``ph/sc/ec``) are dropped, grouping
elements (``g``, ``mrk``, ``pc``) keep their text, and 2.0 ``<cp hex>`` becomes its character.
Parsing uses the hardened configuration in ``xmlsafe`` (no entities, no DTD, no network).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from lxml import etree

from ..errors import FormatError
from ..model import DocumentInfo, Segment
from .base import CountingReader, document_id_for
from .tmx import primary_subtag
from .xmlsafe import is_entity, iterparse, refuse_entity_reference, release

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
_DROP = frozenset({"bpt", "ept", "ph", "it", "x", "bx", "ex", "sc", "ec", "sm", "em"})


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def inline_text(element: etree._Element, file: str) -> str:
    """Translatable text of a source/target: codes dropped, grouping kept, ``<cp>`` decoded."""
    parts = [element.text or ""]
    for child in element:
        if is_entity(child):
            refuse_entity_reference(child, file)
        name = _local(child.tag)
        if name == "cp":
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                raise FormatError(f"<cp hex={child.get('hex')!r}> is not a hexadecimal code point",
                                  file=file, line=child.sourceline) from None
        elif name not in _DROP and name:
            parts.append(inline_text(child, file))
        parts.append(child.tail or "")
    return "".join(parts)


class XliffReader(CountingReader):
    name: ClassVar[str] = "xliff"
    extensions: ClassVar[tuple[str, ...]] = (".xlf", ".xliff")

    def __init__(self) -> None:
        self.skipped = 0

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]:
        file = str(path)
        self.skipped = 0
        version: str | None = None
        zh_is_source = True
        doc = DocumentInfo(id=document_id_for(path), file=file)
        ordinal = 0
        for event, element in iterparse(path, events=("start", "end"), encoding=encoding):
            name = _local(element.tag)
            if version is None:
                namespace = etree.QName(element.tag).namespace if isinstance(element.tag, str) else None
                if name != "xliff" or namespace not in (NS12, NS20):
                    raise FormatError(f"not XLIFF 1.2 or 2.0: root element <{element.tag}>", file=file,
                                      line=element.sourceline)
                version = "2.0" if namespace == NS20 else "1.2"
                if version == "2.0":
                    zh_is_source = _zh_is_source(element.get("srcLang"), element.get("trgLang"), file,
                                                 element.sourceline)
                continue
            if event == "start" and name == "file" and version == "1.2":
                zh_is_source = _zh_is_source(element.get("source-language"), element.get("target-language"),
                                             file, element.sourceline)
            if event != "end":
                continue
            if (version == "1.2" and name == "trans-unit") or (version == "2.0" and name == "unit"):
                for seg_id, source, target, note, line in self._pairs(element, version, file):
                    ordinal += 1
                    if target is None:
                        self.skipped += 1
                        continue
                    zh, en = (source, target) if zh_is_source else (target, source)
                    yield Segment(id=seg_id or str(ordinal), zh=zh, en=en, doc=doc, line=line, note=note)
                release(element)

    @staticmethod
    def _pairs(unit: etree._Element, version: str, file: str) -> Iterator[tuple[str, str, str | None, str, int]]:
        ns = NS12 if version == "1.2" else NS20
        unit_id = unit.get("id") or ""
        notes = [inline_text(n, file) for n in unit.iter(f"{{{ns}}}note")]
        note = "\n".join(notes)
        if version == "1.2":
            source, target = unit.find(f"{{{ns}}}source"), unit.find(f"{{{ns}}}target")
            if source is None:
                raise FormatError(f"trans-unit {unit_id!r} has no <source>", file=file, line=unit.sourceline)
            yield (unit_id, inline_text(source, file), None if target is None else inline_text(target, file), note,
                   unit.sourceline or 0)
            return
        segments = unit.findall(f"{{{ns}}}segment")
        for index, segment in enumerate(segments, start=1):
            source, target = segment.find(f"{{{ns}}}source"), segment.find(f"{{{ns}}}target")
            if source is None:
                raise FormatError(f"unit {unit_id!r} has a <segment> without <source>", file=file,
                                  line=segment.sourceline)
            seg_id = segment.get("id") or (unit_id if len(segments) == 1 else f"{unit_id}.{index}")
            yield (seg_id, inline_text(source, file), None if target is None else inline_text(target, file), note,
                   segment.sourceline or 0)


def _zh_is_source(src: str | None, tgt: str | None, file: str, line: int | None) -> bool:
    """True when Chinese is the source side; a refusal when the languages are not zh and en."""
    src_p = primary_subtag(src) if src else None
    tgt_p = primary_subtag(tgt) if tgt else None
    if src_p in (None, "zh") and tgt_p in (None, "en"):
        return True
    if src_p == "en" and tgt_p in (None, "zh"):
        return False
    raise FormatError(f"XLIFF languages are {src or '?'} → {tgt or '?'}; duizhao reads Chinese–English pairs only",
                      file=file, line=line)
