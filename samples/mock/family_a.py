# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock outlets of CMS family A (VCCorp-style `detail-*` / `data-role` markup) beside Tuổi Trẻ:
thanhnien.vn, nld.com.vn (merged into tuoitre.vn/nld) and baochinhphu.vn.

The page template is Tuổi Trẻ's (`samples/mock/tuoitre.py`); each outlet changes only what the
outlets README (sections 0.1, 4, 7, 12) says differs: brand, CDN, sapo tag, feeds and their dates,
sitemap layout, listing pagination, search path, and the nld.com.vn redirect.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from samples.mock.common import (
    NS_IMAGE,
    NS_NEWS,
    Article,
    esc,
    news_inner,
    rfc822,
    sitemap_index,
    url_row,
    urlset,
)
from samples.mock.site import query_string
from samples.mock.tuoitre import TuoiTre


def five_day_shard(dt: datetime, folder: str) -> str:
    """5-day shard holding a date: `{folder}/sitemaps-2026-10-1-5.xml` ... `-26-31.xml`."""
    start = min((dt.day - 1) // 5, 5) * 5 + 1
    end = start + 4 if start < 26 else 31
    return f"{folder}/sitemaps-{dt.year}-{dt.month}-{start}-{end}.xml"


class FamilyA(TuoiTre):
    """Shared differences from Tuổi Trẻ: RFC 822 feed dates, `/sitemap.xml` with 5-day shards."""

    sapo_tag = "h2"
    main_feed = "/rss/home.rss"
    shard_folder = "/sitemaps"
    sitemap_path = "/sitemap.xml"
    path_prefix = ""  # where the outlet's pages live on its host ("/nld" after the merger)

    def feed_date(self, dt: datetime) -> str:
        return rfc822(dt)

    def redirects(self) -> dict[str, str]:
        return {}

    def listing_path(self, slug: str, page: int) -> str:
        base = f"{self.path_prefix}/{slug}"
        return f"{base}.htm" if page == 1 else f"{base}/trang-{page}.htm"

    def sitemap_urls(self, article: Article) -> str:
        """URL a sitemap lists for the article."""
        return article.url

    def sitemap_row(self, article: Article) -> str:
        image = (
            f"    <image:image>\n      <image:loc>{esc(self.image(article, 'share.jpg', 1200))}</image:loc>\n"
            f"      <image:title><![CDATA[{article.title}]]></image:title>\n    </image:image>\n"
        )
        return url_row(self.sitemap_urls(article), article.updated, image + news_inner(article, self.brand))

    def shard_url(self, path: str) -> str:
        return self.url(path)

    def sitemaps(self) -> dict[str, str]:
        shards: dict[str, list[Article]] = defaultdict(list)
        for article in self.articles:
            shards[five_day_shard(article.published, self.path_prefix + self.shard_folder)].append(article)
        ns = f"{NS_NEWS} {NS_IMAGE}"
        files = {p: urlset((self.sitemap_row(a) for a in items), ns) for p, items in shards.items()}
        index = [(self.shard_url(p), max(a.updated for a in items)) for p, items in shards.items()]
        return {self.path_prefix + self.sitemap_path: sitemap_index(index), **files}

    def news_sitemap(self) -> str | None:
        return None

    def robots(self) -> str:
        return (
            "User-agent: *\nDisallow: /admin/\nDisallow: /ajax/\nDisallow: /preview/\n\n"
            f"Sitemap: {self.url(self.path_prefix + self.sitemap_path)}\n"
        )

    def feeds(self) -> dict[str, str]:
        out = {self.path_prefix + self.main_feed: self.feed("Trang chủ", self.articles)}
        for slug, name in self.sections.items():
            if "/" not in slug:
                out[f"{self.path_prefix}/rss/{slug}.rss"] = self.feed(name, self.in_section(slug))
        return out


class ThanhNien(FamilyA):
    """thanhnien.vn: `-185…` ids, listings paged through `/timelinelist/{category id}/{n}.htm`,
    `div.seo-suggest-link` blocks in the body, search at `/tim-kiem?keywords=`."""

    domain = "thanhnien.vn"
    name = "Thanh Niên"
    brand = "Báo Thanh Niên"
    site_title = "Báo Thanh Niên - Tin tức 24h mới nhất"
    meta_author = "Báo Thanh Niên"
    static = "https://static.thanhnien.com.vn/thanhnien.vn"
    cdn = "https://images2.thanhnien.vn/thumb_w/{width}/528068263637045248"
    search_path = "/tim-kiem"
    login = "https://id.thanhnien.vn/dang-nhap"
    fixed_sections = {"thoi-su": "Thời sự", "cong-nghe": "Công nghệ"}
    section_names = {"thoi-su": "Thời sự", "cong-nghe": "Công nghệ", "kinh-te": "Kinh tế", "doi-song": "Đời sống"}

    def category_id(self, slug: str) -> int:
        """Stable numeric id of a section, as the timeline URLs use."""
        return 185000 + sum(ord(c) for c in slug) % 1000

    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}.htm" if page == 1 else f"/timelinelist/{self.category_id(slug)}/{page}.htm"

    def inline_link(self, text: str) -> str:
        return f'<a class="seo-suggest-link" href="{esc(self.search_link(text))}" title="{esc(text)}">{esc(text)}</a>'

    def blocks(self, article: Article) -> str:
        extra = (
            '                <div class="seo-suggest-link"><span>Xem thêm:</span> '
            f'<a href="{esc(self.search_link("chuyển đổi số"))}">Tin tức chuyển đổi số mới nhất</a></div>\n'
        )
        return super().blocks(article) + extra


class Nld(FamilyA):
    """nld.com.vn after its 2026 merger: every nld.com.vn URL (RSS, listings, sitemaps, search, articles)
    answers 301 to the same path under tuoitre.vn/nld. Pages there keep the NLD family-A markup, with
    `time[datetime]` and `a.category-name_ac`. Feeds, listings and search link the new URLs; the
    sitemap shards are a pre-merger snapshot and still list the old nld.com.vn URLs."""

    domain = "nld.com.vn"
    host = "tuoitre.vn"
    path_prefix = "/nld"
    name = "Người Lao Động"
    brand = "Người Lao Động"
    site_title = "Báo Tuổi Trẻ - Tuổi Trẻ Online"
    meta_author = "Báo Người Lao Động Online"
    static = "https://static.tuoitre.vn/nld"
    cdn = "https://nld.mediacdn.vn/thumb_w/{width}/291774122806476800"
    search_path = "/nld/tim-kiem.htm"
    main_feed = "/rss/home.rss"
    latest_slug = "tin-24h"
    latest_name = "Tin 24h"
    time_datetime = True
    fixed_sections: dict[str, str] = {}
    section_names = {"thoi-su": "Thời sự", "kinh-te": "Kinh tế", "cong-nghe": "Công nghệ"}

    def final_url(self, article: Article) -> str:
        return "https://tuoitre.vn/nld" + article.path

    def page_path(self, article: Article) -> str:
        return "/nld" + article.path

    def shard_url(self, path: str) -> str:
        return "https://nld.com.vn" + path.removeprefix("/nld")

    def search_url(self, query: str) -> tuple[str, str, str]:
        return "tuoitre.vn", self.search_path, query_string({"keywords": query})

    def redirects(self) -> dict[str, str]:
        return {"/*": "https://tuoitre.vn/nld{path}"}

    def build(self) -> dict[str, dict[str, str]]:
        """Everything is rendered under tuoitre.vn/nld; nld.com.vn itself only redirects."""
        hosts = super().build()
        moved = hosts.pop(self.domain, {})
        moved.pop("robots.txt", None)
        moved.pop("index.html", None)
        hosts.setdefault("tuoitre.vn", {}).update({k: v for k, v in moved.items()})
        hosts["tuoitre.vn"]["nld/index.html"] = self.home_page()
        return hosts


class BaoChinhPhu(FamilyA):
    """baochinhphu.vn: `-102…` ids, sapo `(Chinhphu.vn) - `, `ul.detail-tag-list` tags, a photo
    download button inside the body, related items wrapped in `div.kbwscwlrl-content`."""

    domain = "baochinhphu.vn"
    name = "Báo Chính phủ"
    brand = "Báo Điện tử Chính phủ"
    site_title = "Báo Điện tử Chính phủ nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    meta_author = "Báo Điện tử Chính phủ"
    static = "https://static.mediacdn.vn/baochinhphu.vn"
    cdn = "https://bcp.cdnchinhphu.vn/thumb_w/{width}/334894974524682240"
    lead_prefix = "(Chinhphu.vn) - "
    latest_slug = "tin-moi"
    latest_name = "Tin mới"
    login = "https://baochinhphu.vn/dang-nhap.htm"
    fixed_sections = {"khoa-hoc-cong-nghe": "Khoa học - Công nghệ"}
    section_names = {"khoa-hoc-cong-nghe": "Khoa học - Công nghệ", "thoi-su": "Thời sự", "chinh-sach-moi": "Chính sách mới"}

    def tag_links(self, article: Article) -> str:
        items = "".join(
            f'<li><a href="{esc(self.search_link(t))}" title="{esc(t)}">{esc(t)}</a></li>' for t in article.tags
        )
        return f'<div class="detail-tag"><span class="title">Từ khóa:</span><ul class="detail-tag-list">{items}</ul></div>'

    def figure(self, article: Article, block: dict[str, Any]) -> str:
        button = '<div class="button-dowload-img"><a href="javascript:;" rel="nofollow">Tải ảnh</a></div>'
        return super().figure(article, block).replace("</figure>", button + "</figure>")
