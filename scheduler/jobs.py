"""Scheduled crawl jobs: each crawl runs as a child process (`scheduler.child`, then `newsmon crawl`) with a
time limit.

Scrapy's reactor starts once per process, so the daemon never crawls in its own process. The child
writes its own run row; if it has to be killed, dies, or fails before it wrote one, the parent says
so on a run row, with the last lines the child wrote to stderr (relayed to the daemon's stderr too).
"""

from __future__ import annotations

import collections
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from typing import IO

from newsmon.core.records import ExitCode, Trigger
from newsmon.core.time import utcnow
from storage.archive import Archive

log = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 3600  # seconds a scheduled crawl may run before it is stopped
STDERR_KEPT = 3  # last lines of a failed child's stderr put on its run row
_children: set[subprocess.Popen[bytes]] = set()
_children_lock = threading.Lock()
_refusing = threading.Event()


def crawl_command(
    db_url: str,
    outlets: list[str],
    trigger: Trigger,
    config: str | None = None,
    groups: list[str] | None = None,
    adaptive: bool = False,
) -> list[str]:
    """The command line of one scheduled crawl: `python -P -m scheduler.child <daemon pid> --db ... crawl ...`."""
    cmd = [sys.executable, "-P", "-m", "scheduler.child", str(os.getpid()), "--db", db_url]
    if config:
        cmd += ["--config", config]
    cmd += ["crawl", "--trigger", str(trigger)]
    for outlet in outlets:
        cmd += ["--outlet", outlet]
    for group in groups or []:
        cmd += ["--group", group]
    if adaptive:
        cmd.append("--adaptive")
    return cmd


_ARGS_FROM = 5  # crawl_command()[_ARGS_FROM:] are the newsmon arguments, for the log


def refuse_new_children() -> None:
    """The daemon is stopping: a job that fires now must not start a crawl."""
    _refusing.set()


def run_scheduled_crawl(
    outlets: list[str] | None = None,
    time_limit: int = DEFAULT_TIME_LIMIT,
    groups: list[str] | None = None,
    adaptive: bool = False,
) -> int:
    """The APScheduler job: one crawl in a child process. Returns the child's exit code."""
    db_url = os.environ["NEWSMON_DB"]  # set by the daemon; jobs carry no database of their own
    cmd = crawl_command(db_url, outlets or [], Trigger.SCHEDULE, os.environ.get("NEWSMON_CONFIG"), groups, adaptive)
    with _children_lock:
        if _refusing.is_set():
            log.info("daemon stopping: not starting %s", " ".join(cmd[_ARGS_FROM:]))
            return -1
        log.info("starting scheduled crawl: %s", " ".join(cmd[_ARGS_FROM:]))
        started = utcnow() - timedelta(seconds=1)  # the child's run row starts after this
        # A session of its own: a terminal's Ctrl-C reaches the daemon only, which then stops the child
        # with exactly one SIGTERM (a second signal would make Scrapy stop at once instead of gracefully).
        child = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        _children.add(child)
    tail: collections.deque[str] = collections.deque(maxlen=STDERR_KEPT)
    relay = threading.Thread(target=_relay, args=(child.stderr, tail), name=f"crawl-{child.pid}-stderr", daemon=True)
    relay.start()
    try:
        code = child.wait(timeout=time_limit)
    except subprocess.TimeoutExpired:
        log.error("scheduled crawl over its %ss limit: stopping it", time_limit)
        code = _stop(child)
        _mark_dead_runs(db_url, child.pid, f"stopped after the {time_limit}s time limit")
    finally:
        with _children_lock:
            _children.discard(child)
    relay.join(timeout=5)
    if code == ExitCode.SKIPPED:  # the child found every outlet leased by another run
        log.warning("scheduled crawl skipped: its outlets are being crawled by another run")
    elif code != 0:
        said = " | ".join(tail)
        reason = f"crawl process exited with code {code}" + (f": {said}" if said else "")
        log.error("scheduled crawl failed: %s", reason)  # daemon.log: the child's own log may not exist
        _account_for(db_url, child.pid, started, [*(outlets or []), *(f"group:{g}" for g in groups or [])], reason)
    log.info("scheduled crawl finished with exit code %s", code)
    return code


def _relay(stream: IO[bytes] | None, tail: collections.deque[str]) -> None:
    """Copy the child's stderr to ours as it comes, keeping its last non-blank lines for the run row."""
    if stream is None:
        return
    out = sys.stderr.buffer if hasattr(sys.stderr, "buffer") else None
    with stream:
        for line in stream:
            if out is not None:
                try:
                    out.write(line)
                    out.flush()
                except (OSError, ValueError):  # our stderr is gone (closed terminal): keep reading
                    out = None
            text = line.decode("utf-8", "replace").strip()
            if text:
                tail.append(text[-300:])


def _stop(child: subprocess.Popen[bytes], grace: float = 30.0) -> int:
    """SIGTERM first (Scrapy closes gracefully and the run row says 'interrupted'), then SIGKILL."""
    child.send_signal(signal.SIGTERM)
    try:
        return child.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        child.kill()
        return child.wait()


def stop_all_children(grace: float = 30.0) -> None:
    """SIGTERM every running crawl at once, then give them `grace` seconds together before SIGKILL."""
    with _children_lock:
        _refusing.set()
        children = list(_children)
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            log.error("crawl pid %s ignored SIGTERM for %ss: killing it", child.pid, grace)
            child.kill()
            child.wait()


def _mark_dead_runs(db_url: str, pid: int, reason: str) -> None:
    """Runs the child left 'running' did not end on their own: say so on the row."""
    archive = Archive(db_url)
    try:
        archive.fail_running_runs(pid, reason)
    finally:
        archive.close()


def _account_for(db_url: str, pid: int, started: datetime, outlets: list[str], reason: str) -> None:
    """A child that failed leaves a failed run: its own rows marked, or one written for it if it wrote none."""
    archive = Archive(db_url)
    try:
        archive.account_for_process(pid, started, Trigger.SCHEDULE, outlets, reason)
    finally:
        archive.close()
