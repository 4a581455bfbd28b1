"""The `newsmon` command: crawl, demo, schedule, and query the archive.

The root group knows each command by name and summary and imports its module only when the command
runs or shows its help (newsmon.cli.lazy). The modules, one per command group:
crawl (crawl, demo, samples, sources), offline (extract, clean, ingest), archive (search, show,
export), ops (runs, status), schedule (schedule, daemon), db (db init); app (the shared state), present (output).

Exit codes (newsmon.cli.common.ExitCode, the same for every command, so cron and systemd can act on
them): 0 done (a crawl completed, even if some pages failed; or nothing was due), 1 a crawl failed or
was interrupted, 2 bad input (options, config, database path), 3 skipped because another run holds
the outlets' leases, 70 internal error.
"""

from __future__ import annotations

import logging
import os
import sys

import click

from newsmon.cli.common import ExitCode, GlobalOptions
from newsmon.cli.lazy import LazyCommand, LazyGroup
from newsmon.core import __version__

# name -> where the command lives and the first sentence of its help (tests check both).
COMMANDS = {
    "clean": LazyCommand("newsmon.cli.offline:clean", "Clean a plain-text rendering of a page into an article record."),
    "crawl": LazyCommand("newsmon.cli.crawl:crawl", "Crawl the outlets once and store what is new."),
    "daemon": LazyCommand(
        "newsmon.cli.schedule:daemon",
        "Run the schedule in the foreground until SIGTERM/SIGINT (each crawl in a child process).",
    ),
    "db": LazyCommand("newsmon.cli.db:db", "The archive database: create it or bring its schema up to date."),
    "demo": LazyCommand(
        "newsmon.cli.crawl:demo",
        "Crawl the bundled mock outlets (offline) into an archive of their own and show what was stored.",
    ),
    "export": LazyCommand("newsmon.cli.archive:export", "Export the archive's articles."),
    "extract": LazyCommand("newsmon.cli.offline:extract", "Extract and clean one saved HTML page."),
    "ingest": LazyCommand(
        "newsmon.cli.offline:ingest",
        "Push JSON-lines records through relevance, dedup and store, as a crawl would.",
    ),
    "runs": LazyCommand("newsmon.cli.ops:runs", "History of crawl runs with their counts and errors."),
    "samples": LazyCommand("newsmon.cli.crawl:samples", "The bundled mock outlets."),
    "schedule": LazyCommand("newsmon.cli.schedule:schedule", "Scheduled crawls (run by `newsmon daemon`)."),
    "search": LazyCommand("newsmon.cli.archive:search", "Search the archive (with or without Vietnamese diacritics)."),
    "show": LazyCommand(
        "newsmon.cli.archive:show", "Show one article by id or URL, with the other copies of its story."
    ),
    "sources": LazyCommand("newsmon.cli.crawl:sources", "List the outlets and how each is discovered."),
    "status": LazyCommand(
        "newsmon.cli.ops:status",
        "Health at a glance: scheduled jobs and their next runs, each outlet's last success, failures, backoff.",
    ),
}


@click.group(cls=LazyGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="NEWSMON_DB", help="Archive database URL or SQLite file [default: see README].")
@click.option("--config", "config_path", envvar="NEWSMON_CONFIG", help="Config file (TOML).")
@click.option("--debug", is_flag=True, help="Show tracebacks of internal errors.")
@click.version_option(__version__, prog_name="newsmon")
@click.pass_context
def cli(ctx: click.Context, db: str | None, config_path: str | None, debug: bool) -> None:
    """Monitor Vietnamese news for e-government award and ranking stories."""
    ctx.obj = GlobalOptions(db, config_path, debug)
    handler = logging.StreamHandler()
    handler.setLevel(logging.DEBUG if debug else logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler])


def main() -> None:
    """The console script: click's exit codes for usage errors, one line and 70 for internal errors."""
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # an internal error: one line, unless --debug asks for the traceback
        if debug or os.environ.get("NEWSMON_DEBUG"):
            raise
        click.echo(_internal_error_line(exc), err=True)
        sys.exit(ExitCode.INTERNAL)


def _internal_error_line(exc: Exception) -> str:
    # Late import: SQLAlchemy costs ~200 ms, and only the commands that open the archive need it.
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError):  # e.g. still locked after the busy timeout, disk full, read-only
        return f"newsmon: database error: {exc.orig} (rerun with --debug for details)"
    message = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return f"newsmon: internal error: {message} (rerun with --debug for details)"
