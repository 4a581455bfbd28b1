"""Article-extraction benchmark: the generic extractor against trafilatura on the Zyte pages.

Run from the repo root: ``python bench/extraction.py [--limit N] [--no-trafilatura]``.
The pages and the metric (4-gram shingle P/R/F1, as the data set's README defines it) live in
samples/extraction_bench.py, shared with the tests.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from crawler.extract.generic import extract_generic  # noqa: E402
from samples.extraction_bench import BENCH_DIR, Page, Score, aggregate, load_pages, page_counts  # noqa: E402


def generic_body(page: Page) -> str:
    """The generic extractor's body as scored: paragraphs joined by newlines, title excluded
    (the ground truth holds the article body only)."""
    return "\n".join(extract_generic(page.html, page.url).body)


def trafilatura_body(page: Page) -> str:
    """trafilatura with its defaults (fallback extractors on), comments off, tables on."""
    import trafilatura  # here, not at the top: the [bench] extra is needed only without --no-trafilatura

    return trafilatura.extract(page.html, url=page.url, include_comments=False, include_tables=True) or ""


def run(extract: Callable[[Page], str], pages: list[Page]) -> tuple[list[str], float]:
    """Outputs and the wall time spent in extraction alone."""
    outputs: list[str] = []
    spent = 0.0
    for page in pages:
        start = time.perf_counter()
        outputs.append(extract(page))
        spent += time.perf_counter() - start
    return outputs, spent


def evaluate(extract: Callable[[Page], str], pages: list[Page]) -> tuple[Score, float, list[str]]:
    """Score and pages per second of one extractor."""
    outputs, spent = run(extract, pages)
    score = aggregate(page_counts(p.truth, out) for p, out in zip(pages, outputs, strict=True))
    return score, (len(pages) / spent if spent else 0.0), outputs


def _warm_up(pages: list[Page], extractors: dict[str, Callable[[Page], str]]) -> None:
    """Import modules and fill caches outside the timed loop."""
    for extract in extractors.values():
        extract(pages[0])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by id)")
    parser.add_argument("--no-trafilatura", action="store_true", help="score the generic extractor only")
    parser.add_argument(
        "--worst", type=int, default=0, help="list the N worst pages of the generic extractor"
    )
    args = parser.parse_args(argv)
    if not BENCH_DIR.is_dir():
        print(f"skipped: benchmark data not found at {BENCH_DIR}")
        return 0
    pages = load_pages(args.limit)
    extractors: dict[str, Callable[[Page], str]] = {"generic": generic_body}
    if not args.no_trafilatura:
        extractors["trafilatura"] = trafilatura_body
    _warm_up(pages, extractors)
    print(f"{len(pages)} pages")
    print(f"{'extractor':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/s':>8}")
    generic_outputs: list[str] = []
    for name, extract in extractors.items():
        score, speed, outputs = evaluate(extract, pages)
        if name == "generic":
            generic_outputs = outputs
        print(f"{name:<12} {score.precision:>9.4f} {score.recall:>7.4f} {score.f1:>7.4f} {speed:>8.1f}")
    if args.worst:
        _print_worst(pages, generic_outputs, args.worst)
    return 0


def _print_worst(pages: list[Page], outputs: list[str], n: int) -> None:
    """Pages where the generic extractor scores lowest, to look at by hand."""
    rows = []
    for page, out in zip(pages, outputs, strict=True):
        tp, fp, fn = page_counts(page.truth, out)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, page))
    for f1, p, r, page in sorted(rows, key=lambda row: row[0])[:n]:
        print(f"{f1:.3f} P={p:.3f} R={r:.3f} {page.item_id[:12]} {page.url[:90]}")


if __name__ == "__main__":
    raise SystemExit(main())
