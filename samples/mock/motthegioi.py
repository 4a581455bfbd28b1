# HTML templates: markup lines stay whole so the generated pages read like the real ones.
# ruff: noqa: E501
"""Mock motthegioi.vn (Một Thế Giới). Outlets README section 16: since the relaunch the site serves
`/{slug}/` URLs and `wp-content/uploads` images, so it is WordPress; the mock renders a standard
WordPress theme (an inference, as the README says): `h1.entry-title`, `div.entry-content`,
`time.entry-date`, `/feed/`, `/wp-sitemap.xml` -> `/wp-sitemap-posts-post-1.xml`,
`/chuyen-muc/{slug}/` paged `/page/{n}/`, search `/?s=`.
"""

from __future__ import annotations

from samples.mock.common import Article, esc, slugify
from samples.mock.simple import SimpleSite


class MotTheGioi(SimpleSite):
    domain = "motthegioi.vn"
    name = "Một Thế Giới"
    brand = "Một Thế Giới"
    css_prefix = "wp"
    img_base = "https://motthegioi.vn/wp-content/uploads"
    main_feed = "/feed/"
    section_feeds = False
    sitemap_path = "/wp-sitemap.xml"
    shard_pattern = "/wp-sitemap-posts-post-1.xml"
    search_path = "/"
    search_param = "s"
    latest_slug = "tin-moi"
    latest_name = "Tin mới"
    fixed_sections = {"cong-nghe": "Công nghệ"}
    related_wrapper = (
        '<div class="jp-relatedposts" id="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Bài liên quan</em></h3>{items}</div>'
    )
    source_template = '<p class="source"><em>Theo {source}</em></p>'
    section_names = {"cong-nghe": "Công nghệ", "thoi-su": "Thời sự", "kinh-te": "Kinh tế"}

    def image(self, article: Article, name: str, width: int = 800) -> str:
        return f"{self.img_base}/{article.published:%Y/%m}/{name}"

    def listing_path(self, slug: str, page: int) -> str:
        base = "" if slug == self.latest_slug else f"/chuyen-muc/{slug}"
        if slug == self.latest_slug:
            return "/tin-moi/" if page == 1 else f"/tin-moi/page/{page}/"
        return f"{base}/" if page == 1 else f"{base}/page/{page}/"

    def card(self, article: Article) -> str:
        url = esc(self.link(article))
        return (
            f'<article class="post type-post status-publish format-standard has-post-thumbnail"><a class="post-thumbnail" href="{url}">'
            f'<img src="{esc(self.image(article, "thumb.jpg"))}" class="wp-post-image" alt="" /></a>'
            f'<header class="entry-header"><h2 class="entry-title"><a href="{url}" rel="bookmark">{esc(article.title)}</a></h2></header>'
            f'<div class="entry-summary"><p>{esc(article.lead)}</p></div></article>\n'
        )

    def related_link(self, rel: dict[str, str]) -> str:
        return f'<div class="jp-relatedposts-post"><a href="{esc(rel["url"])}">{esc(rel["title"])}</a></div>'

    def in_body_ad(self) -> str:
        return '<div class="code-block code-block-2"><ins class="adsbygoogle" data-ad-slot="mock"></ins></div>'

    def article_main(self, article: Article) -> str:
        slug = article.section_slug.split("/")[0]
        authors = "".join(
            f'<span class="author vcard"><a class="url fn n" href="/tac-gia/{slugify(a)}/">{esc(a)}</a></span>' for a in article.authors
        )
        tags = "".join(f'<a href="/tag/{slugify(t)}/" rel="tag">{esc(t)}</a>' for t in article.tags)
        return f"""<article id="post-{article.numeric_id}" class="post type-post status-publish format-standard">
    <header class="entry-header">
        <span class="cat-links"><a href="/chuyen-muc/{slug}/" rel="category tag">{esc(article.section)}</a></span>
        <h1 class="entry-title">{esc(article.title)}</h1>
        <div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{article.published.isoformat()}">{article.published:%d/%m/%Y}</time></span><span class="byline">{authors}</span></div>
    </header>
    <div class="entry-content">
        <p class="sapo"><strong>{esc(article.lead)}</strong></p>
{self.body_blocks(article)}        {self.source_line(article)}
        <div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Chia sẻ:</h3></div>
    </div>
    <footer class="entry-footer"><span class="tags-links">{tags}</span></footer>
</article>
"""

    def search_url(self, query: str) -> tuple[str, str, str]:
        from samples.mock.site import query_string

        return self.domain, "/", query_string({"s": query})
