"""Feed and sitemap parsing that survives what servers send: not-XML, entity bombs, huge files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from lxml import etree

from newsmon.core.dates import parse_date, parse_feed_date

MAX_FEED_BYTES = 20_000_000
_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(\[.*?\]\s*)?>", re.DOTALL | re.IGNORECASE)
SitemapKind = Literal["index", "urlset"]  # a sitemap index lists sitemaps, a urlset lists pages


@dataclass(slots=True)
class Entry:
    """One article link listed by a feed or sitemap."""

    url: str
    published: datetime | None = None
    title: str | None = None


class FeedError(ValueError):
    """A feed or sitemap that could not be read; the message says why."""


def _parser() -> etree.XMLParser:
    # No entity expansion, no network, no DTD: an XML bomb or external entity gets nowhere.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True, remove_comments=True
    )


def _root(body: bytes) -> etree._Element:
    if len(body) > MAX_FEED_BYTES:
        raise FeedError(f"feed of {len(body)} bytes is over the {MAX_FEED_BYTES} byte limit")
    stripped = body.lstrip()
    if not stripped.startswith(b"<"):
        raise FeedError("not XML (the document does not start with a tag)")
    stripped = _DOCTYPE.sub(b"", stripped, count=1)  # feeds need no DTD; its entities cut the rest off
    try:
        root = etree.fromstring(stripped, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not XML: {exc}") from None
    if root is None:
        raise FeedError("not XML (empty document)")
    return root


def _local(tag: object) -> str:
    """The lower-case local name of an element's tag; "" for processing instructions and entities,
    whose `tag` is not a string but the factory function that made them."""
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child_text(el: etree._Element, *names: str) -> str | None:
    for child in el:
        if _local(child.tag) in names:
            text = (child.text or "").strip()
            if text:
                return text
            href = child.get("href")
            if href:
                return href.strip()
    return None


def parse_feed(body: bytes, *, date_order: str = "auto", language: str | None = None) -> list[Entry]:
    """RSS 2.0, RSS 1.0 and Atom items: link, date, title (`language`: the outlet's, for odd dates)."""
    root = _root(body)
    if _local(root.tag) in ("html", "body"):  # a maintenance or error page served as the feed
        raise FeedError(f"not a feed (root element <{_local(root.tag)}>)")
    entries = []
    for el in root.iter():
        if _local(el.tag) not in ("item", "entry"):
            continue
        link = _child_text(el, "link", "guid")
        if not link or not link.startswith(("http://", "https://")):
            continue
        raw_date = _child_text(el, "pubdate", "published", "updated", "date")
        published = None
        if raw_date:
            read = parse_feed_date if date_order == "us-local" else parse_date
            published = read(raw_date, language=language)
        entries.append(Entry(link, published, _child_text(el, "title")))
    return entries


def parse_sitemap(body: bytes, *, language: str | None = None) -> tuple[SitemapKind, list[Entry]]:
    """('index', sitemaps) or ('urlset', pages), with lastmod or news:publication_date as the date."""
    root = _root(body)
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        if kind in ("rss", "feed", "rdf"):  # some outlets list an RSS file as their sitemap
            return "urlset", parse_feed(body, language=language)
        raise FeedError(f"not a sitemap (root element <{kind}>)")
    entries = []
    for el in root:
        if _local(el.tag) not in ("url", "sitemap"):
            continue
        loc = _child_text(el, "loc")
        if not loc:
            continue
        date_text = None
        for sub in el.iter():
            if _local(sub.tag) in ("publication_date", "lastmod") and sub.text:
                date_text = sub.text.strip()
                if _local(sub.tag) == "publication_date":
                    break
        entries.append(Entry(loc, parse_date(date_text, language=language) if date_text else None))
    return ("index" if kind == "sitemapindex" else "urlset"), entries
