"""Shared pieces of the mock outlets: the article model, gold records, dates, feeds and sitemaps.

Each outlet module (dantri, vnexpress, tuoitre) only knows its own DOM; everything that is the same
across outlets (what goes into a gold record, RFC 822 dates, sitemap XML) lives here so the three
mocks cannot drift apart on the facts they render.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PAGE_SIZE = 5
WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
TEXT_BLOCKS = ("p", "h2", "h3", "box")


def esc(value: object) -> str:
    """Escape text for HTML/XML content and attribute values alike."""
    return html.escape(str(value), quote=True)


def fold(text: str) -> str:
    """Strip Vietnamese diacritics (and map đ to d, which Unicode does not decompose)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slugify(text: str) -> str:
    """Make the ASCII dash slug the outlets use in author and tag URLs."""
    out = "".join(c if c.isalnum() else "-" for c in fold(text).lower())
    return "-".join(part for part in out.split("-") if part)


@dataclass(frozen=True)
class Article:
    """One mock article, as read from `samples/articles/<domain>/<id>.json`."""

    id: str
    outlet: str
    url: str
    section: str
    section_slug: str
    title: str
    lead: str
    body: list[dict[str, Any]]
    authors: list[str]
    published: datetime
    published_raw: str
    tags: list[str]
    language: str
    layout: str | None = None
    kicker: str | None = None
    modified: datetime | None = None
    source_attribution: str | None = None
    related: list[dict[str, str]] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        """Build from the JSON file; unknown keys (label, story, ...) are ignored on purpose."""
        modified = data.get("modified")
        return cls(
            id=data["id"],
            outlet=data["outlet"],
            url=data["url"],
            section=data["section"],
            section_slug=data["section_slug"].strip("/"),
            title=data["title"],
            lead=data["lead"],
            body=list(data["body"]),
            authors=list(data.get("authors") or []),
            published=datetime.fromisoformat(data["published"]),
            published_raw=data["published"],
            tags=list(data.get("tags") or []),
            language=data.get("language") or "vi",
            layout=data.get("layout"),
            kicker=data.get("kicker"),
            modified=datetime.fromisoformat(modified) if modified else None,
            source_attribution=data.get("source_attribution"),
            related=list(data.get("related") or []),
        )

    @property
    def path(self) -> str:
        """URL path of the article on its outlet (also its file path under sites/<domain>)."""
        return urlsplit(self.url).path

    @property
    def numeric_id(self) -> str:
        """The trailing digits of the URL, which every outlet uses as its article id."""
        stem = self.path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        found = re.search(r"(\d{4,})$", stem)  # "-4800001", "-post930412"; slugs without an id get a stable one
        return found.group(1) if found else str(zlib.crc32(self.id.encode()) % 10**9)

    @property
    def updated(self) -> datetime:
        """Last change time, for sitemap lastmod."""
        return self.modified or self.published

    def images(self) -> list[dict[str, Any]]:
        """Image blocks of the body, in order."""
        return [b for b in self.body if "img" in b]

    def text_of(self) -> str:
        """All searchable text, for the mock site search."""
        parts = [self.title, self.lead, *self.tags, *body_texts(self)]
        return unicodedata.normalize("NFC", " ".join(parts)).casefold()


def box_paragraphs(block: dict[str, Any]) -> list[str]:
    """A box holds one text or a list of texts; each becomes a paragraph."""
    value = block["box"]
    return [value] if isinstance(value, str) else [str(v) for v in value]


def body_texts(article: Article) -> list[str]:
    """Body as the gold record lists it: paragraphs, sub-headings and box texts, no captions."""
    out: list[str] = []
    for block in article.body:
        if "box" in block:
            out.extend(box_paragraphs(block))
        else:
            out.extend(block[k] for k in ("p", "h2", "h3") if k in block)
    return [t.strip() for t in out if t and t.strip()]


def visible_published(article: Article) -> str:
    """The publication time as precise as the page gives it: dantri's "singular" layout shows minutes
    only (no structured date), so its gold cannot hold seconds."""
    if article.outlet == "dantri.com.vn" and article.layout == "singular":
        return article.published.replace(second=0, microsecond=0).isoformat()
    return article.published_raw


def gold_record(article: Article) -> dict[str, Any]:
    """The clean record `newsmon extract --json` should produce for this article's page."""
    captions = [str(b["caption"]).strip() for b in article.images() if b.get("caption")]
    return {
        "url": article.url,
        "canonical_url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "lead": article.lead,
        "body": body_texts(article),
        "captions": captions,
        "authors": article.authors,
        "published": visible_published(article),
        "language": article.language,
        "section": article.section,
        "tags": article.tags,
        "source_attribution": gold_source(article.source_attribution),
        "translated_from": translated_from(article),
    }


# "Báo", "Báo điện tử" before a newspaper's name (any case), as pages print it.
_NEWSPAPER_WORD = ("báo điện tử ", "báo ")


def gold_source(printed: str | None) -> str | None:
    """Gold rule of the hand-labelled seeds: a cited newspaper is named without the word 'Báo'
    ('Báo Sài Gòn Giải Phóng' -> 'Sài Gòn Giải Phóng'); the page itself still prints it in full."""
    if not printed:
        return printed
    for word in _NEWSPAPER_WORD:
        if printed.lower().startswith(word) and printed[len(word):][:1].isupper():
            return printed[len(word):]
    return printed


# Platforms whose non-Vietnamese pages are machine translations of Vietnamese articles (the page says so).
TRANSLATING_PLATFORMS = frozenset({"vietnam.vn"})


def translated_from(article: Article) -> str | None:
    """Gold rule: a translated page names the language it was translated from (Vietnamese, on the
    platforms that translate Vietnamese articles); an original article in any language has none."""
    if article.outlet in TRANSLATING_PLATFORMS and article.language != "vi":
        return "vi"
    return None


def pages_of(items: list[Article], size: int = PAGE_SIZE) -> list[list[Article]]:
    """Split a listing into pages; an empty listing still has one (empty) page."""
    count = max(1, math.ceil(len(items) / size))
    return [items[i * size : (i + 1) * size] for i in range(count)]


def section_prefixes(slug: str) -> list[str]:
    """`a/b/c` -> [`a`, `a/b`, `a/b/c`]: a sub-section also appears in its parents' listings."""
    parts = slug.split("/")
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def link_first(text: str, phrase: str, make_link: Callable[[str], str]) -> str:
    """Escape `text` and turn the first occurrence of `phrase` into an inline link.

    Outlets auto-link keywords inside paragraphs; the link text stays part of the paragraph, which
    is what an extractor must keep.
    """
    pos = text.find(phrase) if phrase else -1
    if pos < 0:
        return esc(text)
    end = pos + len(phrase)
    return esc(text[:pos]) + make_link(text[pos:end]) + esc(text[end:])


# --- dates -------------------------------------------------------------------------------------


def rfc822(dt: datetime) -> str:
    """RSS date, e.g. `Thu, 17 Sep 2026 15:00:00 +0700` (English names whatever the locale)."""
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return (
        f"{days[dt.weekday()]}, {dt.day:02d} {months[dt.month - 1]} {dt.year} "
        f"{dt:%H:%M:%S} {dt:%z}"
    )


def us_local(dt: datetime) -> str:
    """Tuổi Trẻ's zone-less US date, e.g. `10/5/2026 3:42:00 PM` (local GMT+7 implied)."""
    hour = dt.hour % 12 or 12
    return f"{dt.month}/{dt.day}/{dt.year} {hour}:{dt:%M:%S} {'AM' if dt.hour < 12 else 'PM'}"


def weekday_vi(dt: datetime) -> str:
    """Vietnamese weekday name shown in datelines."""
    return WEEKDAYS[dt.weekday()]


def w3c(dt: datetime) -> str:
    """Sitemap lastmod / ISO date with offset."""
    return dt.isoformat()


# --- XML: feeds and sitemaps -------------------------------------------------------------------

XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def rss(channel: dict[str, str], items: Iterable[str]) -> str:
    """RSS 2.0 document from a channel header and pre-rendered `<item>` strings."""
    head = "".join(f"    <{k}>{esc(v)}</{k}>\n" for k, v in channel.items())
    body = "".join(items)
    return (
        f'{XML_DECL}<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n  <channel>\n'
        f"{head}{body}  </channel>\n</rss>\n"
    )


def cdata(text: str) -> str:
    """Wrap in CDATA, splitting any `]]>` so the section stays well-formed."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sitemap_index(entries: Iterable[tuple[str, datetime]]) -> str:
    """`<sitemapindex>` listing shard URLs with their lastmod."""
    rows = "".join(
        f"  <sitemap>\n    <loc>{esc(loc)}</loc>\n    <lastmod>{w3c(mod)}</lastmod>\n  </sitemap>\n"
        for loc, mod in entries
    )
    return (
        f'{XML_DECL}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{rows}</sitemapindex>\n"
    )


NS_NEWS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
NS_IMAGE = 'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"'


def urlset(rows: Iterable[str], extra_ns: str = "") -> str:
    """`<urlset>` from pre-rendered `<url>` rows."""
    ns = f" {extra_ns}" if extra_ns else ""
    return (
        f'{XML_DECL}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>\n'
        f"{''.join(rows)}</urlset>\n"
    )


def url_row(loc: str, lastmod: datetime | None = None, inner: str = "", freq: str = "") -> str:
    """One sitemap `<url>` entry."""
    mod = f"    <lastmod>{w3c(lastmod)}</lastmod>\n" if lastmod else ""
    cf = f"    <changefreq>{freq}</changefreq>\n" if freq else ""
    return f"  <url>\n    <loc>{esc(loc)}</loc>\n{mod}{cf}{inner}  </url>\n"


def news_inner(article: Article, publication: str) -> str:
    """Google News `<news:news>` block of a sitemap entry."""
    return (
        "    <news:news>\n      <news:publication>\n"
        f"        <news:name>{esc(publication)}</news:name>\n"
        f"        <news:language>{esc(article.language)}</news:language>\n"
        "      </news:publication>\n"
        f"      <news:publication_date>{w3c(article.published)}</news:publication_date>\n"
        f"      <news:title>{esc(article.title)}</news:title>\n"
        "    </news:news>\n"
    )


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 with Unix newlines, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
