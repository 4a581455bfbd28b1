"""Time: the outlets' zone, the clock, and the window in which a publication date can lie.

Every local date on a Vietnamese page is Asia/Ho_Chi_Minh; everything stored is aware (UTC in the
database). One window bounds publication dates everywhere (structured data, visible dates, feeds):
no Vietnamese outlet was online before 1995, and a date more than a day after the fetch is a misread.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
EARLIEST = datetime(1995, 1, 1, tzinfo=LOCAL_TZ)
FUTURE_SLACK = timedelta(days=1)


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def as_aware(value: datetime) -> datetime:
    """Naive datetimes are local time."""
    return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)


def plausible(value: datetime | None, fetched_at: datetime | None = None) -> datetime | None:
    """The value when it can be a publication date: not before 1995, not more than a day after the
    fetch (or now when the fetch time is unknown); None otherwise. Naive values are local time."""
    if value is None:
        return None
    value = as_aware(value)
    reference = as_aware(fetched_at) if fetched_at else utcnow()
    if value < EARLIEST or value > reference + FUTURE_SLACK:
        return None
    return value
