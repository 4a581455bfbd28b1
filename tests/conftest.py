"""Shared fixtures: temporary archives, the mock outlets over HTTP, and the CLI as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


# Where tests keep the XDG folders (data, state/logs, cache, config): never the developer's own.
_XDG_ROOT = Path(tempfile.mkdtemp(prefix="newsmon-tests-xdg-"))
XDG_ENV = {f"XDG_{kind}_HOME": str(_XDG_ROOT / kind.lower()) for kind in ("DATA", "STATE", "CACHE")}
XDG_ENV["XDG_CONFIG_HOME"] = str(ROOT / "tests" / "_no_config")


@pytest.fixture(autouse=True, scope="session")
def _isolated_xdg() -> Iterator[None]:
    """In-process tests (CliRunner, the crawl runner) write logs and the HTTP cache under a temp folder."""
    saved = {key: os.environ.get(key) for key in XDG_ENV}
    os.environ.update(XDG_ENV)
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test when it is absent (a user's clone has none)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is only beside CI and developer checkouts)")
    return path


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'archive.sqlite3'}"


@pytest.fixture
def archive(db_url: str):  # type: ignore[no-untyped-def]
    from storage.archive import Archive

    arch = Archive(db_url)
    yield arch
    arch.close()


@pytest.fixture(scope="session")
def mock_server() -> Iterator[object]:
    """The bundled mock outlets on 127.0.0.1 for the whole session (its request log is inspectable)."""
    import threading

    from samples.server import make_server

    server = make_server(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def mirror(mock_server: object) -> str:
    host, port = mock_server.server_address[:2]  # type: ignore[attr-defined]
    return f"http://{host}:{port}"


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a newsmon child: no NEWSMON_* of the developer, the tests' XDG folders."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    full_env.update(XDG_ENV)  # never a developer's own config, archive, logs or HTTP cache
    full_env.update(extra or {})
    return full_env


def start_newsmon(
    *args: str, env: dict[str, str] | None = None, output: int = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """Start `python -m newsmon ...` (e.g. the daemon) in the background; `output` takes stdout and stderr."""
    return subprocess.Popen(
        [sys.executable, "-m", "newsmon", *args],
        cwd=ROOT,
        env=cli_env(env),
        stdout=output,
        stderr=subprocess.STDOUT if output == subprocess.PIPE else output,
        stdin=subprocess.DEVNULL,
    )


def run_cli(
    *args: str,
    db: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    input_text: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m newsmon ...` in a child process, as a user (or cron) would."""
    full_env = cli_env(env)
    cmd = [sys.executable, "-m", "newsmon"]
    if db:
        cmd += ["--db", db]
    return subprocess.run(
        [*cmd, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=full_env,
        input=input_text if input_text is not None else "",
    )
