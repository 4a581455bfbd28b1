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


# ---- groups, adaptive jobs, health policy -----------------------------------------------------------------
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


def test_backoff_grows_exponentially_and_is_capped() -> None:
    from crawler.run.health import HealthPolicy, backoff_seconds

    policy = HealthPolicy(backoff_after=2, backoff_base_s=600, backoff_max_s=3000)
    assert [backoff_seconds(n, policy) for n in range(1, 6)] == [None, 600, 1200, 2400, 3000]


def test_polling_interval_adapts_within_bounds() -> None:
    from crawler.run.health import HealthPolicy, next_interval

    policy = HealthPolicy(poll_default_s=1000, poll_min_s=300, poll_max_s=2000)
    assert next_interval(None, 10, 9, policy) == 500  # mostly new: sooner
    assert next_interval(400, 10, 10, policy) == 300  # never below the minimum
    assert next_interval(1000, 10, 0, policy) == 1500  # nothing new: later
    assert next_interval(1800, 10, 0, policy) == 2000  # never above the maximum
    assert next_interval(1000, 10, 3, policy) == 1000  # in between: unchanged
    assert next_interval(1000, 0, 0, policy) == 1000  # nothing listed: no evidence


def test_failing_outlet_is_backed_off_then_skipped_unless_forced(archive: Any) -> None:
    from crawler.run.health import HealthPolicy, OutletOutcome, eligible, record_outcomes

    policy = HealthPolicy(backoff_after=2, backoff_base_s=600)
    broken = OutletOutcome("broken.vn", pages=0, errors=3, last_error="feed https://broken.vn/rss: 500")
    healthy = OutletOutcome("fine.vn", pages=5, stored=2, listed=4, new=4)
    record_outcomes(archive, [broken, healthy], policy)
    assert eligible(archive, ["broken.vn", "fine.vn"])[0] == ["broken.vn", "fine.vn"]  # one failure: no backoff yet
    record_outcomes(archive, [broken], policy)
    chosen, skipped = eligible(archive, ["broken.vn", "fine.vn"])
    assert chosen == ["fine.vn"] and skipped[0].name == "broken.vn" and "backed off until" in skipped[0].reason
    assert eligible(archive, ["broken.vn"], force=True)[0] == ["broken.vn"]
    # adaptive: fine.vn was just crawled, so it is not due; an interrupted run does not count as a failure
    assert eligible(archive, ["fine.vn"], due_only=True)[0] == []
    record_outcomes(archive, [OutletOutcome("fine.vn", errors=2)], policy, interrupted=True)
    states = archive.outlet_states(["broken.vn", "fine.vn"])
    assert states["broken.vn"].consecutive_failures == 2 and states["fine.vn"].consecutive_failures == 0
    assert states["fine.vn"].poll_interval_s == policy.poll_default_s // 2  # all four listed links were new
    record_outcomes(archive, [OutletOutcome("broken.vn", pages=3, stored=1)], policy)
    assert archive.outlet_states(["broken.vn"])["broken.vn"].backoff_until is None  # one success clears it


# ---- stopping: a crawl the daemon stops is 'interrupted'; a killed one is marked failed by the parent -------
def _fault_setup(tmp_path: Path, case: str) -> tuple[Any, Path, str]:
    import threading

    from tests.faultserver import FaultServer, write_config
    from tests.test_faults import _gated

    server = FaultServer()
    server.extra[case] = _gated(2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = write_config(tmp_path / "config.toml", [case])
    return server, config, f"sqlite:///{tmp_path / 'archive.sqlite3'}"


def test_daemon_sigterm_during_a_crawl_stops_it_gracefully(tmp_path: Path) -> None:
    server, config, db = _fault_setup(tmp_path, "daemonstop")
    try:
        added = run_cli("--config", str(config), "schedule", "add", "--cron", "*/2 * * * * *", db=db)
        assert added.returncode == 0, added.stderr
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
        env.update(
            NEWSMON_MIRROR=server.base_url,
            XDG_CONFIG_HOME=str(tmp_path / "cfg"),
            NEWSMON_LOG_DIR=str(tmp_path / "logs"),
        )
        daemon = subprocess.Popen(
            [sys.executable, "-m", "newsmon", "--db", db, "--config", str(config), "daemon"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
        )
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
    import threading

    from scheduler import jobs

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
