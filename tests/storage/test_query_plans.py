"""Every query on the store path is indexed: its cost is bounded by the story or bucket it touches.

The statements come from storing real cases (new, exact copy, near copy, translation both ways, new
version, known URL) through `Archive.store`. Two checks: each statement's plan (`EXPLAIN QUERY PLAN`
with its own parameters) has no full scan of an archive table; and the SQLite virtual-machine steps
the same cases take do not grow with the archive (an index search can still read a whole table, e.g.
every original through `duplicate_of IS NULL`). Steps are counted, not timed: deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from newsmon.core.records import Article, Relevance
from storage.archive import Archive

ON = Relevance(True, 0.9, ["egov-awards"], {"egov-awards": ["asocio"]})
# Tables bounded by configuration, not by the archive: one row per outlet, per lease, per migration.
SMALL_TABLES = {"outlets", "leases", "alembic_version"}
SMALL, LARGE = 100, 400  # archive sizes the step counts are compared at
WORDS = [
    "chính",
    "phủ",
    "số",
    "giải",
    "thưởng",
    "thành",
    "phố",
    "dịch",
    "vụ",
    "công",
    "trực",
    "tuyến",
    "nền",
    "tảng",
    "dữ",
    "liệu",
    "người",
    "dân",
    "doanh",
    "nghiệp",
]


def _text(seed: int, n: int = 60) -> list[str]:
    words = [WORDS[(seed * 7 + i * 13 + i * i) % len(WORDS)] + str((seed * 31 + i) % 97) for i in range(n)]
    return [" ".join(words[i : i + 20]) + "." for i in range(0, n, 20)]


def _filler(archive: Archive, n: int) -> None:
    """Enough unrelated articles that a full scan would be a real choice for the planner."""
    base = datetime(2023, 1, 1, tzinfo=UTC)
    for i in range(n):
        outlet = ("dantri.com.vn", "tuoitre.vn", "vietnamplus.vn")[i % 3]
        archive.store(
            Article(
                url=f"https://{outlet}/filler-{i}.htm",
                title=f"Bài {i} về dữ liệu số",
                body=_text(1000 + i),
                outlet=outlet,
                published=base + timedelta(hours=7 * i),
                language="vi",
                translated_from="vi" if i % 5 == 0 else None,
                source_attribution="dantri.com.vn" if i % 5 == 0 else None,
            ),
            ON,
        )


@pytest.fixture
def statements(archive: Archive) -> Iterator[list[tuple[str, Any]]]:
    _filler(archive, 120)
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        if not executemany and statement.lstrip().split(None, 1)[0].upper() in {"SELECT", "UPDATE", "DELETE"}:
            seen.append((statement, parameters))

    event.listen(archive.engine, "before_cursor_execute", record)
    yield seen
    event.remove(archive.engine, "before_cursor_execute", record)


PARAS = [
    "Ngày 14/11, tại hội nghị ASOCIO 2023 ở Seoul, TPHCM được trao giải thưởng Chính phủ số xuất sắc.",
    "Thành phố được ghi nhận nhờ tổng đài 1022 và dịch vụ công trực tuyến cho 9,3 triệu người dân.",
    "Sở Thông tin và Truyền thông cho biết thành phố sẽ mở rộng các nền tảng số dùng chung trong năm 2024.",
]
ENGLISH = [
    "On November 14, at the ASOCIO 2023 summit in Seoul, TPHCM received the Digital Government award.",
    "The city was recognised for its 1022 hotline and online public services for 9,3 million people.",
    "The TPHCM Department of Information and Communications will expand shared platforms in 2024.",
]


def _store_every_case(archive: Archive) -> None:
    when = datetime(2023, 11, 15, 2, 30, tzinfo=UTC)
    # A translation that arrives before its original (the original then adopts it) ...
    archive.store(
        Article(
            url="https://en.vietnamplus.vn/hcmc-asocio.vnp",
            title="HCMC wins ASOCIO 2023 Digital Government award",
            body=ENGLISH,
            outlet="vietnamplus.vn",
            published=when + timedelta(hours=3),
            language="en",
            translated_from="vi",
            source_attribution="dantri.com.vn",
        ),
        ON,
    )
    original = Article(
        url="https://dantri.com.vn/asocio-20231115093012345.htm",
        title="TPHCM nhận giải Chính phủ số xuất sắc của ASOCIO 2023",
        body=PARAS,
        outlet="dantri.com.vn",
        published=when,
        language="vi",
    )
    archive.store(original, ON)  # new original
    archive.store(original, ON)  # known URL, unchanged
    archive.store(replace(original, body=[*PARAS, "Bài được cập nhật lúc 10 giờ."]), ON)  # version
    archive.store(replace(original, url="https://tuoitre.vn/copy-1.htm", outlet="tuoitre.vn"), ON)
    near = ["(Tuổi Trẻ) " + PARAS[0], *PARAS[1:], "THANH HIỀN"]
    archive.store(replace(original, url="https://nld.com.vn/b-2.htm", outlet="nld.com.vn", body=near), ON)
    # ... and one that arrives after it.
    archive.store(
        Article(
            url="https://en.vietnamplus.vn/hcmc-asocio-2.vnp",
            title="HCMC honoured at ASOCIO 2023",
            body=ENGLISH[::-1],
            outlet="vietnamplus.vn",
            published=when + timedelta(hours=5),
            language="en",
            translated_from="vi",
            source_attribution="dantri.com.vn",
        ),
        ON,
    )


def _full_scans(archive: Archive, statement: str, parameters: Any) -> list[str]:
    with archive.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        rows = raw.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
    scans = []
    for row in rows:
        detail = str(row[-1])
        if detail.startswith("SCAN "):
            table = detail.split()[1]
            constrained_virtual = "VIRTUAL TABLE INDEX" in detail and not detail.endswith(":")  # e.g. FTS rowid =
            if table not in SMALL_TABLES and not constrained_virtual:
                scans.append(detail)
    return scans


def test_every_store_path_query_is_indexed(archive: Archive, statements: list[tuple[str, Any]]) -> None:
    _store_every_case(archive)
    assert len(statements) > 20, "the store path ran its queries"
    bad = {}
    for statement, parameters in statements:
        if scans := _full_scans(archive, statement, parameters):
            bad[" ".join(statement.split())[:300]] = scans
    assert not bad, "store-path queries that read a whole table:\n" + "\n".join(
        f"{k}\n  -> {v}" for k, v in bad.items()
    )


def _vm_steps_per_case(archive: Archive) -> list[int]:
    """SQLite VM instructions (in units of STEP) spent by each store of the cases, in order."""
    counter = [0]

    def tick() -> int:
        counter[0] += 1
        return 0  # 0: go on

    def on_checkout(dbapi_conn: Any, record: Any, proxy: Any) -> None:
        dbapi_conn.set_progress_handler(tick, STEP)

    event.listen(archive.engine, "checkout", on_checkout)
    archive.engine.dispose()  # connections checked out from now on count
    steps: list[int] = []
    real_store = archive.store

    def counted(*args: Any, **kwargs: Any) -> Any:
        before = counter[0]
        result = real_store(*args, **kwargs)
        steps.append(counter[0] - before)
        return result

    archive.store = counted  # type: ignore[method-assign]
    try:
        _store_every_case(archive)
    finally:
        archive.store = real_store  # type: ignore[method-assign]
        event.remove(archive.engine, "checkout", on_checkout)
    return steps


STEP = 1


def test_store_cost_does_not_grow_with_the_archive(tmp_path: Path) -> None:
    costs = []
    for size in (SMALL, LARGE):
        archive = Archive(f"sqlite:///{tmp_path / f'a{size}.sqlite3'}")
        try:
            _filler(archive, size)
            costs.append(_vm_steps_per_case(archive))
        finally:
            archive.close()
    growth = [round(big / max(small, 1), 2) for small, big in zip(*costs, strict=True)]
    assert all(g <= 1.1 for g in growth), (
        f"store cost per case grew with the archive ({SMALL} -> {LARGE}): {growth}, {costs}"
    )


def test_the_plan_check_can_fail(archive: Archive) -> None:
    """The check itself sees a full scan (so the test above cannot pass vacuously)."""
    with archive.engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    assert _full_scans(archive, "SELECT id FROM articles WHERE body LIKE ?", ("%x%",))
