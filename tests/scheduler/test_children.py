"""A scheduled crawl's child process: the right package whatever the cwd, a failure always leaves a
failed run with its error, and the child dies with a SIGKILLed daemon."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from scheduler import jobs
from storage.archive import Archive
from tests.conftest import run_cli, start_newsmon
from tests.e2e.faultserver import FaultServer, gated_case, write_config


def _runs(db_path: Path) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(db_path)
    try:
        return con.execute("SELECT trigger, status, error_log, finish_reason, pid FROM crawl_runs").fetchall()
    finally:
        con.close()


def _fake_package(folder: Path) -> Path:
    """A `newsmon/` folder that is not newsmon, like a clone's parent or a source tree beside the install."""
    (folder / "newsmon").mkdir(parents=True)
    (folder / "newsmon" / "__init__.py").write_text(
        "raise ImportError(\"cannot import name '__version__' from 'newsmon' (a stray folder)\")\n"
    )
    return folder


@pytest.fixture
def scheduled_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The daemon's environment for an in-process `run_scheduled_crawl`; returns the archive's path."""
    db_path = tmp_path / "archive.sqlite3"
    Archive(f"sqlite:///{db_path}").close()  # the daemon opened (created) it before any job runs
    monkeypatch.setenv("NEWSMON_DB", f"sqlite:///{db_path}")
    monkeypatch.setenv("NEWSMON_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("NEWSMON_MIRROR", "http://127.0.0.1:9")  # never the real outlets
    monkeypatch.delenv("NEWSMON_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return db_path


def test_a_child_dying_at_import_leaves_a_failed_run_with_its_error(
    scheduled_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(_fake_package(tmp_path / "shadow")))  # PYTHONPATH is still obeyed
    code = jobs.run_scheduled_crawl(["tuoitre"], time_limit=60)
    assert code == 1
    ((trigger, status, errors, reason, pid),) = _runs(scheduled_env)
    assert (trigger, status, reason) == ("schedule", "failed", "failed to start")
    assert "exited with code 1" in errors and "ImportError: cannot import name '__version__'" in errors
    db = f"sqlite:///{scheduled_env}"
    shown = run_cli("runs", db=db)
    assert shown.returncode == 0 and "failed" in shown.stdout and "ImportError" in shown.stdout
    status = run_cli("status", db=db)
    assert status.returncode == 0 and "last run" in status.stdout and "ImportError" in status.stdout


def test_a_child_refused_its_config_leaves_a_failed_run(
    scheduled_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text("this is = not [toml\n", encoding="utf-8")
    monkeypatch.setenv("NEWSMON_CONFIG", str(config))
    assert jobs.run_scheduled_crawl([], time_limit=60) == 2
    ((_, status, errors, _, _),) = _runs(scheduled_env)
    assert status == "failed" and "exited with code 2" in errors and "newsmon: error:" in errors
    assert "Traceback" not in errors


@pytest.mark.e2e
def test_a_newsmon_folder_in_the_daemons_cwd_does_not_shadow_the_package(
    scheduled_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mirror: str
) -> None:
    monkeypatch.chdir(_fake_package(tmp_path / "parent"))
    monkeypatch.setenv("NEWSMON_MIRROR", mirror)
    assert jobs.run_scheduled_crawl(["tuoitre"], time_limit=120) == 0
    assert [r[:2] for r in _runs(scheduled_env)] == [("schedule", "completed")]


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rsplit(")", 1)[-1].split()[0] == "Z"  # a zombie waiting for init
    except FileNotFoundError:
        return True


@pytest.mark.e2e
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_child_dies_with_a_sigkilled_daemon(tmp_path: Path) -> None:
    server = FaultServer()
    server.extra["orphan"] = gated_case(2)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = write_config(tmp_path / "config.toml", ["orphan"])
    db_path = tmp_path / "archive.sqlite3"
    db = f"sqlite:///{db_path}"
    logs = tmp_path / "logs"
    try:
        assert run_cli("--config", str(config), "schedule", "add", "--cron", "*/2 * * * * *", db=db).returncode == 0
        env = {"NEWSMON_MIRROR": server.base_url, "NEWSMON_LOG_DIR": str(logs)}
        daemon = start_newsmon("--db", db, "--config", str(config), "daemon", env=env)
        try:
            assert server.arrived.wait(90), "the scheduled crawl never requested a page"
            ((_, status, _, _, child_pid),) = _runs(db_path)
            assert status == "running" and child_pid != daemon.pid
            daemon.kill()
            daemon.wait(timeout=10)
            deadline = time.monotonic() + 20
            while not (logs / "newsmon.log").read_text().count("shutting down gracefully"):
                assert time.monotonic() < deadline, "the orphaned crawl was never told to stop"
                time.sleep(0.1)
            server.gate.set()  # the page in flight is answered; the crawl then ends
            deadline = time.monotonic() + 30
            while not _gone(child_pid):
                assert time.monotonic() < deadline, "the crawl outlived its daemon"
                time.sleep(0.2)
        finally:
            if daemon.poll() is None:
                daemon.kill()
    finally:
        server.gate.set()
        server.shutdown()
    ((_, status, _, reason, _),) = _runs(db_path)
    assert status == "interrupted" and reason == "shutdown"
