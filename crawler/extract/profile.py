"""HTML -> ExtractedPage by an outlet profile's layout: its selectors, removals and captions.

The hot path stays on lxml through parsel (the Selector Scrapy has already built for the response);
boilerplate is removed from a copy of the body element only.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import datetime

from lxml import etree
from lxml.html import HtmlElement
from parsel import Selector

from crawler.outlets.registry import Layout, OutletProfile
from newsmon.core.dates import parse_date
from newsmon.core.records import ExtractedPage
from newsmon.core.text import tidy_text, unique_texts

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

def matching_layout(sel: Selector, profile: OutletProfile) -> Layout | None:
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
            return unique_texts(values)
    return []


def _node_text(found: Selector) -> str:
    root = found.root
    if isinstance(root, str):  # ::attr() or ::text results
        return tidy_text(root)
    return tidy_text("".join(_visible_text(root)))


def extract_with_layout(
    sel: Selector, url: str, profile: OutletProfile, layout: Layout, fetched_at: datetime | None = None
) -> ExtractedPage:
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
    page.published, page.published_text = _first_date(sel, layout.published, fetched_at)
    body = _first_element(sel, layout.body)
    if body is not None:
        page.body, page.captions = _body_blocks(body, layout)
        if not page.source_attribution:
            page.source_attribution = _source_after(body)
    return page


_SOURCE_LINE = re.compile(r"^[\(\[]?\s*(?:theo|nguồn|source|bron|zdroj|quelle|fuente)\b", re.I)


def _source_after(body: HtmlElement) -> str | None:
    """'Theo TTXVN' in a short block right after the body: outlets often put the source line outside
    the content element, where no body rule sees it. Only an attribution-shaped line is taken."""
    for sibling in list(body.itersiblings())[:2]:
        if not isinstance(sibling.tag, str) or sibling.tag in SKIP_TAGS:
            continue
        text = tidy_text("".join(_visible_text(sibling)))
        if text and len(text) <= 80 and _SOURCE_LINE.match(text):
            return text
    return None


def _first_date(
    sel: Selector, selectors: list[str], fetched_at: datetime | None
) -> tuple[datetime | None, str | None]:
    """The first selector whose text is a plausible date; else the first date-like text, for the cleaner.

    Selectors are tried in the profile's order (structured attributes first), so a declared date that
    is impossible (in the future, before 1995) gives way to the visible dateline instead of nulling it.
    """
    unparsed: str | None = None
    for css in selectors:
        for found in sel.css(css):
            text = _node_text(found)
            if not text:
                continue
            value = parse_date(text, fetched_at=fetched_at)
            if value is not None:
                return value, None
            unparsed = unparsed or text
            break  # only the first match of a selector is the page's own date
    return None, unparsed


def _split_tags(values: list[str]) -> list[str]:
    """Meta keyword lists come as one comma-separated string; visible tag lists as one tag per link."""
    out: list[str] = []
    for value in values:
        parts = value.split(",") if len(values) == 1 and "," in value else [value]
        out.extend(p.strip() for p in parts if p.strip())
    return unique_texts(out)


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
    captions = [
        c for css in layout.captions for s in body_sel.css(css) if not _in_player_or_box(s.root, body)
        and (c := _node_text(s))
    ]
    captions = unique_texts(captions)
    for css in layout.remove:
        for found in body_sel.css(css):
            _drop(found.root)
    paragraphs = [text for text in _blocks(body) if text]
    return paragraphs, captions


# Containers whose captions describe a video, a sound player, an ad or another story, not an article photo.
_NOT_PHOTO = re.compile(
    r"video|audio|podcast|player|related|relate\b|tinlienquan|xemthem|sponsor|advert|\bads?\b", re.I
)


def _in_player_or_box(node: etree._Element | str, stop: HtmlElement) -> bool:
    if not isinstance(node, etree._Element):
        return False
    for el in node.iterancestors():
        if el is stop:
            return False
        if el.tag in ("video", "audio", "aside"):
            return True
        names = " ".join(str(v) for k, v in el.attrib.items() if k in ("class", "id", "type", "data-module"))
        if names and _NOT_PHOTO.search(names):
            return True
    return False


def _drop(node: etree._Element | str) -> None:
    """Remove a matched element (a text match, from ::text or ::attr, is left alone)."""
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
    """Block-level texts in document order; inline-only containers count as one block.

    Walked with a stack of its own, not recursion: a page's depth must not meet Python's limit.
    """
    todo: list[HtmlElement | str] = [element]  # elements to open, and tails waiting for their turn
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            yield tidy_text(item)
            continue
        if not isinstance(item.tag, str) or item.tag in SKIP_TAGS:
            continue
        if item.tag in BLOCK_TAGS or not _has_block_child(item):
            text = tidy_text("".join(_visible_text(item)))
            if not _is_link_line(item, text):
                yield text
            continue
        for child in reversed(item):
            if child.tail and child.tail.strip():
                todo.append(child.tail)
            todo.append(child)
        if item.text and item.text.strip():
            todo.append(item.text)


def _is_link_line(element: HtmlElement, text: str) -> bool:
    """A block that is nothing but a link (">> Related story") is navigation, not article text."""
    if not text:
        return False
    linked = sum(len(tidy_text("".join(_visible_text(a)))) for a in element.iter("a"))
    return linked >= 0.9 * len(text.lstrip(">»› "))


def _has_block_child(element: HtmlElement) -> bool:
    return any(
        isinstance(el.tag, str)
        and (el.tag in BLOCK_TAGS or el.tag in ("div", "section", "article", "table", "ul", "ol", "figure"))
        for el in element.iterdescendants()
    )


def _visible_text(element: HtmlElement) -> Iterator[str]:
    """The text a reader sees, skipped tags left out; iterative for the same reason as `_blocks`."""
    if element.text:
        yield element.text
    stack = [(element, iter(element))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack and el.tail:  # a finished child's tail is its parent's text
                yield el.tail
            continue
        if child.tag == "br":
            yield " "
        elif isinstance(child.tag, str) and child.tag not in SKIP_TAGS:
            if child.text:
                yield child.text
            stack.append((child, iter(child)))
            continue
        if child.tail:
            yield child.tail
