"""How the commands print: article records, result tables, JSON, JSON lines, CSV, runs and health.

Nothing here reads the archive or the network; the commands hand over what they fetched.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

import click

from crawler.run.health import is_backed_off
from newsmon.core.records import Article
from newsmon.core.time import LOCAL_TZ, utcnow
from storage.leases import LeaseInfo
from storage.models import CrawlRun, Outlet

if TYPE_CHECKING:  # a type only: the scheduler (APScheduler) is not loaded for `search` or `show`
    from scheduler.store import ScheduledJob

Row = dict[str, Any]


# ---- time ------------------------------------------------------------------------------------------
# Every time a command prints (text, JSON, CSV) is in the outlets' zone with its offset, one form:
# ISO 8601, "2023-11-15T09:30:00+07:00" in data and "2023-11-15 09:30:00+07:00" in text.
def fmt_time(value: datetime | None, timespec: str = "seconds") -> str:
    return value.astimezone(LOCAL_TZ).isoformat(sep=" ", timespec=timespec) if value else "-"


def local_iso(value: datetime | None) -> str | None:
    return value.astimezone(LOCAL_TZ).isoformat() if value else None


# The time fields of an article row (storage.queries.row_dict gives them as ISO strings).
_ROW_TIMES = ("published", "first_seen")


def local_row(row: Row) -> Row:
    """An article row with its times in local time (a date-only `published` stays a date)."""
    times: Row = {key: _local_text(row[key]) for key in _ROW_TIMES if isinstance(row.get(key), str)}
    copies = row.get("story_copies")
    if isinstance(copies, list):
        times["story_copies"] = [local_row(c) if isinstance(c, dict) else c for c in copies]
    return {**row, **times} if times else row


def _local_text(value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    return parsed.astimezone(LOCAL_TZ).isoformat() if parsed.tzinfo else value


def text_time(value: str | None) -> str:
    """A row's ISO time for a table: "2023-11-15 09:30+07:00", a date as it is, or "-"."""
    if not value:
        return "-"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    return fmt_time(parsed, "minutes") if parsed.tzinfo else value


def shown(value: object) -> str:
    """A field for text output: absent (None, empty) is "-", never Python's "None"."""
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


# ---- JSON, JSON lines, CSV -------------------------------------------------------------------------
def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def write_jsonl(rows: Iterable[Row], out: IO[str]) -> None:
    for row in rows:
        out.write(json.dumps(local_row(row), ensure_ascii=False) + "\n")


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with one of these.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: lists and dicts as JSON; text that would start a formula gets a leading
    apostrophe, as OWASP advises, so a spreadsheet shows it as text (JSON output keeps it as stored)."""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(rows: Iterable[Row], out: IO[str]) -> None:
    """One header from the first row's keys; lists and dicts as JSON in their cell; formulas defused."""
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = {k: csv_cell(v) for k, v in local_row(row).items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)


# ---- articles --------------------------------------------------------------------------------------
_RECORD_FIELDS = (
    "title",
    "outlet",
    "published",
    "authors",
    "language",
    "section",
    "tags",
    "source_attribution",
    "url",
    "canonical_url",
)


def print_record(article: Article, as_json: bool) -> None:
    """An extracted or cleaned record: its fields, then lead, body and captions (or all as JSON)."""
    record = local_row(article.to_json())
    if as_json:
        print_json(record)
        return
    for key in _RECORD_FIELDS:
        value = record.get(key)
        if value not in (None, [], ""):
            click.echo(f"{key:19} {text_time(value) if key == 'published' else shown(value)}")
    if record.get("lead"):
        click.echo(f"\n{record['lead']}")
    for paragraph in record["body"]:
        click.echo(f"\n{paragraph}")
    for caption in record["captions"]:
        click.echo(f"\n[caption] {caption}")


def emit_rows(rows: list[Row], fmt: str, out: IO[str] | None = None) -> None:
    """Search results as a table (two lines per article), JSON, JSON lines or CSV."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps([local_row(r) for r in rows], ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        write_jsonl(rows, out)
    elif fmt == "csv":
        write_csv(rows, out)
    else:
        for row in rows:
            dup = f" (copy of {row['duplicate_of']})" if row.get("duplicate_of") else ""
            mark = "" if row.get("relevant") else " [off-topic]"
            out.write(
                f"[{row['id']}] {text_time(row['published']):22} {shown(row['outlet']):15} "
                f"{row['title']}{dup}{mark}\n      {row['url']}\n"
            )
        if not rows:
            out.write("no matching articles\n")


def preview_line(row: Row) -> str:
    """One search row in a line, as `newsmon demo` lists the latest articles."""
    return f"  [{row['id']}] {text_time(row['published']):22}  {shown(row['outlet']):15} {row['title']}"


def print_article(data: Row) -> None:
    """One stored article (Archive.get) with the other copies of its story; absent fields show "-"."""
    click.echo(f"[{data['id']}] {data['title']}\n{data['url']}")
    click.echo(
        f"outlet {shown(data.get('outlet'))}  published {text_time(data.get('published'))}  "
        f"language {shown(data.get('language'))}  authors {shown(data.get('authors'))}  "
        f"relevant {data['relevant']} ({data.get('relevance_score') or 0:.2f})"
    )
    details = {key: data.get(key) for key in ("section", "tags", "source_attribution", "translated_from")}
    extra = "  ".join(f"{key.replace('_', ' ')} {shown(value)}" for key, value in details.items() if value)
    if extra:
        click.echo(extra)
    if data.get("lead"):
        click.echo(f"\n{data['lead']}")
    for paragraph in data.get("body") or []:
        click.echo(f"\n{paragraph}")
    if data.get("story_copies"):
        click.echo(f"\nstory {data['story_id']}, other copies:")
        for copy in data["story_copies"]:
            click.echo(f"  [{copy['id']}] {shown(copy.get('outlet'))} {copy['url']}")


# ---- runs, outlet health, jobs ---------------------------------------------------------------------
class Health(StrEnum):
    """An outlet's health in one word, as `runs` and `status` show it."""

    OK = "ok"
    NEVER_RUN = "never run"
    BACKED_OFF = "backed off"
    FAILING = "failing"


def health_of(outlet: Outlet) -> Health:
    if is_backed_off(outlet, utcnow()):  # the crawl's own rule
        return Health.BACKED_OFF
    if outlet.consecutive_failures:
        return Health.FAILING
    return Health.OK if outlet.last_success_at else Health.NEVER_RUN


def health_line(outlet: Outlet) -> str:
    health = health_of(outlet)
    parts = [str(health)]
    if outlet.consecutive_failures:
        parts.append(f"{outlet.consecutive_failures} failed run(s) in a row")
    if outlet.backoff_until and health is Health.BACKED_OFF:
        parts.append(f"backed off until {fmt_time(outlet.backoff_until)}")
    parts.append(f"last success {fmt_time(outlet.last_success_at)}")
    if outlet.consecutive_failures and outlet.last_error:
        parts.append(f"last error: {outlet.last_error}")
    return "; ".join(parts)


def outlet_dict(outlet: Outlet, lease: LeaseInfo | None) -> Row:
    return {
        "outlet": outlet.name,
        "health": health_of(outlet),
        "last_success_at": local_iso(outlet.last_success_at),
        "last_failure_at": local_iso(outlet.last_failure_at),
        "consecutive_failures": outlet.consecutive_failures,
        "last_error": outlet.last_error,
        "backoff_until": local_iso(outlet.backoff_until),
        "poll_interval_s": outlet.poll_interval_s,
        "next_due_at": local_iso(outlet.next_due_at),
        "crawling_now": lease.holder if lease else None,
    }


def run_line(run: CrawlRun) -> str:
    started = fmt_time(run.started_at, "minutes")
    reason = f" ({run.finish_reason})" if run.finish_reason and run.finish_reason != "finished" else ""
    return (
        f"run {run.id:<5} {started} {run.trigger:8} {run.status:11} pages {run.pages_fetched:<5} "
        f"new {run.new_articles:<4} dup {run.duplicates:<4} off-topic {run.offtopic:<4} errors {run.errors}{reason}"
    )


def run_dict(run: CrawlRun) -> Row:
    return {
        "id": run.id,
        "trigger": run.trigger,
        "status": run.status,
        "outlets": run.outlets,
        "started_at": local_iso(run.started_at),
        "finished_at": local_iso(run.finished_at),
        "pages_fetched": run.pages_fetched,
        "new_articles": run.new_articles,
        "duplicates": run.duplicates,
        "offtopic": run.offtopic,
        "errors": run.errors,
        "error_log": run.error_log,
        "finish_reason": run.finish_reason,
    }


def job_line(job: ScheduledJob) -> str:
    return f"{job.id}  {job.cron:15}  next {fmt_time(job.next_run)}  {job.target}"


def job_dict(job: ScheduledJob) -> Row:
    return {
        "id": job.id,
        "cron": job.cron,
        "outlets": job.outlets,
        "groups": job.groups,
        "adaptive": job.adaptive,
        "next_run": local_iso(job.next_run),
    }
