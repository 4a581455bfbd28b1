"""Input that no crawl fetched: `extract` (a saved HTML page), `clean` (a plain-text rendering) and
`ingest` (JSON-lines records, stored as a crawl would)."""

from __future__ import annotations

import click

from crawler.clean import clean_text
from crawler.ingest import ERROR, UTF8, IngestReport, ingest_file
from crawler.process import process_page_noted
from newsmon.cli.app import App, pass_app
from newsmon.cli.common import UserError
from newsmon.cli.inputs import decode_text, open_binary, read_text_file
from newsmon.cli.present import print_record
from newsmon.core.records import Article, FetchedPage, StoreStatus

_BAD_LINES_LISTED = 20  # the summary names this many bad lines; the run row keeps the last ones too
_NUMBERS_LISTED = 10


def extract_record(app: App, body: bytes, url: str) -> tuple[Article, list[str]]:
    """The crawl's own page path (profile chosen by URL, then the cleaner), on a saved page, with the
    notes of the size limits the page hit (crawler/extract/limits.py)."""
    return process_page_noted(FetchedPage(url, "", body), app.registry())


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
    record, notes = extract_record(app, read_text_file(file), url)
    for note in notes:  # a limit the page hit is said, never applied silently
        click.echo(f"newsmon: note: {note}", err=True)
    print_record(record, as_json)


@click.command()
@click.argument("file")
@click.option("--url", help="The page's URL, if known.")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@pass_app
def clean(app: App, file: str, url: str | None, as_json: bool) -> None:
    """Clean a plain-text rendering of a page into an article record."""
    print_record(clean_record(app, decode_text(read_text_file(file), file), url), as_json)


@click.command()
@click.argument("file")
@pass_app
def ingest(app: App, file: str) -> None:
    """Push JSON-lines records through relevance, dedup and store, as a crawl would.

    Every line is judged alone: bad lines are skipped and named, the good ones all stored (exit 0);
    an input that cannot be read, or holds no valid record at all, exits 2.
    """
    with open_binary(file) as handle:
        topics = app.topics()
        archive = app.archive(create=True)
        try:
            report = ingest_file(handle, archive, topics)
        except OSError as exc:  # the file failed mid-read (the run row is failed already)
            raise UserError(f"cannot read {file}: {exc.strerror or exc}") from None
    outcomes = report.outcomes
    click.echo(
        f"ingested: new articles {outcomes[StoreStatus.NEW]}, duplicates {outcomes[StoreStatus.DUPLICATE]}, "
        f"off-topic {outcomes[StoreStatus.OFFTOPIC]}, updated {outcomes[StoreStatus.UPDATED]}, "
        f"unchanged {outcomes[StoreStatus.UNCHANGED]}, errors {outcomes[ERROR]}"
    )
    for note in ingest_notes(report):
        click.echo(f"ingest: {note}", err=True)
    if report.bad and not report.stored:
        raise UserError(f"no valid record in {file}")


def ingest_notes(report: IngestReport) -> list[str]:
    """What the summary adds on stderr: how the text was read, and which lines were skipped and why."""
    notes = []
    if report.file_encoding not in (UTF8, "utf-8-sig"):
        notes.append(f"the file is {report.file_encoding.upper()} (read as such)")
    for encoding, numbers in report.legacy_lines.items():
        notes.append(f"not UTF-8, read as {encoding}: {_line_numbers(numbers)}")
    if report.bad:
        listed = ", ".join(f"{bad.number} ({bad.reason})" for bad in report.bad[:_BAD_LINES_LISTED])
        more = len(report.bad) - _BAD_LINES_LISTED
        notes.append(
            f"{len(report.bad)} bad line{'s' if len(report.bad) > 1 else ''} skipped: {listed}"
            + (f", and {more} more" if more > 0 else "")
        )
    return notes


def _line_numbers(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:_NUMBERS_LISTED]))
    word = "line" if len(numbers) == 1 else "lines"
    return f"{word} {shown}" + (f" and {len(numbers) - _NUMBERS_LISTED} more" if len(numbers) > _NUMBERS_LISTED else "")
