"""Downloader middlewares: mirror routing (a transport detail, invisible to extraction and storage)."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

REAL_URL = "newsmon_real_url"


def mirror_url(mirror: str, real_url: str) -> str:
    """https://host/path?q -> {mirror}/host/path?q (the mock server's routing contract)."""
    parts = urlsplit(real_url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{parts.netloc.lower()}{path}{query}"


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
        return request.replace(url=mirror_url(self.mirror, real), meta=meta, dont_filter=True)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None) -> Response:
        real = request.meta.get(REAL_URL)
        if not real or not response.url.startswith(self.mirror + "/"):
            return response
        location = response.headers.get("Location")
        if location is not None:
            target = location.decode("latin-1")
            if target.startswith(self.mirror + "/"):  # a mirror path: turn it back into the real URL
                target = "https://" + target[len(self.mirror) + 1 :]
            response.headers["Location"] = urljoin(real, target)
        return response.replace(url=real)
