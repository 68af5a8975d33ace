"""A disk cache of loaded glossaries, so a 10,000-term glossary is not re-parsed by every run.

Composing the YAML of a large glossary costs about a third of a second per process; reading
back the ``Glossary`` it produced costs a fraction of that. An entry is used only when it was stored
for exactly the same bytes of every glossary file, under the same paths, encoding argument,
duizhao version, PyYAML, Python and loader source, so a hit returns what a fresh load would return —
terms, problems, hash and all. Only successful loads are stored: a broken glossary raises the
same error every time.

The cache is an optimisation and never a reason to fail: a cache directory that cannot be
created or written, an entry that is truncated, corrupt or from another version, all fall back
to a normal load without a word. Each glossary path has one slot (a new load replaces the
old entry) and at most ``MAX_ENTRIES`` slots are kept, least recently used dropped first.

Where: ``$DUIZHAO_CACHE_DIR``, else ``$XDG_CACHE_HOME/duizhao``, else ``~/.cache/duizhao``.
``DUIZHAO_NO_CACHE=1`` turns it off.

An entry is data, never code: JSON of the glossary's records (terms, evidence, problems),
after a header holding the key and the sha256 of the JSON. Decoding builds only the record
types listed in ``_RECORDS`` from plain values, so whoever can write the cache directory (a
CI cache restored from elsewhere) can at worst make a run miss the cache; pickles, the old
format, are never read (they are pruned).
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .. import model
from ..errors import OutputError
from ..model import Glossary
from ..textio import atomic_writer

#: bumped when the layout of an entry changes
SCHEMA = 2
#: glossary slots kept in the cache directory
MAX_ENTRIES = 8
_PREFIX = "glossary-"
_SUFFIX = ".json"
_MAGIC = b"duizhao-glossary-cache\n"
_OLD_SUFFIXES = (".pickle",)  # earlier formats: pruned, never read


def cache_dir() -> Path | None:
    """The directory glossary entries live in, or ``None`` when caching is turned off."""
    if os.environ.get("DUIZHAO_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("DUIZHAO_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is to be ignored
        return Path(xdg) / "duizhao"
    return Path.home() / ".cache" / "duizhao"


def load_cached(path: Path, files: Sequence[Path], encoding: str | None,
                load: Callable[[], Glossary]) -> Glossary:
    """``load()``'s result for the glossary at ``path`` (made of ``files``), from the cache when it can be.

    Errors ``load`` raises pass through untouched; nothing about the cache ever raises.
    """
    where = _where(path, files, encoding) if files else None
    if where is None:
        return load()
    directory, slot, key = where
    cached = _read(slot, key)
    if cached is not None:
        return cached
    glossary = load()
    # the loader read the files again: store its result only if they did not change meanwhile
    if _key(path, files, encoding) == key:
        _write(directory, slot, key, glossary)
    return glossary


def _where(path: Path, files: Sequence[Path], encoding: str | None) -> tuple[Path, Path, bytes] | None:
    """``(directory, entry file, key)`` for this load, or ``None`` when there is to be no caching."""
    try:
        directory = cache_dir()
        if directory is None:
            return None
        key = _key(path, files, encoding)
        return None if key is None else (directory, directory / _slot_name(path, encoding), key)
    except (OSError, RuntimeError, ValueError):  # no home directory, a vanished working directory
        return None


def _key(path: Path, files: Sequence[Path], encoding: str | None) -> bytes | None:
    """The digest of everything a load's result depends on; ``None`` if a file cannot be read."""
    digest = hashlib.sha256()
    fingerprint = _loader_fingerprint()
    if fingerprint is None:
        return None
    for part in (f"schema:{SCHEMA}", fingerprint, sys.version, str(path), repr(encoding)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:  # the loader will report it properly
            return None
        digest.update(str(file).encode("utf-8", "surrogatepass") + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.digest()


_FINGERPRINT: list[str] = []


def _loader_fingerprint() -> str | None:
    """duizhao's version and the source of the modules that shape a loaded ``Glossary``.

    An editable install keeps its version number while the loader changes under it; hashing
    the source means a changed loader (or ``Term``) never meets entries written by the old one.
    """
    if _FINGERPRINT:
        return _FINGERPRINT[0]
    import yaml

    from .. import __version__, model, textio, yamlio
    from . import load

    digest = hashlib.sha256(f"{__version__}\0{yaml.__version__}\0{yaml.__with_libyaml__}".encode())
    for module in (load, model, textio, yamlio, sys.modules[__name__]):
        try:
            digest.update(Path(module.__file__ or "").read_bytes())
        except OSError:
            return None
    _FINGERPRINT.append(digest.hexdigest())
    return _FINGERPRINT[0]


def _slot_name(path: Path, encoding: str | None) -> str:
    """One file per glossary path (as given and absolute) and encoding argument: a reload replaces it."""
    where = f"{os.path.abspath(path)}\0{path}\0{encoding}"
    return _PREFIX + hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()[:24] + _SUFFIX


def _read(slot: Path, key: bytes) -> Glossary | None:
    try:
        with open(slot, "rb") as handle:
            # entries another user wrote are not this user's cache (the directory is private too)
            if hasattr(os, "getuid") and os.fstat(handle.fileno()).st_uid != os.getuid():
                return None
            data = handle.read()
    except OSError:  # no entry yet, or an unreadable one
        return None
    # magic, the key, the sha256 of the payload, then the payload: an entry for other bytes, or
    # one damaged anywhere, is rejected before its JSON is even parsed
    head = len(_MAGIC) + len(key) + 32
    if not data.startswith(_MAGIC + key) or len(data) < head:
        return None
    payload = data[head:]
    if hashlib.sha256(payload).digest() != data[head - 32:head]:
        return None
    try:
        glossary = _decode(json.loads(payload))
    except Exception:  # a damaged or foreign entry is a cache miss, whatever it holds
        return None
    if not isinstance(glossary, Glossary):
        return None
    with contextlib.suppress(OSError):
        os.utime(slot)  # recently used: pruning drops the oldest entries first
    return glossary


def _write(directory: Path, slot: Path, key: bytes, glossary: Glossary) -> None:
    try:
        payload = json.dumps(_encode(glossary), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, UnicodeError):  # a value the codec does not know: not cached
        return
    data = _MAGIC + key + hashlib.sha256(payload).digest() + payload
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        # readers see the old entry or the new one, never half of one
        with atomic_writer(slot, binary=True, file_mode=0o600) as handle:
            handle.write(data)
        _prune(directory)
    except (OSError, OutputError):  # read-only home, full disk, a file where the directory should be
        pass


# -- the codec: records as {"$r": name, "v": [field values]}, tuples as arrays ---------------

_RECORDS: dict[str, type] = {cls.__name__: cls for cls in (
    model.Glossary, model.Term, model.Evidence, model.Finding, model.Location, model.Span)}
_ENUMS: dict[str, type[enum.Enum]] = {"Severity": model.Severity}


def _encode(value: Any) -> Any:
    if isinstance(value, str | bool | int | float) or value is None:
        return value
    if isinstance(value, enum.Enum):
        return {"$e": type(value).__name__, "v": value.value}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _RECORDS:
        return {"$r": type(value).__name__,
                "v": [_encode(getattr(value, f.name)) for f in dataclasses.fields(value)]}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, Mapping):
        return {"$m": {str(k): _encode(v) for k, v in value.items()},
                "ro": isinstance(value, MappingProxyType)}
    raise TypeError(f"not cacheable: {type(value).__name__}")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(item) for item in value)
    if not isinstance(value, dict):
        return value
    if "$r" in value:
        cls = _RECORDS[value["$r"]]  # a KeyError (unknown name) is a miss
        return cls(*(_decode(item) for item in value["v"]))
    if "$e" in value:
        return _ENUMS[value["$e"]](value["v"])
    mapping = {k: _decode(v) for k, v in value["$m"].items()}
    return MappingProxyType(mapping) if value.get("ro") else mapping


def _prune(directory: Path) -> None:
    """Keep the ``MAX_ENTRIES`` most recently used entries, and no temporary file a killed run left."""
    entries = []
    stale = [old for suffix in _OLD_SUFFIXES for old in directory.glob(f"{_PREFIX}*{suffix}")]
    for entry in directory.glob(f"{_PREFIX}*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime_ns, entry))
    entries.sort(reverse=True)
    stale += [entry for _, entry in entries[MAX_ENTRIES:]]
    an_hour_ago = time.time() - 3600  # older than any write still in progress
    for leftover in directory.glob(f".{_PREFIX}*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.stat().st_mtime < an_hour_ago:
                stale.append(leftover)
    for entry in stale:
        with contextlib.suppress(OSError):
            entry.unlink()
