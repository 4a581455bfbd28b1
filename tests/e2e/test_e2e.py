"""End to end: the real Scrapy engine crawls the 16 mock outlets over HTTP on 127.0.0.1 into a real SQLite file.

The whole crawl runs twice, once per module (one fixture), and every test reads its results: per-outlet
gold comparison, the incremental second crawl (request counts), the laodong cookie challenge, the nld
redirect with its alias.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from crawler.outlets.registry import Registry
from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.e2e

SAMPLES = ROOT / "samples"
BOILERPLATE = re.compile(r"Tin liên quan|Bình luận|Xem thêm|ĐỌC NGAY|Đọc tiếp|Quảng cáo|Chia sẻ|Từ khoá|\(Dân trí\) -")


MANIFEST: dict[str, Any] = json.loads((SAMPLES / "sites" / "manifest.json").read_text(encoding="utf-8"))
OUTLETS = sorted(MANIFEST)
OUTLET_NAMES = Registry.builtin().outlet_names()  # the names the archive links credits by


def sample_articles(outlet: str | None = None) -> list[dict[str, Any]]:
    out = []
    for path in sorted((SAMPLES / "articles").glob(f"{outlet or '*'}/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold = json.loads((SAMPLES / "gold" / data["outlet"] / f"{data['id']}.json").read_text(encoding="utf-8"))
        out.append({"data": data, "gold": gold})
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, mirror: str, mock_server: Any) -> dict[str, Any]:
    """Two crawls of the unchanged mock into one archive, with the requests each one made."""
    db_path = tmp_path_factory.mktemp("e2e") / "archive.sqlite3"
    db = f"sqlite:///{db_path}"
    env = {"XDG_CACHE_HOME": str(db_path.parent / "cache")}  # the HTTP cache of these crawls only
    before = len(mock_server.request_log)
    first = run_cli("crawl", "--mirror", mirror, db=db, env=env)
    middle = len(mock_server.request_log)
    first_rows = _rows(db_path)
    second = run_cli("crawl", "--mirror", mirror, db=db, env=env)
    after = len(mock_server.request_log)
    return {
        "db": db,
        "db_path": db_path,
        "first": first,
        "second": second,
        "first_requests": mock_server.request_log[before:middle],
        "second_requests": mock_server.request_log[middle:after],
        "first_rows": first_rows,
    }


def _rows(db_path: Path) -> list[dict[str, Any]]:
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    try:
        return [
            dict(r)
            for r in con.execute(
                "SELECT a.*, o.name AS outlet FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id"
            )
        ]
    finally:
        con.close()


def test_crawl_completes_with_a_summary_line(crawled: dict[str, Any]) -> None:
    first = crawled["first"]
    assert first.returncode == 0, first.stderr[-2000:]
    assert re.search(
        r"run \d+ completed: pages fetched \d+, new articles \d+, duplicates \d+, off-topic \d+, errors 0", first.stdout
    ), first.stdout
    assert "Traceback" not in first.stderr


def test_every_mock_article_is_stored_once_under_its_real_url(crawled: dict[str, Any]) -> None:
    rows = crawled["first_rows"]
    urls = [r["url"] for r in rows]
    assert len(urls) == len(set(urls))
    assert all(u.startswith("https://") and "127.0.0.1" not in u for u in urls)
    expected = {a["gold"]["url"] for a in sample_articles()}
    assert expected <= set(urls), expected - set(urls)


def test_all_sixteen_outlets_have_mocks() -> None:
    assert len(OUTLETS) == 16, OUTLETS


@pytest.mark.parametrize("outlet", OUTLETS)
def test_stored_records_match_gold(crawled: dict[str, Any], outlet: str) -> None:
    rows = {r["url"]: r for r in crawled["first_rows"]}
    samples = sample_articles(outlet)
    assert samples, outlet
    mismatches = []
    for sample in samples:
        gold = sample["gold"]
        row = rows.get(gold["url"])
        if row is None:
            mismatches.append(f"{sample['data']['id']}: not stored under {gold['url']}")
            continue
        published = datetime.fromisoformat(row["published"] + "+00:00") if row["published"] else None
        gold_published = datetime.fromisoformat(gold["published"]) if gold["published"] else None
        checks = {
            "title": row["title"] == gold["title"],
            "lead": row["lead"] == gold["lead"],
            "body": row["body"].split("\n\n") == gold["body"],
            "published": published == gold_published,
            "outlet": row["outlet"] == gold["outlet"],
            "authors": json.loads(row["authors"]) == gold["authors"],
            "captions": json.loads(row["captions"]) == gold["captions"],
        }
        mismatches += [f"{sample['data']['id']}: {field}" for field, ok in checks.items() if not ok]
    assert not mismatches, mismatches


def test_no_boilerplate_in_bodies(crawled: dict[str, Any]) -> None:
    related_titles = {r["title"] for a in sample_articles() for r in a["data"].get("related", [])}
    for row in crawled["first_rows"]:
        assert not BOILERPLATE.search(row["body"]), (row["url"], BOILERPLATE.search(row["body"]))
        for title in related_titles:
            assert title not in row["body"].split("\n\n"), (row["url"], title)


def test_relevance_follows_the_labels(crawled: dict[str, Any]) -> None:
    rows = {r["url"]: r for r in crawled["first_rows"]}
    wrong = []
    for sample in sample_articles():
        expected = sample["data"]["label"] == "positive"
        if bool(rows[sample["gold"]["url"]]["relevant"]) != expected:
            wrong.append(sample["data"]["id"])
    assert not wrong, wrong


def test_syndicated_copies_form_one_story_and_independent_reports_do_not(crawled: dict[str, Any]) -> None:
    rows = {r["url"]: r for r in crawled["first_rows"]}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for sample in sample_articles():
        story = sample["data"].get("story")
        if story:
            relation = sample["data"].get("story_relation", "near_duplicate")
            groups.setdefault((story, relation), []).append(rows[sample["gold"]["url"]])
    assert groups, "the mock needs syndicated stories"
    stories: dict[str, list[dict[str, Any]]] = {}
    for (story, relation), members in groups.items():
        story_ids = {m["story_id"] for m in members}
        if relation == "independent_report":
            assert len(story_ids) == len(members), story
            assert all(m["duplicate_of"] is None for m in members), story
        else:  # copies and translations of one story: one story, one original
            stories.setdefault(story, []).extend(members)
    for story, members in stories.items():
        linkable = [m for m in members if m["translated_from"] is None or _names_a_stored_outlet(m)]
        assert len({m["story_id"] for m in linkable}) == 1, story
        assert sum(m["duplicate_of"] is None for m in linkable) == 1, story


def _names_a_stored_outlet(row: dict[str, Any]) -> bool:
    """Whether the archive can resolve a translation's "Nguồn: ..." to an outlet (OutletNames.names_outlet)."""
    return any(OUTLET_NAMES.names_outlet(row["source_attribution"], outlet) for outlet in OUTLETS)


def test_every_translation_joins_the_story_of_its_source(crawled: dict[str, Any]) -> None:
    rows = {r["url"]: r for r in crawled["first_rows"]}
    by_story: dict[str, set[int]] = {}
    for sample in sample_articles():
        story = sample["data"].get("story")
        if story and sample["data"].get("story_relation") != "independent_report":
            by_story.setdefault(story, set()).add(rows[sample["gold"]["url"]]["story_id"])
    assert all(len(ids) == 1 for ids in by_story.values()), by_story


def test_second_crawl_adds_nothing_and_fetches_no_article_again(crawled: dict[str, Any]) -> None:
    second = crawled["second"]
    assert second.returncode == 0, second.stderr[-2000:]
    assert "new articles 0, duplicates 0, off-topic 0" in second.stdout
    assert len(_rows(crawled["db_path"])) == len(crawled["first_rows"])
    article_paths = {"/" + a["gold"]["url"].split("://", 1)[1] for a in sample_articles()}
    refetched = [p for _, p in crawled["second_requests"] if p.split("?")[0] in article_paths]
    assert refetched == []
    assert any(p for _, p in crawled["first_requests"] if p.split("?")[0] in article_paths)


def test_raw_html_is_stored_for_each_article(crawled: dict[str, Any]) -> None:
    con = sqlite3.connect(crawled["db_path"])
    try:
        missing = con.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM raw_pages)"
        ).fetchone()[0]
    finally:
        con.close()
    assert missing == 0


def test_query_commands_on_the_crawled_archive(crawled: dict[str, Any]) -> None:
    db = crawled["db"]
    result = run_cli("search", "chinh quyen so", "--format", "json", "--limit", "50", db=db)
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(
        set(r) >= {"id", "url", "outlet", "title", "published", "relevant", "story_id", "duplicate_of"} for r in rows
    )
    assert all(r["relevant"] and r["duplicate_of"] is None for r in rows)
    exact = json.loads(run_cli("search", "chính quyền số", "--format", "json", "--limit", "50", db=db).stdout)
    assert {r["id"] for r in exact} <= {r["id"] for r in rows}
    shown = run_cli("show", rows[0]["url"], db=db)
    assert shown.returncode == 0 and rows[0]["title"] in shown.stdout
    exported = run_cli("export", "--format", "jsonl", db=db)
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert lines and all(line["relevant"] for line in lines)
    csv_out = run_cli("search", "asocio", "--format", "csv", db=db)
    assert csv_out.stdout.splitlines()[0].startswith("id,url,outlet,title,published")
    history = run_cli("runs", db=db)
    assert history.returncode == 0 and history.stdout.count("completed") >= 2


def _owner(path: str) -> str:
    """The outlet a mock request belongs to (nld pages live under tuoitre.vn/nld since the merger)."""
    host, _, rest = path.lstrip("/").partition("/")
    host = host.lower().removeprefix("www.")
    if host == "tuoitre.vn" and rest.startswith("nld/") or host == "nld.com.vn":
        return "nld.com.vn"
    return "vnexpress.net" if host == "timkiem.vnexpress.net" else host


def _article_paths(outlet: str) -> set[str]:
    urls = {a["gold"]["url"] for a in sample_articles(outlet)} | {a["data"]["url"] for a in sample_articles(outlet)}
    return {"/" + u.split("://", 1)[1] for u in urls}


@pytest.mark.parametrize("outlet", OUTLETS)
def test_second_crawl_of_each_outlet_fetches_only_discovery_pages(crawled: dict[str, Any], outlet: str) -> None:
    first = [p for _, p in crawled["first_requests"] if _owner(p) == outlet]
    second = [p for _, p in crawled["second_requests"] if _owner(p) == outlet]
    articles = _article_paths(outlet)
    fetched_first = {p.split("?")[0] for p in first} & articles
    assert fetched_first, f"{outlet}: the first crawl fetched no article"
    assert not [p for p in second if p.split("?")[0] in articles], f"{outlet}: articles fetched again"
    assert len(second) < len(first), (outlet, len(first), len(second))
    print(f"{outlet}: {len(first)} requests in the first crawl, {len(second)} in the second")


def test_laodong_cookie_challenge_is_answered(crawled: dict[str, Any]) -> None:
    """The first laodong request of a process meets the JS challenge; one retry with the cookie passes,
    and every later request carries the cookie (no path is asked for more than twice)."""
    paths = [p for _, p in crawled["first_requests"] if _owner(p) == "laodong.vn"]
    assert paths.count("/laodong.vn/robots.txt") == 2, paths[:5]
    assert max(paths.count(p) for p in set(paths)) <= 2
    rows = [r for r in crawled["first_rows"] if r["outlet"] == "laodong.vn"]
    assert len(rows) == len(sample_articles("laodong.vn"))


def test_nld_is_stored_under_its_final_url_with_the_old_one_as_alias(crawled: dict[str, Any]) -> None:
    first = [p for _, p in crawled["first_requests"]]
    assert "/nld.com.vn/rss/home.rss" in first  # the old feed address answered 301 ...
    assert "/tuoitre.vn/nld/rss/home.rss" in first  # ... and was followed
    rows = [r for r in crawled["first_rows"] if r["outlet"] == "nld.com.vn"]
    assert rows and all(r["url"].startswith("https://tuoitre.vn/nld/") for r in rows)
    con = sqlite3.connect(crawled["db_path"])
    try:
        aliases = {u for (u,) in con.execute("SELECT url FROM article_urls WHERE url LIKE 'https://nld.com.vn/%'")}
    finally:
        con.close()
    old = {a["data"]["url"] for a in sample_articles("nld.com.vn")}
    assert old <= aliases
    second = [p for _, p in crawled["second_requests"]]
    assert not [p for p in second if p.split("?")[0] in _article_paths("nld.com.vn")]


def test_outlets_record_their_last_successful_and_complete_crawl(crawled: dict[str, Any]) -> None:
    con = sqlite3.connect(crawled["db_path"])
    try:
        rows = con.execute("SELECT name, last_success_at, complete_crawl_at FROM outlets").fetchall()
    finally:
        con.close()
    assert set(OUTLETS) <= {name for name, success, _ in rows if success}
    complete = {name: at for name, _, at in rows if at}
    assert set(OUTLETS) <= set(complete)
    # the complete-crawl mark is the start of the crawl, so it precedes the end-of-run success time
    assert all(at <= success for name, success, at in rows if name in complete)


_SUMMARY = re.compile(r"new articles (\d+), duplicates (\d+), off-topic (\d+)")
_ARCHIVE_LINE = re.compile(
    r"archive: (\d+) relevant articles in \d+ stories, (\d+) duplicate copies linked, (\d+) off-topic"
)


def test_crawl_summary_is_the_final_state_of_the_archive(crawled: dict[str, Any]) -> None:
    """The summary counts what the run stored as the archive has it at the end (issue 15): an article
    stored as an original can become a copy when its original arrives later in the same run."""
    from storage.archive import Archive

    found = _SUMMARY.search(crawled["first"].stdout)
    assert found, crawled["first"].stdout
    archive = Archive(crawled["db"])
    try:
        counts = archive.counts()
    finally:
        archive.close()
    assert tuple(map(int, found.groups())) == (counts["relevant"], counts["duplicates"], counts["offtopic"])


def test_demo_has_an_archive_of_its_own_and_the_same_figures_every_time(tmp_path: Path) -> None:
    figures = []
    for attempt in ("one", "two"):  # two fresh archives: identical crawls must print identical figures
        data = tmp_path / attempt
        result = run_cli("demo", env={"XDG_DATA_HOME": str(data), "XDG_CACHE_HOME": str(tmp_path / f"cache-{attempt}")})
        assert result.returncode == 0, result.stderr[-2000:]
        demo_db = data / "newsmon" / "demo.sqlite3"
        assert demo_db.exists() and not (data / "newsmon" / "newsmon.sqlite3").exists()  # the real archive untouched
        assert f"--db {demo_db} search" in result.stdout  # says where, so the user can search it
        summary, archive_line = _SUMMARY.search(result.stdout), _ARCHIVE_LINE.search(result.stdout)
        assert summary and archive_line, result.stdout
        assert summary.groups() == archive_line.groups()
        figures.append(summary.groups())
    assert figures[0] == figures[1]
