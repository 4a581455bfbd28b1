"""Bytes -> text for pages whose encoding is mislabelled, legacy, or applied twice.

What servers send: a windows-1258 page (Vietnamese tones as combining marks) with or without a
declaration; windows-1252 bytes labelled UTF-8; UTF-8 labelled windows-1258 (or any legacy charset);
UTF-8 that was decoded as windows-1252 and encoded again ("Viá»‡t Nam" for "Việt Nam"). The HTTP
header, the BOM and <meta charset> are evidence, not truth: a declared UTF-8 that does not decode is
not UTF-8, and bytes that decode as UTF-8 with multi-byte characters in them are UTF-8 whatever the
label says (legacy text is valid UTF-8 by chance only in a few bytes, never in a page: the rule
browsers' detectors and chardet's UTF-8 prober follow). A body cut at a size limit ends inside a
character: that last partial character is dropped, it is no evidence against UTF-8. The result is
always NFC.

Libraries, and what stays ours:
- The first reading is w3lib's `html_to_unicode`, the rule Scrapy's own `Response.text` follows
  (BOM, then header, then <meta>, WHATWG label aliases such as latin-1 -> windows-1252), so a crawl
  and a re-extraction read a page alike. bs4's UnicodeDammit would do the same job with other
  aliases and, when every label fails, a charset_normalizer guess: slower and unpredictable.
- Windows-1258 against windows-1252 is ours: no detector tells them apart (every byte decodes in
  both); only the placement of windows-1258's combining tone marks does. bs4's
  `UnicodeDammit.detwingle` does not replace the windows-1252 reading either: it is made for a few
  smart quotes inside UTF-8 and takes a Latin-1 letter followed by punctuation ("é“") for the
  start of a UTF-8 sequence, losing both characters.
- Double encoding is ours: detwingle repairs raw bytes, not text that was decoded twice.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from w3lib.encoding import html_body_declared_encoding, html_to_unicode, resolve_encoding

_RUN = re.compile(r"[^\x00-\x7f]{2,}")  # double-encoded UTF-8 shows as runs of 2-4 Latin-1/cp1252 chars
# What a run must consist of to be undone (the characters `_as_byte` maps): Latin-1's upper half and
# windows-1252's specials. Checked in C before the per-character work, so that a long page of real
# Vietnamese costs a regex pass, not a codec call per letter.
_CP1252_HIGH = "".join(chr(b) for b in range(0x80, 0x100)) + bytes(range(0x80, 0xA0)).decode("cp1252", "ignore")
_CP1252_RUN = re.compile(f"[{re.escape(_CP1252_HIGH)}]+")
# The tone marks windows-1258 writes as separate characters; one left after NFC is a misreading.
_STRAY_TONE = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
_MIN_REPAIRS = 2  # one odd pair could be real text; a page of them is double encoding


def decode_bytes(body: bytes, content_type: str | None = None) -> str:
    """Decode like a browser (header, BOM, meta), then correct the common mistakes."""
    encoding, text = html_to_unicode(content_type, body)
    name = _normal(encoding)
    if not name.startswith("utf") or name.startswith("utf8"):  # a UTF-16/32 BOM or label is left alone
        utf8 = _utf8(body)
        if utf8 is None:
            if name.startswith("utf8"):
                text = _legacy(body)
        elif name.startswith("utf8") or not body.isascii():
            text = utf8.removeprefix("\ufeff")
    text = repair_double_utf8(text)
    return unicodedata.normalize("NFC", text)


def _normal(encoding: str | None) -> str:
    return (encoding or "").replace("-", "").replace("_", "").lower()


def _is_utf8(encoding: str | None) -> bool:
    return _normal(encoding) in ("utf8", "utf8sig")


def _utf8(body: bytes) -> str | None:
    """The body as UTF-8, or None when it is not; a partial character at the very end (a cut body)
    is dropped rather than counted against it (the incremental decoder keeps it pending)."""
    try:
        return codecs.getincrementaldecoder("utf-8")().decode(body, final=False)
    except UnicodeDecodeError:
        return None


def _legacy(body: bytes) -> str:
    """Bytes claimed as UTF-8 but not UTF-8: a declared single-byte charset, else windows-1258 or -1252."""
    declared = html_body_declared_encoding(body)
    resolved = resolve_encoding(declared) if declared else None
    if resolved and not _is_utf8(resolved):
        return body.decode(resolved, errors="replace")
    vietnamese = unicodedata.normalize("NFC", body.decode("cp1258", errors="replace"))
    if not _stray_marks(vietnamese):  # every tone mark sat on a vowel: windows-1258 it is
        return vietnamese
    return body.decode("cp1252", errors="replace")


def _stray_marks(text: str) -> bool:
    """A tone mark left after NFC: a windows-1258 reading of text that is not windows-1258."""
    return _STRAY_TONE.search(text) is not None


def _as_byte(char: str) -> int | None:
    try:
        encoded = char.encode("cp1252")
    except UnicodeEncodeError:
        code = ord(char)
        return code if 0x80 <= code <= 0xFF else None  # the 5 holes of cp1252 pass through as Latin-1
    return encoded[0] if len(encoded) == 1 and encoded[0] >= 0x80 else None


def _undo_run(run: str) -> str | None:
    raw = [_as_byte(c) for c in run]
    if any(b is None for b in raw):
        return None
    try:
        return bytes(raw).decode("utf-8")  # type: ignore[arg-type]
    except UnicodeDecodeError:
        return None


def repair_double_utf8(text: str) -> str:
    """Undo UTF-8 read as windows-1252 and encoded again, run by run, when a page is full of it."""
    repairs: list[tuple[int, int, str]] = []
    for match in _RUN.finditer(text):
        run = match.group()
        fixed = _undo_run(run) if _CP1252_RUN.fullmatch(run) else None
        if fixed is not None:
            repairs.append((match.start(), match.end(), fixed))
    if len(repairs) < _MIN_REPAIRS:
        return text
    out, last = [], 0
    for start, end, fixed in repairs:
        out.append(text[last:start])
        out.append(fixed)
        last = end
    out.append(text[last:])
    return "".join(out)
