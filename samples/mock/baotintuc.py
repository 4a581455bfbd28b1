# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock baotintuc.vn (Báo Tin tức, TTXVN; outlets README section 13). Confirmed there: URLs
`/{section}/{slug}-{17 digits}.htm`, the body wrapper `.boxdetail`, feeds `/tin-moi-nhat.rss` and
`/rss/trang-chu.rss`, search `/tim-kiem.htm?q=`. The rest (title block, `h2.sapo`, `div.date`,
`div.keywords`) is this mock's rendering of the same CMS generation. No sitemap.
"""

from __future__ import annotations

from samples.mock.common import Article, esc, slugify
from samples.mock.simple import SimpleSite


class BaoTinTuc(SimpleSite):
    domain = "baotintuc.vn"
    name = "Báo Tin tức"
    brand = "Báo Tin tức - TTXVN"
    css_prefix = "btt"
    img_base = "https://cdnmedia.baotintuc.vn/Upload/mock/files"
    main_feed = "/tin-moi-nhat.rss"
    sitemap_path = ""
    search_path = "/tim-kiem.htm"
    fixed_sections = {"thoi-su": "Thời sự", "khoa-hoc-cong-nghe": "Khoa học - Công nghệ"}
    section_names = {"thoi-su": "Thời sự", "khoa-hoc-cong-nghe": "Khoa học - Công nghệ", "kinh-te": "Kinh tế"}
    related_wrapper = '<div class="relate-news"><h3>Tin liên quan</h3><ul>{items}</ul></div>'

    def image(self, article: Article, name: str, width: int = 800) -> str:
        return f"{self.img_base}/{article.published:%Y/%m/%d}/{name}"

    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}.htm" if page == 1 else f"/{slug}/trang-{page}.htm"

    def feeds(self) -> dict[str, str]:
        out = super().feeds()
        out["/rss/trang-chu.rss"] = self.feed("Trang chủ", self.articles)
        return out

    def section_feed_path(self, slug: str) -> str:
        return f"/{slug}.rss"

    def in_body_ad(self) -> str:
        return '<div class="ads-in-content" id="adsInContent"></div>'

    def article_main(self, article: Article) -> str:
        slug = article.section_slug.split("/")[0]
        authors = "".join(f'<p class="author">{esc(a)}</p>' for a in article.authors)
        tags = "".join(f'<a href="/tu-khoa/{slugify(t)}.htm" title="{esc(t)}">{esc(t)}</a>' for t in article.tags)
        return f"""<div class="detail-wrap">
    <ul class="breadcrumb"><li><a href="/">Trang chủ</a></li><li><a href="{self.listing_path(slug, 1)}">{esc(self.section_name(slug))}</a></li></ul>
    <div class="detail-title"><h1>{esc(article.title)}</h1></div>
    <div class="date">{article.published:%d/%m/%Y %H:%M}</div>
    <div class="boxdetail">
        <h2 class="sapo">{esc(article.lead)}</h2>
        <div class="contents">
{self.body_blocks(article)}        </div>
        {authors}
    </div>
    {self.source_line(article)}
    <div class="keywords"><span>Từ khóa:</span>{tags}</div>
    <div class="comment"><iframe id="ifComment{article.numeric_id}" src="about:blank" title="Bình luận"></iframe></div>
</div>
"""
