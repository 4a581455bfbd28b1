"""Per-field accuracy of the page path (crawler.process.process_page) on every mock article page.

Run from the repo root: ``python bench/field_accuracy.py [--outlet DOMAIN] [--show-errors]``.
Every page under ``samples/gold/<outlet>/`` is read from ``samples/sites/`` (no network), extracted
with the outlet's profile and compared field by field with its gold record (``samples/gold.py``).
Outlets are found by listing ``samples/gold``, so new mocks are measured as soon as they are built.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from crawler.outlets.registry import Registry  # noqa: E402
from crawler.process import process_page  # noqa: E402
from newsmon.core.records import FetchedPage  # noqa: E402
from samples.gold import GoldPage, outlets, score_outlet, table  # noqa: E402


def record_of(page: GoldPage, registry: Registry) -> dict[str, Any]:
    """What `newsmon extract --json` gives for the page."""
    return process_page(FetchedPage(page.gold["url"], "", page.html_path.read_bytes()), registry).to_json()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlet", action="append", help="only these outlets (gold folder names)")
    parser.add_argument("--show-errors", action="store_true", help="print every differing field")
    args = parser.parse_args(argv)
    registry = Registry.builtin()
    scores = [score_outlet(o, lambda page: record_of(page, registry)) for o in (args.outlet or outlets())]
    print(table(scores))
    if args.show_errors:
        for s in scores:
            for name, page_id, got, want in s.misses:
                print(f"{s.outlet} {page_id} {name}: got {got!r}, gold {want!r}")
    return 0 if all(s.perfect for s in scores) else 1


if __name__ == "__main__":
    raise SystemExit(main())
