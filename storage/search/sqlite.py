"""The SQLite search index: FTS5 over folded title and text, the article id as rowid."""

from __future__ import annotations

import re

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from newsmon.core.text import fold
from storage.search.query import ParsedQuery, SearchQueryError

_FTS_SAFE = re.compile(r"[^\w ]", re.UNICODE)
_FTS_ERROR = re.compile(r"fts5|MATCH|syntax error", re.IGNORECASE)


class SqliteFts5Index:
    """FTS5 with diacritics removed by the tokenizer too; candidates come ranked by bm25 (title weighs 5)."""

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
        try:
            rows = conn.execute(
                text(
                    "SELECT rowid FROM article_fts WHERE article_fts MATCH :m"
                    " ORDER BY bm25(article_fts, 5.0, 1.0) LIMIT :n"
                ),
                {"m": match_expression(query), "n": limit},
            ).all()
        except OperationalError as exc:
            # FTS5 reports a query it cannot run as an OperationalError ("fts5: syntax error near ...");
            # the user gets one line about the query, never SQL. Other errors (locks, I/O) stay what they are.
            if not _FTS_ERROR.search(str(exc.orig)):
                raise
            raise SearchQueryError(f"cannot search for {query.source!r}: the search index cannot run it") from None
        return [r[0] for r in rows]


def match_expression(query: ParsedQuery) -> str:
    """The FTS5 MATCH text: each term a quoted phrase of folded words, ANDed (one join: linear)."""
    return " AND ".join(
        '"' + _FTS_SAFE.sub(" ", " ".join(fold(w) for w in term)).strip() + '"' for term in query.terms
    )
