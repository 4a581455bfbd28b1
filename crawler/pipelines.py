"""Scrapy item pipelines: extract -> clean -> relevance -> dedup and store.

Each stage takes one typed record and hands the next one on, so the item changes type on the way:
FetchedPage -> CleanedPage -> ScoredPage -> StoredPage.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro
from sqlalchemy.exc import SQLAlchemyError

from crawler.context import DISK_FULL, CrawlContext, is_disk_full
from crawler.process import process_page_noted
from newsmon.core.records import Article, FetchedPage, Relevance, StoreStatus
from storage.archive import StoreResult

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CleanedPage:
    page: FetchedPage
    article: Article


@dataclass(slots=True)
class ScoredPage:
    page: FetchedPage
    article: Article
    relevance: Relevance


@dataclass(slots=True)
class StoredPage:
    page: FetchedPage
    article: Article
    relevance: Relevance
    result: StoreResult


# Run statistics counted per store outcome (updated/unchanged re-fetches are not counted).
_COUNTERS = {StoreStatus.NEW: "new_articles", StoreStatus.DUPLICATE: "duplicates", StoreStatus.OFFTOPIC: "offtopic"}


class _Stage:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Any:
        return cls(crawler)

    @property
    def context(self) -> CrawlContext:
        return self.crawler.spider.context  # type: ignore[union-attr]


class ExtractPipeline(_Stage):
    """HTML -> clean Article (profile layout or generic extractor, then the text cleaner)."""

    def process_item(self, item: FetchedPage, spider: Spider | None = None) -> CleanedPage:
        try:
            article, notes = process_page_noted(item, self.context.registry)
        except Exception as exc:  # one bad page must not stop the crawl
            log.exception("extraction failed for %s", item.url)
            self.context.stats.error(f"extract {item.url}: {type(exc).__name__}: {exc}", item.outlet)
            raise DropItem(f"extraction failed: {exc}") from exc
        if not article.title or not (article.body or article.lead):
            self.context.stats.error(f"extract {item.url}: no article title or text found", item.outlet)
            raise DropItem("no article found on the page")
        for note in notes:  # a size limit the page hit (body cut, page cut, nesting flattened)
            log.warning("%s: %s", item.url, note)
        return CleanedPage(item, article)


class RelevancePipeline(_Stage):
    """Topic rules decide whether the article belongs to the archive's results."""

    def process_item(self, item: CleanedPage, spider: Spider | None = None) -> ScoredPage:
        relevance = self.context.topics.evaluate(item.article)
        return ScoredPage(item.page, item.article, relevance)


class StorePipeline(_Stage):
    """Dedup and store, one transaction per article; a full disk stops the crawl (Scrapy closes the
    spider with reason "disk full"), since every later article would fail the same way."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._stopping = False

    def process_item(self, item: ScoredPage, spider: Spider | None = None) -> StoredPage:
        ctx = self.context
        if ctx.stats.disk_full is not None:  # pages still in flight: not stored, so the next run fetches them
            self._stop()
            raise DropItem("not stored: the disk is full")
        try:
            result = ctx.archive.store(item.article, item.relevance, raw=item.page, run_id=ctx.stats.run_id)
        except (SQLAlchemyError, OSError) as exc:
            if is_disk_full(exc):
                ctx.stats.stop_for_full_disk(exc)
                self._stop()
                raise DropItem("not stored: the disk is full") from exc
            if isinstance(exc, OSError):
                raise
            ctx.stats.error(f"store {item.page.url}: {type(exc).__name__}: {exc}", item.page.outlet)
            raise DropItem(f"could not store: {exc}") from exc
        counter = _COUNTERS.get(StoreStatus(result.status))
        if counter:
            ctx.stats.add(counter, item.page.outlet)
        return StoredPage(item.page, item.article, item.relevance, result)

    def _stop(self) -> None:
        """Close the spider once: requests in flight are dropped, nothing new is started."""
        if not self._stopping:
            self._stopping = True
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=DISK_FULL))
