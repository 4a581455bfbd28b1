"""The live progress line of a crawl on a terminal."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column
from scrapy import signals
from scrapy.crawler import Crawler

from crawler.context import RunStats

COMPACT_BELOW = 100  # terminal columns under which the line uses its short form


def make_progress(console: Console) -> Progress:
    """The live line: spinner, counts, elapsed time. The counts take what is left of the width and are
    cut with an ellipsis, so the timer is always shown in full (rich shrinks the ratio column first)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", table_column=Column(ratio=1, no_wrap=True, overflow="ellipsis")),
        TimeElapsedColumn(),
        console=console,
        expand=True,
    )


def compact_summary(stats: RunStats) -> str:
    """The counts in the words a narrow terminal has room for."""
    c = stats.counts
    return f"pages {c.pages_fetched}, new {c.new_articles}, dup {c.duplicates}, off {c.offtopic}, errors {c.errors}"


class LiveProgress:
    """A live line on a terminal: pages fetched and articles stored so far."""

    def __init__(self, crawler: Crawler, stats: RunStats) -> None:
        self.stats = stats
        self.progress = make_progress(Console(file=sys.stderr))
        self.compact = self.progress.console.width < COMPACT_BELOW
        self.task = self.progress.add_task("starting", total=None)
        self.progress.start()
        for event in (signals.response_received, signals.item_scraped, signals.item_dropped):
            crawler.signals.connect(self.update, signal=event)

    def update(self, *args: object, **kwargs: object) -> None:
        """Any of the signals above (their arguments do not matter): show the current counts."""
        text = compact_summary(self.stats) if self.compact else self.stats.summary()
        self.progress.update(self.task, description=text)

    def stop(self) -> None:
        self.progress.stop()
