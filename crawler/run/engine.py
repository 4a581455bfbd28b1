"""Scrapy's part of one crawl: the engine settings, the process and the spider run until it closes.

A module of its own so that `crawler.run.runner` imports it only once there is something to crawl:
Scrapy, Twisted and rich cost about 0.4 s CPU and 35 MB, and a crawl process whose outlets are all
backed off, not due or leased elsewhere needs none of them.
"""

from __future__ import annotations

import logging
import os
from types import FrameType

from scrapy import Spider, signals
from scrapy.crawler import CrawlerProcess

from crawler.context import DISK_FULL, CrawlContext, RunStats
from crawler.discover.spider import OutletSpider
from crawler.fetch.settings import crawl_settings
from crawler.run.logformat import quiet_network_tracebacks
from crawler.run.progress import LiveProgress
from newsmon.core.records import RunStatus
from storage.leases import Leases, Renewer

log = logging.getLogger("crawler.run.runner")  # the run's log lines keep their logger name


class _Process(CrawlerProcess):
    """CrawlerProcess that remembers whether a signal stopped it (Scrapy's handlers stay in charge)."""

    signalled: str | None = None

    def _signal_shutdown(self, signum: int, frame: FrameType | None) -> None:
        self.signalled = self.signalled or "shutdown"
        super()._signal_shutdown(signum, frame)

    def _signal_kill(self, signum: int, frame: FrameType | None) -> None:
        self.signalled = "forced stop"
        super()._signal_kill(signum, frame)


def _env_number(name: str) -> float | None:
    value = os.environ.get(name)
    try:
        return float(value) if value else None
    except ValueError:
        log.warning("ignoring %s=%r: not a number", name, value)
        return None


def run_spider(
    context: CrawlContext,
    leases: Leases,
    lease_names: list[str],
    *,
    mirror: str | None,
    progress: bool,
    search_queries: list[str] | None,
) -> tuple[RunStatus, str]:
    """Run the outlet spider with the leases renewed meanwhile; the run's status and Scrapy's finish reason."""
    stats: RunStats = context.stats
    settings = crawl_settings(mirror=mirror, log_level="INFO")
    settings["LOG_FILE"] = None  # the CLI's handlers (rotating key=value file) receive Scrapy's records
    for key in ("DOWNLOAD_TIMEOUT", "DOWNLOAD_MAXSIZE"):  # tests and slow links tune these by env
        value = _env_number(f"NEWSMON_{key}")
        if value is not None:
            settings[key] = int(value) if key == "DOWNLOAD_MAXSIZE" else value
    settings["LOG_INSTALL_ROOT_HANDLER"] = False
    quiet_network_tracebacks()
    settings["LOG_FORMATTER"] = "crawler.run.logformat.QuietLogFormatter"
    process = _Process(settings)
    crawler = process.create_crawler(OutletSpider)
    finish = {"reason": "unknown"}

    def on_closed(spider: Spider, reason: str) -> None:
        finish["reason"] = reason

    crawler.signals.connect(on_closed, signal=signals.spider_closed)
    live = LiveProgress(crawler, stats) if progress else None
    status = RunStatus.FAILED

    def lost(names: list[str]) -> None:
        stats.error(f"lost the lease on {', '.join(names)} (another process took it over): stopping")
        # Imported here, once the crawl runs: importing the reactor module installs Twisted's default
        # reactor, and Scrapy must install its asyncio reactor first.
        from twisted.internet import reactor

        reactor.callFromThread(process.stop)

    try:
        with Renewer(leases, lease_names, on_lost=lost):
            process.crawl(crawler, context=context, search_queries=search_queries)
            process.start()
        reason = finish["reason"]
        if stats.stop_reason == DISK_FULL:
            status, reason = RunStatus.FAILED, DISK_FULL
        elif process.signalled:
            status, reason = RunStatus.INTERRUPTED, reason if reason == "shutdown" else process.signalled
        elif reason == "finished":
            status = RunStatus.COMPLETED
        elif reason == "unknown":
            status = RunStatus.FAILED
        else:
            status = RunStatus.INTERRUPTED if reason in ("shutdown", "cancelled") else RunStatus.COMPLETED
        finish["reason"] = reason
    except Exception as exc:  # the run row must say what happened, whatever it was
        stats.error(f"crawl aborted: {type(exc).__name__}: {exc}")
        log.exception("crawl aborted")
    finally:
        if live:
            live.stop()
    return status, finish["reason"]
