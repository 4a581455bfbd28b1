"""How a crawl logs: Scrapy's records without page bodies, and without tracebacks for hosts that do not answer."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from twisted.python.failure import Failure

from crawler.discover.failures import is_network_failure


class QuietLogFormatter(LogFormatter):
    """Dropped pages are already on the run row: log the reason, never the page body (binary, megabytes)."""

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider | None = None
    ) -> LogFormatterResult:
        url = getattr(item, "url", None) or getattr(getattr(item, "page", None), "url", None)
        args = {"url": url, "exception": exception}
        return {"level": logging.INFO, "msg": "Dropped %(url)s: %(exception)s", "args": args}


class _NoNetworkTraceback(logging.Filter):
    """Scrapy's robots.txt middleware logs an unreachable host with a full traceback; the error line
    says it all (the request's own failure is on the run row), so keep the line, drop the traceback,
    unless --debug asked for everything."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        debug = logging.getLogger().isEnabledFor(logging.DEBUG)
        if exc is not None and not debug and is_network_failure(Failure(exc)):
            record.exc_info = None
            record.exc_text = None
        return True


def quiet_network_tracebacks() -> None:
    robots = logging.getLogger("scrapy.downloadermiddlewares.robotstxt")
    if not any(isinstance(f, _NoNetworkTraceback) for f in robots.filters):
        robots.addFilter(_NoNetworkTraceback())
