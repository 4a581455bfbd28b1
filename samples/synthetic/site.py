"""Files of the synthetic outlets, rendered on request by the real mock templates (`samples/mock`).

A template renders a whole site from a list of articles; here it is only ever given a bounded list,
so memory and time per request do not grow with N:
- an article page: the article itself (plus the outlet's newest pages for the sidebars);
- a sitemap shard: the outlet's pages in the shard's time span (the span is found once per outlet
  by rendering each day's newest page alone and noting which shard lists it);
- a sitemap index: one page per day (the newest, which sets the shard's lastmod);
- everything else (home, listings, feeds, news sitemap, search, robots, redirects, rules): a site of
  the outlet's `WINDOW` newest pages, rendered once and kept.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from samples.build import OUTLETS
from samples.mock.common import Article
from samples.mock.site import Site, file_for
from samples.server import canonical_query
from samples.synthetic.generator import Generator

WINDOW = 20  # newest pages per outlet on listings and feeds (4 listing pages of 5)
# Outlets whose profile names no sitemap index (vnexpress lists only its news sitemap of 10): a crawl
# reaches them through feeds and the first listing pages, so they keep only a few newest pages, in the
# sections those feeds and listings cover (None: a home feed covers every section).
SHALLOW: dict[str, tuple[str, ...] | None] = {
    "vnexpress.net": None, "baotintuc.vn": None, "daidoanket.vn": ("xa-hoi", "khoa-hoc-cong-nghe"),
}


def page_host(url: str) -> str:
    """Folder host of a URL, as `samples/server.py` names it (lower case, no `www.`)."""
    return (urlsplit(url).hostname or "").removeprefix("www.")


@dataclass(slots=True)
class Window:
    """The newest pages of one outlet, rendered whole: its files by host, redirects and rules."""

    site: Site
    files: dict[str, dict[str, str]]


class SyntheticSite:
    """All files of a synthetic site of `n` pages; thread-safe (the server answers in threads)."""

    def __init__(self, n: int, seed: int = 0) -> None:
        self.gen = Generator(n, OUTLETS, seed, deep=set(OUTLETS) - set(SHALLOW),
                             sections={d: s for d, s in SHALLOW.items() if s})
        self._lock = threading.RLock()
        self._windows: dict[str, Window | None] = {}
        self._spans: dict[str, dict[str, tuple[datetime, datetime]]] = {}
        self._indexes: dict[str, dict[str, str]] = {}

    # --- lookup ----------------------------------------------------------------------------

    def file(self, host: str, rest: str, query: str = "") -> tuple[str, str] | None:
        """(text, file name) served for `/<host>/<rest>?<query>`, by the rules of samples/server.py."""
        rel = "/".join(s for s in rest.split("/") if s)
        names = [n for n in (rel, f"{rel}/index.html" if rel else "index.html") if n]
        candidates = [f"{n}@{canonical_query(query)}" for n in names] if query else []
        candidates += names
        article = self._article_file(host, rel, candidates)
        if article is not None:
            return article
        for domain in self.domains_on(host):
            for name in candidates:
                text = self._sitemap_file(domain, host, name)
                if text is not None:
                    return text, name
        for domain in self.domains_on(host):
            window = self.window(domain)
            files = window.files.get(host, {}) if window else {}
            for name in candidates:
                if name in files:
                    return files[name], name
        return None

    def redirects(self, host: str) -> dict[str, str]:
        window = self.window(host)
        return window.site.redirects() if window else {}

    def rules(self, host: str) -> dict[str, Any]:
        window = self.window(host)
        return window.site.rules() if window else {}

    def domains_on(self, host: str) -> list[str]:
        """Outlets with files on a host (tuoitre.vn also serves nld's pages)."""
        return [d for d in OUTLETS if (w := self.window(d)) is not None and host in w.files]

    # --- article pages ---------------------------------------------------------------------

    def _article_file(self, host: str, rel: str, candidates: list[str]) -> tuple[str, str] | None:
        i = self.gen.index_of("/" + rel)
        if i is None:
            return None
        article = self.gen.article(i)
        cls = OUTLETS[article.outlet]
        window = self.window(article.outlet)
        site = cls([article, *(a for a in (window.site.articles if window else []) if a.id != article.id)][:6])
        if page_host(site.final_url(article)) != host or file_for(site.page_path(article)) not in candidates:
            return None
        return site.article_page(article), file_for(site.page_path(article))

    # --- windows ---------------------------------------------------------------------------

    def window(self, domain: str) -> Window | None:
        with self._lock:
            if domain not in self._windows:
                self._windows[domain] = self._make_window(domain)
            return self._windows[domain]

    def _make_window(self, domain: str) -> Window | None:
        if domain not in OUTLETS:
            return None
        newest: list[Article] = []
        for i in range(self.gen.n - 1, -1, -1):
            if self.gen.outlet(i) == domain:
                newest.append(self.gen.article(i))
                if len(newest) == WINDOW:
                    break
        if not newest:
            return None
        site = self.template(domain)(newest)
        return Window(site, site.build())

    def template(self, domain: str) -> type[Site]:
        """The outlet's template with a listing for every section of the bundled articles, pages or not:
        the profile's section URLs and section feeds must answer even on a small site."""
        cls = OUTLETS[domain]
        fixed = dict(cls.fixed_sections)
        for shape in self.gen.shapes[domain]:  # parents are the template's business, as for its articles
            fixed.setdefault(shape.section_slug.strip("/"), shape.section)
        return type(cls.__name__, (cls,), {"fixed_sections": fixed})

    # --- sitemaps --------------------------------------------------------------------------

    def _sitemap_file(self, domain: str, host: str, name: str) -> str | None:
        """A sitemap index or shard covering every page of a deep outlet, or None (then the window serves)."""
        window = self.window(domain)
        if window is None or domain in SHALLOW:
            return None
        index = self._index(domain)
        first = next(iter(index), None)
        if first is None or file_for(first) not in window.files.get(host, {}):
            return None  # this outlet's sitemaps live on another host
        path = next((p for p in index if file_for(p) == name), None)
        if path is None or path == window.site.news_sitemap():
            return None
        if path == first:
            return index[path]
        span = self._span(domain).get(path)
        if span is None:  # not a shard of pages (dantri's category sitemap): the window's copy
            return None
        lo, hi = (self.gen.index_at(t) for t in span)
        articles = [self.gen.article(i) for i in range(lo, hi) if self.gen.outlet(i) == domain]
        return OUTLETS[domain](articles).sitemaps().get(path) if articles else None

    def _day_newest(self, domain: str) -> list[int]:
        """Per calendar day (local time) with pages of the outlet, its newest page."""
        gen = self.gen
        out = []
        day = datetime.combine(gen.published(0).date(), time(), gen.start.tzinfo)
        last = gen.published(gen.n - 1)
        while day <= last:
            nxt = day + timedelta(days=1)
            lo, hi = gen.index_at(day), gen.index_at(nxt)
            found = next((i for i in range(hi - 1, lo - 1, -1) if gen.outlet(i) == domain), None)
            if found is not None:
                out.append(found)
            day = nxt
        return out

    def _index(self, domain: str) -> dict[str, str]:
        with self._lock:
            if domain not in self._indexes:
                reps = [self.gen.article(i) for i in self._day_newest(domain)]
                self._indexes[domain] = OUTLETS[domain](reps).sitemaps()
            return self._indexes[domain]

    def _span(self, domain: str) -> dict[str, tuple[datetime, datetime]]:
        """Shard path -> (start of its first day, start of the day after its last), found once.

        A shard is a run of consecutive days (a month, five days): galloping from a day to the last
        day of its shard renders O(shards x log days) one-page sites instead of one per day.
        """
        with self._lock:
            if domain not in self._spans:
                days = self._day_newest(domain)
                spans: dict[str, tuple[datetime, datetime]] = {}
                first = 0
                while first < len(days):
                    path = self._shard_of(domain, days[first])
                    step, last = 1, first
                    while last + step < len(days) and self._shard_of(domain, days[last + step]) == path:
                        last, step = last + step, step * 2
                    while step > 1:
                        step //= 2
                        if last + step < len(days) and self._shard_of(domain, days[last + step]) == path:
                            last += step
                    if path is not None:
                        spans[path] = (self._day_start(days[first]), self._day_start(days[last]) + timedelta(days=1))
                    first = last + 1
                self._spans[domain] = spans
            return self._spans[domain]

    def _shard_of(self, domain: str, i: int) -> str | None:
        """The sitemap shard that lists page `i` (rendered alone), if any."""
        article = self.gen.article(i)
        single = OUTLETS[domain]([article])
        maps = single.sitemaps()
        needle = urlsplit(article.url).path.rsplit("/", 1)[-1]
        skip = {next(iter(maps), None), single.news_sitemap()}
        return next((p for p, text in maps.items() if p not in skip and needle in text), None)

    def _day_start(self, i: int) -> datetime:
        published = self.gen.published(i)
        return datetime.combine(published.date(), time(), published.tzinfo)
