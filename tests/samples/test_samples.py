"""Checks on the committed mock outlets (`samples/sites`, `samples/gold`) and their HTTP server.

Nothing is built here: the generated files are committed, so these tests catch a template change
that was not followed by `python -m samples.build`, and a server that breaks the mirror contract.
"""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from lxml import etree
from lxml import html as lxml_html

from samples.build import GOLD, SITES, load_articles
from samples.mock.common import Article, gold_record
from samples.mock.site import file_for
from samples.server import serving

GOLD_KEYS = {
    "url", "canonical_url", "outlet", "title", "lead", "body", "captions", "authors", "published",
    "language", "section", "tags", "source_attribution", "translated_from",
}
SITEMAP_LOCS = "//*[local-name()='url' or local-name()='sitemap']/*[local-name()='loc']/text()"
PREFIXES = {"dantri.com.vn": "(Dân trí) - ", "baochinhphu.vn": "(Chinhphu.vn) - ", "sggp.org.vn": "(SGGP) - "}

ARTICLES: list[Article] = [a for items in load_articles().values() for a in items]
MANIFEST: dict = json.loads((SITES / "manifest.json").read_text(encoding="utf-8"))


def final_url(url: str) -> str:
    """Where a URL really answers: nld.com.vn redirects every path to tuoitre.vn/nld (see its _redirects.json)."""
    parts = urlsplit(url)
    if parts.hostname == "nld.com.vn":
        return "https://tuoitre.vn/nld" + parts.path + (f"?{parts.query}" if parts.query else "")
    return url


def challenged(outlet: str) -> bool:
    """Outlets whose mock answers a JavaScript cookie challenge first (laodong)."""
    return (SITES / outlet / "_rules.json").is_file()


def local_file(url: str) -> Path:
    """File under samples/sites that serves a real URL (same rule as the server)."""
    parts = urlsplit(final_url(url))
    host = parts.hostname.removeprefix("www.")
    return SITES / host / file_for(unquote(parts.path), parts.query)


def mirror_path(url: str) -> str:
    """Request path the crawler's mirror middleware sends for a real URL."""
    parts = urlsplit(url)
    path = quote(unquote(parts.path), safe="/+")
    return f"/{parts.netloc}{path}" + (f"?{parts.query}" if parts.query else "")


def fetch(base: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request without following redirects."""
    conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
    try:
        conn.request(method, path)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_articles_exist() -> None:
    assert ARTICLES, "no article JSON under samples/articles"
    assert set(MANIFEST) == {a.outlet for a in ARTICLES}


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_article_has_page_and_gold(article: Article) -> None:
    page = local_file(article.url)
    assert page.is_file(), page
    gold = json.loads((GOLD / article.outlet / f"{article.id}.json").read_text(encoding="utf-8"))
    assert set(gold) == GOLD_KEYS
    expected = gold_record(article)
    expected["url"] = expected["canonical_url"] = final_url(article.url)
    assert gold == expected, "gold is stale: run python -m samples.build"
    assert gold["translated_from"] is None or article.language != "vi"
    assert not gold["lead"].startswith("(")
    assert re.search(r"[+-]07:00$", gold["published"])
    assert article.url in MANIFEST[article.outlet]["articles"]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.id)
def test_page_is_valid_and_carries_gold_text(article: Article) -> None:
    raw = local_file(article.url).read_bytes()
    assert 4_000 < len(raw) < 60_000
    assert b"<meta charset" in raw[:300].lower()
    doc = lxml_html.fromstring(raw.decode("utf-8"))
    assert doc.xpath("//link[@rel='canonical']/@href") == [final_url(article.url)]
    assert doc.xpath("//meta[@property='og:title']/@content")
    text = squash(doc.text_content())
    gold = gold_record(article)
    for piece in [gold["title"], gold["lead"], *gold["body"], *gold["captions"], *gold["authors"]]:
        assert squash(piece) in text, piece
    prefix = PREFIXES.get(article.outlet, "")
    assert (prefix + squash(article.lead)) in text
    if not prefix:
        assert f"({article.outlet}" not in text


def test_dantri_layouts_follow_the_real_dom() -> None:
    for article in (a for a in ARTICLES if a.outlet == "dantri.com.vn"):
        doc = lxml_html.fromstring(local_file(article.url).read_text(encoding="utf-8"))
        if article.layout == "data-slot":
            assert doc.cssselect('div[data-slot="content"]#desktop-in-article')
            assert doc.cssselect('h2[data-slot="sapo"]')
        else:
            assert doc.cssselect("div.singular-content")
            assert doc.cssselect("h1.title-page.detail")
        assert doc.cssselect("ul.tags-wrap a[data-content-name=article-tags]") or not article.tags
        assert ("Theo" in "".join(doc.xpath("//div[contains(@class,'singular-source')]//text()"))) == bool(
            article.source_attribution
        )


def test_tag_and_search_links_resolve() -> None:
    """Dân trí tags and Tuổi Trẻ tags are site-search URLs; their result pages are pre-rendered."""
    for article in (a for a in ARTICLES if a.outlet in ("dantri.com.vn", "tuoitre.vn")):
        doc = lxml_html.fromstring(local_file(article.url).read_text(encoding="utf-8"))
        hrefs = doc.xpath("//ul[@class='tags-wrap']//a/@href | //div[@class='detail-tab']//a/@href")
        assert len(hrefs) == len(article.tags)
        for href in hrefs:
            assert local_file(href).is_file(), href


def feed_and_map_urls() -> list[tuple[str, str]]:
    out = []
    for domain, info in MANIFEST.items():
        out += [(domain, u) for u in info["feeds"]]
        out += [(domain, u) for u in info["sitemaps"]]
    return out


@pytest.mark.parametrize(("domain", "url"), feed_and_map_urls(), ids=lambda v: str(v))
def test_feeds_and_sitemaps_list_existing_urls(domain: str, url: str) -> None:
    tree = etree.fromstring(local_file(url).read_bytes())
    links = tree.xpath("//item/link/text()") or tree.xpath(SITEMAP_LOCS)
    assert links or tree.xpath("//channel"), url  # a section feed may be empty
    for link in links:
        assert (urlsplit(final_url(link)).hostname or "").removeprefix("www.") in (domain, "tuoitre.vn")
        assert local_file(link).is_file(), link


def test_feed_dates_per_outlet() -> None:
    rfc = re.compile(r"^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0700$")
    us = re.compile(r"^\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} [AP]M$")
    for domain, info in MANIFEST.items():
        for url in info["feeds"]:
            dates = etree.fromstring(local_file(url).read_bytes()).xpath("//item/pubDate/text()")
            pattern = us if domain == "tuoitre.vn" else rfc
            assert all(pattern.match(d) for d in dates), (url, dates[:2])


def test_vnexpress_latest_feed_is_stale() -> None:
    info = MANIFEST["vnexpress.net"]
    stale = info["stale_feeds"]
    assert stale == ["https://vnexpress.net/rss/tin-moi-nhat.rss"]
    listed = etree.fromstring(local_file(stale[0]).read_bytes()).xpath("//item/link/text()")
    newest = info["articles"][0]
    assert newest not in listed or len(info["articles"]) == 1


def test_listings_paginate_by_five() -> None:
    for info in MANIFEST.values():
        for section in info["sections"]:
            for page in section["pages"]:
                doc = lxml_html.fromstring(local_file(page).read_text(encoding="utf-8"))
                assert doc.xpath("//link[@rel='canonical']/@href") == [page]
        latest = info["sections"][-1]
        assert len(latest["pages"]) == max(1, -(-len(info["articles"]) // 5))


def test_robots_lists_the_sitemap() -> None:
    for domain, info in MANIFEST.items():
        if not info["sitemap_index"] or domain == "nld.com.vn":  # no sitemap; nld's robots.txt is tuoitre's
            continue
        robots = local_file(info["robots"]).read_text(encoding="utf-8")
        assert f"Sitemap: {info['sitemap_index']}" in robots
        assert "Disallow: /admin/" in robots


# --- the server ---------------------------------------------------------------------------------


def test_server_serves_page_feed_robots_and_search() -> None:
    article = ARTICLES[0]
    info = MANIFEST[article.outlet]
    with serving() as base:
        status, headers, body = fetch(base, mirror_path(article.url))
        assert status == 200
        assert headers["content-type"] == "text/html; charset=utf-8"
        assert body == local_file(article.url).read_bytes()
        status, headers, body = fetch(base, mirror_path(info["feeds"][0]))
        assert (status, headers["content-type"]) == (200, "application/rss+xml; charset=utf-8")
        assert body == local_file(info["feeds"][0]).read_bytes()
        status, headers, _ = fetch(base, mirror_path(info["robots"]))
        assert (status, headers["content-type"]) == (200, "text/plain; charset=utf-8")
        status, headers, _ = fetch(base, f"/{article.outlet}/")
        assert (status, headers["content-type"]) == (200, "text/html; charset=utf-8")
        for domain, domain_info in MANIFEST.items():
            for search in [] if challenged(domain) else domain_info["search"]:
                status, _, body = fetch(base, mirror_path(search["url"]))
                assert status == 200 and body == local_file(search["url"]).read_bytes(), search


def test_server_xml_www_and_query_fallback() -> None:
    article = next(a for a in ARTICLES if a.outlet == "vnexpress.net") if "vnexpress.net" in MANIFEST else ARTICLES[0]
    parts = urlsplit(article.url)
    with serving() as base:
        status, headers, _ = fetch(base, mirror_path(MANIFEST[article.outlet]["sitemap_index"]))
        assert status == 200 and "xml" in headers["content-type"]
        status, _, body = fetch(base, f"/www.{parts.netloc}{parts.path}?utm_source=rss&utm_medium=feed")
        assert status == 200 and body == local_file(article.url).read_bytes()


def test_server_404_head_and_private_files() -> None:
    article = ARTICLES[0]
    with serving() as base:
        status, headers, body = fetch(base, f"/{article.outlet}/khong-co-trang-nay-123.htm")
        assert status == 404 and b"404" in body and "text/html" in headers["content-type"]
        assert fetch(base, "/unknown-host.example/")[0] == 404
        assert fetch(base, f"/{article.outlet}/_redirects.json")[0] == 404
        assert fetch(base, f"/{article.outlet}/../../gold/{article.outlet}/{article.id}.json")[0] == 404
        assert fetch(base, f"/{article.outlet}/%2e%2e/manifest.json")[0] == 404
        status, headers, body = fetch(base, mirror_path(article.url), method="HEAD")
        assert status == 200 and body == b""
        assert int(headers["content-length"]) == local_file(article.url).stat().st_size


def test_server_redirects_and_counts_requests() -> None:
    redirects = {d: i["redirects"] for d, i in MANIFEST.items() if i["redirects"]}
    assert redirects, "at least one outlet should declare a redirect"
    domain, table = next(iter(redirects.items()))
    old, new = next(iter(table.items()))
    with serving() as base:
        status, headers, _ = fetch(base, f"/{domain}{old}")
        assert status == 301 and headers["location"] == new
        assert fetch(base, mirror_path(new))[0] == 200
        fetch(base, mirror_path(new))
        assert base.server.count(mirror_path(new)) == 2
        assert ("GET", f"/{domain}{old}") in base.server.request_log


def test_server_whole_domain_redirect_etag_and_cookie_challenge() -> None:
    """nld.com.vn: every path 301s to tuoitre.vn/nld; ETag revalidation; laodong's JS cookie challenge."""
    nld = next((a for a in ARTICLES if a.outlet == "nld.com.vn"), None)
    laodong = next((a for a in ARTICLES if a.outlet == "laodong.vn"), None)
    assert nld is not None and laodong is not None
    with serving() as base:
        status, headers, _ = fetch(base, "/nld.com.vn/rss/home.rss?x=1")
        assert status == 301 and headers["location"] == "https://tuoitre.vn/nld/rss/home.rss?x=1"
        status, headers, _ = fetch(base, mirror_path(nld.url))
        assert status == 301 and headers["location"] == final_url(nld.url)
        status, headers, body = fetch(base, mirror_path(final_url(nld.url)))
        assert status == 200 and headers["etag"] and headers["cache-control"] == "no-cache"
        conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
        conn.request("GET", mirror_path(final_url(nld.url)), headers={"If-None-Match": headers["etag"]})
        assert conn.getresponse().status == 304
        conn.close()
        status, _, body = fetch(base, mirror_path(laodong.url))
        assert status == 200 and len(body) < 400 and b"document.cookie" in body and b"reload" in body
        value = re.search(rb'D1N=([0-9a-f]+)', body).group(1).decode()
        conn = http.client.HTTPConnection(urlsplit(base).netloc, timeout=10)
        conn.request("GET", mirror_path(laodong.url), headers={"Cookie": f"D1N={value}"})
        resp = conn.getresponse()
        assert resp.status == 200 and resp.read() == local_file(laodong.url).read_bytes()
        conn.close()
