"""The user's config file (TOML): database, mirror, topics file, extra outlets, groups, log dir, health."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crawler.outlets.registry import OutletProfile, ProfileError, profile_from_dict
from crawler.run.health import HealthPolicy


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
    groups: dict[str, list[str]] = field(default_factory=dict)  # [groups] name = ["dantri", "tuoitre"]
    health: HealthPolicy = field(default_factory=HealthPolicy)  # [health] backoff and polling bounds


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
    known = {"db", "mirror", "topics", "log_dir", "outlet", "search_queries", "groups", "health"}
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
    groups = _groups(data.get("groups", {}), file)
    health = _health(data.get("health", {}), file)
    return Config(
        path=file,
        db=data.get("db"),
        mirror=data.get("mirror"),
        topics=(file.parent / topics).resolve() if topics else None,
        log_dir=Path(log_dir).expanduser() if log_dir else None,
        outlets=outlets,
        search_queries=list(data.get("search_queries", [])),
        groups=groups,
        health=health,
    )


def _groups(raw: object, file: Path) -> dict[str, list[str]]:
    """`[groups]`: each a list of outlet names (checked against the registry when used)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{file}: [groups] must be a table of name = [outlets]")
    for name, members in raw.items():
        if not isinstance(members, list) or not members or not all(isinstance(m, str) for m in members):
            raise ConfigError(f"{file}: group {name!r} must be a non-empty list of outlet names")
    return {str(k): list(v) for k, v in raw.items()}


def _health(raw: object, file: Path) -> HealthPolicy:
    """`[health]`: backoff and adaptive polling bounds, in seconds (see crawler/run/health.py)."""
    if not isinstance(raw, dict):
        raise ConfigError(f"{file}: [health] must be a table")
    fields = HealthPolicy.__dataclass_fields__
    unknown = set(raw) - set(fields)
    if unknown:
        raise ConfigError(f"{file}: unknown [health] setting(s): {', '.join(sorted(unknown))}")
    for key, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"{file}: [health] {key} must be a non-negative number")
    policy = HealthPolicy(**raw)
    if policy.poll_min_s > policy.poll_max_s:
        raise ConfigError(f"{file}: [health] poll_min_s is larger than poll_max_s")
    return policy
