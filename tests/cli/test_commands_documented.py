"""The README's command table and the CLI agree: every command and every option, both ways."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from newsmon.cli import COMMANDS, cli

README = Path(__file__).resolve().parents[2] / "README.md"
OPTION = re.compile(r"--[a-z][a-z-]*")
IGNORED = {"--help"}  # every command has it; the README says so once


def _root_context() -> click.Context:
    return click.Context(cli, info_name="newsmon")


def _commands(group: click.Group, ctx: click.Context, prefix: tuple[str, ...] = ()) -> dict[str, click.Command]:
    """Every runnable command by its path ("schedule add"), groups walked."""
    found: dict[str, click.Command] = {}
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        path = (*prefix, name)
        if isinstance(command, click.Group):
            found.update(_commands(command, click.Context(command, parent=ctx, info_name=name), path))
        else:
            found[" ".join(path)] = command
    return found


def _long_options(command: click.Command) -> set[str]:
    names: set[str] = set()
    for param in command.params:
        if isinstance(param, click.Option):
            names.update(o for o in (*param.opts, *param.secondary_opts) if o.startswith("--"))
    return names - IGNORED


def _readme_commands() -> dict[str, set[str]]:
    """`newsmon ...` usages in the first column of the Commands table -> the options each shows."""
    section = README.read_text(encoding="utf-8").split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    known = _commands(cli, _root_context())
    table: dict[str, set[str]] = {}
    for line in section.splitlines():
        if not line.startswith("| `"):
            continue
        first_cell = re.split(r"(?<!\\)\|", line)[1]
        for usage in re.findall(r"`([^`]+)`", first_cell):
            words = usage.removeprefix("newsmon ").split()
            path = next((" ".join(words[:n]) for n in (2, 1) if " ".join(words[:n]) in known), None)
            assert path is not None, f"README lists `{usage}`, which is no newsmon command"
            assert path not in table, f"README lists `{path}` twice"
            table[path] = set(OPTION.findall(usage))
    return table


def test_every_command_is_in_the_readme_table_and_no_other() -> None:
    assert set(_readme_commands()) == set(_commands(cli, _root_context()))


@pytest.mark.parametrize("path", sorted(_commands(cli, _root_context())))
def test_readme_shows_exactly_the_options_of(path: str) -> None:
    command = _commands(cli, _root_context())[path]
    documented = _readme_commands().get(path, set())
    assert documented == _long_options(command), f"README table vs `newsmon {path} --help`"
    help_text = CliRunner().invoke(cli, [*path.split(), "--help"]).output
    for option in documented:
        assert option in help_text, f"{option} not in `newsmon {path} --help`"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"`newsmon {path}` {param.opts[0]} has no help text"
    assert command.help, f"`newsmon {path}` has no help text"


def test_global_options_are_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("Global options:"))
    assert set(OPTION.findall(line)) == _long_options(cli)


def test_root_help_summaries_are_the_commands_own() -> None:
    """`newsmon --help` lists the summaries without importing the commands: they must not drift."""
    ctx = _root_context()
    for name, lazy in COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None, name
        assert lazy.summary == command.get_short_help_str(limit=10_000), name
