"""Date parsing: every form the outlets print, local time, and refusal of implausible values."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from newsmon.core.dates import (
    LOCAL_TZ,
    DateOnly,
    find_page_date,
    is_date_only,
    local_date,
    parse_date,
    parse_feed_date,
)

FETCHED = datetime(2026, 11, 23, 9, 0, tzinfo=LOCAL_TZ)


def local(*args: int) -> datetime:
    return datetime(*args, tzinfo=LOCAL_TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/08/2022, 13:25", local(2022, 8, 12, 13, 25)),
        ("Thứ tư, 22/10/2025, 19:25 (GMT+7)", local(2025, 10, 22, 19, 25)),
        ("05/10/2026 15:42 GMT+7", local(2026, 10, 5, 15, 42)),
        ("Thứ Sáu, 26/12/2025 - 22:10", local(2025, 12, 26, 22, 10)),
        ("09/05/2025 - 11:02", local(2025, 5, 9, 11, 2)),
        ("2025-05-09T11:02:00+07:00", local(2025, 5, 9, 11, 2)),
        ("2025-05-09T04:02:00Z", local(2025, 5, 9, 11, 2)),
        ("2025-05-09T11:02:00", local(2025, 5, 9, 11, 2)),
        ("2025-05-09 11:02", local(2025, 5, 9, 11, 2)),
        ("Thu, 17 Sep 2026 15:00:00 +0700", local(2026, 9, 17, 15, 0)),
        ("Thu, 17 Sep 2026 08:00:00 GMT", local(2026, 9, 17, 15, 0)),
        ("13:25 12/08/2022", local(2022, 8, 12, 13, 25)),
        ("Cập nhật: 24.6.2022 08:15", local(2022, 6, 24, 8, 15)),
        ("12/08/2022 10:00 GMT+0", local(2022, 8, 12, 17, 0)),
        ("Nov 20, 2023 10:30 PM", local(2023, 11, 20, 22, 30)),
    ],
)
def test_absolute_forms(text: str, expected: datetime) -> None:
    value = parse_date(text, fetched_at=FETCHED)
    assert value == expected
    assert value is not None and value.utcoffset() == expected.utcoffset()
    assert not is_date_only(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ hai,\u00a0 24/01/2022", "2022-01-24"),
        ("2025-05-09", "2025-05-09"),
        ("November 20, 2023", "2023-11-20"),
        ("20 November 2023", "2023-11-20"),
        ("ngày 20 tháng 11 năm 2023", "2023-11-20"),
        ("Báo Sài Gòn Giải phóngBáo Sài Gòn Giải phóng20/11/2023", "2023-11-20"),
    ],
)
def test_date_only_forms_print_as_dates(text: str, expected: str) -> None:
    value = parse_date(text)
    assert is_date_only(value)
    assert value is not None and value.isoformat() == expected
    assert value == local(*map(int, expected.split("-")))  # it is local midnight underneath


def test_date_only_survives_copy_and_turns_plain_when_changed() -> None:
    value = local_date(2023, 11, 20)
    assert isinstance(copy.deepcopy(value), DateOnly)
    shifted = value.astimezone(UTC)
    assert not is_date_only(shifted)
    assert shifted.isoformat() == "2023-11-19T17:00:00+00:00"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 giờ trước", local(2026, 11, 23, 6, 0)),
        ("8 phút trước", local(2026, 11, 23, 8, 52)),
        ("2 ngày trước", local(2026, 11, 21, 9, 0)),
        ("5 hours ago", local(2026, 11, 23, 4, 0)),
        ("hôm qua 13:25", local(2026, 11, 22, 13, 25)),
    ],
)
def test_relative_forms_count_back_from_fetch(text: str, expected: datetime) -> None:
    assert parse_date(text, fetched_at=FETCHED) == expected


def test_yesterday_is_a_date() -> None:
    value = parse_date("hôm qua", fetched_at=FETCHED)
    assert is_date_only(value) and value is not None and value.isoformat() == "2026-11-22"


@pytest.mark.parametrize("text", ["3 giờ trước", "hôm qua", "8 phút trước"])
def test_relative_forms_need_fetch_time(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    "text",
    ["", "   ", "không phải ngày", "Bình luận (3)", "31/02/2020", "45/13/2021", "12/08/1990", "99/99/2020", "2020-13-45"],
)
def test_garbage_gives_none(text: str) -> None:
    assert parse_date(text, fetched_at=FETCHED) is None


def test_future_beyond_a_day_after_fetch_is_refused() -> None:
    assert parse_date("25/11/2026 10:00", fetched_at=FETCHED) is None
    assert parse_date("24/11/2026 08:00", fetched_at=FETCHED) == local(2026, 11, 24, 8, 0)


def test_before_1995_is_refused() -> None:
    assert parse_date("1994-12-31") is None
    assert parse_date("01/01/1995") is not None


def test_feed_dates_are_month_first() -> None:
    assert parse_feed_date("10/5/2026 3:42:00 PM") == local(2026, 10, 5, 15, 42)
    assert parse_feed_date("1/12/2026 12:05:00 AM") == local(2026, 1, 12, 0, 5)
    assert parse_feed_date("Thu, 17 Sep 2026 15:00:00 +0700") == local(2026, 9, 17, 15, 0)
    assert parse_date("10/5/2026 3:42:00 PM") == local(2026, 5, 10, 15, 42)  # page text: day first


def test_page_date_below_title_is_taken() -> None:
    lines = ["Thứ hai, 24/01/2022", "Tiêu đề bài viết rất rõ ràng", "Hải Yến | 12/08/2021, 13:25", "Đoạn đầu."]
    found = find_page_date(lines, title_index=1)
    assert found is not None and found.line == 2
    assert found.value == local(2021, 8, 12, 13, 25)


def test_header_date_above_title_is_not_publication_date() -> None:
    lines = ["Thứ hai, 24/01/2022", "Tiêu đề bài viết rất rõ ràng", "Đoạn đầu của bài báo."]
    assert find_page_date(lines, title_index=1) is None


def test_timed_date_right_above_title_is_publication_date() -> None:
    lines = ["Thời sự", "Thứ tư, 22/10/2025, 19:25 (GMT+7)", "Tiêu đề bài viết rất rõ ràng", "Đoạn đầu."]
    found = find_page_date(lines, title_index=2)
    assert found is not None and found.value == local(2025, 10, 22, 19, 25)


def test_sentence_mentioning_a_date_is_not_a_date_line() -> None:
    lines = [
        "Tiêu đề",
        "Ngày 12/08/2022, hội nghị thường niên về chuyển đổi số của các tỉnh phía Nam đã diễn ra tại thành phố.",
    ]
    assert find_page_date(lines, title_index=0) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thu, 17 Sep 2026 15:00:00", local(2026, 9, 17, 15, 0)),  # RFC 822 without a zone: local
        ("2026-09-17T15:00:00", local(2026, 9, 17, 15, 0)),
        ("2026-09-17 15:00", local(2026, 9, 17, 15, 0)),
        ("9/17/2026 3:00:00 PM", local(2026, 9, 17, 15, 0)),
    ],
)
def test_feed_dates_without_zone_are_local_time(text: str, expected: datetime) -> None:
    value = parse_feed_date(text, fetched_at=FETCHED)
    assert value == expected
    assert value is not None and value.utcoffset() == expected.utcoffset()
