"""Storing one article: its row, addresses, signature, raw page, story link and search entry, atomically."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from newsmon.core.dates import is_date_only
from newsmon.core.records import Article, DedupKind, DedupVerdict, FetchedPage, Relevance, StoreStatus
from newsmon.core.time import utcnow
from newsmon.core.urls import canonical_key, clean_url, same_site
from storage import models as m
from storage.db import begin_write
from storage.dedup import Fingerprint, fingerprint
from storage.matching import Matcher
from storage.outlet_state import OutletIds
from storage.search import SearchIndex
from storage.stories import Stories

STORE_ATTEMPTS = 3  # a unique-constraint race lost this often is reported, not retried


@dataclass(slots=True)
class StoreResult:
    """What happened to one article offered to the archive."""

    status: StoreStatus
    article_id: int
    verdict: DedupVerdict


class Store:
    """The write path of the archive: dedup verdict, row, story links and search entry in one transaction."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        search_index: SearchIndex,
        outlet_ids: OutletIds,
        matcher: Matcher,
        stories: Stories,
    ) -> None:
        self.sessions = sessions
        self.search_index = search_index
        self.outlet_ids = outlet_ids
        self.matcher = matcher
        self.stories = stories

    def store(
        self, article: Article, relevance: Relevance, raw: FetchedPage | None = None, run_id: int | None = None
    ) -> StoreResult:
        """Store one article with its raw page, signature, story link and search entry, atomically."""
        url, keys, fp = _prepare(article, raw)
        for attempt in range(STORE_ATTEMPTS):
            try:
                with self.sessions.begin() as session:
                    return self._store(session, article, relevance, raw, run_id, url, keys, fp)
            except IntegrityError:
                self.outlet_ids.forget()
                if attempt == STORE_ATTEMPTS - 1:  # lost the race every time: let the caller record the error
                    raise
        raise AssertionError("unreachable")

    def store_many(
        self, items: Iterable[tuple[Article, Relevance, FetchedPage | None]], run_id: int | None = None
    ) -> list[StoreResult]:
        """Store a batch in one transaction, each article in a savepoint of its own.

        One commit per batch instead of per article: far fewer page writes (the WAL is synced once), and
        still nothing half-written: an article either is complete in the commit or absent. An article of
        the batch is checked against the earlier ones too (they are flushed). One that loses a
        unique-constraint race to another writer rolls back its savepoint only, and is stored again alone
        (as `store` does) once the batch is committed.
        """
        prepared = [(a, r, raw, *_prepare(a, raw)) for a, r, raw in items]
        results: list[StoreResult | None] = []
        with self.sessions.begin() as session:
            begin_write(session.connection())
            for a, r, raw, url, keys, fp in prepared:
                try:
                    with session.begin_nested():
                        results.append(self._store(session, a, r, raw, run_id, url, keys, fp))
                except IntegrityError:
                    self.outlet_ids.forget()
                    results.append(None)
        return [
            done if done is not None else self.store(a, r, raw, run_id)
            for done, (a, r, raw, *_) in zip(results, prepared, strict=True)
        ]

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
        verdict, bridged = self.matcher.verdict(session, fp, article)
        row = m.Article(url=url, content_hash=fp.content_hash, run_id=run_id)
        _fill(row, article, relevance)
        row.outlet_id = self.outlet_ids.get(session, article.outlet) if article.outlet else None
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
            verdict.duplicate_of = row.duplicate_of = self.stories.merge(session, verdict.story_id, bridged, row.id)
        if verdict.duplicate_of is not None and self.stories.takes_the_lead(session, row, verdict.duplicate_of):
            self.stories.promote(session, row, verdict)
        if verdict.kind != DedupKind.EXACT:
            self.stories.adopt_translations(session, row, article)
        for key in keys:
            session.add(m.ArticleUrl(url=key, article_id=row.id))
        session.add(m.Signature(article_id=row.id, minhash=fp.to_bytes()))
        _insert_buckets(session, row.id, fp)
        if raw is not None:
            session.add(_raw_page(row.id, raw))
        self.search_index.index(session.connection(), row.id, row.title, _search_text(row))
        if verdict.duplicate_of:
            status = StoreStatus.DUPLICATE
        else:
            status = StoreStatus.NEW if relevance.relevant else StoreStatus.OFFTOPIC
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
        verdict = DedupVerdict(DedupKind.SAME_URL, row.duplicate_of, row.story_id)
        if row.content_hash == fp.content_hash:
            return StoreResult(StoreStatus.UNCHANGED, article_id, verdict)
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
        return StoreResult(StoreStatus.UPDATED, article_id, verdict)


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


def _fill(row: m.Article, article: Article, relevance: Relevance) -> None:
    row.title = article.title
    row.lead = article.lead
    row.body = "\n\n".join(article.body)
    row.captions = list(article.captions)
    row.authors = list(article.authors)
    row.published = article.published
    row.published_precision = m.DAY_PRECISION if is_date_only(article.published) else None
    row.language = article.language
    row.section = article.section
    row.tags = list(article.tags)
    row.source_attribution = article.source_attribution
    row.translated_from = article.translated_from
    row.relevant = relevance.relevant
    row.relevance_score = relevance.score
    row.topics = list(relevance.topics)
    row.matched_terms = dict(relevance.matched_terms)


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
