"""The outlet-independent skeleton of a mock site: which files exist and what the manifest says.

An outlet subclass renders pages, feeds and sitemaps in its own DOM; this base decides the set of
sections, the pagination, the search queries and the URL -> file mapping, so the three mocks share
one file layout that `samples/server.py` can serve with a single rule.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from samples.mock.common import Article, pages_of, section_prefixes
from samples.server import canonical_query

SEARCH_QUERIES = ("chuyển đổi số", "chính phủ số", "chính phủ điện tử", "ASOCIO")


def file_for(path: str, query: str = "") -> str:
    """Relative file that serves a URL path (and query): the rule documented in samples/server.py."""
    rel = path.strip("/")
    last = rel.rsplit("/", 1)[-1]
    if not rel or "." not in last:
        rel = f"{rel}/index.html" if rel else "index.html"
    return f"{rel}@{canonical_query(query)}" if query else rel


class Site:
    """Base of one mock outlet; subclasses fill in the DOM."""

    domain = ""
    host = ""  # the canonical host when it differs from the domain ("www.sggp.org.vn")
    name = ""
    section_names: dict[str, str] = {}
    fixed_sections: dict[str, str] = {}  # listings that exist whatever the articles (the profile names them)
    latest_slug = "tin-moi-nhat"
    latest_name = "Tin mới nhất"

    def __init__(self, articles: list[Article]) -> None:
        self.articles = sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
        self.sections = self._sections()
        self.files: dict[str, str] = {}
        self.manifest: dict[str, Any] = {}

    # --- helpers used by the outlet templates ------------------------------------------------

    def url(self, path: str) -> str:
        """Absolute real URL of a path on this outlet."""
        return f"https://{self.host or self.domain}/{path.lstrip('/')}"

    def _sections(self) -> dict[str, str]:
        """Every section slug that has a listing (parents included), newest-used first."""
        out: dict[str, str] = dict(self.fixed_sections)
        for article in self.articles:
            for slug in section_prefixes(article.section_slug):
                if slug == article.section_slug:
                    out[slug] = article.section
                else:
                    out.setdefault(slug, self.section_names.get(slug, slug.replace("-", " ").title()))
        return out

    def section_name(self, slug: str) -> str:
        """Visible name of a section slug, known or not."""
        return self.sections.get(slug) or self.section_names.get(slug, slug)

    def in_section(self, slug: str) -> list[Article]:
        """Articles listed on a section page, newest first."""
        return [a for a in self.articles if slug in section_prefixes(a.section_slug)]

    def others(self, article: Article | None, count: int = 5) -> list[Article]:
        """Other stories for 'most read' style sidebars (never the page's own article)."""
        return [a for a in self.articles if a is not article][:count]

    def search_hits(self, query: str) -> list[Article]:
        """Articles a site search for `query` returns."""
        needle = query.casefold()
        return [a for a in self.articles if needle in a.text_of()]

    # --- what subclasses provide -------------------------------------------------------------

    def article_page(self, article: Article) -> str:
        raise NotImplementedError

    def listing_path(self, slug: str, page: int) -> str:
        raise NotImplementedError

    def listing_page(self, slug: str, title: str, items: list[Article], page: int, pages: int) -> str:
        raise NotImplementedError

    def home_page(self) -> str:
        raise NotImplementedError

    def feeds(self) -> dict[str, str]:
        """URL path -> RSS text."""
        raise NotImplementedError

    def stale_feeds(self) -> list[str]:
        """Paths of feeds that deliberately lag behind (a CDN-stale copy)."""
        return []

    def sitemaps(self) -> dict[str, str]:
        """URL path -> sitemap XML; the first key is the index."""
        raise NotImplementedError

    def news_sitemap(self) -> str | None:
        """Path of the Google News sitemap, if the outlet has one."""
        return None

    def robots(self) -> str:
        raise NotImplementedError

    def search_url(self, query: str) -> tuple[str, str, str]:
        """(host, path, query string) of the outlet's site search for `query`."""
        raise NotImplementedError

    def search_page(self, query: str, hits: list[Article]) -> str:
        raise NotImplementedError

    def redirects(self) -> dict[str, str]:
        """Path (with `?query` if any) -> absolute real URL, answered with 301."""
        return {}

    def rules(self) -> dict[str, Any]:
        """Dynamic server rules of the outlet's host (`_rules.json`, see samples/server.py)."""
        return {}

    def other_hosts(self) -> dict[str, dict[str, str]]:
        """Files on other hosts: {host: {relative path: text}} (a domain that redirects elsewhere)."""
        return {}

    def final_url(self, article: Article) -> str:
        """Where the article's page really answers (its URL unless the outlet moved)."""
        return article.url

    def page_path(self, article: Article) -> str:
        """File path of the article page on the outlet's host."""
        return article.path

    # --- assembly ----------------------------------------------------------------------------

    def build(self) -> dict[str, dict[str, str]]:
        """Render every file; returns {host: {relative file path: text}}."""
        files: dict[str, str] = {file_for(self.page_path(a)): self.article_page(a) for a in self.articles}
        files["index.html"] = self.home_page()
        files["robots.txt"] = self.robots()
        sections = self._build_listings(files)
        feeds = self.feeds()
        maps = self.sitemaps()
        files.update({file_for(p): text for p, text in {**feeds, **maps}.items()})
        hosts: dict[str, dict[str, str]] = {self.domain: files}
        for host, extra in self.other_hosts().items():
            hosts.setdefault(host, {}).update(extra)
        searches = self._build_searches(hosts)
        self.manifest = {
            "name": self.name,
            "home": self.url("/"),
            "robots": self.url("/robots.txt"),
            "articles": [a.url for a in self.articles],
            "final_urls": {a.url: self.final_url(a) for a in self.articles if self.final_url(a) != a.url},
            "ids": {a.id: a.url for a in self.articles},
            "sections": sections,
            "feeds": [self.url(p) for p in feeds],
            "stale_feeds": [self.url(p) for p in self.stale_feeds()],
            "sitemaps": [self.url(p) for p in maps],
            "sitemap_index": self.url(first) if (first := next(iter(maps), None)) else None,
            "news_sitemap": self.url(n) if (n := self.news_sitemap()) else None,
            "search": searches,
            "redirects": self.redirects(),
        }
        return hosts

    def _build_listings(self, files: dict[str, str]) -> list[dict[str, Any]]:
        """Paginated section listings plus the 'latest news' listing over all articles."""
        out = []
        listings = [(s, n, self.in_section(s)) for s, n in self.sections.items()]
        listings.append((self.latest_slug, self.latest_name, self.articles))
        for slug, name, items in listings:
            chunks = pages_of(items)
            urls = []
            for number, chunk in enumerate(chunks, start=1):
                path = self.listing_path(slug, number)
                files[file_for(path)] = self.listing_page(slug, name, chunk, number, len(chunks))
                urls.append(self.url(path))
            out.append({"slug": slug, "name": name, "url": urls[0], "pages": urls})
        return out

    def _build_searches(self, hosts: dict[str, dict[str, str]]) -> list[dict[str, str]]:
        """Search result pages for fixed queries and (dantri) for every tag."""
        queries = dict.fromkeys([*SEARCH_QUERIES, *self.extra_search_queries()])
        out = []
        for query in queries:
            host, path, qs = self.search_url(query)
            page = self.search_page(query, self.search_hits(query))
            hosts.setdefault(host.removeprefix("www."), {})[file_for(path, qs)] = page
            url = f"https://{host}{quote(path, safe='/+')}" + (f"?{qs}" if qs else "")
            out.append({"query": query, "url": url})
        return out

    def extra_search_queries(self) -> list[str]:
        """More queries to pre-render (tag pages that are search URLs)."""
        return []


def query_string(params: dict[str, str]) -> str:
    """Query string as outlets write it (spaces as +)."""
    return urlencode(params)
