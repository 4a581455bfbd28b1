"""The archive: one database of articles, stories, runs and outlet state, behind one small facade.

Each job lives in its own module; `Archive` opens the database and hands each call to it:
storing (`storage.store`, with `storage.matching` and `storage.stories`), the seen-check
(`storage.addresses`), runs (`storage.runs`), outlet state (`storage.outlet_state`) and reading
(`storage.queries`). Safe to use from several processes at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy.orm import sessionmaker

from newsmon.core.outlets import OutletNames
from newsmon.core.records import Article, FetchedPage, Relevance, RunStatus, Trigger
from storage import models as m
from storage.addresses import Addresses
from storage.db import DatabaseError, make_engine, migrate
from storage.matching import Matcher
from storage.outlet_state import OutletIds, OutletState
from storage.queries import Queries, Row
from storage.runs import RunCounts, Runs
from storage.search import index_for
from storage.store import Store, StoreResult
from storage.stories import Stories

__all__ = ["Archive", "RunCounts", "StoreResult"]


class Archive:
    """One archive database. `outlets` names the known outlets, for credits such as "Theo SGGP"
    (without it, a credit names an outlet only by its domain's label: "VnExpress" is vnexpress.net)."""

    def __init__(self, url: str, outlets: OutletNames | None = None, *, create: bool = True) -> None:
        """Open (and migrate) the archive. `create=False`, for read-only use, refuses a database that
        does not exist or has no schema (NoArchiveError) and creates no file or folder."""
        self.engine = make_engine(url, create=create)
        self.search_index = index_for(self.engine.dialect.name)
        try:
            self.migration = migrate(self.engine, create=create, ensure=self.search_index.ensure)
        except DatabaseError:
            self.engine.dispose()
            raise
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        names = outlets if outlets is not None else OutletNames()
        outlet_ids = OutletIds()
        self.matcher = Matcher(names)  # the dedup verdict; public for the benches that time it
        self._store = Store(self.sessions, self.search_index, outlet_ids, self.matcher, Stories(names))
        self._addresses = Addresses(self.sessions)
        self._runs = Runs(self.sessions)
        self._outlets = OutletState(self.sessions, outlet_ids)
        self._queries = Queries(self.sessions, self.search_index)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=False)

    def close(self) -> None:
        self.engine.dispose()

    # ---- storing and the seen-check (storage.store, storage.addresses) --------------------------
    def store(
        self, article: Article, relevance: Relevance, raw: FetchedPage | None = None, run_id: int | None = None
    ) -> StoreResult:
        return self._store.store(article, relevance, raw, run_id)

    def store_many(
        self, items: Iterable[tuple[Article, Relevance, FetchedPage | None]], run_id: int | None = None
    ) -> list[StoreResult]:
        return self._store.store_many(items, run_id)

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        return self._addresses.known_urls(urls)

    def add_aliases(self, url: str, aliases: set[str]) -> bool:
        return self._addresses.add_aliases(url, aliases)

    # ---- runs (storage.runs) ----------------------------------------------------------------------
    def start_run(self, trigger: Trigger, outlets: list[str]) -> int:
        return self._runs.start_run(trigger, outlets)

    def update_run(self, run_id: int, counts: RunCounts, errors: list[str] | None = None) -> None:
        self._runs.update_run(run_id, counts, errors)

    def finish_run(
        self, run_id: int, status: RunStatus, counts: RunCounts, errors: list[str], finish_reason: str | None = None
    ) -> None:
        self._runs.finish_run(run_id, status, counts, errors, finish_reason)

    def fail_running_runs(self, pid: int, reason: str) -> int:
        return self._runs.fail_running_runs(pid, reason)

    def account_for_process(self, pid: int, since: datetime, trigger: Trigger, outlets: list[str], reason: str) -> int:
        return self._runs.account_for_process(pid, since, trigger, outlets, reason)

    def final_counts(self, run_id: int) -> RunCounts:
        return self._runs.final_counts(run_id)

    def fail_run(self, run_id: int, reason: str) -> bool:
        return self._runs.fail_run(run_id, reason)

    def runs(self, limit: int = 20) -> list[m.CrawlRun]:
        return self._runs.runs(limit)

    # ---- outlet state (storage.outlet_state) --------------------------------------------------------
    def outlet_states(self, names: Iterable[str]) -> dict[str, m.Outlet]:
        return self._outlets.outlet_states(names)

    def save_outlet_state(self, name: str, **values: object) -> None:
        self._outlets.save_outlet_state(name, **values)

    def complete_crawls(self, names: list[str]) -> dict[str, datetime]:
        return self._outlets.complete_crawls(names)

    def mark_complete_crawl(self, names: list[str], started_at: datetime) -> None:
        self._outlets.mark_complete_crawl(names, started_at)

    def outlet_health(self) -> list[m.Outlet]:
        return self._outlets.outlet_health()

    # ---- reading (storage.queries) ----------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return self._queries.counts()

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
        return self._queries.search(
            query, outlets=outlets, since=since, until=until, include_all=include_all, limit=limit
        )

    def get(self, ident: str | int) -> Row | None:
        return self._queries.get(ident)

    def iter_export(self, *, include_all: bool = False, batch: int = 500) -> Iterator[Row]:
        return self._queries.iter_export(include_all=include_all, batch=batch)

    def raw_html(self, article_id: int) -> bytes | None:
        return self._queries.raw_html(article_id)
