"""Whole-site checks on the committed mock outlets: the pages, feeds, sitemaps, listings and robots.txt
carry what the crawler needs. Each test walks every outlet and reports every problem it finds in one
assertion message (the files themselves are pinned by test_render.py)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from samples.mock.common import gold_record
from tests.samples.mocks import ARTICLES, MANIFEST, final_url, local_file, no_problems, squash

SITEMAP_LOCS = "//*[local-name()='url' or local-name()='sitemap']/*[local-name()='loc']/text()"
PREFIXES = {"dantri.com.vn": "(Dân trí) - ", "baochinhphu.vn": "(Chinhphu.vn) - ", "sggp.org.vn": "(SGGP) - "}


def test_every_page_is_valid_and_carries_its_gold_text() -> None:
    problems: list[str] = []
    for article in ARTICLES:
        where = f"{article.outlet}/{article.id}"
        page = local_file(article.url)
        if not page.is_file():
            problems.append(f"{where}: no page {page}")
            continue
        raw = page.read_bytes()
        if not 4_000 < len(raw) < 60_000:
            problems.append(f"{where}: page size {len(raw)} outside 4,000-60,000 bytes")
        if b"<meta charset" not in raw[:300].lower():
            problems.append(f"{where}: no <meta charset> in the first 300 bytes")
        doc = lxml_html.fromstring(raw.decode("utf-8"))
        canonical = doc.xpath("//link[@rel='canonical']/@href")
        if canonical != [final_url(article.url)]:
            problems.append(f"{where}: canonical {canonical} is not [{final_url(article.url)}]")
        if not doc.xpath("//meta[@property='og:title']/@content"):
            problems.append(f"{where}: no og:title")
        text = squash(doc.text_content())
        gold = gold_record(article)
        for piece in [gold["title"], gold["lead"], *gold["body"], *gold["captions"], *gold["authors"]]:
            if squash(piece) not in text:
                problems.append(f"{where}: gold text not on the page: {piece[:60]!r}")
        prefix = PREFIXES.get(article.outlet, "")
        if (prefix + squash(article.lead)) not in text:
            problems.append(f"{where}: the lead is not printed as {prefix!r} + lead")
        if not prefix and f"({article.outlet}" in text:
            problems.append(f"{where}: an outlet prefix ({article.outlet}...) is printed")
    no_problems(problems, "article pages")


def test_dantri_layouts_follow_the_real_dom() -> None:
    problems: list[str] = []
    for article in (a for a in ARTICLES if a.outlet == "dantri.com.vn"):
        doc = lxml_html.fromstring(local_file(article.url).read_text(encoding="utf-8"))
        where = f"{article.id} ({article.layout or 'singular'})"
        if article.layout == "data-slot":
            selectors = ['div[data-slot="content"]#desktop-in-article', 'h2[data-slot="sapo"]']
        else:
            selectors = ["div.singular-content", "h1.title-page.detail"]
        if article.tags:
            selectors.append("ul.tags-wrap a[data-content-name=article-tags]")
        problems += [f"{where}: nothing matches {s}" for s in selectors if not doc.cssselect(s)]
        source = "".join(doc.xpath("//div[contains(@class,'singular-source')]//text()"))
        if ("Theo" in source) != bool(article.source_attribution):
            problems.append(f"{where}: the 'Theo ...' source line is {'missing' if 'Theo' not in source else 'extra'}")
    no_problems(problems, "dantri page layouts")


def test_tag_and_search_links_resolve() -> None:
    """Dân trí tags and Tuổi Trẻ tags are site-search URLs; their result pages are pre-rendered."""
    problems: list[str] = []
    for article in (a for a in ARTICLES if a.outlet in ("dantri.com.vn", "tuoitre.vn")):
        doc = lxml_html.fromstring(local_file(article.url).read_text(encoding="utf-8"))
        hrefs = doc.xpath("//ul[@class='tags-wrap']//a/@href | //div[@class='detail-tab']//a/@href")
        if len(hrefs) != len(article.tags):
            problems.append(f"{article.id}: {len(hrefs)} tag links for {len(article.tags)} tags")
        problems += [f"{article.id}: tag link {href} has no page" for href in hrefs if not local_file(href).is_file()]
    no_problems(problems, "tag links")


def test_feeds_and_sitemaps_list_existing_urls() -> None:
    problems: list[str] = []
    checked = 0
    for domain, info in MANIFEST.items():
        for url in [*info["feeds"], *info["sitemaps"]]:
            checked += 1
            if not local_file(url).is_file():
                problems.append(f"{url}: no file")
                continue
            tree = etree.fromstring(local_file(url).read_bytes())
            links = tree.xpath("//item/link/text()") or tree.xpath(SITEMAP_LOCS)
            if not links and not tree.xpath("//channel"):  # a section feed may be empty
                problems.append(f"{url}: neither links nor an RSS channel")
            for link in links:
                host = (urlsplit(final_url(link)).hostname or "").removeprefix("www.")
                if host not in (domain, "tuoitre.vn"):
                    problems.append(f"{url}: link {link} is on another host")
                if not local_file(link).is_file():
                    problems.append(f"{url}: link {link} has no file")
    assert checked, "no feed or sitemap in the manifest"
    no_problems(problems, "feeds and sitemaps")


def test_feed_dates_per_outlet() -> None:
    rfc = re.compile(r"^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0700$")
    us = re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$")
    problems: list[str] = []
    for domain, info in MANIFEST.items():
        pattern = us if domain == "tuoitre.vn" else rfc
        for url in info["feeds"]:
            dates = etree.fromstring(local_file(url).read_bytes()).xpath("//item/pubDate/text()")
            problems += [f"{url}: pubDate {d!r}" for d in dates if not pattern.match(d)]
    no_problems(problems, "feed dates")


def test_vnexpress_latest_feed_is_stale() -> None:
    info = MANIFEST["vnexpress.net"]
    stale = info["stale_feeds"]
    assert stale == ["https://vnexpress.net/rss/tin-moi-nhat.rss"]
    listed = etree.fromstring(local_file(stale[0]).read_bytes()).xpath("//item/link/text()")
    newest = info["articles"][0]
    assert newest not in listed or len(info["articles"]) == 1


def test_listings_paginate_by_five() -> None:
    problems: list[str] = []
    for domain, info in MANIFEST.items():
        for section in info["sections"]:
            for page in section["pages"]:
                doc = lxml_html.fromstring(local_file(page).read_text(encoding="utf-8"))
                canonical = doc.xpath("//link[@rel='canonical']/@href")
                if canonical != [page]:
                    problems.append(f"{page}: canonical {canonical}")
        latest = info["sections"][-1]
        want = max(1, -(-len(info["articles"]) // 5))
        if len(latest["pages"]) != want:
            problems.append(f"{domain}: latest-news listing has {len(latest['pages'])} pages, not {want}")
    no_problems(problems, "listings")


def test_robots_lists_the_sitemap() -> None:
    problems: list[str] = []
    for domain, info in MANIFEST.items():
        if not info["sitemap_index"] or domain == "nld.com.vn":  # no sitemap; nld's robots.txt is tuoitre's
            continue
        robots = local_file(info["robots"]).read_text(encoding="utf-8")
        if f"Sitemap: {info['sitemap_index']}" not in robots:
            problems.append(f"{domain}: robots.txt does not list {info['sitemap_index']}")
        if "Disallow: /admin/" not in robots:
            problems.append(f"{domain}: robots.txt does not disallow /admin/")
    no_problems(problems, "robots.txt")
