"""The daemon runs a schedule that fires within seconds and records the crawl; SIGTERM stops it cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.e2e


def _runs(db_path: Path) -> list[tuple[Any, ...]]:
    if not db_path.exists():
        return []
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT id, trigger, status, pages_fetched FROM crawl_runs ORDER BY id").fetchall()
    finally:
        con.close()


def test_schedule_add_list_remove(db_url: str) -> None:
    added = run_cli("schedule", "add", "--cron", "*/15 * * * *", "--outlet", "dantri", db=db_url)
    assert added.returncode == 0, added.stderr
    job_id = added.stdout.split()[2].rstrip(":")
    listed = run_cli("schedule", "list", db=db_url)
    assert job_id in listed.stdout and "dantri.com.vn" in listed.stdout
    assert run_cli("schedule", "remove", job_id, db=db_url).returncode == 0
    assert "no scheduled jobs" in run_cli("schedule", "list", db=db_url).stdout
    missing = run_cli("schedule", "remove", job_id, db=db_url)
    assert missing.returncode != 0 and "no scheduled job" in missing.stderr


def test_daemon_runs_a_scheduled_crawl_and_stops_on_sigterm(tmp_path: Path, mirror: str) -> None:
    db_path = tmp_path / "archive.sqlite3"
    db = f"sqlite:///{db_path}"
    added = run_cli("schedule", "add", "--cron", "*/3 * * * * *", "--outlet", "tuoitre", "--time-limit", "120", db=db)
    assert added.returncode == 0, added.stderr
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    env.update(NEWSMON_MIRROR=mirror, XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    log = tmp_path / "daemon.log"
    daemon = subprocess.Popen(
        [sys.executable, "-m", "newsmon", "--db", db, "daemon", "--log-file", str(log)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if any(r[1] == "schedule" and r[2] == "completed" for r in _runs(db_path)):
                break
            assert daemon.poll() is None, daemon.stdout.read().decode() if daemon.stdout else ""
            time.sleep(0.5)
        daemon.send_signal(signal.SIGTERM)
        code = daemon.wait(timeout=60)
    finally:
        if daemon.poll() is None:
            daemon.kill()
    runs = _runs(db_path)
    completed = [r for r in runs if r[1] == "schedule" and r[2] == "completed"]
    assert completed, (runs, log.read_text() if log.exists() else "")
    assert completed[0][3] > 0  # pages were fetched
    assert code == 0
    assert all(r[2] != "running" for r in runs)  # no run left dangling after the stop
    assert "daemon stopped" in log.read_text()
