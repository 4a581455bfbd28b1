"""`newsmon sources --check NAME`: try an outlet's discovery sources and a few articles, report what works.

A tiny sequential fetcher, not the Scrapy engine: a check is a dozen requests a person waits for, it
needs no concurrency or throttling machinery, and Scrapy's reactor can run only once per process
(so the CLI would otherwise need a child process and a way to get results back). What matters is
shared with the crawl: the profile, the mirror routing, the feed/sitemap parsers, the listing link
rule, the cookie-challenge answer, the User-Agent, and the extraction + cleaning of articles.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote_plus, urljoin

from parsel import Selector

from crawler.clean.textclean import finalize
from crawler.discover.feeds import FeedError, parse_feed, parse_sitemap
from crawler.extract.page import extract_page
from crawler.fetch.middlewares import mirror_url, parse_challenge, real_url
from crawler.fetch.settings import USER_AGENT
from crawler.outlets.registry import OutletProfile

FIELDS = ("title", "lead", "body", "published", "authors", "section", "tags")
TIMEOUT = 20
MAX_BYTES = 10_000_000


@dataclass
class SourceResult:
    kind: str  # feed | sitemap | section | search
    url: str
    ok: bool
    detail: str
    links: list[str] = field(default_factory=list)


@dataclass
class ArticleResult:
    url: str
    extractor: str = ""
    fields: dict[str, object] = field(default_factory=dict)  # field -> value found (count for body)
    error: str | None = None


@dataclass
class CheckReport:
    outlet: str
    sources: list[SourceResult] = field(default_factory=list)
    articles: list[ArticleResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Usable: a source gave article links and an article gave a title and text."""
        good_article = any(a.fields.get("title") and a.fields.get("body") for a in self.articles)
        return any(s.ok and s.links for s in self.sources) and good_article


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None  # redirects are followed by Fetcher.get, on real URLs, through the mirror


class Fetcher:
    """GET with the crawl's User-Agent, through the mirror if any, answering cookie challenges and
    following redirects on real URLs (so a moved outlet's 301 is followed through the mirror too)."""

    def __init__(self, mirror: str | None = None) -> None:
        self.mirror = mirror.rstrip("/") if mirror else None
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(_NoRedirect)

    def get(self, url: str) -> tuple[int, str, bytes]:
        """(status, final real URL, body); raises OSError on network failure."""
        status, body = 0, b""
        for _ in range(10):
            target = mirror_url(self.mirror, url) if self.mirror else url
            headers = {"User-Agent": USER_AGENT, "Accept-Language": "vi,en;q=0.5"}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            try:
                with self.opener.open(urllib.request.Request(target, headers=headers), timeout=TIMEOUT) as resp:
                    status, body = resp.status, resp.read(MAX_BYTES)
            except urllib.error.HTTPError as exc:
                location = exc.headers.get("Location") if exc.code in (301, 302, 303, 307, 308) else None
                if not location:
                    return exc.code, url, b""
                url = urljoin(url, real_url(self.mirror, location) if self.mirror else location)
                continue
            challenge = parse_challenge(body) if status == 200 else None
            if challenge is None:
                return status, url, body
            self.cookies[challenge[0]] = challenge[1]
        return status, url, body


def check_outlet(
    profile: OutletProfile, mirror: str | None = None, queries: list[str] | None = None, sample: int = 3
) -> CheckReport:
    """Fetch each discovery source (one search query, a sitemap index and one shard) and `sample` articles."""
    fetcher = Fetcher(mirror)
    report = CheckReport(profile.name)
    for url in profile.feeds:
        report.sources.append(_check_feed(fetcher, profile, url))
    for url in profile.sitemaps:
        report.sources.append(_check_sitemap(fetcher, profile, url))
    for url in profile.sections:
        report.sources.append(_check_listing(fetcher, profile, url, "section"))
    if profile.search:
        word = (queries or ["chuyển đổi số"])[0]
        word = word.lower() if profile.search_lowercase else word
        report.sources.append(_check_listing(fetcher, profile, profile.search.format(query=quote_plus(word)), "search"))
    links = list(dict.fromkeys(profile.moved_url(u) for s in report.sources for u in s.links))
    for url in links[:sample]:
        report.articles.append(_check_article(fetcher, profile, url))
    return report


def _fetch(fetcher: Fetcher, url: str) -> tuple[int | None, str, bytes, str]:
    try:
        status, final, body = fetcher.get(url)
    except OSError as exc:
        return None, url, b"", f"failed: {getattr(exc, 'reason', exc)}"
    if status != 200:
        return status, final, body, f"HTTP {status}"
    return status, final, body, ""


def _check_feed(fetcher: Fetcher, profile: OutletProfile, url: str) -> SourceResult:
    status, _, body, error = _fetch(fetcher, url)
    if error:
        return SourceResult("feed", url, False, error)
    try:
        entries = parse_feed(body, date_order=profile.feed_date_order)
    except FeedError as exc:
        return SourceResult("feed", url, False, str(exc))
    links = [e.url for e in entries if profile.is_article_url(e.url)]
    dated = sum(1 for e in entries if e.published)
    detail = f"{len(entries)} items, {len(links)} article links, {dated} dated"
    return SourceResult("feed", url, bool(links), detail, links)


def _check_sitemap(fetcher: Fetcher, profile: OutletProfile, url: str) -> SourceResult:
    status, _, body, error = _fetch(fetcher, url)
    if error:
        return SourceResult("sitemap", url, False, error)
    try:
        kind, entries = parse_sitemap(body)
        detail = ""
        if kind == "index":
            if not entries:
                return SourceResult("sitemap", url, False, "empty sitemap index")
            newest = max(entries, key=lambda e: (e.published is not None, e.published or 0))
            detail = f"index of {len(entries)} sitemaps; newest {newest.url}: "
            status, _, body, error = _fetch(fetcher, newest.url)
            if error:
                return SourceResult("sitemap", url, False, detail + error)
            kind, entries = parse_sitemap(body)
    except FeedError as exc:
        return SourceResult("sitemap", url, False, str(exc))
    links = [e.url for e in entries if profile.is_article_url(e.url)]
    return SourceResult("sitemap", url, bool(links), f"{detail}{len(links)} article links", links)


def _check_listing(fetcher: Fetcher, profile: OutletProfile, url: str, kind: str) -> SourceResult:
    status, final, body, error = _fetch(fetcher, url)
    if error:
        return SourceResult(kind, url, False, error)
    sel = Selector(text=body.decode("utf-8", "replace") or "<html></html>")
    hrefs = [urljoin(final, h) for h in sel.css("a::attr(href)").getall()]
    links = [u for u in dict.fromkeys(hrefs) if profile.is_article_url(u)]
    return SourceResult(kind, url, bool(links), f"{len(links)} article links", links)


def _check_article(fetcher: Fetcher, profile: OutletProfile, url: str) -> ArticleResult:
    status, final, body, error = _fetch(fetcher, url)
    result = ArticleResult(final)
    if error:
        result.error = error
        return result
    page = extract_page(body, final, profile=profile)
    result.extractor = page.extractor
    article = finalize(page)
    result.fields = {
        "title": article.title,
        "lead": article.lead,
        "body": len(article.body),
        "published": article.published.isoformat() if article.published else None,
        "authors": article.authors,
        "section": article.section,
        "tags": article.tags,
    }
    return result


def format_report(report: CheckReport, mirror: str | None = None) -> list[str]:
    """Lines for the terminal."""
    lines = [f"{report.outlet}" + (f" (through {mirror})" if mirror else "")]
    lines.append("discovery:")
    for s in report.sources:
        lines.append(f"  {s.kind:8} {'ok  ' if s.ok else 'FAIL'} {s.url}  {s.detail}")
    lines.append(f"articles ({len(report.articles)} sampled):")
    for a in report.articles:
        if a.error:
            lines.append(f"  FAIL {a.url}  {a.error}")
            continue
        lines.append(f"  {a.url}  [{a.extractor}]")
        marks = []
        for name in FIELDS:
            value = a.fields.get(name)
            if name == "body":
                marks.append(f"body {value} paragraphs" if value else "body -")
            else:
                marks.append(f"{name} {'yes' if value else '-'}")
        lines.append("    " + ", ".join(marks))
    working = sum(1 for s in report.sources if s.ok)
    always = [f for f in FIELDS if report.articles and all(a.fields.get(f) for a in report.articles)]
    lines.append(
        f"summary: {working}/{len(report.sources)} discovery sources worked; "
        f"fields found in every sampled article: {', '.join(always) or 'none'}"
    )
    return lines
