"""Command-line values turned into what the work needs; bad input is a UserError."""

from __future__ import annotations

import codecs
import io
import unicodedata
from datetime import datetime
from pathlib import Path

from newsmon.cli.common import UserError
from newsmon.core.time import LOCAL_TZ

# How much of a file is sniffed for binary data: Git's and grep's rule looks at the first 8 KB.
_SNIFF_BYTES = 8192
# C0 control bytes other than tab, newlines and form feed, and DEL: text holds (almost) none. NUL alone
# marks binary for Git and grep; a share of the others catches random or compressed data without one.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.05
# Text that declares itself UTF-16/32 by a byte-order mark is judged after decoding (UTF-32 LE first:
# its BOM begins with UTF-16 LE's).
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_BOMS = (*_WIDE_BOMS, (codecs.BOM_UTF8, "utf-8-sig"))
_NOT_TEXT = frozenset({"Cc", "Cs", "Co", "Cn"})  # control, surrogate, private use, unassigned


def parse_day(value: str | None, *, end: bool = False) -> datetime | None:
    """A date or ISO date-time; a bare date is local time, its end of day when `end` (for --until)."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(f"not a date: {value!r} (use YYYY-MM-DD or an ISO date-time)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=LOCAL_TZ)
        if end and len(value) <= 10:
            parsed = parsed.replace(hour=23, minute=59, second=59)
    return parsed


def read_file(path: str) -> bytes:
    """A whole input file; missing, a directory, unreadable or empty is a UserError."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    if not data.strip():
        raise UserError(f"{path} is empty")
    return data


def read_text_file(path: str) -> bytes:
    """`read_file` for a page or a text: binary data (an image, an archive, random bytes) is refused, so
    no command prints it to the terminal."""
    data = read_file(path)
    if looks_binary(data):
        raise UserError(f"{path} is binary data, not a text page")
    return data


def decode_text(data: bytes, path: str) -> str:
    """A text file's content: UTF-8, or the UTF-8/16/32 its byte-order mark names."""
    encoding = next((codec for bom, codec in _TEXT_BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UserError(f"{path} is not {encoding.upper().removesuffix('-SIG')} text") from None


def open_binary(path: str) -> io.BufferedReader:
    """An input file opened for reading in binary mode; missing, a directory or unreadable is a UserError."""
    try:
        return open(path, "rb")  # noqa: SIM115 (the caller closes it)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None


def looks_binary(data: bytes) -> bool:
    """Whether a file's first 8 KB are binary data rather than text of some encoding.

    No dependency of ours does this (libmagic would be a system library to install), and the rule is
    Git's: a NUL byte in the first 8 KB; plus a share of other control bytes, for random data.
    """
    head = data[:_SNIFF_BYTES]
    for bom, codec in _WIDE_BOMS:
        if head.startswith(bom):
            text = head.decode(codec, errors="replace")
            return sum(1 for c in text if _not_text(c)) > _MAX_CONTROL_SHARE * len(text)
    if b"\x00" in head:
        return True
    return len(head) - len(head.translate(None, _CONTROL_BYTES)) > _MAX_CONTROL_SHARE * len(head)


def _not_text(char: str) -> bool:
    return char == "\ufffd" or (unicodedata.category(char) in _NOT_TEXT and char not in "\t\n\r\f")
