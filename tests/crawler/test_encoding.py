"""Bytes -> text when the label lies (issue 15: a page declared windows-1258 that is really UTF-8),
and the cases that must keep reading right (real windows-1258, windows-1252 sent as UTF-8, double
encoding, a body cut inside a character)."""

from __future__ import annotations

import pytest

from crawler.fetch.encoding import decode_bytes
from tests.e2e.faultserver import to_cp1258  # windows-1258 as legacy sites wrote it

TEXT = "Việt Nam nhận giải thưởng Chính phủ số ASOCIO 2024 tại Hà Nội."


def _html(charset: str | None, text: str = TEXT) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>Tin moi</title></head><body><p>{text}</p></body></html>"


@pytest.mark.parametrize("declared", ["windows-1258", "cp1258", "windows-1252", "iso-8859-1"])
def test_utf8_bytes_under_a_legacy_meta_label_read_as_utf8(declared: str) -> None:
    assert TEXT in decode_bytes(_html(declared).encode("utf-8"))


def test_utf8_bytes_under_a_legacy_header_label_read_as_utf8() -> None:
    body = _html(None).encode("utf-8")
    assert TEXT in decode_bytes(body, "text/html; charset=windows-1258")


def test_real_windows_1258_declared_stays_right() -> None:
    body = _html("windows-1258", "@@").encode("ascii").replace(b"@@", to_cp1258(TEXT))
    assert TEXT in decode_bytes(body)
    assert TEXT in decode_bytes(body, "text/html; charset=windows-1258")


def test_real_windows_1252_declared_stays_right() -> None:
    text = "Café “Sài Gòn” và Cà Mau"
    body = _html("windows-1252", "@@").encode("ascii").replace(b"@@", text.encode("cp1252"))
    assert text in decode_bytes(body)


def test_windows_1252_bytes_sent_as_utf8_still_repaired() -> None:
    text = "Café “Sài Gòn” và Cà Mau"
    body = _html("utf-8", "@@").encode("ascii").replace(b"@@", text.encode("cp1252"))
    assert text in decode_bytes(body, "text/html; charset=utf-8")


def test_double_encoded_utf8_still_repaired() -> None:
    twice = TEXT.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8")
    assert TEXT in decode_bytes(_html("utf-8", "@@").encode("ascii").replace(b"@@", twice))


def test_ascii_page_under_a_legacy_label_is_unchanged() -> None:
    body = _html("windows-1258", "Plain ASCII text.").encode("ascii")
    assert "Plain ASCII text." in decode_bytes(body)


def test_utf8_body_cut_inside_a_character_stays_utf8() -> None:
    """A page cut at a byte limit ends in half a character: that is no reason to read it as legacy."""
    body = _html("utf-8").encode("utf-8")
    cut = body[: body.index("Hà".encode()) + 2]  # 'H' plus the first byte of 'à'
    text = decode_bytes(cut)
    assert "Việt Nam nhận giải thưởng Chính phủ số ASOCIO 2024 tại H" in text
