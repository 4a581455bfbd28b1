"""A small sequential HTTP client with the crawl's politeness, for `newsmon sources --check`.

Not the Scrapy engine: a check is a dozen requests a person waits for, it needs no concurrency or
throttling machinery, and Scrapy's reactor can run only once per process (so the CLI would
otherwise need a child process and a way to get results back). What a crawl promises an outlet
holds here too: robots.txt obeyed (Protego, Scrapy's own parser, matched with our User-Agent), the
crawl's User-Agent, timeout, size cap and per-host delay (crawler/fetch/settings.py), the mirror
routing, the cookie-challenge answer, and redirects followed on real URLs.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from protego import Protego

from crawler.fetch.middlewares import mirror_url, parse_challenge, real_url
from crawler.fetch.settings import (
    CHALLENGE_RETRIES,
    DOWNLOAD_MAXSIZE,
    DOWNLOAD_TIMEOUT,
    REDIRECT_MAX_TIMES,
    USER_AGENT,
    download_delay,
)

ACCEPT_LANGUAGE = "vi,en;q=0.5"
_REDIRECTS = frozenset((301, 302, 303, 307, 308))


class RobotsDisallowed(Exception):
    """robots.txt of the URL's host forbids our User-Agent to fetch it; nothing was requested."""

    def __init__(self, url: str) -> None:
        super().__init__(f"disallowed by robots.txt: {url}")
        self.url = url


@dataclass(slots=True)
class Fetched:
    """One answer: status, the final real URL (after redirects), body and lower-cased headers."""

    status: int
    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # redirects are followed by SequentialFetcher.get, on real URLs, through the mirror


class SequentialFetcher:
    """GET one URL at a time, as politely as a crawl does."""

    def __init__(self, mirror: str | None = None, *, delay: float | None = None) -> None:
        self.mirror = mirror.rstrip("/") if mirror else None
        self.delay = download_delay(mirror) if delay is None else delay
        self.cookies: dict[str, dict[str, str]] = {}  # real host -> cookies set by challenges
        self.robots: dict[str, Protego] = {}  # scheme://host -> parsed robots.txt
        self._last: dict[str, float] = {}  # real host -> monotonic time of its last request
        self._opener = urllib.request.build_opener(_NoRedirect)

    def get(self, url: str) -> Fetched:
        """Follow redirects and answer cookie challenges; every hop is checked against robots.txt.

        Raises RobotsDisallowed before requesting a forbidden URL, OSError on network failure.
        """
        return self._follow(url, obey_robots=True)

    def allowed(self, url: str) -> bool:
        """Does the host's robots.txt let our User-Agent fetch `url`? (No robots.txt allows all.)"""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        rules = self.robots.get(site)
        if rules is None:
            rules = self.robots[site] = Protego.parse(self._robots_txt(site + "/robots.txt"))
        return bool(rules.can_fetch(url, USER_AGENT))

    def _robots_txt(self, url: str) -> str:
        """The robots.txt text; unreachable or not 200 means no rules, as in a crawl."""
        try:
            answer = self._follow(url, obey_robots=False)
        except OSError:
            return ""
        return answer.body.decode("utf-8", "replace") if answer.status == 200 else ""

    def _follow(self, url: str, *, obey_robots: bool) -> Fetched:
        challenges = redirects = 0
        while True:
            if obey_robots and not self.allowed(url):
                raise RobotsDisallowed(url)
            answer = self._request(url)
            location = answer.headers.get("location") if answer.status in _REDIRECTS else None
            if location and redirects < REDIRECT_MAX_TIMES:
                redirects += 1
                url = urljoin(url, real_url(self.mirror, location) if self.mirror else location)
                continue
            challenge = parse_challenge(answer.body) if answer.status == 200 else None
            if challenge is None or challenges >= CHALLENGE_RETRIES:
                return answer
            challenges += 1
            name, value = challenge
            self.cookies.setdefault(_host(url), {})[name] = value

    def _request(self, url: str) -> Fetched:
        """One GET of a real URL (through the mirror if any), after the host's politeness delay."""
        host = _host(url)
        self._wait(host)
        headers = {"User-Agent": USER_AGENT, "Accept-Language": ACCEPT_LANGUAGE}
        jar = self.cookies.get(host)
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        target = mirror_url(self.mirror, url) if self.mirror else url
        try:
            with self._opener.open(urllib.request.Request(target, headers=headers), timeout=DOWNLOAD_TIMEOUT) as resp:
                # One byte over the limit: the extractor then notes the cut instead of it being silent.
                return Fetched(resp.status, url, resp.read(DOWNLOAD_MAXSIZE + 1), _lower(resp.headers))
        except urllib.error.HTTPError as exc:
            return Fetched(exc.code, url, b"", _lower(exc.headers))
        finally:
            self._last[host] = time.monotonic()

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None and self.delay > 0:
            pause = last + self.delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


def _lower(headers: Message) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}
