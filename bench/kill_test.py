"""A repeatable kill test: `kill -9` at random moments of crawls and ingests, then a rerun, then the
archive compared with a clean run's.

Usage: python bench/kill_test.py [--kills 100] [--seed S] [--kinds crawl,ingest] [--keep DIR]

Once: the bundled mock outlets (samples/server.py) are served on a free port and a clean reference
archive is crawled from them (`newsmon --db REF crawl --mirror URL`); its export (`newsmon export
--format jsonl --all`) is the input of the ingest trials. Each kind then has its own clean reference
(one uninterrupted run into an empty archive), and that run's duration is the kind's typical duration.

Each trial, for each kind in turn: a fresh archive (and fresh XDG folders: no shared HTTP cache or
config), the operation started in a child process of its own session, SIGKILL to the whole session at
a moment drawn uniformly from [0, typical duration), the same operation rerun to completion, and the
trial archive checked against the kind's reference:

- lost: reference article URLs missing; doubled: URLs the reference does not have, or a URL stored
  twice (the schema forbids it; counted anyway);
- different: articles whose story (the set of URLs in the same story), duplicate group (URLs joined by
  `duplicate_of`, with the kind of link) or completeness (URL key, signature, raw page, content hash)
  differ from the reference's;
- stuck runs: runs left `running`; stuck leases: leases still held.

Groups are compared as sets, not by which article came first: two clean crawls may store syndicated
copies in a different order, and either copy may be the original.

A new kind (reprocess, deliveries) is one entry in KINDS: its command and what it needs prepared.
Exit 0 only if every trial of every kind is ok. `--kills` is the number of trials per kind.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from samples.server import make_server  # noqa: E402

RUN_TIMEOUT_S = 900  # an operation that takes longer is hung: the trial fails


@dataclass(frozen=True, slots=True)
class Setup:
    """What every trial of every kind shares: the mirror and the reference crawl's export."""

    mirror: str
    export: Path


@dataclass(frozen=True, slots=True)
class Kind:
    """One operation the test kills: the newsmon arguments (after `--db X`) that run it."""

    name: str
    args: Callable[[Setup], list[str]]


KINDS = [
    Kind("crawl", lambda s: ["crawl", "--mirror", s.mirror]),
    Kind("ingest", lambda s: ["ingest", str(s.export)]),
]


# ---- running newsmon ------------------------------------------------------------------------------
def _env(home: Path) -> dict[str, str]:
    """The user's environment without NEWSMON_* settings; XDG folders (config, cache, logs) under `home`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    for kind in ("CONFIG", "DATA", "STATE", "CACHE"):
        folder = home / kind.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{kind}_HOME"] = str(folder)
    return env


def _command(db: Path, args: list[str]) -> list[str]:
    return [sys.executable, "-m", "newsmon", "--db", str(db), *args]


def run(db: Path, args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    """Run to completion; raises on a non-zero exit (a rerun must finish the work)."""
    done = subprocess.run(
        _command(db, args), cwd=ROOT, env=_env(home), capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
        stdin=subprocess.DEVNULL,
    )
    if done.returncode != 0:
        raise RuntimeError(f"newsmon {' '.join(args)} exited {done.returncode}: {str(done.stderr).strip()[-500:]}")
    return done


def run_killed(db: Path, args: list[str], home: Path, after_s: float) -> int | None:
    """Start the operation, SIGKILL its whole session after `after_s`; None if it finished first."""
    proc = subprocess.Popen(
        _command(db, args), cwd=ROOT, env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        proc.wait(timeout=after_s)
        return None
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        return proc.wait()


# ---- the archive's state ------------------------------------------------------------------------
@dataclass(slots=True)
class State:
    urls: set[str]
    url_rows: int
    stories: dict[str, frozenset[str]]  # url -> the URLs of its story
    dup_groups: dict[str, frozenset[tuple[str, str]]]  # url -> (url, dup_kind) of its duplicate group
    complete: dict[str, tuple[bool, bool, bool, object]]  # url -> (URL key, signature, raw page, content hash)
    running_runs: int
    held_leases: int


def _rows(con: sqlite3.Connection, sql: str) -> list[tuple[object, ...]]:
    return con.execute(sql).fetchall()


def read_state(db: Path) -> State:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
    try:
        articles = _rows(con, "SELECT id, url, story_id, duplicate_of, dup_kind, content_hash FROM articles")
        url_of = {row[0]: str(row[1]) for row in articles}
        keyed = {row[0] for row in _rows(con, "SELECT DISTINCT article_id FROM article_urls")}
        signed = {row[0] for row in _rows(con, "SELECT DISTINCT article_id FROM signatures")}
        raw = {row[0] for row in _rows(con, "SELECT DISTINCT article_id FROM raw_pages")}
        by_story: dict[object, set[str]] = {}
        for _aid, url, story, *_ in articles:
            by_story.setdefault(story, set()).add(str(url))
        stories = {str(url): frozenset(by_story[story]) for _, url, story, *_ in articles}
        # Duplicate groups: connected components of duplicate_of links (union-find over article ids).
        parent = {aid: aid for aid in url_of}

        def root(a: object) -> object:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for aid, _, _, dup_of, *_ in articles:
            if dup_of in parent:
                parent[root(aid)] = root(dup_of)
        groups: dict[object, set[tuple[str, str]]] = {}
        for aid, url, _, _, kind, _ in articles:
            groups.setdefault(root(aid), set()).add((str(url), str(kind or "original")))
        dup_groups = {url_of[aid]: frozenset(groups[root(aid)]) for aid in url_of}
        complete = {str(url): (aid in keyed, aid in signed, aid in raw, digest) for aid, url, *_, digest in articles}
        running = len(_rows(con, "SELECT id FROM crawl_runs WHERE status = 'running'"))
        held = len(_rows(con, "SELECT name FROM leases WHERE holder IS NOT NULL"))
    finally:
        con.close()
    return State(set(url_of.values()), len(articles), stories, dup_groups, complete, running, held)


def _without_kind(group: frozenset[tuple[str, str]]) -> frozenset[str]:
    return frozenset(url for url, _ in group)


# ---- one trial ----------------------------------------------------------------------------------
@dataclass(slots=True)
class Verdict:
    lost: int = 0
    doubled: int = 0
    different: int = 0
    stuck_runs: int = 0
    stuck_leases: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.doubled or self.different or self.stuck_runs or self.stuck_leases or self.notes)


def compare(ref: State, got: State) -> Verdict:
    v = Verdict()
    v.lost = len(ref.urls - got.urls)
    v.doubled = len(got.urls - ref.urls) + (got.url_rows - len(got.urls))
    common = ref.urls & got.urls
    # A duplicate group compares by members; which copy is the original may differ (arrival order).
    v.different = sum(
        1
        for url in common
        if ref.stories[url] != got.stories[url]
        or _without_kind(ref.dup_groups[url]) != _without_kind(got.dup_groups[url])
        or ref.complete[url] != got.complete[url]
    )
    v.stuck_runs = got.running_runs
    v.stuck_leases = got.held_leases
    return v


def trial(kind: Kind, setup: Setup, ref: State, typical_s: float, rng: random.Random, work: Path) -> Verdict:
    work.mkdir(parents=True)
    db = work / "archive.sqlite3"
    args = kind.args(setup)
    moment = rng.uniform(0.0, typical_s)
    try:
        code = run_killed(db, args, work / "home", moment)
        run(db, args, work / "home")
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        return Verdict(notes=[f"kill at {moment:.2f}s: {exc}"])
    verdict = compare(ref, read_state(db))
    if not verdict.ok:
        found = {"lost": verdict.lost, "doubled": verdict.doubled, "different": verdict.different,
                 "stuck runs": verdict.stuck_runs, "stuck leases": verdict.stuck_leases}
        verdict.notes.append(
            f"kill at {moment:.2f}s ({'finished first' if code is None else f'exit {code}'}): "
            + ", ".join(f"{k} {n}" for k, n in found.items() if n) + f" ({db})"
        )
    return verdict


def _quiet_disconnects(handle_error: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """A killed crawler resets its connections: expected here, so no traceback on the table's screen."""

    def handle(request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            handle_error(request, client_address)

    return handle


# ---- the whole test -----------------------------------------------------------------------------
def reference(kind: Kind, setup: Setup, work: Path) -> tuple[State, float]:
    """A clean run of the kind into an empty archive, and how long it took."""
    work.mkdir(parents=True)
    db = work / "archive.sqlite3"
    start = time.monotonic()
    run(db, kind.args(setup), work / "home")
    return read_state(db), time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=100, help="trials per kind (default 100)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the kill moments (default: random)")
    parser.add_argument("--kinds", default=",".join(k.name for k in KINDS), help="comma-separated kinds")
    parser.add_argument("--keep", type=Path, default=None, help="keep the archives in this folder")
    opts = parser.parse_args(argv)
    seed = opts.seed if opts.seed is not None else random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    by_name = {k.name: k for k in KINDS}
    unknown = [name for name in opts.kinds.split(",") if name not in by_name]
    if unknown:
        parser.error(f"unknown kind(s) {', '.join(unknown)}; known: {', '.join(by_name)}")
    kinds = [by_name[name] for name in opts.kinds.split(",")]

    server = make_server(0)
    server.handle_error = _quiet_disconnects(server.handle_error)  # type: ignore[method-assign, assignment]
    threading.Thread(target=server.serve_forever, name="mock-outlets", daemon=True).start()
    host, port = str(server.server_address[0]), int(server.server_address[1])
    temp = None if opts.keep else tempfile.TemporaryDirectory(prefix="newsmon-kill-")
    base = opts.keep or Path(temp.name)  # type: ignore[union-attr]
    base.mkdir(parents=True, exist_ok=True)
    try:
        mirror = f"http://{host}:{port}"
        print(f"seed {seed}; mirror {mirror}; work folder {base}", flush=True)
        crawl_db = base / "source" / "archive.sqlite3"
        (base / "source").mkdir()
        run(crawl_db, ["crawl", "--mirror", mirror], base / "source" / "home")
        export = base / "source" / "export.jsonl"
        run(crawl_db, ["export", "--format", "jsonl", "--all", "--out", str(export)], base / "source" / "home")
        setup = Setup(mirror, export)
        rows = []
        for kind in kinds:
            ref, typical = reference(kind, setup, base / kind.name / "reference")
            print(f"{kind.name}: reference {len(ref.urls)} articles in {typical:.1f}s", flush=True)
            verdicts = []
            for i in range(opts.kills):
                verdict = trial(kind, setup, ref, typical, rng, base / kind.name / f"trial-{i:03d}")
                verdicts.append(verdict)
                mark = "ok" if verdict.ok else "FAIL " + "; ".join(verdict.notes)
                print(f"  {kind.name} {i + 1}/{opts.kills}: {mark}", flush=True)
            rows.append((kind.name, verdicts))
    finally:
        server.shutdown()
        server.server_close()
        if temp is not None:
            temp.cleanup()
    print_table(rows)
    return 0 if all(v.ok for _, verdicts in rows for v in verdicts) else 1


def print_table(rows: list[tuple[str, list[Verdict]]]) -> None:
    header = ("kind", "kills", "ok", "lost", "doubled", "different", "stuck runs", "stuck leases")
    lines = [header]
    for name, vs in rows:
        lines.append((
            name, str(len(vs)), str(sum(v.ok for v in vs)), str(sum(v.lost for v in vs)),
            str(sum(v.doubled for v in vs)), str(sum(v.different for v in vs)), str(sum(v.stuck_runs for v in vs)),
            str(sum(v.stuck_leases for v in vs)),
        ))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print()
    for n, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)) + " |")
        if n == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


if __name__ == "__main__":
    sys.exit(main())
