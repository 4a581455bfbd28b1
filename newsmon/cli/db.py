"""`newsmon db init`: create the archive explicitly (read-only commands refuse a missing one)."""

from __future__ import annotations

import click

from newsmon.cli.app import App, pass_app


@click.group()
def db() -> None:
    """The archive database: create it or bring its schema up to date."""


@db.command("init")
@pass_app
def db_init(app: App) -> None:
    """Create the archive (or upgrade its schema) and print its URL; safe to run again."""
    archive = app.archive(create=True)
    url = archive.engine.url.render_as_string(hide_password=True)
    before, after, _ = archive.migration
    if before is None:
        click.echo(f"created the archive at {url} (schema {after})")
    elif before != after:
        click.echo(f"upgraded the archive at {url} from schema {before} to {after}")
    else:
        click.echo(f"the archive at {url} is up to date (schema {after})")
