"""The schedule: APScheduler 3 jobs kept in the archive database, read and edited without a scheduler.

Starting a scheduler (even paused) only to list or edit jobs lets it process the jobs that are due:
they go to an executor that is already shut down (a traceback) and their next run moves on, so the
daemon never catches the missed run up. The commands here touch only the job store: `add_job`
computes the first run from the trigger as APScheduler's own add would, `list_jobs` reads the stored
state as it is (and never deletes a job it cannot read, as the store's own loader would), and
`remove_job` deletes one row. The daemon's BlockingScheduler loads these jobs like its own.
"""

from __future__ import annotations

import pickle
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Engine, inspect, select

from newsmon.core.time import LOCAL_TZ
from scheduler import jobs
from storage.archive import Archive

JOB_FUNC = "scheduler.jobs:run_scheduled_crawl"
JOB_DEFAULTS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 15 * 60}
JOB_TABLE = "apscheduler_jobs"


class ScheduleError(ValueError):
    """Bad schedule input (cron expression, job id); the message is meant for the user."""


@dataclass(slots=True)
class ScheduledJob:
    """A stored crawl job, as `schedule list` and `status` show it."""

    id: str
    cron: str
    outlets: list[str]
    next_run: datetime | None
    groups: list[str] = field(default_factory=list)
    adaptive: bool = False
    problem: str | None = None  # the stored job cannot be read (shown, never silently dropped)

    @property
    def target(self) -> str:
        """What the job crawls, for people: outlets, groups (resolved at run time), adaptive or not."""
        if self.problem:
            return f"unreadable job: {self.problem}"
        parts = [*self.outlets, *(f"group:{g}" for g in self.groups)]
        return " ".join(parts or ["all outlets"]) + (" (adaptive: only outlets due)" if self.adaptive else "")


def parse_cron(expr: str, jitter: int | None = None) -> CronTrigger:
    """Standard 5-field crontab ("min hour day month dow"), or 6 fields with seconds first."""
    fields = expr.split()
    if len(fields) not in (5, 6):
        raise ScheduleError(
            f"invalid cron expression {expr!r}: expected 5 fields (minute hour day month weekday) "
            f"or 6 (second first), got {len(fields)}"
        )
    second = fields.pop(0) if len(fields) == 6 else "0"
    minute, hour, day, month, dow = fields
    try:
        return CronTrigger(
            second=second,
            minute=minute,
            hour=hour,
            day=day,
            month=month,
            day_of_week=dow,
            timezone=LOCAL_TZ,
            jitter=jitter,
        )
    except ValueError as exc:
        raise ScheduleError(f"invalid cron expression {expr!r}: {exc}") from None


def jobstore(engine: Engine) -> SQLAlchemyJobStore:
    """The store the daemon runs and the commands edit (one table of the archive)."""
    return SQLAlchemyJobStore(engine=engine, tablename=JOB_TABLE)


class _Unbound:
    """Stands in for the scheduler while a Job is built: APScheduler reads only its timezone then."""

    timezone = LOCAL_TZ


def add_job(
    archive: Archive,
    cron: str,
    outlets: list[str],
    *,
    jitter: int | None = None,
    time_limit: int = jobs.DEFAULT_TIME_LIMIT,
    groups: list[str] | None = None,
    adaptive: bool = False,
    misfire_grace: int | None = None,
) -> ScheduledJob:
    """Store a crawl job. Groups are kept by name, so editing `[groups]` changes what later runs crawl."""
    trigger = parse_cron(cron, jitter)
    job_id = uuid.uuid4().hex[:8]
    groups = list(groups or [])
    spec = ScheduledJob(job_id, cron, outlets, None, groups, adaptive)
    options = {**JOB_DEFAULTS, **({"misfire_grace_time": misfire_grace} if misfire_grace is not None else {})}
    spec.next_run = trigger.get_next_fire_time(None, datetime.now(LOCAL_TZ))
    job = Job(
        _Unbound(),  # no scheduler: the daemon's own binds the job when it loads it from the store
        id=job_id,
        func=JOB_FUNC,
        trigger=trigger,
        executor="default",
        args=(),
        kwargs={"outlets": outlets, "time_limit": time_limit, "groups": groups, "adaptive": adaptive},
        name=f"crawl {spec.target} [{cron}]",
        next_run_time=spec.next_run,
        **options,
    )
    store = jobstore(archive.engine)
    store.jobs_t.create(archive.engine, checkfirst=True)
    store.add_job(job)
    return spec


def list_jobs(archive: Archive) -> list[ScheduledJob]:
    """The stored jobs as they are; the cron text comes back from the job's name (the trigger does not keep it)."""
    if not inspect(archive.engine).has_table(JOB_TABLE):
        return []
    table = jobstore(archive.engine).jobs_t
    with archive.engine.connect() as conn:
        rows = conn.execute(select(table.c.id, table.c.job_state).order_by(table.c.next_run_time)).all()
    return [_describe(row.id, row.job_state) for row in rows]


def _describe(job_id: str, job_state: bytes) -> ScheduledJob:
    try:
        state = pickle.loads(job_state)
        name, kwargs = str(state["name"]), dict(state["kwargs"])
    except Exception as exc:  # any unpickling failure: show the job, never drop it
        return ScheduledJob(job_id, "-", [], None, problem=f"{type(exc).__name__}: {exc}")
    cron = name.rsplit("[", 1)[-1].rstrip("]") if "[" in name else str(state.get("trigger"))
    return ScheduledJob(
        job_id,
        cron,
        list(kwargs.get("outlets", [])),
        state.get("next_run_time"),
        list(kwargs.get("groups", [])),
        bool(kwargs.get("adaptive")),
    )


def remove_job(archive: Archive, job_id: str) -> None:
    """Delete one stored job; the others are not touched."""
    try:
        if not inspect(archive.engine).has_table(JOB_TABLE):
            raise JobLookupError(job_id)
        jobstore(archive.engine).remove_job(job_id)
    except JobLookupError:
        raise ScheduleError(f"no scheduled job with id {job_id!r} (see `newsmon schedule list`)") from None
