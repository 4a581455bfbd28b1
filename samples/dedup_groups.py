"""The dedup development groups (`bench/dedup/groups.jsonl`) and their pairwise scoring.

Pure data code, shared by the dedup bench and its test: loading the groups, the truth of a pair of
articles, and precision and recall of a clustering (article id -> story id) over the scored pairs.
Storing the articles (the clustering itself) is the caller's job: this module knows no product code.

Truth, per pair:
- positive: both in one group's story (original, near_duplicate, teaser, or a translation that names its
  source);
- negative: an independent report with anything, and any two articles of different groups (among them
  look-alikes: another year or ceremony written with the same template, `template_of`);
- not scored: pairs with a partial_overlap (a rewritten press release; reported apart) and translations
  that do not name their source.
"""

from __future__ import annotations

import itertools
import json
import random
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from samples.metrics import Counts

GROUPS = Path(__file__).resolve().parents[1] / "bench" / "dedup" / "groups.jsonl"
STORY = {"original", "near_duplicate", "teaser"}

Group = dict[str, Any]  # one line of groups.jsonl: an article with its group, half and relation




def load(path: Path = GROUPS) -> list[Group]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_fields(a: Group) -> dict[str, Any]:
    """The fields of the article record (`newsmon.core.records.Article(**fields)`) of one entry."""
    return {
        "url": a.get("url") or f"https://{a['outlet']}/{a['id']}.html",
        "title": a["title"],
        "outlet": a["outlet"],
        "lead": a.get("lead"),
        "body": list(a["body"]),
        "published": datetime.fromisoformat(a["published"]) if a.get("published") else None,
        "language": a.get("language") or "vi",
        "source_attribution": a.get("source_attribution"),
        "translated_from": a.get("translated_from"),
    }


def shuffled(articles: list[Group], seed: int) -> list[Group]:
    """One arrival order: story links must not depend on it."""
    order = list(articles)
    random.Random(seed).shuffle(order)
    return order


def in_story(a: Group) -> bool:
    if a["relation"] in STORY:
        return True
    return a["relation"] == "translation" and bool(a.get("source_attribution"))


def truth(a: Group, b: Group) -> tuple[bool | None, str]:
    """(gold, kind) for a pair; gold None means not scored."""
    if a["group"] != b["group"]:
        related = a.get("template_of") == b["group"] or b.get("template_of") == a["group"]
        related = related or bool(a.get("template_of") and a.get("template_of") == b.get("template_of"))
        return False, "look-alike" if related else "unrelated"
    kinds = {a["relation"], b["relation"]}
    if "partial_overlap" in kinds:
        return None, "partial_overlap"
    if "independent_report" in kinds:
        return False, "independent"
    if "translation" in kinds and not (in_story(a) and in_story(b)):
        return None, "translation (no source named)"
    kind = "translation" if "translation" in kinds else "teaser" if "teaser" in kinds else "near_duplicate"
    return True, kind


@dataclass(slots=True)
class Tally:
    """Pairwise counts per scope (half A, half B, cross, all) and per kind, summed over arrival orders."""

    scopes: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    kinds: dict[str, Counter[bool]] = field(default_factory=lambda: defaultdict(Counter))
    errors: Counter[tuple[str, str, str, str]] = field(default_factory=Counter)  # (id, id, kind, FN|FP)

    def add(self, articles: list[Group], story: Mapping[str, int]) -> None:
        """Score one clustering: `story` maps each article id to the story it was stored in."""
        for a, b in itertools.combinations(articles, 2):
            gold, kind = truth(a, b)
            predicted = story[a["id"]] == story[b["id"]]
            self.kinds[kind][predicted] += 1
            if gold is None:
                continue
            scope = a["half"] if a["half"] == b["half"] else "cross"
            for name in (scope, "all"):
                self.scopes[name].add(gold, predicted)
            if gold != predicted:
                self.errors[(a["id"], b["id"], kind, "FN" if gold else "FP")] += 1

    def result(self) -> dict[str, dict[str, Any]]:
        return {
            "scopes": {k: c.as_dict() for k, c in self.scopes.items()},
            "kinds": {k: {"merged": v[True], "apart": v[False]} for k, v in self.kinds.items()},
        }
