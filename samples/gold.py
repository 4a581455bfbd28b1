"""Compare extracted records with the mock outlets' gold records, field by field.

Pure data code: it reads `samples/gold/<outlet>/*.json`, finds each page's saved HTML under
`samples/sites/` and scores record dicts (what `newsmon extract --json` prints) against the gold.
The extraction itself is the caller's (a test or a bench), so samples/ never imports the product.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from samples.mock.site import file_for

SAMPLES = Path(__file__).resolve().parent
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

    def add(self, page: GoldPage, record: dict[str, Any]) -> None:
        """Score one page's extracted record against its gold."""
        self.pages += 1
        for name in FIELDS:
            if name not in page.gold:
                self.hits[name] += 1  # the gold does not say: nothing to compare
            elif same_value(name, record.get(name), page.gold[name]):
                self.hits[name] += 1
            else:
                self.misses.append((name, page.page_id, record.get(name), page.gold[name]))

    def add_missing(self, page: GoldPage) -> None:
        """A gold page whose saved HTML does not exist: counted, every field wrong."""
        self.pages += 1
        self.misses.append(("(page)", page.page_id, None, str(page.html_path.relative_to(SAMPLES.parent))))


def outlets() -> list[str]:
    """Outlets that have gold records (one folder each)."""
    return sorted(p.name for p in GOLD_DIR.iterdir() if p.is_dir()) if GOLD_DIR.is_dir() else []


def html_path(url: str) -> Path:
    """The saved page of a URL, by the mock server's file rule (host without www, index.html, @query)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    return SITES_DIR / host / file_for(parts.path, parts.query)


def gold_pages(outlet: str) -> Iterator[GoldPage]:
    """The outlet's gold pages, by page id."""
    for path in sorted((GOLD_DIR / outlet).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        yield GoldPage(outlet, path.stem, gold, html_path(gold["url"]))


def same_value(name: str, got: Any, want: Any) -> bool:
    """Exact equality; dates compare as instants (gold may spell the offset differently)."""
    if name == "published" and isinstance(got, str) and isinstance(want, str):
        try:
            return datetime.fromisoformat(got) == datetime.fromisoformat(want) and ("T" in got) == ("T" in want)
        except ValueError:
            return got == want
    return bool(got == want)


def score_outlet(outlet: str, extract: Callable[[GoldPage], dict[str, Any]]) -> OutletScore:
    """Score every gold page of an outlet; `extract` turns a page into its record dict."""
    score = OutletScore(outlet)
    for page in gold_pages(outlet):
        if page.html_path.exists():
            score.add(page, extract(page))
        else:
            score.add_missing(page)
    return score


def misses_report(score: OutletScore) -> str:
    """Every differing field, one block each (empty when the outlet is perfect)."""
    return "\n".join(f"{page_id} {name}: got {got!r}\n    gold {want!r}" for name, page_id, got, want in score.misses)


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
