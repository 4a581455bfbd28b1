"""Faults and bad input: a misbehaving site (tests/faultserver.py), killed processes, a locked database.

Every case must end with the run completed or cleanly failed, the error on the run and on the outlet,
and nothing already stored lost or duplicated. One crawl covers all the server and content faults (one
outlet per fault, so each outlet's record is the case's record); process and database faults need
processes of their own.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, XDG_ENV, run_cli
from tests.e2e.faultserver import (
    CASES,
    FaultServer,
    expected,
    gated_case,
    host,
    outlet_toml,
    write_config,
)

pytestmark = pytest.mark.e2e

ENV = {"NEWSMON_DOWNLOAD_TIMEOUT": "1", "NEWSMON_DOWNLOAD_MAXSIZE": "1000000"}

# case -> (articles that must be stored, article whose failure must be on the run and outlet, error text)
EXPECT: dict[str, tuple[set[str], str | None, str | None]] = {
    "ok": ({"a1", "a2", "a3"}, None, None),
    "e500": (set(), "rss.xml", "non-200"),
    "e503": ({"a1", "a2"}, None, None),
    "e429": ({"a2"}, "a1", "non-200"),
    "reset": ({"a2"}, "a1", "Connection"),
    "timeout": ({"a2"}, "a1", "took longer than"),
    "drip": ({"a2"}, "a1", "took longer than"),
    "truncated": ({"a2"}, "a1", "DataLoss"),
    "redirloop": ({"a2"}, "a1", "max redirections"),
    "robots": ({"a2"}, "cam/a1", "forbidden by robots.txt"),
    "trap": (set(), None, None),  # checked on its own: bounded, whatever it stores
    "cp1258": ({"a1", "a2"}, None, None),
    "cp1252utf8": ({"a1", "a2"}, None, None),
    "double": ({"a1", "a2"}, None, None),
    "huge": ({"a2"}, "a1", "download max size"),
    "gzipbomb": ({"a2"}, "a1", "DOWNLOAD_MAXSIZE"),
    "xmlbomb": ({"a1", "a2"}, None, None),
    "sitemapbomb": ({"a1", "a2"}, None, None),
    "notxml": (set(), "rss.xml", "not a feed"),
    "brokenhtml": ({"a1", "a2"}, None, None),
    "badjsonld": ({"a1", "a2"}, None, None),
    "binary": ({"a2"}, "a1", "no article"),
    "empty": ({"a2"}, "a1", "no article"),
}
FAILING_OUTLETS = {"e500", "notxml"}  # nothing but errors: counted as a failed run of the outlet


def test_every_fault_case_has_an_expectation() -> None:
    assert set(EXPECT) == set(CASES)


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    srv = FaultServer()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.gate.set()
    srv.shutdown()
    srv.server_close()


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    return {**ENV, "NEWSMON_LOG_DIR": str(tmp / "logs"), **extra}


def _popen(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    full["XDG_CONFIG_HOME"] = str(ROOT / "tests" / "_no_config")
    full.update(env)
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", *args],
        cwd=ROOT,
        env=full,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _query(db_path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(db_path, timeout=30)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _count(db_path: Path, table: str) -> int:
    """Rows in a table, 0 while the crawl has not created the schema yet."""
    try:
        return _query(db_path, f"SELECT COUNT(*) FROM {table}")[0][0] if db_path.exists() else 0
    except sqlite3.OperationalError:
        return 0


def _wait_for(predicate: Any, what: str, limit: float = 60.0) -> None:
    """Poll until `predicate()` holds; the limit only keeps a broken test from hanging."""
    deadline = time.monotonic() + limit
    while not predicate():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def assert_archive_consistent(db_path: Path) -> None:
    """No article half-written: each has its URL keys, signature, raw page and story; no orphans; no twins."""
    q = lambda sql: _query(db_path, sql)  # noqa: E731
    assert q("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_urls)") == []
    assert q("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM signatures)") == []
    assert q("SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM raw_pages)") == []
    assert q("SELECT id FROM articles WHERE story_id IS NULL OR story_id NOT IN (SELECT id FROM stories)") == []
    assert q("SELECT article_id FROM article_urls WHERE article_id NOT IN (SELECT id FROM articles)") == []
    assert q("SELECT article_id FROM signatures WHERE article_id NOT IN (SELECT id FROM articles)") == []
    assert q("SELECT url, COUNT(*) FROM articles GROUP BY url HAVING COUNT(*) > 1") == []
    assert q("SELECT id FROM crawl_runs WHERE status = 'running'") == []


# ---- server and content faults: one crawl, one outlet per case, then a rerun -------------------------
@pytest.fixture(scope="module")
def crawled(server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("faults")
    db_path = tmp / "archive.sqlite3"
    config = write_config(tmp / "config.toml", list(CASES))
    args = ["--config", str(config), "crawl", "--mirror", server.base_url]
    first = run_cli(*args, db=str(db_path), env=_env(tmp))
    after_first = _articles(db_path)
    runs_json = json.loads(run_cli("--config", str(config), "runs", "--json", db=str(db_path)).stdout)
    second = run_cli(*args, db=str(db_path), env=_env(tmp))
    outlets = {
        row[0]: row[1:]
        for row in _query(db_path, "SELECT name, consecutive_failures, last_error, backoff_until FROM outlets")
    }
    status = run_cli("--config", str(config), "status", db=str(db_path))
    return {
        "first": first,
        "second": second,
        "run": runs_json[0],
        "after_first": after_first,
        "after_second": _articles(db_path),
        "outlets": outlets,
        "db_path": db_path,
        "config": config,
        "status": status,
    }


def _articles(db_path: Path) -> dict[str, tuple[str, str]]:
    return {url: (title, body) for url, title, body in _query(db_path, "SELECT url, title, body FROM articles")}


def test_fault_crawl_completes_and_the_rerun_loses_and_duplicates_nothing(crawled: dict[str, Any]) -> None:
    first, second = crawled["first"], crawled["second"]
    assert first.returncode == 0, first.stderr[-2000:]
    assert "Traceback" not in first.stderr + second.stderr
    assert crawled["run"]["status"] == "completed" and crawled["run"]["finish_reason"] == "finished"
    assert second.returncode == 0, second.stderr[-2000:]
    assert "new articles 0, duplicates 0" in second.stdout
    assert crawled["after_second"] == crawled["after_first"]  # nothing lost, changed or added twice
    assert_archive_consistent(crawled["db_path"])


@pytest.mark.parametrize("case", [c for c in CASES if c != "trap"])
def test_fault_case_recorded(crawled: dict[str, Any], server: FaultServer, case: str) -> None:
    must_store, bad_page, error_text = EXPECT[case]
    stored = {u for u in crawled["after_first"] if u.startswith(f"https://{host(case)}/")}
    assert {f"https://{host(case)}/{n}.html" for n in must_store} <= stored, stored
    failures, last_error, backoff_until = crawled["outlets"][host(case)]
    if bad_page is None:
        assert not [e for e in crawled["run"]["error_log"] if host(case) in e]
        assert failures == 0
        return
    url = f"https://{host(case)}/{bad_page}" + ("" if bad_page.endswith(".xml") else ".html")
    on_run = [e for e in crawled["run"]["error_log"] if url in e]
    assert on_run and error_text in on_run[0], crawled["run"]["error_log"]
    assert last_error and host(case) in last_error  # the outlet remembers its latest error
    if case in FAILING_OUTLETS:  # failed both runs: now backed off (after 2 failures in a row)
        assert failures == 2 and backoff_until is not None
    else:
        assert failures == 0 and backoff_until is None
    assert url not in stored


def test_robots_disallowed_page_is_never_requested(crawled: dict[str, Any], server: FaultServer) -> None:
    assert server.count("robots/cam/") == 0
    assert server.count("robots/robots.txt") >= 1


def test_pagination_trap_is_bounded(crawled: dict[str, Any], server: FaultServer) -> None:
    assert 1 <= server.count("trap/list/") <= 3 * 2  # max_listing_pages per run, two runs
    trap = [u for u in crawled["after_first"] if host("trap") in u]
    assert 0 < len(trap) <= 6


@pytest.mark.parametrize("case", ["cp1258", "cp1252utf8", "double"])
def test_legacy_and_mislabelled_encodings_store_correct_text(crawled: dict[str, Any], case: str) -> None:
    title, paragraphs = expected(case, "a1")
    stored_title, body = crawled["after_first"][f"https://{host(case)}/a1.html"]
    assert stored_title == title
    for paragraph in paragraphs:
        assert paragraph in body
    assert "\ufffd" not in body and "Ã" not in body and "á»" not in body


def test_gzip_and_size_limits_keep_memory_bounded(crawled: dict[str, Any], server: FaultServer) -> None:
    assert server.count("gzipbomb/a1.html") >= 1 and server.count("huge/a1.html") >= 1
    assert not any("lollol" in title for title, _ in crawled["after_first"].values())


def test_status_and_runs_show_the_failing_outlets(crawled: dict[str, Any]) -> None:
    status = crawled["status"]
    assert status.returncode == 0, status.stderr
    line = next(ln for ln in status.stdout.splitlines() if host("e500") in ln)
    assert "backed off" in line and "2 failed run(s)" in line and "non-200" in line
    assert "ok;" in next(ln for ln in status.stdout.splitlines() if host("ok") in ln)
    runs = run_cli("--config", str(crawled["config"]), "runs", db=str(crawled["db_path"]))
    assert f"UNHEALTHY {host('notxml')}" in runs.stdout


def test_adaptive_run_skips_outlets_not_due(crawled: dict[str, Any], server: FaultServer) -> None:
    result = run_cli(
        "--config",
        str(crawled["config"]),
        "crawl",
        "--adaptive",
        "--outlet",
        host("ok"),
        "--mirror",
        server.base_url,
        db=str(crawled["db_path"]),
    )
    assert result.returncode == 0 and "nothing to crawl" in result.stdout and "not due until" in result.stdout


# ---- process faults --------------------------------------------------------------------------------------
def test_sigterm_lets_the_crawl_finish_in_flight_pages_and_marks_it_interrupted(
    server: FaultServer, tmp_path: Path
) -> None:
    server.extra["sigterm"] = gated_case(3)
    server.gate.clear()
    server.arrived.clear()
    db_path = tmp_path / "archive.sqlite3"
    config = write_config(tmp_path / "config.toml", ["sigterm"])
    crawl = _popen(
        ["--db", str(db_path), "--config", str(config), "crawl", "--mirror", server.base_url], _env(tmp_path)
    )
    try:
        _wait_for(server.arrived.is_set, "the crawl to request a page")
        crawl.send_signal(signal.SIGTERM)
        log = tmp_path / "logs" / "newsmon.log"
        _wait_for(lambda: log.exists() and "shutting down gracefully" in log.read_text(), "Scrapy to hear SIGTERM")
        server.gate.set()  # the in-flight pages now arrive, and are stored before the crawl stops
        out, err = crawl.communicate(timeout=60)
    finally:
        server.gate.set()
        if crawl.poll() is None:
            crawl.kill()
    assert crawl.returncode == 1, err[-2000:]
    assert "interrupted" in out
    status, reason = _query(db_path, "SELECT status, finish_reason FROM crawl_runs")[0]
    assert (status, reason) == ("interrupted", "shutdown")
    served = server.count("sigterm/p")
    assert served >= 1 and _count(db_path, "articles") == served  # every page in flight was finished and stored
    assert_archive_consistent(db_path)
    assert _query(db_path, "SELECT holder FROM leases WHERE holder IS NOT NULL") == []  # released


def test_kill_9_while_storing_then_rerun_stores_every_article_once(server: FaultServer, tmp_path: Path) -> None:
    total, fast = 30, 8
    server.extra["killed"] = gated_case(total, fast)
    server.gate.clear()
    db_path = tmp_path / "archive.sqlite3"
    config = write_config(tmp_path / "config.toml", ["killed"])
    args = ["--db", str(db_path), "--config", str(config), "crawl", "--mirror", server.base_url]
    crawl = _popen(args, _env(tmp_path))
    try:
        _wait_for(
            lambda: _count(db_path, "articles") >= fast,
            "the first articles to be stored",
        )
        server.gate.set()  # a burst of pages arrives and is being stored ...
        crawl.kill()  # ... when the crawl is killed
        crawl.wait(timeout=30)
    finally:
        server.gate.set()
        if crawl.poll() is None:
            crawl.kill()
    killed_run = _query(db_path, "SELECT id, status FROM crawl_runs")[0]
    assert killed_run[1] == "running"  # nobody could mark it: it was killed
    rerun = run_cli(*args[2:], db=str(db_path), env=_env(tmp_path))
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    urls = [u for (u,) in _query(db_path, "SELECT url FROM articles")]
    assert sorted(urls) == sorted(f"https://{host('killed')}/p{i}.html" for i in range(total))
    status, errors = _query(db_path, "SELECT status, error_log FROM crawl_runs WHERE id = ?", killed_run[0])[0]
    assert status == "failed" and "process died" in errors  # the rerun took its lease over and said so
    assert_archive_consistent(db_path)


def test_two_runs_at_once_one_skips_and_one_waits(server: FaultServer, tmp_path: Path) -> None:
    server.extra["twice"] = gated_case(2)
    server.gate.clear()
    server.arrived.clear()
    db_path = tmp_path / "archive.sqlite3"
    config = write_config(tmp_path / "config.toml", ["twice"])
    args = ["--db", str(db_path), "--config", str(config), "crawl", "--mirror", server.base_url]
    first = _popen(args, _env(tmp_path))
    waiting = None
    try:
        _wait_for(server.arrived.is_set, "the first run to be crawling")
        skipped = run_cli(*args[2:], db=str(db_path), env=_env(tmp_path))
        assert skipped.returncode == 3, skipped.stderr
        assert "skipped" in skipped.stdout and "another run" in skipped.stdout
        waiting = _popen([*args, "--wait", "120"], _env(tmp_path))
        _wait_for(lambda: _count(db_path, "crawl_runs") == 3, "the waiting run to start")
        server.gate.set()
        first_out, first_err = first.communicate(timeout=60)
        wait_out, wait_err = waiting.communicate(timeout=60)
    finally:
        server.gate.set()
        for proc in (first, waiting):
            if proc is not None and proc.poll() is None:
                proc.kill()
    assert first.returncode == 0, first_err[-2000:]
    assert waiting.returncode == 0, wait_err[-2000:]
    assert "new articles 0" in wait_out  # it crawled after the first run, which had stored them
    runs = _query(db_path, "SELECT status, finish_reason FROM crawl_runs ORDER BY id")
    assert runs == [("completed", "finished"), ("skipped", "leased elsewhere"), ("completed", "finished")]
    assert len(_query(db_path, "SELECT id FROM articles")) == 2
    assert_archive_consistent(db_path)


# ---- database faults ---------------------------------------------------------------------------------------
def test_database_locked_by_another_writer_for_a_while(server: FaultServer, tmp_path: Path) -> None:
    db_path = tmp_path / "archive.sqlite3"
    config = write_config(tmp_path / "config.toml", ["ok"])
    assert run_cli("db", "init", db=str(db_path)).returncode == 0  # create the schema
    holder = sqlite3.connect(db_path, timeout=30)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    holder.execute("INSERT INTO leases (name, holder) VALUES ('x', 'test')")
    crawl = _popen(
        ["--db", str(db_path), "--config", str(config), "crawl", "--mirror", server.base_url], _env(tmp_path)
    )
    try:
        time.sleep(2)  # the crawl starts and waits on the busy timeout meanwhile
        holder.commit()
        out, err = crawl.communicate(timeout=120)
    finally:
        holder.close()
        if crawl.poll() is None:
            crawl.kill()
    assert crawl.returncode == 0, err[-2000:]
    assert len(_query(db_path, "SELECT id FROM articles")) == 3


def test_unusable_database_paths_give_one_clear_line(tmp_path: Path) -> None:
    if Path("/sys").is_dir():  # a read-only file system, even for root
        result = run_cli("db", "init", db="sqlite:////sys/newsmon-test.sqlite3")
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "cannot open the database" in result.stderr or "not writable" in result.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    missing = run_cli("crawl", db=f"sqlite:///{blocker}/sub/db.sqlite3")
    assert missing.returncode == 2 and "cannot create the database folder" in missing.stderr
    assert "Traceback" not in missing.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_database_file_is_one_clear_line(tmp_path: Path) -> None:
    db_path = tmp_path / "archive.sqlite3"
    assert run_cli("db", "init", db=str(db_path)).returncode == 0
    db_path.chmod(0o444)
    result = run_cli("crawl", db=str(db_path))
    assert result.returncode == 2 and "read-only" in result.stderr and "Traceback" not in result.stderr


def test_bad_outlet_config_and_unknown_group_are_one_clear_line(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(outlet_toml("ok") + '\n[groups]\nnorth = ["ok.baomau.vn"]\n', encoding="utf-8")
    db = str(tmp_path / "a.sqlite3")
    unknown = run_cli("--config", str(config), "crawl", "--group", "south", db=db)
    assert unknown.returncode == 2 and "unknown group 'south'" in unknown.stderr and "north" in unknown.stderr
    config.write_text('[groups]\nnorth = "dantri"\n', encoding="utf-8")
    bad = run_cli("--config", str(config), "crawl", db=db)
    assert bad.returncode == 2 and "must be a non-empty list" in bad.stderr
    config.write_text("[health]\nbackoff_base_s = -5\n", encoding="utf-8")
    bad = run_cli("--config", str(config), "status", db=db)
    assert bad.returncode == 2 and "non-negative" in bad.stderr and "Traceback" not in bad.stderr


# ---- an outage is not a failing outlet (issue 15, item 6) ------------------------------------------------
def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed): every connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_an_outage_fails_the_run_and_backs_off_no_outlet(server: FaultServer, tmp_path: Path) -> None:
    db_path = tmp_path / "archive.sqlite3"
    cases = ["ok", "cp1258", "e503"]
    config = write_config(tmp_path / "config.toml", cases)
    only = [arg for c in cases for arg in ("--outlet", host(c))]
    dead = ["--config", str(config), "crawl", *only, "--mirror", f"http://127.0.0.1:{_closed_port()}"]
    for _ in range(2):  # twice: a failing outlet would be backed off after the second
        result = run_cli(*dead, db=str(db_path), env=_env(tmp_path))
        assert result.returncode == 1, result.stderr[-2000:]
        assert "failed (outage: no outlet answered" in result.stdout and "Traceback" not in result.stderr
    runs = _query(db_path, "SELECT status, finish_reason FROM crawl_runs ORDER BY id")
    assert runs == [("failed", "outage: no outlet answered (DNS/connection errors)")] * 2
    health = _query(db_path, "SELECT name, consecutive_failures, backoff_until FROM outlets")
    assert all(not failures and backoff is None for _, failures, backoff in health), health
    good = run_cli(*dead[:-1], server.base_url, db=str(db_path), env=_env(tmp_path))
    assert good.returncode == 0, good.stderr[-2000:]
    stored = {u for (u,) in _query(db_path, "SELECT url FROM articles")}
    assert {f"https://{host(c)}/{n}.html" for c in cases for n in EXPECT[c][0]} <= stored  # nothing skipped
    assert_archive_consistent(db_path)


def test_every_outlet_backed_off_exits_1_and_says_when(server: FaultServer, tmp_path: Path) -> None:
    db_path = tmp_path / "archive.sqlite3"
    config = write_config(tmp_path / "config.toml", ["e500"])
    args = ["--config", str(config), "crawl", "--outlet", host("e500"), "--mirror", server.base_url]
    for _ in range(2):  # the feed answers 500: a failing outlet (it answered), backed off after the 2nd run
        assert run_cli(*args, db=str(db_path), env=_env(tmp_path)).returncode == 1
    third = run_cli(*args, db=str(db_path), env=_env(tmp_path))
    assert third.returncode == 1, third.stdout
    lines = third.stdout.strip().splitlines()
    assert len(lines) == 1 and "backed off" in lines[0] and host("e500") in lines[0] and "--force" in lines[0]
    forced = run_cli(*args, "--force", db=str(db_path), env=_env(tmp_path))
    assert "run 3 failed" in forced.stdout  # --force crawls it (and it still fails)


# ---- a full disk stops the crawl (issue 15) ------------------------------------------------------------
# The child caps every SQLite connection's file size (PRAGMA max_page_count), so SQLite answers
# SQLITE_FULL as on a full disk; a small tmpfs would need root.
_CAPPED = """
import os, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine

@event.listens_for(Engine, "connect")
def _cap(dbapi_conn, record):
    dbapi_conn.execute("PRAGMA max_page_count = " + os.environ["TEST_MAX_PAGES"])

from newsmon.cli import main
sys.argv = ["newsmon", *sys.argv[1:]]
main()
"""


def test_full_disk_stops_the_crawl_with_one_line_and_loses_nothing(server: FaultServer, tmp_path: Path) -> None:
    from storage.archive import Archive

    server.extra["diskfull"] = gated_case(30, 30)
    db_path = tmp_path / "archive.sqlite3"
    Archive(f"sqlite:///{db_path}").close()  # the schema, then room for a few pages more
    pages = _query(db_path, "PRAGMA page_count")[0][0]
    config = write_config(tmp_path / "config.toml", ["diskfull"])
    args = ["--db", str(db_path), "--config", str(config), "crawl", "--outlet", host("diskfull")]
    args += ["--mirror", server.base_url]
    full = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    full.update(XDG_ENV)
    full.update(_env(tmp_path, TEST_MAX_PAGES=str(pages + 40)))
    capped = subprocess.run(
        [sys.executable, "-c", _CAPPED, *args], cwd=ROOT, env=full, capture_output=True, text=True, timeout=300
    )
    assert capped.returncode == 1, capped.stderr[-3000:]
    assert "Traceback" not in capped.stderr + capped.stdout
    errors = [ln for ln in capped.stderr.splitlines() if ln.startswith("newsmon: error:")]
    assert len(errors) == 1 and errors[0].startswith("newsmon: error: the disk is full"), capped.stderr[-3000:]
    stored_before = _count(db_path, "articles")
    assert stored_before < 30  # it stopped
    status, reason = _query(db_path, "SELECT status, finish_reason FROM crawl_runs")[0]
    assert (status, reason) == ("failed", "disk full")
    assert_archive_consistent(db_path)  # nothing half-written
    rerun = run_cli(*args[2:], db=str(db_path), env=_env(tmp_path))  # space again: the rest arrives
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert sorted(u for (u,) in _query(db_path, "SELECT url FROM articles")) == sorted(
        f"https://{host('diskfull')}/p{i}.html" for i in range(30)
    )
    assert_archive_consistent(db_path)
