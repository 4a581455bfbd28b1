"""Fuzzing the date parser: any string gives an aware, plausible datetime or None, never an exception."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmon.core.dates import (
    find_page_date,
    is_date_only,
    parse_date,
    parse_feed_date,
    parse_relative,
    search_date,
)
from newsmon.core.time import EARLIEST, FUTURE_SLACK, LOCAL_TZ
from tests.fuzz.strategies import any_text

# Date-shaped pieces so the regexes' converters (not only the "no match" path) see odd values.
_PIECES = st.one_of(
    st.integers(min_value=0, max_value=99999).map(str),
    st.sampled_from(
        ["/", "-", ".", ":", "h", "g", " ", ",", "T", "Z", "+", "GMT+7", "GMT-99", "UTC+14:99", "(GMT+07:00)",
         "AM", "PM", "SA", "CH", "ngày", "tháng", "năm", "lúc", "Thứ tư", "hôm qua", "hôm nay", "giờ trước",
         "phút trước", "999 ngày trước", "days ago", "vừa xong", "Nov", "September", "Thu,", "+0700", "+9999",
         "2026", "1994", "2099", "00", "31", "29/02/2023", "24:00", "23:60", "\u200b", "\x00", "١٢"]
    ),
    any_text,
)


@st.composite
def date_forms(draw: st.DrawFn) -> str:
    """The known forms with every field drawn from a range wider than valid: day 0-99, hour 0-99,
    offsets of +-99 hours, years 1900-2099, so each converter meets impossible values."""
    n = st.integers(min_value=0, max_value=99)
    d, m, hh, mm, ss, tz, tzm = (draw(n) for _ in range(7))
    y = draw(st.integers(min_value=1900, max_value=2099))
    sign = draw(st.sampled_from("+-"))
    mon = draw(st.sampled_from(["Jan", "May", "Sep", "Sept", "December", "Foo"]))
    ampm = draw(st.sampled_from(["", " AM", " PM", " SA", " CH"]))
    zone = draw(st.sampled_from(["", f" GMT{sign}{tz}", f" (GMT{sign}{tz}:{tzm:02d})", f" UTC{sign}{tz}{tzm:02d}"]))
    forms = [
        f"{d}/{m}/{y}", f"{d}/{m}/{y}, {hh}:{mm:02d}{ampm}{zone}", f"Thứ tư, {d}/{m}/{y}, {hh}:{mm:02d}{zone}",
        f"{hh}:{mm:02d} {d}/{m}/{y}{zone}", f"{hh}h{mm:02d} ngày {d}.{m}.{y}", f"{y}-{m:02d}-{d:02d}",
        f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:{ss:02d}{sign}{tz:02d}:{tzm:02d}", f"{y}-{m}-{d} {hh}:{mm:02d}Z",
        f"Thu, {d} {mon} {y} {hh}:{mm:02d}:{ss:02d} {sign}{tz:02d}{tzm:02d}", f"{mon} {d}, {y} {hh}:{mm:02d}{ampm}",
        f"{d} {mon} {y}", f"ngày {d} tháng {m} năm {y}", f"{m}/{d}/{y} {hh}:{mm:02d}:{ss:02d}{ampm}",
        f"{d} giờ trước", f"{d * 1000} ngày trước", f"hôm qua lúc {hh}:{mm:02d}", f"today at {hh}:{mm:02d}",
    ]
    return draw(st.sampled_from(forms))


date_text = (
    date_forms()
    | st.lists(_PIECES, max_size=14).map("".join)
    | st.lists(_PIECES, max_size=10).map(" ".join)
    | any_text
)
fetch_times = st.none() | st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(LOCAL_TZ)
)


def _check(value: datetime | None, fetched_at: datetime | None) -> None:
    if value is None:
        return
    assert isinstance(value, datetime)
    assert value.tzinfo is not None and value.utcoffset() is not None
    assert value >= EARLIEST
    reference = fetched_at or datetime.now(LOCAL_TZ)
    assert value <= reference + FUTURE_SLACK + timedelta(seconds=5)
    value.isoformat()  # prints (DateOnly as the date, others with the offset)
    if is_date_only(value):
        assert (value.hour, value.minute, value.second) == (0, 0, 0)


@settings(max_examples=60)
@given(date_text, fetch_times)
def test_parse_date_never_raises_and_is_aware_and_plausible(text: str, fetched_at: datetime | None) -> None:
    _check(parse_date(text, fetched_at=fetched_at), fetched_at)
    _check(parse_feed_date(text, fetched_at=fetched_at), fetched_at)
    found = search_date(text, fetched_at=fetched_at)
    if found is not None:
        _check(found.value, fetched_at)
        assert 0 <= found.start <= found.end <= len(text)


@settings(max_examples=200)
@given(date_text, fetch_times)
def test_parse_relative_never_raises(text: str, fetched_at: datetime | None) -> None:
    value = parse_relative(text, fetched_at)
    if value is not None:
        assert value.tzinfo is not None


@settings(max_examples=100)
@given(st.lists(date_text, max_size=8), st.none() | st.integers(min_value=-2, max_value=9), fetch_times)
def test_find_page_date_never_raises(lines: list[str], title_index: int | None, fetched_at: datetime | None) -> None:
    if title_index is not None and lines:
        title_index = min(max(title_index, 0), len(lines) - 1)
    elif not lines:
        title_index = None
    found = find_page_date(lines, title_index=title_index, fetched_at=fetched_at)
    if found is not None:
        _check(found.value, fetched_at)
        assert 0 <= found.line < len(lines)
