"""Outlet health: exponential backoff for outlets that keep failing, and adaptive polling intervals.

Kept as small pure functions (tested directly) plus two archive-facing helpers the crawl runner calls:
`eligible` before a crawl (who is backed off, who is not due) and `record_outcomes` after it.
The archive is typed by the `HealthStore` protocol, not imported: the config loads `HealthPolicy` on
every command, and `storage.archive` takes seconds to import (SQLAlchemy, datasketch, scipy).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from newsmon.core.time import LOCAL_TZ, utcnow


class OutletState(Protocol):
    """The health fields of one outlet's row (storage.models.Outlet) that the policy reads."""

    @property
    def consecutive_failures(self) -> int: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def backoff_until(self) -> datetime | None: ...
    @property
    def poll_interval_s(self) -> int | None: ...
    @property
    def next_due_at(self) -> datetime | None: ...


class HealthStore(Protocol):
    """Where outlet health is read and written (storage.archive.Archive)."""

    def outlet_states(self, names: Iterable[str]) -> Mapping[str, OutletState]: ...
    def save_outlet_state(self, name: str, **values: object) -> None: ...


@dataclass(frozen=True, slots=True)
class HealthPolicy:
    """Bounds from the config file (`[health]`); the defaults suit a crawl every 15-60 minutes."""

    backoff_after: int = 2  # failed runs in a row before an outlet is backed off
    backoff_base_s: int = 600
    backoff_max_s: int = 24 * 3600
    poll_default_s: int = 1800
    poll_min_s: int = 300
    poll_max_s: int = 6 * 3600
    busy_ratio: float = 0.5  # more than this share of listed links new: poll sooner
    quiet_ratio: float = 0.1  # less than this: poll later


@dataclass(slots=True)
class OutletOutcome:
    """What one run did for one outlet."""

    name: str
    pages: int = 0
    errors: int = 0
    stored: int = 0
    listed: int = 0
    new: int = 0
    last_error: str | None = None
    discovery_errors: int = 0
    sources: int = 1  # feeds, sitemaps, listings and searches the run started from
    network_errors: int = 0  # errors with no HTTP answer at all (DNS, connection, timeout)

    @property
    def failed(self) -> bool:
        """Nothing stored, errors, and either nothing fetched at all or every discovery source failed."""
        if self.stored or not self.errors:
            return False
        return self.pages == 0 or self.discovery_errors >= self.sources


def is_outage(outcomes: list[OutletOutcome]) -> bool:
    """Every outlet of the run got nothing but network errors: no outlet answered at all.

    That is the network, the DNS or a wrong mirror, not 16 outlets failing at once: the run fails, and
    no outlet is charged a failure (nor backed off) for it.
    """
    return bool(outcomes) and all(
        o.errors and o.network_errors >= o.errors and not o.pages and not o.stored for o in outcomes
    )


def backoff_seconds(failures: int, policy: HealthPolicy) -> int | None:
    """None below the threshold, then base, 2*base, 4*base ... capped."""
    if failures < policy.backoff_after:
        return None
    return min(policy.backoff_base_s * 2 ** (failures - policy.backoff_after), policy.backoff_max_s)


def next_interval(current: int | None, listed: int, new: int, policy: HealthPolicy) -> int:
    """Halve the interval when most listed links were new, grow it by half when almost none were."""
    interval = current or policy.poll_default_s
    if listed > 0:
        ratio = new / listed
        if ratio >= policy.busy_ratio:
            interval //= 2
        elif ratio <= policy.quiet_ratio:
            interval = int(interval * 1.5)
    return max(policy.poll_min_s, min(policy.poll_max_s, interval))


def is_backed_off(state: OutletState, now: datetime) -> bool:
    """The outlet failed often enough that it is not crawled before `backoff_until`."""
    return state.backoff_until is not None and state.backoff_until > now


@dataclass(slots=True)
class Skipped:
    """An outlet left out of a run, and why (for the run's error log and the CLI)."""

    name: str
    reason: str
    backed_off_until: datetime | None = None  # set when the outlet is left out for failing


def eligible(
    archive: HealthStore,
    names: list[str],
    *,
    force: bool = False,
    due_only: bool = False,
    now: datetime | None = None,
) -> tuple[list[str], list[Skipped]]:
    """Outlets to crawl now, and the ones left out: backed off (unless forced) or not due yet (adaptive)."""
    now = now or utcnow()
    states = archive.outlet_states(names)
    chosen: list[str] = []
    skipped: list[Skipped] = []
    for name in names:
        state = states[name]
        backoff = state.backoff_until if is_backed_off(state, now) else None
        if backoff and not force:
            skipped.append(
                Skipped(
                    name,
                    f"backed off until {backoff.astimezone(LOCAL_TZ).isoformat(timespec='seconds')} after "
                    f"{state.consecutive_failures} failed runs (last error: {state.last_error})",
                    backed_off_until=backoff,
                )
            )
        elif due_only and not force and state.next_due_at and state.next_due_at > now:
            skipped.append(Skipped(name, f"not due until {state.next_due_at.isoformat(timespec='seconds')}"))
        else:
            chosen.append(name)
    return chosen, skipped


def record_outcomes(
    archive: HealthStore,
    outcomes: list[OutletOutcome],
    policy: HealthPolicy,
    *,
    interrupted: bool = False,
    now: datetime | None = None,
) -> None:
    """Update each outlet's health after a run. An interrupted run proves nothing about failing outlets."""
    now = now or utcnow()
    states = archive.outlet_states([o.name for o in outcomes])
    for outcome in outcomes:
        state = states[outcome.name]
        interval = next_interval(state.poll_interval_s, outcome.listed, outcome.new, policy)
        if outcome.failed and not interrupted:
            failures = (state.consecutive_failures or 0) + 1
            wait = backoff_seconds(failures, policy)
            backoff_until = now + timedelta(seconds=wait) if wait else None
            due = now + timedelta(seconds=interval)
            archive.save_outlet_state(
                outcome.name,
                last_failure_at=now,
                consecutive_failures=failures,
                last_error=(outcome.last_error or "failed")[:1000],
                backoff_until=backoff_until,
                poll_interval_s=interval,
                next_due_at=max(due, backoff_until) if backoff_until else due,
            )
        elif not outcome.failed and (outcome.pages or outcome.stored or not interrupted):
            errors = {"last_error": outcome.last_error[:1000]} if outcome.last_error else {}
            archive.save_outlet_state(
                outcome.name,
                **errors,  # kept for `status` even when the outlet as a whole did fine
                last_success_at=now,
                consecutive_failures=0,
                backoff_until=None,
                poll_interval_s=interval,
                next_due_at=now + timedelta(seconds=interval),
            )
