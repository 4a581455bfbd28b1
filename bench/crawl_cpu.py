"""CPU and wall time of `newsmon crawl` over the bundled mock outlets, this code beside a reference.

Run from the repo root: ``python bench/crawl_cpu.py [--ref DIR] [--repeats 3] [--mirror URL]``.
The mock outlets (samples/server.py) are served from a thread of this process (or `--mirror`, e.g. a
larger synthetic mock); each crawl is a child process (``python -m newsmon --db X crawl --mirror
URL``) into a fresh archive with its own HTTP cache, so its CPU is the child's user+sys time
(`resource.getrusage(RUSAGE_CHILDREN)`), never the server's. A second crawl into the same archive
stores nothing (every article is known) but pays start-up and discovery: the difference between the
two, per article stored, is the per-article cost (fetch, extract, clean, relevance, store). Runs
alternate between the two trees so drift on the shared machine hits both alike; medians are
printed. The reference is a plain tree of an older commit, e.g. today's code before issue 14::

    mkdir -p /tmp/ref-21c43a1 && git archive 21c43a1 | tar -x -C /tmp/ref-21c43a1
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from samples.server import make_server  # noqa: E402

_SUMMARY = re.compile(r"pages fetched (\d+), new articles (\d+), duplicates (\d+), off-topic (\d+)")


@dataclass(frozen=True, slots=True)
class Run:
    cpu: float  # seconds, user + sys of the first crawl's process
    wall: float
    pages: int
    stored: int  # articles stored: new, duplicate or off-topic
    again_cpu: float  # the second crawl of the same archive: start-up and discovery, nothing stored

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.cpu / max(self.pages, 1)

    @property
    def ms_per_article(self) -> float:
        return 1000 * (self.cpu - self.again_cpu) / max(self.stored, 1)


def _crawl(tree: Path, mirror: str, tmp: str) -> tuple[float, float, tuple[int, ...]]:
    """CPU s, wall s and the summary's counts of one crawl by the code in `tree` into `tmp`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSMON_")}
    env.update(
        PYTHONPATH=str(tree), XDG_CACHE_HOME=f"{tmp}/cache", XDG_CONFIG_HOME=f"{tmp}/config",
        XDG_DATA_HOME=f"{tmp}/data", XDG_STATE_HOME=f"{tmp}/state",
    )
    cmd = [sys.executable, "-m", "newsmon", "--db", f"{tmp}/archive.db", "crawl", "--mirror", mirror]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, timeout=3600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"crawl by {tree} exited {done.returncode}:\n{done.stderr[-2000:]}")
    found = _SUMMARY.search(done.stdout + done.stderr)
    counts = tuple(int(n) for n in found.groups()) if found else (0, 0, 0, 0)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall, counts


def crawl_once(tree: Path, mirror: str) -> Run:
    """A first crawl into a fresh archive and HTTP cache, then a second one into the same archive."""
    with tempfile.TemporaryDirectory(prefix="crawl-cpu-") as tmp:
        cpu, wall, counts = _crawl(tree, mirror, tmp)
        again_cpu, _, _ = _crawl(tree, mirror, tmp)
    return Run(cpu=cpu, wall=wall, pages=counts[0], stored=sum(counts[1:]), again_cpu=again_cpu)


def median_of(runs: list[Run], attr: str) -> float:
    return statistics.median(getattr(run, attr) for run in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", type=Path, default=Path("/tmp/ref-21c43a1"), help="the reference tree")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--mirror", help="crawl this mirror instead of serving the bundled mock outlets")
    args = parser.parse_args(argv)
    trees = {"this code": REPO}
    if (args.ref / "newsmon").is_dir():
        trees[f"reference ({args.ref.name})"] = args.ref.resolve()
    else:
        print(f"no reference tree at {args.ref}: measuring this code only", file=sys.stderr)
    server = None
    if args.mirror:
        mirror = args.mirror.rstrip("/")
    else:
        server = make_server(0)
        threading.Thread(target=server.serve_forever, name="mock-outlets", daemon=True).start()
        mirror = f"http://127.0.0.1:{server.server_address[1]}"
    runs: dict[str, list[Run]] = {name: [] for name in trees}
    try:
        for _ in range(args.repeats):
            for name, tree in trees.items():
                runs[name].append(crawl_once(tree, mirror))
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
    print(f"newsmon crawl of {mirror}, medians of {args.repeats} ({os.cpu_count()} cores)")
    print(f"{'code':<24} {'pages':>6} {'stored':>6} {'CPU s':>7} {'wall s':>7} {'CPU ms/page':>12} "
          f"{'again CPU s':>12} {'CPU ms/article':>15}")
    for name, measured in runs.items():
        print(
            f"{name:<24} {median_of(measured, 'pages'):>6.0f} {median_of(measured, 'stored'):>6.0f} "
            f"{median_of(measured, 'cpu'):>7.2f} {median_of(measured, 'wall'):>7.2f} "
            f"{median_of(measured, 'ms_per_page'):>12.1f} {median_of(measured, 'again_cpu'):>12.2f} "
            f"{median_of(measured, 'ms_per_article'):>15.1f}"
        )
    print("again: a second crawl of the same archive (start-up, discovery, nothing stored); "
          "CPU ms/article = (CPU - again CPU) / stored")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
