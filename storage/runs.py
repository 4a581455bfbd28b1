"""Crawl runs (`crawl_runs`): started, updated while crawling, finished, or failed for a dead process."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.core.records import RunStatus, Trigger
from newsmon.core.time import utcnow
from storage import models as m
from storage.processes import process_is_gone, this_host

ERROR_LOG_KEPT = 200  # the newest errors of a run; the rest only counted


@dataclass(slots=True)
class RunCounts:
    pages_fetched: int = 0
    new_articles: int = 0
    duplicates: int = 0
    offtopic: int = 0
    errors: int = 0


class Runs:
    """One row per crawl, written in short transactions so `newsmon status` sees a run as it goes."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def final_counts(self, run_id: int) -> RunCounts:
        """New relevant originals, duplicates and off-topic originals among the articles a run stored.

        As the archive has them at the end of the run, not as each store saw them: an article stored as
        an original becomes a duplicate when the original it copies arrives later in the same run (and
        the reverse), so counts taken at store time depend on arrival order (48/10, 47/11, 49/9 on
        identical crawls). Pages and errors are the run's own (not in the archive): left at 0.
        Reads the run's rows through ix_articles_run_id, never the archive.
        """
        original = m.Article.duplicate_of.is_(None)
        stmt = select(
            func.count(case((original & m.Article.relevant, 1))),
            func.count(case((m.Article.duplicate_of.is_not(None), 1))),
            func.count(case((original & ~m.Article.relevant, 1))),
        ).where(m.Article.run_id == run_id)
        with self.sessions() as session:
            new, duplicates, offtopic = session.execute(stmt).one()
        return RunCounts(new_articles=new, duplicates=duplicates, offtopic=offtopic)

    def start_run(self, trigger: Trigger, outlets: list[str]) -> int:
        """A new `running` row. Runs left `running` by a gone process of this host (kill -9, power loss)
        are failed first: crawls also find theirs through lease take-over, but an ingest takes no lease.
        Other hosts' runs (a shared PostgreSQL) are never judged from here."""
        with self.sessions.begin() as session:
            mine = select(m.CrawlRun).where(m.CrawlRun.status == RunStatus.RUNNING, m.CrawlRun.host == this_host())
            for dead in session.scalars(mine):
                if process_is_gone(dead.host, dead.pid):
                    _fail(dead, f"process died: pid {dead.pid} is gone", "process died")
            run = m.CrawlRun(trigger=trigger, outlets=outlets, pid=os.getpid(), host=this_host())
            session.add(run)
            session.flush()
            return run.id

    def update_run(self, run_id: int, counts: RunCounts, errors: list[str] | None = None) -> None:
        with self.sessions.begin() as session:
            run = session.get_one(m.CrawlRun, run_id)
            for field in fields(RunCounts):
                setattr(run, field.name, getattr(counts, field.name))
            if errors is not None:
                run.error_log = errors[-ERROR_LOG_KEPT:]

    def finish_run(
        self, run_id: int, status: RunStatus, counts: RunCounts, errors: list[str], finish_reason: str | None = None
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
                session.scalars(select(m.CrawlRun).where(m.CrawlRun.pid == pid, m.CrawlRun.status == RunStatus.RUNNING))
            )
            for run in rows:
                _fail(run, reason, run.finish_reason or "process died")
            return len(rows)

    def account_for_process(self, pid: int, since: datetime, trigger: Trigger, outlets: list[str], reason: str) -> int:
        """A crawl process started at `since` ended badly: fail the runs it left 'running'; if it wrote no
        run at all (it died at import, or refused its config), write a failed one with the reason, so
        `runs` and `status` show the failure. Returns the number of runs marked or written."""
        with self.sessions.begin() as session:
            mine = select(m.CrawlRun).where(m.CrawlRun.pid == pid, m.CrawlRun.started_at >= since)
            rows = list(session.scalars(mine))
            running = [run for run in rows if run.status == RunStatus.RUNNING]
            for run in running:
                _fail(run, reason, run.finish_reason or "process died")
            if rows:
                return len(running)
            run = m.CrawlRun(
                trigger=trigger, outlets=outlets, pid=pid, host=this_host(), started_at=since, errors=0, error_log=[]
            )
            _fail(run, reason, "failed to start")
            session.add(run)
            return 1

    def fail_run(self, run_id: int, reason: str) -> bool:
        """Mark one run failed if it is still 'running': its process died (found by its expired lease)."""
        with self.sessions.begin() as session:
            run = session.get(m.CrawlRun, run_id)
            if run is None or run.status != RunStatus.RUNNING:
                return False
            _fail(run, reason, "process died")
            return True

    def runs(self, limit: int = 20) -> list[m.CrawlRun]:
        with self.sessions() as session:
            return list(session.scalars(select(m.CrawlRun).order_by(m.CrawlRun.id.desc()).limit(limit)))


def _fail(run: m.CrawlRun, reason: str, finish_reason: str) -> None:
    run.status = RunStatus.FAILED
    run.finished_at = utcnow()
    run.error_log = [*run.error_log, reason]
    run.errors += 1
    run.finish_reason = finish_reason
