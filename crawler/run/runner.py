"""Run one crawl in this process with Scrapy's CrawlerProcess (once per process: the reactor cannot restart).

Around the crawl: outlets that are backed off (or not due, in adaptive mode) are left out, each outlet
is leased in the database so no other process crawls it meanwhile, and afterwards each outlet's health
(failures, backoff, polling interval) is recorded with the run row. Scrapy itself (crawler.run.engine)
is imported only once there is something to crawl.
"""

from __future__ import annotations

import logging
import signal
import time
from dataclasses import dataclass, field
from datetime import datetime
from types import FrameType

from sqlalchemy.exc import SQLAlchemyError

from crawler.context import CrawlContext, RunStats, TopicRules, is_disk_full
from crawler.outlets.registry import OutletProfile, Registry
from crawler.run.health import HealthPolicy, OutletOutcome, Skipped, eligible, is_outage, record_outcomes
from newsmon.core.logs import set_context as set_log_context
from newsmon.core.records import RunStatus, Trigger
from newsmon.core.time import LOCAL_TZ
from storage.archive import Archive
from storage.leases import DEFAULT_TTL, Leases, make_holder, outlet_lease

log = logging.getLogger(__name__)

OUTAGE_REASON = "outage: no outlet answered (DNS/connection errors)"


@dataclass(slots=True)
class CrawlOptions:
    """What to crawl and how; logging is configured by the caller (newsmon.core.logs)."""

    outlets: list[OutletProfile]
    registry: Registry
    topics: TopicRules
    mirror: str | None = None
    since: datetime | None = None
    max_articles: int | None = None
    trigger: Trigger = Trigger.MANUAL
    progress: bool = False
    search_queries: list[str] | None = None
    force: bool = False  # crawl backed-off outlets too
    due_only: bool = False  # adaptive polling: only the outlets whose next_due_at has come
    wait: float = 0.0  # seconds to wait for outlets another run holds
    policy: HealthPolicy = field(default_factory=HealthPolicy)
    lease_ttl: float = DEFAULT_TTL


@dataclass(slots=True)
class CrawlOutcome:
    """How a crawl ended; SKIPPED: every outlet leased elsewhere, IDLE: nothing due (and no run row)."""

    run_id: int | None
    status: RunStatus
    stats: RunStats | None
    finish_reason: str
    skipped: list[Skipped] = field(default_factory=list)
    disk_full: str | None = None  # the database's words, when a full disk stopped the run
    run_saved: bool = True  # False when the run row could not be finished (a full disk)

    @property
    def all_backed_off(self) -> bool:
        """Nothing was crawled because every selected outlet is backed off: a failure, not a quiet run."""
        return (
            self.status is RunStatus.IDLE
            and bool(self.skipped)
            and all(s.backed_off_until is not None for s in self.skipped)
        )

    def summary(self) -> str:
        if self.all_backed_off:
            first = min(self.skipped, key=lambda s: s.backed_off_until or datetime.max.replace(tzinfo=LOCAL_TZ))
            due = first.backed_off_until.astimezone(LOCAL_TZ).isoformat(timespec="minutes")  # type: ignore[union-attr]
            return (
                f"nothing crawled: all {len(self.skipped)} selected outlet(s) are backed off after failed runs; "
                f"the first due again is {first.name} at {due}; `newsmon status` shows their errors, "
                "--force crawls them now"
            )
        if self.status is RunStatus.IDLE:
            return "nothing to crawl: " + "; ".join(f"{s.name} {s.reason}" for s in self.skipped)
        head = f"run {self.run_id} {self.status}"
        if self.status is RunStatus.SKIPPED:
            return f"{head}: every outlet is being crawled by another run ({self.finish_reason})"
        if self.status in (RunStatus.FAILED, RunStatus.INTERRUPTED) and self.finish_reason:
            head += f" ({self.finish_reason})"  # why: an outage, a full disk, a signal, every outlet failing
        line = f"{head}: {self.stats.summary() if self.stats else ''}"
        if self.skipped:
            line += f"; skipped {', '.join(s.name for s in self.skipped)}"
        return line


class _Interrupted(Exception):
    """SIGTERM before Scrapy took over the signals (while waiting for leases)."""


def run_crawl(archive: Archive, options: CrawlOptions) -> CrawlOutcome:
    """One crawl: pick the eligible outlets, lease them, crawl, record run and outlet health, release."""
    previous = signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        names = [p.name for p in options.outlets]
        chosen, skipped = eligible(archive, names, force=options.force, due_only=options.due_only)
        if not chosen:
            return CrawlOutcome(None, RunStatus.IDLE, None, "nothing due", skipped=skipped)
        run_id = archive.start_run(options.trigger, chosen)
        set_log_context(run=run_id, trigger=options.trigger)
        stats = RunStats(archive=archive, run_id=run_id)
        for item in skipped:
            stats.errors.append(f"skipped {item.name}: {item.reason}")
        leases = Leases(archive.engine, make_holder(f"run-{run_id}"), options.lease_ttl)
        try:
            taken, busy = _take_leases(leases, chosen, options.wait)
        except (_Interrupted, KeyboardInterrupt):
            leases.release(outlet_lease(n) for n in chosen)
            reason = "signal before the crawl started"
            archive.finish_run(run_id, RunStatus.INTERRUPTED, stats.counts, stats.errors, reason)
            return CrawlOutcome(run_id, RunStatus.INTERRUPTED, stats, reason, skipped=skipped)
        _close_dead_runs(archive, leases, run_id)
        holders = {n: (leases.get(outlet_lease(n)) or None) for n in busy}
        for name in busy:
            held = holders[name]
            stats.errors.append(f"skipped {name}: crawled by {held.holder if held else 'another run'} now")
            skipped.append(Skipped(name, "crawled by another run now"))
        if not taken:
            reason = "leased elsewhere"
            archive.finish_run(run_id, RunStatus.SKIPPED, stats.counts, stats.errors, reason)
            log.warning("run %s skipped: %s", run_id, "; ".join(stats.errors))
            return CrawlOutcome(run_id, RunStatus.SKIPPED, stats, reason, skipped=skipped)
    finally:
        signal.signal(signal.SIGTERM, previous)
    outlets = [p for p in options.outlets if p.name in taken]
    try:
        status, reason, saved = _crawl(archive, options, outlets, stats, leases)
    finally:
        try:
            leases.release(outlet_lease(n) for n in taken)
        except SQLAlchemyError as exc:  # a full disk: the leases expire by themselves (TTL)
            log.warning("could not release the leases: %s", exc)
    return CrawlOutcome(run_id, status, stats, reason, skipped=skipped, disk_full=stats.disk_full, run_saved=saved)


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    raise _Interrupted(signum)


def _take_leases(leases: Leases, names: list[str], wait: float) -> tuple[list[str], list[str]]:
    """Lease what is free; with `wait`, keep trying the rest (re-taking ours renews them) until the deadline."""
    wanted = [outlet_lease(n) for n in names]
    taken, busy = leases.acquire_many(wanted)
    deadline = time.monotonic() + wait
    while busy and time.monotonic() < deadline:
        time.sleep(min(1.0, max(deadline - time.monotonic(), 0.0)))
        taken, busy = leases.acquire_many(wanted)
    by_lease = {outlet_lease(n): n for n in names}
    return [by_lease[t] for t in taken], [by_lease[b] for b in busy]


def _close_dead_runs(archive: Archive, leases: Leases, run_id: int) -> None:
    """A lease we took over belonged to a run whose process died: its row must not stay 'running'."""
    for name, holder in leases.taken_over.items():
        tag = (holder.split("/") + ["", "", ""])[2]
        if tag.startswith("run-") and tag[4:].isdigit():
            reason = f"process died: its lease on {name.removeprefix('outlet:')} was taken over by run {run_id}"
            if archive.fail_run(int(tag[4:]), reason):
                log.warning("run %s: %s", tag[4:], reason)


def _crawl(
    archive: Archive, options: CrawlOptions, outlets: list[OutletProfile], stats: RunStats, leases: Leases
) -> tuple[RunStatus, str, bool]:
    """Run the spider; returns the run's status, its reason and whether the run row could be finished."""
    context = CrawlContext(
        archive=archive,
        registry=options.registry,
        outlets=outlets,
        stats=stats,
        topics=options.topics,
        since=options.since,
        max_articles=options.max_articles,
    )
    # Imported only now, with something to crawl: Scrapy, Twisted and rich (~0.4 s CPU, 35 MB) are no part
    # of a run that ends before the crawl (every outlet backed off, not due or leased elsewhere).
    from crawler.run.engine import run_spider

    status, reason = RunStatus.FAILED, "unknown"
    try:
        status, reason = run_spider(
            context,
            leases,
            [outlet_lease(p.name) for p in outlets],
            mirror=options.mirror,
            progress=options.progress,
            search_queries=options.search_queries,
        )
    finally:
        outcomes = _outcomes(outlets, stats, options.search_queries or [])
        outage = status is not RunStatus.INTERRUPTED and stats.disk_full is None and is_outage(outcomes)
        if outage:  # the network, not the outlets: nobody is charged a failure or backed off
            status, reason = RunStatus.FAILED, OUTAGE_REASON
            stats.errors.append(f"{OUTAGE_REASON}: no outlet is counted as failing")
        elif status is RunStatus.COMPLETED and outcomes and all(o.failed for o in outcomes):
            status, reason = RunStatus.FAILED, "every outlet failed"
        saved = _finish(archive, options, stats, outcomes, status, reason, record_health=not outage)
        log.info("run %s %s (%s): %s", stats.run_id, status, reason, stats.summary())
    return status, reason, saved


def _finish(
    archive: Archive,
    options: CrawlOptions,
    stats: RunStats,
    outcomes: list[OutletOutcome],
    status: RunStatus,
    reason: str,
    *,
    record_health: bool,
) -> bool:
    """Outlet health, the final tally and the run row; False when a full disk kept the row from being written."""
    if record_health:
        try:
            record_outcomes(archive, outcomes, options.policy, interrupted=status is RunStatus.INTERRUPTED)
        except SQLAlchemyError as exc:
            stats.errors.append(f"could not record outlet health: {exc}")
    try:
        tally = archive.final_counts(stats.run_id)
        stats.counts.new_articles, stats.counts.duplicates = tally.new_articles, tally.duplicates
        stats.counts.offtopic = tally.offtopic
    except SQLAlchemyError as exc:  # the counts taken at store time stay
        log.warning("could not count what run %s stored: %s", stats.run_id, exc)
    try:
        archive.finish_run(stats.run_id, status, stats.counts, stats.errors, reason)
    except SQLAlchemyError as exc:
        if not is_disk_full(exc):
            raise
        log.error("run %s could not be marked %s: %s", stats.run_id, status, exc)
        return False
    return True


def _outcomes(outlets: list[OutletProfile], stats: RunStats, queries: list[str]) -> list[OutletOutcome]:
    return [
        OutletOutcome(
            name=p.name,
            pages=stats.per_outlet_pages.get(p.name, 0),
            errors=stats.per_outlet_errors.get(p.name, 0),
            stored=stats.per_outlet_stored.get(p.name, 0),
            listed=stats.per_outlet_listed.get(p.name, 0),
            new=stats.per_outlet_new.get(p.name, 0),
            last_error=stats.last_error.get(p.name),
            discovery_errors=stats.per_outlet_discovery_errors.get(p.name, 0),
            network_errors=stats.per_outlet_network_errors.get(p.name, 0),
            sources=max(1, len(p.feeds) + len(p.sitemaps) + len(p.sections) + (len(queries) if p.search else 0)),
        )
        for p in outlets
    ]
