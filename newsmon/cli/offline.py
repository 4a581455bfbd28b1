"""Input that no crawl fetched: `extract` (a saved HTML page), `clean` (a plain-text rendering) and
`ingest` (JSON-lines records, stored as a crawl would)."""

from __future__ import annotations

import click

from crawler.clean import clean_text
from crawler.ingest import ERROR, IngestError, ingest_lines
from crawler.process import process_page
from newsmon.cli.app import App, pass_app
from newsmon.cli.common import UserError
from newsmon.cli.inputs import read_file
from newsmon.cli.present import print_record
from newsmon.core.records import Article, FetchedPage, StoreStatus


def extract_record(app: App, body: bytes, url: str) -> Article:
    """The crawl's own page path (profile chosen by URL, then the cleaner), on a saved page."""
    return process_page(FetchedPage(url, "", body), app.registry())


def clean_record(app: App, text: str, url: str | None) -> Article:
    """The text cleaner, with the outlets of the config among the names credits are recognised by."""
    return clean_text(text, url=url, names=app.registry().outlet_names())


@click.command()
@click.argument("file")
@click.option("--url", required=True, help="The page's real URL (chooses the outlet profile).")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@pass_app
def extract(app: App, file: str, url: str, as_json: bool) -> None:
    """Extract and clean one saved HTML page."""
    print_record(extract_record(app, read_file(file), url), as_json)


@click.command()
@click.argument("file")
@click.option("--url", help="The page's URL, if known.")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@pass_app
def clean(app: App, file: str, url: str | None, as_json: bool) -> None:
    """Clean a plain-text rendering of a page into an article record."""
    raw = read_file(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{file} is not UTF-8 text") from None
    print_record(clean_record(app, text, url), as_json)


@click.command()
@click.argument("file")
@pass_app
def ingest(app: App, file: str) -> None:
    """Push JSON-lines records through relevance, dedup and store, as a crawl would."""
    archive = app.archive(create=True)
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
        f"ingested: new articles {outcomes[StoreStatus.NEW]}, duplicates {outcomes[StoreStatus.DUPLICATE]}, "
        f"off-topic {outcomes[StoreStatus.OFFTOPIC]}, updated {outcomes[StoreStatus.UPDATED]}, "
        f"unchanged {outcomes[StoreStatus.UNCHANGED]}, errors {outcomes[ERROR]}"
    )
