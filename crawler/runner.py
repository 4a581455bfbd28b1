"""Run one crawl in this process with Scrapy's CrawlerProcess (once per process: the reactor cannot restart)."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import datetime

from scrapy import signals
from scrapy.crawler import CrawlerProcess

from crawler.context import CrawlContext, RunStats
from crawler.profiles import OutletProfile, Registry
from crawler.settings import crawl_settings
from crawler.spider import OutletSpider
from storage.archive import Archive

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CrawlOptions:
    outlets: list[OutletProfile]
    registry: Registry
    topics: object
    mirror: str | None = None
    since: datetime | None = None
    max_articles: int | None = None
    trigger: str = "manual"
    log_file: str | None = None
    progress: bool = False
    search_queries: list[str] | None = None


@dataclass(slots=True)
class CrawlOutcome:
    run_id: int
    status: str  # completed | interrupted | failed
    stats: RunStats
    finish_reason: str


def run_crawl(archive: Archive, options: CrawlOptions) -> CrawlOutcome:
    names = [p.name for p in options.outlets]
    run_id = archive.start_run(options.trigger, names)
    stats = RunStats(archive=archive, run_id=run_id)
    context = CrawlContext(
        archive=archive,
        registry=options.registry,
        outlets=options.outlets,
        stats=stats,
        topics=options.topics,
        since=options.since,
        max_articles=options.max_articles,
        mirror=options.mirror,
    )
    settings = crawl_settings(
        mirror=options.mirror, log_file=options.log_file, log_level="INFO" if options.log_file else "WARNING"
    )
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(OutletSpider)
    finish = {"reason": "unknown"}

    def on_closed(spider: object, reason: str) -> None:
        finish["reason"] = reason

    crawler.signals.connect(on_closed, signal=signals.spider_closed)
    progress = _Progress(crawler, stats) if options.progress else None
    status = "failed"
    try:
        process.crawl(crawler, context=context, search_queries=options.search_queries)
        process.start()
        status = {"finished": "completed", "shutdown": "interrupted"}.get(finish["reason"], "completed")
        if finish["reason"] == "unknown":
            status = "failed"
    except Exception as exc:  # the run row must say what happened, whatever it was
        stats.error(f"crawl aborted: {type(exc).__name__}: {exc}")
        log.exception("crawl aborted")
    finally:
        if progress:
            progress.stop()
        archive.finish_run(run_id, status, stats.counts, stats.errors, finish["reason"])
    return CrawlOutcome(run_id, status, stats, finish["reason"])


class _Progress:
    """A live line on a terminal: pages fetched and articles stored so far."""

    def __init__(self, crawler: object, stats: RunStats) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.stats = stats
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=_stderr_console()
        )
        self.task = self.progress.add_task("starting", total=None)
        self.progress.start()
        for signal in (signals.response_received, signals.item_scraped, signals.item_dropped):
            crawler.signals.connect(self.update, signal=signal)  # type: ignore[attr-defined]

    def update(self, *args: object, **kwargs: object) -> None:
        self.progress.update(self.task, description=self.stats.summary())

    def stop(self) -> None:
        self.progress.stop()


def _stderr_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(file=sys.stderr)
