"""Reading or editing the schedule never changes it: a due job keeps its missed run for the daemon."""

from __future__ import annotations

import pickle
import signal
import sqlite3
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from newsmon.core.time import LOCAL_TZ
from tests.conftest import run_cli, start_newsmon


def _stored_next_runs(db_path: Path) -> dict[str, tuple[float | None, datetime | None]]:
    """Each job's next run as the store keeps it twice: the indexed column and the pickled state."""
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT id, next_run_time, job_state FROM apscheduler_jobs").fetchall()
    finally:
        con.close()
    return {job_id: (column, pickle.loads(state)["next_run_time"]) for job_id, column, state in rows}


def _set_next_run(db_path: Path, job_id: str, when: datetime) -> None:
    con = sqlite3.connect(db_path)
    try:
        (state,) = con.execute("SELECT job_state FROM apscheduler_jobs WHERE id = ?", (job_id,)).fetchone()
        job = pickle.loads(state)
        job["next_run_time"] = when
        con.execute(
            "UPDATE apscheduler_jobs SET job_state = ?, next_run_time = ? WHERE id = ?",
            (pickle.dumps(job), when.timestamp(), job_id),
        )
        con.commit()
    finally:
        con.close()


def _due_job(db_path: Path, *extra: str) -> tuple[str, datetime]:
    """An hourly job whose last fire time was 2 minutes ago and whose stored next run is 2 hours before
    that: three missed runs, all but the last beyond the misfire grace, coalesced into one run."""
    latest = datetime.now(LOCAL_TZ).replace(second=0, microsecond=0) - timedelta(minutes=2)
    db = f"sqlite:///{db_path}"
    added = run_cli("schedule", "add", "--cron", f"{latest.minute} * * * *", *extra, db=db)
    assert added.returncode == 0, added.stderr
    job_id = added.stdout.split()[2].rstrip(":")
    missed = latest - timedelta(hours=2)
    _set_next_run(db_path, job_id, missed)
    return job_id, missed


def test_reading_and_editing_the_schedule_keeps_a_due_job_due(tmp_path: Path) -> None:
    db_path = tmp_path / "archive.sqlite3"
    db = f"sqlite:///{db_path}"
    job_id, missed = _due_job(db_path, "--outlet", "tuoitre")
    before = _stored_next_runs(db_path)[job_id]
    assert before == (missed.timestamp(), missed)

    other = run_cli("schedule", "add", "--cron", "0 3 * * *", db=db)
    assert other.returncode == 0 and "Traceback" not in other.stderr, other.stderr
    other_id = other.stdout.split()[2].rstrip(":")
    assert "next run 20" in other.stdout  # the first run is computed from the trigger, never "-"
    for args in (("status",), ("schedule", "list"), ("status", "--json"), ("schedule", "remove", other_id)):
        result = run_cli(*args, db=db)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr, (args, result.stderr)
        assert result.stderr == "", (args, result.stderr)
        assert _stored_next_runs(db_path)[job_id] == before, args
    listed = run_cli("schedule", "list", db=db).stdout
    assert f"{job_id}  " in listed and missed.strftime("%Y-%m-%d %H:%M") in listed and other_id not in listed


def test_an_unreadable_stored_job_is_shown_and_kept(tmp_path: Path) -> None:
    db_path = tmp_path / "archive.sqlite3"
    db = f"sqlite:///{db_path}"
    job_id, _ = _due_job(db_path)
    con = sqlite3.connect(db_path)
    con.execute("UPDATE apscheduler_jobs SET job_state = ? WHERE id = ?", (b"not a pickle", job_id))
    con.commit()
    con.close()
    for args in (("schedule", "list"), ("status",)):
        result = run_cli(*args, db=db)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        assert job_id in result.stdout and "unreadable job" in result.stdout
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT count(*) FROM apscheduler_jobs").fetchone() == (1,)
    con.close()


@pytest.mark.e2e
def test_the_daemon_catches_a_missed_run_up_once(tmp_path: Path, mirror: str) -> None:
    db_path = tmp_path / "archive.sqlite3"
    db = f"sqlite:///{db_path}"
    job_id, missed = _due_job(db_path, "--outlet", "tuoitre", "--time-limit", "120")
    assert run_cli("status", db=db).returncode == 0  # reading first: the run must still be caught up
    daemon = start_newsmon(
        "--db", db, "daemon", env={"NEWSMON_MIRROR": mirror, "NEWSMON_LOG_DIR": str(tmp_path / "logs")}
    )
    try:
        deadline = time.monotonic() + 90
        runs: list[tuple[str, str]] = []
        while time.monotonic() < deadline:
            con = sqlite3.connect(db_path)
            runs = con.execute("SELECT trigger, status FROM crawl_runs").fetchall()
            con.close()
            if runs and all(status != "running" for _, status in runs):
                break
            assert daemon.poll() is None
            time.sleep(0.3)
        daemon.send_signal(signal.SIGTERM)
        assert daemon.wait(timeout=60) == 0
    finally:
        if daemon.poll() is None:
            daemon.kill()
    assert runs == [("schedule", "completed")]  # three missed fire times, one (coalesced) run
    column, state = _stored_next_runs(db_path)[job_id]
    assert state is not None and state > datetime.now(LOCAL_TZ) and column == state.timestamp()
    assert state - missed > timedelta(hours=2)
