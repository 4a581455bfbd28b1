"""Reading the archive: `search`, `show` and `export` (no crawler code: these start fast)."""

from __future__ import annotations

import sys

import click

from newsmon.cli.app import App, pass_app
from newsmon.cli.common import UserError
from newsmon.cli.inputs import parse_day
from newsmon.cli.present import emit_rows, local_row, print_article, print_json, write_csv, write_jsonl
from storage.search import SearchQueryError


@click.command()
@click.argument("query", required=False)
@click.option("--outlet", "outlets", multiple=True, help="Only articles of this outlet (repeat).")
@click.option("--since", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY-MM-DD).")
@click.option("--all", "include_all", is_flag=True, help="Include off-topic pages and duplicate copies.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most N articles.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table", help="Output format."
)
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
    names = [p.name for p in app.select_outlets(outlets)] if outlets else None
    try:
        rows = app.archive().search(
            query,
            outlets=names,
            since=parse_day(since),
            until=parse_day(until, end=True),
            include_all=include_all,
            limit=limit,
        )
    except SearchQueryError as exc:
        raise UserError(str(exc)) from None
    emit_rows(rows, fmt)


@click.command()
@click.argument("ident")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@pass_app
def show(app: App, ident: str, as_json: bool) -> None:
    """Show one article by id or URL, with the other copies of its story."""
    data = app.archive().get(ident)
    if data is None:
        raise UserError(f"no article {ident!r} in the archive")
    if as_json:
        print_json(local_row(data))
    else:
        print_article(data)


@click.command()
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True, help="Output format."
)
@click.option("--out", type=click.Path(dir_okay=False), help="Output file [default: standard output].")
@click.option("--all", "include_all", is_flag=True, help="Include off-topic pages and duplicate copies.")
@pass_app
def export(app: App, fmt: str, out: str | None, include_all: bool) -> None:
    """Export the archive's articles."""
    rows = app.archive().iter_export(include_all=include_all)
    handle = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout  # noqa: SIM115
    try:
        if fmt == "csv":
            write_csv(rows, handle)
        else:
            write_jsonl(rows, handle)
    finally:
        if out:
            handle.close()
