# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock vietnamnet.vn (own CMS, outlets README section 5): `content-detail-*` title and sapo, body
`div.maincontent#maincontent` with `table.image` photos and `article.ck-cms-insert-news` embeds,
dateline `Thứ Sáu, 26/12/2025 - 22:10`, tags in the misspelt `div.tag-cotnent`. Sections `/{slug}`
paged `-page{n}`; the ICT coverage of the former ICTnews is the section `/thong-tin-truyen-thong`.
"""

from __future__ import annotations

import zlib
from typing import Any

from samples.mock.common import Article, esc, slugify, weekday_vi
from samples.mock.simple import SimpleSite


class VietNamNet(SimpleSite):
    domain = "vietnamnet.vn"
    name = "VietNamNet"
    brand = "Báo VietNamNet"
    css_prefix = "vnn"
    img_base = "https://static-images.vnncdn.net/files/publish"
    main_feed = "/rss/tin-moi-nhat.rss"
    search_path = "/tim-kiem-p1"
    latest_slug = "tin-tuc-24h"
    latest_name = "Tin tức 24h"
    fixed_sections = {"thong-tin-truyen-thong": "Thông tin và Truyền thông", "thoi-su": "Thời sự"}
    section_names = {"thong-tin-truyen-thong": "Thông tin và Truyền thông", "thoi-su": "Thời sự", "kinh-doanh": "Kinh doanh"}
    source_template = '<p class="source-note"><em>Theo {source}</em></p>'

    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}" if page == 1 else f"/{slug}-page{page - 1}"

    def card(self, article: Article) -> str:
        url = esc(self.link(article))
        return (
            f'<div class="horizontalPost version-news"><div class="horizontalPost__avt"><a href="{url}" title="{esc(article.title)}">'
            f'<img src="{esc(self.image(article, "thumb.jpg", 300))}" alt="{esc(article.title)}" /></a></div>'
            f'<div class="horizontalPost__main"><h3 class="horizontalPost__main-title vnn-title"><a href="{url}" title="{esc(article.title)}">{esc(article.title)}</a></h3>'
            f'<div class="horizontalPost__main-desc"><p>{esc(article.lead)}</p></div></div></div>\n'
        )

    def figure(self, article: Article, block: dict[str, Any]) -> str:
        src = esc(self.image(article, block["img"], 1000))
        caption = block.get("caption") or ""
        cap = f'<tr><td class="image_desc"><p>{esc(caption)}</p></td></tr>' if caption else ""
        return f'<table class="image center"><tbody><tr><td><img src="{src}" alt="{esc(caption or article.title)}" /></td></tr>{cap}</tbody></table>'

    def related_box(self, article: Article) -> str:
        if not article.related:
            return ""
        first = article.related[0]
        return (
            f'<article class="ck-cms-insert-news" data-vnnembed="true" data-vnnembedtype="article" data-vnnembedid="{zlib.crc32(first["url"].encode()) % 10**7}">'
            f'<a href="{esc(first["url"])}"><picture><img src="{self.img_base}/related.jpg" alt="" /></picture></a>'
            f'<div class="insert-wiki-title"><a href="{esc(first["url"])}" title="{esc(first["title"])}">{esc(first["title"])}</a></div></article>'
        )

    def in_body_ad(self) -> str:
        return '<div class="vnn-ads" id="vnn-ads-inread"></div>'

    def box(self, block: dict[str, Any]) -> str:
        return super().box(block).replace('class="notebox"', 'class="inner-article"')

    def article_main(self, article: Article) -> str:
        crumbs = "".join(
            f'<li><a href="{self.listing_path(s, 1)}" title="{esc(self.section_name(s))}">{esc(self.section_name(s))}</a></li>'
            for s in [p for p in _prefixes(article.section_slug)]
        )
        dt = article.published
        authors = "".join(
            f'<p class="article-detail-author__info"><span class="name"><a href="/tac-gia/{slugify(a)}">{esc(a)}</a></span></p>' for a in article.authors
        )
        tags = "".join(f'<li><a href="/chu-de/{slugify(t)}" title="{esc(t)}">{esc(t)}</a></li>' for t in article.tags)
        return f"""<div class="content-detail container">
    <div class="bread-crumb-detail sm-show-time"><ul><li><a href="/" title="Trang chủ">Trang chủ</a></li>{crumbs}</ul>
        <div class="bread-crumb-detail__time">{weekday_vi(dt).replace("Thứ s", "Thứ S").replace("Thứ b", "Thứ B").replace("Thứ h", "Thứ H").replace("Thứ n", "Thứ N").replace("Thứ t", "Thứ T")}, {dt:%d/%m/%Y} - {dt:%H:%M}</div></div>
    <h1 class="content-detail-title">{esc(article.title)}</h1>
    <h2 class="content-detail-sapo sm-sapo-mb-0">{esc(article.lead)}</h2>
    <div class="maincontent main-content" id="maincontent">
{self.body_blocks(article)}    </div>
    {self.source_line(article)}
    <div class="article-detail-author">{authors}</div>
    <div class="tag-cotnent"><ul>{tags}</ul></div>
    <div class="vnn-comment"><h3>Bình luận</h3><textarea placeholder="Viết bình luận của bạn"></textarea></div>
</div>
"""


def _prefixes(slug: str) -> list[str]:
    parts = slug.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
