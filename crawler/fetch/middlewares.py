"""Downloader middlewares: mirror routing (a transport detail, invisible to extraction and storage),
the JavaScript cookie challenge some outlets put before their pages, and retries with back-off."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet.task import deferLater

from newsmon.core.time import utcnow

logger = logging.getLogger(__name__)

REAL_URL = "newsmon_real_url"


def mirror_url(mirror: str, url: str) -> str:
    """https://host/path?q -> {mirror}/host/path?q (the mock server's routing contract)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{parts.netloc.lower()}{path}{query}"


def real_url(mirror: str, url: str) -> str:
    """The inverse of `mirror_url`: {mirror}/host/path -> https://host/path; other URLs unchanged."""
    mirror = mirror.rstrip("/")
    return "https://" + url[len(mirror) + 1 :] if url.startswith(mirror + "/") else url


class MirrorMiddleware:
    """Sends every outlet request to a mirror (the mock outlets) and gives responses back their real URL.

    It runs after robots.txt, cookies and retries (high order number), so those see real URLs and hosts;
    the download slot stays the real host, so per-outlet politeness still applies.
    """

    def __init__(self, mirror: str) -> None:
        self.mirror = mirror.rstrip("/")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MirrorMiddleware:
        mirror = crawler.settings.get("NEWSMON_MIRROR")
        if not mirror:
            raise NotConfigured("no mirror")
        return cls(mirror)

    def process_request(self, request: Request, spider: Spider | None = None) -> Request | None:
        if request.url.startswith(self.mirror + "/"):
            return None
        real = request.url
        meta = {**request.meta, REAL_URL: real, "dont_obey_robotstxt": True}
        meta.setdefault("download_slot", urlsplit(real).hostname or "mirror")
        if "redirect_urls" in meta:  # Scrapy recorded the hops as mirror URLs: keep them real
            meta["redirect_urls"] = [real_url(self.mirror, u) for u in meta["redirect_urls"]]
        return request.replace(url=mirror_url(self.mirror, real), meta=meta, dont_filter=True)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        real = request.meta.get(REAL_URL)
        if not real or not response.url.startswith(self.mirror + "/"):
            return response
        location = response.headers.get("Location")
        if location is not None:
            target = location.decode("latin-1")
            response.headers["Location"] = urljoin(real, real_url(self.mirror, target))
        return response.replace(url=real)


# ---- JavaScript cookie challenge (laodong.vn) ---------------------------------------------------
CHALLENGE_MAX_BYTES = 4096
_CHALLENGE_COOKIE = re.compile(rb"""document\.cookie\s*=\s*["']\s*([A-Za-z0-9_.-]+)=([^;"'\s]*)""")
_CHALLENGE_RELOAD = re.compile(rb"location\.(reload|replace|href)")


def parse_challenge(body: bytes) -> tuple[str, str] | None:
    """(cookie name, value) when `body` is a small page that sets a cookie by script and reloads."""
    if len(body) > CHALLENGE_MAX_BYTES or not _CHALLENGE_RELOAD.search(body):
        return None
    match = _CHALLENGE_COOKIE.search(body)
    return (match.group(1).decode("ascii"), match.group(2).decode("latin-1")) if match else None


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


class JsCookieChallengeMiddleware:
    """Answers anti-bot pages that set a cookie with JavaScript and reload (laodong.vn's `D1N`).

    A browser runs the script; we read the cookie from it, keep it per host for every later request,
    and retry the request, at most `NEWSMON_CHALLENGE_RETRIES` times (a server that keeps
    challenging gets its page passed on, and the spider records the error instead of looping).
    Placed after the mirror middleware, so hosts are the real ones whatever the transport.
    """

    def __init__(self, max_tries: int = 3) -> None:
        self.max_tries = max_tries
        self.cookies: dict[str, dict[str, str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JsCookieChallengeMiddleware:
        return cls(crawler.settings.getint("NEWSMON_CHALLENGE_RETRIES", 3))

    def _real_host(self, request: Request) -> str:
        return _host(request.meta.get(REAL_URL, request.url))

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        jar = self.cookies.get(self._real_host(request))
        if not jar:
            return
        current = (request.headers.get("Cookie") or b"").decode("latin-1")
        have = {part.split("=", 1)[0].strip() for part in current.split(";") if "=" in part}
        extra = [f"{k}={v}" for k, v in jar.items() if k not in have]
        if extra:
            request.headers["Cookie"] = "; ".join(p for p in [current.strip(), *extra] if p)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if response.status != 200:
            return response
        found = parse_challenge(response.body)
        if found is None:
            return response
        tries = request.meta.get("newsmon_challenge_tries", 0)
        host = self._real_host(request)
        if tries >= self.max_tries:
            logger.warning("cookie challenge of %s still there after %d tries: %s", host, tries, request.url)
            return response
        name, value = found
        self.cookies.setdefault(host, {})[name] = value
        logger.info("cookie challenge of %s answered (%s)", host, name)
        retry = request.replace(dont_filter=True, meta={**request.meta, "newsmon_challenge_tries": tries + 1})
        retry.headers.pop("Cookie", None)
        return retry


# ---- retries with back-off ----------------------------------------------------------------------
def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds asked for by a Retry-After header (delta-seconds or an HTTP date); None if absent/bad."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or utcnow())).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries (429/5xx, network errors) with a pause before each retry.

    Retry-After wins when the server sends it (capped at `NEWSMON_RETRY_AFTER_MAX`); otherwise the
    pause doubles per attempt from `NEWSMON_BACKOFF_BASE` up to `NEWSMON_BACKOFF_MAX`. The pause
    delays only the retried request: other requests, of other outlets too, go on meanwhile.
    """

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("NEWSMON_BACKOFF_BASE", 2.0)
        self.cap = settings.getfloat("NEWSMON_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("NEWSMON_RETRY_AFTER_MAX", 300.0)

    def delay(self, request: Request, response: Response | None) -> float:
        asked = retry_after_seconds(response.headers.get("Retry-After")) if response is not None else None
        if asked is not None:
            return min(asked, self.retry_after_max)
        attempt = request.meta.get("retry_times", 0)
        return min(self.base * (2**attempt), self.cap)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        await _sleep(self.delay(request, response))
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await _sleep(self.delay(request, None))
        return retry


async def _sleep(seconds: float) -> None:
    """Wait without blocking the reactor (works with any Twisted reactor)."""
    if seconds <= 0:
        return
    # Imported here, not at the top: importing the reactor installs one, and Scrapy must choose it first.
    from twisted.internet import reactor

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
