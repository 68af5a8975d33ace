"""Reading text files the way translators' files really arrive, and writing files safely.

Accepted without options: UTF-8 with or without BOM, UTF-16 with BOM, LF or CRLF line ends.
Anything else (GBK, UTF-16 without BOM, Latin-1) is refused with the line where decoding
failed and a hint to pass ``--encoding``: guessing encodings silently corrupts Chinese text.
"""

from __future__ import annotations

import codecs
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from .errors import EncodingError, InputError, OutputError

_SNIFF_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def sniff_encoding(head: bytes, declared: str | None = None) -> str:
    """The codec to decode a file whose first bytes are ``head``.

    ``declared`` (from ``--encoding``) wins; otherwise a BOM decides, and no BOM means UTF-8.
    """
    if declared:
        try:
            codecs.lookup(declared)
        except LookupError:
            raise InputError(f"unknown encoding {declared!r}") from None
        return declared
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    return "utf-8"


def _no_bom_utf16_hint(head: bytes) -> str:
    # UTF-16 of mixed Chinese/ASCII text has NUL bytes in every ASCII character's high half:
    # count NULs at odd and even offsets to tell LE from BE.
    odd, even = head[1::2].count(0), head[0::2].count(0)
    pairs = max(len(head) // 2, 1)
    if odd > even and odd / pairs > 0.05:
        return " (it looks like UTF-16 LE without a BOM: pass --encoding utf-16-le)"
    if even > odd and even / pairs > 0.05:
        return " (it looks like UTF-16 BE without a BOM: pass --encoding utf-16-be)"
    return " (it may be GBK/GB18030: re-save it as UTF-8 or pass --encoding gb18030)"


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise InputError("no such file", file=str(path))
    if path.is_dir():
        raise InputError("is a directory, expected a file", file=str(path))


@contextmanager
def open_text(path: str | Path, encoding: str | None = None) -> Iterator[IO[str]]:
    """Open ``path`` for reading as text with universal newlines and sniffed encoding."""
    path = Path(path)
    _check_readable(path)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the with-block below
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror}", file=str(path)) from None
    with raw:
        head = raw.read(_SNIFF_BYTES)
        raw.seek(0)
        codec = sniff_encoding(head, encoding)
        yield io.TextIOWrapper(raw, encoding=codec, errors="strict", newline=None)


def iter_lines(path: str | Path, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line_without_newline)``; decoding errors name their line.

    UTF-8 input (the common case) is split as bytes and decoded line by line, so a bad byte
    is reported at its own line rather than at the start of an 8 KiB decoding chunk.
    """
    path = Path(path)
    _check_readable(path)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the with-block below
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror}", file=str(path)) from None
    with raw:
        head = raw.read(_SNIFF_BYTES)
        raw.seek(0)
        codec = sniff_encoding(head, encoding)
        if codecs.lookup(codec).name in ("utf-8", "utf-8-sig"):
            yield from _iter_utf8_lines(raw, path, head, encoding)
            return
        stream = io.TextIOWrapper(raw, encoding=codec, errors="strict", newline=None)
        lineno = 0
        try:
            for lineno, line in enumerate(stream, start=1):
                yield lineno, line.rstrip("\n")
        except UnicodeDecodeError:
            raise EncodingError(f"cannot decode as {codec}", file=str(path), line=lineno + 1) from None


def _iter_utf8_lines(raw: IO[bytes], path: Path, head: bytes, encoding: str | None) -> Iterator[tuple[int, str]]:
    for lineno, data in enumerate(raw, start=1):
        if lineno == 1 and data.startswith(codecs.BOM_UTF8):
            data = data[3:]
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError:
            hint = "" if encoding else _no_bom_utf16_hint(head)
            raise EncodingError(f"cannot decode as UTF-8{hint}", file=str(path), line=lineno) from None
        if line.endswith("\n"):
            line = line[:-2] if line.endswith("\r\n") else line[:-1]
        yield lineno, line


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """The whole file as one string with ``\\n`` line ends (for YAML and XML-sized inputs)."""
    path = Path(path)
    _check_readable(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from None
    codec = sniff_encoding(data[:4], encoding)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError(
            "cannot decode as " + (encoding or "UTF-8") + ("" if encoding else _no_bom_utf16_hint(data[:_SNIFF_BYTES])),
            file=str(path),
            line=line,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


@contextmanager
def atomic_writer(path: str | Path, *, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place on success.

    A crash or an error half-way leaves the old file untouched and no partial file behind.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError("directory does not exist", file=str(directory))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", file=str(path)) from None
    try:
        if binary:
            handle: IO = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline="\n")
        with handle:
            yield handle
        os.replace(tmp_name, path)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp_name)
        raise


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, as UTF-8."""
    with atomic_writer(path) as handle:
        handle.write(text)
