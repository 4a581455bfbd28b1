"""HTML -> ExtractedPage: the outlet profile's selectors when a layout matches, else the generic extractor.

The hot path stays on lxml through parsel (the Selector Scrapy has already built for the response);
boilerplate is removed from a copy of the body element only.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import datetime

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector
from w3lib.encoding import html_to_unicode

from crawler.dates import parse_date
from crawler.generic import extract_generic
from crawler.profiles import Layout, OutletProfile
from crawler.structured import StructuredData, structured_metadata
from newsmon.records import ExtractedPage
from newsmon.text import normalize_text

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "tr"})
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "figure",
        "figcaption",
        "button",
        "form",
        "svg",
        "video",
        "audio",
        "picture",
        "img",
        "select",
        "input",
        "textarea",
        "template",
    }
)
MAX_HTML_BYTES = 5_000_000  # larger pages are cut, not refused: real articles are far smaller


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Bytes to text using the HTTP header, BOM or <meta charset>, the way browsers decide."""
    _, text = html_to_unicode(content_type, body[:MAX_HTML_BYTES])
    return text


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
    layout = _matching_layout(sel, profile) if profile else None
    if layout is None:
        page = extract_generic(html or "", url, tree=sel.root)
        if profile is not None:
            page.outlet = profile.name
    else:
        page = _extract_with_layout(sel, url, profile, layout)  # type: ignore[arg-type]
    _merge_structured(page, structured)
    page.fetched_at = fetched_at
    return page


def _matching_layout(sel: Selector, profile: OutletProfile) -> Layout | None:
    for layout in profile.layouts:
        if not layout.detect or sel.css(layout.detect):
            return layout
    return None


def _first_text(sel: Selector, selectors: list[str]) -> str | None:
    for css in selectors:
        for found in sel.css(css):
            value = _node_text(found)
            if value:
                return value
    return None


def _all_texts(sel: Selector, selectors: list[str]) -> list[str]:
    for css in selectors:
        values = [v for found in sel.css(css) if (v := _node_text(found))]
        if values:
            return list(dict.fromkeys(values))
    return []


def _node_text(found: Selector) -> str:
    root = found.root
    if isinstance(root, str):  # ::attr() or ::text results
        return normalize_text(root)
    return normalize_text("".join(_visible_text(root)))


def _extract_with_layout(sel: Selector, url: str, profile: OutletProfile, layout: Layout) -> ExtractedPage:
    page = ExtractedPage(url=url, outlet=profile.name, extractor=f"profile:{profile.name}:{layout.name}")
    page.title = _first_text(sel, layout.title)
    page.lead = _first_text(sel, layout.lead)
    page.authors = _all_texts(sel, layout.authors)
    page.section = _first_text(sel, layout.section) if layout.section else None
    sections = _all_texts(sel, layout.section)
    if sections:  # breadcrumbs: the most specific visible section is the last one
        page.section = sections[-1]
    page.tags = _split_tags(_all_texts(sel, layout.tags))
    page.source_attribution = _first_text(sel, layout.source) if layout.source else None
    page.language = profile.language
    date_text = _first_text(sel, layout.published)
    if date_text:
        page.published = parse_date(date_text)
        if page.published is None:
            page.published_text = date_text
    body = _first_element(sel, layout.body)
    if body is not None:
        page.body, page.captions = _body_blocks(body, layout)
    return page


def _split_tags(values: list[str]) -> list[str]:
    """Meta keyword lists come as one comma-separated string; visible tag lists as one tag per link."""
    out: list[str] = []
    for value in values:
        parts = value.split(",") if len(values) == 1 and "," in value else [value]
        out.extend(p.strip() for p in parts if p.strip())
    return list(dict.fromkeys(out))


def _first_element(sel: Selector, selectors: list[str]) -> HtmlElement | None:
    for css in selectors:
        found = sel.css(css)
        if found and not isinstance(found[0].root, str):
            return found[0].root
    return None


def _body_blocks(body: HtmlElement, layout: Layout) -> tuple[list[str], list[str]]:
    """Paragraphs and captions of the body, with the layout's boilerplate removed from a copy."""
    body = copy.deepcopy(body)
    body_sel = Selector(root=body)
    captions = [c for css in layout.captions for c in (_node_text(s) for s in body_sel.css(css)) if c]
    captions = list(dict.fromkeys(captions))
    for css in layout.remove:
        for found in body_sel.css(css):
            _drop(found.root)
    paragraphs = [text for text in _blocks(body) if text]
    return paragraphs, captions


def _drop(node: object) -> None:
    if isinstance(node, etree._Element):
        parent = node.getparent()
        if parent is not None:
            # keep the tail text: it belongs to the parent, not to the removed element
            if node.tail and node.tail.strip():
                prev = node.getprevious()
                if prev is not None:
                    prev.tail = (prev.tail or "") + node.tail
                else:
                    parent.text = (parent.text or "") + node.tail
            parent.remove(node)


def _blocks(element: HtmlElement) -> Iterator[str]:
    """Block-level texts in document order; inline-only containers count as one block."""
    if not isinstance(element.tag, str) or element.tag in SKIP_TAGS:
        return
    if element.tag in BLOCK_TAGS or not _has_block_child(element):
        text = normalize_text("".join(_visible_text(element)))
        if not _is_link_line(element, text):
            yield text
        return
    if element.text and element.text.strip():
        yield normalize_text(element.text)
    for child in element:
        yield from _blocks(child)
        if child.tail and child.tail.strip():
            yield normalize_text(child.tail)


def _is_link_line(element: HtmlElement, text: str) -> bool:
    """A block that is nothing but a link (">> Related story") is navigation, not article text."""
    if not text:
        return False
    linked = sum(len(normalize_text("".join(_visible_text(a)))) for a in element.iter("a"))
    return linked >= 0.9 * len(text.lstrip(">»› "))


def _has_block_child(element: HtmlElement) -> bool:
    return any(
        isinstance(el.tag, str)
        and (el.tag in BLOCK_TAGS or el.tag in ("div", "section", "article", "table", "ul", "ol", "figure"))
        for el in element.iterdescendants()
    )


def _visible_text(element: HtmlElement) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        if child.tag == "br":
            yield " "
        elif isinstance(child.tag, str) and child.tag not in SKIP_TAGS:
            yield from _visible_text(child)
        if child.tail:
            yield child.tail


def _merge_structured(page: ExtractedPage, data: StructuredData) -> None:
    """Structured data wins for dates when sane; it fills what the visible page lacked."""
    if data.published is not None:
        page.published = data.published
        page.published_text = None
    if data.modified is not None and page.modified is None:
        page.modified = data.modified
    page.canonical_url = page.canonical_url or data.canonical_url
    page.title = page.title or data.title
    page.section = page.section or data.section
    if not page.tags and data.tags:
        page.tags = list(data.tags)
    if not page.authors and data.authors:
        page.authors = list(data.authors)
    if data.language and (page.language is None or page.extractor == "generic"):
        page.language = data.language
