"""Pairwise precision and recall of duplicate detection on the development groups.

Usage: python bench/dedup_eval.py [--groups PATH] [--orders N] [--threshold T] [--verbose]

Every article of bench/dedup/groups.jsonl goes through the real `Archive.store` into a temporary SQLite
archive, in N shuffled orders (story links must not depend on arrival order). Two articles are predicted
the same story when they end up with the same story_id. Truth, per pair:
- positive: both in one group's story (original, near_duplicate, teaser, or a translation that names its
  source);
- negative: an independent report with anything, and any two articles of different groups (among them
  look-alikes: another year or ceremony written with the same template, `template_of`);
- not scored: pairs with a partial_overlap (a rewritten press release; reported apart) and translations
  that do not name their source.
Figures are given for half A (tuned on), half B (written after the settings froze) and all.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import storage.matching as matching  # noqa: E402
from newsmon.core.records import Article, Relevance  # noqa: E402
from samples.dedup_groups import GROUPS, Group, Tally, article_fields, load, shuffled, truth  # noqa: E402
from storage import models as m  # noqa: E402
from storage.archive import Archive  # noqa: E402
from storage.dedup import SHINGLE_SIZE, comparison_words, fingerprint  # noqa: E402

ON = Relevance(True, 1.0, ["egov-awards"], {})


def stories(articles: list[Group], seed: int) -> dict[str, int]:
    """Store the articles in a shuffled order into a fresh archive; article id -> story id."""
    with tempfile.TemporaryDirectory() as tmp:
        arch = Archive(f"sqlite:///{tmp}/eval.sqlite3")
        try:
            ids = {a["id"]: arch.store(Article(**article_fields(a)), ON).article_id for a in shuffled(articles, seed)}
            with arch.sessions() as session:
                story_of = dict(session.execute(select(m.Article.id, m.Article.story_id)).all())
        finally:
            arch.close()
    return {aid: story_of[row] for aid, row in ids.items()}


def containment_true(a: Group, b: Group) -> float:
    """Exact 5-word shingle containment of the smaller text in the larger (for the report only)."""
    sets = []
    for art in (a, b):
        text = "\n\n".join([art.get("lead") or "", *art["body"]])
        tokens = comparison_words(text)
        sets.append({tuple(tokens[i : i + SHINGLE_SIZE]) for i in range(len(tokens) - SHINGLE_SIZE + 1)})
    small, large = sorted(sets, key=len)
    return len(small & large) / len(small) if small else 0.0


def evaluate(articles: list[Group], orders: int = 3, verbose: bool = False) -> dict[str, dict]:
    """Counts per scope (A, B, cross, all) summed over the orders, plus per-kind tallies."""
    tally = Tally()
    for seed in range(orders):
        tally.add(articles, stories(articles, seed))
    if verbose:
        by_id = {a["id"]: a for a in articles}
        for (x, y, kind, what), n in sorted(tally.errors.items()):
            est = fingerprint("\n\n".join([by_id[x].get("lead") or "", *by_id[x]["body"]])).containment(
                fingerprint("\n\n".join([by_id[y].get("lead") or "", *by_id[y]["body"]]))
            )
            true = containment_true(by_id[x], by_id[y])
            print(f"  {what} {x} ~ {y} ({kind}) in {n}/{orders} orders: est {est:.2f} true {true:.2f}")
    return tally.result()


def similarity_table(articles: list[Group]) -> None:
    """Estimated and true containment of every same-group pair and of every look-alike pair."""
    fps = {a["id"]: fingerprint("\n\n".join([a.get("lead") or "", *a["body"]])) for a in articles}
    rows = []
    for a, b in itertools.combinations(articles, 2):
        gold, kind = truth(a, b)
        if kind == "unrelated":
            continue
        rows.append((kind, gold, fps[a["id"]].containment(fps[b["id"]]), containment_true(a, b), a["id"], b["id"]))
    for kind, gold, est, true, x, y in sorted(rows, key=lambda r: (r[0], -r[2])):
        print(f"  {kind:32} {str(gold):5} est {est:.2f} true {true:.2f}  {x} ~ {y}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--groups", type=Path, default=GROUPS)
    parser.add_argument("--orders", type=int, default=3)
    parser.add_argument("--threshold", type=float, help="override NEAR_CONTAINMENT (tuning)")
    parser.add_argument("--half", choices=["A", "B"], help="only this half's articles")
    parser.add_argument("--pairs", action="store_true", help="print the containment of related pairs")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.threshold is not None:
        matching.NEAR_CONTAINMENT = args.threshold
    articles = load(args.groups)
    if args.half:
        articles = [a for a in articles if a["half"] == args.half]
    if args.pairs:
        similarity_table(articles)
    result = evaluate(articles, args.orders, args.verbose)
    groups = len({a["group"] for a in articles})
    print(
        f"{len(articles)} articles in {groups} groups, {args.orders} orders,",
        f"threshold {matching.NEAR_CONTAINMENT}",
    )
    for scope in ("A", "B", "cross", "all"):
        if scope in result["scopes"]:
            c = result["scopes"][scope]
            print(
                f"  {scope:6} P {c['precision']:.3f} R {c['recall']:.3f}",
                f" (tp {c['tp']} fp {c['fp']} fn {c['fn']} tn {c['tn']})",
            )
    for kind, v in sorted(result["kinds"].items()):
        print(f"  {kind:32} merged {v['merged']:5}  apart {v['apart']:5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
