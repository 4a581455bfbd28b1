"""Operations commands: `runs` (crawl history) and `status` (jobs and outlet health at a glance)."""

from __future__ import annotations

import click

from newsmon.cli.app import App, pass_app
from newsmon.cli.present import (
    Health,
    fmt_time,
    health_line,
    health_of,
    job_dict,
    job_line,
    outlet_dict,
    print_json,
    run_dict,
    run_line,
)
from scheduler.store import list_jobs
from storage.leases import Leases, holder_is_dead
from storage.models import Outlet

_HEALTHY = (Health.OK, Health.NEVER_RUN)


@click.command()
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="The last N runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the runs as JSON.")
@pass_app
def runs(app: App, limit: int, as_json: bool) -> None:
    """History of crawl runs with their counts and errors."""
    archive = app.archive()
    rows = archive.runs(limit)
    unhealthy = [o for o in archive.outlet_health() if health_of(o) not in _HEALTHY]
    if as_json:
        print_json([run_dict(r) for r in rows])
        return
    for outlet in unhealthy:
        click.echo(f"UNHEALTHY {outlet.name}: {health_line(outlet)}")
    if not rows:
        click.echo("no runs yet")
    for run in rows:
        click.echo(run_line(run))
        for error in run.error_log[:3]:
            click.echo(f"      ! {error}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print jobs and outlets as JSON.")
@pass_app
def status(app: App, as_json: bool) -> None:
    """Health at a glance: scheduled jobs and their next runs, each outlet's last success, failures, backoff."""
    archive = app.archive()
    jobs = list_jobs(archive)
    held = {lease.name.removeprefix("outlet:"): lease for lease in Leases(archive.engine).held()}
    # A holder that died on this host keeps its lease until it expires; it is not crawling (a read
    # command only says so: the next crawl takes the lease over and marks the run).
    gone = {name: lease for name, lease in held.items() if holder_is_dead(lease.holder)}
    leases = {name: lease for name, lease in held.items() if name not in gone}
    known = {p.name for p in app.registry()}
    outlets = [o for o in archive.outlet_health() if o.name in known or o.last_success_at or o.last_failure_at]
    last_run = next(iter(archive.runs(1)), None)
    if as_json:
        print_json(
            {
                "jobs": [job_dict(j) for j in jobs],
                "outlets": [outlet_dict(o, leases.get(o.name)) for o in outlets],
                "last_run": run_dict(last_run) if last_run else None,
            }
        )
        return
    click.echo("scheduled jobs:" if jobs else "scheduled jobs: none (see `newsmon schedule add`)")
    for job in jobs:
        click.echo(f"  {job_line(job)}")
    click.echo("outlets:" if outlets else "outlets: none crawled yet")
    default_poll = app.config.health.poll_default_s
    for outlet in outlets:
        click.echo(f"  {outlet.name:24} {health_line(outlet)}; {_poll(outlet, default_poll)}")
        if outlet.name in leases:
            click.echo(f"      crawling now: {leases[outlet.name].holder}")
        elif outlet.name in gone:
            click.echo(
                f"      not crawling: the process holding its lease ({gone[outlet.name].holder}) is gone; "
                "the next crawl takes it over"
            )
    if last_run:
        click.echo(f"last run: {run_line(last_run)}")
        for error in last_run.error_log[:3]:
            click.echo(f"      ! {error}")


def _poll(outlet: Outlet, default_s: int) -> str:
    """The outlet's polling interval, or the default until a crawl has learned one."""
    every = (
        f"poll every {outlet.poll_interval_s}s"
        if outlet.poll_interval_s
        else f"poll: default {default_s}s (not learned yet)"
    )
    return f"{every}, next due {fmt_time(outlet.next_due_at)}"
