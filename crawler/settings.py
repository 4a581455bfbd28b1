"""Scrapy settings of a newsmon crawl: polite by default, declarative."""

from __future__ import annotations

from typing import Any

from newsmon import __version__

USER_AGENT = f"newsmon/{__version__} (news monitor for e-government award news; +https://pypi.org/project/newsmon/)"


def crawl_settings(
    *, mirror: str | None = None, log_file: str | None = None, log_level: str = "INFO"
) -> dict[str, Any]:
    local_mirror = bool(mirror) and ("127.0.0.1" in mirror or "localhost" in mirror)  # type: ignore[operator]
    return {
        "BOT_NAME": "newsmon",
        "USER_AGENT": USER_AGENT,
        "ROBOTSTXT_OBEY": True,
        "COOKIES_ENABLED": True,
        "TELNETCONSOLE_ENABLED": False,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 4,
        # Politeness: AutoThrottle adapts the delay to each outlet's latency; a local mirror needs none.
        "AUTOTHROTTLE_ENABLED": True,
        "AUTOTHROTTLE_START_DELAY": 0.0 if local_mirror else 2.0,
        "AUTOTHROTTLE_MAX_DELAY": 5.0 if local_mirror else 60.0,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": 4.0 if local_mirror else 1.5,
        "DOWNLOAD_DELAY": 0.0 if local_mirror else 1.0,
        "DOWNLOAD_TIMEOUT": 30,
        "DOWNLOAD_MAXSIZE": 10 * 1024 * 1024,
        "DOWNLOAD_WARNSIZE": 4 * 1024 * 1024,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": 3,
        "RETRY_HTTP_CODES": [408, 429, 500, 502, 503, 504, 522, 524],
        "REDIRECT_MAX_TIMES": 10,
        "DOWNLOADER_MIDDLEWARES": {"crawler.middlewares.MirrorMiddleware": 950},
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
