"""Per-field accuracy of the profile path (extract_page + finalize) on every mock article page.

Run from the repo root: ``python bench/field_accuracy.py [--outlet DOMAIN] [--show-errors]``.
Every page under ``samples/gold/<outlet>/`` is read from ``samples/sites/`` (no network), extracted
with the outlet's profile and compared field by field with its gold record. Outlets are found by
listing ``samples/gold``, so new mocks are measured as soon as they are built.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(REPO))

from crawler.clean.textclean import finalize  # noqa: E402
from crawler.extract.page import extract_page  # noqa: E402
from crawler.outlets.registry import OutletProfile, Registry  # noqa: E402
from samples.mock.site import file_for  # noqa: E402

SAMPLES = REPO / "samples"
GOLD_DIR = SAMPLES / "gold"
SITES_DIR = SAMPLES / "sites"
FIELDS = (
    "url", "canonical_url", "outlet", "title", "lead", "body", "captions", "authors", "published",
    "language", "section", "tags", "source_attribution", "translated_from",
)


@dataclass(slots=True)
class GoldPage:
    """One mock article: its gold record and the saved HTML the crawler would download."""

    outlet: str
    page_id: str
    gold: dict[str, Any]
    html_path: Path


@dataclass(slots=True)
class OutletScore:
    """Matches per field for one outlet, and what differed (field, page id, got, want)."""

    outlet: str
    pages: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        return self.hits[name] / self.pages if self.pages else 0.0

    @property
    def perfect(self) -> bool:
        return self.pages > 0 and not self.misses


def outlets() -> list[str]:
    """Outlets that have gold records (one folder each)."""
    return sorted(p.name for p in GOLD_DIR.iterdir() if p.is_dir()) if GOLD_DIR.is_dir() else []


def html_path(url: str) -> Path:
    """The saved page of a URL, by the mock server's file rule (host without www, index.html, @query)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return SITES_DIR / host / file_for(parts.path, parts.query)


def gold_pages(outlet: str) -> Iterator[GoldPage]:
    for path in sorted((GOLD_DIR / outlet).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        yield GoldPage(outlet, path.stem, gold, html_path(gold["url"]))


def profile_for(registry: Registry, page: GoldPage) -> OutletProfile | None:
    """The profile the crawl would use: the one owning the final URL, else the gold outlet's."""
    profile = registry.for_url(page.gold["url"])
    if profile is not None:
        return profile
    try:
        return registry.get(page.outlet)
    except KeyError:
        return None


def record_of(page: GoldPage, registry: Registry) -> dict[str, Any]:
    """What `newsmon extract --json` gives for the page."""
    html = page.html_path.read_bytes()
    return finalize(extract_page(html, page.gold["url"], profile=profile_for(registry, page))).to_json()


def same_value(name: str, got: Any, want: Any) -> bool:
    """Exact equality; dates compare as instants (gold may spell the offset differently)."""
    if name == "published" and isinstance(got, str) and isinstance(want, str):
        try:
            return datetime.fromisoformat(got) == datetime.fromisoformat(want) and ("T" in got) == ("T" in want)
        except ValueError:
            return got == want
    return bool(got == want)


def score_outlet(outlet: str, registry: Registry | None = None) -> OutletScore:
    registry = registry or Registry.builtin()
    score = OutletScore(outlet)
    for page in gold_pages(outlet):
        score.pages += 1
        if not page.html_path.exists():
            score.misses.append(("(page)", page.page_id, None, str(page.html_path.relative_to(REPO))))
            continue
        record = record_of(page, registry)
        for name in FIELDS:
            if name not in page.gold:
                score.hits[name] += 1  # the gold does not say: nothing to compare
            elif same_value(name, record.get(name), page.gold[name]):
                score.hits[name] += 1
            else:
                score.misses.append((name, page.page_id, record.get(name), page.gold[name]))
    return score


def table(scores: list[OutletScore]) -> str:
    """Markdown table: one row per outlet, one column per field (share of pages exactly right)."""
    short = {"canonical_url": "canonical", "source_attribution": "source", "translated_from": "transl."}
    head = ["outlet", "pages", *(short.get(n, n) for n in FIELDS)]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    total = OutletScore("all")
    for s in scores:
        rows.append("| " + " | ".join([s.outlet, str(s.pages), *(f"{s.accuracy(n):.0%}" for n in FIELDS)]) + " |")
        total.pages += s.pages
        for n in FIELDS:
            total.hits[n] += s.hits[n]
    if len(scores) > 1:
        cells = [f"**{total.accuracy(n):.1%}**" for n in FIELDS]
        rows.append("| " + " | ".join(["**all**", f"**{total.pages}**", *cells]) + " |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlet", action="append", help="only these outlets (gold folder names)")
    parser.add_argument("--show-errors", action="store_true", help="print every differing field")
    args = parser.parse_args(argv)
    registry = Registry.builtin()
    scores = [score_outlet(o, registry) for o in (args.outlet or outlets())]
    print(table(scores))
    if args.show_errors:
        for s in scores:
            for name, page_id, got, want in s.misses:
                print(f"{s.outlet} {page_id} {name}: got {got!r}, gold {want!r}")
    return 0 if all(s.perfect for s in scores) else 1


if __name__ == "__main__":
    raise SystemExit(main())
