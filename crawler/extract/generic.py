"""Generic main-content extraction for pages that have no outlet profile.

Three steps, one module each: the page is laid out like a browser would (crawler/extract/layout.py),
the article body is chosen among its blocks (crawler/extract/content.py), and the title, lead,
captions, date, authors and tags are read around it (crawler/extract/metadata.py).
"""

from __future__ import annotations

import lxml.html

from crawler.extract.content import choose_body
from crawler.extract.metadata import fill_metadata
from crawler.extract.structured import StructuredData, structured_metadata
from crawler.extract.tree import parse_tree
from newsmon.core.records import ExtractedPage


def extract_generic(
    html: str | bytes, url: str, *, tree: lxml.html.HtmlElement | None = None, meta: StructuredData | None = None
) -> ExtractedPage:
    """Title, body paragraphs and metadata of an article page with no outlet profile.

    `tree` lets the crawler pass its own parse; it is read, never modified. `meta`: the tree's
    structured data when the caller has already read it (`structured_metadata(tree, base_url=url)`),
    so a page's JSON-LD and meta tags are parsed once.
    """
    page = ExtractedPage(url=url, extractor="generic")
    root = tree if tree is not None else parse_html(html, url)
    if root is None:
        return page
    if meta is None:
        meta = structured_metadata(root, base_url=url)
    body_root = _find_body(root)
    if body_root is None:
        fill_metadata(page, meta, root, None)
        return page
    blocks, scope = choose_body(body_root)
    page.body = [b.text for b in blocks]
    fill_metadata(page, meta, root, scope)
    return page


def parse_html(html: str | bytes, url: str | None = None) -> lxml.html.HtmlElement | None:
    """An lxml tree, or None when there is nothing to parse; UTF-8 is tried before sniffing."""
    return parse_tree(html, url)[0]


def _find_body(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    root = root.getroottree().getroot()
    if root.tag == "body":
        return root
    body = root.find("body")
    return body if body is not None else root
