"""`newsmon sources --check NAME`: try an outlet's discovery sources and a few articles, report what works.

Requests go through `SequentialFetcher` (crawler/fetch/sequential.py), which keeps a crawl's
politeness (robots.txt, User-Agent, timeout, per-host delay) and its transport (mirror routing,
cookie challenge, redirects). What is checked is shared with the crawl too: the profile, the
feed/sitemap parsers, the listing link rule, and the one page path of crawler/process.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote_plus, urljoin

from parsel import Selector

from crawler.discover.feeds import FeedError, parse_feed, parse_sitemap
from crawler.fetch.sequential import Fetched, RobotsDisallowed, SequentialFetcher
from crawler.outlets.registry import OutletProfile, Registry
from crawler.process import extract_fetched, finish_page
from newsmon.core.outlets import OutletNames
from newsmon.core.records import FetchedPage
from newsmon.core.time import utcnow

FIELDS = ("title", "lead", "body", "published", "authors", "section", "tags")


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
    fields: dict[str, str | int | list[str] | None] = field(default_factory=dict)  # body: paragraph count
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


class _Checked:
    """The registry a check extracts with: the profile under check alone decides the layout of its
    pages (a user profile may share a built-in outlet's domain); names are the whole registry's."""

    def __init__(self, profile: OutletProfile, registry: Registry) -> None:
        self.profile = profile
        self.own = Registry([profile])
        self.registry = registry

    def for_url(self, url: str) -> OutletProfile | None:
        return self.own.for_url(url)

    def outlet_names(self) -> OutletNames:
        return self.registry.outlet_names()


def check_outlet(
    profile: OutletProfile,
    mirror: str | None = None,
    queries: list[str] | None = None,
    sample: int = 3,
    registry: Registry | None = None,
) -> CheckReport:
    """Fetch each discovery source (one search query, a sitemap index and one shard) and `sample` articles.

    `registry` (the built-in outlets and `profile` when not given) supplies the outlet names that
    credits and bylines are recognised by, as in a crawl.
    """
    fetcher = SequentialFetcher(mirror)
    checked = _Checked(profile, registry or Registry.builtin([profile]))
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
        report.articles.append(_check_article(fetcher, checked, url))
    return report


def _fetch(fetcher: SequentialFetcher, url: str) -> tuple[Fetched, str]:
    """The answer and an error text ("" when the page came back with 200)."""
    try:
        answer = fetcher.get(url)
    except RobotsDisallowed as exc:
        return Fetched(0, exc.url, b""), "disallowed by robots.txt"
    except OSError as exc:
        return Fetched(0, url, b""), f"failed: {getattr(exc, 'reason', exc)}"
    return answer, "" if answer.status == 200 else f"HTTP {answer.status}"


def _check_feed(fetcher: SequentialFetcher, profile: OutletProfile, url: str) -> SourceResult:
    answer, error = _fetch(fetcher, url)
    if error:
        return SourceResult("feed", url, False, error)
    try:
        entries = parse_feed(answer.body, date_order=profile.feed_date_order)
    except FeedError as exc:
        return SourceResult("feed", url, False, str(exc))
    links = [e.url for e in entries if profile.is_article_url(e.url)]
    dated = sum(1 for e in entries if e.published)
    detail = f"{len(entries)} items, {len(links)} article links, {dated} dated"
    return SourceResult("feed", url, bool(links), detail, links)


def _check_sitemap(fetcher: SequentialFetcher, profile: OutletProfile, url: str) -> SourceResult:
    answer, error = _fetch(fetcher, url)
    if error:
        return SourceResult("sitemap", url, False, error)
    try:
        kind, entries = parse_sitemap(answer.body)
        detail = ""
        if kind == "index":
            if not entries:
                return SourceResult("sitemap", url, False, "empty sitemap index")
            newest = max(entries, key=lambda e: (e.published is not None, e.published or 0))
            detail = f"index of {len(entries)} sitemaps; newest {newest.url}: "
            answer, error = _fetch(fetcher, newest.url)
            if error:
                return SourceResult("sitemap", url, False, detail + error)
            kind, entries = parse_sitemap(answer.body)
    except FeedError as exc:
        return SourceResult("sitemap", url, False, str(exc))
    links = [e.url for e in entries if profile.is_article_url(e.url)]
    return SourceResult("sitemap", url, bool(links), f"{detail}{len(links)} article links", links)


def _check_listing(fetcher: SequentialFetcher, profile: OutletProfile, url: str, kind: str) -> SourceResult:
    answer, error = _fetch(fetcher, url)
    if error:
        return SourceResult(kind, url, False, error)
    sel = Selector(text=answer.body.decode("utf-8", "replace") or "<html></html>")
    hrefs = [urljoin(answer.url, h) for h in sel.css("a::attr(href)").getall()]
    links = [u for u in dict.fromkeys(hrefs) if profile.is_article_url(u)]
    return SourceResult(kind, url, bool(links), f"{len(links)} article links", links)


def _check_article(fetcher: SequentialFetcher, checked: _Checked, url: str) -> ArticleResult:
    answer, error = _fetch(fetcher, url)
    result = ArticleResult(answer.url)
    if error:
        result.error = error
        return result
    page = FetchedPage(
        answer.url, checked.profile.name, answer.body, answer.status, headers=answer.headers, fetched_at=utcnow()
    )
    extracted = extract_fetched(page, checked)
    result.extractor = extracted.extractor
    article = finish_page(extracted, page, checked)
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
