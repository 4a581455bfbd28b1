"""HTML -> ExtractedPage: the outlet profile's layout when one matches, else the generic extractor;
then the page's structured data (JSON-LD, meta tags) fills and corrects what the visible page gave.
The page's size limits (crawler/extract/limits.py) are applied here, each one hit noted on the page.
"""

from __future__ import annotations

from datetime import datetime

from lxml import etree
from parsel import Selector

from crawler.extract.generic import extract_generic
from crawler.extract.limits import LIMITS, PageLimits, cut_body, cut_page
from crawler.extract.profile import extract_with_layout, matching_layout
from crawler.extract.structured import StructuredData, structured_metadata
from crawler.extract.tree import parse_tree
from crawler.fetch.encoding import decode_bytes
from crawler.outlets.registry import OutletProfile
from newsmon.core.dates import plausible
from newsmon.core.outlets import is_site_name
from newsmon.core.records import ExtractedPage


def decode_html(body: bytes, content_type: str | None = None, limits: PageLimits = LIMITS) -> str:
    """Bytes to text using the HTTP header, BOM or <meta charset>, the way browsers decide; a page over
    the size limit is cut (`read_html` says so)."""
    return read_html(body, content_type, limits)[0]


def read_html(body: bytes, content_type: str | None = None, limits: PageLimits = LIMITS) -> tuple[str, str | None]:
    """The page's text (cut at the page limit, labels checked: see crawler/fetch/encoding.py) and the
    note when it was cut."""
    kept, note = cut_page(body, limits)
    return decode_bytes(kept, content_type), note


def make_selector(html: str | bytes, url: str, limits: PageLimits = LIMITS) -> Selector:
    return _selector(html, url, limits, [])


def _selector(html: str | bytes, url: str, limits: PageLimits, notes: list[str]) -> Selector:
    """One parse for everything (parsel wraps our tree: see crawler/extract/tree.py for why it is ours)."""
    if isinstance(html, bytes):
        html, note = read_html(html, None, limits)
        notes.extend([note] if note else [])
    elif len(html) * 4 > limits.max_page_bytes:  # the limit is in UTF-8 bytes, up to 4 a character
        data = html.encode("utf-8", "surrogatepass")
        kept, note = cut_page(data, limits)
        if note:
            html = kept.decode("utf-8", "surrogatepass")
            notes.append(note)
    root, note = parse_tree(html, url, limits)
    notes.extend([note] if note else [])
    if root is None:
        return Selector(text="<html></html>", base_url=url)
    return Selector(root=root, type="html", base_url=url)


def extract_page(
    html: str | bytes | None,
    url: str,
    *,
    profile: OutletProfile | None = None,
    selector: Selector | None = None,
    fetched_at: datetime | None = None,
    limits: PageLimits = LIMITS,
) -> ExtractedPage:
    """Extract one page. Never raises on bad HTML: an unreadable page gives an empty record.

    Every size limit the page hit is one line of `notes` (see crawler/extract/limits.py).
    """
    notes: list[str] = []
    sel = selector if selector is not None else _selector(html or "", url, limits, notes)
    try:  # read once: the generic extractor is handed the same record
        structured = structured_metadata(sel.root, base_url=url)
    except (ValueError, etree.LxmlError):  # defensive: structured data must never sink a page
        structured = StructuredData()
    layout = matching_layout(sel, profile) if profile else None
    if profile is not None and layout is not None:
        page = extract_with_layout(sel, url, profile, layout, fetched_at)
    else:
        page = extract_generic(b"", url, tree=sel.root, meta=structured)
        page.published = plausible(page.published, fetched_at)
        if profile is not None:
            page.outlet = profile.name
    _merge_structured(page, structured, fetched_at)
    page.fetched_at = fetched_at
    page.body, note = cut_body(page.body, limits)
    page.notes = [*notes, *([note] if note else [])]
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
