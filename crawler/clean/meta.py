"""Lines that are about the article rather than of it: bylines, date lines and credit lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from crawler.clean.authors import split_names
from crawler.clean.credits import attribution, outlet_like
from crawler.clean.draft import Draft
from crawler.clean.lines import is_relative_time, word_count
from newsmon.core.dates import date_line_rest, parse_relative, search_date
from newsmon.core.outlets import OutletNames

_MAX_DATE_LINE_CHARS = 160  # a longer line is text that mentions a date, not a date line


@dataclass(slots=True)
class Meta:
    """What a byline, date line or sign-off line says."""

    authors: list[str] = field(default_factory=list)
    date: datetime | None = None
    attribution: str | None = None

    def merge_into(self, draft: Draft, *, front: bool = False) -> None:
        """Authors are added; a date or a credit only fills a field still empty."""
        draft.add_authors(self.authors, front=front)
        if self.date is not None and draft.published is None:
            draft.published = self.date
        if self.attribution and not draft.attribution:
            draft.attribution = self.attribution


def read_meta(text: str, fetched_at: datetime | None, names: OutletNames) -> Meta | None:
    """Read a byline / date line / attribution line; None when the line is something else."""
    source = attribution(text, names)
    if source:
        return Meta(attribution=source)
    found = search_date(text, fetched_at=fetched_at) if len(text) <= _MAX_DATE_LINE_CHARS else None
    if found is not None:
        rest = date_line_rest(text, found)
        outlet = outlet_like(rest, names) if rest else None
        if outlet:
            return Meta(attribution=outlet, date=found.value)
        authors = split_names(rest) if rest else None
        if authors:
            return Meta(authors=authors, date=found.value)
        return Meta(date=found.value) if word_count(rest) <= 2 else None
    if is_relative_time(text):
        return Meta(date=parse_relative(text, fetched_at))
    outlet = outlet_like(text, names)
    if outlet:
        return Meta(attribution=outlet)
    authors = split_names(text)
    return Meta(authors=authors) if authors else None
