"""The size limits of one page, and the notes a page gets when it hits one (never a silent cut).

- `max_page_bytes`: the bytes read of one page. The crawl's own limit (Scrapy's DOWNLOAD_MAXSIZE, a
  larger page is not downloaded at all); `newsmon extract` reads that much of a saved page and cuts
  the rest. The cut falls after the last '>' before the limit, so that neither a tag nor a character
  is split (in UTF-8 and every ASCII-based charset '>' is never part of a multi-byte character).
- `max_body_chars`: the body text kept, in whole paragraphs (a single longer paragraph is cut inside).
  Far beyond any article (the longest decrees run to a few hundred thousand characters); it bounds
  what the cleaner, relevance, dedup and the search index get from one page.
- `max_depth`: the element nesting kept. libxml2 gives up at 256 levels (2048 in its "huge" mode) and
  drops the rest of the page; newsmon's tree builder flattens instead: below `max_depth // 2` levels
  bare wrappers (div, span ... without attributes) are merged into their parent, below `max_depth`
  every element is, so the text is kept and the tree stays shallow enough to walk. 512 is the depth
  at which Chromium's HTML parser flattens too.
"""

from __future__ import annotations

from dataclasses import dataclass

from crawler.fetch.settings import DOWNLOAD_MAXSIZE


@dataclass(frozen=True, slots=True)
class PageLimits:
    max_page_bytes: int = DOWNLOAD_MAXSIZE
    max_body_chars: int = 2_000_000
    max_depth: int = 512


LIMITS = PageLimits()


def cut_page(body: bytes, limits: PageLimits = LIMITS) -> tuple[bytes, str | None]:
    """The first `max_page_bytes` of a page, cut after a tag; the note when something was cut."""
    limit = limits.max_page_bytes
    if len(body) <= limit:
        return body, None
    end = body.rfind(b">", 0, limit) + 1 or limit
    return body[:end], f"page cut to its first {end:,} of {len(body):,} bytes (limit {limit:,} bytes)"


def cut_body(paragraphs: list[str], limits: PageLimits = LIMITS) -> tuple[list[str], str | None]:
    """Whole paragraphs up to `max_body_chars` (the first one cut inside if it alone is longer)."""
    limit = limits.max_body_chars
    total = 0
    for index, paragraph in enumerate(paragraphs):
        if total + len(paragraph) > limit:
            kept = paragraphs[:index] if index else [paragraph[:limit]]
            chars = sum(map(len, kept))
            dropped = len(paragraphs) - len(kept)
            return kept, (
                f"body cut at {chars:,} characters: {dropped:,} of {len(paragraphs):,} paragraphs dropped "
                f"(limit {limit:,} characters)"
            )
        total += len(paragraph)
    return paragraphs, None


def depth_note(limits: PageLimits = LIMITS) -> str:
    soft, hard = limits.max_depth // 2, limits.max_depth
    return f"elements nested deeper than {soft} levels were flattened (limit {hard} levels)"
