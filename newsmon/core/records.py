"""Typed records that flow through the pipeline: fetched page -> extracted page -> article -> stored row."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any


# Statuses are str enums: they compare equal to (and are stored as) their values, so rows written
# before they existed and JSON output read the same.
class DedupKind(StrEnum):
    """How an article relates to what the archive already holds."""

    NEW = "new"
    SAME_URL = "same_url"
    EXACT = "exact"
    NEAR = "near"
    TRANSLATION = "translation"


class StoreStatus(StrEnum):
    """What happened to one article offered to the archive."""

    NEW = "new"
    DUPLICATE = "duplicate"
    OFFTOPIC = "offtopic"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


class RunStatus(StrEnum):
    """The state of a crawl run (`crawl_runs.status`); IDLE is a run that found nothing due and wrote no row."""

    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    SKIPPED = "skipped"
    IDLE = "idle"


class Trigger(StrEnum):
    """Who started a run."""

    MANUAL = "manual"
    CRON = "cron"
    SCHEDULE = "schedule"
    DEMO = "demo"
    INGEST = "ingest"


class ExitCode(IntEnum):
    """The exit codes of every `newsmon` command, so cron, systemd and the scheduler (which reads its
    crawl child's code) can act on them (see the README)."""

    DONE = 0  # a crawl completed, even if some pages failed; or nothing was due
    RUN_FAILED = 1  # a crawl failed or was interrupted
    USAGE = 2  # bad input: options, config, database path
    SKIPPED = 3  # another run holds the outlets' leases
    INTERNAL = 70  # a bug or an environment failure (one line; --debug for the traceback)


@dataclass(slots=True)
class FetchedPage:
    """One downloaded article page, as the spider hands it to the pipelines."""

    url: str  # the outlet's real URL after redirects (never the mirror's)
    outlet: str
    body: bytes
    status: int = 200
    encoding: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: datetime | None = None
    discovered_via: str = ""  # feed | sitemap | listing | search | ingest
    listed_published: datetime | None = None  # date given by the feed or sitemap, if any
    # Other real URLs that led to this page: the requested URL and every redirect hop (never the mirror's).
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ExtractedPage:
    """Fields pulled out of HTML (or a text rendering) before text-level cleaning."""

    url: str
    outlet: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    published_text: str | None = None  # the visible date text, when no structured date was found
    modified: datetime | None = None
    language: str | None = None  # declared by the page (html lang, og:locale), a hint only
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    source_attribution: str | None = None
    translated_from: str | None = None
    extractor: str = ""  # "profile:<name>" | "generic" | "text"
    fetched_at: datetime | None = None
    # One line per size limit the page hit ("body cut at ..."): what the caller reports for the page.
    notes: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Article:
    """A clean article record: what is stored, searched and deduplicated."""

    url: str
    title: str
    outlet: str | None = None
    canonical_url: str | None = None
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    source_attribution: str | None = None
    translated_from: str | None = None
    fetched_at: datetime | None = None

    @property
    def text(self) -> str:
        """Lead and body as one text, the unit that relevance and dedup work on."""
        parts = [self.lead] if self.lead else []
        parts.extend(self.body)
        return "\n\n".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The record shape of `newsmon extract/clean --json`."""
        data = asdict(self)
        data.pop("fetched_at")
        data["published"] = self.published.isoformat() if self.published else None
        return data


@dataclass(slots=True)
class Relevance:
    """The verdict of the topic rules on one article."""

    relevant: bool
    score: float = 0.0
    topics: list[str] = field(default_factory=list)
    matched_terms: dict[str, list[str]] = field(default_factory=dict)  # topic -> terms that matched


@dataclass(slots=True)
class DedupVerdict:
    """How an article relates to what the archive already holds."""

    kind: DedupKind
    duplicate_of: int | None = None
    story_id: int | None = None
    similarity: float | None = None
