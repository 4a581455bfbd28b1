"""`newsmon ingest` as a user runs it (issue 15): every line judged alone, bad lines named, exit codes."""

from __future__ import annotations

import codecs
import json
import subprocess
from pathlib import Path
from typing import Any

from storage.archive import Archive
from storage.models import CrawlRun
from tests.conftest import run_cli
from tests.crawler.test_ingest import windows_1258

GOOD = {"title": "Tiêu đề", "text": "Một đoạn văn về chuyển đổi số."}


def _record(n: int, **fields: object) -> bytes:
    return json.dumps({"url": f"https://example.vn/{n}.html", **GOOD, **fields}, ensure_ascii=False).encode()


def _stored(db_url: str) -> dict[str, dict[str, Any]]:
    """The archive's articles by URL, read in-process (a child process per check is slow)."""
    archive = Archive(db_url)
    try:
        return {row["url"]: row for row in archive.iter_export(include_all=True)}
    finally:
        archive.close()


def _runs(db_url: str) -> list[CrawlRun]:
    archive = Archive(db_url)
    try:
        return archive.runs()
    finally:
        archive.close()


def _clean(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr


def test_bad_fields_are_named_and_every_good_line_is_stored(tmp_path: Path, db_url: str) -> None:
    lines = [
        _record(1),
        _record(2, authors=5),
        _record(3, outlet=["dantri.com.vn"]),
        _record(4, section={"name": "x"}),
        b"[" * 100_000,
        b"{broken",
        _record(7, authors="Nguyễn An"),
        windows_1258(_record(8, title="Việt Nam chuyển đổi số").decode()),
        _record(9),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = run_cli("ingest", str(path), db=db_url)
    _clean(result)
    assert result.returncode == 0, result.stderr
    assert "errors 5" in result.stdout
    assert (
        "ingest: 5 bad lines skipped: 2 (authors: expected a list of strings, got a number), "
        "3 (outlet: expected a string, got a list), 4 (section: expected a string, got an object), "
        "5 (not JSON: nested too deeply), 6 (not JSON: Expecting property name enclosed in double quotes at column 2)"
    ) in result.stderr
    assert "ingest: not UTF-8, read as windows-1258: line 8" in result.stderr
    stored = _stored(db_url)
    assert set(stored) == {f"https://example.vn/{n}.html" for n in (1, 7, 8, 9)}
    assert stored["https://example.vn/7.html"]["authors"] == ["Nguyễn An"]
    assert stored["https://example.vn/8.html"]["title"] == "Việt Nam chuyển đổi số"
    (run,) = _runs(db_url)
    assert run.status == "completed" and run.errors == 5 and run.finished_at is not None


def test_utf16_utf32_and_bom_files_are_read_whole(tmp_path: Path, db_url: str) -> None:
    text = (_record(1) + b"\n" + _record(2, title="Hai") + b"\n").decode()
    files = {
        "bom8.jsonl": codecs.BOM_UTF8 + text.encode(),
        "utf16.jsonl": codecs.BOM_UTF16_LE + text.replace("example.vn", "b.vn").encode("utf-16-le"),
        "utf32.jsonl": codecs.BOM_UTF32_BE + text.replace("example.vn", "c.vn").encode("utf-32-be"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        result = run_cli("ingest", str(tmp_path / name), db=db_url)
        _clean(result)
        assert result.returncode == 0 and "errors 0" in result.stdout, (name, result.stderr)
    assert len(_stored(db_url)) == 6


def test_unreadable_input_exits_2_and_creates_no_archive(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    for target, needle in [
        (tmp_path / "missing.jsonl", "cannot read"),
        (tmp_path, "Is a directory"),
    ]:
        result = run_cli("ingest", str(target), db=f"sqlite:///{db}")
        _clean(result)
        assert result.returncode == 2 and needle in result.stderr
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("newsmon: error: ")
    assert not db.exists()


def test_a_file_without_one_record_exits_2(tmp_path: Path, db_url: str) -> None:
    image = tmp_path / "photo.jpg"
    image.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)) * 8)
    result = run_cli("ingest", str(image), db=db_url)
    _clean(result)
    assert result.returncode == 2
    assert "bad line" in result.stderr and f"newsmon: error: no valid record in {image}" in result.stderr
    (run,) = _runs(db_url)
    assert run.status == "completed" and run.new_articles == 0 and run.errors >= 1


def test_an_empty_file_is_zero_records(tmp_path: Path, db_url: str) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    result = run_cli("ingest", str(empty), db=db_url)
    assert result.returncode == 0 and "new articles 0" in result.stdout and "errors 0" in result.stdout
