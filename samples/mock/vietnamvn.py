# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock www.vietnam.vn (national information platform, an aggregator; outlets README section 15):
articles at `/{slug}` and machine translations at `/{lang}/{slug}`, categories `/category/{slug}`
with `a.v-link-title` links, no RSS. Each page names the paper it republishes ("Nguồn: ...") and a
translated page says it was translated automatically. The article DOM (`v-article-*`) is this mock's
own: the README found no selectors. Discovery: sitemap index with monthly shards plus a news sitemap,
category listings, site search.
"""

from __future__ import annotations

from samples.mock.common import Article, esc, slugify
from samples.mock.simple import SimpleSite

LANG_NAMES = {"en": "English", "es": "Español", "ko": "한국어", "fr": "Français", "zh": "中文", "ja": "日本語", "vi": "Tiếng Việt"}


class VietnamVn(SimpleSite):
    domain = "vietnam.vn"
    host = "www.vietnam.vn"
    name = "Vietnam.vn"
    brand = "Vietnam.vn"
    css_prefix = "v"
    img_base = "https://cdn.vietnam.vn/wp-content/uploads"
    main_feed = ""
    shard_pattern = "/sitemaps/post-{year}-{mm}.xml"
    news_sitemap_path = "/news-sitemap.xml"
    search_path = "/tim-kiem"
    latest_slug = "category/moi-nhat"
    latest_name = "Mới nhất"
    fixed_sections = {"category/cong-nghe": "Công nghệ", "en/category/cong-nghe": "Technology"}
    related_wrapper = '<div class="v-related"><h4>Bài viết liên quan</h4><ul>{items}</ul></div>'
    related_link_titles = False

    def _sections(self) -> dict[str, str]:
        """Category paths as the articles give them: `category/x`, or `en/category/x` for a translation."""
        out = dict(self.fixed_sections)
        for article in self.articles:
            out.setdefault(article.section_slug, article.section)
        return out

    def in_section(self, slug: str) -> list[Article]:
        return [a for a in self.articles if a.section_slug == slug]

    def head(self, title: str, canonical: str, description: str, extra: str = "", lang: str | None = None) -> str:
        return super().head(title, canonical, description, extra, lang).replace(
            '<link rel="alternate" type="application/rss+xml" href="https://www.vietnam.vn/" title="Vietnam.vn" />\n', ""
        )

    def image(self, article: Article, name: str, width: int = 800) -> str:
        return f"{self.img_base}/{article.published:%Y/%m}/{name}"

    def listing_path(self, slug: str, page: int) -> str:
        return f"/{slug}" if page == 1 else f"/{slug}/trang-{page}"

    def card(self, article: Article) -> str:
        url = esc(self.link(article))
        return (
            f'<div class="v-post-item"><a class="v-thumb" href="{url}"><img src="{esc(self.image(article, "thumb.jpg"))}" alt="" /></a>'
            f'<h3 class="v-title"><a class="v-link-title" href="{url}" title="{esc(article.title)}">{esc(article.title)}</a></h3>'
            f'<p class="v-excerpt">{esc(article.lead)}</p></div>\n'
        )

    def in_body_ad(self) -> str:
        return '<div class="v-ads" data-slot="in-article"></div>'

    def article_main(self, article: Article) -> str:
        authors = "".join(f'<span class="name">{esc(a)}</span>' for a in article.authors)
        source = (
            f'<div class="v-article-source">Nguồn: <strong>{esc(article.source_attribution)}</strong></div>'
            if article.source_attribution
            else ""
        )
        note = ""
        if article.language != "vi":
            note = f'<div class="v-translate-note">{esc(LANG_NAMES.get(article.language, article.language))}: bản dịch tự động từ tiếng Việt.</div>'
        langs = "".join(f'<a hreflang="{code}" href="/{code}/">{esc(label)}</a>' for code, label in LANG_NAMES.items() if code != "vi")
        tags = "".join(f'<a href="/tag/{slugify(t)}" title="{esc(t)}">{esc(t)}</a>' for t in article.tags)
        return f"""<article class="v-article">
    <nav class="v-breadcrumb"><a href="/">Trang chủ</a><a href="/{article.section_slug}">{esc(article.section)}</a></nav>
    <div class="v-lang-switch">{langs}</div>
    <h1 class="v-article-title">{esc(article.title)}</h1>
    <div class="v-article-meta"><div class="v-article-author">{authors}</div><time class="v-article-time" datetime="{article.published.isoformat()}">{article.published:%d/%m/%Y %H:%M}</time></div>
    <div class="v-article-sapo">{esc(article.lead)}</div>
    <div class="v-article-content">
            {note}
{self.body_blocks(article)}            {source}
    </div>
    <div class="v-article-tags">{tags}</div>
</article>
"""

    def article_page(self, article: Article) -> str:
        return super().article_page(article)
