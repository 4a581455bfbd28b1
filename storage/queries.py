"""Reading the archive: counts, search, one article with its story, export, raw pages.

Rows come out as plain dicts (JSON-ready: ISO dates in local time, a date-only `published` as
``YYYY-MM-DD``), the shape `newsmon search/show/export` print.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.core.dates import local_date
from newsmon.core.time import LOCAL_TZ
from storage import models as m
from storage.addresses import article_at
from storage.search import ParsedQuery, SearchIndex

# With a query, this many index candidates per wanted result are checked precisely (at least the floor).
CANDIDATES_PER_RESULT = 20
MIN_CANDIDATES = 500

Row = dict[str, Any]


class Queries:
    """Read-only questions to the archive, each in its own session."""

    def __init__(self, sessions: sessionmaker[Session], search_index: SearchIndex) -> None:
        self.sessions = sessions
        self.search_index = search_index

    def counts(self) -> dict[str, int]:
        with self.sessions() as session:
            total = session.scalar(select(func.count(m.Article.id))) or 0
            originals = m.Article.duplicate_of.is_(None)
            relevant = session.scalar(select(func.count()).where(m.Article.relevant, originals)) or 0
            duplicates = session.scalar(select(func.count()).where(m.Article.duplicate_of.is_not(None))) or 0
            stories = (
                session.scalar(select(func.count(func.distinct(m.Article.story_id))).where(m.Article.relevant)) or 0
            )
        return {
            "articles": total,
            "relevant": relevant,
            "duplicates": duplicates,
            "offtopic": total - duplicates - relevant,
            "stories": stories,
        }

    def search(
        self,
        query: str | None = None,
        *,
        outlets: list[str] | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        include_all: bool = False,
        limit: int = 20,
    ) -> list[Row]:
        """Relevant originals (or everything with include_all) matching the query, newest first."""
        parsed = ParsedQuery.parse(query) if query else None
        stmt = _filtered(select(m.Article), outlets, since, until, include_all)
        newest_first = (m.Article.published.desc().nulls_last(), m.Article.id.desc())
        with self.sessions() as session:
            if parsed is None:
                return [row_dict(r) for r in session.scalars(stmt.order_by(*newest_first).limit(limit))]
            wanted = max(limit * CANDIDATES_PER_RESULT, MIN_CANDIDATES)
            candidate_ids = self.search_index.candidates(session.connection(), parsed, limit=wanted)
            if candidate_ids is not None:
                stmt = stmt.where(m.Article.id.in_(candidate_ids))
            out = []
            for row in session.scalars(stmt.order_by(*newest_first)):
                if parsed.matches(f"{row.title}\n{row.lead or ''}\n{row.body}"):
                    out.append(row_dict(row))
                    if len(out) >= limit:
                        break
            return out

    def get(self, ident: str | int) -> Row | None:
        """One article by id or by any URL that leads to it, with its story's other copies."""
        with self.sessions() as session:
            row: m.Article | None
            if isinstance(ident, int) or ident.isdigit():
                row = session.get(m.Article, int(ident))
            else:
                article_id = article_at(session, ident)
                row = session.get(m.Article, article_id) if article_id else None
            if row is None:
                return None
            data = row_dict(row, full=True)
            copies = session.scalars(
                select(m.Article)
                .where(m.Article.story_id == row.story_id, m.Article.id != row.id)
                .order_by(m.Article.id)
            )
            data["story_copies"] = [row_dict(c) for c in copies]
            return data

    def iter_export(self, *, include_all: bool = False, batch: int = 500) -> Iterator[Row]:
        """Every article (relevant originals unless include_all), full records, in id order."""
        last = 0
        while True:
            with self.sessions() as session:
                stmt = _filtered(select(m.Article), None, None, None, include_all)
                rows = list(session.scalars(stmt.where(m.Article.id > last).order_by(m.Article.id).limit(batch)))
                for row in rows:
                    yield row_dict(row, full=True)
            if len(rows) < batch:
                return
            last = rows[-1].id

    def raw_html(self, article_id: int) -> bytes | None:
        with self.sessions() as session:
            blob = session.scalar(
                select(m.RawPage.html_zlib)
                .where(m.RawPage.article_id == article_id)
                .order_by(m.RawPage.id.desc())
                .limit(1)
            )
        return zlib.decompress(blob) if blob is not None else None


def _filtered(
    stmt: Select[m.Article],
    outlets: list[str] | None,
    since: datetime | None,
    until: datetime | None,
    include_all: bool,
) -> Select[m.Article]:
    if not include_all:
        stmt = stmt.where(m.Article.relevant, m.Article.duplicate_of.is_(None))
    if outlets:
        stmt = stmt.join(m.Outlet, m.Article.outlet_id == m.Outlet.id).where(
            or_(*[m.Outlet.name == o for o in outlets])
        )
    if since is not None:
        stmt = stmt.where(m.Article.published >= since)
    if until is not None:
        stmt = stmt.where(m.Article.published <= until)
    return stmt


def published_of(row: m.Article) -> datetime | None:
    """The stored publication time in local time; a date-only value comes back as a `DateOnly`."""
    if row.published is None:
        return None
    local = row.published.astimezone(LOCAL_TZ)
    if row.published_precision == m.DAY_PRECISION:
        return local_date(local.year, local.month, local.day)
    return local


def row_dict(row: m.Article, *, full: bool = False) -> Row:
    published = published_of(row)
    data: Row = {
        "id": row.id,
        "url": row.url,
        "outlet": row.outlet.name if row.outlet else None,
        "title": row.title,
        "published": published.isoformat() if published else None,
        "relevant": row.relevant,
        "story_id": row.story_id,
        "duplicate_of": row.duplicate_of,
    }
    if full:
        data.update(
            lead=row.lead,
            body=row.body.split("\n\n") if row.body else [],
            captions=row.captions,
            authors=row.authors,
            language=row.language,
            section=row.section,
            tags=row.tags,
            source_attribution=row.source_attribution,
            translated_from=row.translated_from,
            relevance_score=row.relevance_score,
            topics=row.topics,
            matched_terms=row.matched_terms,
            dup_kind=row.dup_kind,
            similarity=row.similarity,
            version=row.version,
            first_seen=row.first_seen.astimezone(LOCAL_TZ).isoformat(),
        )
    return data
