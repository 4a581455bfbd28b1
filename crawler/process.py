"""One page through extraction and cleaning: the single path shared by the crawl, `newsmon extract`,
`sources --check` and the benches.

fetched bytes -> cut at the page limit, decode (the content-type header is evidence, checked) -> the
profile owning the URL, else the generic extractor -> `finalize` -> the feed's date when the page gives
none. Every size limit a page hits is noted (`process_page_noted`), never applied silently.
"""

from __future__ import annotations

from typing import Protocol

from crawler.clean import finalize
from crawler.extract.limits import LIMITS, PageLimits
from crawler.extract.page import extract_page, read_html
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


def extract_fetched(page: FetchedPage, registry: ProfileLookup, limits: PageLimits = LIMITS) -> ExtractedPage:
    """The fields of a fetched page before text cleaning (the outlet's profile chosen by URL); the size
    limits it hit are in its `notes`."""
    profile = registry.for_url(page.url)
    html, note = read_html(page.body, page.headers.get("content-type"), limits)
    extracted = extract_page(html, page.url, profile=profile, fetched_at=page.fetched_at, limits=limits)
    del html  # the decoded page is not needed while the record is cleaned
    extracted.notes[:0] = [note] if note else []
    extracted.outlet = extracted.outlet or page.outlet
    return extracted


def finish_page(extracted: ExtractedPage, page: FetchedPage, registry: ProfileLookup) -> Article:
    """Clean the extracted fields into an article; the feed's date beats no date (never the crawl time)."""
    article = finalize(extracted, names=registry.outlet_names())
    if article.published is None and page.listed_published is not None:
        article.published = page.listed_published
    return article


def process_page_noted(page: FetchedPage, registry: ProfileLookup) -> tuple[Article, list[str]]:
    """`process_page`, with the page's notes: one line per size limit it hit ("body cut at ..."), for
    the caller to report with the page (crawler/extract/limits.py)."""
    extracted = extract_fetched(page, registry)
    return finish_page(extracted, page, registry), extracted.notes


def process_page(page: FetchedPage, registry: ProfileLookup) -> Article:
    """Extract and clean one fetched page: what the crawl stores and `newsmon extract` prints."""
    return process_page_noted(page, registry)[0]
