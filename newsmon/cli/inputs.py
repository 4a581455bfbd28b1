"""Command-line values turned into what the work needs; bad input is a UserError."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from newsmon.cli.common import UserError
from newsmon.core.time import LOCAL_TZ


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
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
