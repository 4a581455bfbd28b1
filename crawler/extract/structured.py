"""Structured page metadata (JSON-LD, OpenGraph/meta tags, canonical link, html lang).

Publishers fill these for search engines and social cards, so they are usually more exact than
the visible text (full timestamps with offsets, clean author names). Both the generic and the
profile-based extractors call `structured_metadata` and prefer its values when they are sane.
Nothing here raises on bad input: broken JSON-LD and odd meta values are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import lxml.html

from newsmon.core.outlets import is_site_name
from newsmon.core.time import plausible

# JSON-LD @type values that describe the article itself (schema.org subtypes included).
_ARTICLE_TYPE = re.compile(r"(?:article|blogposting|liveblogposting|report)$", re.I)
_PAGE_TYPE = re.compile(r"^(?:webpage|itempage)$", re.I)
# Repairs for JSON-LD that publishers ship broken: HTML comments/CDATA wrappers, trailing commas.
_JSON_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WS = re.compile(r"\s+")
_KEYWORD_SPLIT = re.compile(r"\s*[,;|]\s*")
_URLISH = re.compile(r"^(?:https?:)?//|^www\.", re.I)
_LOCALE = re.compile(r"^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$", re.I)

_MAX_TITLE = 400
_MAX_NAME = 80
_MAX_DESCRIPTION = 2000


@dataclass(slots=True)
class StructuredData:
    """What the page declares about itself; every field is optional."""

    title: str | None = None
    description: str | None = None
    published: datetime | None = None  # always timezone-aware
    modified: datetime | None = None
    published_raw: str | None = None  # declared value that did not parse to an aware datetime
    modified_raw: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    language: str | None = None
    site_name: str | None = None
    json_ld_types: list[str] = field(default_factory=list)
    article_body: str | None = None  # JSON-LD articleBody, a hint for choosing the content block


def structured_metadata(tree: lxml.html.HtmlElement, base_url: str | None = None) -> StructuredData:
    """JSON-LD first (the most exact), then OpenGraph/article:* and plain meta tags."""
    data = StructuredData()
    try:
        root = tree.getroottree().getroot()
        nodes = list(_json_ld_nodes(root))
        data.json_ld_types = _types_of(nodes)
        _fill_from_json_ld(data, nodes)
        metas = _meta_map(root)
        _fill_from_meta(data, metas)
        _fill_links(data, root, base_url)
        _drop_site_name_title(data, metas, base_url or root.getroottree().docinfo.URL)
    except Exception:  # metadata is a bonus: a malformed page must never stop extraction
        return data
    return data


def parse_iso_datetime(value: str | None) -> datetime | None:
    """An aware datetime from an ISO 8601 string, or None (naive, unparsable or implausible)."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    return plausible(parsed)


def clean(value: Any) -> str | None:
    """Whitespace-collapsed string, or None for empty/non-string values."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = _WS.sub(" ", value).strip()
    return text or None


# --- JSON-LD -------------------------------------------------------------------------------------


def _json_ld_nodes(root: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every object with an @type in every JSON-LD script, @graph and nested lists flattened."""
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        for document in _load_json_documents(script.text or ""):
            yield from _flatten(document, depth=0)


def _load_json_documents(text: str) -> list[Any]:
    """Parse a script body; on failure retry once with common publisher mistakes repaired."""
    text = text.strip()
    if not text:
        return []
    documents = _decode_all(text)
    if documents:
        return documents
    repaired = _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", _JSON_WRAPPER.sub("", text)))
    return _decode_all(repaired)


def _decode_all(text: str) -> list[Any]:
    """Decode one or more concatenated JSON values; whatever decodes before an error is kept."""
    decoder = json.JSONDecoder(strict=False)
    documents: list[Any] = []
    position = 0
    while position < len(text):
        while position < len(text) and text[position] in " \t\r\n;,":
            position += 1
        if position >= len(text):
            break
        try:
            value, position = decoder.raw_decode(text, position)
        except ValueError:
            break
        documents.append(value)
    return documents


def _flatten(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    """Typed objects at the top level, in @graph and in top-level lists (not deeper properties)."""
    if depth > 4:
        return
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item, depth + 1)
    elif isinstance(value, dict):
        if "@type" in value:
            yield value
        graph = value.get("@graph")
        if graph is not None:
            yield from _flatten(graph, depth + 1)


def _type_names(node: dict[str, Any]) -> list[str]:
    kind = node.get("@type")
    names = kind if isinstance(kind, list) else [kind]
    return [name.rsplit("/", 1)[-1] for name in names if isinstance(name, str)]


def _types_of(nodes: list[dict[str, Any]]) -> list[str]:
    seen: dict[str, None] = {}
    for node in nodes:
        for name in _type_names(node):
            seen.setdefault(name, None)
    return list(seen)


def _article_node(nodes: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The article object, else a WebPage object (some sites put the dates there)."""
    articles = [n for n in nodes if any(_ARTICLE_TYPE.search(t) for t in _type_names(n))]
    if articles:
        # Several articles (e.g. a list of teasers): the one with a body or headline wins.
        return max(articles, key=lambda n: (bool(n.get("articleBody")), bool(n.get("headline"))))
    pages = [n for n in nodes if any(_PAGE_TYPE.match(t) for t in _type_names(n))]
    return pages[0] if pages else None


def _fill_from_json_ld(data: StructuredData, nodes: list[dict[str, Any]]) -> None:
    node = _article_node(nodes)
    if node is None:
        return
    data.title = _short(clean(node.get("headline")) or clean(node.get("name")), _MAX_TITLE)
    data.description = _short(clean(node.get("description")), _MAX_DESCRIPTION)
    _set_date(data, "published", node.get("datePublished") or node.get("dateCreated"))
    _set_date(data, "modified", node.get("dateModified"))
    data.authors = _names(node.get("author"))
    data.section = _first_text(node.get("articleSection"))
    data.tags = _keywords(node.get("keywords"))
    data.language = _language(_first_text(node.get("inLanguage")))
    publisher = node.get("publisher")
    if isinstance(publisher, dict):
        data.site_name = _short(clean(publisher.get("name")), _MAX_NAME)
    body = node.get("articleBody")
    data.article_body = body if isinstance(body, str) and body.strip() else None


def _set_date(data: StructuredData, which: str, value: Any) -> None:
    """Store the parsed date, or the raw declared string when it is not an aware ISO timestamp."""
    text = _first_text(value)
    if not text or getattr(data, which) is not None:
        return
    parsed = parse_iso_datetime(text)
    if parsed is not None:
        setattr(data, which, parsed)
    elif getattr(data, f"{which}_raw") is None:
        setattr(data, f"{which}_raw", text)


def _first_text(value: Any) -> str | None:
    if isinstance(value, list):
        return next((text for item in value if (text := _first_text(item))), None)
    if isinstance(value, dict):
        return clean(value.get("name")) or clean(value.get("@value"))
    return clean(value)


def _names(value: Any) -> list[str]:
    """Person/Organization names from a string, an object or a list of either."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = clean(item.get("name")) if isinstance(item, dict) else clean(item)
        if name and _sane_name(name) and name not in names:
            names.append(name)
    return names


def _sane_name(name: str) -> bool:
    return len(name) <= _MAX_NAME and not _URLISH.match(name) and any(ch.isalpha() for ch in name)


def _keywords(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    tags: list[str] = []
    for item in items:
        text = clean(item) if not isinstance(item, dict) else clean(item.get("name"))
        for tag in _KEYWORD_SPLIT.split(text or ""):
            if tag and len(tag) <= _MAX_NAME and tag not in tags:
                tags.append(tag)
    return tags


def _short(text: str | None, limit: int) -> str | None:
    return text if text and len(text) <= limit else None


def _language(value: str | None) -> str | None:
    """A BCP 47-looking tag with '_' turned into '-' (og:locale uses vi_VN)."""
    if not value or not _LOCALE.match(value):
        return None
    return value.replace("_", "-")


# --- meta tags and links ---------------------------------------------------------------------------


def _meta_map(root: lxml.html.HtmlElement) -> dict[str, list[str]]:
    """meta property/name/itemprop (lower-cased) -> contents in document order."""
    metas: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        content = clean(meta.get("content"))
        if not content:
            continue
        keys = f"{meta.get('property') or ''} {meta.get('name') or ''} {meta.get('itemprop') or ''}"
        for key in dict.fromkeys(keys.lower().split()):
            metas.setdefault(key, []).append(content)
    return metas


def _first(metas: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        if key in metas:
            return metas[key][0]
    return None


def _fill_from_meta(data: StructuredData, metas: dict[str, list[str]]) -> None:
    """Fill what JSON-LD left empty from OpenGraph, article:* and classic meta names."""
    data.title = data.title or _short(_first(metas, "og:title", "twitter:title"), _MAX_TITLE)
    data.description = data.description or _short(
        _first(metas, "og:description", "description", "twitter:description"), _MAX_DESCRIPTION
    )
    for key in ("article:published_time", "article:published", "datepublished", "pubdate"):
        _set_date(data, "published", _first(metas, key))
    for key in ("article:modified_time", "article:modified", "og:updated_time", "datemodified"):
        _set_date(data, "modified", _first(metas, key))
    if not data.authors:
        data.authors = _names(metas.get("author", []) + metas.get("article:author", []))
    data.section = data.section or _first(metas, "article:section")
    data.canonical_url = _first(metas, "og:url")
    if not data.tags and "article:tag" in metas:
        data.tags = list(dict.fromkeys(t for t in metas["article:tag"] if len(t) <= _MAX_NAME))  # one per tag
    if not data.tags:
        data.tags = _keywords(metas.get("keywords") or metas.get("news_keywords"))
    data.site_name = data.site_name or _short(_first(metas, "og:site_name"), _MAX_NAME)
    if data.language is None:
        data.language = _language(_first(metas, "og:locale", "language", "content-language"))


def _drop_site_name_title(data: StructuredData, metas: dict[str, list[str]], url: str | None) -> None:
    """Keep a declared title only when it names the article, not just the site (home-page markup on
    an article); try og/twitter titles before giving up."""
    if not data.title or not is_site_name(data.title, data.site_name, url):
        return
    data.title = next(
        (t for key in ("og:title", "twitter:title") for t in metas.get(key, [])
         if len(t) <= _MAX_TITLE and not is_site_name(t, data.site_name, url)),
        None,
    )


def _fill_links(data: StructuredData, root: lxml.html.HtmlElement, base_url: str | None) -> None:
    """Canonical link (resolved against the page URL) and the declared html lang."""
    base = base_url or root.getroottree().docinfo.URL or ""
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            data.canonical_url = urljoin(base, href) if base else href
            break
    lang = _language(clean(root.get("lang") or root.get("xml:lang")))
    if lang:
        data.language = lang
