# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock tuoitre.vn (CMS family A, 2026): `detail-*` / `data-role` article pages with
`VCSortableInPreviewMode` boxes in the body, listings `/{section}.htm` + `/{section}/trang-N.htm`,
RSS with zone-less US dates, sitemaps `/sitemaps/index.rss` -> 5-day `/StaticSitemaps/...` shards.

The DOM follows outlets README sections 0.1 and 3; all visible boilerplate text is written here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from samples.mock.common import (
    NS_IMAGE,
    NS_NEWS,
    Article,
    box_paragraphs,
    cdata,
    esc,
    link_first,
    news_inner,
    rss,
    sitemap_index,
    slugify,
    url_row,
    urlset,
    us_local,
)
from samples.mock.site import Site, query_string

SITE_NAME = "Báo Tuổi Trẻ - Tuổi Trẻ Online"


def dateline(dt: datetime) -> str:
    """`05/10/2026 15:42 GMT+7` as shown in `time[data-role=publishdate]`."""
    return f"{dt:%d/%m/%Y %H:%M} GMT+7"


def image_url(article: Article, name: str, width: int = 730) -> str:
    """Photo address on the outlet's CDN (never fetched by the crawler)."""
    return f"https://cdn2.tuoitre.vn/thumb_w/{width}/471584752817336320/{article.published:%Y/%-m/%-d}/{name}"


def search_link(words: str) -> str:
    """Tag and inline keyword links point at the site search."""
    return "https://tuoitre.vn/tim-kiem.htm?" + query_string({"keywords": words})


def shard_name(dt: datetime) -> str:
    """5-day sitemap shard holding a date: `sitemaps-2026-10-1-5.xml`, ..., `-26-31.xml`."""
    start = min((dt.day - 1) // 5, 5) * 5 + 1
    end = start + 4 if start < 26 else 31
    return f"/StaticSitemaps/sitemaps-{dt.year}-{dt.month}-{start}-{end}.xml"


class TuoiTre(Site):
    domain = "tuoitre.vn"
    name = "Tuổi Trẻ"
    # Per-outlet values of the family A template (thanhnien, nld and baochinhphu override them).
    brand = "Tuổi Trẻ Online"
    site_title = SITE_NAME
    meta_author = "TUOI TRE ONLINE"
    static = "https://static.tuoitre.vn/tto"
    cdn = "https://cdn2.tuoitre.vn/thumb_w/{width}/471584752817336320"
    search_path = "/tim-kiem.htm"
    main_feed = "/rss/tin-moi-nhat.rss"
    sapo_tag = "p"
    lead_prefix = ""
    time_datetime = False  # nld's <time> also carries a datetime attribute
    login = "https://id.tuoitre.vn/dang-nhap"
    section_names = {
        "thoi-su": "Thời sự",
        "the-gioi": "Thế giới",
        "kinh-doanh": "Kinh doanh",
        "cong-nghe": "Công nghệ",
        "nhip-song-so": "Nhịp sống số",
        "phap-luat": "Pháp luật",
        "giao-duc": "Giáo dục",
        "xe": "Xe",
        "ban-doc-lam-bao": "Bạn đọc làm báo",
    }

    # --- family A parameters as methods -------------------------------------------------------

    def link(self, article: Article) -> str:
        """The URL listings, feeds and search results point at (the final one when the outlet moved)."""
        return self.final_url(article)

    def image(self, article: Article, name: str, width: int = 730) -> str:
        """Photo address on the outlet's CDN (never fetched by the crawler)."""
        return f"{self.cdn.format(width=width)}/{article.published:%Y/%-m/%-d}/{name}"

    def search_link(self, words: str) -> str:
        """Tag and inline keyword links point at the site search."""
        return self.url(self.search_path) + "?" + query_string({"keywords": words})

    def feed_date(self, dt: datetime) -> str:
        """Tuổi Trẻ's feeds carry zone-less US dates; the rest of the family RFC 822."""
        return us_local(dt)

    def time_tag(self, article: Article) -> str:
        attr = f' datetime="{article.published.isoformat()}"' if self.time_datetime else ""
        return f'<time data-role="publishdate"{attr}>{dateline(article.published)}</time>'

    def sapo(self, article: Article) -> str:
        tag = self.sapo_tag
        return f'<{tag} class="detail-sapo" data-role="sapo">{esc(self.lead_prefix + article.lead)}</{tag}>'

    def tag_links(self, article: Article) -> str:
        links = "".join(
            f'<a href="{esc(self.search_link(t))}" title="{esc(t)}" class="item">{esc(t)}</a>' for t in article.tags
        )
        return f'<div class="detail-tab">{links}</div>'

    # --- chrome ------------------------------------------------------------------------------

    def head(self, title: str, canonical: str, description: str, extra: str = "") -> str:
        return f"""<!DOCTYPE html>
<html lang="vi">
<head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{esc(title)}</title>
    <meta name="description" content="{esc(description)}" />
    <meta name="author" content="{self.meta_author}" />
    <link rel="canonical" href="{esc(canonical)}" />
    <meta property="og:site_name" content="{self.meta_author}" />
    <meta property="og:url" content="{esc(canonical)}" />
    <meta property="og:title" content="{esc(title)}" />
    <meta property="og:description" content="{esc(description)}" />
    <link rel="alternate" type="application/rss+xml" href="{self.url(self.main_feed)}" title="{self.brand} - Tin mới nhất" />
    <link rel="stylesheet" href="{self.static}/web/css/detail.min.css?v=mock" />
{extra}    <script src="{self.static}/web/js/main.min.js?v=mock" defer></script>
</head>
"""

    def header(self) -> str:
        nav = "".join(
            f'<li class="item"><a href="/{slug}.htm" title="{esc(name)}" class="nav-link">{esc(name)}</a></li>'
            for slug, name in self.sections.items()
            if "/" not in slug
        )
        return f"""<body>
<div class="header">
    <div class="header__top container"><a href="/" class="logo" title="{self.site_title}"><img src="{self.static}/web/images/logo.svg" alt="{self.brand}" /></a>
        <div class="header__right"><a href="/tin-moi-nhat.htm" class="btn-newest">Tin mới nhất</a>
        <form class="search-form" action="{self.search_path}"><input type="text" name="keywords" placeholder="Tìm kiếm" /></form>
        <a href="{self.login}" rel="nofollow" class="btn-login">Đăng nhập</a></div></div>
    <nav class="header__nav"><ul class="menu-nav container"><li class="item home"><a href="/" title="Trang chủ">Trang chủ</a></li>{nav}
        <li class="item"><a href="/video.htm">Video</a></li></ul></nav>
</div>
<div id="zone-header-ads" class="ads-top"><div id="share-header" data-type="banner"></div></div>
"""

    def footer(self) -> str:
        return """<div class="footer">
    <div class="container">
        <div class="footer__menu"><a href="/rss.htm">RSS</a> <a href="/lien-he-toa-soan.htm" rel="nofollow">Liên hệ tòa soạn</a>
            <a href="/lien-he-quang-cao.htm" rel="nofollow">Liên hệ quảng cáo</a> <a href="/dieu-khoan.htm" rel="nofollow">Điều khoản</a></div>
        <div class="footer__info"><p>Cơ quan chủ quản và tổng biên tập: thông tin mẫu cho bản giả lập.</p>
            <p>Giấy phép hoạt động báo điện tử do cơ quan quản lý nhà nước cấp.</p>
            <p>Không sao chép, tái bản nội dung khi chưa được sự đồng ý của tòa soạn.</p></div>
    </div>
</div>
</body>
</html>
"""

    def box_item(self, article: Article) -> str:
        """A story card (`div.box-category-item`) as in listings and sidebars."""
        url = esc(self.link(article))
        return (
            f'<div class="box-category-item" data-id="{article.numeric_id}"><a class="box-category-link-with-avatar" '
            f'href="{url}" title="{esc(article.title)}"><img src="{esc(self.image(article, "thumb.jpg", 200))}" '
            f'alt="{esc(article.title)}" /></a><div class="box-category-content"><h3 class="box-title-text">'
            f'<a class="box-category-link-title" data-linktype="newsdetail" data-id="{article.numeric_id}" '
            f'href="{url}" title="{esc(article.title)}">{esc(article.title)}</a></h3>'
            f'<p class="box-category-sapo">{esc(article.lead)}</p></div></div>\n'
        )

    def trending(self, article: Article | None) -> str:
        items = "".join(
            f'<li class="box-item"><span class="stt">{i}</span><h3 class="title-news"><a href="{esc(self.link(a))}" '
            f'title="{esc(a.title)}">{esc(a.title)}</a></h3></li>'
            for i, a in enumerate(self.others(article), 1)
        )
        return (
            '<div class="box-xemnhieu"><div class="box-heading"><h2 class="title">Đọc nhiều</h2></div>'
            f'<ul class="list-news-xemnhieu">{items}</ul></div>'
            '<div id="zone-right-ads" data-check-position="right_1"><div id="share-right"></div></div>'
        )

    # --- article page --------------------------------------------------------------------------

    def meta(self, article: Article) -> str:
        modified = (article.modified or article.published).isoformat()
        return (
            '    <meta property="og:type" content="article" />\n'
            f'    <meta property="og:image" content="{esc(self.image(article, "share.jpg", 1200))}" />\n'
            f'    <meta property="article:published_time" content="{article.published.isoformat()}" />\n'
            f'    <meta property="article:modified_time" content="{modified}" />\n'
            f'    <meta property="article:section" content="{esc(article.section)}" />\n'
            f'    <meta name="keywords" content="{esc(",".join(article.tags))}" />\n'
            f'    <meta name="pubdate" content="{article.published.isoformat()}" />\n'
        )

    def figure(self, article: Article, block: dict) -> str:
        src = self.image(article, block["img"])
        caption = block.get("caption") or ""
        cap = (
            f'<figcaption class="PhotoCMS_Caption"><p data-placeholder="Nhập chú thích ảnh">{esc(caption)}</p></figcaption>'
            if caption
            else ""
        )
        return (
            '<figure class="VCSortableInPreviewMode" type="Photo" style=""><div>'
            f'<a href="{esc(src)}" data-fancybox="img-lightbox" title="{esc(caption)}" target="_blank" '
            f'class="detail-img-lightbox" data-caption="{esc(caption)}"><img src="{esc(src)}" '
            f'data-original="{esc(src)}" id="img_{article.numeric_id[-6:]}" w="1920" h="1280" alt="{esc(caption or article.title)}" '
            f'title="{esc(caption or article.title)}" rel="lightbox" photoid="{article.numeric_id[-6:]}" type="photo" '
            f'style="max-width:100%;" width="" height="" /></a></div>{cap}</figure>'
        )

    def related_news_box(self, article: Article) -> str:
        """`<!-- bonewsrelation -->` + the floated related box inside the body."""
        items = "".join(
            f'<li class="kbwscwlrl" data-date="{article.published:%d/%m/%Y %H:%M}" data-url="{esc(r["url"])}" '
            f'data-title="{esc(r["title"])}"><h4 class="kbwscwlrl-title"><a href="{esc(r["url"])}" '
            f'title="{esc(r["title"])}" class="title link-callout">{esc(r["title"])}</a></h4>'
            f'<a href="{esc(r["url"])}" class="btn-readnow"><span>ĐỌC NGAY</span></a></li>'
            for r in article.related
        )
        return (
            '<!-- bonewsrelation -->\n<div class="VCSortableInPreviewMode alignRight" type="RelatedNewsBox" '
            'data-style="align-right" relatednewsboxtype="type-3"><div class="kbwscwl-relatedbox type-3 tuoitre">'
            f'<strong class="kbwscwlrb-title">Bài liên quan</strong><ul class="kbwscwlr-list">{items}</ul></div></div>'
        )

    def related_one(self, article: Article) -> str:
        """A single related story teaser (`RelatedOneNews`) near the end of the body."""
        other = next((a for a in self.articles if a is not article), None)
        if other is None:
            return ""
        return (
            '<div class="VCSortableInPreviewMode" type="RelatedOneNews"><div class="VCObjectBoxRelatedNewsContentWrapper">'
            f'<a class="OneNewsTitle" href="{esc(self.link(other))}" title="{esc(other.title)}">{esc(other.title)}</a>'
            f'<p class="VCObjectBoxRelatedNewsItemSapo">{esc(other.lead)}</p></div></div>'
        )

    def inline_link(self, text: str) -> str:
        return f'<a class="link-inline-content" href="{esc(self.search_link(text))}" title="{esc(text)}">{esc(text)}</a>'

    def blocks(self, article: Article) -> str:
        out = ['<div data-check-position="body_start"></div>']
        paragraphs = 0
        tag = article.tags[0] if article.tags else ""
        linked = False
        for block in article.body:
            if "p" in block:
                paragraphs += 1
                html = esc(block["p"])
                if not linked and tag and tag in block["p"]:
                    linked = True
                    html = link_first(block["p"], tag, self.inline_link)
                out.append(f"<p>{html}</p>")
                if paragraphs == 2:
                    out.append('<div id="zone-in-article"><div id="share-in-article" data-type="inpage"></div></div>')
                if paragraphs == 3 and article.related:
                    out.append(self.related_news_box(article))
            elif "h2" in block or "h3" in block:
                level = "h2" if "h2" in block else "h3"
                out.append(f"<{level}>{esc(block[level])}</{level}>")
            elif "img" in block:
                out.append(self.figure(article, block))
            elif "box" in block:
                inner = "".join(f"<p>{esc(t)}</p>" for t in box_paragraphs(block))
                out.append(f'<div class="VCSortableInPreviewMode alignCenter" type="content"><div>{inner}</div></div>')
        if paragraphs < 3 and article.related:
            out.append(self.related_news_box(article))
        out.append(self.related_one(article))
        if article.source_attribution:
            out.append(f'<p style="text-align: right;"><em>Theo {esc(article.source_attribution)}</em></p>')
        out.append(
            '<div class="readmore-body-box d-none"><a href="/" class="btn-readmore">Đọc tiếp</a>'
            f'<a href="/{article.section_slug}.htm" class="btn-topic">Về trang Chủ đề</a></div>'
        )
        return "\n".join(f"                {x}" for x in out if x) + "\n"

    def author_box(self, article: Article) -> str:
        names = article.authors
        if not names:
            return ""
        links = [
            f'<a href="{self.url("/tac-gia/")}{slugify(n)}.htm" class="name" title="{esc(n)}">{esc(n)}</a>' for n in names
        ]
        if len(names) == 1:
            return (
                '<div class="detail-author oneauthor" data-role="author"><div class="groupavtauthor">'
                f'<img src="{self.static}/web/images/avatar-default.png" alt="" /></div>'
                f'<div class="author-info">{links[0]}</div></div>'
            )
        slides = "".join(f'<div class="swiper-slide"><div class="author-item-name">{link}</div></div>' for link in links)
        more = f'<span class="morenameauthor">và {len(names) - 1} tác giả khác</span>'
        return (
            '<div class="detail-author" data-role="author"><div class="groupavtauthor"></div>'
            f'<div class="author-info">{links[0]}{more}</div><div class="swiper"><div class="swiper-wrapper">{slides}</div></div></div>'
        )

    def article_page(self, article: Article) -> str:
        bottom = ", ".join(f'<a href="{self.url("/tac-gia/")}{slugify(n)}.htm" class="name">{esc(n)}</a>' for n in article.authors)
        parents = article.section_slug.split("/")
        cates = "".join(
            f'<a href="{self.listing_path("/".join(parents[: i + 1]), 1)}" title="{esc(self.section_name("/".join(parents[: i + 1])))}" '
            f'class="category-name_ac" data-role="cate-name">{esc(self.section_name("/".join(parents[: i + 1])))}</a>'
            for i in range(len(parents))
        )
        return (
            self.head(f"{article.title} | {self.brand}", self.link(article), article.lead, self.meta(article))
            + self.header()
            + f"""<div class="detail__section container">
    <div class="detail-container">
        <div class="detail-cate">{cates}</div>
        <div class="detail-top">
            <div class="detail-time"><div data-role="publishdate-wrap">{self.time_tag(article)}</div></div>
            <div class="detail-share"><a href="javascript:;" class="btn-share fb" rel="nofollow">Chia sẻ</a><a href="#comment" class="btn-comment">Bình luận</a></div>
        </div>
        <h1 class="detail-title article-title" data-role="title">{esc(article.title)}</h1>
        {self.author_box(article)}
        <div class="audioplayer" data-file="https://tts.mediacdn.vn/{article.published:%Y/%m/%d}/tuoitre-nu-{article.numeric_id}.m4a"></div>
        {self.sapo(article)}
        <div class="detail-cmain">
            <div class="detail-content afcbc-body" data-role="content" itemprop="articleBody">
{self.blocks(article)}            </div>
            <div class="box-author-detail"><div class="detail-author-bot" data-role="author">{bottom}</div></div>
        </div>
        {self.tag_links(article)}
        <div class="main-content-body"><div id="objectPopupBody" class="content fck"></div></div>
        <section class="comment-wrapper" id="comment"><div class="box-heading"><h3 class="title">Bình luận (0)</h3></div>
            <div class="comment-input"><textarea placeholder="Chia sẻ ý kiến của bạn"></textarea><button class="btn-send">Gửi bình luận</button></div></section>
        <input type="hidden" id="hidNewsId" value="{article.numeric_id}" />
        <input type="hidden" id="hidNewsUrl" value="{esc(article.path)}" />
    </div>
    <div class="detail-sidebar">{self.trending(article)}</div>
</div>
"""
            + self.footer()
        )

    # --- listings, home, search --------------------------------------------------------------

    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}.htm" if page == 1 else f"/{slug}/trang-{page}.htm"

    def listing_page(self, slug: str, title: str, items: list[Article], page: int, pages: int) -> str:
        url = self.url(self.listing_path(slug, page))
        cards = "".join(self.box_item(a) for a in items)
        pager = ""
        if pages > 1:
            links = "".join(
                f'<a href="{self.listing_path(slug, n)}" class="{"item active" if n == page else "item"}">{n}</a>'
                for n in range(1, pages + 1)
            )
            more = f'<a href="{self.listing_path(slug, page + 1)}" class="view-more">Xem thêm</a>' if page < pages else ""
            pager = f'<div class="box-pagination">{links}{more}</div>'
        heading = title + (f" - Trang {page}" if page > 1 else "")
        return (
            self.head(f"{heading} - {self.brand}", url, f"Tin tức {title} mới nhất")
            + self.header()
            + f"""<div class="list__section container">
    <h1 class="category-title"><a href="/{slug}.htm">{esc(title)}</a></h1>
    <div class="list__listing-main box-category-middle">
{cards}    </div>
    {pager}
    <div class="list__sidebar">{self.trending(None)}</div>
</div>
"""
            + self.footer()
        )

    def home_page(self) -> str:
        cards = "".join(self.box_item(a) for a in self.articles[:15])
        return (
            self.head(self.site_title, self.url("/"), "Tin tức thời sự, chính trị, kinh tế, công nghệ cập nhật liên tục.")
            + self.header()
            + f"""<div class="home__section container">
    <div class="box-category box-focus">
{cards}    </div>
    <div class="home__sidebar">{self.trending(None)}</div>
</div>
"""
            + self.footer()
        )

    def search_url(self, query: str) -> tuple[str, str, str]:
        return self.domain, self.search_path, query_string({"keywords": query})

    def extra_search_queries(self) -> list[str]:
        return [t for a in self.articles for t in a.tags]

    def search_page(self, query: str, hits: list[Article]) -> str:
        _, path, qs = self.search_url(query)
        cards = "".join(self.box_item(a) for a in hits)
        empty = "" if hits else '<p class="search-empty">Không có kết quả phù hợp.</p>'
        return (
            self.head(f"Tìm kiếm {query} - {self.brand}", self.url(f"{path}?{qs}"), f"Kết quả tìm kiếm {query}")
            + self.header()
            + f"""<div class="search__section container">
    <h1 class="search-title">Kết quả tìm kiếm cho "{esc(query)}"</h1>
    <div class="box-category-middle">{cards}{empty}</div>
</div>
"""
            + self.footer()
        )

    def redirects(self) -> dict[str, str]:
        """Same id, any slug: tuoitre 301-redirects a wrong slug to the canonical URL."""
        return {f"/a-{a.numeric_id}.htm": a.url for a in self.articles}

    # --- feeds, sitemaps, robots ---------------------------------------------------------------

    def rss_item(self, article: Article) -> str:
        desc = f'<a href="{self.link(article)}"><img src="{self.image(article, "rss.jpg", 160)}" /></a>{article.lead}'
        return (
            f"    <item>\n      <title>{cdata(article.title)}</title>\n"
            f"      <link>{esc(self.link(article))}</link>\n      <guid>{esc(self.link(article))}</guid>\n"
            f"      <description>{cdata(desc)}</description>\n"
            f"      <pubDate>{self.feed_date(article.published)}</pubDate>\n    </item>\n"
        )

    def feed(self, title: str, items: list[Article]) -> str:
        channel = {
            "title": f"{self.brand} - {title}",
            "link": self.url("/"),
            "description": f"{title} - {self.brand}",
            "language": "vi",
            "pubDate": self.feed_date(items[0].published) if items else "",
        }
        return rss(channel, (self.rss_item(a) for a in items))

    def feeds(self) -> dict[str, str]:
        out = {self.main_feed: self.feed("Tin mới nhất", self.articles)}
        for slug, name in self.sections.items():
            if "/" not in slug:
                out[f"/rss/{slug}.rss"] = self.feed(name, self.in_section(slug))
        return out

    def sitemap_row(self, article: Article) -> str:
        image = (
            f"    <image:image>\n      <image:loc>{esc(self.image(article, 'share.jpg', 1200))}</image:loc>\n"
            f"      <image:title>{cdata(article.title)}</image:title>\n    </image:image>\n"
        )
        return url_row(article.url, article.updated, image + news_inner(article, self.brand))

    def sitemaps(self) -> dict[str, str]:
        shards: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            shards[shard_name(article.published)].append(article)
        ns = f"{NS_NEWS} {NS_IMAGE}"
        files = {p: urlset((self.sitemap_row(a) for a in items), ns) for p, items in shards.items()}
        newest = self.articles[0].updated
        index_rows = [(self.url(p), max(a.updated for a in items)) for p, items in shards.items()]
        index_rows.append((self.url("/sitemaps/category.rss"), newest))
        return {
            "/sitemaps/index.rss": sitemap_index(index_rows),
            **files,
            "/sitemaps/latest-news.rss": urlset((self.sitemap_row(a) for a in self.articles[:10]), ns),
            "/sitemaps/category.rss": urlset(url_row(self.url(s + ".htm"), newest, freq="hourly") for s in self.sections),
        }

    def news_sitemap(self) -> str | None:
        return "/sitemaps/latest-news.rss"

    def robots(self) -> str:
        return (
            "User-agent: *\nDisallow: /admin/\nDisallow: /ajax/\nDisallow: /preview/\nDisallow: /print/\n\n"
            "Sitemap: https://tuoitre.vn/sitemaps/index.rss\n"
            "Sitemap: https://tuoitre.vn/sitemaps/latest-news.rss\n"
        )
