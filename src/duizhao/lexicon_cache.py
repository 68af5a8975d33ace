"""A disk cache of the aligner's dictionary (``lexicon.Lexicon``), so ``duizhao align`` does not
re-read CC-CEDICT on every run.

Parsing the 120,000-entry dictionary and reducing its glosses to stems takes seconds; reading
the result back takes a small fraction of that. Data caches are data: an entry is a JSON
document (words, stems and two arrays of numbers; no code), preceded by the SHA-256 of that
document, so a truncated or altered entry is never used and a cache directory restored by CI
cannot run anything. An entry is used only when it was built from exactly the same dictionary
bytes by exactly the same ``lexicon.py`` (both SHA-256s are inside the entry).

As for the glossary cache, this is an optimisation and never a reason to fail: a directory
that cannot be written, an entry that is corrupt or stale, all fall back to a fresh build.
Where: the glossary cache's directory (``$DUIZHAO_CACHE_DIR``, …; ``DUIZHAO_NO_CACHE=1`` turns
it off), file ``lexicon-cedict.json``.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import sys
from array import array
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

#: bumped when the layout of an entry changes
SCHEMA = 1
FILE_NAME = "lexicon-cedict.json"


@dataclass(frozen=True)
class Table:
    """Word → stems, packed: ``words[i]`` brings ``counts[i]`` stems, whose numbers (into
    ``stems``) follow one another in ``indexes``."""

    stems: list[str]
    words: list[str]
    counts: array  # array('I')
    indexes: array  # array('I')

    @classmethod
    def of(cls, entries: Mapping[str, Iterable[str]]) -> Table:
        groups = {word: sorted(set(group)) for word, group in entries.items()}
        stems = sorted({stem for group in groups.values() for stem in group})
        number = {stem: i for i, stem in enumerate(stems)}
        counts, indexes = array("I"), array("I")
        for group in groups.values():
            counts.append(len(group))
            indexes.extend(number[stem] for stem in group)
        return cls(stems, list(groups), counts, indexes)


def cached_table(source: Path, build: Callable[[], Table], directory: Path | None,
                 name: str = FILE_NAME) -> Table:
    """``build()``'s table for the dictionary file ``source``, from ``directory`` when it holds an
    entry for these very bytes (``None``: no caching), in the file ``name`` (one per kind of table
    built from the dictionary). Errors of ``build`` pass through."""
    key = None
    if directory is not None:
        with contextlib.suppress(OSError):
            key = _key(source)
    if key is not None and directory is not None:
        found = _read(directory / name, key)
        if found is not None:
            return found
    table = build()
    if key is not None and directory is not None:
        with contextlib.suppress(OSError, ValueError):
            _write(directory / name, key, table)
    return table


def _key(source: Path) -> dict[str, object]:
    code = Path(__file__).with_name("lexicon.py").read_bytes()
    return {"schema": SCHEMA, "source": hashlib.sha256(source.read_bytes()).hexdigest(),
            "code": hashlib.sha256(code).hexdigest()}


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


def _packed(numbers: array) -> str:
    little = array("I", numbers)
    if sys.byteorder != "little":
        little.byteswap()
    return base64.b64encode(little.tobytes()).decode("ascii")


def _unpacked(text: str) -> array:
    numbers = array("I")
    numbers.frombytes(base64.b64decode(text, validate=True))
    if sys.byteorder != "little":
        numbers.byteswap()
    return numbers


def encode(key: Mapping[str, object], table: Table) -> bytes:
    """The cache entry for ``table``: a checksum line, then one JSON document."""
    if any("\n" in text for text in (*table.stems, *table.words)):
        raise ValueError("a word or stem with a line break cannot be cached")
    body = json.dumps({**key, "stems": "\n".join(table.stems), "words": "\n".join(table.words),
                       "counts": _packed(table.counts), "indexes": _packed(table.indexes)},
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body


def decode(data: bytes, key: Mapping[str, object]) -> Table | None:
    """The table of a cache entry, or ``None`` when its checksum, key or shape is not right."""
    checksum, _, body = data.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode("ascii") != checksum:
        return None
    try:
        document = json.loads(body)
        if not isinstance(document, dict) or any(document.get(name) != value for name, value in key.items()):
            return None
        stems, words = _lines(document["stems"]), _lines(document["words"])
        counts, indexes = _unpacked(document["counts"]), _unpacked(document["indexes"])
    except (ValueError, KeyError, AttributeError, TypeError):
        return None
    if (len(words) != len(counts) or sum(counts) != len(indexes)
            or (len(indexes) and max(indexes) >= len(stems))):
        return None
    return Table(stems, words, counts, indexes)


def _read(path: Path, key: Mapping[str, object]) -> Table | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return decode(data, key)


def _write(path: Path, key: Mapping[str, object], table: Table) -> None:
    from .textio import atomic_writer

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_writer(path, binary=True, file_mode=0o600) as handle:
        handle.write(encode(key, table))
