"""Crawl faults judged without a crawl: outage vs failing outlet, everything backed off, full disk,
a bad --mirror, the demo's own archive, the final tally of a run, the progress line on 80 columns.

The crawls themselves (Scrapy's reactor starts once per process) are in tests/e2e/test_faults.py.
"""

from __future__ import annotations

import io
import sqlite3
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from rich.console import Console
from scrapy import Request
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    DropItem,
)
from scrapy.spidermiddlewares.httperror import HttpError
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from twisted.internet.defer import Deferred, succeed
from twisted.python.failure import Failure

from crawler.context import CrawlContext, RunStats, is_disk_full
from crawler.discover.failures import is_network_failure
from crawler.discover.spider import OutletSpider
from crawler.outlets.registry import Registry
from crawler.pipelines import StorePipeline
from crawler.run.health import OutletOutcome, eligible, is_outage
from crawler.run.progress import make_progress
from crawler.run.runner import CrawlOutcome
from newsmon.core.records import Article, Relevance, RunStatus, Trigger
from newsmon.core.time import utcnow
from storage.archive import Archive
from tests.conftest import run_cli


# ---- outage: every outlet failing with no HTTP answer at all ---------------------------------------------
def _failure(exc: Exception, url: str = "https://dantri.com.vn/rss/home.rss") -> Failure:
    failure = Failure(exc)
    failure.request = Request(url, meta={"outlet": "dantri.com.vn", "kind": "feed"})  # type: ignore[attr-defined]
    return failure


@pytest.mark.parametrize(
    "exc", [DownloadConnectionRefusedError("refused"), CannotResolveHostError("no such host"), DownloadTimeoutError()]
)
def test_connection_dns_and_timeout_errors_are_network_failures(exc: Exception) -> None:
    assert is_network_failure(_failure(exc))


def test_an_http_error_is_an_answer_not_a_network_failure() -> None:
    assert not is_network_failure(_failure(HttpError(SimpleNamespace(status=500))))  # type: ignore[arg-type]


def test_spider_counts_network_errors_per_outlet(archive: Archive) -> None:
    stats = RunStats(archive=archive, run_id=archive.start_run(Trigger.MANUAL, ["dantri.com.vn"]))
    registry = Registry.builtin()
    context = CrawlContext(archive, registry, [registry.get("dantri.com.vn")], stats, topics=None)  # type: ignore[arg-type]
    spider = OutletSpider(context)
    spider.on_error(_failure(DownloadConnectionRefusedError("Connection was refused")))
    spider.on_error(_failure(HttpError(SimpleNamespace(status=503))))  # type: ignore[arg-type]
    assert stats.per_outlet_errors["dantri.com.vn"] == 2
    assert stats.per_outlet_network_errors["dantri.com.vn"] == 1


def _outcome(name: str, **values: Any) -> OutletOutcome:
    return OutletOutcome(name=name, **{"errors": 3, "network_errors": 3, **values})


def test_every_outlet_unreachable_is_an_outage() -> None:
    assert is_outage([_outcome("a"), _outcome("b")])


@pytest.mark.parametrize(
    "other",
    [
        _outcome("b", network_errors=2),  # one error was an HTTP answer (a 500): that outlet is failing
        _outcome("b", pages=1),  # something answered
        _outcome("b", errors=0, network_errors=0),  # an outlet that did fine
    ],
)
def test_one_outlet_that_answered_makes_it_no_outage(other: OutletOutcome) -> None:
    assert not is_outage([_outcome("a"), other])
    assert not is_outage([])


# ---- everything backed off ------------------------------------------------------------------------------------
def _back_off(archive: Archive, names: list[str], hours: int = 1) -> None:
    for i, name in enumerate(names):
        until = utcnow() + timedelta(hours=hours + i)
        archive.save_outlet_state(name, consecutive_failures=2, backoff_until=until, last_error="feed x: 500")


def test_all_backed_off_is_a_failure_with_the_first_due_time_and_force(archive: Archive) -> None:
    names = ["dantri.com.vn", "vnexpress.net"]
    _back_off(archive, names)
    chosen, skipped = eligible(archive, names)
    outcome = CrawlOutcome(None, RunStatus.IDLE, None, "nothing due", skipped=skipped)
    assert chosen == [] and outcome.all_backed_off
    line = outcome.summary()
    assert "\n" not in line and "backed off" in line and "--force" in line
    assert "dantri.com.vn" in line and "+07:00" in line  # the first one due, in the outlets' time


def test_crawl_with_every_outlet_backed_off_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "a.sqlite3"
    archive = Archive(f"sqlite:///{db}")
    _back_off(archive, ["dantri.com.vn"])
    archive.close()
    result = run_cli("crawl", "--outlet", "dantri.com.vn", db=str(db))
    assert result.returncode == 1, result.stderr
    assert "backed off" in result.stdout and "--force" in result.stdout
    assert "Traceback" not in result.stderr


def test_not_due_in_adaptive_mode_is_still_nothing_to_do(archive: Archive) -> None:
    archive.save_outlet_state("dantri.com.vn", next_due_at=utcnow() + timedelta(hours=1))
    chosen, skipped = eligible(archive, ["dantri.com.vn"], due_only=True)
    outcome = CrawlOutcome(None, RunStatus.IDLE, None, "nothing due", skipped=skipped)
    assert chosen == [] and not outcome.all_backed_off and "nothing to crawl" in outcome.summary()


# ---- full disk ----------------------------------------------------------------------------------------------
def _full_database_error(tmp_path: Path) -> OperationalError:
    """A real SQLITE_FULL: the file may not grow past its current pages."""
    con = sqlite3.connect(tmp_path / "full.sqlite3")
    con.execute("CREATE TABLE t (x BLOB)")
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count = {pages}")
    try:
        con.execute("INSERT INTO t VALUES (?)", (b"x" * 100_000,))
    except sqlite3.OperationalError as exc:
        return OperationalError("INSERT", {}, exc)
    finally:
        con.close()
    raise AssertionError("SQLite did not run out of pages")


def test_sqlite_full_and_enospc_are_a_full_disk(tmp_path: Path) -> None:
    assert is_disk_full(_full_database_error(tmp_path))
    assert is_disk_full(OSError(28, "No space left on device"))
    assert not is_disk_full(OperationalError("SELECT", {}, sqlite3.OperationalError("database is locked")))


class _Engine:
    def __init__(self) -> None:
        self.closed: list[str] = []

    def close_spider_async(self, *, reason: str) -> Deferred[None]:
        """Scrapy's is a coroutine, run on the crawl's reactor; a fired Deferred needs none."""
        self.closed.append(reason)
        return succeed(None)


def test_store_pipeline_stops_the_crawl_on_a_full_disk(tmp_path: Path) -> None:
    error = _full_database_error(tmp_path)
    calls: list[str] = []

    def store(*args: Any, **kwargs: Any) -> None:
        calls.append("store")
        raise error

    archive = SimpleNamespace(store=store, update_run=lambda *a, **k: None)
    stats = RunStats(archive=archive, run_id=1)  # type: ignore[arg-type]
    engine = _Engine()
    crawler = SimpleNamespace(
        spider=SimpleNamespace(context=SimpleNamespace(archive=archive, stats=stats)), engine=engine
    )
    pipeline = StorePipeline(crawler)  # type: ignore[arg-type]
    page = SimpleNamespace(url="https://dantri.com.vn/a.htm", outlet="dantri.com.vn")
    item = SimpleNamespace(page=page, article=None, relevance=None)
    for _ in range(3):
        with pytest.raises(DropItem):
            pipeline.process_item(item)  # type: ignore[arg-type]
    assert calls == ["store"]  # no store tried after the first full-disk error
    assert engine.closed == ["disk full"]
    assert stats.stop_reason == "disk full" and stats.disk_full and "full" in stats.disk_full
    assert stats.counts.errors == 1  # one error line, not one per page still in flight


def test_disk_full_outcome_is_a_failed_run() -> None:
    outcome = CrawlOutcome(4, RunStatus.FAILED, None, "disk full", disk_full="database or disk is full")
    assert outcome.summary().startswith("run 4 failed (disk full)")


# ---- the final tally: what the run stored, as the archive has it now ---------------------------------------
def _article(url: str, body: str) -> Article:
    return Article(url=url, title="Giải thưởng chính phủ số", body=[body], outlet="dantri.com.vn")


def test_final_counts_follow_the_rows_final_duplicate_links(archive: Archive) -> None:
    run_id = archive.start_run(Trigger.MANUAL, ["dantri.com.vn"])
    relevant, off = Relevance(relevant=True, score=1.0), Relevance(relevant=False, score=0.0)
    body = "Thành phố nhận giải thưởng chuyển đổi số ASOCIO năm nay với nền tảng dữ liệu dùng chung. " * 5
    archive.store(_article("https://dantri.com.vn/a.htm", body), relevant, run_id=run_id)
    archive.store(_article("https://vnexpress.net/b.html", body), relevant, run_id=run_id)  # a copy of a
    archive.store(_article("https://dantri.com.vn/c.htm", "Bóng đá hôm nay " * 30), off, run_id=run_id)
    archive.store(_article("https://dantri.com.vn/d.htm", "Thời tiết " * 40), off, run_id=None)  # not this run
    counts = archive.final_counts(run_id)
    assert (counts.new_articles, counts.duplicates, counts.offtopic) == (1, 1, 1)
    with archive.engine.begin() as conn:  # later in the run, the original stored first became a copy
        conn.execute(
            text(
                "UPDATE articles SET duplicate_of = (SELECT id FROM articles WHERE url LIKE '%/c.htm') WHERE url LIKE '%/a.htm'"
            )
        )
    counts = archive.final_counts(run_id)
    assert (counts.new_articles, counts.duplicates, counts.offtopic) == (0, 2, 1)


# ---- bad --mirror ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("mirror", ["not a url", "ftp://127.0.0.1/x", "http://", "http://127.0.0.1:99999"])
def test_bad_mirror_is_one_clear_line(db_url: str, mirror: str) -> None:
    result = run_cli("crawl", "--outlet", "dantri.com.vn", "--mirror", mirror, db=db_url)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("newsmon: error: --mirror") and len(result.stderr.strip().splitlines()) == 1


# ---- the live progress line ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("width", [60, 80, 120])
def test_progress_line_fits_the_terminal_with_the_timer_in_full(width: int) -> None:
    out = io.StringIO()
    console = Console(file=out, width=width, force_terminal=False, color_system=None)
    progress = make_progress(console)
    task = progress.add_task("starting", total=None)
    line = "pages fetched 12345, new articles 1234, duplicates 123, off-topic 1234, errors 12345"
    progress.update(task, description=line)
    console.print(progress.get_renderable())
    lines = [ln for ln in out.getvalue().splitlines() if ln.strip()]
    assert len(lines) == 1 and len(lines[0]) <= width, lines
    assert lines[0].rstrip().endswith("0:00:00"), lines  # the elapsed time, never cut
