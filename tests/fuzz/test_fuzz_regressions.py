"""Bugs the fuzz suite found, each pinned by a plain example test (they run fast and read clearly)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from newsmon.core.dates import find_page_date, parse_date, search_date
from newsmon.core.time import LOCAL_TZ

FETCHED = datetime(2026, 5, 10, 12, 0, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    "text",
    [
        "12/08/2022 13:25 GMT+99",
        "12/08/2022, 13:25 (GMT+24)",
        "13:25 12/08/2022 UTC-30",
        "2022-08-12T13:25:00+99:99",
        "2022-08-12T13:25+2400",
    ],
)
def test_impossible_utc_offset_is_ignored_not_a_crash(text: str) -> None:
    """An offset no zone has (beyond -12..+14 h) raised ValueError from `timezone()`; the date and
    time are still the page's, read as local time like a date line without an offset."""
    value = parse_date(text, fetched_at=FETCHED)
    assert value == datetime(2022, 8, 12, 13, 25, tzinfo=LOCAL_TZ)
    assert search_date(text, fetched_at=FETCHED) is not None
    assert find_page_date([text], fetched_at=FETCHED) is not None


def test_real_offsets_still_apply() -> None:
    assert parse_date("2022-08-12T13:25:00+14:00") == datetime(2022, 8, 12, 13, 25, tzinfo=LOCAL_TZ) - timedelta(
        hours=7
    )
    assert parse_date("12/08/2022 13:25 GMT-12") == datetime(2022, 8, 13, 8, 25, tzinfo=LOCAL_TZ)


def test_caption_under_an_image_above_the_first_paragraph_is_not_the_title() -> None:
    """A hero image between headline and text: its short caption was taken as the title (the last
    title-like line above the first paragraph), and the real headline was lost."""
    from crawler.clean import clean_text

    paragraph = (
        "Ngày 14/11, trong khuôn khổ hội nghị tại Seoul, thành phố đã được trao giải thưởng cho hạng mục "
        "chính phủ số xuất sắc nhờ những kết quả nổi bật trong chuyển đổi số."
    )
    for marker in ("Ảnh 1", "anh-minh-hoa.jpg"):
        text = f"TPHCM đạt giải quốc tế về chính quyền số xuất sắc\n\n{marker}\n\nLễ trao giải tại Seoul\n\n{paragraph}"
        article = clean_text(text)
        assert article.title == "TPHCM đạt giải quốc tế về chính quyền số xuất sắc"
        assert paragraph in [article.lead, *article.body]


def test_paragraph_after_a_repeated_caption_stays_in_the_body() -> None:
    """Two images with the same caption: the second copy was skipped as a repeat but the image was
    still 'open', so the next short paragraph was taken as its caption and left the body."""
    from crawler.clean import finalize
    from newsmon.core.records import ExtractedPage

    first = "Hoạt động chuyển đổi số của thành phố được đánh giá cao trong năm nay. Người dân hài lòng hơn."
    short = "Thành phố sẽ tiếp tục đẩy mạnh chính quyền số trong thời gian tới. Kết quả được công bố."
    body = ["Ảnh 1", "Toàn cảnh hội nghị. Ảnh: Minh Anh", first, "Ảnh 2", "Toàn cảnh hội nghị. Ảnh: Minh Anh", short]
    article = finalize(ExtractedPage(url="https://baomau.vn/a.html", title="TPHCM đạt giải chính quyền số", body=body))
    assert short in [article.lead, *article.body]
    assert article.captions == ["Toàn cảnh hội nghị. Ảnh: Minh Anh"]


def test_photo_credit_line_above_the_first_paragraph_is_not_the_title() -> None:
    """'Ảnh: Minh Anh' (a credit line of the hero image) right above the text was taken as the title."""
    from crawler.clean import clean_text

    paragraph = (
        "Ngày 14/11, trong khuôn khổ hội nghị tại Seoul, thành phố đã được trao giải thưởng cho hạng mục "
        "chính phủ số xuất sắc nhờ những kết quả nổi bật trong chuyển đổi số."
    )
    article = clean_text(f"TPHCM đạt giải quốc tế về chính quyền số xuất sắc\n\nẢnh: Minh Anh\n\n{paragraph}")
    assert article.title == "TPHCM đạt giải quốc tế về chính quyền số xuất sắc"
