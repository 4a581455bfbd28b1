"""HTML -> ExtractedPage: the outlet profile's layout when one matches, else the generic extractor;
then the page's structured data (JSON-LD, meta tags) fills and corrects what the visible page gave.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree
from parsel import Selector

from crawler.extract.generic import extract_generic
from crawler.extract.profile import extract_with_layout, matching_layout
from crawler.extract.structured import StructuredData, structured_metadata
from crawler.fetch.encoding import decode_bytes
from crawler.outlets.registry import OutletProfile
from newsmon.core.dates import plausible
from newsmon.core.outlets import is_site_name
from newsmon.core.records import ExtractedPage

MAX_HTML_BYTES = 5_000_000  # larger pages are cut, not refused: real articles are far smaller


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text using the HTTP header, BOM or <meta charset>, the way browsers decide."""
    return decode_bytes(body[:MAX_HTML_BYTES], content_type)  # checks the labels: see crawler/fetch/encoding.py


def make_selector(html: str | bytes, url: str) -> Selector:
    if isinstance(html, bytes):
        html = decode_html(html)
    return Selector(text=html[:MAX_HTML_BYTES] or "<html></html>", base_url=url)


def extract_page(
    html: str | bytes | None,
    url: str,
    *,
    profile: OutletProfile | None = None,
    selector: Selector | None = None,
    fetched_at: datetime | None = None,
) -> ExtractedPage:
    """Extract one page. Never raises on bad HTML: an unreadable page gives an empty record."""
    sel = selector if selector is not None else make_selector(html or "", url)
    try:
        structured = structured_metadata(sel.root)
    except (ValueError, etree.LxmlError):  # defensive: structured data must never sink a page
        structured = StructuredData()
    layout = matching_layout(sel, profile) if profile else None
    if profile is not None and layout is not None:
        page = extract_with_layout(sel, url, profile, layout, fetched_at)
    else:
        page = extract_generic(html or "", url, tree=sel.root)
        page.published = plausible(page.published, fetched_at)
        if profile is not None:
            page.outlet = profile.name
    _merge_structured(page, structured, fetched_at)
    page.fetched_at = fetched_at
    return page


def _merge_structured(page: ExtractedPage, data: StructuredData, fetched_at: datetime | None = None) -> None:
    """Structured data wins for dates when sane; it fills what the visible page lacked.

    Sane means a publication date between 1995 and the fetch (a CMS default of 1970 or a scheduled
    date in the future is a misdeclaration), and an author that is not the site itself.
    """
    published = plausible(data.published, fetched_at)
    if published is not None:
        page.published = published
        page.published_text = None
    if data.modified is not None and page.modified is None:
        page.modified = data.modified
    page.canonical_url = page.canonical_url or data.canonical_url
    page.title = page.title or data.title
    page.section = page.section or data.section
    if not page.tags and data.tags:
        page.tags = list(data.tags)
    if not page.authors and data.authors:
        page.authors = [name for name in data.authors if not is_site_name(name, data.site_name, page.url)]
    if data.language and (page.language is None or page.extractor == "generic"):
        page.language = data.language
