"""Crawling commands: `crawl`, `demo`, `samples serve`, `sources`."""

from __future__ import annotations

import logging
import shlex
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import click
from sqlalchemy.engine import make_url

from crawler.outlets.registry import OutletProfile
from crawler.run.runner import CrawlOptions, CrawlOutcome, run_crawl
from newsmon.cli.app import App, pass_app
from newsmon.cli.common import ExitCode, UserError
from newsmon.cli.inputs import parse_day
from newsmon.cli.present import preview_line
from newsmon.core.logs import configure
from newsmon.core.records import RunStatus, Trigger
from samples.server import ROOT as SITES_DIR
from samples.server import main as serve_main
from samples.server import serving
from storage.db import default_db_url

SYNTHETIC_MAX = 9_999_999  # samples.synthetic.generator.MAX_PAGES (a test keeps them equal)
_UNATTENDED = (Trigger.CRON, Trigger.SCHEDULE)  # no progress display; log to a file
DEMO_DB = "demo.sqlite3"  # beside the default archive, never in it: mock pages carry the outlets' real URLs


def check_mirror(mirror: str | None) -> str | None:
    """The mirror as given, if it is an http(s) URL with a host (and a valid port); else a UserError."""
    if mirror is None:
        return None
    try:
        parts = urlsplit(mirror.strip())
        ok = parts.scheme in ("http", "https") and bool(parts.hostname) and (parts.port or 1) > 0
    except ValueError:  # a port that is not a number or out of range
        ok = False
    if not ok:
        raise UserError(
            f"--mirror {mirror!r} is not an http:// or https:// URL with a host (e.g. http://127.0.0.1:8000)"
        )
    return mirror.strip()


def crawl_outlets(
    app: App,
    outlets: list[OutletProfile],
    mirror: str | None,
    since: datetime | None,
    max_articles: int | None,
    trigger: Trigger,
    *,
    force: bool = False,
    due_only: bool = False,
    wait: float = 0.0,
) -> CrawlOutcome:
    """One crawl run into the app's archive, with the config's topics, site-search queries and health policy."""
    options = CrawlOptions(
        outlets=outlets,
        registry=app.registry(),
        topics=app.topics(),
        mirror=mirror,
        since=since,
        max_articles=max_articles,
        trigger=trigger,
        progress=sys.stderr.isatty() and trigger not in _UNATTENDED,
        search_queries=app.config.search_queries,
        policy=app.config.health,
        force=force,
        due_only=due_only,
        wait=wait,
    )
    return run_crawl(app.archive(create=True), options)


def report(outcome: CrawlOutcome) -> None:
    """Print the run's summary line and exit with its code (0 completed or nothing due)."""
    click.echo(outcome.summary())
    if outcome.disk_full is not None:
        saved = "" if outcome.run_saved else f"; run {outcome.run_id} could not be marked failed"
        click.echo(f"newsmon: error: the disk is full ({outcome.disk_full}): the crawl stopped{saved}", err=True)
        sys.exit(ExitCode.RUN_FAILED)
    if outcome.status == RunStatus.SKIPPED:
        sys.exit(ExitCode.SKIPPED)
    if outcome.all_backed_off or outcome.status not in (RunStatus.COMPLETED, RunStatus.IDLE):
        sys.exit(ExitCode.RUN_FAILED)


@click.command()
@click.option("--outlet", "outlets", multiple=True, help="Outlet to crawl (repeat); default: all.")
@click.option("--group", "groups", multiple=True, help="A group of outlets from the config's [groups] (repeat).")
@click.option("--mirror", envvar="NEWSMON_MIRROR", help="Route every outlet request to this mirror.")
@click.option("--since", help="Skip articles published before this date (YYYY-MM-DD).")
@click.option("--max-articles", type=click.IntRange(min=1), help="Fetch at most N new articles.")
@click.option(
    "--trigger",
    type=click.Choice([t.value for t in (Trigger.MANUAL, Trigger.CRON, Trigger.SCHEDULE)]),  # values, not names
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
    selected = app.select_outlets(outlets, groups)
    mirror = check_mirror(mirror or app.config.mirror)
    since_day = parse_day(since)
    who = Trigger(trigger) if trigger else (Trigger.MANUAL if sys.stdin.isatty() else Trigger.CRON)
    unattended = who in _UNATTENDED or not sys.stderr.isatty()
    file = app.log_file(log_file, "newsmon.log") if (log_file or unattended) else None
    configure(logging.DEBUG if app.debug else logging.WARNING, file)
    outcome = crawl_outlets(
        app,
        selected,
        mirror,
        since_day,
        max_articles,
        who,
        force=force,
        due_only=adaptive,
        wait=wait,
    )
    report(outcome)


@click.command()
@click.option("--port", type=int, default=0, help="Port of the mock outlets [default: any free port].")
@click.option("--max-articles", type=click.IntRange(min=1), help="Fetch at most N articles.")
@pass_app
def demo(app: App, port: int, max_articles: int | None) -> None:
    """Crawl the bundled mock outlets (offline) into an archive of their own and show what was stored.

    The archive is `<data dir>/newsmon/demo.sqlite3` unless --db is given: the mock pages carry the
    outlets' real URLs, and in the real archive they would stop the real articles from being fetched.
    """
    if not app.db_option:  # before anything opens the archive; the config's `db` is the real archive too
        app.db_option = demo_db_url()
    with serving(port) as base_url:
        click.echo(f"mock outlets serving on {base_url}; archive: {app.db_url}")
        outlets = [p for p in app.registry() if p.name in _sample_domains()]
        outcome = crawl_outlets(app, outlets, str(base_url), None, max_articles, Trigger.DEMO, force=True)
    click.echo(outcome.summary())
    if outcome.disk_full is not None:
        report(outcome)
    counts = app.archive().counts()
    click.echo(
        f"archive: {counts['relevant']} relevant articles in {counts['stories']} stories, "
        f"{counts['duplicates']} duplicate copies linked, {counts['offtopic']} off-topic pages remembered"
    )
    rows = app.archive().search(limit=8)
    if rows:
        click.echo("latest relevant articles:")
        for row in rows:
            click.echo(preview_line(row))
    db = f"--db {_shell_word(app.db_option)} "
    click.echo(f'try: newsmon {db}search "chính quyền số"   or   newsmon {db}search "asocio" --format json')
    if outcome.status != RunStatus.COMPLETED:
        sys.exit(ExitCode.RUN_FAILED)


def demo_db_url() -> str:
    """`demo.sqlite3` beside the default archive (`$XDG_DATA_HOME/newsmon/`), as a plain path for --db.

    Only called without --db, so NEWSMON_DB (--db's environment variable) is unset and the default is
    the data-directory file.
    """
    return str(Path(make_url(default_db_url()).database or DEMO_DB).with_name(DEMO_DB))


def _shell_word(value: str | None) -> str:
    return shlex.quote(value or "")


def _sample_domains() -> set[str]:
    return {p.name for p in SITES_DIR.iterdir() if p.is_dir()}


@click.group()
def samples() -> None:
    """The bundled mock outlets."""


@samples.command("serve")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--synthetic", type=click.IntRange(1, SYNTHETIC_MAX), metavar="N",
              help="Serve N generated article pages over the 16 outlets instead (for benches).")
@click.option("--seed", type=int, default=0, show_default=True, help="With --synthetic: the generator's seed.")
def samples_serve(port: int, synthetic: int | None, seed: int) -> None:
    """Serve the mock outlets on 127.0.0.1 (use with crawl --mirror http://127.0.0.1:PORT)."""
    if seed and not synthetic:
        raise UserError("--seed is only for --synthetic N")
    what = f"{synthetic} synthetic pages (seed {seed})" if synthetic else "the mock outlets"
    click.echo(f"serving {what} on http://127.0.0.1:{port} (Ctrl-C to stop)")
    try:
        if synthetic:
            # Late import for start-up speed: `newsmon crawl` loads this module too, and the generator
            # pulls in every mock template (samples.build).
            from samples.synthetic.serve import main as synthetic_main

            synthetic_main(port, synthetic, seed)
        else:
            serve_main(port)
    except OSError as exc:
        raise UserError(f"cannot serve on port {port}: {exc.strerror}") from None
    except KeyboardInterrupt:
        pass


@click.command()
@click.option("--check", "check_name", metavar="NAME", help="Fetch a sample of NAME's sources and articles; report.")
@click.option("--mirror", envvar="NEWSMON_MIRROR", help="With --check: route requests to this mirror.")
@pass_app
def sources(app: App, check_name: str | None, mirror: str | None) -> None:
    """List the outlets and how each is discovered."""
    if check_name:
        _check(app, check_name, check_mirror(mirror or app.config.mirror))
        return
    for profile in app.registry():
        family = f" [{profile.family}]" if profile.family else ""
        click.echo(f"{profile.name:22} {profile.display_name:20} {', '.join(profile.discovery)}{family}")
        for kind, urls in (("feed", profile.feeds), ("sitemap", profile.sitemaps), ("section", profile.sections)):
            for url in urls:
                click.echo(f"    {kind:8} {url}")
        if profile.search:
            click.echo(f"    {'search':8} {profile.search}")


def _check(app: App, name: str, mirror: str | None) -> None:
    """`sources --check NAME`: try the outlet's sources and a few articles; exit 1 when something failed."""
    try:
        profile = app.registry().get(name)
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    # Late import for start-up speed: the check runs the whole page path (Scrapy's parsers, extractor,
    # cleaner), which `crawl` must not load before it knows there is something to crawl.
    from crawler.check import check_outlet, format_report

    report = check_outlet(profile, mirror, app.config.search_queries or None, registry=app.registry())
    for line in format_report(report, mirror):
        click.echo(line)
    if not report.ok:
        sys.exit(ExitCode.RUN_FAILED)
