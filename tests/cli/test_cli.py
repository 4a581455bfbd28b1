"""Bad user input gets one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from storage.archive import Archive
from tests.conftest import run_cli


def assert_clean_failure(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    assert needle in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["crawl", "--outlet", "nosuchpaper"], "unknown outlet"),
        (["schedule", "add", "--cron", "61 * * * *"], "invalid cron expression"),
        (["schedule", "add", "--cron", "every day"], "invalid cron expression"),
        (["search", '"unclosed'], "cannot read the query"),
        (["search", "x", "--since", "yesterday"], "not a date"),
        (["show", "999"], "no article"),
        (["extract", "/nonexistent.html", "--url", "https://dantri.com.vn/a.htm"], "cannot read"),
        (["ingest", "/nonexistent.jsonl"], "cannot read"),
    ],
)
def test_bad_input_is_one_clear_line(archive: Archive, db_url: str, args: list[str], needle: str) -> None:
    assert_clean_failure(run_cli(*args, db=db_url), needle)


def test_malformed_config_is_one_clear_line(tmp_path: Path, db_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text("db = [unclosed\n")
    assert_clean_failure(run_cli("--config", str(config), "sources", db=db_url), "not valid TOML")
    config.write_text('[[outlet]]\nname = "example.vn"\n')
    assert_clean_failure(run_cli("--config", str(config), "sources", db=db_url), "needs at least one feed")
    assert_clean_failure(run_cli("--config", str(tmp_path / "missing.toml"), "sources", db=db_url), "does not exist")


def test_unusable_database_path_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert_clean_failure(run_cli("db", "init", db=f"sqlite:///{blocker}/sub/db.sqlite3"), "cannot create the database folder")
    assert_clean_failure(run_cli("runs", db=f"sqlite:///{blocker}/sub/db.sqlite3"), "no archive at")


def test_user_outlet_from_config_is_listed(tmp_path: Path, db_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[[outlet]]\nname = "example.vn"\ndisplay_name = "Example"\nfeeds = ["https://example.vn/rss"]\n')
    result = run_cli("--config", str(config), "sources", db=db_url)
    assert result.returncode == 0
    assert "example.vn" in result.stdout and "dantri.com.vn" in result.stdout


def test_ingest_runs_relevance_dedup_and_store(tmp_path: Path, db_url: str) -> None:
    body = [
        "Tại hội nghị thượng đỉnh ASOCIO tổ chức ở Seoul, TPHCM nhận giải thưởng Chính phủ số xuất sắc năm 2023 của tổ chức này.",
        "Thành phố được đánh giá cao nhờ cổng dịch vụ công trực tuyến và tổng đài tiếp nhận phản ánh 1022 của người dân.",
    ]
    records = [
        {
            "url": "https://dantri.com.vn/a-20231115093012345.htm",
            "title": "TPHCM nhận giải Chính phủ số xuất sắc ASOCIO",
            "body": body,
            "outlet": "dantri.com.vn",
            "published": "2023-11-15T09:30:00+07:00",
        },
        {
            "url": "https://tuoitre.vn/b-20231115100000000.htm",
            "title": "TPHCM đoạt giải ASOCIO",
            "text": "\n".join(body),
            "outlet": "tuoitre.vn",
        },
        {
            "url": "https://vnexpress.net/mua-4690002.html",
            "title": "Mưa lớn ở Hà Nội",
            "text": "Mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu vào chiều tối qua.",
        },
        {"title": "no url"},
        "not an object",
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n{broken\n", encoding="utf-8")
    result = run_cli("ingest", str(path), db=db_url)
    assert result.returncode == 0, result.stderr
    assert "new articles 1, duplicates 1, off-topic 1" in result.stdout
    assert "errors 3" in result.stdout
    rows = json.loads(run_cli("search", "--all", "--format", "json", db=db_url).stdout)
    assert len(rows) == 3
    copy = next(r for r in rows if r["url"].startswith("https://tuoitre.vn"))
    original = next(r for r in rows if r["url"].startswith("https://dantri.com.vn"))
    assert copy["duplicate_of"] == original["id"] and copy["story_id"] == original["story_id"]
    again = run_cli("ingest", str(path), db=db_url)
    assert "new articles 0, duplicates 0, off-topic 0" in again.stdout and "unchanged 3" in again.stdout


def test_sources_lists_discovery_methods(db_url: str) -> None:
    result = run_cli("sources", db=db_url)
    assert result.returncode == 0
    for name in ("dantri.com.vn", "vnexpress.net", "tuoitre.vn"):
        assert name in result.stdout
    assert "feed" in result.stdout and "sitemap" in result.stdout and "section" in result.stdout
