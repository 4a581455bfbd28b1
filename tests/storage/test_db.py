"""Opening the archive database: read-only opens create nothing, first-time setup is atomic, old
half-created archives are rebuilt (or refused when they hold data), SQLite settings still apply."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from storage import models as m
from storage.archive import Archive
from storage.db import (
    SQLITE_BUSY_TIMEOUT_MS,
    DatabaseError,
    NoArchiveError,
    alembic_config,
    make_engine,
    shown_location,
)

ROOT = Path(__file__).resolve().parents[2]


def schema_of(path: Path) -> list[tuple[str, str, str]]:
    """Every table, index, trigger and virtual table, by type and name (what a clean setup makes)."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name").fetchall()
        tables = {name for kind, name, _ in rows if kind == "table"}
        version = (
            conn.execute("SELECT version_num FROM alembic_version").fetchall() if "alembic_version" in tables else []
        )
    return [*rows, ("revision", *version[0], "")] if version else rows


@pytest.fixture(scope="module")
def clean_schema(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str]]:
    path = tmp_path_factory.mktemp("clean") / "clean.sqlite3"
    Archive(f"sqlite:///{path}").close()
    return schema_of(path)


# ---- read-only opens ------------------------------------------------------------------------------


def test_read_only_open_of_a_missing_file_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "typo" / "deeper" / "archive.sqlite3"
    with pytest.raises(NoArchiveError, match=f"no archive at {path}$"):
        Archive(f"sqlite:///{path}", create=False)
    assert list(tmp_path.iterdir()) == []


def test_read_only_open_of_a_database_without_the_schema_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
    before = schema_of(path)
    with pytest.raises(NoArchiveError, match="no newsmon schema"):
        Archive(f"sqlite:///{path}", create=False)
    assert schema_of(path) == before


def test_read_only_open_migrates_an_older_archive(tmp_path: Path, clean_schema: list[tuple[str, str, str]]) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    Archive(f"sqlite:///{path}", create=False).close()  # migrating an existing archive is not creating one
    assert schema_of(path) == clean_schema


def test_opening_reports_what_it_did(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    first = Archive(url)
    assert first.migration.before is None and first.migration.after == first.migration.head
    first.close()
    again = Archive(url)
    assert again.migration.before == again.migration.after == again.migration.head
    again.close()


# ---- atomic first-time setup ----------------------------------------------------------------------

# Imports first (not part of the setup), then says so, then sets the archive up.
_SETUP = """
import sys, time
from storage.archive import Archive
print("ready", flush=True)
start = time.perf_counter()
Archive(sys.argv[1]).close()
print(time.perf_counter() - start, flush=True)
"""


def _start_setup(url: str) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", _SETUP, url], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=os.environ.copy()
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    return child


def test_a_kill_at_any_moment_of_first_setup_leaves_an_archive_that_opens(
    tmp_path: Path, clean_schema: list[tuple[str, str, str]]
) -> None:
    timing = _start_setup(f"sqlite:///{tmp_path / 'timing.sqlite3'}")
    out, _ = timing.communicate(timeout=120)
    setup_s = float(out.strip())
    rng = random.Random(15)
    for attempt in range(20):
        path = tmp_path / f"killed-{attempt}.sqlite3"
        child = _start_setup(f"sqlite:///{path}")
        time.sleep(rng.uniform(0, setup_s * 1.2))
        child.send_signal(signal.SIGKILL)
        child.wait()
        Archive(f"sqlite:///{path}").close()  # reopening after the kill always works...
        assert schema_of(path) == clean_schema, f"kill {attempt} after a random delay"  # ...and is complete


def _open(url: str) -> str:
    Archive(url).close()
    return "ok"


def test_first_setup_by_several_processes_at_once(tmp_path: Path, clean_schema: list[tuple[str, str, str]]) -> None:
    path = tmp_path / "shared.sqlite3"
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        assert pool.map(_open, [f"sqlite:///{path}"] * 4) == ["ok"] * 4
    assert schema_of(path) == clean_schema


# ---- archives half-created by older versions ----------------------------------------------------------


def _half_created(path: Path) -> None:
    """What a kill during an older newsmon's first setup left: a few tables, an empty version table."""
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
        m.Base.metadata.create_all(conn, tables=[m.CrawlRun.__table__, m.Outlet.__table__])  # type: ignore[list-item]
    engine.dispose()


def test_an_empty_half_created_archive_is_rebuilt(tmp_path: Path, clean_schema: list[tuple[str, str, str]]) -> None:
    path = tmp_path / "half.sqlite3"
    _half_created(path)
    with pytest.raises(NoArchiveError):  # a read-only command does not repair it...
        Archive(f"sqlite:///{path}", create=False)
    Archive(f"sqlite:///{path}").close()  # ...one that may create does
    assert schema_of(path) == clean_schema


def test_a_half_created_archive_with_data_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "half.sqlite3"
    _half_created(path)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO outlets (name, created_at, consecutive_failures) VALUES ('x', '2026-01-01', 0)")
    before = schema_of(path)
    with pytest.raises(DatabaseError, match="no schema version") as caught:
        Archive(f"sqlite:///{path}")
    assert "outlets" in str(caught.value)
    assert schema_of(path) == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name FROM outlets").fetchall() == [("x",)]


def test_an_archive_from_a_newer_newsmon_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    Archive(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseError, match="revision 9999.*newer newsmon"):
        Archive(f"sqlite:///{path}")


def test_a_file_that_is_no_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database at all\n" * 100)
    for create in (True, False):
        with pytest.raises(DatabaseError, match="not a database"):
            Archive(f"sqlite:///{path}", create=create)


# ---- SQLite settings and ordinary transactions after setup -----------------------------------------


def test_sqlite_settings_apply_to_every_connection_after_setup(archive: Archive) -> None:
    with archive.engine.connect() as conn:
        pragma = {
            name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "busy_timeout", "foreign_keys", "synchronous")
        }
    assert pragma == {
        "journal_mode": "wal",
        "busy_timeout": SQLITE_BUSY_TIMEOUT_MS,
        "foreign_keys": 1,
        "synchronous": 1,
    }


def test_ordinary_transactions_still_roll_back_after_setup(archive: Archive) -> None:
    """The setup's connection goes back to the pool: its autocommit mode must not stay with it."""
    with pytest.raises(RuntimeError), archive.engine.begin() as conn:
        conn.execute(text("INSERT INTO leases (name) VALUES ('x')"))
        raise RuntimeError("abort")
    with archive.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM leases")).scalar() == 0


def test_messages_name_a_file_by_its_path_and_hide_passwords() -> None:
    assert shown_location("sqlite:////srv/news/archive.sqlite3") == "/srv/news/archive.sqlite3"
    assert shown_location("postgresql://me:secret@db.example/newsmon") == "postgresql://me:***@db.example/newsmon"
