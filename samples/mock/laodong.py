# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock laodong.vn (own CMS, outlets README sections 0.4 and 11, the 2026 layout): `h1` title,
`div.chappeau` sapo, `span.time` "Thứ năm, 01/01/2026 21:59 (GMT+7)", `a.main-cat-lnk` category,
body `div.detail-content[itemprop=articleBody]`. URLs `/{section}/{slug}-{id}.ldo`, listings
`/{section}` paged `?page=N`, `/tin-moi`, RSS `/rss/*.rss`, `/sitemap.xml`.

Quirk: the server's `_rules.json` puts every path behind the JavaScript `D1N` cookie challenge.
"""

from __future__ import annotations

from typing import Any

from samples.mock.common import Article, esc, slugify, weekday_vi
from samples.mock.simple import SimpleSite


class LaoDong(SimpleSite):
    domain = "laodong.vn"
    name = "Lao Động"
    brand = "Báo Lao Động"
    css_prefix = "ld"
    img_base = "https://media-cdn-v2.laodong.vn/storage/newsportal"
    latest_slug = "tin-moi"
    latest_name = "Tin mới"
    search_path = "/tim-kiem"
    related_wrapper = '<div class="box-related"><div class="title">Tin liên quan</div><ul>{items}</ul></div>'
    related_link_titles = False
    fixed_sections = {"cong-nghe": "Công nghệ"}
    section_names = {"xa-hoi": "Xã hội", "thoi-su": "Thời sự", "cong-nghe": "Công nghệ", "kinh-doanh": "Kinh doanh"}

    def rules(self) -> dict[str, Any]:
        return {"js_cookie_challenge": {"cookie": "D1N"}}

    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}" if page == 1 else f"/{slug}?page={page}"

    def pager(self, slug: str, page: int, pages: int) -> str:
        return super().pager(slug, page, pages).replace('class="pagination"', 'class="pagination ld-paging"')

    def card(self, article: Article) -> str:
        url = esc(self.link(article))
        return (
            f'<article class="article-large"><a class="link-blk" href="{url}" title="{esc(article.title)}">'
            f'<img src="{esc(self.image(article, "thumb.jpg", 400))}" alt="{esc(article.title)}" /></a>'
            f'<h2 class="title"><a href="{url}" title="{esc(article.title)}">{esc(article.title)}</a></h2>'
            f'<p class="chappeau">{esc(article.lead)}</p></article>\n'
        )

    def in_body_ad(self) -> str:
        return '<div class="ads inner-banner" data-position="ArticleInline"></div>'

    def article_main(self, article: Article) -> str:
        dt = article.published
        slug = article.section_slug.split("/")[0]
        authors = "".join(f'<span class="author">{esc(a)}</span>' for a in article.authors)
        tags = "".join(f'<a href="/tags/{slugify(t)}.ldo" title="{esc(t)}">{esc(t)}</a>' for t in article.tags)
        return f"""<div class="article-detail">
    <div class="breadcrumbs"><a class="main-cat-lnk" href="/{slug}" title="{esc(self.section_name(slug))}">{esc(self.section_name(slug))}</a>
        <span class="time">{weekday_vi(dt).capitalize()}, {dt:%d/%m/%Y %H:%M} (GMT+7)</span></div>
    <div class="title"><h1>{esc(article.title)}</h1></div>
    <div class="chappeau"><p>{esc(article.lead)}</p></div>
    <div class="detail-content" itemprop="articleBody">
{self.body_blocks(article)}    </div>
    {self.source_line(article)}
    <div class="author-info">{authors}</div>
    <div class="tags"><span>Tags:</span>{tags}</div>
    <div class="comment-box"><h3>Bình luận</h3><textarea placeholder="Gửi bình luận"></textarea></div>
</div>
"""
