"""Scrapy settings of a newsmon crawl: polite by default, declarative.

Politeness: robots.txt, AutoThrottle, at most 2 requests at once per outlet host (the mirror keeps the
real host as the download slot), a User-Agent that names the tool, timeouts, retries on 429/5xx
with back-off honouring Retry-After (`BackoffRetryMiddleware`).

HTTP caching: Scrapy's HttpCacheMiddleware with the RFC 2616 policy, on disk under the user's cache
dir. It keeps feeds, sitemaps and listings only (article requests carry `dont_cache`: their HTML goes
into the archive, and the archive's seen-check already stops refetching them). Fresh copies are not
asked for again within their max-age, and stale ones are revalidated with If-None-Match /
If-Modified-Since, so an unchanged feed costs a 304 instead of a download. That is the outlets' own
caching headers respected, with no code of ours to get wrong.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from newsmon.core import __version__

USER_AGENT = f"newsmon/{__version__} (news monitor for e-government award news; +https://pypi.org/project/newsmon/)"
# Shared by the crawl's settings and the sequential fetcher of `sources --check`.
DOWNLOAD_TIMEOUT = 30  # seconds
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024  # bytes
REDIRECT_MAX_TIMES = 10
CHALLENGE_RETRIES = 3


def is_local_mirror(mirror: str | None) -> bool:
    """A mirror on this machine (the mock outlets): no politeness delays are needed."""
    return bool(mirror) and ("127.0.0.1" in mirror or "localhost" in mirror)  # type: ignore[operator]


def download_delay(mirror: str | None = None) -> float:
    """Seconds between two requests to one host."""
    return 0.0 if is_local_mirror(mirror) else 1.0


def http_cache_dir() -> str:
    """`$NEWSMON_CACHE_DIR`, else `$XDG_CACHE_HOME/newsmon/http` (`~/.cache/newsmon/http`)."""
    explicit = os.environ.get("NEWSMON_CACHE_DIR")
    if explicit:
        return str(Path(explicit).expanduser())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return str(base / "newsmon" / "http")


def crawl_settings(
    *, mirror: str | None = None, log_file: str | None = None, log_level: str = "INFO"
) -> dict[str, Any]:
    local_mirror = is_local_mirror(mirror)
    return {
        "BOT_NAME": "newsmon",
        "USER_AGENT": USER_AGENT,
        "ROBOTSTXT_OBEY": True,
        "COOKIES_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4 if local_mirror else 2,
        # Politeness: AutoThrottle adapts the delay to each outlet's latency; a local mirror needs none.
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.0 if local_mirror else 2.0,
        "AUTOTHROTTLE_MAX_DELAY": 5.0 if local_mirror else 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 4.0 if local_mirror else 1.5,
        "DOWNLOAD_DELAY": download_delay(mirror),
        "DOWNLOAD_TIMEOUT": DOWNLOAD_TIMEOUT,
        "DOWNLOAD_MAXSIZE": DOWNLOAD_MAXSIZE,
        "DOWNLOAD_WARNSIZE": 4 * 1024 * 1024,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [408, 429, 500, 502, 503, 504, 522, 524],
        "NEWSMON_BACKOFF_BASE": 0.2 if local_mirror else 2.0,
        "NEWSMON_BACKOFF_MAX": 60.0,
        "NEWSMON_RETRY_AFTER_MAX": 300.0,
        "NEWSMON_CHALLENGE_RETRIES": CHALLENGE_RETRIES,
        "REDIRECT_MAX_TIMES": REDIRECT_MAX_TIMES,
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
        "HTTPCACHE_STORAGE": "scrapy.extensions.httpcache.FilesystemCacheStorage",
        "HTTPCACHE_DIR": http_cache_dir(),
        "HTTPCACHE_IGNORE_HTTP_CODES": [408, 429, 500, 502, 503, 504, 522, 524],
        "HTTPCACHE_GZIP": True,
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
            "crawler.fetch.middlewares.BackoffRetryMiddleware": 550,
            "crawler.fetch.middlewares.MirrorMiddleware": 950,
            "crawler.fetch.middlewares.JsCookieChallengeMiddleware": 960,
        },
        "ITEM_PIPELINES": {
            "crawler.pipelines.ExtractPipeline": 100,
            "crawler.pipelines.RelevancePipeline": 200,
            "crawler.pipelines.StorePipeline": 300,
        },
        "NEWSMON_MIRROR": mirror,
        "LOG_LEVEL": log_level,
        "LOG_FILE": log_file,
        "LOG_FILE_APPEND": True,
        "LOGSTATS_INTERVAL": 60.0,
    }
