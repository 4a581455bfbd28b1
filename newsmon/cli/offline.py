"""Offline commands on one saved page: `extract` (HTML) and `clean` (a plain-text rendering)."""

from __future__ import annotations

import click

from crawler.clean.textclean import clean_text, finalize
from crawler.extract.page import extract_page
from newsmon.cli.app import App, pass_app
from newsmon.cli.common import UserError
from newsmon.cli.inputs import read_file
from newsmon.cli.present import print_record
from newsmon.core.records import Article


def extract_record(app: App, body: bytes, url: str) -> Article:
    """The one place `extract` calls the crawler's page path: extract with the URL's profile, then clean."""
    profile = app.registry().for_url(url)
    return finalize(extract_page(body, url, profile=profile))


def clean_record(text: str, url: str | None) -> Article:
    """The one place `clean` calls the text cleaner."""
    return clean_text(text, url=url)


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
def clean(file: str, url: str | None, as_json: bool) -> None:
    """Clean a plain-text rendering of a page into an article record."""
    raw = read_file(file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(f"{file} is not UTF-8 text") from None
    print_record(clean_record(text, url), as_json)
