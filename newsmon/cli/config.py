"""The user's config file (TOML): database, mirror, topics file, extra outlets, groups, log dir, health."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from crawler.outlets.registry import OutletProfile, ProfileError, describe, is_http_url, profile_from_dict, unknown_key
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
    """Read the config: an explicit path must exist; the default path may be absent.

    The whole file is checked at load (types, URLs, regexes, CSS selectors, unknown keys), so a
    mistake is one line naming the key, its line and what was expected, never a crash at use.
    """
    explicit = path or os.environ.get("NEWSMON_CONFIG")
    file = Path(explicit).expanduser() if explicit else default_config_path()
    if not file.exists():
        if explicit:
            raise ConfigError(f"config file {file} does not exist")
        return Config()
    try:
        text = file.read_text(encoding="utf-8")
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not valid TOML: the file is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {file}: {exc.strerror}") from None
    lines = key_lines(text)

    def fail(key: tuple[str | int, ...], problem: str) -> NoReturn:
        raise ConfigError(f"{file} line {line_of(lines, key)}: {problem}")

    for key in sorted(data, key=lambda k: line_of(lines, (k,))):
        if key not in _SETTINGS:
            fail((key,), unknown_key(key, set(_SETTINGS), "setting"))
        if problem := _SETTINGS[key](data[key]):
            fail((key,), f"{key} {problem}")
    outlets: list[OutletProfile] = []
    for i, raw in enumerate(data.get("outlet", [])):
        try:
            outlets.append(profile_from_dict(raw, str(file)))
        except ProfileError as exc:
            fail(("outlet", i, *exc.field), exc.problem)
    groups = data.get("groups", {})
    for name, members in groups.items():
        if problem := _GROUP(members):
            fail(("groups", name), f"group {name!r} {problem}")
    health = data.get("health", {})
    for key, value in health.items():
        if key not in HealthPolicy.__dataclass_fields__:
            fail(("health", key), unknown_key(key, set(HealthPolicy.__dataclass_fields__), "[health] setting"))
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            fail(("health", key), f"[health] {key} must be a non-negative number, got {_got(value)}")
    policy = HealthPolicy(**health)
    if policy.poll_min_s > policy.poll_max_s:
        fail(("health", "poll_min_s"), "[health] poll_min_s is larger than poll_max_s")
    topics, log_dir = data.get("topics"), data.get("log_dir")
    return Config(
        path=file,
        db=data.get("db"),
        mirror=data.get("mirror"),
        topics=(file.parent / topics).resolve() if topics else None,
        log_dir=Path(log_dir).expanduser() if log_dir else None,
        outlets=outlets,
        search_queries=list(data.get("search_queries", [])),
        groups={str(k): list(v) for k, v in groups.items()},
        health=policy,
    )


def _got(value: object) -> str:
    return repr(value) if isinstance(value, str) else describe(value)


def _check(what: str, test: Callable[[Any], bool]) -> Callable[[Any], str | None]:
    return lambda value: None if test(value) else f"must be {what}, got {_got(value)}"


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _tables(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(o, dict) for o in value)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _list_of_strings(value: Any) -> str | None:
    # "a string" rather than its text: a string where a list belongs is the usual slip (issue 15).
    if isinstance(value, str):
        return "must be a list of strings, got a string (write [\"...\"])"
    return None if _strings(value) else f"must be a list of non-empty strings, got {describe(value)}"


_GROUP = _check("a non-empty list of outlet names", lambda v: _strings(v) and bool(v))
# The settings and what each value must be (tables are checked key by key in load_config).
_SETTINGS: dict[str, Callable[[Any], str | None]] = {
    "db": _check("a database URL or path (a string)", _is_text),
    "mirror": _check("an http(s) URL", is_http_url),
    "topics": _check("the path of a topics file (a string)", _is_text),
    "log_dir": _check("a folder path (a string)", _is_text),
    "search_queries": _list_of_strings,
    "outlet": _check("an array of tables ([[outlet]])", _tables),
    "groups": _check("a table of name = [outlets] ([groups])", lambda v: isinstance(v, dict)),
    "health": _check("a table ([health])", lambda v: isinstance(v, dict)),
}


# ---------------------------------------------------------------------------------------------
# Lines of keys. tomllib gives values without positions; this reads just enough TOML structure
# (table headers, array-of-table counts, dotted keys) to map a key path to the line it is on.
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")
_PART = re.compile(r"""[A-Za-z0-9_-]+|"([^"]*)"|'([^']*)'""")
Key = tuple[str | int, ...]


def _parts(dotted: str) -> list[str]:
    return [m.group(1) or m.group(2) or m.group(0) for m in _PART.finditer(dotted)]


def key_lines(text: str) -> dict[Key, int]:
    """Key path -> the 1-based line that sets it (or opens its table); array tables get their index."""
    lines: dict[Key, int] = {}
    counts: dict[Key, int] = {}  # array-of-tables path -> tables seen so far
    table: Key = ()
    in_string = False
    for number, line in enumerate(text.splitlines(), 1):
        if in_string:  # inside a multi-line string nothing is a key
            in_string = (line.count('"""') + line.count("'''")) % 2 == 0
            continue
        if header := _HEADER.match(line):
            path: Key = ()
            for part in _parts(header.group(2)):
                path = (*path, part)
                if path in counts:  # a key of an array of tables means its latest table
                    path = (*path, counts[path] - 1)
            if header.group(1) == "[[":
                base = path[:-1] if path and isinstance(path[-1], int) else path
                counts[base] = counts.get(base, 0) + 1
                path = (*base, counts[base] - 1)
            table = path
            lines.setdefault(table, number)
        elif key := _KEY.match(line):
            lines.setdefault((*table, *_parts(key.group(1))), number)
            in_string = (line.count('"""') + line.count("'''")) % 2 == 1
    return lines


def line_of(lines: dict[Key, int], key: Key) -> int:
    """The line of a key, or of the nearest enclosing key or table that has one (1 if none)."""
    for end in range(len(key), 0, -1):
        if key[:end] in lines:
            return lines[key[:end]]
    return 1
