"""The daemon runs a schedule that fires within seconds and records the crawl; SIGTERM stops it cleanly."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from scheduler import jobs
from tests.conftest import run_cli, start_newsmon
from tests.e2e.faultserver import FaultServer, gated_case, write_config

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
    log = tmp_path / "daemon.log"
    daemon = start_newsmon(
        "--db", db, "daemon", "--log-file", str(log),
        env={"NEWSMON_MIRROR": mirror, "XDG_CONFIG_HOME": str(tmp_path / "cfg")},
        output=subprocess.PIPE,
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


# ---- groups and adaptive jobs -----------------------------------------------------------------------------
def test_schedule_add_with_group_and_adaptive(tmp_path: Path, db_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[groups]\nsouth = ["tuoitre", "vnexpress"]\n', encoding="utf-8")
    added = run_cli(
        "--config", str(config), "schedule", "add", "--cron", "* * * * *", "--group", "south", "--adaptive", db=db_url
    )
    assert added.returncode == 0, added.stderr
    assert "group:south" in added.stdout and "adaptive" in added.stdout
    status = run_cli("--config", str(config), "status", db=db_url)
    assert "group:south" in status.stdout and "next 20" in status.stdout
    bad = run_cli("--config", str(config), "schedule", "add", "--cron", "* * * * *", "--group", "north", db=db_url)
    assert bad.returncode == 2 and "unknown group 'north'" in bad.stderr


# ---- stopping: a crawl the daemon stops is 'interrupted'; a killed one is marked failed by the parent -------
def _fault_setup(tmp_path: Path, case: str) -> tuple[FaultServer, Path, str]:
    server = FaultServer()
    server.extra[case] = gated_case(2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = write_config(tmp_path / "config.toml", [case])
    return server, config, f"sqlite:///{tmp_path / 'archive.sqlite3'}"


def test_daemon_sigterm_during_a_crawl_stops_it_gracefully(tmp_path: Path) -> None:
    server, config, db = _fault_setup(tmp_path, "daemonstop")
    try:
        added = run_cli("--config", str(config), "schedule", "add", "--cron", "*/2 * * * * *", db=db)
        assert added.returncode == 0, added.stderr
        env = {
            "NEWSMON_MIRROR": server.base_url,
            "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
            "NEWSMON_LOG_DIR": str(tmp_path / "logs"),
        }
        daemon = start_newsmon("--db", db, "--config", str(config), "daemon", env=env)
        try:
            assert server.arrived.wait(90), "the scheduled crawl never requested a page"
            daemon.send_signal(signal.SIGTERM)
            log = tmp_path / "logs" / "newsmon.log"
            deadline = time.monotonic() + 60
            while not (log.exists() and "shutting down gracefully" in log.read_text()):
                assert time.monotonic() < deadline
                time.sleep(0.1)
            server.gate.set()
            code = daemon.wait(timeout=90)
        finally:
            if daemon.poll() is None:
                daemon.kill()
    finally:
        server.gate.set()
        server.shutdown()
    assert code == 0
    runs = _runs(tmp_path / "archive.sqlite3")
    assert runs and runs[0][2] == "interrupted" and all(r[2] != "running" for r in runs)
    assert "daemon stopped" in (tmp_path / "logs" / "daemon.log").read_text()


def test_killed_child_crawl_is_marked_failed_by_the_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server, config, db = _fault_setup(tmp_path, "killedchild")
    monkeypatch.setenv("NEWSMON_DB", db)
    monkeypatch.setenv("NEWSMON_CONFIG", str(config))
    monkeypatch.setenv("NEWSMON_MIRROR", server.base_url)
    monkeypatch.setenv("NEWSMON_LOG_DIR", str(tmp_path / "logs"))
    result: list[int] = []
    try:
        worker = threading.Thread(target=lambda: result.append(jobs.run_scheduled_crawl([], time_limit=120)))
        worker.start()
        assert server.arrived.wait(60), "the crawl never requested a page"
        with jobs._children_lock:
            (child,) = jobs._children
        child.kill()
        worker.join(timeout=60)
    finally:
        server.gate.set()
        server.shutdown()
    assert result == [-signal.SIGKILL]
    con = sqlite3.connect(tmp_path / "archive.sqlite3")
    status, errors, reason = con.execute("SELECT status, error_log, finish_reason FROM crawl_runs").fetchone()
    con.close()
    assert status == "failed" and "exited with code -9" in errors and reason == "process died"
