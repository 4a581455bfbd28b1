"""The archive: one row per article, dedup, versions, search, runs, and what bad paths give."""

from __future__ import annotations

import multiprocessing
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from newsmon.core.dates import DateOnly, local_date
from newsmon.core.records import Article, FetchedPage, Relevance, RunStatus, Trigger
from storage import models as m
from storage.archive import Archive, RunCounts
from storage.db import DatabaseError, alembic_config, make_engine
from storage.queries import published_of
from storage.search import SearchQueryError

ON = Relevance(True, 0.9, ["egov-awards"], {"egov-awards": ["asocio"]})
OFF = Relevance(False)

PARAGRAPHS = [
    "Ngày 14/11, tại hội nghị thượng đỉnh ASOCIO ở Seoul, TPHCM được trao giải thưởng Chính phủ số xuất sắc năm 2023.",
    "Thành phố được ghi nhận nhờ đổi mới cách cung cấp dịch vụ công trực tuyến và tổng đài tiếp nhận phản ánh 1022.",
    "Lãnh đạo Sở Thông tin và Truyền thông cho biết thời gian tới thành phố sẽ tiếp tục mở rộng các nền tảng số dùng chung.",
    "Năm nay giải thưởng có tám nhóm hạng mục, từ chuyển đổi số, an ninh mạng đến công nghệ giáo dục và y tế.",
]


def article(url: str, body: list[str] | None = None, **kw: object) -> Article:
    defaults: dict[str, object] = {
        "title": "TPHCM nhận giải Chính phủ số xuất sắc của ASOCIO",
        "outlet": "dantri.com.vn",
        "published": datetime(2023, 11, 15, 2, 30, tzinfo=UTC),
        "language": "vi",
    }
    defaults.update(kw)
    return Article(url=url, body=list(PARAGRAPHS if body is None else body), **defaults)  # type: ignore[arg-type]


def count(archive: Archive, model: type) -> int:
    with archive.sessions() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_new_then_unchanged_then_new_version(archive: Archive) -> None:
    first = archive.store(article("https://dantri.com.vn/a-20231115093012345.htm"), ON)
    assert first.status == "new"
    again = archive.store(article("https://www.dantri.com.vn/a-20231115093012345.htm?utm_source=x"), ON)
    assert (again.status, again.article_id) == ("unchanged", first.article_id)
    changed = article(
        "https://dantri.com.vn/a-20231115093012345.htm", [*PARAGRAPHS, "Bài viết được cập nhật thêm thông tin."]
    )
    updated = archive.store(changed, ON)
    assert (updated.status, updated.article_id) == ("updated", first.article_id)
    assert count(archive, m.Article) == 1
    assert archive.get(first.article_id)["version"] == 2  # type: ignore[index]


def test_exact_copy_under_another_url_is_a_duplicate(archive: Archive) -> None:
    original = archive.store(article("https://dantri.com.vn/a-20231115093012345.htm"), ON)
    copy = archive.store(article("https://tuoitre.vn/a-20231115100000000.htm", outlet="tuoitre.vn"), ON)
    assert copy.status == "duplicate" and copy.verdict.kind == "exact"
    assert copy.verdict.duplicate_of == original.article_id
    assert copy.verdict.story_id == original.verdict.story_id


def test_syndicated_copy_with_other_prefix_and_byline_is_a_near_duplicate(archive: Archive) -> None:
    original = archive.store(article("https://dantri.com.vn/a-20231115093012345.htm"), ON)
    syndicated = ["(Tuổi Trẻ) " + PARAGRAPHS[0], *PARAGRAPHS[1:3], "THANH HIỀN"]
    copy = archive.store(article("https://tuoitre.vn/b-20231115100000000.htm", syndicated, outlet="tuoitre.vn"), ON)
    assert copy.status == "duplicate" and copy.verdict.kind == "near"
    assert copy.verdict.duplicate_of == original.article_id


def test_independent_report_of_the_same_event_is_not_a_duplicate(archive: Archive) -> None:
    archive.store(article("https://dantri.com.vn/a-20231115093012345.htm"), ON)
    own_words = [
        "Tổ chức ASOCIO vừa vinh danh chính quyền TP Hồ Chí Minh ở hạng mục chính phủ số trong lễ trao giải tổ chức tại Hàn Quốc.",
        "Theo đại diện thành phố, kết quả đến từ việc số hóa hồ sơ hành chính và mở các kênh phản ánh cho người dân.",
    ]
    other = archive.store(
        article("https://vnexpress.net/tphcm-nhan-giai-4690001.html", own_words, outlet="vnexpress.net"), ON
    )
    assert other.status == "new" and other.verdict.duplicate_of is None


def test_offtopic_is_remembered_but_not_a_result(archive: Archive) -> None:
    weather = [
        "Mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu vào chiều tối qua, giao thông ùn tắc nhiều giờ."
    ]
    result = archive.store(article("https://vnexpress.net/mua-lon-4690002.html", weather, title="Mưa lớn"), OFF)
    assert result.status == "offtopic"
    assert archive.known_urls(["https://vnexpress.net/mua-lon-4690002.html"])
    assert archive.search() == []
    assert [r["id"] for r in archive.search(include_all=True)] == [result.article_id]


def test_raw_html_is_kept_compressed(archive: Archive) -> None:
    html = ("<html><body>" + "<p>xin chào</p>" * 500 + "</body></html>").encode()
    page = FetchedPage(url="https://dantri.com.vn/a-20231115093012345.htm", outlet="dantri.com.vn", body=html)
    result = archive.store(article(page.url), ON, raw=page)
    assert archive.raw_html(result.article_id) == html
    with archive.sessions() as session:
        blob = session.scalar(select(m.RawPage.html_zlib))
    assert blob is not None and len(blob) < len(html) / 5


def test_unique_constraints_hold_whatever_the_caller_does(archive: Archive) -> None:
    archive.store(article("https://dantri.com.vn/a-20231115093012345.htm"), ON)
    with pytest.raises(IntegrityError), archive.sessions.begin() as session:
        session.add(m.Article(url="https://dantri.com.vn/a-20231115093012345.htm", title="x", content_hash="h"))
    row = archive.get(1)
    assert row is not None
    with pytest.raises(IntegrityError), archive.sessions.begin() as session:  # same text, second original
        session.add(m.Article(url="https://other.vn/x", title="x", content_hash=_hash_of(archive, 1)))


def _hash_of(archive: Archive, article_id: int) -> str:
    with archive.sessions() as session:
        return session.get_one(m.Article, article_id).content_hash


def _store_in_child(db: str, url: str, n: int) -> None:
    arch = Archive(db)
    for i in range(n):
        arch.store(article(url if i % 2 == 0 else url.replace(".htm", f"-{i}.htm")), ON)
    arch.close()


def test_two_processes_storing_the_same_articles_leave_one_row_each(db_url: str) -> None:
    Archive(db_url).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_store_in_child, args=(db_url, "https://dantri.com.vn/race.htm", 6)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    arch = Archive(db_url)
    with arch.sessions() as session:
        urls = list(session.scalars(select(m.Article.url)))
        originals = session.scalar(select(func.count()).where(m.Article.duplicate_of.is_(None)))
    assert len(urls) == len(set(urls)) == 4  # race.htm and -1, -3, -5 copies
    assert originals == 1  # the same text: one original, the rest linked as copies
    arch.close()


def test_search_with_and_without_diacritics(archive: Archive) -> None:
    archive.store(article("https://dantri.com.vn/a-20231115093012345.htm"), ON)
    assert len(archive.search("chinh phu so")) == 1
    assert len(archive.search("Chính phủ số")) == 1
    assert len(archive.search('"giải thưởng chính phủ số"')) == 1
    assert archive.search("chính phủ sơ") == []  # diacritics typed: precise
    assert archive.search("tổng đài 1022 asocio")  # words anywhere, all required
    assert archive.search("asocio futuregov") == []


def test_search_filters(archive: Archive) -> None:
    archive.store(article("https://dantri.com.vn/a-20231115093012345.htm"), ON)
    assert archive.search("asocio", outlets=["vnexpress.net"]) == []
    assert archive.search("asocio", since=datetime(2024, 1, 1, tzinfo=UTC)) == []
    rows = archive.search("asocio", until=datetime(2024, 1, 1, tzinfo=UTC))
    assert set(rows[0]) == {"id", "url", "outlet", "title", "published", "relevant", "story_id", "duplicate_of"}
    assert rows[0]["published"] == "2023-11-15T09:30:00+07:00"


def test_a_date_only_published_comes_back_date_only(archive: Archive) -> None:
    day = archive.store(
        article("https://dantri.com.vn/a-20231115093012345.htm", published=local_date(2023, 11, 15)), ON
    )
    timed = archive.store(
        article(
            "https://vnexpress.net/b-4690001.html",
            ["Một bài khác hẳn về chuyện khác, ASOCIO."],
            title="Tin khác",
            outlet="vnexpress.net",
        ),
        ON,
    )
    (row,) = archive.search("Chính phủ số")
    assert row["published"] == "2023-11-15"
    got = archive.get("https://dantri.com.vn/a-20231115093012345.htm")
    assert got is not None and got["published"] == "2023-11-15"
    exported = {r["id"]: r["published"] for r in archive.iter_export()}
    assert exported == {day.article_id: "2023-11-15", timed.article_id: "2023-11-15T09:30:00+07:00"}
    assert archive.search(until=datetime(2023, 11, 14, 18, tzinfo=UTC)) != []  # still local midnight in SQL
    with archive.sessions() as session:
        rows = {r.id: r for r in session.scalars(select(m.Article))}
    assert isinstance(published_of(rows[day.article_id]), DateOnly)
    assert not isinstance(published_of(rows[timed.article_id]), DateOnly)
    assert published_of(rows[timed.article_id]) == datetime(2023, 11, 15, 2, 30, tzinfo=UTC)


def test_bad_search_queries_raise_a_clear_error(archive: Archive) -> None:
    for bad in ['"unclosed phrase', "   ", "!!!"]:
        with pytest.raises(SearchQueryError):
            archive.search(bad)


def test_runs_are_recorded(archive: Archive) -> None:
    run_id = archive.start_run(Trigger.MANUAL, ["dantri.com.vn"])
    archive.finish_run(run_id, RunStatus.COMPLETED, RunCounts(pages_fetched=3, new_articles=1, errors=1), ["x: boom"])
    (run,) = archive.runs()
    assert (run.status, run.pages_fetched, run.errors, run.error_log) == ("completed", 3, 1, ["x: boom"])
    assert run.finished_at is not None


def test_dead_process_runs_are_marked_failed(archive: Archive) -> None:
    run_id = archive.start_run(Trigger.SCHEDULE, [])
    assert archive.fail_running_runs(os.getpid(), "killed") == 1
    assert archive.runs()[0].status == "failed" and archive.runs()[0].id == run_id


def test_migrations_are_idempotent_and_portable(db_url: str) -> None:
    Archive(db_url).close()
    Archive(db_url).close()  # a second open migrates nothing and fails nothing


def test_read_only_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    Archive(f"sqlite:///{path}").close()
    path.chmod(0o444)
    if os.access(path, os.W_OK):
        pytest.skip("running as a user who can write read-only files (root)")
    with pytest.raises(DatabaseError, match="read-only"):
        Archive(f"sqlite:///{path}")


def test_bad_database_url_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match="nosuchdriver"):
        Archive("nosuchdriver://x/y")


def test_database_path_that_cannot_exist_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseError, match="cannot create the database folder"):
        Archive(f"sqlite:///{blocker / 'sub' / 'archive.sqlite3'}")


def test_the_attributed_original_takes_the_lead_when_it_arrives_after_its_copy(archive: Archive) -> None:
    copy = archive.store(
        article(
            "https://tuoitre.vn/b-20231115100000000.htm",
            ["(TTO) " + PARAGRAPHS[0], *PARAGRAPHS[1:]],
            outlet="tuoitre.vn",
            source_attribution="VnExpress",
        ),
        ON,
    )
    original = archive.store(
        article(
            "https://vnexpress.net/a-4690001.html", outlet="vnexpress.net", published=datetime(2023, 11, 16, tzinfo=UTC)
        ),
        ON,
    )
    assert original.status == "duplicate"  # a copy of a known story arrived...
    rows = {r["id"]: r for r in archive.search(include_all=True)}
    assert rows[original.article_id]["duplicate_of"] is None  # ...but it is the one the copy attributes
    assert rows[copy.article_id]["duplicate_of"] == original.article_id
    assert [r["id"] for r in archive.search()] == [original.article_id]


def test_the_earliest_copy_leads_its_story(archive: Archive) -> None:
    late = archive.store(
        article("https://dantri.com.vn/a-20231116093012345.htm", published=datetime(2023, 11, 16, tzinfo=UTC)), ON
    )
    early = archive.store(
        article(
            "https://tuoitre.vn/b-20231115100000000.htm",
            [*PARAGRAPHS[:3], "THANH HIỀN"],
            outlet="tuoitre.vn",
            published=datetime(2023, 11, 15, tzinfo=UTC),
        ),
        ON,
    )
    rows = {r["id"]: r for r in archive.search(include_all=True)}
    assert rows[early.article_id]["duplicate_of"] is None
    assert rows[late.article_id]["duplicate_of"] == early.article_id


def test_changed_page_keeps_its_earlier_text_as_a_version(archive: Archive) -> None:
    url = "https://dantri.com.vn/a-20231115093012345.htm"
    first = archive.store(article(url), ON)
    archive.store(article(url, [*PARAGRAPHS, "Cập nhật: lễ trao giải có thêm hạng mục mới."]), ON)
    with archive.sessions() as session:
        versions = list(
            session.scalars(select(m.ArticleVersion).where(m.ArticleVersion.article_id == first.article_id))
        )
    assert [(v.version, v.body.split("\n\n")) for v in versions] == [(1, PARAGRAPHS)]


def test_an_archive_made_by_the_first_schema_is_upgraded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = make_engine(url)
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    arch = Archive(url)  # opening migrates to the newest revision
    assert arch.store(article("https://dantri.com.vn/a-20231115093012345.htm"), ON).status == "new"
    with arch.sessions() as session:
        assert session.scalar(select(func.count()).select_from(m.Lease)) == 0
    arch.close()
