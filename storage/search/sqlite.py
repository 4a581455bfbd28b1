"""The SQLite search index: FTS5 over folded title and text, the article id as rowid."""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from newsmon.core.text import fold
from storage.search.query import ParsedQuery

_FTS_SAFE = re.compile(r"[^\w ]", re.UNICODE)


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
