"""Everything of a generic page but its body: title, lead, captions, date, authors, tags.

Structured values (JSON-LD, meta tags) come first; visible text is the fallback, read only inside
the article's own area so that the dates and captions of other stories are never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from itertools import islice

import lxml.html

from crawler.extract.layout import ancestors, tag_of
from crawler.extract.structured import StructuredData, clean, parse_iso_datetime
from newsmon.core.dates import parse_date
from newsmon.core.outlets import is_site_name
from newsmon.core.records import ExtractedPage

_TITLE_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014:\u00bb\u00b7]\s+")
# Containers whose dates belong to other stories.
_FURNITURE_TAGS = frozenset(("a", "aside", "nav", "footer"))
_DATE_FURNITURE = re.compile(
    r"related|relate\b|sidebar|recommend|trending|widget|most-?(?:read|viewed|popular)|read-?(?:more|also|next)"
    r"|also-?read|more-?(?:stories|news|articles)|lien-?quan|xem-?them|cung-?chuyen-?muc|tin-?khac|comment|footer"
)
_DATE_HINT = re.compile(r"date|time|publish|posted|updated", re.I)
_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")



def fill_metadata(
    page: ExtractedPage,
    meta: StructuredData,
    root: lxml.html.HtmlElement,
    scope: list[lxml.html.HtmlElement] | None,
) -> None:
    """Everything but the body: structured values first, visible text as a fallback."""
    page.canonical_url = meta.canonical_url
    page.language = meta.language
    page.section = meta.section
    page.tags = list(meta.tags) or _rel_tags(root)
    page.authors = list(meta.authors) or _visible_authors(root)
    page.published = meta.published
    page.modified = meta.modified
    page.title = _title(meta, root, page.url)
    page.lead = _lead(meta.description, page.body)
    area = _article_area(scope)
    page.captions = _captions(area)
    if page.published is None:
        page.published, page.published_text = _visible_date(area, root, meta.published_raw)


def _title(meta: StructuredData, root: lxml.html.HtmlElement, url: str) -> str | None:
    """Declared title, else the first h1, else <title> without its site-name suffix."""
    if meta.title:
        return _strip_site_name(meta.title, meta.site_name, url)
    for h1 in root.iter("h1"):
        text = clean(h1.text_content())
        if text:
            return text
    title = root.find(".//title")
    text = clean(title.text_content()) if title is not None else None
    return _strip_site_name(text, meta.site_name, url) if text else None


def _strip_site_name(title: str, site_name: str | None, url: str) -> str:
    """Remove a trailing (or leading) "| Site name" part when it names the site."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    for candidate, rest in ((parts[-1], title[: title.rfind(parts[-1])]), (parts[0], title[len(parts[0]) :])):
        if is_site_name(candidate, site_name, url, prefix=True):
            return _trim_separator(rest)
    return title


def _trim_separator(text: str) -> str:
    return text.strip().strip("|-\u2013\u2014:\u00bb\u00b7").strip()


def _lead(description: str | None, body: list[str]) -> str | None:
    """The declared summary, unless the body already opens with it."""
    if not description:
        return None
    lead_words = _WORD.findall(description.lower())
    if not lead_words:
        return None
    for paragraph in body[:2]:  # only the paragraph's first words are compared: never split a huge one
        para_words = [m.group().lower() for m in islice(_WORD.finditer(paragraph), len(lead_words))]
        shared = min(len(lead_words), len(para_words))
        if shared and lead_words[:shared] == para_words[:shared] and shared >= 0.8 * len(lead_words):
            return None
    return description


def _article_area(scope: list[lxml.html.HtmlElement] | None) -> list[lxml.html.HtmlElement]:
    """Where captions and dates of this article live: its <article> element, else the body blocks."""
    if not scope:
        return []
    for el in ancestors(scope[0]):
        if tag_of(el) in ("article", "main"):
            return [el]
    return scope


def _captions(area: Iterable[lxml.html.HtmlElement]) -> list[str]:
    captions: list[str] = []
    for el in area:
        for caption in el.iter("figcaption"):
            text = clean(caption.text_content())
            if text and text not in captions:
                captions.append(text)
    return captions


def _in_furniture(el: lxml.html.HtmlElement) -> bool:
    """Inside a teaser link, a sidebar, a related/most-read box, a nav or a footer: another story's date."""
    for node in ancestors(el):
        tag = tag_of(node)
        if tag in _FURNITURE_TAGS:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if len(names) > 2 and _DATE_FURNITURE.search(names):
            return True
    return False


def _visible_date(
    area: list[lxml.html.HtmlElement], root: lxml.html.HtmlElement, raw: str | None
) -> tuple[datetime | None, str | None]:
    """An aware date from a <time datetime>, else the visible date text for the cleaner.

    Dates of other stories (related boxes, sidebars, teaser lists) are never taken: a page whose
    only date sits there has no trustworthy date and gets none.
    """
    for scope in (*area, root):
        for time_el in scope.iter("time"):
            if _in_furniture(time_el):
                continue
            declared = time_el.get("datetime")
            parsed = parse_iso_datetime(declared)
            if parsed is not None:
                return parsed, None
            text = clean(time_el.text_content()) or clean(declared)
            if text:
                return None, text
    if raw and parse_date(raw) is not None:  # a declared but naive or odd date, when it is a sane one
        return None, raw
    for scope in area:
        for el in scope.iter():
            names = f"{el.get('class') or ''} {el.get('id') or ''}" if isinstance(el.tag, str) else ""
            if names.strip() and _DATE_HINT.search(names) and not _in_furniture(el):
                text = clean(el.text_content())
                if text and len(text) <= 80 and _HAS_DIGIT.search(text):
                    return None, text
    return None, None


def _rel_tags(root: lxml.html.HtmlElement) -> list[str]:
    tags: list[str] = []
    for link in root.iter("a"):
        if "tag" in (link.get("rel") or "").lower().split():
            text = clean(link.text_content())
            if text and text not in tags:
                tags.append(text)
    return tags


def _visible_authors(root: lxml.html.HtmlElement) -> list[str]:
    """Names marked up as authors (rel=author, itemprop=author) when no structured author exists."""
    names: list[str] = []
    for el in root.iter("a", "span", "div", "p"):
        if "author" not in (el.get("rel") or "").lower().split() and el.get("itemprop") != "author":
            continue
        name_el = el.find(".//*[@itemprop='name']")
        text = clean((name_el if name_el is not None else el).text_content())
        if text and len(text) <= 80 and text not in names:
            names.append(text)
    return names
