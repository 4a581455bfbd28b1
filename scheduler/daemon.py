"""The schedule (APScheduler 3, jobs kept in the archive database) and the foreground daemon."""

from __future__ import annotations

import logging
import os
import signal
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from types import FrameType

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.job import Job
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from newsmon.core.time import LOCAL_TZ
from scheduler import jobs
from storage.archive import Archive

log = logging.getLogger(__name__)

JOB_FUNC = "scheduler.jobs:run_scheduled_crawl"
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 15 * 60}
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

    @property
    def target(self) -> str:
        """What the job crawls, for people: outlets, groups (resolved at run time), adaptive or not."""
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


def _jobstore(archive: Archive) -> SQLAlchemyJobStore:
    return SQLAlchemyJobStore(engine=archive.engine, tablename=JOB_TABLE)


class _Paused:
    """A scheduler that only edits the job store (it never runs jobs)."""

    def __init__(self, archive: Archive) -> None:
        self.scheduler = BackgroundScheduler(
            jobstores={"default": _jobstore(archive)}, job_defaults=JOB_DEFAULTS, timezone=LOCAL_TZ
        )

    def __enter__(self) -> BackgroundScheduler:
        self.scheduler.start(paused=True)
        return self.scheduler

    def __exit__(self, *exc: object) -> None:
        self.scheduler.shutdown(wait=False)


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
    kwargs = {"outlets": outlets, "time_limit": time_limit, "groups": groups, "adaptive": adaptive}
    options = {"misfire_grace_time": misfire_grace} if misfire_grace is not None else {}
    with _Paused(archive) as scheduler:
        job = scheduler.add_job(
            JOB_FUNC, trigger, kwargs=kwargs, id=job_id, name=f"crawl {spec.target} [{cron}]", **options
        )
        spec.next_run = _next_run(job)
        return spec


def list_jobs(archive: Archive) -> list[ScheduledJob]:
    """The stored jobs; the cron text comes back from the job's name (the trigger does not keep it)."""
    with _Paused(archive) as scheduler:
        out = []
        for job in scheduler.get_jobs():
            cron = job.name.rsplit("[", 1)[-1].rstrip("]") if "[" in job.name else str(job.trigger)
            kw = job.kwargs
            out.append(
                ScheduledJob(
                    job.id,
                    cron,
                    list(kw.get("outlets", [])),
                    _next_run(job),
                    list(kw.get("groups", [])),
                    bool(kw.get("adaptive")),
                )
            )
        return out


def _next_run(job: Job) -> datetime | None:
    """When the job fires next; APScheduler 3 leaves the slot unset until a started scheduler holds the job."""
    return getattr(job, "next_run_time", None)


def remove_job(archive: Archive, job_id: str) -> None:
    with _Paused(archive) as scheduler:
        try:
            scheduler.remove_job(job_id)
        except JobLookupError:
            raise ScheduleError(f"no scheduled job with id {job_id!r} (see `newsmon schedule list`)") from None


def run_daemon(archive: Archive, config_path: str | None = None) -> None:
    """Run the schedule in the foreground until SIGTERM or SIGINT; a running crawl is stopped cleanly."""
    os.environ["NEWSMON_DB"] = archive.url
    if config_path:
        os.environ["NEWSMON_CONFIG"] = config_path
    scheduler = BlockingScheduler(
        jobstores={"default": _jobstore(archive)}, job_defaults=JOB_DEFAULTS, timezone=LOCAL_TZ
    )

    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            return
        stopping.set()
        log.info("signal %s: stopping the daemon (running crawls get SIGTERM and finish in-flight pages)", signum)
        jobs.refuse_new_children()
        scheduler.shutdown(wait=False)  # the main loop returns; the job threads are joined at exit

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler.add_listener(_job_listener, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    log.info("newsmon daemon started (pid %d)", os.getpid())
    scheduler.start()
    jobs.stop_all_children()  # graceful stop of the running crawls; killed (and marked) after the grace period
    log.info("newsmon daemon stopped")


def _job_listener(event: JobExecutionEvent) -> None:
    """Say in the log why a scheduled run did not happen or failed: nobody watches the daemon."""
    if event.code == EVENT_JOB_ERROR:
        log.error("job %s raised %r", event.job_id, getattr(event, "exception", None))
    elif event.code == EVENT_JOB_MISSED:
        when = event.scheduled_run_time
        log.warning("job %s missed its run time %s (beyond the misfire grace time)", event.job_id, when)
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning("job %s still running at its next run time: that run is skipped", event.job_id)
