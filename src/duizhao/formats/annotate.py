"""Findings written back into a bilingual XLIFF file, where the translator's CAT tool shows them.

``annotate`` returns the file's bytes with notes inserted and nothing else changed:

- XLIFF 1.x (and Phrase, Wordfast): ``<note from="duizhao" priority="1|3|5" annotates="target">``
  after the unit's ``<target>`` (or its source when there is none);
- XLIFF 2.0: ``<note category="duizhao" priority="…">`` in the unit's ``<notes>`` (created first in
  the unit when it has none);
- Trados Studio: a comment definition (``doc-info/cmt-defs/cmt-def``, ``user="duizhao"``) per
  segment and an ``<mrk mtype="x-sdl-comment" sdl:cid>`` around the target segment's content (the
  source segment's when the target segment is empty);
- memoQ: ``<mq:comment creatoruser="duizhao">`` in the unit's ``<mq:comments>``.

Everything duizhao inserted before is removed first (``strip_annotations``), so annotating an
annotated file replaces its notes instead of adding to them. The file is edited as text: a small
scanner finds element positions (skipping comments, CDATA, processing instructions and the
DOCTYPE), so the bytes outside the insertions stay exactly as they were.
"""

from __future__ import annotations

import codecs
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from ..errors import EncodingError, FormatError
from ..model import Finding, Severity
from .xliff import MQ_NS, SDL_NS, XliffSegment, detect_dialect_of_text, iter_xliff

#: XLIFF 1.2 note priority (1 is the highest) and Trados comment severity per finding severity
_PRIORITY = {Severity.ERROR: "1", Severity.WARNING: "3", Severity.INFO: "5"}
_TRADOS_SEVERITY = {Severity.ERROR: "High", Severity.WARNING: "Medium", Severity.INFO: "Low"}
_USER = "duizhao"
_CID_NAMESPACE = uuid.UUID("0b5e3d1c-4a8f-5a52-9d2e-6475697a6861")  # uuid5 namespace of duizhao's comment ids


@dataclass
class Node:
    """An element as positions in the text: ``start``..``open_end`` is its start tag."""

    name: str
    attrs: dict[str, str]
    start: int
    open_end: int
    close_start: int = -1  # start of the end tag (== open_end for an empty element)
    end: int = -1
    empty: bool = False  # written ``<x/>``
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)  # the root only: every element, in document order

    @property
    def local(self) -> str:
        return self.name.rpartition(":")[2]

    def kids(self, local: str) -> list[Node]:
        return [c for c in self.children if c.local == local]

    def kid(self, local: str) -> Node | None:
        found = self.kids(local)
        return found[0] if found else None

    def walk(self) -> Iterable[Node]:
        """This element and every element inside it, in document order."""
        stack = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))


_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')""")
_NAME_END = re.compile(r"[\s/>]")
_MARKUP = re.compile(r"""<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!(?:[^\[>]|\[.*?\])*>|</[^>]*>"""
                     r"""|<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""", re.S)


def scan(text: str, file: str) -> Node:
    """The element tree of ``text`` with positions (the document must be well-formed).

    The root's ``nodes`` attribute lists every element in document order.
    """
    root: Node | None = None
    stack: list[Node] = []
    nodes: list[Node] = []
    for match in _MARKUP.finditer(text):
        token = match.group()
        second = token[1]
        if second in "!?":
            continue  # comment, CDATA, processing instruction, DOCTYPE
        lt, gt = match.start(), match.end()
        if second == "/":
            if not stack:
                raise FormatError("unbalanced end tag", file=file)
            node = stack.pop()
            node.close_start, node.end = lt, gt
            continue
        name_end = _NAME_END.search(token, 1)
        name = token[1:name_end.start() if name_end else -1]
        empty = token.endswith("/>")
        attrs = {k: v[1:-1] for k, v in _ATTR.findall(token, 1 + len(name))}
        node = Node(name, attrs, lt, gt, empty=empty, parent=stack[-1] if stack else None)
        nodes.append(node)
        if stack:
            stack[-1].children.append(node)
        elif root is None:
            root = node
        if empty:
            node.close_start, node.end = gt, gt
        else:
            stack.append(node)
    if root is None or stack:
        raise FormatError("not a complete XML document", file=file)
    root.nodes = nodes
    return root


# -- encodings --------------------------------------------------------------------------------

_DECLARED = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def decode(data: bytes, file: str, encoding: str | None = None) -> tuple[bytes, str, str]:
    """``(BOM, codec, text)`` of an XML file's bytes (``encoding``, the user's ``--encoding``, wins)."""
    if encoding:
        return b"", encoding, _decoded(data, encoding, file)
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return bom, codec, _decoded(data[len(bom):], codec, file)
    if data.startswith(b"<\x00?\x00"):
        return b"", "utf-16-le", _decoded(data, "utf-16-le", file)
    if data.startswith(b"\x00<\x00?"):
        return b"", "utf-16-be", _decoded(data, "utf-16-be", file)
    match = _DECLARED.match(data)
    codec = match.group(1).decode("ascii").lower() if match else "utf-8"
    if codec.replace("-", "").startswith(("utf16", "utf32", "ucs")):
        codec = "utf-8"  # memoQ's UTF-8 that says UTF-16 (see xmlsafe)
    try:
        codecs.lookup(codec)
    except LookupError:
        raise EncodingError(f"unknown encoding {codec!r} in the XML declaration", file=file) from None
    return b"", codec, _decoded(data, codec, file)


def _decoded(data: bytes, codec: str, file: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise EncodingError(f"not valid {codec} at byte {exc.start}", file=file) from None


# -- removing earlier annotations -------------------------------------------------------------

def _cut(text: str, spans: Sequence[tuple[int, int]]) -> str:
    out, last = [], 0
    for start, end in sorted(spans):
        out.append(text[last:start])
        last = end
    out.append(text[last:])
    return "".join(out)


def strip_annotations(text: str, file: str) -> str:
    """``text`` without anything ``annotate`` inserted (notes, comments, comment definitions)."""
    root = scan(text, file)
    spans: list[tuple[int, int]] = []
    ours: set[str] = set()
    for node in root.nodes:
        if node.local == "note" and (node.attrs.get("from") == _USER or node.attrs.get("category") == _USER):
            parent = node.parent
            siblings = [c for c in parent.children if c.local == "note"] if parent else []
            if parent is not None and parent.local == "notes" and all(_is_ours(s) for s in siblings):
                spans.append((parent.start, parent.end))  # a <notes> duizhao created
            else:
                spans.append((node.start, node.end))
        elif node.local == "comment" and node.name.startswith(_prefix_of(root, MQ_NS) + ":") \
                and node.attrs.get("creatoruser") == _USER:
            parent = node.parent
            if parent is not None and all(c.attrs.get("creatoruser") == _USER for c in parent.children):
                spans.append((parent.start, parent.end))
            else:
                spans.append((node.start, node.end))
        elif node.local == "cmt-def" and f'user="{_USER}"' in text[node.start:node.end]:
            ours.add(node.attrs.get("id", ""))
            defs = node.parent
            doc_info = defs.parent if defs is not None else None
            if defs is not None and all(f'user="{_USER}"' in text[c.start:c.end] for c in defs.children):
                if doc_info is not None and doc_info.local == "doc-info" and len(doc_info.children) == 1:
                    spans.append((doc_info.start, doc_info.end))
                else:
                    spans.append((defs.start, defs.end))
            else:
                spans.append((node.start, node.end))
    for node in root.nodes:
        if node.local == "mrk" and node.attrs.get("mtype") == "x-sdl-comment" and _cid(node) in ours:
            spans.append((node.start, node.open_end))
            if not node.empty:
                spans.append((node.close_start, node.end))
    return _cut(text, _outermost(spans))


def _is_ours(node: Node) -> bool:
    return node.attrs.get("from") == _USER or node.attrs.get("category") == _USER


def _cid(node: Node) -> str:
    return next((v for k, v in node.attrs.items() if k.rpartition(":")[2] == "cid"), "")


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if out and start < out[-1][1]:
            continue  # inside a span already cut
        out.append((start, end))
    return out


def _prefix_of(root: Node, namespace: str) -> str:
    for key, value in root.attrs.items():
        if key.startswith("xmlns:") and value == namespace:
            return key[6:]
    return ""


# -- inserting --------------------------------------------------------------------------------

@dataclass
class _Edits:
    inserts: list[tuple[int, int, str]] = field(default_factory=list)  # (position, order, text)

    def add(self, position: int, value: str) -> None:
        self.inserts.append((position, len(self.inserts), value))

    def apply(self, text: str) -> str:
        out, last = [], 0
        for position, _, value in sorted(self.inserts):
            out.append(text[last:position])
            out.append(value)
            last = position
        out.append(text[last:])
        return "".join(out)


def _message(finding: Finding) -> str:
    return f"{finding.rule} ({finding.severity}): {finding.message}"


def annotate(path: Path, findings: Iterable[Finding], *, encoding: str | None = None) -> bytes:
    """The bytes of ``path`` with ``findings`` attached to their segments (earlier ones replaced)."""
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", file=file) from None
    segments = list(iter_xliff(path, encoding=encoding))  # refuses what the reader refuses, first
    bom, codec, original = decode(data, file, encoding)
    text = strip_annotations(original, file)
    by_segment: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.location.file == file:
            by_segment.setdefault(finding.location.segment, []).append(finding)
    root = scan(text, file)
    dialect = detect_dialect_of_text(root.attrs, path)
    units = _units(root)
    wanted: dict[int, list[tuple[XliffSegment, list[Finding]]]] = {}
    for seg in segments:
        found = by_segment.get(seg.id)
        if found and seg.unit_index < len(units):
            wanted.setdefault(seg.unit_index, []).append((seg, found))
    edits = _Edits()
    defs: list[str] = []
    sdl = _prefix_of(root, SDL_NS) or "sdl"
    for index, items in wanted.items():
        node = units[index]
        if dialect == "trados" and node.local == "trans-unit":
            defs.extend(_trados(node, seg, found, edits, file, sdl) for seg, found in items)
        elif dialect == "memoq" and node.local == "trans-unit":
            _memoq(root, node, [f for _, fs in items for f in fs], edits)
        elif node.local == "unit":
            _xliff20(node, items, edits)
        else:
            _xliff12(node, items, edits)
    if defs:
        _trados_defs(root, defs, edits)
    return bom + edits.apply(text).encode(codec, errors="xmlcharrefreplace")


def _units(root: Node) -> list[Node]:
    """The file's translation units in document order, as ``iter_xliff`` counts them."""
    prefix = root.name.rpartition(":")[0]
    version_two = (root.attrs.get("version") or "").startswith("2") or any(
        v.startswith("urn:oasis:names:tc:xliff:document:2") for k, v in root.attrs.items() if k.startswith("xmlns"))
    wanted = "unit" if version_two else "trans-unit"
    return [n for n in root.nodes if n.local == wanted and n.name.rpartition(":")[0] == prefix]


def _xliff12(unit: Node, items: list[tuple[XliffSegment, list[Finding]]], edits: _Edits) -> None:
    anchor = unit.kid("target") or unit.kid("seg-source") or unit.kid("source")
    position = anchor.end if anchor is not None else unit.open_end
    prefix = unit.name.rpartition(":")[0]
    tag = f"{prefix}:note" if prefix else "note"
    notes = []
    for seg, found in items:
        where = f"[{seg.shown}] " if seg.segment else ""
        for finding in found:
            notes.append(f'<{tag} from="{_USER}" priority="{_PRIORITY[finding.severity]}" annotates="target">'
                         f"{escape(where + _message(finding))}</{tag}>")
    edits.add(position, "".join(notes))


def _xliff20(unit: Node, items: list[tuple[XliffSegment, list[Finding]]], edits: _Edits) -> None:
    prefix = unit.name.rpartition(":")[0]
    q = f"{prefix}:" if prefix else ""
    notes = []
    for seg, found in items:
        for finding in found:
            ref = f' ref="#{escape(seg.segment)}"' if seg.segment and _plain_id(seg.segment) else ""
            notes.append(f'<{q}note category="{_USER}" priority="{_PRIORITY[finding.severity]}"{ref}>'
                         f"{escape(f'[{seg.id}] ' + _message(finding))}</{q}note>")
    holder = unit.kid("notes")
    if holder is not None and not holder.empty:
        edits.add(holder.close_start, "".join(notes))
    else:
        edits.add(unit.open_end, f"<{q}notes>{''.join(notes)}</{q}notes>")


def _plain_id(value: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][\w.-]*", value) is not None


def _memoq(root: Node, unit: Node, found: list[Finding], edits: _Edits) -> None:
    prefix = _prefix_of(root, MQ_NS) or "mq"
    comments = []
    for finding in found:
        cid = uuid.uuid5(_CID_NAMESPACE, f"{unit.attrs.get('id', '')}|{_message(finding)}")
        comments.append(f'<{prefix}:comment id="{cid}" creatoruser="{_USER}" time="0001-01-01T00:00:00Z"'
                        f' deleted="false" category="0" appliesto="Row" origin="{_USER}">'
                        f"{escape(_message(finding))}</{prefix}:comment>")
    holder = next((c for c in unit.children if c.name == f"{prefix}:comments"), None)
    if holder is not None and not holder.empty:
        edits.add(holder.close_start, "".join(comments))
    else:
        edits.add(unit.close_start, f"<{prefix}:comments>{''.join(comments)}</{prefix}:comments>")


def _seg_mark(holder: Node | None, mid: str) -> Node | None:
    if holder is None:
        return None
    return next((n for n in holder.walk() if n.local == "mrk" and n.attrs.get("mtype") == "seg"
                 and n.attrs.get("mid") == mid), None)


def _trados(unit: Node, seg: XliffSegment, found: list[Finding], edits: _Edits, file: str, sdl: str) -> str:
    cid = str(uuid.uuid5(_CID_NAMESPACE, f"{seg.id}|{'|'.join(_message(f) for f in found)}"))
    mark = _seg_mark(unit.kid("target"), seg.segment)
    if mark is None or mark.empty:
        mark = _seg_mark(unit.kid("seg-source"), seg.segment)
    if mark is not None and not mark.empty:
        prefix = mark.name.rpartition(":")[0]
        tag = f"{prefix}:mrk" if prefix else "mrk"
        edits.add(mark.open_end, f'<{tag} mtype="x-sdl-comment" {sdl}:cid="{cid}">')
        edits.add(mark.close_start, f"</{tag}>")
    comments = "".join(
        f'<Comment severity="{_TRADOS_SEVERITY[f.severity]}" user="{_USER}" date="2000-01-01T00:00:00"'
        f' version="1.0">{escape(_message(f))}</Comment>' for f in found)
    return f'<cmt-def id={quoteattr(cid)}><Comments xmlns="">{comments}</Comments></cmt-def>'


def _trados_defs(root: Node, defs: list[str], edits: _Edits) -> None:
    doc_info = root.kid("doc-info")
    if doc_info is not None and not doc_info.empty:
        cmt_defs = doc_info.kid("cmt-defs")
        if cmt_defs is not None and not cmt_defs.empty:
            edits.add(cmt_defs.close_start, "".join(defs))
        else:
            edits.add(doc_info.open_end, f"<cmt-defs>{''.join(defs)}</cmt-defs>")
        return
    edits.add(root.open_end, f'<doc-info xmlns="{SDL_NS}"><cmt-defs>{"".join(defs)}</cmt-defs></doc-info>')
