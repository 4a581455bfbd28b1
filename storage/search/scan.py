"""The portable fallback search (PostgreSQL and others): no index, the precise check reads every row."""

from __future__ import annotations

from sqlalchemy import Connection

from storage.search.query import ParsedQuery


class ScanIndex:
    """Every article is a candidate and is checked precisely by `ParsedQuery.matches`."""

    def ensure(self, conn: Connection) -> None:
        return None

    def index(self, conn: Connection, article_id: int, title: str, body: str) -> None:
        return None

    def candidates(self, conn: Connection, query: ParsedQuery, limit: int) -> list[int] | None:
        return None
