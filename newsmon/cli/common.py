"""What the root group and every command module share, light enough for `newsmon --help`.

Only click is imported here: the root group uses these before it knows which command will run.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import IO, Any

import click


class ExitCode(IntEnum):
    """The same for every command, so cron and systemd can act on them (see the README)."""

    DONE = 0  # a crawl completed, even if some pages failed; or nothing was due
    RUN_FAILED = 1  # a crawl failed or was interrupted
    USAGE = 2  # bad input: options, config, database path
    SKIPPED = 3  # another run holds the outlets' leases
    INTERNAL = 70  # a bug or an environment failure (one line; --debug for the traceback)


class UserError(click.ClickException):
    """One clear line and a non-zero exit, never a traceback."""

    exit_code = ExitCode.USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"newsmon: error: {self.format_message()}", err=True)


@dataclass(frozen=True, slots=True)
class GlobalOptions:
    """The root group's options; commands get them as an `App` (newsmon.cli.app.pass_app)."""

    db: str | None
    config_path: str | None
    debug: bool
