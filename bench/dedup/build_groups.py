"""Build bench/dedup/groups.jsonl from hand-written base texts and the mechanical edits syndication makes.

Texts are the project's own words about real kinds of events (see ../shared/corpus/groups.json for the
relations). A copy is written as its base plus edits (another prefix, byline, a paragraph more or less,
layout leftovers, house-style substitutions, a teaser cut), because that is how syndicated copies differ;
independent reports, rewritten releases, translations and look-alike events are written out in full.

Usage: python bench/dedup/build_groups.py   (rewrites groups.jsonl next to this file)
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from texts_a import ARTICLES as HALF_A  # noqa: E402
from texts_b import ARTICLES as HALF_B  # noqa: E402

FIELDS = (
    "id",
    "half",
    "group",
    "relation",
    "language",
    "outlet",
    "url",
    "published",
    "title",
    "lead",
    "body",
    "source_attribution",
    "translated_from",
    "template_of",
)


def apply(base: dict[str, Any], ops: list[tuple]) -> dict[str, Any]:
    """A copy of `base` changed the way a syndicating outlet changes a text."""
    art = copy.deepcopy(base)
    body: list[str] = art["body"]
    for op, *args in ops:
        if op == "prefix":  # "(Dân trí) - " before the first paragraph (or the lead)
            if art.get("lead"):
                art["lead"] = args[0] + art["lead"]
            else:
                body[0] = args[0] + body[0]
        elif op == "byline":
            body.append(args[0])
        elif op == "drop":
            del body[args[0]]
        elif op == "insert":
            body.insert(args[0], args[1])
        elif op == "sub":
            old, new = args
            art["title"] = art["title"].replace(old, new)
            art["lead"] = (art.get("lead") or "").replace(old, new) or None
            body[:] = [p.replace(old, new) for p in body]
        elif op == "first":  # the outlet writes its own opening paragraph
            body[0] = args[0]
        elif op == "nolead":  # the lead folded into the body
            if art.get("lead"):
                body.insert(0, art["lead"])
            art["lead"] = None
        elif op == "teaser":  # a listing or aggregator card: lead and the first sentence
            first = body[0].split(". ")[0].rstrip(".") + "..."
            art["body"] = [first]
            body = art["body"]
        elif op == "title":
            art["title"] = args[0]
        elif op == "lead":
            art["lead"] = args[0]
        else:
            raise ValueError(op)
    return art


def build() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for half, articles in (("A", HALF_A), ("B", HALF_B)):
        by_id: dict[str, dict[str, Any]] = {}
        for spec in articles:
            spec = dict(spec)
            if "from" in spec:
                art = apply(by_id[spec.pop("from")], spec.pop("ops", []))
                for key in ("source_attribution", "translated_from", "template_of"):  # per page, not inherited
                    art.pop(key, None)
                art.update(spec)
            else:
                art = spec
            art["half"] = half
            art.setdefault("language", "vi")
            by_id[art["id"]] = art
            out.append({k: art.get(k) for k in FIELDS})
    return out


def main() -> None:
    rows = build()
    with (HERE / "groups.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles in {len({r['group'] for r in rows})} groups -> {HERE / 'groups.jsonl'}")


if __name__ == "__main__":
    main()
