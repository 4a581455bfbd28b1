"""What one crawl shares between spider, middlewares and pipelines: archive, outlets, topics, counts."""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sqlalchemy.exc import SQLAlchemyError

from crawler.outlets.registry import OutletProfile, Registry
from newsmon.core.records import Article, Relevance
from storage.archive import Archive, RunCounts

log = logging.getLogger(__name__)

MAX_ERRORS_KEPT = 200
DISCOVERY_KINDS = frozenset({"feed", "sitemap", "listing", "search"})  # first word of the spider's error lines
FLUSH_EVERY = 10  # write the counts to the run row every N events, so a killed crawl leaves its tally
DISK_FULL = "disk full"  # the finish reason of a crawl stopped by a full disk
_PG_DISK_FULL = "53100"  # PostgreSQL's SQLSTATE disk_full


def is_disk_full(exc: BaseException) -> bool:
    """Whether `exc` (or what it wraps: SQLAlchemy's `.orig`, a cause) is a full disk: SQLITE_FULL,
    PostgreSQL's disk_full or ENOSPC. Codes, not messages: those are translated on some systems."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        err = todo.pop()
        if err is None or id(err) in seen:
            continue
        seen.add(id(err))
        if isinstance(err, OSError) and err.errno == errno.ENOSPC:
            return True
        code = getattr(err, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_FULL:  # extended codes keep it in the low byte
            return True
        if _PG_DISK_FULL in (getattr(err, "sqlstate", None), getattr(err, "pgcode", None)):
            return True
        todo += [getattr(err, "orig", None), err.__cause__, err.__context__]
    return False


class TopicRules(Protocol):
    """The topic rules a crawl judges articles by (crawler.relevance's topic set is one)."""

    def evaluate(self, article: Article) -> Relevance: ...


@dataclass
class RunStats:
    """Counts and errors of a run, flushed to its crawl_runs row as the crawl goes."""

    archive: Archive
    run_id: int
    counts: RunCounts = field(default_factory=RunCounts)
    errors: list[str] = field(default_factory=list)
    per_outlet_errors: dict[str, int] = field(default_factory=dict)
    per_outlet_pages: dict[str, int] = field(default_factory=dict)
    per_outlet_stored: dict[str, int] = field(default_factory=dict)
    per_outlet_listed: dict[str, int] = field(default_factory=dict)
    per_outlet_new: dict[str, int] = field(default_factory=dict)
    last_error: dict[str, str] = field(default_factory=dict)
    per_outlet_discovery_errors: dict[str, int] = field(default_factory=dict)
    per_outlet_network_errors: dict[str, int] = field(default_factory=dict)  # no HTTP answer at all
    stop_reason: str | None = None  # why the crawl was stopped from inside (a full disk)
    disk_full: str | None = None  # the database's message, for the one line the CLI prints
    _events: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, outlet: str | None = None) -> None:
        with self._lock:
            setattr(self.counts, name, getattr(self.counts, name) + 1)
            if name == "pages_fetched" and outlet:
                self.per_outlet_pages[outlet] = self.per_outlet_pages.get(outlet, 0) + 1
            elif outlet and name in ("new_articles", "duplicates", "offtopic"):
                self.per_outlet_stored[outlet] = self.per_outlet_stored.get(outlet, 0) + 1
        self._tick()

    def listed(self, outlet: str, listed: int, new: int) -> None:
        """Links a feed/sitemap/listing gave and how many were new: the input of adaptive polling."""
        with self._lock:
            self.per_outlet_listed[outlet] = self.per_outlet_listed.get(outlet, 0) + listed
            self.per_outlet_new[outlet] = self.per_outlet_new.get(outlet, 0) + new

    def error(self, message: str, outlet: str | None = None, *, network: bool = False) -> None:
        """One error line; `network`: the request got no HTTP answer (DNS, connection, timeout)."""
        with self._lock:
            self.counts.errors += 1
            if outlet:
                self.per_outlet_errors[outlet] = self.per_outlet_errors.get(outlet, 0) + 1
                if network:
                    self.per_outlet_network_errors[outlet] = self.per_outlet_network_errors.get(outlet, 0) + 1
                self.last_error[outlet] = message[:500]
                if message.split(" ", 1)[0] in DISCOVERY_KINDS:
                    self.per_outlet_discovery_errors[outlet] = self.per_outlet_discovery_errors.get(outlet, 0) + 1
            if len(self.errors) < MAX_ERRORS_KEPT:
                self.errors.append(message[:500])
        self._tick()

    def stop_for_full_disk(self, exc: BaseException) -> bool:
        """Record a full disk once (one error line); False if it was already recorded."""
        with self._lock:
            if self.disk_full is not None:
                return False
            self.stop_reason = DISK_FULL
            self.disk_full = str(getattr(exc, "orig", None) or exc).splitlines()[0][:300]
        self.error(f"the disk is full ({self.disk_full}): stopping the crawl")
        return True

    def _tick(self) -> None:
        self._events += 1
        if self._events % FLUSH_EVERY == 0:
            self.flush()

    def flush(self) -> None:
        if self.disk_full is not None:  # every write would fail the same way; the end of the run says so once
            return
        try:
            self.archive.update_run(self.run_id, self.counts, self.errors)
        except SQLAlchemyError as exc:  # a busy database must not sink the crawl: the next flush catches up
            if is_disk_full(exc):
                self.stop_for_full_disk(exc)  # the store pipeline stops the crawl at its next article
            else:
                log.warning("could not save the run's counts: %s", exc)

    def summary(self) -> str:
        c = self.counts
        return (
            f"pages fetched {c.pages_fetched}, new articles {c.new_articles}, duplicates {c.duplicates}, "
            f"off-topic {c.offtopic}, errors {c.errors}"
        )


@dataclass
class CrawlContext:
    """Everything a crawl needs; handed to the spider as an argument (Scrapy settings would copy it)."""

    archive: Archive
    registry: Registry
    outlets: list[OutletProfile]
    stats: RunStats
    topics: TopicRules
    since: datetime | None = None
    max_articles: int | None = None
    scheduled_articles: int = 0  # article requests made so far, against max_articles
