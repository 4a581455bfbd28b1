"""One spider for every outlet, driven by the outlet profiles: feeds, sitemaps, listings, search."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote_plus

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from crawler.context import CrawlContext
from crawler.feeds import Entry, FeedError, parse_feed, parse_sitemap
from crawler.profiles import OutletProfile
from newsmon.records import FetchedPage
from storage.urls import canonical_key

MAX_SITEMAP_DEPTH = 2


class OutletSpider(scrapy.Spider):
    name = "newsmon"

    def __init__(self, context: CrawlContext, search_queries: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context
        self.search_queries = search_queries or []
        self._scheduled: set[str] = set()

    # ---- start ------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self._initial_requests():
            yield request

    def _initial_requests(self) -> Iterator[scrapy.Request]:
        for profile in self.context.outlets:
            for url in profile.feeds:
                yield self._request(url, profile, "feed", self.parse_feed)
            for url in profile.sitemaps:
                yield self._request(url, profile, "sitemap", self.parse_sitemap, depth=0)
            for url in profile.sections:
                yield self._request(url, profile, "listing", self.parse_listing, page=1)
            if profile.search:
                for query in self.search_queries:
                    url = profile.search.format(query=quote_plus(query))
                    yield self._request(url, profile, "search", self.parse_listing, page=1)

    def _request(self, url: str, profile: OutletProfile, kind: str, callback: Any, **meta: Any) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={"outlet": profile.name, "kind": kind, **meta},
            priority={"article": 10, "listing": 0, "search": 0, "feed": 5, "sitemap": 1}.get(kind, 0),
        )

    def _profile(self, response: Response) -> OutletProfile:
        return self.context.registry.get(response.meta["outlet"])

    # ---- discovery ----------------------------------------------------------------------------
    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        profile = self._profile(response)
        self.context.stats.add("pages_fetched", profile.name)
        try:
            entries = parse_feed(response.body, date_order=profile.feed_date_order)
        except FeedError as exc:
            self.context.stats.error(f"feed {response.url}: {exc}", profile.name)
            return
        yield from self._articles(entries, profile, "feed")

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        profile = self._profile(response)
        self.context.stats.add("pages_fetched", profile.name)
        try:
            kind, entries = parse_sitemap(response.body)
        except FeedError as exc:
            self.context.stats.error(f"sitemap {response.url}: {exc}", profile.name)
            return
        if kind == "index":
            depth = response.meta.get("depth", 0) + 1
            if depth > MAX_SITEMAP_DEPTH:
                return
            for entry in entries:
                if self._too_old(entry.published):
                    continue
                yield self._request(entry.url, profile, "sitemap", self.parse_sitemap, depth=depth)
            return
        yield from self._articles(entries, profile, "sitemap")

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        profile = self._profile(response)
        self.context.stats.add("pages_fetched", profile.name)
        if not isinstance(response, TextResponse):
            self.context.stats.error(f"listing {response.url}: not a text page", profile.name)
            return
        links = [response.urljoin(href) for href in response.css("a::attr(href)").getall()]
        entries = [Entry(url) for url in dict.fromkeys(links) if profile.is_article_url(url)]
        requests = list(self._articles(entries, profile, response.meta["kind"]))
        yield from requests
        page = response.meta.get("page", 1)
        # Stop paging when a page brought nothing new: the rest is already archived (or a trap).
        if not requests or page >= profile.max_listing_pages or not profile.pagination:
            return
        pattern = re.compile(profile.pagination)
        for url in dict.fromkeys(links):
            if pattern.search(url) and profile.owns(url) and url != response.url:
                yield self._request(url, profile, response.meta["kind"], self.parse_listing, page=page + 1)

    def _too_old(self, published: datetime | None) -> bool:
        since = self.context.since
        return since is not None and published is not None and published < since

    def _articles(self, entries: Iterable[Entry], profile: OutletProfile, via: str) -> Iterator[scrapy.Request]:
        """Requests for listed articles that are new: not too old, not archived, not scheduled already."""
        fresh: dict[str, Entry] = {}
        for entry in entries:
            if not profile.is_article_url(entry.url) or self._too_old(entry.published):
                continue
            key = canonical_key(entry.url)
            if key not in self._scheduled and key not in fresh:
                fresh[key] = entry
        if not fresh:
            return
        known = self.context.archive.known_urls(e.url for e in fresh.values())
        for key, entry in fresh.items():
            self._scheduled.add(key)
            if entry.url in known:
                continue
            limit = self.context.max_articles
            if limit is not None and self.context.scheduled_articles >= limit:
                return
            self.context.scheduled_articles += 1
            yield self._request(
                entry.url, profile, "article", self.parse_article, via=via, listed_published=entry.published
            )

    # ---- articles -------------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        profile = self._profile(response)
        self.context.stats.add("pages_fetched", profile.name)
        if not isinstance(response, TextResponse):
            self.context.stats.error(f"article {response.url}: not an HTML page", profile.name)
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        yield FetchedPage(
            url=response.url,
            outlet=profile.name,
            body=response.body,
            status=response.status,
            encoding=response.encoding,
            headers={"content-type": content_type},
            fetched_at=datetime.now(UTC),
            discovered_via=response.meta.get("via", ""),
            listed_published=response.meta.get("listed_published"),
        )

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        outlet = request.meta.get("outlet")
        url = request.meta.get("newsmon_real_url", request.url)
        reason = failure.getErrorMessage() or failure.type.__name__
        if failure.type.__name__ == "IgnoreRequest" and "robots" in reason.lower():
            reason = "forbidden by robots.txt"
        self.context.stats.error(f"{request.meta.get('kind', 'request')} {url}: {reason}", outlet)
