"""The committed mock outlets are exactly what the generator renders.

`python -m samples.build` is run into a temporary folder and compared file by file with the
committed `samples/sites/` and `samples/gold/`: a template or article change that was not followed
by a rebuild (or a hand edit of a generated file) fails here, with the list of files that differ.
The gold records are also checked against the article data with rules stated independently of the
templates.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from samples.build import GOLD, HERE, build
from samples.mock.common import gold_record
from tests.samples.mocks import ARTICLES, MANIFEST, REBUILD, final_url, local_file, no_problems

GOLD_KEYS = {
    "url", "canonical_url", "outlet", "title", "lead", "body", "captions", "authors", "published",
    "language", "section", "tags", "source_attribution", "translated_from",
}


def files_under(root: Path) -> dict[str, bytes]:
    """Every file below `root`, by path relative to it."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_committed_fixtures_are_what_the_generator_renders(tmp_path: Path) -> None:
    build(tmp_path)
    rendered = {f"{top}/{rel}": data for top in ("sites", "gold") for rel, data in files_under(tmp_path / top).items()}
    assert rendered, "the build rendered nothing"
    # What the build owns: sites/manifest.json, one folder per host under sites/, one per outlet under gold/
    # (a hand-written folder the build does not render is not compared).
    owned = tuple(
        p.relative_to(tmp_path).as_posix() + ("/" if p.is_dir() else "")
        for top in ("sites", "gold")
        for p in (tmp_path / top).iterdir()
    )
    committed = {
        f"{top}/{rel}": data
        for top in ("sites", "gold")
        for rel, data in files_under(HERE / top).items()
        if f"{top}/{rel}".startswith(owned)
    }
    problems = [f"missing: {rel}" for rel in sorted(rendered.keys() - committed.keys())]
    problems += [f"stale (no longer rendered): {rel}" for rel in sorted(committed.keys() - rendered.keys())]
    problems += [f"differs: {rel}" for rel in sorted(rendered.keys() & committed.keys()) if rendered[rel] != committed[rel]]
    no_problems(problems, f"committed samples differ from the generator's output ({REBUILD})")


def test_articles_exist() -> None:
    assert ARTICLES, "no article JSON under samples/articles"
    assert set(MANIFEST) == {a.outlet for a in ARTICLES}


def test_every_article_has_a_page_and_its_gold() -> None:
    problems: list[str] = []
    for article in ARTICLES:
        where = f"{article.outlet}/{article.id}"
        if not local_file(article.url).is_file():
            problems.append(f"{where}: no page {local_file(article.url)}")
        path = GOLD / article.outlet / f"{article.id}.json"
        if not path.is_file():
            problems.append(f"{where}: no gold {path}")
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        if set(gold) != GOLD_KEYS:
            problems.append(f"{where}: gold keys {sorted(set(gold) ^ GOLD_KEYS)} differ")
        expected = gold_record(article)
        expected["url"] = expected["canonical_url"] = final_url(article.url)
        if gold != expected:
            problems.append(f"{where}: gold is stale ({REBUILD})")
        if gold.get("translated_from") is not None and article.language == "vi":
            problems.append(f"{where}: a Vietnamese article has translated_from {gold['translated_from']!r}")
        if str(gold.get("lead", "")).startswith("("):
            problems.append(f"{where}: the gold lead keeps the outlet prefix: {gold['lead'][:40]!r}")
        if not re.search(r"[+-]07:00$", str(gold.get("published"))):
            problems.append(f"{where}: published {gold.get('published')!r} is not in +07:00")
        if article.url not in MANIFEST[article.outlet]["articles"]:
            problems.append(f"{where}: {article.url} is not in the manifest")
    no_problems(problems, "articles, pages and gold records")
