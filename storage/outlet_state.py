"""Outlet rows: ids by name, health (backoff, adaptive polling) and complete-crawl marks."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from storage import models as m


class OutletIds:
    """Outlet ids by name, the row created on first sight. Cached: outlets are never deleted."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def get(self, session: Session, name: str) -> int:
        if name in self._ids:
            return self._ids[name]
        found = session.scalar(select(m.Outlet.id).where(m.Outlet.name == name))
        if found is not None:
            self._ids[name] = found
            return found
        try:
            with session.begin_nested():
                outlet = m.Outlet(name=name)
                session.add(outlet)
            return outlet.id
        except IntegrityError:  # another process created it meanwhile
            return session.scalars(select(m.Outlet.id).where(m.Outlet.name == name)).one()

    def forget(self) -> None:
        """After a rollback: an outlet row made in the rolled-back transaction is gone."""
        self._ids.clear()


class OutletState:
    """Health fields and complete-crawl marks of outlets, one short transaction per call."""

    def __init__(self, sessions: sessionmaker[Session], ids: OutletIds) -> None:
        self.sessions = sessions
        self.ids = ids

    def outlet_states(self, names: Iterable[str]) -> dict[str, m.Outlet]:
        """The health rows of these outlets, created on first sight (detached copies, read-only use)."""
        out: dict[str, m.Outlet] = {}
        with self.sessions.begin() as session:
            for name in names:
                out[name] = session.get_one(m.Outlet, self.ids.get(session, name))
        return out

    def save_outlet_state(self, name: str, **values: object) -> None:
        """Write health fields (last_success_at, consecutive_failures, backoff_until, ...) of one outlet."""
        with self.sessions.begin() as session:
            outlet_id = self.ids.get(session, name)
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
                outlet_id = self.ids.get(session, name)
                session.execute(update(m.Outlet).where(m.Outlet.id == outlet_id).values(complete_crawl_at=started_at))

    def outlet_health(self) -> list[m.Outlet]:
        with self.sessions() as session:
            return list(session.scalars(select(m.Outlet).order_by(m.Outlet.name)))
