"""Glossary interchange as TBX: write TBX-Basic on TBX v3, read TBX v3 and TBX v2 (martif).

Not a bitext reader (it is not registered in ``formats.READERS``): a termbase holds concepts,
not aligned sentences. One glossary entry becomes one ``conceptEntry``:

    <conceptEntry id="c1f3a…">                                 stable: derived from the term (glossary.interchange)
      <descrip type="subjectField">economy</descrip>          domain
      <admin type="source">Government Work Report 2024</admin>  source
      <note>...</note>                                        note
      <note>duizhao: status=proposed; case_sensitive=true</note>   what TBX-Basic has no field for
      <langSec xml:lang="zh-CN"><termSec><term>高质量发展</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="en">
        <termSec> approved rendering  … preferredTerm-admn-sts  (admittedTerm-admn-sts if the entry is
                                        proposed, supersededTerm-admn-sts if it is deprecated)
        <termSec> each variant        … admittedTerm-admn-sts
        <termSec> each forbidden one  … deprecatedTerm-admn-sts

Reading accepts ``administrativeStatus`` (TBX-Basic), ``usageStatus`` and
``normativeAuthorization`` (older exports) and both v3 ``langSec/termSec`` and v2
``langSet/tig|ntig``. XML is parsed by ``xmlsafe`` (no DTDs, entity declarations or network).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from ..errors import FormatError
from ..glossary.interchange import concept_fields, concept_ids, rendering_statuses
from ..model import Term
from ..script import match_key_zh
from ..textio import atomic_writer
from . import xmlsafe

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = (
    "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts")
_META_PREFIX = "duizhao:"
_STATUS_TYPES = ("administrativeStatus", "usageStatus", "normativeAuthorization")
# older and non-Basic status vocabularies, folded to the three roles duizhao knows
_STATUS_ROLE = {
    PREFERRED: "preferred", ADMITTED: "admitted", DEPRECATED: "deprecated", SUPERSEDED: "deprecated",
    "preferred": "preferred", "admitted": "admitted", "deprecated": "deprecated", "superseded": "deprecated",
    "legal": "admitted", "regulated": "admitted", "standardized": "preferred", "preferredTerm": "preferred",
    "admittedTerm": "admitted", "deprecatedTerm": "deprecated", "supersededTerm": "deprecated",
}


def write_tbx(terms: Iterable[Term], path: Path, *, source_lang: str = "zh-CN", target_lang: str = "en",
              title: str = "duizhao glossary") -> int:
    """Write ``terms`` as a TBX-Basic (TBX v3, DCA style) file; returns the number of entries."""
    root = build_tbx(terms, source_lang=source_lang, target_lang=target_lang, title=title)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    with atomic_writer(path, binary=True) as out:
        out.write(data)
    return len(root.findall(f".//{{{TBX_NS}}}conceptEntry"))


def build_tbx(terms: Iterable[Term], *, source_lang: str = "zh-CN", target_lang: str = "en",
              title: str = "duizhao glossary") -> etree._Element:
    """The TBX document for ``terms`` as an element tree (for writing or validating)."""
    def el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
        node = etree.SubElement(parent, f"{{{TBX_NS}}}{tag}", **attrs)
        if text is not None:
            node.text = text
        return node

    root = etree.Element(f"{{{TBX_NS}}}tbx", nsmap={None: TBX_NS},
                         attrib={"type": "TBX-Basic", "style": "dca", XML_LANG: target_lang})
    header = el(root, "tbxHeader")
    el(el(el(header, "fileDesc"), "sourceDesc"), "p", f"{title}, exported by duizhao")
    body = el(el(root, "text"), "body")
    terms = list(terms)
    for term, concept in zip(terms, concept_ids(terms), strict=True):
        entry = el(body, "conceptEntry", id=concept)
        for tag, text, attrs in concept_fields(term):
            el(entry, tag, text, **attrs)
        zh = el(entry, "langSec", **{XML_LANG: source_lang})
        _term_sec(el, zh, term.zh, PREFERRED if term.status != "deprecated" else SUPERSEDED)
        en = el(entry, "langSec", **{XML_LANG: target_lang})
        for rendering, status in rendering_statuses(term):
            _term_sec(el, en, rendering, f"{status}Term-admn-sts")
    return root


def _term_sec(el, parent: etree._Element, text: str, status: str) -> None:  # type: ignore[no-untyped-def]
    sec = el(parent, "termSec")
    el(sec, "term", text)
    el(sec, "termNote", status, type="administrativeStatus")




def read_tbx(path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> list[Term]:
    """Glossary entries from a TBX v3 or v2 file (one per source-language term of each concept).

    Parsed by ``xmlsafe`` like every XML input: no DTD, no entity declarations, no network.
    """
    path = Path(path)
    root = xmlsafe.parse(path).getroot()
    if _local(root.tag) not in ("tbx", "martif"):
        raise FormatError(f"not a TBX file (root element is <{_local(root.tag)}>)", file=str(path),
                          line=root.sourceline)
    return list(_read_entries(root, str(path), source_lang, target_lang))


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(node: etree._Element, *names: str) -> Iterator[etree._Element]:
    for child in node:
        if _local(child.tag) in names:
            yield child


def _text(node: etree._Element) -> str:
    return " ".join("".join(node.itertext()).split())


def _lang_matches(lang: str, wanted: str) -> bool:
    lang, wanted = lang.lower(), wanted.lower()
    return lang == wanted or lang.split("-")[0] == wanted.split("-")[0]


def _read_entries(root: etree._Element, file: str, source_lang: str, target_lang: str) -> Iterator[Term]:
    for entry in root.iter():
        if _local(entry.tag) not in ("conceptEntry", "termEntry"):
            continue
        domain = source = ""
        notes: list[str] = []
        meta: dict[str, str] = {}
        for item in entry.iter():
            kind = _local(item.tag)
            if item.getparent() is not entry and _local(item.getparent().tag) not in ("descripGrp", "adminGrp"):
                continue
            if kind == "descrip" and item.get("type") == "subjectField" and not domain:
                domain = _text(item)
            elif kind == "descrip" and item.get("type") == "definition":
                notes.append(_text(item))
            elif kind == "admin" and item.get("type") == "source" and not source:
                source = _text(item)
            elif kind == "note":
                text = _text(item)
                if text.startswith(_META_PREFIX):
                    meta.update(_parse_meta(text[len(_META_PREFIX):]))
                elif text:
                    notes.append(text)
        by_lang: dict[str, list[tuple[str, str]]] = {"src": [], "tgt": []}
        for lang_sec in _children(entry, "langSec", "langSet"):
            lang = lang_sec.get(XML_LANG, "")
            side = "src" if _lang_matches(lang, source_lang) else "tgt" if _lang_matches(lang, target_lang) else ""
            if side:
                by_lang[side].extend(_terms_of(lang_sec))
        sources = [text for text, role in by_lang["src"] if role != "deprecated"] or \
                  [text for text, role in by_lang["src"]]
        targets = by_lang["tgt"]
        preferred = [t for t, r in targets if r == "preferred"]
        admitted = [t for t, r in targets if r == "admitted"]
        deprecated = [t for t, r in targets if r == "deprecated"]
        if not preferred and admitted:
            preferred, admitted = admitted[:1], admitted[1:]
        status = meta.get("status", "approved")
        if not preferred and deprecated and status == "deprecated":  # a wholly deprecated entry
            preferred, deprecated = deprecated[:1], deprecated[1:]
        if not sources or not preferred:
            continue
        # zh-Hans and zh-Hant sections of one concept are one glossary entry (matching folds script)
        unique = {match_key_zh(t) if source_lang.lower().startswith("zh") else t: t for t in reversed(sources)}
        for zh in reversed(list(unique.values())):
            yield Term(
                zh=zh, en=preferred[0],
                variants=tuple(dict.fromkeys(preferred[1:] + admitted)),
                forbidden=tuple(dict.fromkeys(deprecated)),
                note=" ".join(notes), source=source, status=status if status in ("approved", "proposed",
                                                                                 "deprecated") else "approved",
                domain=domain, case_sensitive=meta.get("case_sensitive") == "true",
                forbidden_everywhere=meta.get("forbidden_everywhere") == "true",
                file=file, line=entry.sourceline or 0,
            )


def _terms_of(lang_sec: etree._Element) -> Iterator[tuple[str, str]]:
    """``(term, role)`` for each term of a language section; a term without a status is preferred."""
    for holder in _children(lang_sec, "termSec", "tig", "ntig"):
        term_node = None
        role = ""
        for item in holder.iter():
            kind = _local(item.tag)
            if kind == "term" and term_node is None:
                term_node = item
            elif kind == "termNote" and item.get("type") in _STATUS_TYPES and not role:
                role = _STATUS_ROLE.get(_text(item), "admitted")
        if term_node is not None and _text(term_node):
            yield _text(term_node), role or "preferred"


def _parse_meta(text: str) -> dict[str, str]:
    out = {}
    for part in text.split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            out[key.strip()] = value.strip()
    return out
