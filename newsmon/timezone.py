"""The outlets' time zone: every local date on a Vietnamese page is Asia/Ho_Chi_Minh."""

from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
