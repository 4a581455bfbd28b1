"""A click group that imports a command's module only when the command runs or shows its help.

The command modules import the crawler, Scrapy and SQLAlchemy at their top (seconds on a cold
machine); `newsmon --help` and the shell's completion should not pay for that. The pattern is
click's "Lazily Loading Subcommands", plus a one-line summary per command so the root `--help`
lists them without importing any (tests/cli/test_commands_documented.py checks the summaries).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any, NamedTuple

import click


class LazyCommand(NamedTuple):
    target: str  # "package.module:attribute", a click.Command
    summary: str  # the first sentence of the command's help, as the root `--help` shows it


class LazyGroup(click.Group):
    def __init__(self, *args: Any, lazy_commands: Mapping[str, LazyCommand], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands:
            return load_command(self.lazy_commands[cmd_name].target)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, with the lazy commands' summaries (so nothing is imported)."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in self.lazy_commands:
                # a stand-in command shortens the summary exactly as click shortens a real one's help
                stand_in = click.Command(name, help=self.lazy_commands[name].summary)
                rows.append((name, stand_in.get_short_help_str(limit)))
            elif (command := super().get_command(ctx, name)) is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def load_command(target: str) -> click.Command:
    module_name, _, attribute = target.partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{target} is not a click command")
    return command
