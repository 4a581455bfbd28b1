"""The `newsmon` command: crawl, demo, schedule, and query the archive.

Exit codes (the same for every command, so cron and systemd can act on them):
0 done (a crawl completed, even if some pages failed; or nothing was due), 1 a crawl failed or was
interrupted, 2 bad input (options, config, database path), 3 skipped because another run holds the
outlets' leases, 70 internal error.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from newsmon.core import __version__
from newsmon.core.time import LOCAL_TZ

EXIT_RUN_FAILED = 1
EXIT_USAGE = 2
EXIT_SKIPPED = 3
EXIT_INTERNAL = 70


class UserError(click.ClickException):
    """One clear line and a non-zero exit, never a traceback."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        click.echo(f"newsmon: error: {self.format_message()}", err=True)


# ---- shared state --------------------------------------------------------------------------------
class App:
    def __init__(self, db: str | None, config_path: str | None, debug: bool) -> None:
        self.db_option = db
        self.config_path = config_path
        self.debug = debug
        self._config: Any = None
        self._archive: Any = None

    @property
    def config(self):  # type: ignore[no-untyped-def]
        if self._config is None:
            from newsmon.cli.config import ConfigError, load_config

            try:
                self._config = load_config(self.config_path)
            except ConfigError as exc:
                raise UserError(str(exc)) from None
        return self._config

    @property
    def db_url(self) -> str:
        from storage.db import default_db_url, normalize_db_url

        return normalize_db_url(self.db_option or self.config.db or default_db_url())

    def archive(self):  # type: ignore[no-untyped-def]
        if self._archive is None:
            from storage.archive import Archive
            from storage.db import DatabaseError

            try:
                self._archive = Archive(self.db_url)
            except DatabaseError as exc:
                raise UserError(str(exc)) from None
        return self._archive

    def registry(self):  # type: ignore[no-untyped-def]
        from crawler.outlets.registry import ProfileError, Registry

        try:
            return Registry.builtin(self.config.outlets)
        except ProfileError as exc:
            raise UserError(str(exc)) from None

    def topics(self):  # type: ignore[no-untyped-def]
        from crawler.relevance.topics import TopicQueryError, load_topics

        try:
            return load_topics(self.config.topics)
        except (TopicQueryError, OSError, ValueError) as exc:
            raise UserError(f"topics: {exc}") from None


pass_app = click.make_pass_decorator(App)


def _parse_day(value: str | None, *, end: bool = False) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise UserError(f"not a date: {value!r} (use YYYY-MM-DD or an ISO date-time)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=LOCAL_TZ)
        if end and len(value) <= 10:
            parsed = parsed.replace(hour=23, minute=59, second=59)
    return parsed


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="NEWSMON_DB", help="Archive database URL or SQLite file [default: see README].")
@click.option("--config", "config_path", envvar="NEWSMON_CONFIG", help="Config file (TOML).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.version_option(__version__, prog_name="newsmon")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: str | None, debug: bool) -> None:
    """Monitor Vietnamese news for e-government award and ranking stories."""
    ctx.obj = App(db, config_path, debug)
    handler = logging.StreamHandler()
    handler.setLevel(logging.DEBUG if debug else logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler])


# ---- crawling ------------------------------------------------------------------------------------
def _select_outlets(app: App, names: Iterable[str], groups: Iterable[str] = ()) -> list[Any]:
    """Outlets by name and by config group (`[groups]`), in order, once each; none given: all of them."""
    registry = app.registry()
    names = list(names)
    for group in groups:
        if group not in app.config.groups:
            known = ", ".join(sorted(app.config.groups)) or "none defined; add [groups] to the config file"
            raise UserError(f"unknown group {group!r}; known: {known}")
        names.extend(app.config.groups[group])
    if not names:
        return list(registry)
    try:
        return list({p.name: p for p in (registry.get(n) for n in names)}.values())
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None


def _log_file(app: App, explicit: str | None, name: str) -> Path | None:
    """The explicit --log-file, else `<log_dir>/<name>`; None when the folder cannot be made (never fatal)."""
    from newsmon.core.logs import default_log_dir

    path = Path(explicit) if explicit else (app.config.log_dir or default_log_dir()) / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        click.echo(f"newsmon: warning: no log file: cannot create {path.parent}: {exc.strerror}", err=True)
        return None
    return path


def _crawl(
    app: App,
    outlets: list[Any],
    mirror: str | None,
    since: datetime | None,
    max_articles: int | None,
    trigger: str,
    log_file: str | None,
    **extra: Any,
) -> Any:
    from crawler.run.runner import CrawlOptions, run_crawl

    options = CrawlOptions(
        outlets=outlets,
        registry=app.registry(),
        topics=app.topics(),
        mirror=mirror,
        since=since,
        max_articles=max_articles,
        trigger=trigger,
        log_file=log_file,
        progress=sys.stderr.isatty() and trigger not in ("schedule", "cron"),
        search_queries=app.config.search_queries,
        policy=app.config.health,
        **extra,
    )
    return run_crawl(app.archive(), options)


@cli.command()
@click.option("--outlet", "outlets", multiple=True, help="Outlet to crawl (repeat); default: all.")
@click.option("--group", "groups", multiple=True, help="A group of outlets from the config's [groups] (repeat).")
@click.option("--mirror", envvar="NEWSMON_MIRROR", help="Route every outlet request to this mirror.")
@click.option("--since", help="Skip articles published before this date (YYYY-MM-DD).")
@click.option("--max-articles", type=click.IntRange(min=1), help="Fetch at most N new articles.")
@click.option(
    "--trigger",
    type=click.Choice(["manual", "cron", "schedule"]),
    default=None,
    help="Who started the run [default: manual on a terminal, cron otherwise].",
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False),
    help="Write the crawl log to this file [default without a terminal: <log_dir>/newsmon.log].",
)
@click.option("--wait", type=click.FloatRange(min=0), default=0, help="Seconds to wait for outlets another run holds.")
@click.option("--force", is_flag=True, help="Crawl backed-off (failing) outlets too.")
@click.option("--adaptive", is_flag=True, help="Crawl only the outlets whose adaptive polling interval is due.")
@pass_app
def crawl(
    app: App,
    outlets: tuple[str, ...],
    groups: tuple[str, ...],
    mirror: str | None,
    since: str | None,
    max_articles: int | None,
    trigger: str | None,
    log_file: str | None,
    wait: float,
    force: bool,
    adaptive: bool,
) -> None:
    """Crawl the outlets once and store what is new.

    Safe from cron: no progress display and a rotating key=value log file without a terminal.
    Exit codes: 0 completed (or nothing due), 1 failed or interrupted, 2 bad input, 3 skipped because
    another run holds the outlets, 70 internal error.
    """
    from newsmon.core.logs import configure

    selected = _select_outlets(app, outlets, groups)
    since_day = _parse_day(since)
    trigger = trigger or ("manual" if sys.stdin.isatty() else "cron")
    unattended = trigger in ("cron", "schedule") or not sys.stderr.isatty()
    file = _log_file(app, log_file, "newsmon.log") if (log_file or unattended) else None
    configure(logging.DEBUG if app.debug else logging.WARNING, file)
    outcome = _crawl(
        app,
        selected,
        mirror or app.config.mirror,
        since_day,
        max_articles,
        trigger,
        log_file,
        force=force,
        due_only=adaptive,
        wait=wait,
    )
    click.echo(outcome.summary())
    if outcome.status == "skipped":
        sys.exit(EXIT_SKIPPED)
    if outcome.status not in ("completed", "idle"):
        sys.exit(EXIT_RUN_FAILED)


@cli.command()
@click.option("--port", type=int, default=0, help="Port of the mock outlets [default: any free port].")
@click.option("--max-articles", type=click.IntRange(min=1), help="Fetch at most N articles.")
@pass_app
def demo(app: App, port: int, max_articles: int | None) -> None:
    """Crawl the bundled mock outlets (offline) into the archive and show what was stored."""
    from samples.server import serving

    with serving(port) as base_url:
        click.echo(f"mock outlets serving on {base_url}; archive: {app.db_url}")
        outlets = [p for p in app.registry() if p.name in _sample_domains()]
        outcome = _crawl(app, outlets, str(base_url), None, max_articles, "demo", None, force=True)
    click.echo(outcome.summary())
    counts = app.archive().counts()
    click.echo(
        f"archive: {counts['relevant']} relevant articles in {counts['stories']} stories, "
        f"{counts['duplicates']} duplicate copies linked, {counts['offtopic']} off-topic pages remembered"
    )
    rows = app.archive().search(limit=8)
    if rows:
        click.echo("latest relevant articles:")
        for row in rows:
            click.echo(f"  [{row['id']}] {(row['published'] or '')[:16]:16}  {row['outlet']:15} {row['title']}")
    click.echo('try: newsmon search "chính quyền số"   or   newsmon search "asocio" --format json')
    if outcome.status != "completed":
        sys.exit(EXIT_RUN_FAILED)


def _sample_domains() -> set[str]:
    from samples.server import ROOT as SITES_DIR

    return {p.name for p in SITES_DIR.iterdir() if p.is_dir()}


@cli.group()
def samples() -> None:
    """The bundled mock outlets."""


@samples.command("serve")
@click.option("--port", type=int, default=8000, show_default=True)
def samples_serve(port: int) -> None:
    """Serve the mock outlets on 127.0.0.1 (use with crawl --mirror http://127.0.0.1:PORT)."""
    from samples.server import main as serve_main

    click.echo(f"serving the mock outlets on http://127.0.0.1:{port} (Ctrl-C to stop)")
    try:
        serve_main(port)
    except OSError as exc:
        raise UserError(f"cannot serve on port {port}: {exc.strerror}") from None
    except KeyboardInterrupt:
        pass


@cli.command()
@click.option("--check", "check_name", metavar="NAME", help="Fetch a sample of NAME's sources and articles; report.")
@click.option("--mirror", envvar="NEWSMON_MIRROR", help="With --check: route requests to this mirror.")
@pass_app
def sources(app: App, check_name: str | None, mirror: str | None) -> None:
    """List the outlets and how each is discovered."""
    if check_name:
        from crawler.check import check_outlet, format_report

        try:
            profile = app.registry().get(check_name)
        except KeyError as exc:
            raise UserError(str(exc.args[0])) from None
        mirror = mirror or app.config.mirror
        report = check_outlet(profile, mirror, app.config.search_queries or None)
        for line in format_report(report, mirror):
            click.echo(line)
        if not report.ok:
            sys.exit(EXIT_RUN_FAILED)
        return
    for profile in app.registry():
        family = f" [{profile.family}]" if profile.family else ""
        click.echo(f"{profile.name:22} {profile.display_name:20} {', '.join(profile.discovery)}{family}")
        for kind, urls in (("feed", profile.feeds), ("sitemap", profile.sitemaps), ("section", profile.sections)):
            for url in urls:
                click.echo(f"    {kind:8} {url}")
        if profile.search:
            click.echo(f"    {'search':8} {profile.search}")


# ---- offline extraction ----------------------------------------------------------------------------
def _print_record(article: Any, as_json: bool) -> None:
    record = article.to_json()
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    for key in (
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
    ):
        value = record.get(key)
        if value not in (None, [], ""):
            click.echo(f"{key:19} {', '.join(value) if isinstance(value, list) else value}")
    if record.get("lead"):
        click.echo(f"\n{record['lead']}")
    for paragraph in record["body"]:
        click.echo(f"\n{paragraph}")
    for caption in record["captions"]:
        click.echo(f"\n[caption] {caption}")


def _read_file(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None


@cli.command()
@click.argument("file")
@click.option("--url", required=True, help="The page's real URL (chooses the outlet profile).")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@pass_app
def extract(app: App, file: str, url: str, as_json: bool) -> None:
    """Extract and clean one saved HTML page."""
    from crawler.clean.textclean import finalize
    from crawler.extract.page import extract_page

    body = _read_file(file)
    profile = app.registry().for_url(url)
    page = extract_page(body, url, profile=profile)
    _print_record(finalize(page), as_json)


@cli.command()
@click.argument("file")
@click.option("--url", help="The page's URL, if known.")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
def clean(file: str, url: str | None, as_json: bool) -> None:
    """Clean a plain-text rendering of a page into an article record."""
    from crawler.clean.textclean import clean_text

    raw = _read_file(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{file} is not UTF-8 text") from None
    _print_record(clean_text(text, url=url), as_json)


@cli.command()
@click.argument("file")
@pass_app
def ingest(app: App, file: str) -> None:
    """Push JSON-lines records through relevance, dedup and store, as a crawl would."""
    from crawler.ingest import IngestError, ingest_lines

    archive = app.archive()
    try:
        with open(file, encoding="utf-8") as handle:
            outcomes, errors = ingest_lines(handle, archive, app.topics())
    except OSError as exc:
        raise UserError(f"cannot read {file}: {exc.strerror}") from None
    except IngestError as exc:
        raise UserError(str(exc)) from None
    for error in errors[:20]:
        click.echo(f"skipped: {error}", err=True)
    click.echo(
        f"ingested: new articles {outcomes['new']}, duplicates {outcomes['duplicate']}, "
        f"off-topic {outcomes['offtopic']}, updated {outcomes['updated']}, unchanged {outcomes['unchanged']}, "
        f"errors {outcomes['error']}"
    )


# ---- querying ------------------------------------------------------------------------------------
def _emit(rows: list[dict], fmt: str, out: Any = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        _write_csv(rows, out)
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


def _write_csv(rows: Iterable[dict], out: Any) -> None:
    writer: csv.DictWriter | None = None
    for row in rows:
        flat = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)


@cli.command()
@click.argument("query", required=False)
@click.option("--outlet", "outlets", multiple=True)
@click.option("--since", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY-MM-DD).")
@click.option("--all", "include_all", is_flag=True, help="Include off-topic pages and duplicate copies.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table")
@pass_app
def search(
    app: App,
    query: str | None,
    outlets: tuple[str, ...],
    since: str | None,
    until: str | None,
    include_all: bool,
    limit: int,
    fmt: str,
) -> None:
    """Search the archive (with or without Vietnamese diacritics)."""
    from storage.search import SearchQueryError

    names = [p.name for p in _select_outlets(app, outlets)] if outlets else None
    try:
        rows = app.archive().search(
            query,
            outlets=names,
            since=_parse_day(since),
            until=_parse_day(until, end=True),
            include_all=include_all,
            limit=limit,
        )
    except SearchQueryError as exc:
        raise UserError(str(exc)) from None
    _emit(rows, fmt)


@cli.command()
@click.argument("ident")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def show(app: App, ident: str, as_json: bool) -> None:
    """Show one article by id or URL, with the other copies of its story."""
    data = app.archive().get(ident)
    if data is None:
        raise UserError(f"no article {ident!r} in the archive")
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
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


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False), help="Output file [default: standard output].")
@click.option("--all", "include_all", is_flag=True, help="Include off-topic pages and duplicate copies.")
@pass_app
def export(app: App, fmt: str, out: str | None, include_all: bool) -> None:
    """Export the archive's articles."""
    rows = app.archive().iter_export(include_all=include_all)
    handle = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout  # noqa: SIM115
    try:
        if fmt == "csv":
            _write_csv(rows, handle)
        else:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if out:
            handle.close()


@cli.command()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def runs(app: App, limit: int, as_json: bool) -> None:
    """History of crawl runs with their counts and errors."""
    archive = app.archive()
    rows = archive.runs(limit)
    unhealthy = [o for o in archive.outlet_health() if _health_word(o) not in ("ok", "never run")]
    if as_json:
        click.echo(json.dumps([_run_dict(r) for r in rows], ensure_ascii=False, indent=2))
        return
    for outlet in unhealthy:
        click.echo(f"UNHEALTHY {outlet.name}: {_health_line(outlet)}")
    if not rows:
        click.echo("no runs yet")
    for run in rows:
        started = run.started_at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
        reason = f" ({run.finish_reason})" if run.finish_reason and run.finish_reason != "finished" else ""
        click.echo(
            f"run {run.id:<5} {started} {run.trigger:8} {run.status:11} pages {run.pages_fetched:<5} "
            f"new {run.new_articles:<4} dup {run.duplicates:<4} off-topic {run.offtopic:<4} errors {run.errors}{reason}"
        )
        for error in run.error_log[:3]:
            click.echo(f"      ! {error}")


def _health_word(outlet: Any) -> str:
    from newsmon.core.time import utcnow

    if outlet.backoff_until and outlet.backoff_until > utcnow():
        return "backed off"
    if outlet.consecutive_failures:
        return "failing"
    return "ok" if outlet.last_success_at else "never run"


def _health_line(outlet: Any) -> str:
    parts = [_health_word(outlet)]
    if outlet.consecutive_failures:
        parts.append(f"{outlet.consecutive_failures} failed run(s) in a row")
    if outlet.backoff_until and _health_word(outlet) == "backed off":
        parts.append(f"backed off until {_fmt_time(outlet.backoff_until)}")
    parts.append(f"last success {_fmt_time(outlet.last_success_at)}")
    if outlet.consecutive_failures and outlet.last_error:
        parts.append(f"last error: {outlet.last_error}")
    return "; ".join(parts)


def _outlet_dict(outlet: Any, lease: Any) -> dict:
    def iso(value: datetime | None) -> str | None:
        return value.astimezone(LOCAL_TZ).isoformat() if value else None

    return {
        "outlet": outlet.name,
        "health": _health_word(outlet),
        "last_success_at": iso(outlet.last_success_at),
        "last_failure_at": iso(outlet.last_failure_at),
        "consecutive_failures": outlet.consecutive_failures,
        "last_error": outlet.last_error,
        "backoff_until": iso(outlet.backoff_until),
        "poll_interval_s": outlet.poll_interval_s,
        "next_due_at": iso(outlet.next_due_at),
        "crawling_now": lease.holder if lease else None,
    }


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@pass_app
def status(app: App, as_json: bool) -> None:
    """Health at a glance: scheduled jobs and their next runs, each outlet's last success, failures, backoff."""
    from scheduler.daemon import list_jobs
    from storage.leases import Leases

    archive = app.archive()
    jobs = list_jobs(archive)
    leases = {lease.name.removeprefix("outlet:"): lease for lease in Leases(archive.engine).held()}
    known = {p.name for p in app.registry()}
    outlets = [o for o in archive.outlet_health() if o.name in known or o.last_success_at or o.last_failure_at]
    if as_json:
        data = {
            "jobs": [
                {
                    "id": j.id,
                    "cron": j.cron,
                    "outlets": j.outlets,
                    "groups": j.groups,
                    "adaptive": j.adaptive,
                    "next_run": j.next_run and j.next_run.isoformat(),
                }
                for j in jobs
            ],
            "outlets": [_outlet_dict(o, leases.get(o.name)) for o in outlets],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo("scheduled jobs:" if jobs else "scheduled jobs: none (see `newsmon schedule add`)")
    for job in jobs:
        click.echo(f"  {job.id}  {job.cron:15}  next {_fmt_time(job.next_run)}  {job.target}")
    click.echo("outlets:" if outlets else "outlets: none crawled yet")
    for outlet in outlets:
        poll = f"poll every {outlet.poll_interval_s}s, next due {_fmt_time(outlet.next_due_at)}"
        click.echo(f"  {outlet.name:24} {_health_line(outlet)}; {poll}")
        if outlet.name in leases:
            click.echo(f"      crawling now: {leases[outlet.name].holder}")


def _run_dict(run: Any) -> dict:
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


# ---- scheduling --------------------------------------------------------------------------------------
@cli.group()
def schedule() -> None:
    """Scheduled crawls (run by `newsmon daemon`)."""


@schedule.command("add")
@click.option("--cron", required=True, help='Cron expression, e.g. "*/30 * * * *" (Asia/Ho_Chi_Minh time).')
@click.option("--outlet", "outlets", multiple=True, help="Outlet to crawl (repeat); default: all.")
@click.option("--group", "groups", multiple=True, help="A group from the config's [groups] (repeat).")
@click.option("--adaptive", is_flag=True, help="Each run crawls only the outlets due by their polling interval.")
@click.option("--jitter", type=click.IntRange(min=0), help="Random delay of up to N seconds per run.")
@click.option(
    "--misfire-grace",
    type=click.IntRange(min=1),
    help="Seconds a missed run may still start late [default: 900]; missed runs are coalesced into one.",
)
@click.option(
    "--time-limit",
    type=click.IntRange(min=10),
    default=3600,
    show_default=True,
    help="Seconds a run may take before it is stopped.",
)
@pass_app
def schedule_add(
    app: App,
    cron: str,
    outlets: tuple[str, ...],
    groups: tuple[str, ...],
    adaptive: bool,
    jitter: int | None,
    misfire_grace: int | None,
    time_limit: int,
) -> None:
    """Add a scheduled crawl of some outlets, groups, or all outlets."""
    from scheduler.daemon import ScheduleError, add_job, parse_cron

    try:
        parse_cron(cron)  # bad input first: before the config and the database are touched
    except ScheduleError as exc:
        raise UserError(str(exc)) from None
    names = [p.name for p in _select_outlets(app, outlets)] if outlets else []
    _select_outlets(app, (), groups)  # an unknown group (or outlet in it) is an error now, not at 3 a.m.
    try:
        job = add_job(
            app.archive(),
            cron,
            names,
            jitter=jitter,
            time_limit=time_limit,
            groups=list(groups),
            adaptive=adaptive,
            misfire_grace=misfire_grace,
        )
    except ScheduleError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"added job {job.id}: {cron} {job.target}; next run {_fmt_time(job.next_run)}")


@schedule.command("list")
@pass_app
def schedule_list(app: App) -> None:
    from scheduler.daemon import list_jobs

    jobs = list_jobs(app.archive())
    if not jobs:
        click.echo("no scheduled jobs")
    for job in jobs:
        click.echo(f"{job.id}  {job.cron:15}  next {_fmt_time(job.next_run)}  {job.target}")


@schedule.command("remove")
@click.argument("job_id")
@pass_app
def schedule_remove(app: App, job_id: str) -> None:
    from scheduler.daemon import ScheduleError, remove_job

    try:
        remove_job(app.archive(), job_id)
    except ScheduleError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"removed job {job_id}")


def _fmt_time(value: datetime | None) -> str:
    return value.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M:%S %Z") if value else "-"


@cli.command()
@click.option(
    "--log-file", type=click.Path(dir_okay=False), help="Log file [default: <log_dir>/daemon.log, rotated]."
)
@pass_app
def daemon(app: App, log_file: str | None) -> None:
    """Run the schedule in the foreground until SIGTERM/SIGINT (each crawl in a child process)."""
    from newsmon.core.logs import configure
    from scheduler.daemon import run_daemon

    archive = app.archive()
    level = logging.DEBUG if app.debug else logging.INFO
    configure(level, _log_file(app, log_file, "daemon.log"), structured_console=True)
    run_daemon(archive, app.config.path and str(app.config.path))


def main() -> None:
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # an internal error: one line, unless --debug asks for the traceback
        if debug or os.environ.get("NEWSMON_DEBUG"):
            raise
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):  # e.g. still locked after the busy timeout, disk full, read-only
            click.echo(f"newsmon: database error: {exc.orig} (rerun with --debug for details)", err=True)
            sys.exit(EXIT_INTERNAL)
        message = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        click.echo(f"newsmon: internal error: {message} (rerun with --debug for details)", err=True)
        sys.exit(EXIT_INTERNAL)
