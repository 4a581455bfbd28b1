# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock dantri.com.vn: the `singular-*` layout (2022-2025), the `data-slot` layout (late 2025-2026),
listings `/{section}.htm` + `/{section}/trang-N.htm`, RSS `/rss/*.rss`, sitemaps under `/sitemaps/`.

The DOM follows outlets README section 1; all visible boilerplate text is written for this mock.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from urllib.parse import quote

from samples.mock.common import (
    NS_NEWS,
    Article,
    box_paragraphs,
    cdata,
    esc,
    link_first,
    news_inner,
    rfc822,
    rss,
    sitemap_index,
    slugify,
    url_row,
    urlset,
    weekday_vi,
)
from samples.mock.site import Site

PREFIX = "(Dân trí) - "
SITE_NAME = "Báo điện tử Dân trí"
BLANK = "data:image/svg+xml;charset=utf-8,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 3 2'%3E%3C/svg%3E"


def dateline(dt: datetime) -> str:
    """`Thứ sáu, 09/05/2025 - 11:02` as shown under the title."""
    return f"{weekday_vi(dt)}, {dt:%d/%m/%Y - %H:%M}"


def image_url(article: Article, name: str) -> str:
    """Photo address on the outlet's CDN (never fetched by the crawler)."""
    return f"https://cdnphoto.dantri.com.vn/x{article.numeric_id[-6:]}/{article.published:%Y/%m/%d}/{name}"


def tag_url(tag: str) -> str:
    """Dân trí tag links are site-search URLs: `/tim-kiem/<words joined by +>.htm`."""
    return "https://dantri.com.vn/tim-kiem/" + quote(tag.lower().replace(" ", "+"), safe="+") + ".htm"


class Dantri(Site):
    domain = "dantri.com.vn"
    name = "Dân trí"
    section_names = {
        "xa-hoi": "Xã hội",
        "the-gioi": "Thế giới",
        "kinh-doanh": "Kinh doanh",
        "cong-nghe": "Công nghệ",
        "suc-manh-so": "Sức mạnh số",
        "giao-duc": "Giáo dục",
        "phap-luat": "Pháp luật",
        "noi-vu": "Nội vụ",
        "suc-khoe": "Sức khỏe",
        "du-lich": "Du lịch",
    }

    # --- page chrome -------------------------------------------------------------------------

    def head(self, title: str, canonical: str, description: str, extra: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="UTF-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1.0" />
  <title>{esc(title)}</title>
  <meta name="description" content="{esc(description)}" />
  <link rel="canonical" href="{esc(canonical)}" />
  <meta property="og:site_name" content="{SITE_NAME}" />
  <meta property="og:url" content="{esc(canonical)}" />
  <meta property="og:title" content="{esc(title)}" />
  <meta property="og:description" content="{esc(description)}" />
  <meta property="fb:app_id" content="164035690775918" />
  <link rel="alternate" type="application/rss+xml" title="Dân trí - Trang chủ" href="https://dantri.com.vn/rss/home.rss" />
  <link rel="stylesheet" href="https://cdnweb.dantri.com.vn/dist/main.2-4-1.css" />
{extra}  <script async src="https://cdnweb.dantri.com.vn/dist/runtime.2-4-1.js"></script>
</head>
"""

    def header(self) -> str:
        items = "".join(
            f'      <li><a href="{self.url(slug + ".htm")}" title="{esc(name)}">{esc(name)}</a></li>\n'
            for slug, name in self.sections.items()
            if "/" not in slug
        )
        return f"""<body>
  <header>
    <nav class="header-pc container bg-wrap">
      <div class="header-top flex-jcb">
        <h1 class="header-logo flex-jcc"><a href="https://dantri.com.vn/" aria-label="{SITE_NAME} - Tin tức cập nhật suốt ngày đêm"><img alt="{SITE_NAME}" src="https://cdnweb.dantri.com.vn/dist/logo.svg" width="118" height="46" /></a></h1>
        <form class="search-bar" action="https://dantri.com.vn/tim-kiem.htm"><input type="text" name="q" placeholder="Nhập từ khóa tìm kiếm..." /><button type="submit" aria-label="Tìm"></button></form>
        <div class="header-area flex-jcb" data-module="authen-header"><button type="button" class="header-account">Đăng nhập</button></div>
      </div>
    </nav>
  </header>
  <nav role="navigation" aria-label="menu" class="nav-pc container bg-wrap">
    <ol class="menu-wrap bg-wrap">
      <li class="home"><a href="https://dantri.com.vn/" aria-label="Trang chủ">Trang chủ</a></li>
      <li><a href="https://dantri.com.vn/tin-moi-nhat.htm">Mới nhất</a></li>
{items}      <li><a href="https://dantri.com.vn/video-page.htm" rel="nofollow">Video</a></li>
    </ol>
  </nav>
"""

    def footer(self) -> str:
        return """  <footer class="footer container bg-wrap">
    <div class="footer-wrap">
      <div class="footer-col footer-one">
        <ul class="footer-list">
          <li>Báo điện tử hoạt động theo giấy phép của cơ quan quản lý báo chí</li>
          <li>Tòa soạn: số nhà mẫu, phố mẫu, quận mẫu, Hà Nội</li>
          <li>Đường dây nóng: <a href="tel:0000000000">000-000-0000</a></li>
          <li>Thư điện tử: <a href="mailto:toasoan@example.invalid">toasoan@example.invalid</a></li>
        </ul>
      </div>
      <div class="footer-col footer-two">
        <ul class="footer-list">
          <li><a href="https://dantri.com.vn/rss.htm">RSS</a></li>
          <li><a href="https://dantri.com.vn/lien-he.htm" rel="nofollow">Liên hệ tòa soạn</a></li>
          <li><a href="https://dantri.com.vn/quang-cao.htm" rel="nofollow">Liên hệ quảng cáo</a></li>
          <li><a href="https://dantri.com.vn/chinh-sach-bao-mat.htm" rel="nofollow">Chính sách bảo mật</a></li>
        </ul>
        <p class="copyright">Bản quyền thuộc về Dân trí. Cấm sao chép dưới mọi hình thức khi chưa được sự đồng ý bằng văn bản.</p>
      </div>
    </div>
  </footer>
  <div data-module="back-to-top"></div>
</body>
</html>
"""

    def item(self, article: Article, name: str, pos: int, thumb: bool = True) -> str:
        """One story card (`article.article-item`), as in listings, sidebars and related boxes."""
        img = (
            f'<div class="article-thumb"><a href="{esc(article.url)}"><img alt="{esc(article.title)}" '
            f'data-src="{esc(image_url(article, "thumb.jpg"))}" src="{BLANK}" width="135" height="90" /></a></div>'
            if thumb
            else ""
        )
        return (
            f'<article class="article-item" data-content-name="{name}" '
            f'data-content-piece="{name}-position_{pos}" data-content-target="{esc(article.path)}">'
            f'{img}<div class="article-content"><h3 class="article-title"><a href="{esc(article.url)}">'
            f'{esc(article.title)}</a></h3><div class="article-excerpt"><a data-prop="sapo" '
            f'href="{esc(article.url)}">{esc(article.lead)}</a></div></div></article>\n'
        )

    def sidebar(self, article: Article | None, label: str) -> str:
        items = "".join(self.item(a, "article-popular", i) for i, a in enumerate(self.others(article), 1))
        return f"""        <div class="sidebar">
          <article class="article-lot line">
            <div class="article-head">{esc(label)}</div>
            {items}          </article>
          <div class="mdbl dta-sticky"><div id="dta-200010-container" class="dta-unit" data-partner="adbro"></div></div>
        </div>
"""

    # --- article page ------------------------------------------------------------------------

    def article_page(self, article: Article) -> str:
        desc = PREFIX + article.lead
        extra = (
            '  <meta property="og:type" content="article" />\n'
            f'  <meta property="og:image" content="{esc(self.og_image(article))}" />\n'
            f'  <meta property="article:section" content="{esc(article.section)}" />\n'
            f'  <meta name="keywords" content="{esc(", ".join(article.tags))}" />\n'
        )
        page_title = f"{article.title} | {SITE_NAME}"
        main = self.singular(article) if article.layout != "data-slot" else self.data_slot(article)
        return (
            self.head(page_title, article.url, desc, extra)
            + self.header()
            + f'  <main class="body container">\n    <div data-module="post-news-viewed" '
            f'data-idnews="{article.numeric_id}"></div>\n{self.breadcrumb(article)}{main}'
            f'    <div data-module="news-content-report" data-articleid="{article.numeric_id}"></div>\n'
            "  </main>\n"
            + self.footer()
        )

    def og_image(self, article: Article) -> str:
        images = article.images()
        return image_url(article, images[0]["img"] if images else "share.jpg")

    def breadcrumb(self, article: Article) -> str:
        parts = article.section_slug.split("/")
        links = []
        for i in range(len(parts)):
            slug = "/".join(parts[: i + 1])
            links.append(
                f'        <li class="dt-float-left"><a title="{esc(self.section_name(slug))}" '
                f'href="{self.url(slug + ".htm")}" data-content-name="article-breadcrumb" '
                f'data-content-piece="article-breadcrumb-position_{i + 1}" '
                f'data-content-target="/{slug}.htm">{esc(self.section_name(slug))}</a></li>\n'
            )
        return f'    <div class="breadcrumb-wrap">\n      <ul class="dt-list-none">\n{"".join(links)}      </ul>\n    </div>\n'

    def blocks(self, article: Article, new_layout: bool) -> str:
        """The body: paragraphs, headings, figures, boxes, with ads and (new layout) promo boxes."""
        out: list[str] = []
        paragraphs = 0
        figures = 0
        linked = False
        tag = article.tags[0] if article.tags else ""
        for block in article.body:
            if "p" in block:
                paragraphs += 1
                html = esc(block["p"])
                if not linked and tag and tag in block["p"]:
                    linked = True
                    html = link_first(block["p"], tag, lambda t: self.autolink(t, tag, article))
                out.append(f"<p>{html}</p>")
                if paragraphs == 2:
                    out.append(self.ad(100000, new_layout))
                if paragraphs == 4 and new_layout:
                    out.append(self.related_box(article, inline=True))
            elif "h2" in block or "h3" in block:
                level = "h2" if "h2" in block else "h3"
                out.append(f"<{level}>{esc(block[level])}</{level}>")
            elif "img" in block:
                figures += 1
                out.append(self.figure(article, block, figures))
            elif "box" in block:
                inner = "".join(f"<p>{esc(t)}</p>" for t in box_paragraphs(block))
                out.append(f'<div class="content-box align-center"><div class="content-box__inner">{inner}</div></div>')
        if new_layout:
            out.append(self.business_box())
        out.append(self.ad(100001, new_layout))
        return "\n".join(f"              {line}" for line in out) + "\n"

    def autolink(self, text: str, tag: str, article: Article) -> str:
        return (
            f'<a href="{esc(tag_url(tag))}" data-auto-link-id="{slugify(tag)[:24]}" data-track-content="" '
            f'data-content-name="article-content-autolink" data-content-target="{esc(article.path)}">{esc(text)}</a>'
        )

    def ad(self, number: int, new_layout: bool) -> str:
        unit = f'<div id="dta-{number}-container" class="dta-unit" data-partner="adbro" style="width: auto !important"></div>'
        return f'<div data-slot="ads-in-content">{unit}</div>' if new_layout else unit

    def figure(self, article: Article, block: dict, number: int) -> str:
        label = f"{article.title} - {number}"
        src = image_url(article, block["img"])
        caption = block.get("caption")
        cap = f"<figcaption><p>{esc(caption)}</p></figcaption>" if caption else ""
        return (
            f'<figure class="image align-center" contenteditable="false"><img title="{esc(label)}" '
            f'alt="{esc(label)}" data-original="{esc(src)}" data-src="{esc(src)}" src="{BLANK}" '
            f'width="1600" height="1067" />{cap}</figure>'
        )

    def business_box(self) -> str:
        return (
            '<section class="article-business"><div class="article-business__head">Thông tin doanh nghiệp</div>'
            '<a href="https://dantri.com.vn/kinh-doanh/doanh-nghiep.htm">Cùng doanh nghiệp vượt qua thách thức '
            "chuyển mình: xem thêm các câu chuyện thành công</a></section>"
        )

    def related_box(self, article: Article, inline: bool = False) -> str:
        if not article.related:
            return ""
        items = []
        for i, rel in enumerate(article.related, 1):
            url = esc(rel["url"])
            items.append(
                f'<article class="article-item" data-content-name="article-related" '
                f'data-content-piece="article-related-position_{i}" data-track-content="">'
                f'<div class="article-content"><h3 class="article-title"><a href="{url}">{esc(rel["title"])}</a>'
                f"</h3></div></article>"
            )
        cls = "article-related article-related--inline" if inline else "article-related"
        return f'<aside class="{cls}"><div class="title-head">Tin liên quan</div>{"".join(items)}</aside>'

    def authors_html(self, article: Article, new_layout: bool) -> str:
        links = []
        for name in article.authors:
            href = self.url(f"tac-gia/{slugify(name)}.htm")
            if new_layout:
                links.append(
                    f'<a rel="author" href="{href}" class="dt-flex dt-items-center dt-gap-2">'
                    f'<img src="{BLANK}" alt="" width="28" height="28" /><span>{esc(name)}</span></a>'
                )
            else:
                links.append(f'<a href="{href}"><b>{esc(name)}</b></a>')
        return ", ".join(links)

    def source_html(self, article: Article, new_layout: bool) -> str:
        if not article.source_attribution:
            return ""
        attr = ' data-slot="source"' if new_layout else ""
        return f'            <div class="singular-source"{attr}>Theo <strong>{esc(article.source_attribution)}</strong></div>\n'

    def tail(self, article: Article) -> str:
        """Tags, comments and the 'same section' list that follow every article."""
        tags = "".join(
            f'<li><a href="{esc(tag_url(t))}" data-content-name="article-tags" '
            f'data-content-piece="article-tags-position_{i}">{esc(t)}</a></li>'
            for i, t in enumerate(article.tags, 1)
        )
        peers = [a for a in self.in_section(article.section_slug.split("/")[0]) if a is not article]
        same = "".join(
            self.item(a, "article-same-category", i) for i, a in enumerate(peers or self.others(article), 1)
        )
        return f"""          <ul class="tags-wrap"><li class="label"><b>Từ khóa:</b></li>{tags}</ul>
          <div id="comment" data-module="comment" data-objectid="{article.numeric_id}">
            <div class="comment-wrap"><div class="comment-head flex-jcb"><div class="comment-title">Bình luận (0)</div>
            <div class="comment-action"><button type="button" class="login">Đăng nhập</button><span>để gửi bình luận</span></div></div>
            <div class="comment-box"><textarea placeholder="Chia sẻ ý kiến của bạn"></textarea></div></div>
          </div>
          <div class="dt-flex dt-flex-col article-same-category"><div class="title-head">Tin cùng chuyên mục</div>
            {same}          </div>
"""

    def singular(self, article: Article) -> str:
        kicker = f'            <h3 class="title-sub">{esc(article.kicker)}</h3>\n' if article.kicker else ""
        return f"""    <div class="body-container">
      <div class="grid-container">
        <div class="singular-wrap">
          <article class="singular-container">
{kicker}            <h1 class="title-page detail">
              {esc(article.title)}
            </h1>
            <div class="author-wrap">
              <div class="author-avatar"><img src="{BLANK}" alt="" width="40" height="40" /></div>
              <div class="author-meta">
                <div class="author-name">{self.authors_html(article, False)}</div>
                <time class="author-time" datetime="{article.published:%Y-%m-%d %H:%M}">
                  {dateline(article.published)}
                </time>
              </div>
            </div>
            <div data-module="article-audio-new" data-article-id="{article.numeric_id}"><div class="audio-placeholder">Nghe bài viết</div></div>
            <h2 class="singular-sapo">
              {esc(PREFIX + article.lead)}
            </h2>
            <div class="singular-content">
{self.blocks(article, False)}            </div>
{self.source_html(article, False)}          </article>
          <div data-module="interaction" data-object-id="{article.numeric_id}"></div>
          {self.related_box(article)}
{self.tail(article)}        </div>
{self.sidebar(article, "Đọc nhiều trong " + article.section)}      </div>
    </div>
"""

    def data_slot(self, article: Article) -> str:
        kicker = (
            f'          <p data-slot="kicker" class="dt-text-sm dt-font-bold">{esc(article.kicker)}</p>\n'
            if article.kicker
            else ""
        )
        return f"""    <div class="dt-grid dt-grid-cols-12 dt-gap-8">
      <div class="dt-col-span-8">
        <article data-slot="container" class="dt-flex dt-flex-col dt-gap-4">
{kicker}          <h1 data-slot="title" class="dt-text-[32px] dt-font-bold dt-leading-[130%]">{esc(article.title)}</h1>
          <div class="dt-flex dt-items-center dt-gap-3 dt-text-c565656">
            <div data-slot="authors" class="dt-flex dt-gap-2">{self.authors_html(article, True)}</div>
            <time datetime="{article.published.isoformat()}" class="dt-text-sm">{dateline(article.published)}</time>
          </div>
          <div data-module="article-audio-new" data-article-id="{article.numeric_id}"><audio preload="none" src="https://acdn.dantri.com.vn/tts/{article.numeric_id}.mp3"></audio></div>
          <h2 data-slot="sapo" class="dt-text-lg dt-font-bold">{esc(PREFIX + article.lead)}</h2>
          <div data-slot="content" id="desktop-in-article" class="dt-flex dt-flex-col dt-gap-4">
{self.blocks(article, True)}          </div>
{self.source_html(article, True)}        </article>
        <div data-module="interaction" data-object-id="{article.numeric_id}"></div>
{self.tail(article)}      </div>
      <div class="dt-col-span-4">
{self.sidebar(article, "Đọc nhiều")}      </div>
    </div>
"""

    # --- listings, home, search ----------------------------------------------------------------

    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}.htm" if page == 1 else f"/{slug}/trang-{page}.htm"

    def pager(self, slug: str, page: int, pages: int) -> str:
        links = []
        for n in range(1, pages + 1):
            cls = "page-item active" if n == page else "page-item"
            links.append(f'<a class="{cls}" href="{self.url(self.listing_path(slug, n))}">{n}</a>')
        if page < pages:
            links.append(f'<a class="page-item next" href="{self.url(self.listing_path(slug, page + 1))}">Trang sau</a>')
        return f'<div class="pagination">{"".join(links)}</div>' if pages > 1 else ""

    def listing_page(self, slug: str, title: str, items: list[Article], page: int, pages: int) -> str:
        url = self.url(self.listing_path(slug, page))
        heading = title + (f" - Trang {page}" if page > 1 else "")
        cards = "".join(self.item(a, "article-list", i) for i, a in enumerate(items, 1))
        return (
            self.head(f"{heading} | {SITE_NAME}", url, f"Tin tức {title} mới nhất trên {SITE_NAME}")
            + self.header()
            + f"""  <main class="body container">
    <h1 class="title-page"><a href="{self.url(slug + '.htm')}">{esc(title)}</a></h1>
    <div class="grid-container">
      <div class="article-list">
        {cards}        {self.pager(slug, page, pages)}
      </div>
{self.sidebar(None, "Đọc nhiều")}    </div>
  </main>
"""
            + self.footer()
        )

    def home_page(self) -> str:
        focus, rest = self.articles[0], self.articles[1:]
        cards = "".join(self.item(a, "article-home", i) for i, a in enumerate(rest[:12], 2))
        boxes = "".join(
            f'    <section class="box-category"><h2 class="box-category__title"><a href="{self.url(slug + ".htm")}">'
            f'{esc(name)}</a></h2>{"".join(self.item(a, "article-category", i, False) for i, a in enumerate(self.in_section(slug)[:3], 1))}</section>\n'
            for slug, name in self.sections.items()
            if "/" not in slug
        )
        return (
            self.head(f"{SITE_NAME} - Tin tức cập nhật suốt ngày đêm", self.url("/"), "Tin tức thời sự, kinh tế, xã hội, công nghệ cập nhật liên tục.")
            + self.header()
            + f"""  <main class="body container">
    <div class="highlight">
      <article class="article-item article-focus"><h3 class="article-title"><a href="{esc(focus.url)}">{esc(focus.title)}</a></h3>
      <div class="article-excerpt"><a data-prop="sapo" href="{esc(focus.url)}">{esc(focus.lead)}</a></div></article>
      {cards}    </div>
{boxes}  </main>
"""
            + self.footer()
        )

    def search_url(self, query: str) -> tuple[str, str, str]:
        return self.domain, "/tim-kiem/" + query.lower().replace(" ", "+") + ".htm", ""

    def extra_search_queries(self) -> list[str]:
        return [t.lower() for a in self.articles for t in a.tags]

    def search_page(self, query: str, hits: list[Article]) -> str:
        _, path, _ = self.search_url(query)
        url = "https://dantri.com.vn" + quote(path, safe="/+")
        cards = "".join(self.item(a, "article-search", i) for i, a in enumerate(hits, 1))
        empty = "" if hits else '<p class="search-empty">Không tìm thấy kết quả phù hợp.</p>'
        return (
            self.head(f"Tìm kiếm: {query} | {SITE_NAME}", url, f"Kết quả tìm kiếm cho {query}")
            + self.header()
            + f"""  <main class="body container">
    <h1 class="search-title">Kết quả tìm kiếm: <b>{esc(query)}</b> ({len(hits)} kết quả)</h1>
    <div class="article-list">{cards}{empty}</div>
  </main>
"""
            + self.footer()
        )

    # --- feeds, sitemaps, robots ---------------------------------------------------------------

    def rss_item(self, article: Article) -> str:
        desc = f'<a href="{article.url}"><img src="{self.og_image(article)}" /></a></br>{PREFIX}{article.lead}'
        return (
            f"    <item>\n      <title>{esc(article.title)}</title>\n      <link>{esc(article.url)}</link>\n"
            f'      <guid isPermaLink="true">{esc(article.url)}</guid>\n'
            f"      <description>{cdata(desc)}</description>\n"
            f"      <category>{esc(article.section)}</category>\n"
            f"      <pubDate>{rfc822(article.published)}</pubDate>\n    </item>\n"
        )

    def feed(self, path: str, title: str, items: list[Article]) -> str:
        channel = {
            "title": f"Dân trí - {title}",
            "link": self.url("/"),
            "description": f"Tin {title.lower()} từ {SITE_NAME}",
            "language": "vi",
            "lastBuildDate": rfc822(items[0].published) if items else "",
            "ttl": "10",
        }
        return rss(channel, (self.rss_item(a) for a in items))

    def feeds(self) -> dict[str, str]:
        out = {
            "/rss/home.rss": self.feed("/rss/home.rss", "Trang chủ", self.articles),
            "/rss/tin-moi-nhat.rss": self.feed("/rss/tin-moi-nhat.rss", "Tin mới nhất", self.articles),
        }
        for slug, name in self.sections.items():
            if "/" not in slug:
                out[f"/rss/{slug}.rss"] = self.feed(f"/rss/{slug}.rss", name, self.in_section(slug))
        return out

    def sitemaps(self) -> dict[str, str]:
        months: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            months[f"{article.published:%Y-%m}"].append(article)
        shards = {
            f"/sitemaps/articles-{month}.xml": urlset(url_row(a.url, a.updated) for a in items)
            for month, items in sorted(months.items(), reverse=True)
        }
        newest = self.articles[0].updated
        categories = urlset(url_row(self.url(s + ".htm"), newest, freq="hourly") for s in self.sections)
        index_rows = [(self.url(f"/sitemaps/articles-{m}.xml"), max(a.updated for a in items)) for m, items in months.items()]
        index_rows.append((self.url("/sitemaps/category-sitemap.xml"), newest))
        news = urlset((url_row(a.url, inner=news_inner(a, "Dân trí")) for a in self.articles[:10]), NS_NEWS)
        return {
            "/sitemaps/articles.xml": sitemap_index(index_rows),
            **shards,
            "/sitemaps/category-sitemap.xml": categories,
            "/google-news-sitemap.xml": news,
        }

    def news_sitemap(self) -> str | None:
        return "/google-news-sitemap.xml"

    def robots(self) -> str:
        return (
            "User-agent: *\nDisallow: /admin/\nDisallow: /api/\nDisallow: /preview/\nAllow: /\n\n"
            "User-agent: GPTBot\nDisallow: /\n\n"
            "Sitemap: https://dantri.com.vn/sitemaps/articles.xml\n"
            "Sitemap: https://dantri.com.vn/google-news-sitemap.xml\n"
        )
