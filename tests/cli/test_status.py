"""`newsmon status`: who is crawling now (a dead holder is not), polling shown without a Python None."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

from newsmon.core.records import RunStatus, Trigger
from newsmon.core.time import utcnow
from storage.archive import Archive
from storage.leases import Leases, make_holder
from storage.runs import RunCounts
from tests.conftest import run_cli


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_lease_held_by_a_dead_process_is_not_crawling_now(archive: Archive, db_url: str) -> None:
    dead = make_holder("run-7").replace(f"/{os.getpid()}/", f"/{_dead_pid()}/", 1)
    alive = make_holder("run-8")  # this test's own process: alive while `status` runs
    assert Leases(archive.engine, dead, ttl=3600).acquire("outlet:tuoitre.vn")
    assert Leases(archive.engine, alive, ttl=3600).acquire("outlet:dantri.com.vn")
    archive.save_outlet_state("tuoitre.vn", last_success_at=utcnow(), poll_interval_s=600)
    archive.save_outlet_state("dantri.com.vn", last_success_at=utcnow(), poll_interval_s=600)
    result = run_cli("status", db=db_url)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    tuoitre = lines.index(next(line for line in lines if line.strip().startswith("tuoitre.vn")))
    dantri = lines.index(next(line for line in lines if line.strip().startswith("dantri.com.vn")))
    assert "crawling now" not in lines[tuoitre + 1] and "is gone" in lines[tuoitre + 1], result.stdout
    assert f"crawling now: {alive}" in lines[dantri + 1]
    outlets = {o["outlet"]: o for o in json.loads(run_cli("status", "--json", db=db_url).stdout)["outlets"]}
    assert outlets["tuoitre.vn"]["crawling_now"] is None and outlets["dantri.com.vn"]["crawling_now"] == alive


def test_status_runs_and_schedule_list_never_print_none(archive: Archive, db_url: str) -> None:
    """An outlet that failed before any polling interval was learned, a run with no finish, a job."""
    archive.save_outlet_state("tuoitre.vn", consecutive_failures=1, last_failure_at=utcnow(), last_error="boom")
    run_id = archive.start_run(Trigger.MANUAL, ["tuoitre.vn"])
    archive.finish_run(run_id, RunStatus.FAILED, RunCounts(errors=1), ["boom"], None)
    archive.start_run(Trigger.CRON, [])
    assert run_cli("schedule", "add", "--cron", "0 3 * * *", db=db_url).returncode == 0
    status = run_cli("status", db=db_url)
    assert status.returncode == 0, status.stderr
    assert "poll: default 1800s (not learned yet)" in status.stdout, status.stdout
    for args in (("status",), ("runs",), ("schedule", "list")):
        result = run_cli(*args, db=db_url)
        assert result.returncode == 0 and "None" not in result.stdout + result.stderr, (args, result.stdout)


def test_status_shows_the_last_run_and_its_error(archive: Archive, db_url: str) -> None:
    run_id = archive.start_run(Trigger.SCHEDULE, [])
    archive.finish_run(run_id, RunStatus.FAILED, RunCounts(errors=1), ["feed https://x.vn/rss: 500"], "failed")
    archive.save_outlet_state("tuoitre.vn", next_due_at=utcnow() + timedelta(hours=1), poll_interval_s=900)
    result = run_cli("status", db=db_url)
    assert result.returncode == 0, result.stderr
    assert f"last run: run {run_id}" in result.stdout and "! feed https://x.vn/rss: 500" in result.stdout
    assert "poll every 900s" in result.stdout
    assert json.loads(run_cli("status", "--json", db=db_url).stdout)["last_run"]["id"] == run_id
