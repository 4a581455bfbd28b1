"""Stored text keeps the published characters; comparison keys, search, dedup and topics see through them."""

from __future__ import annotations

from newsmon.core.text import fold, normalize_text, same_text, tidy_text, unique_texts, words

ETH_TITLE = "Sở Thông tin TP \u00d0à Nẵng nhận giải thưởng"  # Icelandic eth where Đ was meant
NBSP_TEXT = "Thành phố đã có nhiều nỗ lực\u00a0trong việc đổi mới dịch vụ công trực tuyến cho người dân."


def test_tidy_keeps_published_characters_and_drops_invisible_ones() -> None:
    assert tidy_text(ETH_TITLE) == ETH_TITLE
    assert tidy_text(NBSP_TEXT) == NBSP_TEXT
    assert tidy_text("  Chính\u200bphủ \t số\n\n ") == "Chínhphủ số"
    assert tidy_text("a \u00a0 b\u00a0\u00a0c") == "a b c"  # runs are layout, a lone no-break space is text
    assert tidy_text("\u00a0M.M") == "M.M"
    assert tidy_text("Hoa\u0300") == "Hoà"  # NFC


def test_comparison_form_maps_lookalikes_and_spaces() -> None:
    assert normalize_text(ETH_TITLE) == "Sở Thông tin TP Đà Nẵng nhận giải thưởng"
    assert normalize_text("nỗ lực\u00a0trong\u202fviệc\u200d") == "nỗ lực trong việc"
    assert fold("\u00d0à\u00a0Nẵng") == fold("Đà Nẵng") == "da nang"
    assert words("TP \u00d0à\u00a0Nẵng") == ["tp", "đà", "nẵng"]
    assert same_text(ETH_TITLE, ETH_TITLE.replace("\u00d0", "\u0110"))
    assert unique_texts(["Hà Nội", "Hà\u00a0Nội", "TPHCM"]) == ["Hà Nội", "TPHCM"]
