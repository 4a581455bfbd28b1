"""Language identification on the languages of the corpus."""

from __future__ import annotations

import pytest

from crawler.clean.language import detect_language, looks_vietnamese

SAMPLES = {
    "vi": "Thành phố vừa nhận giải thưởng về chính quyền số nhờ đưa phần lớn thủ tục hành chính lên mạng.",
    "en": "The city has received an award for putting most of its administrative procedures online this year.",
    "fr": "La ville a reçu un prix pour avoir mis en ligne la plupart de ses démarches administratives.",
    "nl": "De stad heeft een prijs gekregen omdat ze de meeste administratieve procedures online heeft gezet.",
    "cs": "Město získalo cenu za to, že většinu svých úředních postupů převedlo do online prostředí.",
    "th": "เมืองได้รับรางวัลจากการนำขั้นตอนทางราชการส่วนใหญ่ขึ้นสู่ระบบออนไลน์ในปีนี้",
    "hi": "शहर को इस वर्ष अपनी अधिकांश प्रशासनिक प्रक्रियाओं को ऑनलाइन करने के लिए पुरस्कार मिला है।",
}


@pytest.mark.parametrize(("lang", "text"), SAMPLES.items())
def test_languages_of_the_corpus(lang: str, text: str) -> None:
    assert detect_language(text) == lang


def test_vietnamese_with_foreign_names_and_acronyms() -> None:
    text = "TPHCM đạt giải ASOCIO Digital Government Award 2023 tại hội nghị ASOCIO Digital Summit ở Seoul."
    assert detect_language(text) == "vi"


def test_czech_with_vietnamese_names_is_czech() -> None:
    text = "Ředitel odboru Lâm Đình Thắng uvedl, že město chce lépe porozumět lidem a poskytovat jim lepší služby."
    assert detect_language(text) == "cs"


@pytest.mark.parametrize("text", ["", "   ", "OK", "12/08/2022 13:25", "https://example.vn/a-b-c.html", "(0)"])
def test_too_little_text_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_looks_vietnamese_on_short_lines() -> None:
    assert looks_vietnamese("Giám đốc Sở TT-TT TPHCM Lâm Đình Thắng")
    assert not looks_vietnamese("Ředitel odboru informací a komunikace Ho Či Minova Města")
    assert not looks_vietnamese("Hội")  # one marked word is not enough
