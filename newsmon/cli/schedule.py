"""Scheduling commands: `schedule add/list/remove` edit the job store; `daemon` runs it."""

from __future__ import annotations

import logging

import click

from newsmon.cli.app import App, pass_app
from newsmon.cli.common import UserError
from newsmon.cli.present import fmt_time, job_line
from newsmon.core.logs import configure
from scheduler.daemon import run_daemon
from scheduler.store import ScheduleError, add_job, list_jobs, parse_cron, remove_job


@click.group()
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
    try:
        parse_cron(cron)  # bad input first: before the config and the database are touched
    except ScheduleError as exc:
        raise UserError(str(exc)) from None
    names = [p.name for p in app.select_outlets(outlets)] if outlets else []
    app.select_outlets((), groups)  # an unknown group (or outlet in it) is an error now, not at 3 a.m.
    try:
        job = add_job(
            app.archive(create=True),
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
    click.echo(f"added job {job.id}: {cron} {job.target}; next run {fmt_time(job.next_run)}")


@schedule.command("list")
@pass_app
def schedule_list(app: App) -> None:
    """List the scheduled crawls and their next runs."""
    jobs = list_jobs(app.archive())
    if not jobs:
        click.echo("no scheduled jobs")
    for job in jobs:
        click.echo(job_line(job))


@schedule.command("remove")
@click.argument("job_id")
@pass_app
def schedule_remove(app: App, job_id: str) -> None:
    """Remove a scheduled crawl by its id (see `schedule list`)."""
    try:
        remove_job(app.archive(), job_id)
    except ScheduleError as exc:
        raise UserError(str(exc)) from None
    click.echo(f"removed job {job_id}")


@click.command()
@click.option("--log-file", type=click.Path(dir_okay=False), help="Log file [default: <log_dir>/daemon.log, rotated].")
@pass_app
def daemon(app: App, log_file: str | None) -> None:
    """Run the schedule in the foreground until SIGTERM/SIGINT (each crawl in a child process)."""
    archive = app.archive()
    level = logging.DEBUG if app.debug else logging.INFO
    configure(level, app.log_file(log_file, "daemon.log"), structured_console=True)
    run_daemon(archive, str(app.config.path) if app.config.path else None)
