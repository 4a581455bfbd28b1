"""Fixed cost of a newsmon process: CPU seconds and peak RSS of commands that do (almost) nothing.

Cases, each a fresh `python -P -m newsmon` process as the scheduler or a user starts one:
- `newsmon --help`;
- `newsmon search x` on a small archive (the bundled gold records, ingested);
- `newsmon crawl --outlet tuoitre.vn --adaptive` on an archive where the outlet is not due: a crawl
  process with nothing to fetch.
The figures are the child's own (`os.wait4` rusage: user + system CPU, ru_maxrss), the median of
`--repeats` runs after one warm-up run (which writes the bytecode caches), side by side with the same
commands run by a reference tree (by default commit 21c43a1, today's code before issue 14, extracted
with `git archive`, which changes no git state). The two trees run alternately, so the machine's
load falls on both alike. Each tree builds its own archives (their schemas may differ).

    python bench/startup.py [--repeats 5] [--ref-commit 21c43a1 | --ref DIR]

Targets (issue 14): idle crawl <= 0.5 s CPU and <= 120 MB RSS; `newsmon search` <= 0.3 s CPU.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REF_COMMIT = "21c43a1"
NOT_DUE = """
import sys
from datetime import timedelta
from newsmon.core.time import utcnow
from storage.archive import Archive
Archive(sys.argv[1]).save_outlet_state("tuoitre.vn", next_due_at=utcnow() + timedelta(hours=6), poll_interval_s=900)
"""
TARGETS = {"idle crawl": (0.5, 120.0), "search": (0.3, None)}


@dataclass(frozen=True, slots=True)
class Sample:
    cpu_s: float
    rss_mb: float


class Tree:
    """One source tree of newsmon run with the current interpreter, with its own archives and XDG folders."""

    def __init__(self, label: str, source: Path, work: Path) -> None:
        self.label, self.source, self.work = label, source, work
        work.mkdir(parents=True)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSMON_", "PYTHON"))}
        self.env["PYTHONPATH"] = str(source)  # ahead of the editable install's finder (appended to meta_path)
        for kind in ("DATA", "STATE", "CACHE", "CONFIG"):
            self.env[f"XDG_{kind}_HOME"] = str(work / kind.lower())

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-P", "-m", "newsmon", *args]

    def run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            argv, env=self.env, cwd=self.work, capture_output=True, text=True, stdin=subprocess.DEVNULL
        )
        if result.returncode != 0:
            sys.exit(f"{self.label}: {' '.join(argv[3:])} exited {result.returncode}: {result.stderr.strip()[-500:]}")
        return result

    def prepare(self, records: Path) -> dict[str, list[str]]:
        """Build the archives and return the measured commands by case name."""
        search_db = f"sqlite:///{self.work / 'search.sqlite3'}"
        idle_db = f"sqlite:///{self.work / 'idle.sqlite3'}"
        self.run(self.command("--db", search_db, "ingest", str(records)))
        self.run(self.command("--db", idle_db, "ingest", os.devnull))  # creates the archive (any version)
        self.run([sys.executable, "-P", "-c", NOT_DUE, idle_db])
        return {
            "--help": self.command("--help"),
            "search": self.command("--db", search_db, "search", "x"),
            "idle crawl": self.command("--db", idle_db, "crawl", "--outlet", "tuoitre.vn", "--adaptive"),
        }

    def measure(self, argv: list[str]) -> Sample:
        """One run: the child's own CPU and peak RSS, read from its rusage when it is reaped."""
        with open(os.devnull, "wb") as null:
            child = subprocess.Popen(
                argv, env=self.env, cwd=self.work, stdin=subprocess.DEVNULL, stdout=null, stderr=null
            )
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if child.returncode != 0:
            sys.exit(f"{self.label}: {' '.join(argv[3:])} exited {child.returncode}")
        return Sample(usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def gold_records(path: Path) -> Path:
    """The bundled gold records (samples/gold) as one JSON-lines file: a small, realistic archive."""
    with path.open("w", encoding="utf-8") as out:
        for name in sorted(glob.glob(str(ROOT / "samples" / "gold" / "*" / "*.json"))):
            out.write(json.dumps(json.loads(Path(name).read_text(encoding="utf-8")), ensure_ascii=False) + "\n")
    return path


def extract_commit(commit: str, into: Path) -> Path:
    """The commit's files, by `git archive` (read-only: no worktree, no checkout)."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


def median(samples: list[Sample]) -> Sample:
    return Sample(statistics.median(s.cpu_s for s in samples), statistics.median(s.rss_mb for s in samples))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--ref-commit", default=REF_COMMIT, help="reference commit [default: %(default)s]")
    parser.add_argument("--ref", type=Path, help="an already extracted reference tree (instead of --ref-commit)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsmon-startup-") as tmp:
        base = Path(tmp)
        ref_source = args.ref or extract_commit(args.ref_commit, base / "ref-src")
        ref_label = f"ref {args.ref_commit}" if args.ref is None else f"ref {args.ref}"
        trees = [Tree(ref_label, ref_source, base / "ref"), Tree("this tree", ROOT, base / "new")]
        records = gold_records(base / "gold.jsonl")
        commands = [tree.prepare(records) for tree in trees]
        results: dict[str, list[list[Sample]]] = {case: [[], []] for case in commands[0]}
        for case in results:
            for i, tree in enumerate(trees):
                tree.measure(commands[i][case])  # warm-up: bytecode caches, page cache
            for _ in range(args.repeats):
                for i, tree in enumerate(trees):  # alternately, so load on the machine hits both alike
                    results[case][i].append(tree.measure(commands[i][case]))
    print(f"median of {args.repeats} runs; CPU = user + system seconds of the child, RSS = its peak\n")
    head = f"{'case':<12} {ref_label + ' CPU s':>20} {'RSS MB':>7} {'this tree CPU s':>16} {'RSS MB':>7}"
    print(head + f" {'CPU ratio':>9} {'RSS ratio':>9}  target")
    for case, (ref, new) in results.items():
        r, n = median(ref), median(new)
        cpu_target, rss_target = TARGETS.get(case, (None, None))
        target = ", ".join(
            part
            for part in (
                f"<= {cpu_target} s {'met' if n.cpu_s <= cpu_target else 'NOT met'}" if cpu_target else "",
                f"<= {rss_target:.0f} MB {'met' if n.rss_mb <= rss_target else 'NOT met'}" if rss_target else "",
            )
            if part
        )
        print(
            f"{case:<12} {r.cpu_s:>20.2f} {r.rss_mb:>7.0f} {n.cpu_s:>16.2f} {n.rss_mb:>7.0f}"
            f" {n.cpu_s / r.cpu_s:>9.2f} {n.rss_mb / r.rss_mb:>9.2f}  {target}"
        )


if __name__ == "__main__":
    main()
