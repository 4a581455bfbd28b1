"""The archive: storing articles (one transaction each, dedup included), runs, and queries."""

from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from sqlalchemy import Select, and_, bindparam, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from newsmon.core.records import Article, DedupVerdict, FetchedPage, Relevance
from newsmon.core.text import fold
from newsmon.core.time import LOCAL_TZ, utcnow
from storage import models as m
from storage.db import make_engine, migrate
from storage.dedup import NEAR_CONTAINMENT, Fingerprint, anchors, fingerprint
from storage.search import ParsedQuery, index_for
from storage.urls import canonical_key, clean_url, same_site, site_of

MAX_CANDIDATES = 50
# A bucket shared by more articles than this is boilerplate, not a story: skipped (see Archive.candidates).
FREQUENT_BUCKET = 200
# Translations: the source's report must be this close in time and share this share of the anchors.
TRANSLATION_WINDOW = timedelta(days=3)
TRANSLATION_ANCHORS = 0.5
MIN_ANCHORS = 3
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
        self._frequent_buckets: set[tuple[int, int]] = set()  # only grows: a bucket never gets rarer
        self._outlet_ids: dict[str, int] = {}
        with self.engine.begin() as conn:
            self.search_index.ensure(conn)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    def close(self) -> None:
        self.engine.dispose()

    # ---- outlets and seen URLs -------------------------------------------------------------
    def outlet_id(self, session: Session, name: str) -> int:
        if name in self._outlet_ids:  # outlets are never deleted: an id once seen stays valid
            return self._outlet_ids[name]
        found = session.scalar(select(m.Outlet.id).where(m.Outlet.name == name))
        if found is not None:
            self._outlet_ids[name] = found
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
        url, keys, fp = _prepare(article, raw)
        for attempt in range(3):
            try:
                with self.sessions.begin() as session:
                    return self._store(session, article, relevance, raw, run_id, url, keys, fp)
            except IntegrityError:
                self._outlet_ids.clear()  # an outlet row made in the rolled-back transaction is gone
                if attempt == 2:  # lost the race three times: let the caller record the error
                    raise
        raise AssertionError("unreachable")

    def store_many(
        self, items: Iterable[tuple[Article, Relevance, FetchedPage | None]], run_id: int | None = None
    ) -> list[StoreResult]:
        """Store a batch in one transaction, through the same dedup and store steps as `store`.

        For bulk loads (benches, imports): one commit per batch instead of per article. An article of the
        batch is checked against the earlier ones too (they are flushed). If another writer makes the
        batch fail on a unique constraint, the batch is rolled back and stored one article at a time.
        """
        prepared = [(a, r, raw, *_prepare(a, raw)) for a, r, raw in items]
        try:
            with self.sessions.begin() as session:
                return [self._store(session, a, r, raw, run_id, url, keys, fp) for a, r, raw, url, keys, fp in prepared]
        except IntegrityError:
            self._outlet_ids.clear()
            return [self.store(a, r, raw, run_id) for a, r, raw, *_ in prepared]

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
        verdict, bridged = self._dedup(session, fp, article)
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
        if bridged - {verdict.story_id}:
            verdict.duplicate_of = row.duplicate_of = self._merge_stories(session, verdict.story_id, bridged, row.id)
        if verdict.duplicate_of is not None and self._takes_the_lead(session, row, verdict.duplicate_of):
            self._promote(session, row, verdict)
        if verdict.kind != "exact":
            self._adopt_translations(session, row, article)
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
        row.updated_at = utcnow()
        session.execute(update(m.Signature).where(m.Signature.article_id == article_id).values(minhash=fp.to_bytes()))
        session.query(m.LshBand).filter(m.LshBand.article_id == article_id).delete()
        session.flush()
        _insert_buckets(session, article_id, fp)
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

    def _merge_stories(self, session: Session, story_id: int, others: set[int], new_id: int) -> int:
        """A new copy matched several stories: they are copies of one text, so they become one story
        (single link), led by the original that the rules prefer. Returns that original's id."""
        others = others - {story_id}
        session.execute(
            update(m.Article)
            .where(m.Article.story_id.in_(others))
            .values(story_id=story_id)
            .execution_options(synchronize_session=False)
        )
        leads = [
            i
            for i in session.scalars(select(m.Story.original_article_id).where(m.Story.id.in_({story_id, *others})))
            if i is not None and i != new_id
        ]
        session.flush()
        session.expire_all()
        lead = leads[0]
        for other in leads[1:]:
            if self._takes_the_lead(session, session.get_one(m.Article, other), lead):
                lead = other
        session.execute(
            update(m.Article)
            .where(m.Article.story_id == story_id, m.Article.id != lead)
            .values(duplicate_of=lead, dup_kind=func.coalesce(m.Article.dup_kind, "near"))
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(m.Article)
            .where(m.Article.id == lead)
            .values(duplicate_of=None, dup_kind=None)
            .execution_options(synchronize_session=False)
        )
        session.execute(update(m.Story).where(m.Story.id == story_id).values(original_article_id=lead))
        session.execute(delete(m.Story).where(m.Story.id.in_(others)))
        session.expire_all()
        return lead

    def _adopt_translations(self, session: Session, row: m.Article, article: Article) -> None:
        """The new article may be the source of translations stored before it: link them to its story.

        The same test as `_translation`, the other way round; only pages that declare a translation are
        read (ix_articles_translated_from), so this costs an index range, not the day's articles.
        """
        if article.published is None or article.translated_from or not article.outlet:
            return
        stmt = select(m.Article).where(
            m.Article.translated_from.is_not(None),
            m.Article.published >= article.published - TRANSLATION_WINDOW,
            m.Article.published <= article.published + TRANSLATION_WINDOW,
            m.Article.duplicate_of.is_(None),
            m.Article.id != row.id,
        )
        mine: set[str] | None = None
        lead: int | None = None
        for other in session.scalars(stmt.limit(MAX_CANDIDATES)):
            if (
                other.story_id == row.story_id
                or other.language == article.language
                or not names_outlet(other.source_attribution, article.outlet)
            ):
                continue
            mine = mine if mine is not None else anchors(f"{article.title}\n{article.text}")
            theirs = anchors(f"{other.title}\n{other.lead or ''}\n{other.body}")
            shared = len(mine & theirs)
            if shared < MIN_ANCHORS or shared / max(1, min(len(mine), len(theirs))) < TRANSLATION_ANCHORS:
                continue
            old_story = other.story_id
            if lead is None:
                lead = session.get_one(m.Story, row.story_id).original_article_id or row.id
            session.execute(
                update(m.Article)
                .where(m.Article.story_id == old_story)
                .values(
                    story_id=row.story_id,
                    duplicate_of=lead,
                    dup_kind=func.coalesce(m.Article.dup_kind, "translation"),
                )
                .execution_options(synchronize_session=False)
            )
            session.execute(delete(m.Story).where(m.Story.id == old_story))
            session.expire_all()

    def _save_signature(self, session: Session, article_id: int, fp: Fingerprint) -> None:
        session.add(m.Signature(article_id=article_id, minhash=fp.to_bytes()))
        _insert_buckets(session, article_id, fp)

    def _dedup(
        self, session: Session, fp: Fingerprint, article: Article | None = None
    ) -> tuple[DedupVerdict, set[int]]:
        """How the text relates to the archive, and the stories of every near match (to be joined)."""
        exact = session.execute(
            select(m.Article.id, m.Article.story_id)
            .where(m.Article.content_hash == fp.content_hash, m.Article.duplicate_of.is_(None))
            .limit(1)
        ).first()
        if exact is not None:
            return DedupVerdict("exact", exact.id, exact.story_id, 1.0), set()
        matches = self._near(session, fp)
        if not matches:
            return (self._translation(session, article) if article is not None else DedupVerdict("new")), set()
        rows = {
            r.id: r
            for r in session.execute(
                select(m.Article.id, m.Article.duplicate_of, m.Article.story_id).where(
                    m.Article.id.in_([i for _, i in matches])
                )
            )
        }
        score, best = matches[0]
        match = rows[best]
        verdict = DedupVerdict("near", match.duplicate_of or match.id, match.story_id, round(score, 3))
        return verdict, {r.story_id for r in rows.values() if r.story_id is not None}

    def candidates(self, session: Session, fp: Fingerprint) -> Counter[int]:
        """Articles sharing LSH buckets with `fp`, with how many: index look-ups only, never a scan.

        One statement of OR-ed (band = ? AND bucket = ?) terms: SQLite and PostgreSQL both answer it from
        ix_lsh_bands_bucket (a row-value IN list would make SQLite scan the table). A bucket holding more
        than FREQUENT_BUCKET articles is boilerplate (a stock phrase, a template) that says nothing about
        one story; it is remembered and skipped, so a check reads a bounded number of rows.
        """
        buckets = [b for b in fp.buckets() if b not in self._frequent_buckets]
        if not buckets:
            return Counter()
        params = {f"b{i}": band for i, (band, _) in enumerate(buckets)}
        params.update({f"k{i}": bucket for i, (_, bucket) in enumerate(buckets)})
        rows = session.connection().execute(_bucket_lookup(len(buckets)), params)
        per_bucket: dict[tuple[int, int], list[int]] = {}
        for band, bucket, article_id in rows:
            per_bucket.setdefault((band, bucket), []).append(article_id)
        shared: Counter[int] = Counter()
        for key, ids in per_bucket.items():
            if len(ids) > FREQUENT_BUCKET:
                self._frequent_buckets.add(key)
                continue
            shared.update(ids)
        return shared

    def _near(self, session: Session, fp: Fingerprint) -> list[tuple[float, int]]:
        """Archived articles at or above the near-duplicate threshold, most similar first."""
        shared = self.candidates(session, fp)
        ids = [article_id for article_id, _ in shared.most_common(MAX_CANDIDATES)]
        if not ids:
            return []
        rows = session.execute(
            select(m.Signature.article_id, m.Signature.minhash).where(m.Signature.article_id.in_(ids))
        )
        matches = [(fp.containment(Fingerprint.from_bytes(blob)), article_id) for article_id, blob in rows]
        return sorted(((s, i) for s, i in matches if s >= NEAR_CONTAINMENT), key=lambda x: (-x[0], x[1]))

    def _translation(self, session: Session, article: Article) -> DedupVerdict:
        """Link a page that names its source outlet to that outlet's report of the same event.

        Shingles do not cross languages; numbers and names do. Only pages that say where they come from
        ("Theo SGGP", translated_from) are linked, and only to an article of the named outlet published
        within TRANSLATION_WINDOW, whose anchors (numbers, capitalised names) overlap enough.
        """
        if not article.source_attribution and not article.translated_from:
            return DedupVerdict("new")
        outlets = [
            oid
            for oid, name in session.execute(select(m.Outlet.id, m.Outlet.name))
            if names_outlet(article.source_attribution, name)
        ]
        if not outlets:
            return DedupVerdict("new")
        mine = anchors(f"{article.title}\n{article.text}")
        if len(mine) < MIN_ANCHORS:
            return DedupVerdict("new")
        stmt = select(m.Article).where(m.Article.outlet_id.in_(outlets))
        if article.published is not None:
            stmt = stmt.where(
                m.Article.published >= article.published - TRANSLATION_WINDOW,
                m.Article.published <= article.published + TRANSLATION_WINDOW,
            )
        best: tuple[float, m.Article] | None = None
        for row in session.scalars(stmt.order_by(m.Article.id.desc()).limit(MAX_CANDIDATES)):
            if article.language and row.language == article.language:
                continue  # same language: shingles would have found it
            theirs = anchors(f"{row.title}\n{row.lead or ''}\n{row.body}")
            shared = len(mine & theirs)
            score = shared / max(1, min(len(mine), len(theirs)))
            if shared >= MIN_ANCHORS and score >= TRANSLATION_ANCHORS and (best is None or score > best[0]):
                best = (score, row)
        if best is None:
            return DedupVerdict("new")
        row = best[1]
        return DedupVerdict("translation", row.duplicate_of or row.id, row.story_id, round(best[0], 3))

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
            run.finished_at = utcnow()
            run.finish_reason = finish_reason

    def fail_running_runs(self, pid: int, reason: str) -> int:
        """Mark the runs a dead process left 'running' as failed, with the reason."""
        with self.sessions.begin() as session:
            rows = list(
                session.scalars(select(m.CrawlRun).where(m.CrawlRun.pid == pid, m.CrawlRun.status == "running"))
            )
            for run in rows:
                run.status = "failed"
                run.finished_at = utcnow()
                run.error_log = [*run.error_log, reason]
                run.errors += 1
                run.finish_reason = run.finish_reason or "process died"
            return len(rows)

    def fail_run(self, run_id: int, reason: str) -> bool:
        """Mark one run failed if it is still 'running': its process died (found by its expired lease)."""
        with self.sessions.begin() as session:
            run = session.get(m.CrawlRun, run_id)
            if run is None or run.status != "running":
                return False
            run.status = "failed"
            run.finished_at = utcnow()
            run.error_log = [*run.error_log, reason]
            run.errors += 1
            run.finish_reason = "process died"
            return True

    # ---- outlet health (backoff, adaptive polling) -----------------------------------------------
    def outlet_states(self, names: Iterable[str]) -> dict[str, m.Outlet]:
        """The health rows of these outlets, created on first sight (detached copies, read-only use)."""
        out: dict[str, m.Outlet] = {}
        with self.sessions.begin() as session:
            for name in names:
                outlet_id = self.outlet_id(session, name)
                out[name] = session.get_one(m.Outlet, outlet_id)
        return out

    def save_outlet_state(self, name: str, **values: object) -> None:
        """Write health fields (last_success_at, consecutive_failures, backoff_until, ...) of one outlet."""
        with self.sessions.begin() as session:
            outlet_id = self.outlet_id(session, name)
            session.execute(update(m.Outlet).where(m.Outlet.id == outlet_id).values(**values))

    def complete_crawls(self, names: list[str]) -> dict[str, datetime]:
        """When each outlet was last crawled completely (start time of that run), where known."""
        with self.sessions() as session:
            rows = session.execute(
                select(m.Outlet.name, m.Outlet.complete_crawl_at).where(m.Outlet.name.in_(names))
            ).all()
        return {name: at for name, at in rows if at is not None}

    def mark_complete_crawl(self, names: list[str], started_at: datetime) -> None:
        with self.sessions.begin() as session:
            for name in names:
                outlet_id = self.outlet_id(session, name)
                session.execute(update(m.Outlet).where(m.Outlet.id == outlet_id).values(complete_crawl_at=started_at))

    def add_aliases(self, url: str, aliases: set[str], article_id: int | None = None) -> bool:
        """Record more addresses of the article stored under `url`; False when that article is unknown."""
        with self.sessions.begin() as session:
            if article_id is None:
                article_id = session.scalar(
                    select(m.ArticleUrl.article_id).where(m.ArticleUrl.url == canonical_key(url))
                )
                if article_id is None:
                    return False
            for key in {canonical_key(a) for a in aliases}:
                if session.get(m.ArticleUrl, key) is None:
                    session.add(m.ArticleUrl(url=key, article_id=article_id))
        return True

    def outlet_health(self) -> list[m.Outlet]:
        with self.sessions() as session:
            return list(session.scalars(select(m.Outlet).order_by(m.Outlet.name)))

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
    name = re.sub(r"[^a-z0-9]", "", fold(attribution).replace("+", "plus"))  # "Vietnam+" is vietnamplus.vn
    host = outlet.lower() if "." in outlet else f"{outlet.lower()}.vn"
    label = re.sub(r"[^a-z0-9]", "", site_of(f"https://{host}/").split(".")[0])  # en.vietnamplus.vn: vietnamplus
    if name and label and (name == label or name.endswith(label) or label.endswith(name)):
        return True
    domain = _known_outlet_domain(attribution)  # paper names: "Sài Gòn Giải Phóng" is sggp.org.vn
    return domain is not None and site_of(f"https://{domain}/") == site_of(f"https://{host}/")


def _known_outlet_domain(name: str) -> str | None:
    """The domain of an outlet named in words, from the cleaner's table of outlet names and profiles."""
    from crawler.clean.textclean import lookup_outlet  # the one table of outlet names; imported late (layering)

    found = lookup_outlet(name)
    return found[1] if found else None


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


def _prepare(article: Article, raw: FetchedPage | None) -> tuple[str, set[str], Fingerprint]:
    """The stored URL, every canonical key that leads to the article, and its fingerprint.

    Keys: the article's URL, the fetched URL and its aliases (requested URL, redirect hops), and the page's
    <link rel=canonical> when it stays on the same site (a cross-site canonical is a claim, not a fact).
    """
    url = clean_url(article.url)
    keys = {canonical_key(url)}
    if raw is not None:
        keys.update(canonical_key(u) for u in [raw.url, *raw.aliases] if u)
    if article.canonical_url and same_site(article.canonical_url, url):
        keys.add(canonical_key(article.canonical_url))
    return url, keys, fingerprint(_shingle_text(article), _dedup_text(article))


@lru_cache(maxsize=8)
def _bucket_lookup(n: int) -> Select:
    """The candidate query for n buckets, built once: (band = ? AND bucket = ?) OR ... with bound values."""
    terms = [and_(m.LshBand.band == bindparam(f"b{i}"), m.LshBand.bucket == bindparam(f"k{i}")) for i in range(n)]
    return select(m.LshBand.band, m.LshBand.bucket, m.LshBand.article_id).where(or_(*terms))


def _insert_buckets(session: Session, article_id: int, fp: Fingerprint) -> None:
    """All band rows of an article in one executemany (ORM objects cost a third of a store)."""
    rows = [{"article_id": article_id, "band": band, "bucket": bucket} for band, bucket in fp.buckets()]
    if rows:
        session.connection().execute(insert(m.LshBand), rows)


def _dedup_text(article: Article) -> str:
    """The text whose hash is the exact-duplicate key (the body; title and lead for a page without one)."""
    return "\n".join(article.body) if article.body else f"{article.title}\n{article.lead or ''}"


def _shingle_text(article: Article) -> str:
    """The text compared for near-duplicates: lead and body, so that a teaser (a lead) meets its article."""
    return article.text if article.text.strip() else article.title


def _search_text(row: m.Article) -> str:
    return f"{row.lead or ''}\n{row.body}"


def _raw_page(article_id: int, raw: FetchedPage) -> m.RawPage:
    return m.RawPage(
        article_id=article_id,
        url=raw.url,
        fetched_at=raw.fetched_at or utcnow(),
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
