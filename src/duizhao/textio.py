"""Reading text files the way translators' files really arrive, and writing files safely.

Accepted without options: UTF-8 with or without BOM, UTF-16 with BOM, LF, CRLF or lone-CR line ends.
Anything else (GBK, UTF-16 without BOM, Latin-1) is refused with the line where decoding
failed and a hint to pass ``--encoding``: guessing encodings silently corrupts Chinese text.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from .errors import EncodingError, InputError, OutputError, UsageError

_SNIFF_BYTES = 4096
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def as_typed(path: str | Path) -> Path:
    """``path`` relative to the working directory when it lies inside it, as a user would type it;
    paths outside stay as they are. Reports and baselines then say ``corpus/doc.yaml``."""
    relative = os.path.relpath(path)
    return Path(relative) if not relative.startswith("..") else Path(path)


def text_encoding(name: str) -> str:
    """The Python codec name for a user-supplied encoding (``--encoding``), validated.

    The one place every encoding name from a user is checked: an unknown name, and codecs
    that exist but do not turn bytes into text (``rot13``, ``hex``, ``base64``, ``zlib``), are
    usage errors rather than a ``LookupError`` half-way through a read.
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):  # ValueError: a name with a NUL
        raise UsageError(f"unknown encoding {name!r} for --encoding (e.g. utf-8, gb18030, big5, utf-16)") from None
    if not getattr(info, "_is_text_encoding", True) or info.name == "undefined":
        raise UsageError(f"--encoding {name!r} is not a text encoding (it does not decode bytes to text); "
                         "use e.g. utf-8, gb18030, big5 or utf-16") from None
    return info.name


def sniff_encoding(head: bytes, declared: str | None = None) -> str:
    """The codec to decode a file whose first bytes are ``head``.

    ``declared`` (from ``--encoding``) wins; otherwise a BOM decides, and no BOM means UTF-8.
    """
    if declared:
        text_encoding(declared)
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


def require_regular_file(path: str | Path) -> None:
    """Refuse, before anything opens it, what is not a regular file.

    A FIFO with no writer blocks ``open`` forever and ``/dev/zero`` never ends, so devices,
    FIFOs and sockets (also through a symlink) are input errors, as are a missing file, a
    dangling symlink and a name the system refuses (too long, a NUL byte).
    """
    file = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError("dangling symbolic link (its target does not exist)" if os.path.islink(path)
                         else "no such file", file=file) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot open: {getattr(exc, 'strerror', None) or exc}", file=file) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, expected a file", file=file)
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or \
            stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "not a file"
        raise InputError(f"not a regular file ({kind}); duizhao reads regular files only", file=file)


def files_under(root: str | Path, suffixes: Collection[str]) -> list[Path]:
    """The files under the directory ``root`` whose suffix is in ``suffixes``, sorted.

    Names starting with ``.`` (files and directories) are passed over. Nothing else is: a
    directory that cannot be read and a symlink whose target is missing are ``InputError``s
    naming them, since skipping them would check less than the user asked for without a word;
    so is a FIFO or device among them (``require_regular_file``).
    Symlinked directories are followed once (a link loop is not walked twice).
    """
    def refuse(exc: OSError) -> None:
        raise InputError(f"cannot read directory: {exc.strerror}", file=exc.filename)

    found: list[Path] = []
    seen: set[str] = set()
    for directory, dirnames, filenames in os.walk(root, onerror=refuse, followlinks=True):
        real = os.path.realpath(directory)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or Path(name).suffix.lower() not in suffixes:
                continue
            path = Path(directory, name)
            require_regular_file(path)  # a dangling link, a FIFO or /dev/zero named x.yaml
            found.append(path)
    return sorted(found)


def _check_readable(path: Path) -> None:
    require_regular_file(path)


@contextmanager
def _open_binary(path: Path) -> Iterator[IO[bytes]]:
    """Open ``path`` for binary reading; a missing or unreadable file is an ``InputError``."""
    _check_readable(path)
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed by the with-block below
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror}", file=str(path)) from None
    with raw:
        yield raw


def iter_lines(path: str | Path, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, line_without_newline)``; decoding errors name their line.

    UTF-8 input (the common case) is split as bytes and decoded line by line, so a bad byte
    is reported at its own line rather than at the start of an 8 KiB decoding chunk.
    """
    path = Path(path)
    with _open_binary(path) as raw:
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
        except UnicodeError:
            raise EncodingError(f"cannot decode as {codec}", file=str(path), line=lineno + 1) from None


def _iter_utf8_lines(raw: IO[bytes], path: Path, head: bytes, encoding: str | None) -> Iterator[tuple[int, str]]:
    lineno = 0
    for data in raw:
        if lineno == 0 and data.startswith(codecs.BOM_UTF8):
            data = data[3:]
        try:
            line = data.decode("utf-8")
        except UnicodeError:
            hint = "" if encoding else _no_bom_utf16_hint(head)
            raise EncodingError(f"cannot decode as UTF-8{hint}", file=str(path), line=lineno + 1) from None
        line = _strip_line_end(line)
        if "\r" in line:  # lone CRs (classic Mac line ends) end lines too
            for part in line.split("\r"):
                lineno += 1
                yield lineno, part
            continue
        lineno += 1
        yield lineno, line


def _strip_line_end(line: str) -> str:
    """``line`` without its one line end: CRLF, LF or a lone CR."""
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line


def count_line_ends(data: bytes, start: int = 0, end: int | None = None) -> int:
    """Line ends in ``data[start:end]``: LF, CRLF and a lone CR each count once."""
    end = len(data) if end is None else end
    return data.count(b"\n", start, end) + data.count(b"\r", start, end) - data.count(b"\r\n", start, end)


@dataclass(frozen=True, slots=True)
class LineRange:
    """Whole lines of a UTF-8 file as a byte range: a unit of work that another process, or a
    cluster worker reading the same shared storage, can read and decode on its own.

    ``first_line`` is the 1-based number of its first line, so findings and decoding errors
    name the same lines as a sequential read does.
    """

    path: str
    start: int
    end: int
    first_line: int
    declared: str | None = None  # the --encoding the user gave, for the error hint


def splits_into_ranges(path: str | Path, encoding: str | None = None) -> bool:
    """True when ``path`` is UTF-8 (with or without BOM), whose lines can be cut as bytes at ``\\n``."""
    with _open_binary(Path(path)) as raw:
        head = raw.read(4)
    return codecs.lookup(sniff_encoding(head, encoding)).name in ("utf-8", "utf-8-sig")


def iter_line_ranges(path: str | Path, encoding: str | None = None,
                     block_size: int = 1 << 21) -> Iterator[tuple[LineRange, bytes]]:
    """Cut a UTF-8 file into ranges of whole lines of about ``block_size`` bytes, with their bytes.

    Only line breaks are counted here (no decoding), so planning a million-line file costs
    one read at disk speed. Call only when ``splits_into_ranges`` is true.
    """
    path = Path(path)
    with _open_binary(path) as raw:
        offset = 3 if raw.read(3) == codecs.BOM_UTF8 else 0
        raw.seek(offset)
        line, carry = 1, b""
        while True:
            chunk = raw.read(block_size)
            if not chunk:
                if carry:
                    yield LineRange(str(path), offset, offset + len(carry), line, encoding), carry
                return
            data = carry + chunk if carry else chunk
            # cut after the last line end; a CR as the very last byte may be half of a CRLF
            cut = max(data.rfind(b"\n"), data.rfind(b"\r", 0, len(data) - 1)) + 1
            if cut == 0:  # one very long line: keep reading until it ends
                carry = data
                continue
            block, carry = data[:cut], data[cut:]
            yield LineRange(str(path), offset, offset + cut, line, encoding), block
            offset += cut
            line += count_line_ends(block)


def read_range(rng: LineRange) -> bytes:
    """The bytes of ``rng``, read from its file."""
    try:
        with open(rng.path, "rb") as raw:
            raw.seek(rng.start)
            return raw.read(rng.end - rng.start)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=rng.path) from None


def _head_of(path: str) -> bytes:
    try:
        with open(path, "rb") as raw:
            return raw.read(_SNIFF_BYTES)
    except OSError:
        return b""


def decode_range(rng: LineRange, data: bytes, file: str | None = None) -> list[str]:
    """The lines of ``data`` (the bytes of ``rng``) without line ends, exactly as ``iter_lines`` yields them.

    ``file`` is the name errors give (the path as the user wrote it) when ``rng.path`` differs.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeError as exc:
        hint = "" if rng.declared else _no_bom_utf16_hint(_head_of(rng.path))
        line = rng.first_line + count_line_ends(data, 0, exc.start)
        raise EncodingError(f"cannot decode as UTF-8{hint}", file=file or rng.path, line=line) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[-1] == "":  # the range ends with a line break (always, except a last line without one)
        lines.pop()
    return lines


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
    except UnicodeError as exc:
        line = count_line_ends(data, 0, exc.start) + 1
        raise EncodingError(
            "cannot decode as " + (encoding or "UTF-8") + ("" if encoding else _no_bom_utf16_hint(data[:_SNIFF_BYTES])),
            file=str(path),
            line=line,
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


@contextmanager
def atomic_writer(path: str | Path, *, binary: bool = False, encoding: str = "utf-8",
                  file_mode: int | None = None) -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place on success.

    A crash or an error half-way leaves the old file untouched and no partial file behind.
    A symlink keeps pointing where it did (its target is replaced); a device or FIFO such as
    ``/dev/stdout`` cannot be replaced by a rename, so it is written to directly. The file
    gets ``file_mode`` when given, else the replaced file's mode, else the umask's. The name
    ``-`` is standard output, as everywhere on the command line.
    """
    if str(path) == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    path = Path(path)
    if path.is_dir():
        raise OutputError("is a directory; name a file to write", file=str(path))
    mode = "wb" if binary else "w"
    text_options = {} if binary else {"encoding": encoding, "newline": "\n"}
    if path.exists() and not path.is_file():  # follows links: /dev/stdout, a FIFO, a device
        try:
            with open(path, mode, **text_options) as stream:
                yield stream
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror}", file=str(path)) from None
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError("directory does not exist", file=str(directory))
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        # mkstemp creates 0600; the result should have the replaced file's mode, or the umask's
        if file_mode is None:
            file_mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode()
        os.fchmod(fd, file_mode)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", file=str(path)) from None
    try:
        with os.fdopen(fd, mode, **text_options) as handle:
            yield handle
        os.replace(tmp_name, path)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp_name)
        raise OutputError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp_name)
        raise


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, as UTF-8."""
    with atomic_writer(path) as handle:
        handle.write(text)


# A spreadsheet runs a cell that starts with one of these as a formula (CSV/formula injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would run it as a formula (as OWASP
    recommends): Excel and LibreOffice then show it as text. ``spreadsheet_restore`` undoes it."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def spreadsheet_restore(cell: str) -> str:
    """A cell as written before ``spreadsheet_safe``: the one added quote is dropped again."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA_STARTS) else cell
