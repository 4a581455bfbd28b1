"""The state a command works with: config, archive, outlet registry, topics, each loaded on first use."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

import click

from crawler.outlets.registry import OutletProfile, ProfileError, Registry
from crawler.relevance.topics import TopicQueryError, TopicSet, load_topics
from newsmon.cli.common import GlobalOptions, UserError
from newsmon.cli.config import Config, ConfigError, load_config
from newsmon.core.logs import default_log_dir
from storage.archive import Archive
from storage.db import DatabaseError, NoArchiveError, default_db_url, normalize_db_url

# What a read-only command refused a missing archive tells the user to do.
CREATE_HINT = "(create one with `newsmon db init`, a crawl, demo or ingest)"

P = ParamSpec("P")
R = TypeVar("R")


class App:
    """One invocation's shared state; bad config or an unusable database is a UserError."""

    def __init__(self, options: GlobalOptions) -> None:
        self.db_option = options.db
        self.config_path = options.config_path
        self.debug = options.debug
        self._config: Config | None = None
        self._archive: Archive | None = None
        self._registry: Registry | None = None

    @property
    def config(self) -> Config:
        if self._config is None:
            try:
                self._config = load_config(self.config_path)
            except ConfigError as exc:
                raise UserError(str(exc)) from None
        return self._config

    def check_config(self) -> None:
        """Load the config file now: every command that uses the App refuses a broken one, whether it
        reads the config or not (a broken file must not go unnoticed until the day a command needs it)."""
        self.config  # noqa: B018 (the property loads and checks it)

    @property
    def db_url(self) -> str:
        config = self.config  # loaded (and so checked) even when --db makes its `db` unused
        return normalize_db_url(self.db_option or config.db or default_db_url())

    def archive(self, *, create: bool = False) -> Archive:
        """The archive, opened (and migrated) once; the one place the CLI builds an Archive.

        `create`: this command may create a new archive (crawl, demo, ingest, db init, schedule add);
        read-only commands leave it False and are refused a database that does not exist.
        """
        if self._archive is None:
            try:
                self._archive = Archive(self.db_url, self.registry().outlet_names(), create=create)
            except NoArchiveError as exc:
                raise UserError(f"{exc} {CREATE_HINT}") from None
            except DatabaseError as exc:
                raise UserError(str(exc)) from None
        return self._archive

    def registry(self) -> Registry:
        """The built-in outlets and the config's, read once (its outlet names are built once too)."""
        if self._registry is None:
            try:
                self._registry = Registry.builtin(self.config.outlets)
            except ProfileError as exc:
                raise UserError(str(exc)) from None
        return self._registry

    def topics(self) -> TopicSet:
        try:
            return load_topics(self.config.topics)
        except (TopicQueryError, OSError, ValueError) as exc:
            raise UserError(f"topics: {exc}") from None

    def select_outlets(self, names: Iterable[str], groups: Iterable[str] = ()) -> list[OutletProfile]:
        """Outlets by name and by config group (`[groups]`), in order, once each; none given: all of them."""
        registry = self.registry()
        names = list(names)
        for group in groups:
            if group not in self.config.groups:
                known = ", ".join(sorted(self.config.groups)) or "none defined; add [groups] to the config file"
                raise UserError(f"unknown group {group!r}; known: {known}")
            names.extend(self.config.groups[group])
        if not names:
            return list(registry)
        try:
            return list({p.name: p for p in (registry.get(n) for n in names)}.values())
        except KeyError as exc:
            raise UserError(str(exc.args[0])) from None

    def log_file(self, explicit: str | None, name: str) -> Path | None:
        """The explicit --log-file, else `<log_dir>/<name>`; None when the folder cannot be made (never fatal)."""
        path = Path(explicit) if explicit else (self.config.log_dir or default_log_dir()) / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            click.echo(f"newsmon: warning: no log file: cannot create {path.parent}: {exc.strerror}", err=True)
            return None
        return path


_APP_KEY = "newsmon.app"


def current_app() -> App:
    """The App of this invocation, built from the root group's options on first use."""
    root = click.get_current_context().find_root()
    app: App | None = root.meta.get(_APP_KEY)
    if app is None:
        options = root.find_object(GlobalOptions)
        if options is None:  # a command invoked without the root group (a programming error)
            raise RuntimeError("newsmon commands run under the newsmon group")
        app = root.meta[_APP_KEY] = App(options)
        app.check_config()
    return app


def pass_app(command: Callable[Concatenate[App, P], R]) -> Callable[P, R]:
    """Decorate a command so it receives the App as its first argument (like click.pass_obj)."""

    @functools.wraps(command)
    def with_app(*args: P.args, **kwargs: P.kwargs) -> R:
        return command(current_app(), *args, **kwargs)

    return with_app
