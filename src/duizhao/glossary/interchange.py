"""What every termbase export says about an entry: a stable concept id and each rendering's status.

Shared by the TBX and CSV writers (and any later one) so that they agree:

* ``concept_id(term)`` is derived from the term itself (its Chinese in matching form), not from
  its place in the glossary, so re-exporting after adding, removing or reordering entries keeps
  every other entry's id and a CAT tool can update its termbase in place.
* ``rendering_statuses(term)`` gives each English rendering its TBX-Basic administrative status.
  Only an approved entry's rendering is *preferred*; a proposed entry's rendering is *admitted*
  (nobody has confirmed it, so a CAT tool must not present it as the house term), a deprecated
  entry's is *superseded*; variants are admitted and forbidden renderings deprecated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ..model import Term
from ..script import match_key_zh

PREFERRED, ADMITTED, DEPRECATED, SUPERSEDED = "preferred", "admitted", "deprecated", "superseded"


def concept_id(term: Term) -> str:
    """``c`` + 12 hex digits of a hash of the term's Chinese in matching form (a valid XML id).

    鄉村振興, 乡村振兴 and “乡村振兴” are one term for the matcher and get one id.
    """
    digest = hashlib.blake2b(match_key_zh(term.zh).encode("utf-8"), digest_size=6).hexdigest()
    return f"c{digest}"


def concept_ids(terms: Iterable[Term]) -> list[str]:
    """``concept_id`` of each term, unique within one export (a duplicate entry gets ``-2``, ``-3``…)."""
    seen: dict[str, int] = {}
    out = []
    for term in terms:
        base = concept_id(term)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out


def approved_status(term: Term) -> str:
    """The administrative status of the entry's approved rendering (``term.en``)."""
    return {"approved": PREFERRED, "proposed": ADMITTED, "deprecated": SUPERSEDED}.get(term.status, ADMITTED)


def rendering_statuses(term: Term) -> list[tuple[str, str]]:
    """``(rendering, status)`` for the approved rendering, each variant and each forbidden one."""
    out = [(term.en, approved_status(term))] if term.en else []
    out += [(variant, ADMITTED) for variant in term.variants]
    out += [(forbidden, DEPRECATED) for forbidden in term.forbidden]
    return out


def meta_note(term: Term) -> str:
    """What a TBX-Basic entry has no field for (status, case sensitivity, forbidden everywhere), as one note."""
    parts = []
    if term.status != "approved":
        parts.append(f"status={term.status}")
    if term.case_sensitive:
        parts.append("case_sensitive=true")
    if term.forbidden_everywhere:
        parts.append("forbidden_everywhere=true")
    return "duizhao: " + "; ".join(parts) if parts else ""


def concept_fields(term: Term) -> list[tuple[str, str, dict[str, str]]]:
    """The concept-level TBX-Basic data categories of ``term``, as ``(element, text, attributes)``
    in document order: subject field, source, note, and the meta note. The same in TBX v2 and v3."""
    fields: list[tuple[str, str, dict[str, str]]] = [
        ("descrip", term.domain, {"type": "subjectField"}),
        ("admin", term.source, {"type": "source"}),
        ("note", term.note, {}),
        ("note", meta_note(term), {}),
    ]
    return [field for field in fields if field[1]]
