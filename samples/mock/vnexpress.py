# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock vnexpress.net: the `fck_detail` article page (2024-2026), listings `/{section}` +
`/{section}-pN`, RSS `/rss/*.rss` (with a stale `tin-moi-nhat.rss`), a monthly sitemap index and a
Google News sitemap. Search lives on its own host, `timkiem.vnexpress.net`.

The DOM follows outlets README section 2; all visible boilerplate text is written for this mock.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from samples.mock.common import (
    NS_NEWS,
    Article,
    body_texts,
    box_paragraphs,
    cdata,
    esc,
    news_inner,
    rfc822,
    rss,
    sitemap_index,
    url_row,
    urlset,
    weekday_vi,
)
from samples.mock.site import Site, query_string

SEARCH_HOST = "timkiem.vnexpress.net"
LOGO = "https://s1.vnecdn.net/vnexpress/restruct/i/v9/logos/vne_logo_rss.png"


def dateline(dt: datetime) -> str:
    """`Thứ tư, 22/10/2025, 19:25 (GMT+7)` as shown in `span.date`."""
    return f"{weekday_vi(dt)}, {dt:%d/%m/%Y, %H:%M} (GMT+7)"


def image_url(article: Article, name: str) -> str:
    """Photo address on the outlet's CDN (never fetched by the crawler)."""
    return f"https://i1-vnexpress.vnecdn.net/{article.published:%Y/%m/%d}/{name}?w=680&h=0&q=100&dpr=1&fit=crop"


class VnExpress(Site):
    domain = "vnexpress.net"
    name = "VnExpress"
    latest_slug = "tin-tuc-24h"
    latest_name = "Tin tức 24h"
    section_names = {
        "thoi-su": "Thời sự",
        "the-gioi": "Thế giới",
        "kinh-doanh": "Kinh doanh",
        "khoa-hoc-cong-nghe": "Khoa học công nghệ",
        "so-hoa": "Số hóa",
        "phap-luat": "Pháp luật",
        "giao-duc": "Giáo dục",
        "suc-khoe": "Sức khỏe",
        "goc-nhin": "Góc nhìn",
    }

    def folder_id(self, slug: str) -> int:
        """Stable made-up numeric id of a section (the real site has one per folder)."""
        return 1001000 + sorted(self.sections).index(slug)

    # --- chrome ------------------------------------------------------------------------------

    def head(self, title: str, canonical: str, description: str, extra: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{esc(title)}</title>
<meta name="description" content="{esc(description)}" />
<link rel="canonical" href="{esc(canonical)}" />
<link rel="alternate" hreflang="vi-vn" href="{esc(canonical)}" />
<meta property="og:site_name" content="VnExpress" />
<meta property="og:url" content="{esc(canonical)}" />
<meta property="og:title" content="{esc(title)}" itemprop="headline" />
<meta property="og:description" content="{esc(description)}" itemprop="description" />
<meta property="fb:app_id" content="1547540628876392" />
<meta name="author" content="VnExpress" />
<link rel="stylesheet" href="https://s1.vnecdn.net/vnexpress/restruct/c/v2/pc/styles.min.css" />
{extra}<script src="https://s1.vnecdn.net/vnexpress/restruct/j/v2/pc/libs.js" async></script>
</head>
"""

    def header(self) -> str:
        nav = "".join(
            f'<li class="{slug}"><a href="/{slug}" title="{esc(name)}" data-medium="Menu-{esc(name)}">{esc(name)}</a></li>'
            for slug, name in self.sections.items()
            if "/" not in slug
        )
        return f"""<body class="page-detail">
<div class="lazier" id="_ads_bg_top"></div>
<section class="section-ads-top banner-ads" id="supper_masthead"><div id="ads_masthead"></div></section>
<header class="section header clearfix">
  <div class="container flexbox">
    <div class="left flexbox"><a class="logo" href="/" title="Báo VnExpress - Báo tiếng Việt nhiều người xem nhất"><img src="{LOGO}" alt="VnExpress" /></a>
      <span class="time-now">Cập nhật liên tục 24h</span></div>
    <div class="right flexbox"><a href="/tin-tuc-24h" class="btn-24h">Mới nhất</a>
      <a href="https://{SEARCH_HOST}/" class="search-btn">Tìm kiếm</a><a href="/dang-nhap" rel="nofollow" class="login">Đăng nhập</a></div>
  </div>
</header>
<nav class="main-nav"><div class="container"><ul class="parent"><li class="home"><a href="/" title="Trang chủ">Trang chủ</a></li>{nav}
  <li class="all-menu"><a href="/tin-tuc-24h">Tất cả</a></li></ul></div></nav>
"""

    def footer(self) -> str:
        return """<footer id="footer" class="footer">
  <div class="container">
    <div class="footer-top"><a href="/" class="logo-footer">VnExpress</a>
      <ul class="list-link"><li><a href="/rss" rel="nofollow">RSS</a></li><li><a href="/lien-he" rel="nofollow">Liên hệ</a></li>
        <li><a href="/quang-cao" rel="nofollow">Quảng cáo</a></li><li><a href="/dieu-khoan-su-dung" rel="nofollow">Điều khoản sử dụng</a></li></ul></div>
    <div class="copyright">Báo tiếng Việt trực tuyến. Giấy phép hoạt động do cơ quan có thẩm quyền cấp.<br />
      Mọi hình thức sao chép nội dung cần có sự đồng ý bằng văn bản của tòa soạn.</div>
  </div>
</footer>
<div id="sis_slider"></div>
</body>
</html>
"""

    def news_item(self, article: Article, cls: str = "item-news item-news-common") -> str:
        """A story card (`article.item-news`) as in listings and boxes."""
        return (
            f'<article class="{cls}" data-offset="{article.numeric_id}">'
            f'<div class="thumb-art"><a href="{esc(article.url)}" title="{esc(article.title)}"><picture>'
            f'<img loading="lazy" src="{esc(image_url(article, "thumb.jpg"))}" alt="{esc(article.title)}" /></picture></a></div>'
            f'<h3 class="title-news"><a href="{esc(article.url)}" title="{esc(article.title)}">{esc(article.title)}</a></h3>'
            f'<p class="description"><a href="{esc(article.url)}">{esc(article.lead)}</a></p></article>\n'
        )

    def most_read(self, article: Article | None) -> str:
        items = "".join(
            f'<li><span class="number">{i}</span><h3 class="title-news"><a href="{esc(a.url)}">{esc(a.title)}</a></h3></li>'
            for i, a in enumerate(self.others(article), 1)
        )
        return (
            '<div class="lazier" id="_detail_topview_ov"><div class="box-category box-xemnhieu">'
            f'<h2 class="title-box">Xem nhiều</h2><ul class="list-news">{items}</ul></div></div>'
            '<div id="_detail_blockRight" class="banner-ads"></div>'
        )

    # --- article page --------------------------------------------------------------------------

    def meta(self, article: Article) -> str:
        top = article.section_slug.split("/")[0]
        sub = article.section_slug.split("/")[1] if "/" in article.section_slug else ""
        folders = [self.folder_id(s) for s in self._chain(article)]
        names = ["VnExpress", *(self.section_name(s) for s in self._chain(article))]
        words = sum(len(t.split()) for t in body_texts(article))
        tags = ", ".join(article.tags)
        lines = [
            ("name", "keywords", tags),
            ("name", "news_keywords", tags),
            ("name", "tt_article_id", article.numeric_id),
            ("name", "tt_category_id", str(folders[-1])),
            ("name", "tt_site_id", "1000000"),
            ("name", "tt_list_folder", ",".join(["1000000", *map(str, folders)])),
            ("name", "tt_list_folder_name", ",".join(names)),
            ("name", "tt_page_type", "article"),
            ("name", "tt_page_type_new", "3"),
            ("name", "its_url", article.url),
            ("name", "its_id", article.numeric_id),
            ("name", "its_title", article.title),
            ("name", "its_section", top),
            ("name", "its_subsection", sub),
            ("name", "its_tag", tags),
            ("name", "its_type", "text"),
            ("name", "its_wordcount", str(words)),
            ("name", "its_publication", str(int(article.published.timestamp()))),
            ("property", "og:type", "article"),
            ("property", "og:image", image_url(article, "share.jpg")),
            ("property", "article:publisher", "https://www.facebook.com/congdongvnexpress"),
        ]
        out = "".join(f'<meta {k}="{v}" content="{esc(c)}" />\n' for k, v, c in lines)
        out += "".join(f'<meta property="article:tag" content="{esc(t)}" />\n' for t in article.tags)
        modified = (article.modified or article.published).isoformat()
        out += (
            f'<meta name="pubdate" itemprop="datePublished" content="{article.published.isoformat()}" />\n'
            f'<meta name="lastmod" itemprop="dateModified" content="{modified}" />\n'
            f'<meta itemprop="dateCreated" content="{article.published.isoformat()}" />\n'
        )
        return out + self.json_ld(article, modified)

    def _chain(self, article: Article) -> list[str]:
        parts = article.section_slug.split("/")
        return ["/".join(parts[: i + 1]) for i in range(len(parts))]

    def json_ld(self, article: Article, modified: str) -> str:
        news = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": article.url},
            "headline": article.title,
            "description": article.lead,
            "image": {"@type": "ImageObject", "url": image_url(article, "share.jpg"), "width": 1200, "height": 720},
            "datePublished": article.published.isoformat(),
            "dateModified": modified,
            "author": {"@type": "Organization", "name": "VnExpress"},
            "publisher": {"@type": "Organization", "name": "VnExpress", "logo": {"@type": "ImageObject", "url": LOGO}},
        }
        crumbs = {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": i, "item": {"@id": self.url(s), "name": self.section_name(s)}}
                for i, s in enumerate(self._chain(article), 1)
            ],
        }
        return "".join(
            f'<script type="application/ld+json">{json.dumps(d, ensure_ascii=False)}</script>\n'
            for d in (news, crumbs)
        )

    def breadcrumb(self, article: Article) -> str:
        items = "".join(
            f'<li><a data-medium="Menu-{esc(self.section_name(s))}" href="/{s}" title="{esc(self.section_name(s))}">'
            f"{esc(self.section_name(s))}</a></li>"
            for s in self._chain(article)
        )
        return f'<ul class="breadcrumb" data-campaign="Header">{items}</ul>'

    def figure(self, article: Article, block: dict) -> str:
        src = image_url(article, block["img"])
        caption = block.get("caption")
        cap = f'<figcaption itemprop="description"><p class="Image">{esc(caption)}</p></figcaption>' if caption else ""
        alt = esc(caption or article.title)
        return (
            '<figure data-size="true" itemprop="associatedMedia image" itemscope="itemscope" '
            'itemtype="http://schema.org/ImageObject" class="tplCaption action_thumb_added">'
            f'<meta itemprop="url" content="{esc(src)}" /><meta itemprop="width" content="680" />'
            '<meta itemprop="height" content="408" /><div class="fig-picture"><picture>'
            f'<source data-srcset="{esc(src)} 1x" srcset="{esc(src)} 1x" />'
            f'<img itemprop="contentUrl" class="lazy" alt="{alt}" data-src="{esc(src)}" src="{esc(src)}" />'
            f"</picture></div>{cap}</figure>"
        )

    def related_box(self, article: Article) -> str:
        """Server-rendered 'see also' box inside the body (the 2022 form, still on older pages)."""
        if not article.related:
            return ""
        rel = article.related[0]
        url = esc(rel["url"])
        return (
            '<div class="width_common box-tinlienquanv2"><article class="item-news full-thumb">'
            f'<div class="thumb-art"><a data-itm-source="#vn_source=Detail&amp;vn_campaign=Box-TinXemThem" href="{url}" '
            f'title="{esc(rel["title"])}"><img src="https://i1-vnexpress.vnecdn.net/thumb.jpg" alt="" /></a></div>'
            f'<h4 class="title-news"><a href="{url}" title="{esc(rel["title"])}">{esc(rel["title"])}</a></h4>'
            "</article></div>"
        )

    def sign_off(self, article: Article) -> str:
        """Right-aligned author line closing the body; an attribution follows in brackets."""
        names = " - ".join(article.authors)
        source = article.source_attribution
        if names and source:
            inner = f"<strong>{esc(names)}</strong> (Theo <em>{esc(source)}</em>)"
        elif names:
            inner = f"<strong>{esc(names)}</strong>"
        elif source:
            inner = f"<strong>Theo {esc(source)}</strong>"
        else:
            return ""
        return f'<p class="Normal" style="text-align:right;">{inner}</p>'

    def blocks(self, article: Article) -> str:
        out: list[str] = []
        paragraphs = 0
        for block in article.body:
            if "p" in block:
                paragraphs += 1
                out.append(f'<p class="Normal">{esc(block["p"])}</p>')
                if paragraphs == 3:
                    out.append(self.related_box(article))
            elif "h2" in block or "h3" in block:
                level = "h2" if "h2" in block else "h3"
                out.append(f'<{level} class="Normal"><strong>{esc(block[level])}</strong></{level}>')
            elif "img" in block:
                out.append(self.figure(article, block))
            elif "box" in block:
                inner = "".join(f'<p class="Normal">{esc(t)}</p>' for t in box_paragraphs(block))
                out.append(f'<div class="box_brief_info">{inner}</div>')
        if paragraphs < 3:
            out.append(self.related_box(article))
        if len(article.related) > 1:
            rel = article.related[1]
            out.append(f'<p class="Normal"><strong><a href="{esc(rel["url"])}">&gt;&gt; {esc(rel["title"])}</a></strong></p>')
        out.append(self.sign_off(article))
        return "\n".join(x for x in out if x) + "\n"

    def xemthem(self, article: Article) -> str:
        ids = ",".join(r["url"].rsplit("-", 1)[-1].split(".")[0] for r in article.related)
        return (
            f'<div data-component="true" data-component-type="tin_xemthem" data-component-value="{ids}" '
            'data-thumb="1"></div>'
        )

    def article_page(self, article: Article) -> str:
        top = article.section_slug.split("/")[0]
        comment_input = json.dumps({"article_id": int(article.numeric_id), "site_id": 1000000, "category_id": self.folder_id(article.section_slug), "sign": "mock"})
        return (
            self.head(f"{article.title} - VnExpress", article.url, article.lead, self.meta(article))
            + self.header()
            + f"""<section class="section page-detail top-detail">
  <div class="container">
    <div class="social_pin"><ul class="social_left">
      <li><a href="javascript:;" class="btn_share" data-type="facebook" rel="nofollow">Facebook</a></li>
      <li><a href="javascript:;" class="btn_share" data-type="twitter" rel="nofollow">Twitter</a></li>
      <li><a href="#box_comment_vne" class="btn_share_comment"><span class="number_cmt txt_num_comment num_cmt_detail" data-objectid="{article.numeric_id}" data-objecttype="1">0</span></a></li>
    </ul></div>
    <div class="sidebar-1">
      <div class="header-content width_common">
        {self.breadcrumb(article)}
        <span class="date">{dateline(article.published)}</span>
      </div>
      <h1 class="title-detail">{esc(article.title)}</h1>
      <div class="topbar-sticky"><div class="container flexbox"><a href="/" class="logo">VnExpress</a><h2 class="title">{esc(article.title)}</h2>
        <div class="social"><span class="number_cmt txt_num_comment">0</span></div></div></div>
      <p class="description">{esc(article.lead)}</p>
      <article class="fck_detail ">
{self.blocks(article)}<span id="article-end"></span>
{self.xemthem(article)}
      </article>
      <div class="footer-content width_common">
        <a href="/{top}" class="back-folder">Trở lại {esc(self.section_name(top))}</a>
        <div class="myvne_save_for_later" data-article-id="{article.numeric_id}">Lưu bài viết</div>
        <div class="social"><a href="javascript:;" class="btn_share" data-type="facebook" rel="nofollow">Chia sẻ</a></div>
      </div>
    </div>
    <div class="sidebar-2">{self.most_read(article)}</div>
  </div>
</section>
<section class="section page-detail middle-detail">
  <div class="container">
    <div class="lazier" id="_detail_cungChuyenMuc"></div>
    <div class="lazier" id="_detail_quantam"></div>
    <div class="section-comment"><div id="box_comment_vne" class="box_comment_vne width_common" data-component="true" data-component-type="comment_library" data-component-input='{esc(comment_input)}'>
      <h3 class="title_box_category">Ý kiến (0)</h3></div></div>
    <div class="lazier" id="_detail_listtag"></div>
    <div id="_detail_bottom" class="banner-ads"></div>
  </div>
</section>
"""
            + self.footer()
        )

    # --- listings, home, search --------------------------------------------------------------

    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}" if page == 1 else f"/{slug}-p{page}"

    def listing_page(self, slug: str, title: str, items: list[Article], page: int, pages: int) -> str:
        url = self.url(self.listing_path(slug, page))
        cards = "".join(self.news_item(a) for a in items)
        nav = "".join(
            f'<a href="{self.listing_path(slug, n)}" class="{"btn-page active" if n == page else "btn-page"}">{n}</a>'
            for n in range(1, pages + 1)
        )
        if page < pages:
            nav += f'<a href="{self.listing_path(slug, page + 1)}" class="btn-page next-page" title="Trang sau">Trang sau</a>'
        pager = f'<div id="pagination" class="button-page flexbox">{nav}</div>' if pages > 1 else ""
        title_tag = f"{title} - VnExpress" + (f" - Trang {page}" if page > 1 else "")
        return (
            self.head(title_tag, url, f"Tin tức {title} mới nhất trên VnExpress")
            + self.header()
            + f"""<section class="section section-category"><div class="container">
  <div class="title-folder"><h1><a href="/{slug}">{esc(title)}</a></h1></div>
  <div class="col-left-folder"><div class="list-news-subfolder">
{cards}  </div>{pager}</div>
  <div class="col-right">{self.most_read(None)}</div>
</div></section>
"""
            + self.footer()
        )

    def home_page(self) -> str:
        top, rest = self.articles[0], self.articles[1:]
        cards = "".join(self.news_item(a) for a in rest[:15])
        return (
            self.head("Báo VnExpress - Báo tiếng Việt nhiều người xem nhất", self.url("/"), "Tin tức mới nhất trong ngày, cập nhật liên tục.")
            + self.header()
            + f"""<section class="section section_topstory"><div class="container">
{self.news_item(top, "item-news full-thumb article-topstory")}</div></section>
<section class="section section_container"><div class="container"><div class="col-left">
{cards}</div><div class="col-right">{self.most_read(None)}</div></div></section>
"""
            + self.footer()
        )

    def search_url(self, query: str) -> tuple[str, str, str]:
        return SEARCH_HOST, "/", query_string({"q": query, "media_type": "text", "search_f": "title,tag_list"})

    def search_page(self, query: str, hits: list[Article]) -> str:
        host, path, qs = self.search_url(query)
        cards = "".join(self.news_item(a) for a in hits)
        empty = "" if hits else '<p class="no-result">Không tìm thấy kết quả nào phù hợp.</p>'
        return (
            self.head(f"{query} - Tìm kiếm VnExpress", f"https://{host}{path}?{qs}", f"Kết quả tìm kiếm {query}")
            + self.header()
            + f"""<section class="section section-search"><div class="container">
  <div class="title-search"><h1>Kết quả cho <strong>{esc(query)}</strong></h1><span class="total">{len(hits)} kết quả</span></div>
  <div id="result_search" class="width_common list-news-subfolder">{cards}{empty}</div>
</div></section>
"""
            + self.footer()
        )

    # --- feeds, sitemaps, robots ---------------------------------------------------------------

    def rss_item(self, article: Article) -> str:
        img = image_url(article, "rss.jpg")
        desc = f'<a href="{article.url}"><img src="{img}" ></a></br>{article.lead}'
        return (
            f"    <item>\n      <title>{esc(article.title)}</title>\n"
            f"      <description>{cdata(desc)}</description>\n"
            f"      <pubDate>{rfc822(article.published)}</pubDate>\n"
            f"      <link>{esc(article.url)}</link>\n      <guid>{esc(article.url)}</guid>\n"
            f'      <enclosure type="image/jpeg" length="1200" url="{esc(img)}" />\n    </item>\n'
        )

    def feed(self, title: str, path: str, items: list[Article]) -> str:
        channel = {
            "title": f"{title} - VnExpress RSS",
            "description": f"{title} - VnExpress RSS",
            "link": self.url(path),
            "generator": "VnExpress",
            "pubDate": rfc822(items[0].published) if items else "",
            "language": "vi-vn",
        }
        return rss(channel, (self.rss_item(a) for a in items))

    def stale_items(self) -> list[Article]:
        """The older half of the articles: what a CDN copy hours behind still lists."""
        return self.articles[len(self.articles) // 2 :]

    def feeds(self) -> dict[str, str]:
        out = {"/rss/tin-moi-nhat.rss": self.feed("Tin mới nhất", "/rss/tin-moi-nhat.rss", self.stale_items())}
        for slug, name in self.sections.items():
            if "/" not in slug:
                out[f"/rss/{slug}.rss"] = self.feed(name, f"/rss/{slug}.rss", self.in_section(slug))
        return out

    def stale_feeds(self) -> list[str]:
        return ["/rss/tin-moi-nhat.rss"]

    def sitemaps(self) -> dict[str, str]:
        months: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            months[f"{article.published:%Y-%m}"].append(article)
        ordered = sorted(months.items(), reverse=True)
        index = sitemap_index(
            (self.url(f"/sitemap/articles-{m}.xml"), max(a.updated for a in items)) for m, items in ordered
        )
        shards = {f"/sitemap/articles-{m}.xml": urlset(url_row(a.url, a.updated) for a in items) for m, items in ordered}
        news = urlset((url_row(a.url, inner=news_inner(a, "VnExpress")) for a in self.articles[:10]), NS_NEWS)
        return {"/sitemap.xml": index, **shards, "/google-news-sitemap.xml": news}

    def news_sitemap(self) -> str | None:
        return "/google-news-sitemap.xml"

    def robots(self) -> str:
        return (
            "User-agent: *\nDisallow: /admin/\nDisallow: /ajax/\nDisallow: /microservice/\nDisallow: /dang-nhap\n\n"
            "Sitemap: https://vnexpress.net/sitemap.xml\n"
            "Sitemap: https://vnexpress.net/google-news-sitemap.xml\n"
        )
