"""SQLAlchemy 2 typed models of the archive. Portable: nothing here is SQLite-only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from newsmon.core.records import RunStatus
from newsmon.core.time import utcnow

# Stable constraint names so that Alembic migrations are the same on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
# `articles.published_precision` of a date-only `published` (stored as local midnight); NULL is full precision.
DAY_PRECISION = "day"


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes stored as UTC; SQLite would otherwise hand back naive values."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} would be ambiguous in the archive")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON}


class Outlet(Base):
    """A news outlet (built-in profile or user-defined), keyed by its profile name."""

    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_success_at: Mapped[datetime | None]
    last_failure_at: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    backoff_until: Mapped[datetime | None]  # a failing outlet is not crawled again before this
    poll_interval_s: Mapped[int | None] = mapped_column(Integer)  # adaptive polling interval
    next_due_at: Mapped[datetime | None]
    # Start of the last crawl that read every source without error: sitemap shards older than this are
    # not walked again. Stricter than last_success_at, which a run with a few failed pages still sets.
    complete_crawl_at: Mapped[datetime | None]


class Story(Base):
    """A cluster of copies of one story (syndicated or near-duplicate pages)."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    original_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", use_alter=True, ondelete="SET NULL")
    )


class Article(Base):
    """One clean article, one row per canonical URL."""

    __tablename__ = "articles"
    __table_args__ = (
        # Two originals with the same text cannot exist, whatever the callers race to do.
        Index(
            "uq_articles_original_hash",
            "content_hash",
            unique=True,
            sqlite_where=text("duplicate_of IS NULL"),
            postgresql_where=text("duplicate_of IS NULL"),
        ),
        Index("ix_articles_published", "published"),
        # Pages that declare a translation, by date: a newly stored original finds the translations of it
        # that arrived first without reading every article of those days (migration 0006).
        Index(
            "ix_articles_translations_published",
            "published",
            sqlite_where=text("translated_from IS NOT NULL"),
            postgresql_where=text("translated_from IS NOT NULL"),
        ),
        # A translation's named source outlet, near its date.
        Index("ix_articles_outlet_published", "outlet_id", "published"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")  # paragraphs joined by blank lines
    captions: Mapped[list[str]] = mapped_column(default=list)
    authors: Mapped[list[str]] = mapped_column(default=list)
    published: Mapped[datetime | None]
    published_precision: Mapped[str | None] = mapped_column(String(8))  # DAY_PRECISION or NULL
    language: Mapped[str | None] = mapped_column(String(16))
    section: Mapped[str | None] = mapped_column(String(200))
    tags: Mapped[list[str]] = mapped_column(default=list)
    source_attribution: Mapped[str | None] = mapped_column(String(300))
    translated_from: Mapped[str | None] = mapped_column(String(16))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    relevant: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    relevance_score: Mapped[float] = mapped_column(Float, default=0.0)
    topics: Mapped[list[str]] = mapped_column(default=list)
    matched_terms: Mapped[dict[str, Any]] = mapped_column(default=dict)
    story_id: Mapped[int | None] = mapped_column(ForeignKey("stories.id"), index=True)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    dup_kind: Mapped[str | None] = mapped_column(String(16))  # a DedupKind: exact | near | translation
    similarity: Mapped[float | None] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Indexed: a run's final counts read its own rows (migration 0006).
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True)

    outlet: Mapped[Outlet | None] = relationship()


class ArticleVersion(Base):
    """An earlier text of an article whose page changed: the row holds the newest, this the history."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)
    title: Mapped[str] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    content_hash: Mapped[str] = mapped_column(String(64))


class Lease(Base):
    """Who may crawl an outlet now: taken with one conditional UPDATE, renewed while crawling, and
    taken over by anyone once it has expired (its holder died)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(200))
    acquired_at: Mapped[datetime | None]
    expires_at: Mapped[datetime | None]


class ArticleUrl(Base):
    """Every URL known to lead to an article (requested, redirected, canonical): the seen-check."""

    __tablename__ = "article_urls"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)


class RawPage(Base):
    """The fetched HTML of an article, zlib-compressed, so it can be re-extracted later."""

    __tablename__ = "raw_pages"
    __table_args__ = (UniqueConstraint("article_id", "content_sha1"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2048))
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    http_status: Mapped[int] = mapped_column(SmallInteger, default=200)
    encoding: Mapped[str | None] = mapped_column(String(40))
    content_sha1: Mapped[str] = mapped_column(String(40))
    html_zlib: Mapped[bytes] = mapped_column(LargeBinary)


class Signature(Base):
    """The MinHash signature of an article's text, persisted so new processes need not recompute it."""

    __tablename__ = "signatures"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    minhash: Mapped[bytes] = mapped_column(LargeBinary)


class LshBand(Base):
    """One LSH band bucket of an article: candidates are found by index look-up, never by a scan."""

    __tablename__ = "lsh_bands"
    __table_args__ = (Index("ix_lsh_bands_bucket", "band", "bucket"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger)


class CrawlRun(Base):
    """One crawl (manual, cron, scheduled or demo) with its counts and errors."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    trigger: Mapped[str] = mapped_column(String(20))  # a Trigger
    outlets: Mapped[list[str]] = mapped_column(default=list)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(20), default=RunStatus.RUNNING)  # a RunStatus
    pid: Mapped[int | None] = mapped_column(Integer)
    host: Mapped[str | None] = mapped_column(String(255))  # with pid: a dead process is told on its own host
    pages_fetched: Mapped[int] = mapped_column(Integer, default=0)
    new_articles: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    offtopic: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    error_log: Mapped[list[str]] = mapped_column(default=list)
    finish_reason: Mapped[str | None] = mapped_column(String(60))
