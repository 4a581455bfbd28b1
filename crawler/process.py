"""One page through extraction and cleaning: the single path shared by the crawl, `newsmon extract`,
`sources --check` and the benches.

fetched bytes -> decode (the content-type header is evidence, checked) -> the profile owning the URL,
else the generic extractor -> `finalize` -> the feed's date when the page gives none.
"""

from __future__ import annotations

from typing import Protocol

from crawler.clean import finalize
from crawler.extract.page import decode_html, extract_page
from crawler.outlets.registry import OutletProfile
from newsmon.core.outlets import OutletNames
from newsmon.core.records import Article, ExtractedPage, FetchedPage


class ProfileLookup(Protocol):
    """What the page path needs of a registry: the profile that owns a URL, and the outlet names
    that credits and bylines are recognised by."""

    def for_url(self, url: str) -> OutletProfile | None: ...

    def outlet_names(self) -> OutletNames:
        """Built once per registry (`Registry` caches them: building reads press.toml)."""
        ...


def extract_fetched(page: FetchedPage, registry: ProfileLookup) -> ExtractedPage:
    """The fields of a fetched page before text cleaning (the outlet's profile chosen by URL)."""
    profile = registry.for_url(page.url)
    html = decode_html(page.body, page.headers.get("content-type"))
    extracted = extract_page(html, page.url, profile=profile, fetched_at=page.fetched_at)
    extracted.outlet = extracted.outlet or page.outlet
    return extracted


def finish_page(extracted: ExtractedPage, page: FetchedPage, registry: ProfileLookup) -> Article:
    """Clean the extracted fields into an article; the feed's date beats no date (never the crawl time)."""
    article = finalize(extracted, names=registry.outlet_names())
    if article.published is None and page.listed_published is not None:
        article.published = page.listed_published
    return article


def process_page(page: FetchedPage, registry: ProfileLookup) -> Article:
    """Extract and clean one fetched page: what the crawl stores and `newsmon extract` prints."""
    return finish_page(extract_fetched(page, registry), page, registry)
