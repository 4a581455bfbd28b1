# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock daidoanket.vn (Đại Đoàn Kết; outlets README section 14 gives URLs `/{slug}-{8 digits}.html`,
`media.daidoanket.vn` images and feeds `/rss/chuyen-muc/{slug}/feed.xml`, no selectors). The article
DOM is this mock's rendering of a CMS of that generation: `h1.title-detail`, `div.sapo`,
`div.detail-content-body`. Sections `/{slug}` paged `/{slug}/trang-{n}`; no sitemap, no search.
"""

from __future__ import annotations

from samples.mock.common import Article, esc, slugify
from samples.mock.simple import SimpleSite


class DaiDoanKet(SimpleSite):
    domain = "daidoanket.vn"
    name = "Đại Đoàn Kết"
    brand = "Báo Đại Đoàn Kết"
    css_prefix = "ddk"
    img_base = "https://media.daidoanket.vn"
    main_feed = "/rss/chuyen-muc/xa-hoi/feed.xml"  # the footer's RSS link
    related_wrapper = '<div class="related-inline"><span>Đọc thêm</span><ul>{items}</ul></div>'
    related_link_titles = False
    sitemap_path = ""
    fixed_sections = {"xa-hoi": "Xã hội", "khoa-hoc-cong-nghe": "Khoa học - Công nghệ"}
    section_names = {"xa-hoi": "Xã hội", "khoa-hoc-cong-nghe": "Khoa học - Công nghệ", "mat-tran": "Mặt trận", "kinh-te": "Kinh tế"}

    def image(self, article: Article, name: str, width: int = 1200) -> str:
        return f"{self.img_base}/w{width}/uploaded/images/{article.published:%Y/%m/%d}/{name}"

    def section_feed_path(self, slug: str) -> str:
        return f"/rss/chuyen-muc/{slug}/feed.xml"

    def feeds(self) -> dict[str, str]:
        out = {}
        for slug, name in self.sections.items():
            if "/" not in slug:
                out[self.section_feed_path(slug)] = self.feed(name, self.in_section(slug))
        return out

    def in_body_ad(self) -> str:
        return '<div class="ads-box"><ins class="adsbyddk" data-zone="inread"></ins></div>'

    def article_main(self, article: Article) -> str:
        slug = article.section_slug.split("/")[0]
        authors = "".join(f'<span class="author">{esc(a)}</span>' for a in article.authors)
        tags = "".join(f'<a href="/tag/{slugify(t)}" title="{esc(t)}">{esc(t)}</a>' for t in article.tags)
        return f"""<div class="detail-page">
    <div class="breadcrumbs"><a href="/">Trang chủ</a><a href="{self.listing_path(slug, 1)}">{esc(self.section_name(slug))}</a></div>
    <h1 class="title-detail">{esc(article.title)}</h1>
    <div class="meta">{authors}<span class="date">{article.published:%d/%m/%Y %H:%M}</span></div>
    <div class="sapo">{esc(article.lead)}</div>
    <div class="detail-content-body">
{self.body_blocks(article)}    </div>
    {self.source_line(article)}
    <div class="box-tags">{tags}</div>
</div>
"""
