"""What the root group and every command module share, light enough for `newsmon --help`.

Only click (and core records) is imported here: the root group uses these before it knows which command will run.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, Any

import click

from newsmon.core.records import ExitCode


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
