"""Publication dates as Vietnamese outlets print them, turned into aware Asia/Ho_Chi_Minh datetimes.

Known forms are matched by compiled regexes first (fast and exact about day/month order);
dateparser is only the last resort for short text that looks like a date. A value that is
before 1995 or more than a day after the fetch is refused: it is a misread, not a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from newsmon.core.text import collapse_doubled
from newsmon.core.time import LOCAL_TZ, plausible
from newsmon.core.time import as_aware as _aware

if TYPE_CHECKING:
    from dateparser.date import DateDataParser


class DateOnly(datetime):
    """A calendar date with no time of day, held as local midnight.

    `Article.published` is a datetime; this subclass lets a date-only value travel through it
    unchanged and still print as ``YYYY-MM-DD`` from ``isoformat()`` (so ``to_json`` gives the
    date the page showed, not an invented midnight). Any derived value is a plain datetime.
    """

    def isoformat(self, sep: str = "T", timespec: str = "auto") -> str:
        return self.date().isoformat()

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"DateOnly({self.date().isoformat()})"

    def as_datetime(self) -> datetime:
        """The same instant as a plain datetime (local midnight)."""
        return datetime(self.year, self.month, self.day, tzinfo=self.tzinfo)

    def replace(self, *args: Any, **kwargs: Any) -> datetime:  # type: ignore[override]
        return self.as_datetime().replace(*args, **kwargs)

    def astimezone(self, tz: Any = None) -> datetime:  # type: ignore[override]
        return self.as_datetime().astimezone(tz)


def local_date(year: int, month: int, day: int) -> DateOnly:
    """A date-only value in Asia/Ho_Chi_Minh."""
    return DateOnly(year, month, day, tzinfo=LOCAL_TZ)


def is_date_only(value: datetime | None) -> bool:
    """True when the value carries a date but no time of day."""
    return isinstance(value, DateOnly)


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found inside a longer text, with where it sits (to tell what else the line holds)."""

    value: datetime
    start: int
    end: int


# --- regexes for the known forms ------------------------------------------------------------

_TIME = r"(?P<H>\d{1,2})\s*[:hg]\s*(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<ampm>AM|PM|SA|CH|am|pm)\b)?"
_TZ = r"(?:\s*\(?\s*(?:GMT|UTC)\s*(?P<tz>[+-]\s*\d{1,2})(?::?(?P<tzm>\d{2}))?\s*\)?)?"
_SEP = r"\s*(?:,|-|–|\||lúc|luc)?\s*"
_DMY = r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})(?![\d/])"
# "12/08/2022, 13:25", "Thứ tư, 22/10/2025, 19:25 (GMT+7)", "09/05/2025 - 11:02", "24/01/2022"
_DMY_TIME = re.compile(_DMY + rf"(?:{_SEP}{_TIME})?{_TZ}", re.IGNORECASE)
# "13:25 12/08/2022", "08:00 | 12/08/2022"
_TIME_DMY = re.compile(rf"(?<!\d){_TIME}\s*(?:,|-|–|\|)?\s*(?:ngày\s*)?" + _DMY + _TZ, re.IGNORECASE)
# ISO 8601 and "2025-05-09 11:02"
_ISO = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<off>Z|[+-]\d{2}:?\d{2})?)?"
    r"(?![\d])"
)
# "Thu, 17 Sep 2026 15:00:00 +0700"
_RFC822 = re.compile(
    r"(?:[A-Z][a-z]{2},\s*)?\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{1,5})?"
)
_MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAME = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_EN_TIME = r"(?:,?\s*(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>AM|PM|am|pm)?)?"
# "November 20, 2023", "Nov 20, 2023 10:30 AM"
_EN_MDY = re.compile(
    rf"\b{_MONTH_NAME}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b{_EN_TIME}", re.I
)
# "20 November 2023"
_EN_DMY = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAME}\s*,?\s+(?P<y>(?:19|20)\d{{2}})\b{_EN_TIME}", re.I
)
# "ngày 20 tháng 11 năm 2023"
_VI_LONG = re.compile(r"(?:ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm|,)\s*(?P<y>(?:19|20)\d{2})", re.I)
# tuoitre feeds: "10/5/2026 3:42:00 PM" is month/day/year
_US_FEED = re.compile(
    r"^\s*(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})"
    r"(?:\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>AM|PM)?)?\s*$",
    re.I,
)

_RELATIVE_UNITS = {
    "giây": "seconds",
    "phút": "minutes",
    "giờ": "hours",
    "tiếng": "hours",
    "ngày": "days",
    "tuần": "weeks",
    "second": "seconds",
    "seconds": "seconds",
    "sec": "seconds",
    "secs": "seconds",
    "minute": "minutes",
    "minutes": "minutes",
    "min": "minutes",
    "mins": "minutes",
    "hour": "hours",
    "hours": "hours",
    "hr": "hours",
    "hrs": "hours",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
}
_RELATIVE = re.compile(
    r"^\s*(?P<n>\d{1,3})\s*(?P<unit>giây|phút|giờ|tiếng|ngày|tuần|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?)"
    r"\s*(?:trước|ago)\b",
    re.I,
)
_YESTERDAY = re.compile(r"^\s*(?:hôm qua|yesterday)\b(?:\s*(?:,|lúc|at)?\s*(?P<H>\d{1,2}):(?P<M>\d{2}))?", re.I)
_TODAY = re.compile(r"^\s*(?:hôm nay|today)\b(?:\s*(?:,|lúc|at)?\s*(?P<H>\d{1,2}):(?P<M>\d{2}))?", re.I)
_JUST_NOW = re.compile(r"^\s*(?:vừa xong|vừa mới đăng|just now)\b", re.I)

_DATEISH = re.compile(r"\d")
_CLOCK = re.compile(r"\d\s*[:h]\s*\d\d")
_MAX_FALLBACK_LEN = 40

# Words that may sit beside a date on a date line without being anything else.
DATE_WORDS = re.compile(
    r"\b(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s*nhật|cn|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"cập\s*nhật|ngày\s*đăng|đăng\s*(?:lúc|ngày)?|xuất\s*bản|ngày|lúc|giờ|"
    r"published|updated|posted|on|at|gmt\s*[+-]\s*\d{1,2}(?::?\d{2})?|utc\s*[+-]?\s*\d{0,2}|ict)\b",
    re.I,
)


def _int(value: str | None) -> int:
    return int(value) if value else 0


def _hour(hour: str | None, ampm: str | None) -> int:
    """24-hour value from a 12-hour clock when AM/PM (or Vietnamese SA/CH) is given."""
    h = _int(hour)
    if not ampm:
        return h
    pm = ampm.upper() in ("PM", "CH")
    if pm and h < 12:
        return h + 12
    if not pm and h == 12:
        return 0
    return h


# Real zones lie within UTC-12..UTC+14; anything beyond is a misread, not an offset.
_MAX_OFFSET = timedelta(hours=14)


def _offset(tz: str | None, tzm: str | None) -> timezone | None:
    """The written UTC offset; None (local time) when absent or impossible ("GMT+99")."""
    if not tz:
        return None
    sign = -1 if tz.strip().startswith("-") else 1
    delta = timedelta(hours=int(tz.replace(" ", "").lstrip("+-")), minutes=_int(tzm))
    if delta > _MAX_OFFSET:
        return None
    return timezone(sign * delta)


def _build(
    y: int,
    m: int,
    d: int,
    hour: int | None = None,
    minute: int = 0,
    second: int = 0,
    tz: timezone | None = None,
) -> datetime | None:
    """An aware local datetime (DateOnly when no time was given), or None for an impossible date."""
    try:
        if hour is None:
            return local_date(y, m, d)
        value = datetime(y, m, d, hour, minute, second, tzinfo=tz or LOCAL_TZ)
    except ValueError:
        return None
    return value.astimezone(LOCAL_TZ)


def _from_groups(g: dict[str, str | None]) -> datetime | None:
    hour = _hour(g.get("H"), g.get("ampm")) if g.get("H") else None
    if hour is not None and (hour > 23 or _int(g.get("M")) > 59):
        hour = None
    mon = g.get("mon")
    month = _MONTHS[mon.lower()] if mon else _int(g.get("m"))
    return _build(
        _int(g.get("y")),
        month,
        _int(g.get("d")),
        hour,
        _int(g.get("M")),
        _int(g.get("S")),
        _offset(g.get("tz"), g.get("tzm")),
    )


def _iso(match: re.Match[str]) -> datetime | None:
    g = match.groupdict()
    if not g["H"]:
        return _build(int(g["y"]), int(g["m"]), int(g["d"]))
    tz = None
    off = g["off"]
    if off:
        tz = UTC if off == "Z" else _offset(off[:3], off[-2:])
    return _build(int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"]), int(g["M"]), _int(g["S"]), tz)


def _rfc822(match: re.Match[str]) -> datetime | None:
    try:
        value = parsedate_to_datetime(match.group(0))
    except (TypeError, ValueError, IndexError):
        return None
    return _aware(value).astimezone(LOCAL_TZ)


_SEARCHERS = (
    (_ISO, _iso),
    (_RFC822, _rfc822),
    (_TIME_DMY, lambda m: _from_groups(m.groupdict())),
    (_DMY_TIME, lambda m: _from_groups(m.groupdict())),
    (_EN_MDY, lambda m: _from_groups(m.groupdict())),
    (_EN_DMY, lambda m: _from_groups(m.groupdict())),
    (_VI_LONG, lambda m: _from_groups(m.groupdict())),
)


def search_date(text: str, *, fetched_at: datetime | None = None) -> DateMatch | None:
    """The earliest absolute date of a known form inside `text`, with its span."""
    best: DateMatch | None = None
    for pattern, convert in _SEARCHERS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best.start:
                break
            value = plausible(convert(match), fetched_at)
            if value is not None:
                best = DateMatch(value, match.start(), match.end())
                break
    return best


def parse_relative(text: str, fetched_at: datetime | None) -> datetime | None:
    """ "3 giờ trước", "hôm qua", "2 days ago" against the fetch time; None without one."""
    if fetched_at is None:
        return None
    base = _aware(fetched_at).astimezone(LOCAL_TZ)
    match = _RELATIVE.match(text)
    if match:
        unit = _RELATIVE_UNITS[match.group("unit").lower()]
        return base - timedelta(**{unit: int(match.group("n"))})
    if _JUST_NOW.match(text):
        return base
    for pattern, days in ((_YESTERDAY, 1), (_TODAY, 0)):
        match = pattern.match(text)
        if match:
            day = (base - timedelta(days=days)).date()
            if match.group("H"):
                return _build(day.year, day.month, day.day, int(match.group("H")), int(match.group("M")))
            return local_date(day.year, day.month, day.day)
    return None


# dateparser reads only these languages and the page's own: given no list, it tries each of its ~200
# locales on a text none of them can read, which costs 2.5 s and 35 MB on the first such call.
FALLBACK_LANGUAGES = ("vi", "en")
_FALLBACK_SETTINGS = {
    "TIMEZONE": "Asia/Ho_Chi_Minh",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "DATE_ORDER": "DMY",
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def fallback_languages(language: str | None) -> tuple[str, ...]:
    """The languages the fallback reads: Vietnamese, English and the page's (its primary subtag,
    "fr" of "fr-FR") when dateparser knows it; an unknown code is left out rather than failing."""
    code = (language or "").replace("_", "-").split("-")[0].lower()
    if not code or code in FALLBACK_LANGUAGES:
        return FALLBACK_LANGUAGES
    from dateparser.data.languages_info import language_order  # lazily, like dateparser itself

    return (*FALLBACK_LANGUAGES, code) if code in language_order else FALLBACK_LANGUAGES


@cache
def _date_parser(languages: tuple[str, ...]) -> DateDataParser:
    """One parser per language set, built once: `dateparser.parse` builds a new one on every call."""
    from dateparser.date import DateDataParser  # lazily: slow to import and rarely needed

    return DateDataParser(languages=list(languages), settings=_FALLBACK_SETTINGS)


def _dateparser_fallback(text: str, language: str | None) -> datetime | None:
    """Last resort for short text with a digit: absolute dates only, with day, month and year."""
    if len(text) > _MAX_FALLBACK_LEN or not _DATEISH.search(text):
        return None
    try:
        value = _date_parser(fallback_languages(language)).get_date_data(text).date_obj
    except Exception:  # dateparser raises a zoo of errors on odd input
        return None
    if value is None:
        return None
    if not _CLOCK.search(text) and (value.hour, value.minute, value.second) == (0, 0, 0):
        return local_date(value.year, value.month, value.day)
    return _aware(value).astimezone(LOCAL_TZ)


def parse_date(
    text: str, *, fetched_at: datetime | None = None, language: str | None = None
) -> datetime | None:
    """A publication date from page text, aware in Asia/Ho_Chi_Minh, or None.

    Day comes before month in slashed dates (Vietnamese usage). Relative forms need
    `fetched_at`. A date-only text gives a `DateOnly` (local midnight, prints as the date).
    `language` is the page's (its `lang` or the outlet's), read by the fallback besides vi and en.
    """
    if not text or not text.strip():
        return None
    text = " ".join(text.split())
    found = search_date(text, fetched_at=fetched_at)
    if found is not None:
        return found.value
    relative = parse_relative(text, fetched_at)
    if relative is not None:
        return plausible(relative, fetched_at)
    return plausible(_dateparser_fallback(text, language), fetched_at)


def parse_feed_date(
    text: str, *, fetched_at: datetime | None = None, language: str | None = None
) -> datetime | None:
    """A date from a feed: slashed dates are US month/day/year ("10/5/2026 3:42:00 PM", local time)."""
    if not text:
        return None
    match = _US_FEED.match(text)
    if match:
        return plausible(_from_groups(match.groupdict()), fetched_at)
    return parse_date(text, fetched_at=fetched_at, language=language)


@dataclass(frozen=True, slots=True)
class PageDate:
    """The publication date found in a text rendering and the line it came from."""

    value: datetime
    line: int


def date_line_rest(line: str, match: DateMatch) -> str:
    """What a line holds besides its date and the words that usually sit beside one."""
    rest = line[: match.start] + " " + line[match.end :]
    rest = DATE_WORDS.sub(" ", rest)
    return collapse_doubled(" ".join(rest.split()).strip(" ,|-–—:()[]·•/"))


def find_page_date(
    lines: list[str],
    *,
    title_index: int | None = None,
    fetched_at: datetime | None = None,
    max_gap: int = 4,
) -> PageDate | None:
    """The publication date among the lines around a title, or None.

    A date below the title (bylines, date lines) is the publication date. A date above the
    title is usually the site header showing today's date, so it counts only when it sits right
    above the title and carries a time of day (VnExpress-style "Thứ tư, 22/10/2025, 19:25").
    Without a title index, the first short date line is taken.
    """
    start = 0 if title_index is None else title_index + 1
    for index in range(start, min(len(lines), start + max_gap)):
        found = _short_line_date(lines[index], fetched_at)
        if found is not None:
            return PageDate(found, index)
    if title_index is None:
        return None
    for index in range(title_index - 1, max(-1, title_index - 3), -1):
        found = _short_line_date(lines[index], fetched_at)
        if found is not None and not is_date_only(found):
            return PageDate(found, index)
    return None


def _short_line_date(line: str, fetched_at: datetime | None) -> datetime | None:
    """A date from a line that is a date line or a byline, not a sentence mentioning a date."""
    if len(line) > 120:
        return None
    found = search_date(line, fetched_at=fetched_at)
    if found is not None:
        return found.value if len(date_line_rest(line, found).split()) <= 8 else None
    return plausible(parse_relative(line, fetched_at), fetched_at)
