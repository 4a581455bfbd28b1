"""The archive: storing articles (one transaction each, dedup included), runs, and queries."""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, or_, select, tuple_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from newsmon.records import Article, DedupVerdict, FetchedPage, Relevance
from newsmon.text import fold
from newsmon.timezone import LOCAL_TZ
from storage import models as m
from storage.db import make_engine, migrate
from storage.dedup import NEAR_CONTAINMENT, Fingerprint, fingerprint
from storage.search import ParsedQuery, index_for
from storage.urls import canonical_key, clean_url, same_site

MAX_CANDIDATES = 50
RESULT_COLUMNS = ("id", "url", "outlet", "title", "published", "relevant", "story_id", "duplicate_of")


@dataclass(slots=True)
class StoreResult:
    """What happened to one article offered to the archive."""

    status: str  # new | duplicate | offtopic | updated | unchanged
    article_id: int
    verdict: DedupVerdict


@dataclass(slots=True)
class RunCounts:
    pages_fetched: int = 0
    new_articles: int = 0
    duplicates: int = 0
    offtopic: int = 0
    errors: int = 0


class Archive:
    """One archive database. Safe to use from several processes at once."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        migrate(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.search_index = index_for(self.engine.dialect.name)
        with self.engine.begin() as conn:
            self.search_index.ensure(conn)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    def close(self) -> None:
        self.engine.dispose()

    # ---- outlets and seen URLs -------------------------------------------------------------
    def outlet_id(self, session: Session, name: str) -> int:
        found = session.scalar(select(m.Outlet.id).where(m.Outlet.name == name))
        if found is not None:
            return found
        try:
            with session.begin_nested():
                outlet = m.Outlet(name=name)
                session.add(outlet)
            return outlet.id
        except IntegrityError:  # another process created it meanwhile
            return session.scalars(select(m.Outlet.id).where(m.Outlet.name == name)).one()

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """The given URLs whose article is already in the archive (any variant of the address)."""
        by_key = {canonical_key(u): u for u in urls}
        if not by_key:
            return set()
        found: set[str] = set()
        keys = list(by_key)
        with self.sessions() as session:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                found.update(session.scalars(select(m.ArticleUrl.url).where(m.ArticleUrl.url.in_(chunk))))
        return {by_key[k] for k in found}

    def is_known(self, url: str) -> bool:
        return bool(self.known_urls([url]))

    # ---- storing ------------------------------------------------------------------------------
    def store(
        self,
        article: Article,
        relevance: Relevance,
        raw: FetchedPage | None = None,
        run_id: int | None = None,
    ) -> StoreResult:
        """Store one article with its raw page, signature, story link and search entry, atomically."""
        url = clean_url(article.url)
        keys = {canonical_key(url)}
        if raw is not None:
            keys.add(canonical_key(raw.url))
        if article.canonical_url and same_site(article.canonical_url, url):
            keys.add(canonical_key(article.canonical_url))
        fp = fingerprint(_dedup_text(article))
        for attempt in range(3):
            try:
                with self.sessions.begin() as session:
                    return self._store(session, article, relevance, raw, run_id, url, keys, fp)
            except IntegrityError:
                if attempt == 2:  # lost the race three times: let the caller record the error
                    raise
        raise AssertionError("unreachable")

    def _store(
        self,
        session: Session,
        article: Article,
        relevance: Relevance,
        raw: FetchedPage | None,
        run_id: int | None,
        url: str,
        keys: set[str],
        fp: Fingerprint,
    ) -> StoreResult:
        existing_id = session.scalar(select(m.ArticleUrl.article_id).where(m.ArticleUrl.url.in_(keys)).limit(1))
        if existing_id is not None:
            return self._refresh(session, existing_id, article, relevance, raw, keys, fp)
        verdict = self._dedup(session, fp)
        row = m.Article(url=url, content_hash=fp.content_hash, run_id=run_id)
        _fill(row, article, relevance)
        row.outlet_id = self.outlet_id(session, article.outlet) if article.outlet else None
        row.duplicate_of = verdict.duplicate_of
        row.dup_kind = verdict.kind if verdict.duplicate_of else None
        row.similarity = verdict.similarity
        session.add(row)
        session.flush()
        if verdict.story_id is None:
            story = m.Story(original_article_id=row.id)
            session.add(story)
            session.flush()
            verdict.story_id = story.id
        row.story_id = verdict.story_id
        if verdict.duplicate_of is not None and self._takes_the_lead(session, row, verdict.duplicate_of):
            self._promote(session, row, verdict)
        for key in keys:
            session.add(m.ArticleUrl(url=key, article_id=row.id))
        self._save_signature(session, row.id, fp)
        if raw is not None:
            session.add(_raw_page(row.id, raw))
        self.search_index.index(session.connection(), row.id, row.title, _search_text(row))
        status = "duplicate" if verdict.duplicate_of else "new" if relevance.relevant else "offtopic"
        return StoreResult(status, row.id, verdict)

    def _refresh(
        self,
        session: Session,
        article_id: int,
        article: Article,
        relevance: Relevance,
        raw: FetchedPage | None,
        keys: set[str],
        fp: Fingerprint,
    ) -> StoreResult:
        """A page seen before: add new address variants; a changed text becomes a new version."""
        row = session.get_one(m.Article, article_id)
        known = set(session.scalars(select(m.ArticleUrl.url).where(m.ArticleUrl.article_id == article_id)))
        for key in keys - known:
            session.add(m.ArticleUrl(url=key, article_id=article_id))
        verdict = DedupVerdict("same_url", row.duplicate_of, row.story_id)
        if row.content_hash == fp.content_hash:
            return StoreResult("unchanged", article_id, verdict)
        session.add(
            m.ArticleVersion(
                article_id=article_id,
                version=row.version,
                title=row.title,
                lead=row.lead,
                body=row.body,
                content_hash=row.content_hash,
            )
        )
        _fill(row, article, relevance)
        row.content_hash = fp.content_hash
        row.version += 1
        row.updated_at = m.utcnow()
        session.execute(update(m.Signature).where(m.Signature.article_id == article_id).values(minhash=fp.to_bytes()))
        session.query(m.LshBand).filter(m.LshBand.article_id == article_id).delete()
        session.flush()
        for band, bucket in fp.buckets():
            session.add(m.LshBand(article_id=article_id, band=band, bucket=bucket))
        if raw is not None:
            session.add(_raw_page(article_id, raw))
        self.search_index.index(session.connection(), article_id, row.title, _search_text(row))
        return StoreResult("updated", article_id, verdict)

    def _takes_the_lead(self, session: Session, row: m.Article, original_id: int) -> bool:
        """Is the new copy the story's real original? The one others attribute wins, then the earliest."""
        original = session.get_one(m.Article, original_id)
        new_outlet = session.get(m.Outlet, row.outlet_id).name if row.outlet_id else None
        old_outlet = original.outlet.name if original.outlet else None
        if names_outlet(original.source_attribution, new_outlet):
            return True
        if names_outlet(row.source_attribution, old_outlet):
            return False
        return bool(row.published and original.published and row.published < original.published)

    def _promote(self, session: Session, row: m.Article, verdict: DedupVerdict) -> None:
        """Make `row` the story's original: every other copy now points at it."""
        session.execute(
            update(m.Article)
            .where(m.Article.story_id == row.story_id, m.Article.id != row.id)
            .values(duplicate_of=row.id, dup_kind=func.coalesce(m.Article.dup_kind, verdict.kind))
            .execution_options(synchronize_session=False)
        )
        session.flush()
        session.expire_all()
        row = session.get_one(m.Article, row.id)
        row.duplicate_of = None
        row.dup_kind = None
        story = session.get_one(m.Story, row.story_id)
        story.original_article_id = row.id
        session.flush()

    def _save_signature(self, session: Session, article_id: int, fp: Fingerprint) -> None:
        session.add(m.Signature(article_id=article_id, minhash=fp.to_bytes()))
        for band, bucket in fp.buckets():
            session.add(m.LshBand(article_id=article_id, band=band, bucket=bucket))

    def _dedup(self, session: Session, fp: Fingerprint) -> DedupVerdict:
        exact = session.execute(
            select(m.Article.id, m.Article.story_id)
            .where(m.Article.content_hash == fp.content_hash, m.Article.duplicate_of.is_(None))
            .limit(1)
        ).first()
        if exact is not None:
            return DedupVerdict("exact", exact.id, exact.story_id, 1.0)
        buckets = fp.buckets()
        if not buckets:
            return DedupVerdict("new")
        shared = Counter(
            session.scalars(select(m.LshBand.article_id).where(tuple_(m.LshBand.band, m.LshBand.bucket).in_(buckets)))
        )
        best: tuple[float, int] | None = None
        for candidate_id, _ in shared.most_common(MAX_CANDIDATES):
            blob = session.scalar(select(m.Signature.minhash).where(m.Signature.article_id == candidate_id))
            if blob is None:
                continue
            score = fp.containment(Fingerprint.from_bytes(blob))
            if score >= NEAR_CONTAINMENT and (best is None or score > best[0]):
                best = (score, candidate_id)
        if best is None:
            return DedupVerdict("new")
        match = session.execute(
            select(m.Article.id, m.Article.duplicate_of, m.Article.story_id).where(m.Article.id == best[1])
        ).one()
        return DedupVerdict("near", match.duplicate_of or match.id, match.story_id, round(best[0], 3))

    # ---- runs -----------------------------------------------------------------------------
    def start_run(self, trigger: str, outlets: list[str]) -> int:
        with self.sessions.begin() as session:
            run = m.CrawlRun(trigger=trigger, outlets=outlets, pid=os.getpid())
            session.add(run)
            session.flush()
            return run.id

    def update_run(self, run_id: int, counts: RunCounts, errors: list[str] | None = None) -> None:
        with self.sessions.begin() as session:
            run = session.get_one(m.CrawlRun, run_id)
            for field in RunCounts.__dataclass_fields__:
                setattr(run, field, getattr(counts, field))
            if errors is not None:
                run.error_log = errors[-200:]

    def finish_run(
        self, run_id: int, status: str, counts: RunCounts, errors: list[str], finish_reason: str | None = None
    ) -> None:
        self.update_run(run_id, counts, errors)
        with self.sessions.begin() as session:
            run = session.get_one(m.CrawlRun, run_id)
            run.status = status
            run.finished_at = m.utcnow()
            run.finish_reason = finish_reason

    def fail_running_runs(self, pid: int, reason: str) -> int:
        """Mark the runs a dead process left 'running' as failed, with the reason."""
        with self.sessions.begin() as session:
            rows = list(
                session.scalars(select(m.CrawlRun).where(m.CrawlRun.pid == pid, m.CrawlRun.status == "running"))
            )
            for run in rows:
                run.status = "failed"
                run.finished_at = m.utcnow()
                run.error_log = [*run.error_log, reason]
                run.errors += 1
            return len(rows)

    def runs(self, limit: int = 20) -> list[m.CrawlRun]:
        with self.sessions() as session:
            return list(session.scalars(select(m.CrawlRun).order_by(m.CrawlRun.id.desc()).limit(limit)))

    # ---- queries -------------------------------------------------------------------------------
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
    ) -> list[dict]:
        """Relevant originals (or everything with include_all) matching the query, newest first."""
        parsed = ParsedQuery.parse(query) if query else None
        stmt = _filtered(select(m.Article), outlets, since, until, include_all)
        with self.sessions() as session:
            if parsed is None:
                rows = session.scalars(
                    stmt.order_by(m.Article.published.desc().nulls_last(), m.Article.id.desc()).limit(limit)
                )
                return [_row_dict(r) for r in rows]
            candidate_ids = self.search_index.candidates(session.connection(), parsed, limit=max(limit * 20, 500))
            if candidate_ids is not None:
                stmt = stmt.where(m.Article.id.in_(candidate_ids))
            out = []
            for row in session.scalars(stmt.order_by(m.Article.published.desc().nulls_last(), m.Article.id.desc())):
                if parsed.matches(f"{row.title}\n{row.lead or ''}\n{row.body}"):
                    out.append(_row_dict(row))
                    if len(out) >= limit:
                        break
            return out

    def get(self, ident: str | int) -> dict | None:
        """One article by id or by any URL that leads to it, with its story's other copies."""
        with self.sessions() as session:
            row: m.Article | None
            if isinstance(ident, int) or str(ident).isdigit():
                row = session.get(m.Article, int(ident))
            else:
                article_id = session.scalar(
                    select(m.ArticleUrl.article_id).where(m.ArticleUrl.url == canonical_key(str(ident)))
                )
                row = session.get(m.Article, article_id) if article_id else None
            if row is None:
                return None
            data = _row_dict(row, full=True)
            copies = session.scalars(
                select(m.Article)
                .where(m.Article.story_id == row.story_id, m.Article.id != row.id)
                .order_by(m.Article.id)
            )
            data["story_copies"] = [_row_dict(c) for c in copies]
            return data

    def iter_export(self, *, include_all: bool = False, batch: int = 500) -> Iterator[dict]:
        """Every article (relevant originals unless include_all), full records, in id order."""
        last = 0
        while True:
            with self.sessions() as session:
                stmt = _filtered(select(m.Article), None, None, None, include_all)
                rows = list(session.scalars(stmt.where(m.Article.id > last).order_by(m.Article.id).limit(batch)))
                for row in rows:
                    yield _row_dict(row, full=True)
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


def names_outlet(attribution: str | None, outlet: str | None) -> bool:
    """Does an attribution ("Theo VnExpress", "Nguồn: Dân trí") name this outlet (by domain)?"""
    if not attribution or not outlet:
        return False
    name = re.sub(r"[^a-z0-9]", "", fold(attribution))
    label = re.sub(r"[^a-z0-9]", "", outlet.lower().removeprefix("www.").split(".")[0])
    return bool(name and label) and (name == label or name.endswith(label) or label.endswith(name))


def _filtered(
    stmt: Select, outlets: list[str] | None, since: datetime | None, until: datetime | None, include_all: bool
) -> Select:
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


def _fill(row: m.Article, article: Article, relevance: Relevance) -> None:
    row.title = article.title
    row.lead = article.lead
    row.body = "\n\n".join(article.body)
    row.captions = list(article.captions)
    row.authors = list(article.authors)
    row.published = article.published
    row.language = article.language
    row.section = article.section
    row.tags = list(article.tags)
    row.source_attribution = article.source_attribution
    row.translated_from = article.translated_from
    row.relevant = relevance.relevant
    row.relevance_score = relevance.score
    row.topics = list(relevance.topics)
    row.matched_terms = dict(relevance.matched_terms)


def _dedup_text(article: Article) -> str:
    return "\n".join(article.body) if article.body else f"{article.title}\n{article.lead or ''}"


def _search_text(row: m.Article) -> str:
    return f"{row.lead or ''}\n{row.body}"


def _raw_page(article_id: int, raw: FetchedPage) -> m.RawPage:
    return m.RawPage(
        article_id=article_id,
        url=raw.url,
        fetched_at=raw.fetched_at or m.utcnow(),
        http_status=raw.status,
        encoding=raw.encoding,
        content_sha1=hashlib.sha1(raw.body).hexdigest(),
        html_zlib=zlib.compress(raw.body, 6),
    )


def _row_dict(row: m.Article, *, full: bool = False) -> dict:
    data = {
        "id": row.id,
        "url": row.url,
        "outlet": row.outlet.name if row.outlet else None,
        "title": row.title,
        "published": _local_iso(row.published),
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
            first_seen=row.first_seen.isoformat(),
        )
    return data


def _local_iso(value: datetime | None) -> str | None:
    return value.astimezone(LOCAL_TZ).isoformat() if value else None
