# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""A page skeleton shared by the mocks of outlets with their own, simpler CMSs (family B and the
independent ones): document head with the meta tags every outlet sends, navigation, footer, cards,
RSS 2.0 feeds with RFC 822 dates, a sitemap index with monthly shards, search pages.

An outlet subclass supplies its own DOM for the article (`article_main`), its card markup, URL
paths and boilerplate; everything visible is text written for this project.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from samples.mock.common import (
    NS_NEWS,
    Article,
    box_paragraphs,
    cdata,
    esc,
    news_inner,
    rfc822,
    rss,
    sitemap_index,
    url_row,
    urlset,
)
from samples.mock.site import Site, query_string


class SimpleSite(Site):
    """Common chrome; subclasses override the hooks below."""

    brand = ""
    lang_attr = "vi"
    css_prefix = "site"
    img_base = ""
    main_feed = "/rss/home.rss"
    section_feeds = True
    sitemap_path = "/sitemap.xml"
    shard_pattern = "/sitemaps/news-{year}-{month}.xml"
    news_sitemap_path: str | None = None
    search_path = "/tim-kiem"
    search_param = "q"
    lead_prefix = ""
    # In-body chrome that differs only in markup: `{items}` is the joined `related_link`s, `{source}` the
    # escaped name of the cited outlet.
    related_wrapper = '<div class="related"><h4>Tin liên quan</h4><ul>{items}</ul></div>'
    related_link_titles = True
    source_template = '<p class="source">Theo {source}</p>'

    # --- URLs --------------------------------------------------------------------------------
    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}" if page == 1 else f"/{slug}/trang-{page}"

    def search_url(self, query: str) -> tuple[str, str, str]:
        return self.host or self.domain, self.search_path, query_string({self.search_param: query})

    def image(self, article: Article, name: str, width: int = 800) -> str:
        return f"{self.img_base}/w{width}/Uploaded/{article.published:%Y/%m/%d}/{name}"

    def link(self, article: Article) -> str:
        return self.final_url(article)

    # --- chrome ------------------------------------------------------------------------------
    def head(self, title: str, canonical: str, description: str, extra: str = "", lang: str | None = None) -> str:
        return f"""<!DOCTYPE html>
<html lang="{lang or self.lang_attr}">
<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{esc(title)}</title>
    <meta name="description" content="{esc(description)}" />
    <link rel="canonical" href="{esc(canonical)}" />
    <meta property="og:site_name" content="{esc(self.brand)}" />
    <meta property="og:url" content="{esc(canonical)}" />
    <meta property="og:title" content="{esc(title)}" />
    <meta property="og:description" content="{esc(description)}" />
    <link rel="alternate" type="application/rss+xml" href="{self.url(self.main_feed)}" title="{esc(self.brand)}" />
{extra}</head>
"""

    def nav(self) -> str:
        items = "".join(
            f'<li><a href="{self.listing_path(slug, 1)}" title="{esc(name)}">{esc(name)}</a></li>'
            for slug, name in self.sections.items()
            if "/" not in slug
        )
        return f'<ul class="{self.css_prefix}-menu"><li class="home"><a href="/">Trang chủ</a></li>{items}</ul>'

    def header(self) -> str:
        return f"""<body>
<header class="{self.css_prefix}-header">
    <div class="{self.css_prefix}-header__top"><a class="logo" href="/" title="{esc(self.brand)}">{esc(self.brand)}</a>
        <form class="search" action="{self.search_path}"><input type="text" name="{self.search_param}" placeholder="Tìm kiếm..." /></form></div>
    <nav class="{self.css_prefix}-nav">{self.nav()}</nav>
</header>
<div class="ads ads-top" id="adsTop"><span class="ads-label">Quảng cáo</span></div>
"""

    def footer(self) -> str:
        return f"""<footer class="{self.css_prefix}-footer">
    <div class="footer-menu"><a href="{self.main_feed}">RSS</a> <a href="/lien-he" rel="nofollow">Liên hệ</a> <a href="/quang-cao" rel="nofollow">Quảng cáo</a></div>
    <div class="footer-info"><p>{esc(self.brand)} - bản giả lập phục vụ kiểm thử, nội dung do dự án tự viết.</p>
        <p>Ghi rõ nguồn khi phát hành lại thông tin từ trang này.</p></div>
</footer>
</body>
</html>
"""

    def card(self, article: Article) -> str:
        url = esc(self.link(article))
        return (
            f'<article class="story" data-id="{article.numeric_id}"><a class="story__thumb" href="{url}" title="{esc(article.title)}">'
            f'<img src="{esc(self.image(article, "thumb.jpg", 300))}" alt="{esc(article.title)}" /></a>'
            f'<h2 class="story__heading"><a class="cms-link" href="{url}" title="{esc(article.title)}">{esc(article.title)}</a></h2>'
            f'<time class="time" datetime="{article.published.isoformat()}">{article.published:%d/%m/%Y %H:%M}</time>'
            f'<div class="story__summary">{esc(article.lead)}</div></article>\n'
        )

    def sidebar(self, article: Article | None) -> str:
        items = "".join(f"<li>{self.card(a)}</li>" for a in self.others(article, 4))
        return f'<aside class="{self.css_prefix}-sidebar"><h3 class="box-title">Đọc nhiều</h3><ul class="most-read">{items}</ul></aside>'

    # --- article -----------------------------------------------------------------------------
    def meta(self, article: Article) -> str:
        modified = (article.modified or article.published).isoformat()
        return (
            '    <meta property="og:type" content="article" />\n'
            f'    <meta property="og:image" content="{esc(self.image(article, "share.jpg", 1200))}" />\n'
            f'    <meta property="article:published_time" content="{article.published.isoformat()}" />\n'
            f'    <meta property="article:modified_time" content="{modified}" />\n'
            f'    <meta property="article:section" content="{esc(article.section)}" />\n'
            f'    <meta name="keywords" content="{esc(", ".join(article.tags))}" />\n'
        )

    def figure(self, article: Article, block: dict[str, Any]) -> str:
        src = esc(self.image(article, block["img"]))
        caption = block.get("caption") or ""
        cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
        return f'<figure class="image"><img src="{src}" alt="{esc(caption or article.title)}" />{cap}</figure>'

    def box(self, block: dict[str, Any]) -> str:
        inner = "".join(f"<p>{esc(t)}</p>" for t in box_paragraphs(block))
        return f'<div class="notebox">{inner}</div>'

    def related_link(self, rel: dict[str, str]) -> str:
        """One story in the related box."""
        title = f' title="{esc(rel["title"])}"' if self.related_link_titles else ""
        return f'<li><a href="{esc(rel["url"])}"{title}>{esc(rel["title"])}</a></li>'

    def related_box(self, article: Article) -> str:
        """In-body related stories (boilerplate); empty when the article lists none."""
        if not article.related:
            return ""
        return self.related_wrapper.format(items="".join(self.related_link(r) for r in article.related))

    def in_body_ad(self) -> str:
        return '<div class="ads-in-content"><span>Quảng cáo</span></div>'

    def body_blocks(self, article: Article) -> str:
        """The article body: paragraphs, sub-heads, photos, boxes, with a related box and an ad inside."""
        out: list[str] = []
        paragraphs = 0
        for block in article.body:
            if "p" in block:
                paragraphs += 1
                out.append(f"<p>{esc(block['p'])}</p>")
                if paragraphs == 2:
                    out.append(self.in_body_ad())
                if paragraphs == 3:
                    out.append(self.related_box(article))
            elif "h2" in block or "h3" in block:
                level = "h2" if "h2" in block else "h3"
                out.append(f"<{level}>{esc(block[level])}</{level}>")
            elif "img" in block:
                out.append(self.figure(article, block))
            elif "box" in block:
                out.append(self.box(block))
        if paragraphs < 3:
            out.append(self.related_box(article))
        return "\n".join(f"            {x}" for x in out if x) + "\n"

    def source_line(self, article: Article) -> str:
        """The 'Theo <outlet>' line under the body; empty when the article cites no one."""
        return self.source_template.format(source=esc(article.source_attribution)) if article.source_attribution else ""

    def article_main(self, article: Article) -> str:
        raise NotImplementedError

    def article_page(self, article: Article) -> str:
        return (
            self.head(f"{article.title} | {self.brand}", self.link(article), article.lead, self.meta(article), article.language)
            + self.header()
            + f'<main class="{self.css_prefix}-main">\n'
            + self.article_main(article)
            + self.sidebar(article)
            + "\n</main>\n"
            + self.footer()
        )

    # --- listings, home, search --------------------------------------------------------------
    def pager(self, slug: str, page: int, pages: int) -> str:
        if pages <= 1:
            return ""
        links = "".join(
            f'<a href="{self.listing_path(slug, n)}" class="{"page active" if n == page else "page"}">{n}</a>'
            for n in range(1, pages + 1)
        )
        more = f'<a href="{self.listing_path(slug, page + 1)}" class="next">Trang sau</a>' if page < pages else ""
        return f'<div class="pagination">{links}{more}</div>'

    def listing_page(self, slug: str, title: str, items: list[Article], page: int, pages: int) -> str:
        url = self.url(self.listing_path(slug, page))
        heading = title + (f" - Trang {page}" if page > 1 else "")
        cards = "".join(self.card(a) for a in items)
        return (
            self.head(f"{heading} | {self.brand}", url, f"Tin tức {title} mới nhất")
            + self.header()
            + f'<main class="{self.css_prefix}-main"><h1 class="category-title">{esc(title)}</h1>\n<div class="list-news" id="content-list">\n{cards}</div>\n{self.pager(slug, page, pages)}\n{self.sidebar(None)}</main>\n'
            + self.footer()
        )

    def home_page(self) -> str:
        cards = "".join(self.card(a) for a in self.articles[:12])
        return (
            self.head(self.brand, self.url("/"), f"{self.brand}: tin tức thời sự, kinh tế, công nghệ")
            + self.header()
            + f'<main class="{self.css_prefix}-main home"><div class="highlight">\n{cards}</div>{self.sidebar(None)}</main>\n'
            + self.footer()
        )

    def search_page(self, query: str, hits: list[Article]) -> str:
        host, path, qs = self.search_url(query)
        cards = "".join(self.card(a) for a in hits)
        empty = "" if hits else '<p class="no-result">Không tìm thấy kết quả phù hợp.</p>'
        return (
            self.head(f"Tìm kiếm: {query} | {self.brand}", f"https://{host}{path}?{qs}", f"Kết quả tìm kiếm {query}")
            + self.header()
            + f'<main class="{self.css_prefix}-main search"><h1>Kết quả tìm kiếm: "{esc(query)}"</h1>\n<div class="list-news">{cards}{empty}</div></main>\n'
            + self.footer()
        )

    # --- feeds, sitemaps, robots ---------------------------------------------------------------
    def rss_item(self, article: Article) -> str:
        link = esc(self.link(article))
        desc = f'<a href="{self.link(article)}"><img src="{self.image(article, "rss.jpg", 300)}" /></a>{article.lead}'
        return (
            f"    <item>\n      <title>{cdata(article.title)}</title>\n      <link>{link}</link>\n"
            f'      <guid isPermaLink="true">{link}</guid>\n      <description>{cdata(desc)}</description>\n'
            f"      <category>{esc(article.section)}</category>\n"
            f"      <pubDate>{rfc822(article.published)}</pubDate>\n    </item>\n"
        )

    def feed(self, title: str, items: list[Article]) -> str:
        channel = {
            "title": f"{self.brand} - {title}",
            "link": self.url("/"),
            "description": f"{title} - {self.brand}",
            "language": "vi",
            "lastBuildDate": rfc822(items[0].published) if items else "",
        }
        return rss(channel, (self.rss_item(a) for a in items))

    def section_feed_path(self, slug: str) -> str:
        return f"/rss/{slug}.rss"

    def feeds(self) -> dict[str, str]:
        if not self.main_feed:
            return {}
        out = {self.main_feed: self.feed("Tin mới nhất", self.articles)}
        if self.section_feeds:
            for slug, name in self.sections.items():
                if "/" not in slug:
                    out[self.section_feed_path(slug)] = self.feed(name, self.in_section(slug))
        return out

    def sitemap_row(self, article: Article) -> str:
        return url_row(self.link(article), article.updated)

    def sitemaps(self) -> dict[str, str]:
        if not self.sitemap_path:
            return {}
        shards: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            dt = article.published
            shards[self.shard_pattern.format(year=dt.year, month=dt.month, mm=f"{dt.month:02d}")].append(article)
        files = {p: urlset(self.sitemap_row(a) for a in items) for p, items in shards.items()}
        index = [(self.url(p), max(a.updated for a in items)) for p, items in shards.items()]
        out = {self.sitemap_path: sitemap_index(index), **files}
        if self.news_sitemap_path:
            out[self.news_sitemap_path] = urlset(
                (url_row(self.link(a), a.updated, news_inner(a, self.brand)) for a in self.articles[:10]), NS_NEWS
            )
        return out

    def news_sitemap(self) -> str | None:
        return self.news_sitemap_path

    def robots(self) -> str:
        maps = "".join(f"Sitemap: {self.url(p)}\n" for p in (self.sitemap_path, self.news_sitemap_path) if p)
        return f"User-agent: *\nDisallow: /admin/\nDisallow: /api/\nDisallow: /preview/\n\n{maps}"
