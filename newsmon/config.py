"""The user's config file (TOML): database, mirror, topics file and extra outlets."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.profiles import OutletProfile, ProfileError, profile_from_dict


class ConfigError(ValueError):
    """A config file that cannot be used; the message names the file and the problem."""


@dataclass(slots=True)
class Config:
    path: Path | None = None
    db: str | None = None
    mirror: str | None = None
    topics: Path | None = None
    log_dir: Path | None = None
    outlets: list[OutletProfile] = field(default_factory=list)
    search_queries: list[str] = field(default_factory=list)


def default_config_path() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "newsmon" / "config.toml"


def load_config(path: str | Path | None = None) -> Config:
    """Read the config: an explicit path must exist; the default path may be absent."""
    explicit = path or os.environ.get("NEWSMON_CONFIG")
    file = Path(explicit).expanduser() if explicit else default_config_path()
    if not file.exists():
        if explicit:
            raise ConfigError(f"config file {file} does not exist")
        return Config()
    try:
        data: dict[str, Any] = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {file}: {exc.strerror}") from None
    known = {"db", "mirror", "topics", "log_dir", "outlet", "search_queries"}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{file}: unknown setting(s): {', '.join(sorted(unknown))}")
    outlets_raw = data.get("outlet", [])
    if not isinstance(outlets_raw, list):
        raise ConfigError(f"{file}: [[outlet]] must be an array of tables")
    try:
        outlets = [profile_from_dict(o, str(file)) for o in outlets_raw]
    except ProfileError as exc:
        raise ConfigError(str(exc)) from None
    topics = data.get("topics")
    log_dir = data.get("log_dir")
    return Config(
        path=file,
        db=data.get("db"),
        mirror=data.get("mirror"),
        topics=(file.parent / topics).resolve() if topics else None,
        log_dir=Path(log_dir).expanduser() if log_dir else None,
        outlets=outlets,
        search_queries=list(data.get("search_queries", [])),
    )
