"""Full-text search behind an adapter: FTS5 on SQLite, a portable scan elsewhere.

Text is indexed folded (no diacritics, đ -> d) so a query typed without diacritics finds text with
them; a query written with diacritics is then checked precisely against the stored text.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection

from storage.search.query import MAX_QUERY_CHARS, MAX_QUERY_TERMS, ParsedQuery, SearchQueryError
from storage.search.scan import ScanIndex
from storage.search.sqlite import SqliteFts5Index

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "ParsedQuery",
    "ScanIndex",
    "SearchIndex",
    "SearchQueryError",
    "SqliteFts5Index",
    "index_for",
]


class SearchIndex(Protocol):
    """Narrows a search to candidate articles; the caller checks each candidate precisely."""

    def ensure(self, conn: Connection) -> None: ...
    def index(self, conn: Connection, article_id: int, title: str, body: str) -> None: ...
    def candidates(self, conn: Connection, query: ParsedQuery, limit: int) -> list[int] | None:
        """Ids of articles that may match, best first, or None when every article is a candidate."""
        ...


def index_for(dialect_name: str) -> SearchIndex:
    return SqliteFts5Index() if dialect_name == "sqlite" else ScanIndex()
