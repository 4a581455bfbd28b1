"""Leases in the archive database: who may crawl an outlet right now, across processes and hosts.

A lease is one row of `leases` (name, holder, acquired_at, expires_at). It is taken with a single
conditional statement whose WHERE clause is the whole decision (free, expired, or already ours), so
the database arbitrates races, not Python: an UPDATE for an existing row, an INSERT (primary key) for
a new one. Both are plain portable SQL. A holder renews its leases while it works; a holder that died
stops renewing, its lease expires and the next process takes it over. On the same host a lease whose
holder process is gone is taken over at once (compare-and-swap on the exact holder string), so a
`kill -9` does not block the next cron run for a whole TTL.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError

from newsmon.core.time import utcnow
from storage.models import Lease
from storage.processes import process_is_gone, this_host

log = logging.getLogger(__name__)

DEFAULT_TTL = 120.0  # seconds; renewed every TTL/3 while the holder is alive


def outlet_lease(outlet: str) -> str:
    return f"outlet:{outlet}"


def make_holder(tag: str = "") -> str:
    """`host/pid/tag/random`: readable in `newsmon status`, and the pid lets a host spot dead holders."""
    return f"{this_host()}/{os.getpid()}/{tag or '-'}/{uuid.uuid4().hex[:6]}"


@dataclass(slots=True, frozen=True)
class LeaseInfo:
    name: str
    holder: str | None
    acquired_at: datetime | None
    expires_at: datetime | None


def holder_tag(holder: str | None) -> str | None:
    """The tag part of a holder made by `make_holder` ("run-12"), or None for another shape."""
    parts = (holder or "").split("/")
    return parts[2] if len(parts) >= 4 else None


def holder_is_dead(holder: str | None) -> bool:
    """True only when the holder ran on this host and its process no longer exists."""
    parts = (holder or "").split("/")
    if len(parts) < 4:
        return False
    try:
        pid = int(parts[1])
    except ValueError:
        return False
    return process_is_gone(parts[0], pid)


class Leases:
    """Acquire, renew and release named leases in one database."""

    def __init__(self, engine: Engine, holder: str | None = None, ttl: float = DEFAULT_TTL) -> None:
        self.engine = engine
        self.holder = holder or make_holder()
        self.ttl = ttl
        self.taken_over: dict[str, str] = {}  # lease -> the previous holder, when we took a live-looking one

    def acquire(self, name: str) -> bool:
        """Take the lease if it is free, expired, ours already, or held by a dead process on this host."""
        now = utcnow()
        expires = now + timedelta(seconds=self.ttl)
        values = {"holder": self.holder, "acquired_at": now, "expires_at": expires}
        free = (Lease.holder.is_(None)) | (Lease.expires_at.is_(None)) | (Lease.expires_at < now)
        mine = Lease.holder == self.holder
        before = self.get(name)  # only to tell whose stale lease we took over; the UPDATE decides
        with self.engine.begin() as conn:
            taken = conn.execute(update(Lease).where(Lease.name == name, free | mine).values(**values)).rowcount
        if taken == 1:
            if before is not None and before.holder and before.holder != self.holder:
                self.taken_over[name] = before.holder
            return True
        try:
            with self.engine.begin() as conn:
                conn.execute(insert(Lease).values(name=name, **values))
            return True
        except IntegrityError:  # the row exists and someone live holds it (or won the insert race)
            pass
        current = self.get(name)
        if current is not None and holder_is_dead(current.holder):
            log.warning("lease %s: holder %s is gone, taking it over", name, current.holder)
            with self.engine.begin() as conn:
                swapped = conn.execute(
                    update(Lease).where(Lease.name == name, Lease.holder == current.holder).values(**values)
                ).rowcount
            if swapped == 1:
                self.taken_over[name] = current.holder  # type: ignore[assignment]
            return swapped == 1
        return False

    def acquire_many(self, names: Iterable[str]) -> tuple[list[str], list[str]]:
        """(taken, held elsewhere), in the given order."""
        taken: list[str] = []
        busy: list[str] = []
        for name in names:
            (taken if self.acquire(name) else busy).append(name)
        return taken, busy

    def renew(self, names: Iterable[str]) -> list[str]:
        """Push the expiry of our leases forward; returns the names we no longer hold."""
        expires = utcnow() + timedelta(seconds=self.ttl)
        lost = []
        with self.engine.begin() as conn:
            for name in names:
                done = conn.execute(
                    update(Lease).where(Lease.name == name, Lease.holder == self.holder).values(expires_at=expires)
                ).rowcount
                if done != 1:
                    lost.append(name)
        return lost

    def release(self, names: Iterable[str]) -> None:
        with self.engine.begin() as conn:
            for name in names:
                conn.execute(
                    update(Lease)
                    .where(Lease.name == name, Lease.holder == self.holder)
                    .values(holder=None, expires_at=None)
                )

    def get(self, name: str) -> LeaseInfo | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(Lease).where(Lease.name == name)).first()
        return LeaseInfo(row.name, row.holder, row.acquired_at, row.expires_at) if row else None

    def held(self) -> list[LeaseInfo]:
        """Leases someone holds now (not expired)."""
        now = utcnow()
        with self.engine.connect() as conn:
            rows = conn.execute(select(Lease).where(Lease.holder.is_not(None), Lease.expires_at >= now)).all()
        return [LeaseInfo(r.name, r.holder, r.acquired_at, r.expires_at) for r in rows]


class Renewer:
    """A daemon thread renewing leases every TTL/3 while a crawl runs; `on_lost` hears of any it lost."""

    def __init__(self, leases: Leases, names: list[str], on_lost: Callable[[list[str]], None] | None = None) -> None:
        self.leases = leases
        self.names = list(names)
        self.on_lost = on_lost
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-renewer", daemon=True)

    def __enter__(self) -> Renewer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        interval = max(self.leases.ttl / 3, 0.05)
        while not self._stop.wait(interval):
            try:
                lost = self.leases.renew(self.names)
            except OperationalError as exc:  # a busy database: try again at the next tick
                log.warning("lease renewal failed: %s", exc)
                continue
            if lost:
                log.error("lost lease(s) %s: another process took them over", ", ".join(lost))
                self.names = [n for n in self.names if n not in lost]
                if self.on_lost:
                    self.on_lost(lost)
