"""The mock outlets' HTTP server keeps the mirror contract: real URL -> `GET /<host><path>?<query>`,
content types, `www.` and query fall-backs, 404s and private files, redirects, ETag revalidation and
laodong's JavaScript cookie challenge."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from samples.server import serving
from tests.samples.mocks import ARTICLES, MANIFEST, challenged, fetch, final_url, local_file, mirror_path


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
        assert fetch(base, mirror_path(final_url(nld.url)), headers={"If-None-Match": headers["etag"]})[0] == 304
        status, _, body = fetch(base, mirror_path(laodong.url))
        assert status == 200 and len(body) < 400 and b"document.cookie" in body and b"reload" in body
        cookie = re.search(rb"D1N=([0-9a-f]+)", body)
        assert cookie is not None, body
        status, _, body = fetch(base, mirror_path(laodong.url), headers={"Cookie": f"D1N={cookie.group(1).decode()}"})
        assert status == 200 and body == local_file(laodong.url).read_bytes()
