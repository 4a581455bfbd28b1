"""Full-text search behind an adapter: FTS5 on SQLite, a portable LIKE scan elsewhere.

Text is indexed folded (no diacritics, đ -> d) so a query typed without diacritics finds text with
them; a query written with diacritics is then checked precisely against the stored text.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection, text

from newsmon.core.text import fold, has_diacritics, words


class SearchQueryError(ValueError):
    """A query the search cannot read; the message is meant for the user."""


@dataclass(slots=True)
class ParsedQuery:
    """Required words and phrases of a search query, as typed (NFC, lower case)."""

    terms: list[list[str]]  # each term: one word, or the words of a quoted phrase

    @classmethod
    def parse(cls, query: str) -> ParsedQuery:
        try:
            parts = shlex.split(query, posix=True)
        except ValueError as exc:
            raise SearchQueryError(f"cannot read the query {query!r}: {exc}") from None
        terms = [w for part in parts if (w := words(part))]
        if not terms:
            raise SearchQueryError(f"the query {query!r} has no words to search for")
        return cls(terms)

    def matches(self, text_value: str) -> bool:
        """Precise check: terms with diacritics must appear as written, others match folded."""
        tokens = words(text_value)
        folded = [fold(t) for t in tokens]
        for term in self.terms:
            hay = tokens if any(has_diacritics(w) for w in term) else folded
            needle = term if hay is tokens else [fold(w) for w in term]
            if not _contains_run(hay, needle):
                return False
        return True


def _contains_run(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    first = needle[0]
    return any(hay[i] == first and hay[i : i + n] == needle for i in range(len(hay) - n + 1))


class SearchIndex(Protocol):
    def ensure(self, conn: Connection) -> None: ...
    def index(self, conn: Connection, article_id: int, title: str, body: str) -> None: ...
    def candidates(self, conn: Connection, query: ParsedQuery, limit: int) -> list[int] | None:
        """Ids of articles that may match, best first, or None when every article is a candidate."""
        ...


_FTS_SAFE = re.compile(r"[^\w ]", re.UNICODE)


class SqliteFts5Index:
    """FTS5 over folded title and text; the article id is the rowid."""

    def ensure(self, conn: Connection) -> None:
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
                "title, body, tokenize='unicode61 remove_diacritics 2')"
            )
        )

    def index(self, conn: Connection, article_id: int, title: str, body: str) -> None:
        conn.execute(text("DELETE FROM article_fts WHERE rowid = :id"), {"id": article_id})
        conn.execute(
            text("INSERT INTO article_fts(rowid, title, body) VALUES (:id, :title, :body)"),
            {"id": article_id, "title": fold(title), "body": fold(body)},
        )

    def candidates(self, conn: Connection, query: ParsedQuery, limit: int) -> list[int] | None:
        match = " AND ".join(
            '"' + _FTS_SAFE.sub(" ", " ".join(fold(w) for w in term)).strip() + '"' for term in query.terms
        )
        rows = conn.execute(
            text(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH :m ORDER BY bm25(article_fts, 5.0, 1.0) LIMIT :n"
            ),
            {"m": match, "n": limit},
        )
        return [r[0] for r in rows]


class ScanIndex:
    """Portable fallback: no index, every article is a candidate and is checked precisely."""

    def ensure(self, conn: Connection) -> None:
        return None

    def index(self, conn: Connection, article_id: int, title: str, body: str) -> None:
        return None

    def candidates(self, conn: Connection, query: ParsedQuery, limit: int) -> list[int] | None:
        return None


def index_for(dialect_name: str) -> SearchIndex:
    return SqliteFts5Index() if dialect_name == "sqlite" else ScanIndex()
