"""TMX: write TMX 1.4b that CAT tools accept; read TMX 1.1–1.4 as CAT tools really write it.

Writing streams hand-escaped text (a million pairs never become a million-element tree),
validates every character first (XML 1.0 cannot hold most C0 controls: an export that
silently dropped them would corrupt the memory) and escapes CR as ``&#13;`` so that
segments keep their exact whitespace: nothing is ever written inside ``<seg>`` but the
segment itself. The TMX 1.4 DTD declares no ``xml:space``, and ``<seg>`` is mixed content,
so whitespace there is significant to every conforming reader without it.

Reading streams with the hardened parser from ``xmlsafe``. Per ``<tu>``, the Chinese and
English ``<tuv>`` are chosen by language-code prefix, case-insensitively:

* zh: a code equal to ``zh_lang`` (when given) wins; otherwise Simplified codes (``zh``,
  ``zh-CN``, ``zh-Hans…``, ``zh-SG``) win over Traditional ones (``zh-TW``, ``zh-HK``,
  ``zh-MO``, ``zh-Hant…``); ties go to document order. ``traditional="convert"`` turns a
  Traditional segment into Simplified with OpenCC; the default ``"keep"`` imports it as is.
* en: a code equal to ``en_lang`` (when given) wins; otherwise the first ``en*`` in document order.

A ``<tu>`` without one of the two languages is skipped and counted (``reader.skipped``); a file
where no ``<tu>`` has both is refused, listing the languages it does have. ``tuid`` becomes the
segment id as it is (CAT tools do repeat tuids; ``duizhao import`` makes them unique), and the
``x-document*`` props written by ``TmxWriter`` restore each pair's document.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar, Literal

from lxml import etree

from .. import __version__
from ..errors import FormatError, OutputError, UsageError
from ..model import EMPTY_MAPPING, DocumentInfo, Segment
from ..positions import ForwardLines, TextPositions, markup_positions
from ..script import to_simplified
from ..textio import atomic_writer
from .base import ConfigurableReader, CountingReader, Reader, ReadOptions, document_id_for
from .xmlsafe import is_entity, iterparse, lang_of, refuse_entity_reference, release

InlineMode = Literal["drop", "text", "xml"]
INLINE_MODES: tuple[str, ...] = ("drop", "text", "xml")

# Inline codes whose content is native markup (e.g. "<b>"), not translatable text.
_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})
_TRADITIONAL = frozenset({"tw", "hk", "mo", "hant"})

# Characters XML 1.0 cannot carry at all (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/F).
_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_PROP_DOC = "x-document"


# --- language codes -------------------------------------------------------------------------

_ALIASES = {"zho": "zh", "chi": "zh", "cmn": "zh", "eng": "en"}  # ISO 639-2/3 codes some tools write


def primary_subtag(code: str) -> str:
    """``zh`` for ``ZH-cn``, ``zh_TW``, ``zh-Hant-HK`` or ``zho``; ``en`` for ``EN-GB`` or ``eng``."""
    primary = code.replace("_", "-").split("-", 1)[0].lower()
    return _ALIASES.get(primary, primary)


def is_traditional(code: str) -> bool:
    """True for zh-TW, zh-HK, zh-MO and any zh-Hant* code."""
    return primary_subtag(code) == "zh" and any(
        sub.lower() in _TRADITIONAL for sub in code.replace("_", "-").split("-")[1:])


def pick_variant(codes: list[str], primary: str, preferred: str | None) -> int | None:
    """Index of the variant of ``primary`` to use among ``codes``, by the rules in the module docstring."""
    best: tuple[int, int, int] | None = None
    choice = None
    for index, code in enumerate(codes):
        if primary_subtag(code) != primary:
            continue
        rank = (0 if preferred and code.lower() == preferred.lower() else 1,
                1 if primary == "zh" and is_traditional(code) else 0, index)
        if best is None or rank < best:
            best, choice = rank, index
    return choice


# --- writing --------------------------------------------------------------------------------

def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(value: str) -> str:
    return (_text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


def tmx_date(moment: datetime | None = None) -> str:
    """A TMX date (``YYYYMMDDThhmmssZ``, UTC): ``moment``, else SOURCE_DATE_EPOCH, else now."""
    if moment is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        moment = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


class TmxWriter:
    """Writes TMX 1.4b, valid against the LISA DTD, one ``<tu>`` per pair, streaming."""

    name: ClassVar[str] = "tmx"
    extensions: ClassVar[tuple[str, ...]] = (".tmx",)

    def write(self, segments: Iterable[Segment], path: Path, *, src_lang: str = "zh-CN", tgt_lang: str = "en-US",
              adminlang: str = "en-US", creation_date: datetime | None = None, inline: str = "text",
              **_: object) -> int:
        """``inline="xml"``: the texts hold TMX inline markup (what ``import --inline xml`` kept) and
        are written as markup, after a check that they are nothing else; ``"text"`` escapes them."""
        if inline not in ("text", "xml"):
            raise UsageError(f"--inline must be text or xml for a TMX export, not {inline!r}")
        for option, code in (("--src-lang", src_lang), ("--tgt-lang", tgt_lang), ("--adminlang", adminlang)):
            if not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", code):
                raise UsageError(f"{option} {code!r} is not a language code like zh-CN or en-US")
        file = str(path)
        count = 0
        with atomic_writer(path, binary=True) as out:
            out.write(self._head(src_lang, adminlang, tmx_date(creation_date)).encode())
            zh_open = f'      <tuv xml:lang="{_attr(src_lang)}"><seg>'
            en_open = f'      <tuv xml:lang="{_attr(tgt_lang)}"><seg>'
            # DocumentInfo is shared per document: render its props once. The value keeps the document
            # alive, so its id() cannot be reused by a later document while it is in this table.
            doc_props: dict[int, tuple[DocumentInfo, str]] = {}
            batch: list[str] = []
            search, text = _ILLEGAL.search, _text  # local names: this loop runs a million times
            markup = inline == "xml"
            for seg in segments:
                if search(seg.zh) or search(seg.en) or search(seg.id) or seg.note or seg.props or seg.ignore:
                    _refuse_illegal(seg, file)  # the full check, naming the field; cheap fast path above
                cached = doc_props.get(id(seg.doc))
                if cached is None:
                    cached = doc_props[id(seg.doc)] = (seg.doc, _document_props(seg.doc))
                props = cached[1]
                extra = ""
                if seg.note or seg.props or seg.ignore:
                    extra = "".join([
                        f"      <note>{text(seg.note)}</note>\n" if seg.note else "",
                        *(f'      <prop type="x-{_attr(k)}">{text(v)}</prop>\n' for k, v in seg.props.items()),
                        *(f'      <prop type="x-ignore:{_attr(k)}">{text(v)}</prop>\n' for k, v in seg.ignore.items()),
                    ])
                zh_seg, en_seg = ((_inline_markup(seg, "zh", file), _inline_markup(seg, "en", file)) if markup
                                  else (text(seg.zh), text(seg.en)))
                batch.append(f'    <tu tuid="{_attr(seg.id)}">\n{extra}{props}{zh_open}{zh_seg}</seg></tuv>\n'
                             f"{en_open}{en_seg}</seg></tuv>\n    </tu>\n")
                count += 1
                if len(batch) >= 2048:
                    out.write("".join(batch).encode())
                    batch.clear()
            out.write("".join(batch).encode())
            out.write(b"  </body>\n</tmx>\n")
        return count

    @staticmethod
    def _head(src_lang: str, adminlang: str, date: str) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
            '<tmx version="1.4">\n'
            f'  <header creationtool="duizhao" creationtoolversion="{_attr(__version__)}" segtype="sentence"'
            f' o-tmf="duizhao" adminlang="{_attr(adminlang)}" srclang="{_attr(src_lang)}" datatype="plaintext"'
            f' o-encoding="UTF-8" creationdate="{date}"/>\n'
            "  <body>\n"
        )


_INLINE_TAGS = frozenset({"bpt", "ept", "it", "ph", "hi", "ut", "sub"})
_MARKUP_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _inline_markup(seg: Segment, side: str, file: str) -> str:
    """``seg``'s text on ``side`` as it goes inside ``<seg>``: TMX inline markup, checked to be only that."""
    value = seg.zh if side == "zh" else seg.en
    if "<" not in value and "&" not in value:
        return value
    try:
        root = etree.fromstring(f"<seg>{value}</seg>".encode(), _MARKUP_PARSER)
    except etree.XMLSyntaxError as error:
        raise OutputError(f"segment {seg.id}: the {side} text is not TMX inline markup ({error.msg}); "
                          "export it without --inline xml", file=file) from None
    for element in root.iter():
        if element is not root and (not isinstance(element.tag, str) or element.tag not in _INLINE_TAGS):
            name = element.tag if isinstance(element.tag, str) else "an entity or comment"
            raise OutputError(f"segment {seg.id}: the {side} text holds <{name}>, which is not a TMX inline "
                              "element (bpt, ept, it, ph, hi, ut, sub); export it without --inline xml", file=file)
    return value


def _document_props(doc: DocumentInfo) -> str:
    props = [f'      <prop type="{_PROP_DOC}">{_text(doc.id)}</prop>\n']
    if doc.title:
        props.append(f'      <prop type="{_PROP_DOC}-title">{_text(doc.title)}</prop>\n')
    for key, value in doc.source.items():
        if value:
            props.append(f'      <prop type="{_PROP_DOC}-{_attr(key)}">{_text(value)}</prop>\n')
    for text in (doc.id, doc.title, *doc.source.keys(), *doc.source.values()):
        bad = _ILLEGAL.search(text)
        if bad:
            raise OutputError(f"document {doc.id!r} ({doc.file}): its metadata contains U+{ord(bad.group()):04X},"
                              " a character XML cannot hold; remove it")
    return "".join(props)


def _refuse_illegal(seg: Segment, file: str) -> None:
    for field, text in (("zh", seg.zh), ("en", seg.en), ("note", seg.note), ("id", seg.id),
                        *(("prop " + k, k + v) for k, v in seg.props.items()),
                        *(("ignore " + k, k + v) for k, v in seg.ignore.items())):
        bad = _ILLEGAL.search(text)
        if bad:
            where = f"{seg.doc.file}:{seg.line}" if seg.line else seg.doc.file
            raise OutputError(
                f"segment {seg.id!r} ({where}): the {field} text contains U+{ord(bad.group()):04X} at position"
                f" {bad.start() + 1}, a character XML 1.0 cannot hold (a control character, lone surrogate or"
                f" noncharacter); remove it and export again",
                file=file,
            )


# --- reading --------------------------------------------------------------------------------

def seg_text(seg: etree._Element, mode: InlineMode, file: str) -> str:
    """The text of a ``<seg>`` with inline markup handled by ``mode``.

    ``drop``: codes (bpt/ept/ph/it/ut, with any sub inside) removed, ``hi`` text kept;
    ``text``: the native code text kept inline too (``<b>`` stays as ``<b>``);
    ``xml``: inline elements kept verbatim as TMX markup.
    """
    parts = [seg.text or ""]
    for child in seg:
        _inline(child, mode, file, parts)
    return "".join(parts)


def _inline(node: etree._Element, mode: InlineMode, file: str, parts: list[str]) -> None:
    if is_entity(node):
        refuse_entity_reference(node, file)
    if mode == "xml":
        parts.append(etree.tostring(node, encoding="unicode", with_tail=True))
        return
    if not (mode == "drop" and node.tag in _CODES):
        parts.append(node.text or "")
        for child in node:
            _inline(child, mode, file, parts)
    parts.append(node.tail or "")


def _source_lines(path: Path, encoding: str | None, inline: str) -> contextlib.AbstractContextManager[Any]:
    """The file's lines for column positions, when they can be read as the parser reads them.

    Only UTF-8 files (the TMX default, and all that duizhao writes) and only when inline markup
    is dropped or kept as text, where the element's characters map back one by one; otherwise
    findings get the ``<seg>`` element's line alone.
    """
    if inline == "xml" or (encoding or "utf-8").lower().replace("_", "-") not in ("utf-8", "utf8", "utf-8-sig"):
        return contextlib.nullcontext(None)
    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
    except OSError:
        return contextlib.nullcontext(None)
    declared = re.search(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", head.split(b"?>", 1)[0])
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00", b"\x3c\x00")) or (
            declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8")):
        return contextlib.nullcontext(None)
    return ForwardLines(str(path))


def _seg_positions(tu: etree._Element, tuv: etree._Element, value: str, lines: ForwardLines | None) -> TextPositions:
    """Where the text of ``tuv``'s ``<seg>`` sits: its line always, its columns when ``lines`` can tell."""
    seg = next((child for child in tuv if child.tag == "seg"), None)
    line = seg.sourceline if seg is not None else None
    if not line:
        return ()
    if lines is None:
        return ((0, line, 0),)
    same_line = [s for s in tu.iter("seg") if s.sourceline == line]
    nth = next(index for index, s in enumerate(same_line) if s is seg)
    raw = lines.text(line, "</seg>", occurrences=nth + 1)
    openings = [m.start() for m in _SEG_OPEN.finditer(raw)]
    if len(openings) <= nth:
        return ((0, line, 0),)
    opening = openings[nth]
    close = raw.find(">", opening)
    first_break = raw.find("\n")
    if close < 0 or (0 <= first_break < close) or raw[close - 1] == "/":
        return ((0, line, 0),)
    return markup_positions(raw, close + 1, line, close + 2, value) or ((0, line, 0),)


_SEG_OPEN = re.compile(r"<seg[\s>/]")


class TmxReader(CountingReader, ConfigurableReader):
    """Streams zh/en pairs from TMX 1.1–1.4 (see the module docstring for how tuvs are chosen)."""

    name: ClassVar[str] = "tmx"
    extensions: ClassVar[tuple[str, ...]] = (".tmx",)
    accepts: ClassVar[frozenset[str]] = frozenset({"zh_lang", "en_lang", "inline", "traditional"})

    def configured(self, options: ReadOptions) -> Reader:
        return TmxReader(zh_lang=options.zh_lang, en_lang=options.en_lang,
                         inline=options.inline,  # type: ignore[arg-type]  # checked in __init__
                         traditional=options.traditional)  # type: ignore[arg-type]

    def __init__(self, *, zh_lang: str | None = None, en_lang: str | None = None, inline: InlineMode = "drop",
                 traditional: Literal["keep", "convert"] = "keep") -> None:
        if inline not in INLINE_MODES:
            raise UsageError(f"inline markup mode must be one of {', '.join(INLINE_MODES)}, not {inline!r}")
        if traditional not in ("keep", "convert"):
            raise UsageError(f"traditional must be keep or convert, not {traditional!r}")
        self.zh_lang, self.en_lang, self.inline, self.traditional = zh_lang, en_lang, inline, traditional
        self.skipped = 0

    def read(self, path: Path, *, encoding: str | None = None) -> Iterator[Segment]:
        self.skipped = 0
        with _source_lines(path, encoding, self.inline) as lines:
            yield from self._units(path, encoding, lines, {}, {})

    def _units(self, path: Path, encoding: str | None, lines: ForwardLines | None, languages: dict[str, int],
               docs: dict[tuple[tuple[str, str], ...], DocumentInfo]) -> Iterator[Segment]:
        file = str(path)
        yielded = 0
        root_checked = False
        for event, element in iterparse(path, events=("start", "end"), encoding=encoding):
            if not root_checked:
                if element.tag != "tmx":
                    raise FormatError(f"not a TMX file: the root element is <{element.tag}>, expected <tmx>",
                                      file=file, line=element.sourceline)
                root_checked = True
            if event != "end" or element.tag != "tu":
                continue
            segment = self._pair(element, path, languages, docs, yielded + self.skipped + 1, lines)
            release(element)
            if segment is None:
                self.skipped += 1
                continue
            yielded += 1
            yield segment
        if not root_checked:
            raise FormatError("not a TMX file: no root element", file=file)
        if yielded == 0:
            found = ", ".join(f"{code} ({n})" for code, n in sorted(languages.items())) or "none"
            raise FormatError(
                f"no translation unit has both a Chinese (zh*) and an English (en*) variant; languages in this file:"
                f" {found}", file=file)

    def _pair(self, tu: etree._Element, path: Path, languages: dict[str, int],
              docs: dict[tuple[tuple[str, str], ...], DocumentInfo], ordinal: int,
              lines: ForwardLines | None = None) -> Segment | None:
        file = str(path)
        tuvs = [child for child in tu if child.tag == "tuv"]
        codes = [lang_of(tuv) for tuv in tuvs]
        for code in codes:
            languages[code or "(no language)"] = languages.get(code or "(no language)", 0) + 1
        zh_index = pick_variant(codes, "zh", self.zh_lang)
        en_index = pick_variant(codes, "en", self.en_lang)
        if zh_index is None or en_index is None:
            return None
        zh, en = (self._text_of(tuvs[i], file) for i in (zh_index, en_index))
        if zh is None or en is None:
            return None
        if self.traditional == "convert" and is_traditional(codes[zh_index]):
            zh = to_simplified(zh)
        notes, props, ignore, doc_fields = [], {}, {}, {}
        for child in tu:
            if child.tag == "note":
                notes.append(child.text or "")
            elif child.tag == "prop":
                kind, value = child.get("type") or "", child.text or ""
                if kind == _PROP_DOC or kind.startswith(_PROP_DOC + "-"):
                    doc_fields[kind[len(_PROP_DOC) + 1:] or "id"] = value
                elif kind.startswith("x-ignore:"):
                    ignore[kind[len("x-ignore:"):]] = value
                else:
                    props[kind[2:] if kind.startswith("x-") else kind] = value
        doc = self._document(doc_fields, path, codes[zh_index], codes[en_index], docs)
        return Segment(
            id=tu.get("tuid") or str(ordinal), zh=zh, en=en, doc=doc, line=tu.sourceline or 0, note="\n".join(notes),
            ignore=MappingProxyType(ignore) if ignore else EMPTY_MAPPING,
            props=MappingProxyType(props) if props else EMPTY_MAPPING,
            zh_at=_seg_positions(tu, tuvs[zh_index], zh, lines),
            en_at=_seg_positions(tu, tuvs[en_index], en, lines),
        )

    def _text_of(self, tuv: etree._Element, file: str) -> str | None:
        for child in tuv:
            if child.tag == "seg":
                return seg_text(child, self.inline, file)
        return None

    @staticmethod
    def _document(fields: dict[str, str], path: Path, zh_code: str, en_code: str,
                  docs: dict[tuple[tuple[str, str], ...], DocumentInfo]) -> DocumentInfo:
        key = tuple(sorted(fields.items()))
        doc = docs.get(key)
        if doc is None:
            source = {k: v for k, v in fields.items() if k not in ("id", "title")}
            doc = docs[key] = DocumentInfo(
                id=fields.get("id") or document_id_for(path), file=str(path), title=fields.get("title", ""),
                source=MappingProxyType(source) if source else EMPTY_MAPPING, src_lang=zh_code, tgt_lang=en_code,
            )
        return doc
