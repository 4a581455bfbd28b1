"""Pages per second of the cleaner's full paths (archives are re-extracted when the cleaner improves).

Run from the repo root: ``python bench/pipeline_speed.py [--rounds N] [--profile]``.
- profile path: ``process_page`` (the crawl's one page path: decode, the outlet's profile, ``finalize``)
  on every mock article page, from the saved bytes (decoding and parsing included, as when an
  archive is re-extracted);
- generic path: ``process_page`` with no profile on the extraction benchmark's pages, from their
  bytes (only when ../shared is present);
- text path: ``clean_text`` on the five seed renderings.
Caches and lazy imports are warmed once outside the timed loops. ``--profile`` prints where
``clean_text`` spends its time.
"""

from __future__ import annotations

import argparse
import cProfile
import pkgutil
import pstats
import sys
import time
from collections.abc import Callable
from functools import _lru_cache_wrapper, partial
from importlib import import_module
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import crawler.clean  # noqa: E402
from crawler.clean import clean_text  # noqa: E402
from crawler.outlets.registry import OutletProfile, Registry  # noqa: E402
from crawler.process import process_page  # noqa: E402
from newsmon.core.outlets import OutletNames  # noqa: E402
from newsmon.core.records import FetchedPage  # noqa: E402
from samples.extraction_bench import BENCH_DIR, load_pages  # noqa: E402
from samples.gold import gold_pages, outlets  # noqa: E402

SEEDS = REPO / "samples" / "seeds"


def forget_texts() -> None:
    """Empty the cleaner's per-line caches (bounded lru_caches: label keys, folded title keys ...);
    unbounded ones hold loaded tables, which a re-extraction keeps too."""
    for info in pkgutil.iter_modules(crawler.clean.__path__, "crawler.clean."):
        for value in vars(import_module(info.name)).values():
            if isinstance(value, _lru_cache_wrapper) and value.cache_parameters()["maxsize"] is not None:
                value.cache_clear()


def timed(work: list[Callable[[], object]], rounds: int) -> tuple[float, float]:
    """(pages per second, milliseconds per page) over `rounds` passes, after one warm-up pass."""
    for job in work:
        job()
    spent = 0.0
    for _ in range(rounds):
        forget_texts()  # no credit for having seen these very lines in the previous round
        start = time.perf_counter()
        for job in work:
            job()
        spent += time.perf_counter() - start
    pages = len(work) * rounds
    return pages / spent, 1000 * spent / pages


def profile_jobs() -> list[Callable[[], object]]:
    registry = Registry.builtin()
    jobs: list[Callable[[], object]] = []
    for outlet in outlets():
        for gold in gold_pages(outlet):
            if gold.html_path.exists():
                page = FetchedPage(gold.gold["url"], outlet, gold.html_path.read_bytes())
                jobs.append(partial(process_page, page, registry))
    return jobs


class _GenericOnly:
    """A registry whose profiles own no page (the generic extractor reads them all); the names
    credits are recognised by stay the built-in outlets', as in a crawl."""

    def __init__(self, registry: Registry) -> None:
        self.names = registry.outlet_names()

    def for_url(self, url: str) -> OutletProfile | None:
        return None

    def outlet_names(self) -> OutletNames:
        return self.names


def generic_jobs(limit: int | None) -> list[Callable[[], object]]:
    if not BENCH_DIR.is_dir():
        return []
    nobody = _GenericOnly(Registry.builtin())
    headers = {"content-type": "text/html; charset=utf-8"}  # load_pages decoded them as UTF-8
    pages = [FetchedPage(p.url, "", p.html.encode("utf-8"), headers=headers) for p in load_pages(limit)]
    return [partial(process_page, page, nobody) for page in pages]


def text_jobs() -> list[Callable[[], object]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [partial(clean_text, t) for t in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over each page set")
    parser.add_argument("--limit", type=int, default=None, help="benchmark pages for the generic path")
    parser.add_argument("--profile", action="store_true", help="cProfile clean_text on the seeds")
    args = parser.parse_args(argv)
    print(f"{'path':<44} {'pages':>5} {'pages/s':>8} {'ms/page':>8}")
    sets = (
        ("process_page(profile), mocks", profile_jobs(), args.rounds),
        ("process_page(generic), benchmark", generic_jobs(args.limit), 1),
        ("clean_text, seeds", text_jobs(), args.rounds * 20),
    )
    for name, jobs, rounds in sets:
        if not jobs:
            print(f"{name:<44} skipped (no pages)")
            continue
        speed, ms = timed(jobs, rounds)
        print(f"{name:<44} {len(jobs):>5} {speed:>8.1f} {ms:>8.2f}")
    if args.profile:
        jobs = text_jobs()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(50):
            forget_texts()
            for job in jobs:
                job()
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
