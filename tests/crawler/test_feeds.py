import pytest

from crawler.discover.feeds import FeedError, parse_feed, parse_sitemap

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tin moi</title>
<item><title>Bai mot</title><link>https://vnexpress.net/bai-mot-4800001.html</link>
<pubDate>Thu, 17 Sep 2026 15:00:00 +0700</pubDate></item>
<item><title>Khong link</title></item>
<item><title>Bai hai</title><link><![CDATA[https://vnexpress.net/bai-hai-4800002.html]]></link></item>
</channel></rss>"""

ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title>
<link href="https://example.vn/a.html"/><published>2025-01-02T03:04:05Z</published></entry></feed>"""


def test_rss_items_with_dates() -> None:
    entries = parse_feed(RSS)
    assert [e.url for e in entries] == [
        "https://vnexpress.net/bai-mot-4800001.html",
        "https://vnexpress.net/bai-hai-4800002.html",
    ]
    assert entries[0].published is not None and entries[0].published.utcoffset().total_seconds() == 7 * 3600
    assert entries[1].published is None


def test_atom_links() -> None:
    (entry,) = parse_feed(ATOM)
    assert entry.url == "https://example.vn/a.html"
    assert entry.published is not None and entry.published.year == 2025


def test_tuoitre_feed_dates_are_us_order_local_time() -> None:
    body = b"""<rss><channel><item><link>https://tuoitre.vn/a-100261005154200123.htm</link>
    <pubDate>10/5/2026 3:42:00 PM</pubDate></item></channel></rss>"""
    (entry,) = parse_feed(body, date_order="us-local")
    assert entry.published is not None
    assert (entry.published.month, entry.published.day, entry.published.hour) == (10, 5, 15)
    assert entry.published.utcoffset().total_seconds() == 7 * 3600


def test_sitemap_index_and_urlset() -> None:
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <sitemap><loc>https://a.vn/s1.xml</loc><lastmod>2026-01-01</lastmod></sitemap></sitemapindex>"""
    kind, entries = parse_sitemap(index)
    assert kind == "index" and entries[0].url == "https://a.vn/s1.xml"
    urlset = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
      xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
    <url><loc>https://a.vn/x-1.htm</loc><lastmod>2026-01-01T10:00:00+07:00</lastmod>
    <news:news><news:publication_date>2025-12-31T09:00:00+07:00</news:publication_date></news:news></url>
    </urlset>"""
    kind, entries = parse_sitemap(urlset)
    assert kind == "urlset"
    assert entries[0].published is not None and entries[0].published.day == 31


@pytest.mark.parametrize("body", [b"", b"   ", b"<html><body>not a feed", b"\x89PNG\r\n\x1a\n\x00\x00", b'{"json": 1}'])
def test_not_xml_is_a_clear_error_or_empty(body: bytes) -> None:
    try:
        entries = parse_feed(body)
    except FeedError as exc:
        assert str(exc)
    else:
        assert entries == []


def test_entity_bomb_is_not_expanded() -> None:
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<rss><channel><item><title>&lol4;</title><link>https://a.vn/x.htm</link></item></channel></rss>"""
    entries = parse_feed(bomb)
    assert all(len(e.title or "") < 1000 for e in entries)


def test_external_entities_are_not_loaded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    body = f"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]>
<rss><channel><item><title>&x;</title><link>https://a.vn/x.htm</link></item></channel></rss>""".encode()
    entries = parse_feed(body)
    assert all("TOPSECRET" not in (e.title or "") for e in entries)
