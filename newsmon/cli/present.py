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
    from scheduler.daemon import ScheduledJob

Row = dict[str, Any]


# ---- time ------------------------------------------------------------------------------------------
def fmt_time(value: datetime | None) -> str:
    return value.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M:%S %Z") if value else "-"


def local_iso(value: datetime | None) -> str | None:
    return value.astimezone(LOCAL_TZ).isoformat() if value else None


# ---- JSON, JSON lines, CSV -------------------------------------------------------------------------
def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def write_jsonl(rows: Iterable[Row], out: IO[str]) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(rows: Iterable[Row], out: IO[str]) -> None:
    """One header from the first row's keys; lists and dicts as JSON in their cell."""
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        flat = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in row.items()}
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
    record = article.to_json()
    if as_json:
        print_json(record)
        return
    for key in _RECORD_FIELDS:
        value = record.get(key)
        if value not in (None, [], ""):
            click.echo(f"{key:19} {', '.join(value) if isinstance(value, list) else value}")
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
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        write_jsonl(rows, out)
    elif fmt == "csv":
        write_csv(rows, out)
    else:
        for row in rows:
            dup = f" (copy of {row['duplicate_of']})" if row.get("duplicate_of") else ""
            mark = "" if row.get("relevant") else " [off-topic]"
            out.write(
                f"[{row['id']}] {(row['published'] or '-')[:16]:16} {row['outlet'] or '-':15} "
                f"{row['title']}{dup}{mark}\n      {row['url']}\n"
            )
        if not rows:
            out.write("no matching articles\n")


def preview_line(row: Row) -> str:
    """One search row in a line, as `newsmon demo` lists the latest articles."""
    return f"  [{row['id']}] {(row['published'] or '')[:16]:16}  {row['outlet']:15} {row['title']}"


def print_article(data: Row) -> None:
    """One stored article (Archive.get) with the other copies of its story."""
    click.echo(f"[{data['id']}] {data['title']}\n{data['url']}")
    click.echo(
        f"outlet {data['outlet']}  published {data['published']}  language {data['language']}  "
        f"authors {', '.join(data['authors']) or '-'}  relevant {data['relevant']} ({data['relevance_score']:.2f})"
    )
    if data["lead"]:
        click.echo(f"\n{data['lead']}")
    for paragraph in data["body"]:
        click.echo(f"\n{paragraph}")
    if data["story_copies"]:
        click.echo(f"\nstory {data['story_id']}, other copies:")
        for copy in data["story_copies"]:
            click.echo(f"  [{copy['id']}] {copy['outlet']} {copy['url']}")


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
    started = run.started_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
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
        "started_at": run.started_at.isoformat(),
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
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
        "next_run": job.next_run and job.next_run.isoformat(),
    }
