"""Pages per second of the cleaner's full paths (archives are re-extracted when the cleaner improves).

Run from the repo root: ``python bench/pipeline_speed.py [--rounds N] [--profile]``.
- profile path: ``extract_page`` with the outlet's profile + ``finalize``, on every mock article page,
  from the saved bytes (decoding and parsing included, as when an archive is re-extracted);
- generic path: ``extract_page`` without a profile + ``finalize`` on the extraction benchmark's pages
  (only when ../shared is present);
- text path: ``clean_text`` on the five seed renderings.
Caches and lazy imports are warmed once outside the timed loops. ``--profile`` prints where
``clean_text`` spends its time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.field_accuracy import gold_pages, outlets, profile_for  # noqa: E402
from crawler.clean.textclean import clean_text, finalize  # noqa: E402
from crawler.extract.page import extract_page  # noqa: E402
from crawler.outlets.registry import Registry  # noqa: E402

SEEDS = REPO / "samples" / "seeds"


def forget_texts() -> None:
    """Empty the cleaner's per-line caches (label keys, folded title keys)."""
    from crawler import textclean

    for name in ("_label_key", "_canon"):
        getattr(textclean, name).cache_clear()


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
        for page in gold_pages(outlet):
            if page.html_path.exists():
                html, url, prof = page.html_path.read_bytes(), page.gold["url"], profile_for(registry, page)
                jobs.append(lambda html=html, url=url, prof=prof: finalize(extract_page(html, url, profile=prof)))
    return jobs


def generic_jobs(limit: int | None) -> list[Callable[[], object]]:
    from bench.extraction import BENCH_DIR, load_pages

    if not BENCH_DIR.is_dir():
        return []
    return [
        (lambda p=p: finalize(extract_page(p.html, p.url))) for p in load_pages(limit)
    ]


def text_jobs() -> list[Callable[[], object]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [(lambda t=t: clean_text(t)) for t in texts]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over each page set")
    parser.add_argument("--limit", type=int, default=None, help="benchmark pages for the generic path")
    parser.add_argument("--profile", action="store_true", help="cProfile clean_text on the seeds")
    args = parser.parse_args(argv)
    print(f"{'path':<44} {'pages':>5} {'pages/s':>8} {'ms/page':>8}")
    sets = (
        ("extract_page(profile) + finalize, mocks", profile_jobs(), args.rounds),
        ("extract_page(generic) + finalize, benchmark", generic_jobs(args.limit), 1),
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
