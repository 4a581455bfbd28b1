"""The article-extraction benchmark's data and metric, shared by bench/extraction.py and the tests.

Pages come from ../shared/benchmarks/article-extraction (Zyte's article-extraction benchmark). The
metric is re-implemented from the data set's README (upstream's script is not copied): ``\\w+``
tokens, 4-gram shingles, multiset tp/fp/fn per page normalised by their sum, precision averaged
over pages with tp+fp>0, recall over pages with tp+fn>0, F1 of the two averages.
Pure Python: it knows nothing of the product, so tests and benches may both import it.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO.parent / "shared" / "benchmarks" / "article-extraction"

_TOKEN = re.compile(r"\w+", re.UNICODE)
_NGRAM = 4


@dataclass(slots=True)
class Page:
    """One benchmark item, HTML already decoded so that timing covers extraction only."""

    item_id: str
    url: str
    html: str
    truth: str


@dataclass(slots=True)
class Score:
    """Averaged precision/recall over pages, and their F1."""

    precision: float
    recall: float
    f1: float
    pages: int


def shingles(text: str, n: int = _NGRAM) -> Counter[str]:
    """Multiset of n-token shingles; a text shorter than n tokens gives one short shingle."""
    tokens = _TOKEN.findall(text)
    count = max(1, len(tokens) - n + 1)
    return Counter(" ".join(tokens[i : i + n]) for i in range(count) if tokens[i : i + n])


def page_counts(truth: str, predicted: str) -> tuple[float, float, float]:
    """tp, fp, fn of one page as shares of their sum (so every page weighs the same)."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def aggregate(counts: Iterable[tuple[float, float, float]]) -> Score:
    """Average per-page precision and recall, then F1 of those averages (upstream's way)."""
    precisions: list[float] = []
    recalls: list[float] = []
    pages = 0
    for tp, fp, fn in counts:
        pages += 1
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f1, pages)


def load_pages(limit: int | None = None, bench_dir: Path = BENCH_DIR) -> list[Page]:
    """Benchmark pages in sorted id order (so ``--limit`` picks a stable subset)."""
    truth = json.loads((bench_dir / "ground-truth.json").read_text(encoding="utf8"))
    pages: list[Page] = []
    for item_id in sorted(truth)[:limit]:
        with gzip.open(bench_dir / "html" / f"{item_id}.html.gz", "rt", encoding="utf8") as fh:
            html = fh.read()
        item = truth[item_id]
        pages.append(Page(item_id, item.get("url", ""), html, item.get("articleBody", "")))
    return pages
