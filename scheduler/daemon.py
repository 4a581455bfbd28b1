"""The foreground daemon: runs the schedule (scheduler/store.py) with APScheduler's BlockingScheduler."""

from __future__ import annotations

import logging
import os
import signal
import threading
from types import FrameType

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.schedulers.blocking import BlockingScheduler

from newsmon.core.time import LOCAL_TZ
from scheduler import jobs
from scheduler.store import JOB_DEFAULTS, jobstore
from storage.archive import Archive

__all__ = ["RESCAN_S", "run_daemon"]

log = logging.getLogger(__name__)

# Jobs added or removed by `schedule add/remove` in another process are not announced to the daemon,
# and APScheduler sleeps until the next run it knows of (forever with no jobs): look again this often.
RESCAN_S = 30.0


def run_daemon(archive: Archive, config_path: str | None = None) -> None:
    """Run the schedule in the foreground until SIGTERM or SIGINT; a running crawl is stopped cleanly."""
    os.environ["NEWSMON_DB"] = archive.url
    if config_path:
        os.environ["NEWSMON_CONFIG"] = config_path
    scheduler = BlockingScheduler(
        jobstores={"default": jobstore(archive.engine)}, job_defaults=JOB_DEFAULTS, timezone=LOCAL_TZ
    )

    stopping = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        if stopping.is_set():
            return
        stopping.set()
        log.info("signal %s: stopping the daemon (running crawls get SIGTERM and finish in-flight pages)", signum)
        jobs.refuse_new_children()
        scheduler.shutdown(wait=False)  # the main loop returns; the job threads are joined at exit

    def rescan() -> None:
        while not stopping.wait(RESCAN_S):
            scheduler.wakeup()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    scheduler.add_listener(_job_listener, EVENT_JOB_ERROR | EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    log.info("newsmon daemon started (pid %d)", os.getpid())
    threading.Thread(target=rescan, name="schedule-rescan", daemon=True).start()
    try:
        scheduler.start()
    finally:
        stopping.set()
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
