"""Bilingual XLIFF as CAT tools write it: 1.0–1.2 (with or without namespace), 2.0/2.1, and the
dialects of Trados Studio (``.sdlxliff``), memoQ (``.mqxliff``), Phrase (``.mxliff``) and
Wordfast (``.txlf``).

Pairs are segments as the translator sees them: a 1.x ``<trans-unit>`` with ``<seg-source>``
yields one pair per ``<mrk mtype="seg" mid>`` (Trados' segment number is the ``mid``), a 2.0
``<unit>`` one pair per ``<segment>``. A pair's id is ``UNIT`` for an unsegmented unit and
``UNIT/SEGMENT`` otherwise; ``line`` is the line of the target segment (of the source when there
is no target). Units without a target are pairs with an empty target: ``empty-target`` reports
them. Locked segments and ``translate="no"`` units are never pairs (they are counted in
``reader.skipped``); ``ReadOptions.statuses`` narrows the others to the statuses named.

Inline codes are kept out of the text and recorded by position (``codes.zh`` / ``codes.en`` in
``Segment.props``, see ``encode_codes``): spans and figures found in the text are offsets into
it, and ``tag-mismatch`` compares the codes of the two sides. Native markup inside codes
(1.2 ``bpt/ept/ph/it``) is dropped; text inside grouping codes (``g``, 2.0 ``pc``) is kept;
2.0 ``<cp hex>`` becomes its character. Only the unit's own ``<note>``s become the pair's note
(never those of ``<alt-trans>`` proposals).

Parsing uses the hardened configuration in ``xmlsafe`` (no entities, no DTD, no network).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

from lxml import etree

from ..errors import FormatError, UsageError
from ..inline import Code, encode_codes
from ..model import DocumentInfo, Segment
from .base import ConfigurableReader, CountingReader, Reader, ReadOptions, document_id_for
from .tmx import primary_subtag
from .xmlsafe import is_entity, iterparse, refuse_entity_reference, release

NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"
SDL_NS = "http://sdl.com/FileTypes/SdlXliff/1.0"
MQ_NS = "MQXliff"

#: the statuses ``--status`` can select, in workflow order
STATUSES = ("new", "draft", "translated", "reviewed", "signed-off", "rejected")

#: Trados Studio ``sdl:seg conf`` → status
_TRADOS = {"draft": "draft", "translated": "translated", "rejectedtranslation": "rejected",
           "approvedtranslation": "reviewed", "rejectedsignoff": "rejected", "approvedsignoff": "signed-off"}
#: memoQ ``mq:status`` → status
_MEMOQ = {"notstarted": "new", "editing": "draft", "partiallyedited": "draft", "pretranslated": "draft",
          "machinetranslated": "draft", "assembled": "draft", "manuallyconfirmed": "translated",
          "confirmed": "translated", "reviewer1confirmed": "reviewed", "proofread": "reviewed",
          "reviewer2confirmed": "signed-off", "rejected": "rejected"}
#: XLIFF 1.2 ``state`` → status
_STATE12 = {"new": "new", "needs-translation": "new", "needs-l10n": "draft", "needs-adaptation": "draft",
            "needs-review-translation": "translated", "needs-review-l10n": "translated",
            "needs-review-adaptation": "translated", "translated": "translated", "signed-off": "signed-off",
            "final": "signed-off"}
#: XLIFF 2.0 ``state`` → status
_STATE20 = {"initial": "new", "translated": "translated", "reviewed": "reviewed", "final": "signed-off"}

# 1.x codes: paired with content kept, paired/standalone with native content dropped
_PAIRED_KEEP = frozenset({"g", "pc"})
_OPENS = frozenset({"bpt", "bx", "sc"})
_CLOSES = {"ept": "bpt", "ex": "bx", "ec": "sc"}
_NATIVE = frozenset({"bpt", "ept", "ph", "it", "x", "bx", "ex", "sc", "ec"})
# <mrk> types that are structure or review markup, not codes of the text
_TRANSPARENT_MRK = frozenset({"seg", "x-sdl-comment", "x-sdl-location", "x-sdl-added", "x-sdl-feedback-added",
                              "x-sdl-feedback-comment", "term", "x-term"})
_DELETED_MRK = frozenset({"x-sdl-deleted", "x-sdl-feedback-deleted"})

DIALECTS = {".sdlxliff": "trados", ".mqxliff": "memoq", ".mxliff": "phrase", ".txlf": "wordfast"}


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _ns(tag: object) -> str:
    return tag[1:tag.index("}")] if isinstance(tag, str) and tag.startswith("{") else ""


@dataclass
class _Flat:
    file: str
    parts: list[str] = field(default_factory=list)
    codes: list[Code] = field(default_factory=list)
    length: int = 0

    def text(self, value: str | None) -> None:
        if value:
            self.parts.append(value)
            self.length += len(value)

    def code(self, kind: str, key: str) -> None:
        self.codes.append(Code(kind, key.replace(" ", "_") or "?", self.length))


def _code_id(element: etree._Element, name: str) -> str:
    if name in ("ept", "ec"):
        ref: str | None = element.get("rid") or element.get("startRef")
        if ref:
            return ref
    found: str = element.get("id") or element.get("rid") or element.get("mid") or ""
    return found


def _flatten(element: etree._Element, flat: _Flat, xliff_ns: str) -> None:
    """Append ``element``'s content (not its own tag) to ``flat``."""
    flat.text(element.text)
    for child in element:
        if is_entity(child):
            refuse_entity_reference(child, flat.file)
        if isinstance(child.tag, str):
            name = _local(child.tag)
            if _ns(child.tag) != xliff_ns:
                _flatten(child, flat, xliff_ns)  # an extension element inside text: its text is text
            elif name == "cp":
                try:
                    flat.text(chr(int(child.get("hex", ""), 16)))
                except ValueError:
                    raise FormatError(f"<cp hex={child.get('hex')!r}> is not a hexadecimal code point",
                                      file=flat.file, line=child.sourceline) from None
            elif name in _PAIRED_KEEP:
                key = f"{name}:{_code_id(child, name)}"
                flat.code("<", key)
                _flatten(child, flat, xliff_ns)
                flat.code(">", key)
            elif name in _OPENS:
                flat.code("<", f"{name}:{_code_id(child, name)}")
            elif name in _CLOSES:
                flat.code(">", f"{_CLOSES[name]}:{_code_id(child, name)}")
            elif name in _NATIVE:
                flat.code("|", f"{'ph' if name == 'x' else name}:{_code_id(child, name)}")
            elif name == "mrk":
                mtype = child.get("mtype") or child.get("type") or ""
                if mtype in _DELETED_MRK:
                    pass  # tracked deletion: not in the text the translator sees
                elif mtype == "protected":
                    key = f"mrk:{_code_id(child, name)}"
                    flat.code("<", key)
                    _flatten(child, flat, xliff_ns)
                    flat.code(">", key)
                else:
                    _flatten(child, flat, xliff_ns)
            elif name in ("sm", "em"):
                pass  # 2.0 annotation markers: no text, not codes
            else:
                _flatten(child, flat, xliff_ns)
        flat.text(child.tail)


def flatten(element: etree._Element, file: str, xliff_ns: str) -> tuple[str, tuple[Code, ...]]:
    """The text of a source/target/segment and its inline codes by position."""
    flat = _Flat(file)
    _flatten(element, flat, xliff_ns)
    return "".join(flat.parts), tuple(flat.codes)


def inline_text(element: etree._Element, file: str) -> str:
    """Translatable text of a source/target: codes dropped, grouping kept, ``<cp>`` decoded."""
    return flatten(element, file, _ns(element.tag))[0]


@dataclass(frozen=True, slots=True)
class XliffSegment:
    """One segment of a bilingual XLIFF file, languages as the file has them."""

    unit: str  # the trans-unit / unit id
    segment: str  # the mrk mid / segment id ("" for an unsegmented 1.x unit)
    source: str
    target: str | None
    source_codes: tuple[Code, ...]
    target_codes: tuple[Code, ...]
    status: str  # one of STATUSES
    raw_status: str  # as the file says it (``Translated``, ``ManuallyConfirmed``, ``needs-review-l10n``)
    locked: bool
    translate: bool
    line: int  # the target's line (the source's when there is no target)
    note: str
    src_lang: str
    tgt_lang: str
    number: str = ""  # the segment number the CAT tool shows (Trados: the mid)
    unit_index: int = 0  # the unit's place among the file's units (0-based, document order)

    @property
    def id(self) -> str:
        return f"{self.unit}/{self.segment}" if self.segment else self.unit

    @property
    def shown(self) -> str:
        """The segment as the CAT tool names it: Trados' segment number, else the id."""
        return self.number or self.id

    @property
    def checked_by_default(self) -> bool:
        return self.translate and not self.locked


@dataclass
class _Context:
    file: str
    dialect: str
    version: str = ""  # "1" or "2"
    xliff_ns: str = ""
    src_lang: str = ""
    tgt_lang: str = ""
    translate: list[bool] = field(default_factory=lambda: [True])
    units: int = 0  # units met so far
    comments: dict[str, str] = field(default_factory=dict)  # Trados comment id → its text


def detect_dialect(root: etree._Element, path: Path) -> str:
    """``trados``, ``memoq``, ``phrase``, ``wordfast`` or ``xliff`` from the root's namespaces, else the extension."""
    return dialect_of([v for v in root.nsmap.values() if v], path)


def detect_dialect_of_text(attrs: Mapping[str, str], path: Path) -> str:
    """``detect_dialect`` for a root element's attributes as written (``xmlns:sdl="…"``)."""
    return dialect_of([v for k, v in attrs.items() if k == "xmlns" or k.startswith("xmlns:")], path)


def dialect_of(namespaces: list[str], path: Path) -> str:
    spaces = " ".join(namespaces)
    if SDL_NS in spaces or "sdl.com/FileTypes" in spaces:
        return "trados"
    if MQ_NS in spaces or "memoq" in spaces.lower():
        return "memoq"
    if "memsource" in spaces.lower() or "phrase.com" in spaces.lower():
        return "phrase"
    if "gs4tr" in spaces.lower() or "wordfast" in spaces.lower():
        return "wordfast"
    return DIALECTS.get(path.suffix.lower(), "xliff")


def iter_xliff(path: Path, *, encoding: str | None = None) -> Iterator[XliffSegment]:
    """Every segment of ``path`` in document order, locked and ``translate="no"`` ones included."""
    file = str(path)
    ctx: _Context | None = None
    for event, element in iterparse(path, events=("start", "end"), encoding=encoding):
        if not isinstance(element.tag, str):
            continue
        name = _local(element.tag)
        if ctx is None:
            ctx = _root(element, path, file)
            continue
        if _ns(element.tag) != ctx.xliff_ns:
            if event == "end" and name == "cmt-def" and _ns(element.tag) == SDL_NS:
                texts = ("".join(c.itertext()).strip() for c in element.iter("Comment"))
                ctx.comments[element.get("id") or ""] = "\n".join(t for t in texts if t)
            continue
        if event == "start":
            if name == "file":
                _file_start(element, ctx)
            if name in ("file", "group"):
                ctx.translate.append(_translate(element, ctx.translate[-1]))
            continue
        if name in ("file", "group"):
            ctx.translate.pop()
            if name == "file":
                release(element)
        elif (ctx.version == "1" and name == "trans-unit") or (ctx.version == "2" and name == "unit"):
            yield from (_unit12(element, ctx) if ctx.version == "1" else _unit20(element, ctx))
            ctx.units += 1
            release(element)
        elif name == "bin-unit":
            release(element)
    if ctx is None:
        raise FormatError("not XLIFF: no root element", file=file)


def _root(element: etree._Element, path: Path, file: str) -> _Context:
    name, namespace = _local(element.tag), _ns(element.tag)
    if name != "xliff":
        raise FormatError(f"not XLIFF: root element <{name}>", file=file, line=element.sourceline)
    version = element.get("version") or ""
    two = namespace.startswith("urn:oasis:names:tc:xliff:document:2") or version.startswith("2")
    ctx = _Context(file=file, dialect=detect_dialect(element, path), version="2" if two else "1",
                   xliff_ns=namespace)
    if two:
        ctx.src_lang, ctx.tgt_lang = element.get("srcLang") or "", element.get("trgLang") or ""
    return ctx


def _file_start(element: etree._Element, ctx: _Context) -> None:
    if ctx.version == "1":
        ctx.src_lang = element.get("source-language") or ""
        ctx.tgt_lang = element.get("target-language") or ""


def _translate(element: etree._Element, inherited: bool) -> bool:
    value = element.get("translate")
    return inherited if value is None else value.strip().lower() not in ("no", "false")


def _children(element: etree._Element, ns: str, name: str) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str) and _local(c.tag) == name and _ns(c.tag) == ns]


def _child(element: etree._Element, ns: str, name: str) -> etree._Element | None:
    found = _children(element, ns, name)
    return found[0] if found else None


def _seg_marks(element: etree._Element, ns: str) -> list[etree._Element]:
    return [m for m in element.iter(f"{{{ns}}}mrk" if ns else "mrk") if m.get("mtype") == "seg"]


def _notes(unit: etree._Element, ns: str, file: str) -> str:
    """The unit's own notes (1.2: direct ``<note>`` children; 2.0: ``<notes><note>``), never alt-trans ones."""
    holder = _child(unit, ns, "notes") if _local(unit.tag) == "unit" else unit
    if holder is None:
        return ""
    return "\n".join(flatten(n, file, ns)[0] for n in _children(holder, ns, "note"))


def _unit12(unit: etree._Element, ctx: _Context) -> Iterator[XliffSegment]:
    ns, file = ctx.xliff_ns, ctx.file
    unit_id = unit.get("id") or ""
    translate = _translate(unit, ctx.translate[-1])
    source = _child(unit, ns, "source")
    if source is None:
        raise FormatError(f"trans-unit {unit_id!r} has no <source>", file=file, line=unit.sourceline)
    target = _child(unit, ns, "target")
    seg_source = _child(unit, ns, "seg-source")
    note = _joined(_notes(unit, ns, file), *_memoq_comments(unit)) if ctx.dialect == "memoq" else _notes(unit, ns, file)
    marks = _seg_marks(seg_source, ns) if seg_source is not None else []
    unit_status = _unit_status12(unit, target, ctx)
    if seg_source is not None and not marks:
        return  # codes or white space only: no segment the translator sees (Trados leaves these out)
    if not marks:
        src_text, src_codes = flatten(source, file, ns)
        tgt = flatten(target, file, ns) if target is not None else None
        raw, status, locked = unit_status
        yield XliffSegment(unit_id, "", src_text, tgt[0] if tgt else None, src_codes, tgt[1] if tgt else (),
                           _status_or_default(status, tgt[0] if tgt else None), raw, locked, translate,
                           (target if target is not None else source).sourceline or 0, note,
                           ctx.src_lang, ctx.tgt_lang, unit_index=ctx.units)
        return
    targets = {m.get("mid"): m for m in _seg_marks(target, ns)} if target is not None else {}
    sdl = _trados_segs(unit) if ctx.dialect == "trados" else {}
    for mark in marks:
        mid = mark.get("mid") or ""
        src_text, src_codes = flatten(mark, file, ns)
        tmark = targets.get(mid)
        tgt = flatten(tmark, file, ns) if tmark is not None else None
        raw, status, locked = sdl.get(mid, unit_status)
        line = (tmark if tmark is not None else target if target is not None else mark).sourceline or 0
        seg_note = _joined(note, *_trados_comments(ctx, mark, tmark)) if ctx.comments else note
        yield XliffSegment(unit_id, mid, src_text, tgt[0] if tgt else None, src_codes, tgt[1] if tgt else (),
                           _status_or_default(status, tgt[0] if tgt else None), raw, locked, translate,
                           line, seg_note, ctx.src_lang, ctx.tgt_lang, number=mid if ctx.dialect == "trados" else "",
                           unit_index=ctx.units)


def _joined(*notes: str) -> str:
    return "\n".join(n for n in notes if n)


def _memoq_comments(unit: etree._Element) -> list[str]:
    """memoQ's ``<mq:comments>`` of a unit (deleted ones left out): shown with the unit's notes."""
    return ["".join(c.itertext()).strip() for c in unit.iter(f"{{{MQ_NS}}}comment")
            if (c.get("deleted") or "").lower() != "true"]


def _trados_comments(ctx: _Context, *marks: etree._Element | None) -> list[str]:
    """The Trados comments (``x-sdl-comment`` markers) inside a segment's source and target."""
    out = []
    for mark in marks:
        if mark is None:
            continue
        for inner in mark.iter(f"{{{ctx.xliff_ns}}}mrk" if ctx.xliff_ns else "mrk"):
            if inner.get("mtype") == "x-sdl-comment":
                text = ctx.comments.get(inner.get(f"{{{SDL_NS}}}cid") or inner.get("cid") or "", "")
                if text and text not in out:
                    out.append(text)
    return out


def _status_or_default(status: str, target: str | None) -> str:
    if status:
        return status
    return "translated" if target and target.strip() else "new"


def _unit_status12(unit: etree._Element, target: etree._Element | None, ctx: _Context) -> tuple[str, str, bool]:
    """``(raw status, status, locked)`` of a 1.x unit from memoQ, Phrase and XLIFF 1.2 attributes."""
    locked = False
    if ctx.dialect == "memoq":
        raw = unit.get(f"{{{MQ_NS}}}status") or ""
        locked = (unit.get(f"{{{MQ_NS}}}locked") or "").lower() in ("locked", "true")
        if raw:
            return raw, _MEMOQ.get(raw.lower(), "draft"), locked
    for attr, value in unit.attrib.items():
        local = _local(attr)
        if _ns(attr) and local == "locked" and str(value).lower() in ("true", "1", "locked", "yes"):
            locked = True  # Phrase m:locked, Wordfast gs4tr:locked
        if _ns(attr) and local == "confirmed" and str(value) == "1":  # Phrase m:confirmed
            return "confirmed", "translated", locked
    state = target.get("state") if target is not None else None
    if (unit.get("approved") or "").lower() == "yes":
        return "approved", "signed-off" if state in ("final", "signed-off") else "reviewed", locked
    if state:
        return state, _STATE12.get(state, "draft" if not state.startswith("x-") else "translated"), locked
    return "", "", locked


def _trados_segs(unit: etree._Element) -> dict[str, tuple[str, str, bool]]:
    """Trados ``<sdl:seg-defs>``: mid → (conf, status, locked)."""
    out = {}
    for seg in unit.iter(f"{{{SDL_NS}}}seg"):
        conf = seg.get("conf") or ""
        locked = (seg.get("locked") or "").lower() == "true"
        out[seg.get("id") or ""] = (conf, _TRADOS.get(conf.lower(), "draft") if conf else "new", locked)
    return out


def _unit20(unit: etree._Element, ctx: _Context) -> Iterator[XliffSegment]:
    ns, file = ctx.xliff_ns, ctx.file
    unit_id = unit.get("id") or ""
    translate = _translate(unit, ctx.translate[-1])
    note = _notes(unit, ns, file)
    segments = _children(unit, ns, "segment")
    for index, segment in enumerate(segments, start=1):
        source, target = _child(segment, ns, "source"), _child(segment, ns, "target")
        if source is None:
            raise FormatError(f"unit {unit_id!r} has a <segment> without <source>", file=file,
                              line=segment.sourceline)
        seg_id = segment.get("id") or ("" if len(segments) == 1 else str(index))
        src_text, src_codes = flatten(source, file, ns)
        tgt = flatten(target, file, ns) if target is not None else None
        raw = segment.get("state") or ""
        status = _STATE20.get(raw, "") if raw else ""
        yield XliffSegment(unit_id, seg_id, src_text, tgt[0] if tgt else None, src_codes, tgt[1] if tgt else (),
                           _status_or_default(status, tgt[0] if tgt else None), raw, False, translate,
                           (target if target is not None else source).sourceline or 0, note,
                           ctx.src_lang, ctx.tgt_lang, unit_index=ctx.units)


def zh_is_source(src: str, tgt: str) -> bool:
    """True when the source side goes in the ``zh`` slot.

    Chinese is the source unless the file says the source is English (or the target Chinese).
    Files of other languages are read too, the source in the ``zh`` slot unless it is English:
    figures, codes and empty targets are checked whatever the languages.
    """
    src_p = primary_subtag(src) if src else None
    tgt_p = primary_subtag(tgt) if tgt else None
    if src_p == "zh":
        return True
    return not (src_p == "en" or tgt_p == "zh")


def parse_statuses(values: str | tuple[str, ...] | None) -> frozenset[str] | None:
    """``--status translated,draft`` as a set of STATUSES; None (every status) when not given."""
    if not values:
        return None
    items = values.split(",") if isinstance(values, str) else [v for part in values for v in part.split(",")]
    chosen = frozenset(v.strip().lower() for v in items if v.strip())
    unknown = sorted(chosen - set(STATUSES))
    if unknown:
        raise UsageError(f"unknown status {', '.join(unknown)} (known: {', '.join(STATUSES)})")
    return chosen or None


class XliffReader(CountingReader, ConfigurableReader):
    name: ClassVar[str] = "xliff"
    extensions: ClassVar[tuple[str, ...]] = (".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".mxliff", ".txlf")
    accepts: ClassVar[frozenset[str]] = frozenset({"statuses"})

    def __init__(self, statuses: frozenset[str] | None = None) -> None:
        self.skipped = 0
        self.statuses = statuses

    def configured(self, options: ReadOptions) -> Reader:
        return XliffReader(statuses=parse_statuses(options.statuses))

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]:
        self.skipped = 0
        docs: dict[tuple[str, str], DocumentInfo] = {}
        doc_id = document_id_for(path)
        seen = False
        for seg in iter_xliff(path, encoding=encoding):
            seen = True
            if not seg.checked_by_default or (self.statuses is not None and seg.status not in self.statuses):
                self.skipped += 1
                continue
            key = (seg.src_lang, seg.tgt_lang)
            doc = docs.get(key)
            if doc is None:
                doc = docs[key] = DocumentInfo(id=doc_id, file=str(path), src_lang=seg.src_lang or "zh-CN",
                                               tgt_lang=seg.tgt_lang or "en")
            yield to_segment(seg, doc)
        if not seen and not _has_units(path, encoding):
            # As TMX: a file with no unit at all is not a clean file. Units that hold only codes,
            # or are locked or filtered out by --status, are a legitimate empty read.
            raise FormatError("no translation unit (<trans-unit> or <unit>) in this XLIFF file", file=str(path))


def _has_units(path: Path, encoding: str | None) -> bool:
    for _, element in iterparse(path, events=("start",), encoding=encoding):
        if isinstance(element.tag, str) and etree.QName(element).localname in ("trans-unit", "unit"):
            return True
    return False


def to_segment(seg: XliffSegment, doc: DocumentInfo) -> Segment:
    """The ``Segment`` of an XLIFF segment: the sides placed by ``zh_is_source``, codes in ``props``."""
    target = seg.target or ""
    forward = zh_is_source(seg.src_lang, seg.tgt_lang)
    zh, en = (seg.source, target) if forward else (target, seg.source)
    zh_codes, en_codes = (seg.source_codes, seg.target_codes) if forward else (seg.target_codes, seg.source_codes)
    props = {"xliff.unit": seg.unit, "xliff.status": seg.status, "xliff.source": "zh" if forward else "en"}
    if seg.segment:
        props["xliff.segment"] = seg.segment
    if seg.number:
        props["xliff.number"] = seg.number
    if zh_codes or en_codes:
        props["codes.zh"], props["codes.en"] = encode_codes(zh_codes), encode_codes(en_codes)
    return Segment(id=seg.id, zh=zh, en=en, doc=doc, line=seg.line, note=seg.note, props=MappingProxyType(props))


def looks_like_xliff(head: bytes) -> bool:
    """True when the first bytes of a file are an XLIFF document (any version, any dialect)."""
    start = _root_tag(_decode_head(head))
    return start is not None and start.split(":")[-1] == "xliff"


def looks_like_tmx(head: bytes) -> bool:
    """True when the first bytes of a file are a TMX document."""
    return _root_tag(_decode_head(head)) == "tmx"


def _decode_head(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore")
    if len(head) > 1 and head[0] == 0 and head[1] != 0:
        return head.decode("utf-16-be", errors="ignore")
    if len(head) > 1 and head[1] == 0 and head[0] != 0:
        return head.decode("utf-16-le", errors="ignore")
    return head.decode("utf-8", errors="ignore").lstrip("\ufeff")


def _root_tag(text: str) -> str | None:
    """The name of the first element of an XML document's head, skipping declaration, comments, DTD."""
    pos = 0
    while True:
        pos = text.find("<", pos)
        if pos < 0 or pos + 1 >= len(text):
            return None
        if text.startswith("<?", pos):
            pos = text.find("?>", pos) + 2
        elif text.startswith("<!--", pos):
            pos = text.find("-->", pos) + 3
        elif text.startswith("<!", pos):
            pos = text.find(">", pos) + 1
        else:
            end = pos + 1
            while end < len(text) and not text[end].isspace() and text[end] not in "/>":
                end += 1
            return text[pos + 1:end]
        if pos <= 1:
            return None
