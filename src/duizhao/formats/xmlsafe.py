"""The one lxml parser configuration duizhao uses for XML input (TMX, XLIFF, TBX), hardened.

Translation memories arrive from strangers, so XML input must never read a file, open a
connection or expand an entity bomb. Three layers guarantee it:

1. libxml2 options: ``resolve_entities=False`` (no entity substitution, so no XXE file
   contents), ``no_network=True``, ``load_dtd=False`` (no external DTD or parameter entities),
   ``huge_tree=False`` (libxml2 keeps its size and entity-amplification limits).
2. A document whose internal DTD subset declares any entity is refused outright as soon as the
   root element starts: real CAT-tool output never declares entities, attack files always do.
3. An entity reference that survives inside content is refused rather than silently dropped.

Encodings are sniffed from the first bytes the way real files need: BOMs, UTF-16 without a
BOM, the memoQ export that declares ``encoding="utf-16"`` but is written in UTF-8, and files
that declare GBK/GB2312/Big5 but are written in UTF-8 (``mislabelled_utf8``).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from lxml import etree

from ..errors import EncodingError, FormatError, InputError
from ..textio import require_regular_file, text_encoding

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

SAFE_OPTIONS: dict[str, bool] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}

# Python codec name → the name libxml2 knows (it rejects "utf-16-le", accepts "UTF-16LE").
_LIBXML_NAMES = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE", "utf-32": "UTF-32", "utf-32-le": "UTF-32LE", "utf-32-be": "UTF-32BE",
    "gb18030": "GB18030", "gbk": "GBK", "gb2312": "GB2312", "big5": "BIG5", "latin-1": "ISO-8859-1",
    "iso8859-1": "ISO-8859-1", "cp1252": "WINDOWS-1252", "ascii": "ASCII",
}
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def libxml_encoding(head: bytes, declared: str | None = None) -> str | None:
    """The encoding to force on libxml2 for a file starting with ``head``, or None to trust it.

    ``declared`` (the user's ``--encoding``) wins. A BOM or the UTF-16 pattern of ``<?`` decides
    next. An ASCII-compatible file whose XML declaration claims a 16/32-bit encoding is read as
    UTF-8: that is what memoQ writes, and the claim cannot be true of these bytes.
    """
    if declared:
        name = text_encoding(declared)
        return _LIBXML_NAMES.get(name, name.upper())
    if head.startswith(codecs.BOM_UTF8):
        return "UTF-8"
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(b"<\x00?\x00"):
        return "UTF-16LE"
    if head.startswith(codecs.BOM_UTF16_BE) or head.startswith(b"\x00<\x00?"):
        return "UTF-16BE"
    match = _DECLARED.match(head)
    if match and match.group(1).lower().replace(b"-", b"").startswith((b"utf16", b"utf32", b"ucs2", b"ucs4")):
        return "UTF-8"
    return None


# Chinese legacy encodings (Python codec names) a tool may declare for a file it wrote in UTF-8
_LEGACY_CJK = frozenset({"gbk", "gb2312", "gb18030", "big5", "big5hkscs", "cp950"})
#: bytes read to tell a mislabelled UTF-8 file from a real legacy one
_SAMPLE_BYTES = 1 << 20
_IDEOGRAPH = re.compile("[\u3400-\u9fff\U00020000-\U0003134f]")


def mislabelled_utf8(path: Path, head: bytes) -> str | None:
    """The legacy Chinese encoding (GBK, Big5, ...) ``path`` declares when its bytes are UTF-8.

    Some tools write UTF-8 under an ``encoding="GBK"`` declaration. Reading such a file as
    declared gives silent mojibake, since GBK decodes almost any byte sequence. Real GBK or
    Big5 Chinese text is practically never valid UTF-8 (their two-byte characters do not fit
    UTF-8's patterns), so a first megabyte that holds non-ASCII bytes and decodes as UTF-8
    settles it; a character cut at the end of the sample does not count against it.
    """
    match = _DECLARED.match(head)
    if match is None:
        return None
    declared = match.group(1).decode("ascii")
    try:
        if codecs.lookup(declared).name not in _LEGACY_CJK:
            return None
    except LookupError:
        return None
    try:
        with open(path, "rb") as handle:
            sample = handle.read(_SAMPLE_BYTES)
    except OSError:
        return None  # the parser reports the file properly
    if sample.isascii():
        return None
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not (exc.reason == "unexpected end of data" and len(sample) == _SAMPLE_BYTES):
            return None
        text = sample[: exc.start].decode("utf-8")
    # A few GBK words do pass as UTF-8 (谢谢 reads as Cyrillic): UTF-8 Chinese must show ideographs.
    return declared if sum(1 for _ in islice(_IDEOGRAPH.finditer(text), 2)) == 2 else None


def iterparse(path: Path, *, events: tuple[str, ...] = ("start", "end"),
              encoding: str | None = None) -> Iterator[tuple[str, etree._Element]]:
    """Stream ``(event, element)`` from ``path`` with the hardened configuration.

    Every parse failure becomes a ``FormatError`` (or ``EncodingError``) naming file and line.
    """
    file = str(path)
    require_regular_file(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
    except FileNotFoundError:
        raise InputError("no such file", file=file) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", file=file) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=file) from None
    force = libxml_encoding(head, encoding)
    if force is None and mislabelled_utf8(path, head):
        force = "UTF-8"  # as with the memoQ files that declare UTF-16: the bytes decide
    wanted = tuple(dict.fromkeys(("start", *events)))  # "start" is always needed for the entity check
    parser = etree.iterparse(file, events=wanted, encoding=force, **SAFE_OPTIONS)
    checked = False
    try:
        for event, element in parser:
            if not checked:
                _refuse_entity_declarations(element, file)
                checked = True
            if event in events:
                yield event, element
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, file) from None
    except LookupError:  # an encoding name libxml2 does not know
        raise EncodingError(f"libxml2 does not know the encoding {force!r}", file=file) from None


def parse(path: Path, *, encoding: str | None = None) -> etree._ElementTree:
    """The whole document at ``path`` (a termbase, small enough to hold), parsed with the same
    options, encoding sniffing and refusals as ``iterparse``."""
    file = str(path)
    require_regular_file(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(256)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=file) from None
    force = libxml_encoding(head, encoding)
    if force is None and mislabelled_utf8(path, head):
        force = "UTF-8"
    parser = etree.XMLParser(encoding=force, **SAFE_OPTIONS)
    try:
        tree = etree.parse(file, parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, file) from None
    except LookupError:
        raise EncodingError(f"libxml2 does not know the encoding {force!r}", file=file) from None
    _refuse_entity_declarations(tree.getroot(), file)
    return tree


def _syntax_error(exc: etree.XMLSyntaxError, file: str) -> InputError:
    """The libxml2 error as one line.

    When libxml2 stops without a position (its message is then just "no element found"), the
    real cause is the last error it logged for this file; the log is shared across parses, so
    entries are matched by file name.
    """
    message, line = exc.msg or str(exc), exc.lineno
    if not line:
        logged = [e for e in exc.error_log if e.filename == file and e.level >= etree.ErrorLevels.ERROR]
        if logged:
            message, line = logged[-1].message, logged[-1].line
    message = re.sub(r",? line \d+, column \d+.*$", "", message.strip())
    line = line or None
    lowered = message.lower()
    if "amplification" in lowered or "entity loop" in lowered:
        return FormatError(f"refused: entity expansion ({message})", file=file, line=line)
    if "entity" in lowered and "not defined" in lowered:
        return FormatError(f"malformed XML: {message} (only &amp; &lt; &gt; &quot; &apos; and numeric"
                           " character references exist without a DTD)", file=file, line=line)
    if "encoding" in lowered or "input is not proper utf" in lowered or "invalid bytes" in lowered:
        return EncodingError(f"cannot decode XML: {message}; pass --encoding if the declaration is wrong",
                             file=file, line=line)
    return FormatError(f"malformed XML: {message}", file=file, line=line)


def _refuse_entity_declarations(root: etree._Element, file: str) -> None:
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is None:
        return
    names = [entity.name for entity in dtd.entities()]
    if names:
        raise FormatError(
            f"refused: the document declares entities ({', '.join(names[:5])}) in its DOCTYPE; duizhao never expands"
            " or loads entities (they are how XML bombs and external-entity attacks work)",
            file=file, line=root.sourceline,
        )


def refuse_entity_reference(node: etree._Element, file: str) -> None:
    """Raise when ``node`` is an unexpanded entity reference (defence in depth after layer 2)."""
    raise FormatError(f"refused: entity reference {node.text or ''} is not expanded by duizhao",
                      file=file, line=node.sourceline)


def is_entity(node: object) -> bool:
    return isinstance(node, etree._Entity)


def lang_of(element: etree._Element) -> str:
    """The language code of a TMX/XLIFF element: ``xml:lang`` (TMX 1.4) or ``lang`` (TMX 1.1)."""
    return (element.get(XML_LANG) or element.get("lang") or "").strip()


def release(element: etree._Element) -> None:
    """Free a processed element and the already-processed siblings before it (constant memory)."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
