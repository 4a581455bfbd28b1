"""A batch is stored in one real transaction: one commit (the write saving), all or nothing.

On SQLite, pysqlite only opens a transaction before a write, so the first article's savepoint used to
open it and that savepoint's RELEASE committed it: every article of a batch was its own commit.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from newsmon.core.records import StoreStatus
from storage import models as m
from storage.archive import Archive
from tests.storage.test_store_batch import _items


def _count_elsewhere(db: Path) -> int:
    """Articles another connection sees: only committed ones."""
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def test_a_batch_becomes_visible_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "a.sqlite3"
    archive = Archive(f"sqlite:///{db}")
    store = archive._store
    real = store._store
    seen: list[int] = []

    def watched(session: Any, *args: Any) -> Any:
        seen.append(_count_elsewhere(db))
        return real(session, *args)

    monkeypatch.setattr(store, "_store", watched)
    try:
        results = archive.store_many(_items(3))
        assert [r.status for r in results] == [StoreStatus.NEW] * 3
        assert seen == [0, 0, 0], "no article of the batch was committed before the batch"
        assert _count_elsewhere(db) == 3
    finally:
        archive.close()


def test_a_batch_that_fails_leaves_nothing(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    store = archive._store
    real = store._store
    calls = {"n": 0}

    def failing(session: Any, *args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk gone")
        return real(session, *args)

    monkeypatch.setattr(store, "_store", failing)
    with pytest.raises(RuntimeError):
        archive.store_many(_items(4))
    with archive.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.Article)) == 0
        assert session.scalar(select(func.count()).select_from(m.Story)) == 0
    monkeypatch.setattr(store, "_store", real)
    assert [r.status for r in archive.store_many(_items(4))] == [StoreStatus.NEW] * 4


def test_savepoint_journals_are_kept_in_memory(archive: Archive) -> None:
    """A batch's savepoints journal in memory: as a temp file they wrote 4x the batch's own pages."""
    with archive.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY
