"""Precision/recall of the default topic on the hand-written dev set.

Usage: python bench/relevance_eval.py [--devset PATH] [--topics PATH] [--repeats N] [--verbose]

Positives are `positive`; `hard_negative` and `negative` are both negatives. The dev set was
written in parts (`half`): A was used while writing the rules; B was written with the rules frozen
and measured (P 0.927, R 0.950 on first run: 3 FP, 2 FN), then its errors drove general fixes; C
was written after that second freeze and only measured. So B's first run and C are the honest
estimates; A and today's B are training scores.

Speed is reported here, never asserted in tests: articles/s over the dev set and over a batch of
long synthetic articles, each the median of --repeats runs (the first run also warms the caches).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from crawler.relevance import TopicSet, load_topics  # noqa: E402
from newsmon.core.records import Article  # noqa: E402
from samples.metrics import Counts  # noqa: E402

DEVSET = ROOT / "bench" / "relevance" / "devset.jsonl"



@dataclass(slots=True)
class Report:
    overall: Counts = field(default_factory=Counts)
    by_language: dict[str, Counts] = field(default_factory=dict)
    by_half: dict[str, Counts] = field(default_factory=dict)
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, label, kind, title


def load_devset(path: Path = DEVSET) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def to_article(row: dict) -> Article:
    return Article(url=f"dev:{row['id']}", title=row["title"], lead=row.get("lead") or None,
                   body=list(row.get("body", [])), language=row.get("language"))


def evaluate(rows: Iterable[dict], topics: TopicSet) -> Report:
    """Score every row; hard negatives and plain negatives both count as negatives."""
    report = Report()
    for row in rows:
        gold = row["label"] == "positive"
        predicted = topics.evaluate(to_article(row)).relevant
        for counts in (
            report.overall,
            report.by_language.setdefault(row["language"], Counts()),
            report.by_half.setdefault(row.get("half", "-"), Counts()),
        ):
            counts.add(gold, predicted)
        if gold != predicted:
            report.errors.append((row["id"], row["label"], row.get("kind", ""), row["title"]))
    return report


def long_articles(count: int = 300) -> list[Article]:
    """Long Vietnamese articles (8 paragraphs of ~100 words) that do not match: the common case."""
    body = ["Tỉnh đã triển khai nhiều nền tảng số phục vụ người dân và doanh nghiệp trong năm qua. " * 8] * 8
    return [Article(url=f"bench:{i}", title=f"Tin số {i}", lead="Chuyển đổi số ở địa phương", body=body)
            for i in range(count)]


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    """Median wall time of `repeats` calls of run()."""
    times = []
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _speed(name: str, count: int, seconds: float, repeats: int) -> str:
    return (f"speed {name:<14} {count} articles in {seconds * 1000:.1f} ms"
            f" ({count / seconds:.0f} articles/s, median of {repeats})")


def _line(name: str, c: Counts) -> str:
    return (f"{name:<10} n={c.n:<4} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}"
            f"  (tp={c.tp} fp={c.fp} fn={c.fn} tn={c.tn})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--topics", type=Path, default=None, help="topic TOML (default: bundled)")
    parser.add_argument("--repeats", type=int, default=5, help="timing runs per speed figure (median)")
    parser.add_argument("--verbose", action="store_true", help="show matched terms of errors")
    args = parser.parse_args(argv)

    topics = load_topics(args.topics)
    rows = load_devset(args.devset)
    report = evaluate(rows, topics)
    repeats = max(1, args.repeats)
    devset_s = median_seconds(lambda: evaluate(rows, topics), repeats)
    long = long_articles()
    long_s = median_seconds(lambda: [topics.evaluate(article) for article in long], repeats)

    print(_line("overall", report.overall))
    for half, counts in sorted(report.by_half.items()):
        print(_line(f"half {half}", counts))
    for lang, counts in sorted(report.by_language.items(), key=lambda kv: -kv[1].n):
        print(_line(f"lang {lang}", counts))
    print(_speed("dev set", len(rows), devset_s, repeats))
    print(_speed("long articles", len(long), long_s, repeats))
    print(f"misclassified: {len(report.errors)}")
    by_id = {row["id"]: row for row in rows}
    for rid, label, kind, title in report.errors:
        print(f"  {rid} [{label}] {kind}: {title}")
        if args.verbose:
            print(f"      {topics.evaluate(to_article(by_id[rid]))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
