# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock outlets of CMS family B (`article__*` / `cms-*` / `zce-content-body`, SDA ads): nhandan.vn,
tienphong.vn, sggp.org.vn and vietnamplus.vn (outlets README sections 0.2, 6, 8, 9, 10).

One template; the outlets differ in URL suffix, sapo prefix, section paths, feed names and the
boxes inside the body (VietnamPlus: share bar first, "(TTXVN/Vietnam+)" source line). Where the README
is thin (Nhân Dân's sitemap and dateline) the family's convention is rendered.
"""

from __future__ import annotations

from typing import Any

from samples.mock.common import Article, box_paragraphs, esc, slugify
from samples.mock.simple import SimpleSite


class FamilyB(SimpleSite):
    css_prefix = "zce"
    time_suffix = ""
    section_style = "html"  # "html": /{slug}.html ; "slash": /{slug}/
    share_in_body = False
    source_in_body = ""
    related_wrapper = '<div class="article-relate"><div class="box-heading">Tin liên quan</div>{items}</div>'

    def listing_path(self, slug: str, page: int) -> str:
        if self.section_style == "slash":
            return f"/{slug}/" if page == 1 else f"/{slug}/trang-{page}/"
        return f"/{slug}.html" if page == 1 else f"/{slug}/trang-{page}.html"

    def in_body_ad(self) -> str:
        return '<div class="sda_middle"><div id="sdaWeb_SdaArticleMiddle" class="rennab" data-platform="1"></div></div>'

    def related_link(self, rel: dict[str, str]) -> str:
        return (
            f'<article class="story"><h2 class="story__heading"><a class="cms-link" href="{esc(rel["url"])}" '
            f'title="{esc(rel["title"])}">{esc(rel["title"])}</a></h2></article>'
        )

    def figure(self, article: Article, block: dict[str, Any]) -> str:
        src = esc(self.image(article, block["img"]))
        caption = block.get("caption") or ""
        cap = f"<figcaption>{esc(caption)}</figcaption>" if caption else ""
        return f'<figure class="picture"><img class="cms-photo" src="{src}" data-src="{src}" alt="{esc(caption or article.title)}" />{cap}</figure>'

    def box(self, block: dict[str, Any]) -> str:
        inner = "".join(f"<p>{esc(t)}</p>" for t in box_paragraphs(block))
        return f'<div class="notebox align-center cms-note">{inner}</div>'

    def dateline(self, article: Article) -> str:
        return f"{article.published:%d/%m/%Y %H:%M}{self.time_suffix}"

    def article_main(self, article: Article) -> str:
        crumbs = "".join(
            f'<a href="{self.listing_path(s, 1)}" title="{esc(self.section_name(s))}">{esc(self.section_name(s))}</a>'
            for s in _prefixes(article.section_slug)
        )
        author_meta = "".join(f'<span class="author cms-author">{esc(a)}</span>' for a in article.authors)
        share = (
            '<div class="article__social"><a href="javascript:;" class="social facebook" rel="nofollow">Chia sẻ</a><a href="javascript:;" class="social zalo" rel="nofollow">Zalo</a></div>\n'
            if self.share_in_body
            else ""
        )
        source = f'<div class="article__source">{esc(self.source_in_body)}</div>' if self.source_in_body else ""
        theo = f'<div class="article__source">Theo <strong>{esc(article.source_attribution)}</strong></div>' if article.source_attribution and not source else ""
        tags = "".join(f'<a href="{self.url("/tag/" + slugify(t) + ".html")}" title="{esc(t)}">{esc(t)}</a>' for t in article.tags)
        names = "".join(f'<span class="name">{esc(a)}</span>' for a in article.authors)
        bottom_author = f'<div class="article__author">{names}</div>' if names else ""
        return f"""<div class="article">
    <div class="breadcrumb">{crumbs}</div>
    <h1 class="article__title cms-title">{esc(article.title)}</h1>
    <div class="article__meta">{author_meta}<time class="time" datetime="{article.published.isoformat()}">{self.dateline(article)}</time></div>
    <div class="article__sapo cms-desc"><p>{esc(self.lead_prefix + article.lead)}</p></div>
    <div class="article__body zce-content-body cms-body" itemprop="articleBody">
{share}{self.body_blocks(article)}            {source}{theo}
    </div>
    <div id="sdaWeb_SdaArticleAfterBody" class="rennab"></div>
    {bottom_author}
    <div class="article__tag"><span class="tag-title">Từ khóa:</span>{tags}</div>
    <div class="article__comment"><h3>Ý kiến bạn đọc</h3><textarea placeholder="Nhập ý kiến của bạn"></textarea></div>
</div>
"""


def _prefixes(slug: str) -> list[str]:
    parts = slug.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


class NhanDan(FamilyB):
    domain = "nhandan.vn"
    name = "Nhân Dân"
    brand = "Báo Nhân Dân điện tử"
    img_base = "https://image.nhandan.vn"
    search_path = "/tim-kiem/"
    latest_slug = "tin-moi"
    latest_name = "Tin mới"
    fixed_sections = {"khoahoc-congnghe": "Khoa học - Công nghệ"}
    section_names = {"khoahoc-congnghe": "Khoa học - Công nghệ", "kinhte": "Kinh tế", "xahoi": "Xã hội"}


class TienPhong(FamilyB):
    domain = "tienphong.vn"
    name = "Tiền Phong"
    brand = "Báo Tiền Phong"
    img_base = "https://image.tienphong.vn"
    section_style = "slash"
    search_path = "/tim-kiem/"
    fixed_sections = {"xa-hoi": "Xã hội", "khoa-hoc": "Khoa học"}
    section_names = {"xa-hoi": "Xã hội", "khoa-hoc": "Khoa học", "giai-tri": "Giải trí", "doi-song": "Đời sống"}


class Sggp(FamilyB):
    domain = "sggp.org.vn"
    host = "www.sggp.org.vn"
    name = "Sài Gòn Giải Phóng"
    brand = "Báo Sài Gòn Giải Phóng"
    img_base = "https://image.sggp.org.vn"
    section_style = "slash"
    search_path = "/tim-kiem/"
    lead_prefix = "(SGGP) - "
    fixed_sections = {"chinhtri": "Chính trị", "khoahoc-congnghe": "Khoa học - Công nghệ"}
    section_names = {"chinhtri": "Chính trị", "khoahoc-congnghe": "Khoa học - Công nghệ", "xahoi": "Xã hội"}

    def feeds(self) -> dict[str, str]:
        """The feed answers on the bare host (sggp.org.vn/rss/home.rss) too: the mock serves one folder."""
        return super().feeds()


class VietnamPlus(FamilyB):
    domain = "vietnamplus.vn"
    host = "www.vietnamplus.vn"
    name = "VietnamPlus"
    brand = "VietnamPlus"
    img_base = "https://mediafile.vietnamplus.vn"
    section_style = "slash"
    time_suffix = " GMT+7"
    share_in_body = True
    source_in_body = "(TTXVN/Vietnam+)"
    main_feed = "/rss/trangchu.rss"
    search_path = "/tim-kiem/"
    latest_slug = "topic/tin-moi-nhan-111"
    latest_name = "Tin mới nhận"
    fixed_sections = {"cong-nghe": "Công nghệ"}
    section_names = {"cong-nghe": "Công nghệ", "xa-hoi": "Xã hội", "chinh-tri": "Chính trị"}

    def listing_path(self, slug: str, page: int) -> str:
        if slug == self.latest_slug:
            return f"/{slug}.vnp" if page == 1 else f"/{slug}/trang-{page}.vnp"
        return super().listing_path(slug, page)
