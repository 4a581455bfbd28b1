"""A run left `running` by a process that is gone is failed by the next run's start, on its own host only."""

from __future__ import annotations

import subprocess

from sqlalchemy import select

from newsmon.core.records import RunStatus, Trigger
from storage import models as m
from storage.archive import Archive
from storage.processes import this_host


def _gone_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def _running(archive: Archive, host: str, pid: int) -> int:
    with archive.sessions.begin() as session:
        run = m.CrawlRun(trigger=Trigger.INGEST, outlets=[], pid=pid, host=host, status=RunStatus.RUNNING)
        session.add(run)
        session.flush()
        return run.id


def test_the_next_run_fails_a_dead_run_of_this_host_and_keeps_others(archive: Archive) -> None:
    pid = _gone_pid()
    dead = _running(archive, this_host(), pid)
    elsewhere = _running(archive, "another-host.example", pid)
    alive = _running(archive, this_host(), 1)  # pid 1 is always there
    new = archive.start_run(Trigger.INGEST, [])
    with archive.sessions() as session:
        status = dict(session.execute(select(m.CrawlRun.id, m.CrawlRun.status)).all())
        reason = session.get_one(m.CrawlRun, dead).error_log[-1]
    assert status[dead] == RunStatus.FAILED and f"pid {pid} is gone" in reason
    assert status[elsewhere] == status[alive] == status[new] == RunStatus.RUNNING
