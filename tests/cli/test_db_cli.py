"""A mistyped --db creates nothing; `newsmon db init` creates explicitly; the config is always checked."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli

HINT = "(create one with `newsmon db init`, a crawl, demo or ingest)"

READ_ONLY = [
    ["search", "chính phủ số"],
    ["show", "1"],
    ["export"],
    ["runs"],
    ["status"],
    ["schedule", "list"],
    ["schedule", "remove", "job-1"],
    ["daemon"],
]


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stdout + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("newsmon: error: "), line
    return line


@pytest.mark.parametrize("args", READ_ONLY, ids=" ".join)
def test_read_only_command_refuses_a_missing_archive_and_creates_nothing(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "typo" / "archive.sqlite3"
    result = run_cli(*args, db=str(path), timeout=60)
    assert result.returncode == 2, result.stderr
    assert one_error_line(result) == f"newsmon: error: no archive at {path} {HINT}"
    assert list(tmp_path.iterdir()) == []


def test_read_only_command_refuses_the_missing_default_archive(tmp_path: Path) -> None:
    data_home = tmp_path / "data"
    result = run_cli("search", "x", env={"XDG_DATA_HOME": str(data_home)})
    assert result.returncode == 2
    assert f"no archive at {data_home / 'newsmon' / 'newsmon.sqlite3'}" in one_error_line(result)
    assert not data_home.exists()


def test_db_init_creates_the_archive_then_search_works(tmp_path: Path) -> None:
    path = tmp_path / "new" / "archive.sqlite3"
    created = run_cli("db", "init", db=str(path))
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith(f"created the archive at sqlite:///{path} (schema "), created.stdout
    again = run_cli("db", "init", db=str(path))  # idempotent
    assert again.returncode == 0 and f"the archive at sqlite:///{path} is up to date" in again.stdout
    search = run_cli("search", "chính phủ số", "--format", "json", db=str(path))
    assert search.returncode == 0, search.stderr
    assert json.loads(search.stdout) == []


def test_db_init_on_an_impossible_path_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run_cli("db", "init", db=str(blocker / "sub" / "archive.sqlite3"))
    assert result.returncode == 2
    assert "cannot create the database folder" in one_error_line(result)


@pytest.mark.parametrize("where", ["--config", "default place"])
def test_a_broken_config_is_refused_even_with_db(tmp_path: Path, where: str) -> None:
    config_home = tmp_path / "config"
    config = config_home / "newsmon" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("this is [not toml\n")
    db = tmp_path / "archive.sqlite3"
    assert run_cli("db", "init", db=str(db)).returncode == 0
    args = ["--config", str(config)] if where == "--config" else []
    result = run_cli(*args, "search", "y", db=str(db), env={"XDG_CONFIG_HOME": str(config_home)})
    assert result.returncode == 2
    assert "not valid TOML" in one_error_line(result)
