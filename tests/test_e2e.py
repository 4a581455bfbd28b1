"""End to end: the real Scrapy engine crawls the mock outlets over HTTP on 127.0.0.1 into a real SQLite file."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.e2e

SAMPLES = ROOT / "samples"
BOILERPLATE = re.compile(r"Tin liên quan|Bình luận|Xem thêm|ĐỌC NGAY|Đọc tiếp|Quảng cáo|Chia sẻ|Từ khoá|\(Dân trí\) -")


def sample_articles() -> list[dict[str, Any]]:
    out = []
    for path in sorted((SAMPLES / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        gold = json.loads((SAMPLES / "gold" / data["outlet"] / f"{data['id']}.json").read_text(encoding="utf-8"))
        out.append({"data": data, "gold": gold})
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, mirror: str, mock_server: Any) -> dict[str, Any]:
    """Two crawls of the unchanged mock into one archive, with the requests each one made."""
    db_path = tmp_path_factory.mktemp("e2e") / "archive.sqlite3"
    db = f"sqlite:///{db_path}"
    before = len(mock_server.request_log)
    first = run_cli("crawl", "--mirror", mirror, db=db)
    middle = len(mock_server.request_log)
    first_rows = _rows(db_path)
    second = run_cli("crawl", "--mirror", mirror, db=db)
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


def test_stored_records_match_gold(crawled: dict[str, Any]) -> None:
    rows = {r["url"]: r for r in crawled["first_rows"]}
    mismatches = []
    for sample in sample_articles():
        gold = sample["gold"]
        row = rows[gold["url"]]
        from datetime import datetime

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
    for (story, relation), members in groups.items():
        story_ids = {m["story_id"] for m in members}
        if relation == "independent_report":
            assert len(story_ids) == len(members), story
            assert all(m["duplicate_of"] is None for m in members), story
        else:
            assert len(story_ids) == 1, story
            assert sum(m["duplicate_of"] is None for m in members) == 1, story


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
