"""One spider for every outlet, driven by the outlet profiles: feeds, sitemaps, listings, search.

Incremental by construction: an article URL already in the archive is never requested (checked in
batches before scheduling); sitemap shards whose lastmod is older than `--since` or than the outlet's
last successful crawl are not opened; a listing stops paging at the first page that brings nothing
new. Redirect sources (nld.com.vn -> tuoitre.vn/nld) are recorded as aliases of the stored article,
so the old address is known from then on.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote_plus

import scrapy
from scrapy.http import Response, TextResponse
from sqlalchemy.exc import SQLAlchemyError
from twisted.python.failure import Failure

from crawler.context import CrawlContext
from crawler.discover.failures import is_network_failure
from crawler.discover.feeds import Entry, FeedError, parse_feed, parse_sitemap
from crawler.outlets.registry import OutletProfile
from newsmon.core.records import FetchedPage
from newsmon.core.time import utcnow
from newsmon.core.urls import canonical_key

MAX_SITEMAP_DEPTH = 2
DEFAULT_SEARCH_QUERIES = ("chuyển đổi số", "chính phủ số", "ASOCIO")
log = logging.getLogger(__name__)

# What a request is for; the discovery kinds start the spider's error lines (crawler.context.DISCOVERY_KINDS).
Kind = Literal["feed", "sitemap", "listing", "search", "article"]
PRIORITY: dict[Kind, int] = {"article": 10, "feed": 5, "sitemap": 1, "listing": 0, "search": 0}
Callback = Callable[[Response], Iterator[scrapy.Request | FetchedPage]]


class OutletSpider(scrapy.Spider):
    name = "newsmon"

    def __init__(self, context: CrawlContext, search_queries: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.context = context
        self.search_queries = list(search_queries or DEFAULT_SEARCH_QUERIES)
        self._scheduled: set[str] = set()
        self._aliases: dict[str, set[str]] = {}  # final URL -> other URLs that led to it
        self._last_success: dict[str, datetime] = {}
        self._started_at = utcnow()

    # ---- start ------------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        self._last_success = self._load_last_success()
        for request in self._initial_requests():
            yield request

    def _load_last_success(self) -> dict[str, datetime]:
        """When each outlet was last crawled completely (start time of that run)."""
        try:
            return self.context.archive.complete_crawls([p.name for p in self.context.outlets])
        except SQLAlchemyError as exc:  # a locked file: walk everything instead
            log.warning("cannot read the outlets' last complete crawl: %s", exc)
            return {}

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
                    words = query.lower() if profile.search_lowercase else query
                    url = profile.search.format(query=quote_plus(words))
                    yield self._request(url, profile, "search", self.parse_listing, page=1)

    def _request(self, url: str, profile: OutletProfile, kind: Kind, callback: Callback, **meta: Any) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            meta={"outlet": profile.name, "kind": kind, **meta},
            priority=PRIORITY[kind],
        )

    def _profile(self, response: Response) -> OutletProfile:
        return self.context.registry.get(response.meta["outlet"])

    # ---- discovery ----------------------------------------------------------------------------
    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        profile = self._profile(response)
        self.context.stats.add("pages_fetched", profile.name)
        try:
            entries = parse_feed(response.body, date_order=profile.feed_date_order, language=profile.language)
        except FeedError as exc:
            self.context.stats.error(f"feed {response.url}: {exc}", profile.name)
            return
        yield from self._articles(entries, profile, "feed")

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        profile = self._profile(response)
        self.context.stats.add("pages_fetched", profile.name)
        try:
            kind, entries = parse_sitemap(response.body, language=profile.language)
        except FeedError as exc:
            self.context.stats.error(f"sitemap {response.url}: {exc}", profile.name)
            return
        if kind == "index":
            depth = response.meta.get("depth", 0) + 1
            if depth > MAX_SITEMAP_DEPTH:
                return
            unchanged_before = self._last_success.get(profile.name)
            for entry in entries:
                if self._too_old(entry.published):
                    continue
                if unchanged_before and entry.published and entry.published < unchanged_before:
                    continue  # shard not modified since the last complete crawl: nothing new in it
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

    def _articles(self, entries: Iterable[Entry], profile: OutletProfile, via: Kind) -> Iterator[scrapy.Request]:
        """Requests for listed articles that are new: not too old, not archived, not scheduled already."""
        fresh: dict[str, Entry] = {}
        listed: dict[str, str] = {}  # URL to fetch -> URL as listed, when the outlet moved
        for entry in entries:
            if not profile.is_article_url(entry.url) or self._too_old(entry.published):
                continue
            target = profile.moved_url(entry.url)
            if target != entry.url:
                listed[target] = entry.url
                self._aliases.setdefault(target, set()).add(entry.url)
                entry = Entry(target, entry.published, entry.title)
            key = canonical_key(entry.url)
            if key not in self._scheduled and key not in fresh:
                fresh[key] = entry
        if not fresh:
            return
        known = self.context.archive.known_urls([e.url for e in fresh.values()] + list(listed.values()))
        for target in (t for t in listed if t in known):  # stored before: its old address becomes an alias now
            self._record_aliases(target)
        known |= {target for target, source in listed.items() if source in known}
        new_count = sum(e.url not in known for e in fresh.values())
        self.context.stats.listed(profile.name, len(fresh), new_count)  # adaptive polling
        for key, entry in fresh.items():
            self._scheduled.add(key)
            if entry.url in known:
                continue
            limit = self.context.max_articles
            if limit is not None and self.context.scheduled_articles >= limit:
                return
            self.context.scheduled_articles += 1
            yield self._request(
                entry.url,
                profile,
                "article",
                self.parse_article,
                via=via,
                listed_published=entry.published,
                dont_cache=True,  # the archive keeps the page; the HTTP cache is for discovery pages
            )

    # ---- articles -------------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[FetchedPage]:
        profile = self._profile(response)
        self.context.stats.add("pages_fetched", profile.name)
        if not isinstance(response, TextResponse):
            self.context.stats.error(f"article {response.url}: not an HTML page", profile.name)
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        # Redirect hops (real URLs: the mirror restores them) and a moved outlet's old address are stored
        # as keys of the article in the same transaction as the article itself.
        aliases = self._aliases.pop(response.url, set()) | set(response.meta.get("redirect_urls", []))
        aliases.discard(response.url)
        yield FetchedPage(
            url=response.url,
            outlet=profile.name,
            body=response.body,
            status=response.status,
            encoding=response.encoding,
            headers={"content-type": content_type},
            fetched_at=utcnow(),
            discovered_via=response.meta.get("via", ""),
            listed_published=response.meta.get("listed_published"),
            aliases=sorted(aliases),
        )

    def _record_aliases(self, url: str) -> None:
        """Store the pending aliases of `url`, an article stored in an earlier run or by another process.

        Fetched articles carry their aliases into their own transaction (FetchedPage.aliases); this path
        is for the old address of an article that is not fetched again. Unknown URLs are a no-op.
        """
        aliases = self._aliases.pop(url, None)
        if not aliases:
            return
        try:
            self.context.archive.add_aliases(url, aliases)
        except SQLAlchemyError as exc:  # a race with another process (IntegrityError) is harmless
            log.warning("cannot record aliases of %s: %s", url, exc)

    def closed(self, reason: str) -> None:
        """Remember a complete crawl per outlet (no error, no --max-articles cut) for the next run's
        sitemap shortcut; the start time is stored, so shards changed during this crawl count as new."""
        ctx = self.context
        for url in list(self._aliases):  # aliases of articles stored before their old address was listed
            self._record_aliases(url)
        if reason != "finished":
            return
        if ctx.max_articles is not None and ctx.scheduled_articles >= ctx.max_articles:
            return
        errors = ctx.stats.per_outlet_errors
        done = [p.name for p in ctx.outlets if not errors.get(p.name)]
        try:
            ctx.archive.mark_complete_crawl(done, self._started_at)
        except SQLAlchemyError as exc:
            log.warning("cannot record the outlets' successful crawl: %s", exc)

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        outlet = request.meta.get("outlet")
        url = request.meta.get("newsmon_real_url", request.url)
        reason = failure.getErrorMessage() or failure.type.__name__
        if failure.type.__name__ == "IgnoreRequest" and "robots" in reason.lower():
            reason = "forbidden by robots.txt"
        network = is_network_failure(failure)
        self.context.stats.error(f"{request.meta.get('kind', 'request')} {url}: {reason}", outlet, network=network)
