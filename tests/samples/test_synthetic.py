"""The synthetic mock outlets (`newsmon samples serve --synthetic N`): deterministic, listed, and true.

The e2e test crawls a small synthetic site through the real engine and compares the archive with the
site's ground truth: every on-topic original new, every planted copy in its original's story, every
off-topic page off-topic.
"""

from __future__ import annotations

import json
import sqlite3
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

from crawler.discover.feeds import Entry, parse_feed, parse_sitemap
from crawler.outlets.registry import Registry
from newsmon.cli.crawl import SYNTHETIC_MAX
from samples.synthetic.generator import COPY_SHARE, MAX_PAGES, OFFTOPIC_SHARE, Kind
from samples.synthetic.serve import ground_truth, serving
from samples.synthetic.site import SHALLOW, SyntheticSite
from tests.conftest import run_cli


def fetch(site: SyntheticSite, url: str) -> str:
    """A file of the site by its real URL, as the mirror would ask for it."""
    host, _, rest = url.split("://", 1)[1].partition("/")
    path, _, query = rest.partition("?")
    found = site.file(host.removeprefix("www."), path, query)
    assert found is not None, url
    return found[0]


def final_url(site: SyntheticSite, i: int) -> str:
    """Where page `i` answers (nld.com.vn pages moved to tuoitre.vn/nld)."""
    article = site.gen.article(i)
    return site.template(article.outlet)([article]).final_url(article)


def test_the_same_seed_gives_the_same_site_and_another_seed_another() -> None:
    one, two = SyntheticSite(300, seed=5), SyntheticSite(300, seed=5)
    assert list(one.gen.truth()) == list(two.gen.truth())
    for i in (0, 17, 299):
        assert fetch(one, final_url(one, i)) == fetch(two, final_url(two, i))
    assert fetch(one, "https://dantri.com.vn/sitemaps/articles.xml") == fetch(two, "https://dantri.com.vn/sitemaps/articles.xml")
    assert list(SyntheticSite(300, seed=6).gen.truth()) != list(one.gen.truth())
    assert list(ground_truth(300, 5)) == list(one.gen.truth())


def test_shares_dates_and_copies() -> None:
    gen = SyntheticSite(3000, seed=1).gen
    truth = list(gen.truth())
    kinds = Counter(p["kind"] for p in truth)
    assert abs(kinds[Kind.COPY] / 3000 - COPY_SHARE) < 0.03
    assert abs(kinds[Kind.OFFTOPIC] / 3000 - OFFTOPIC_SHARE) < 0.03
    assert len({p["url"] for p in truth}) == 3000
    by_url = {p["url"]: p for p in truth}
    for page in truth:
        if page["kind"] == Kind.COPY:
            original = by_url[page["copy_of"]]
            assert original["kind"] == Kind.ORIGINAL and original["outlet"] != page["outlet"]
            assert original["index"] < page["index"]
    years = {gen.published(i).year for i in range(3000)}
    assert len(years) >= 5
    assert len({p["outlet"] for p in truth}) == 16


def test_every_page_is_listed_by_its_outlets_sitemaps_or_first_feeds() -> None:
    """Deep outlets: their sitemap index and shards list all of their pages; the others: their feeds."""
    site = SyntheticSite(1500, seed=2)
    registry = Registry.builtin()
    pages: dict[str, set[str]] = {}
    for page in site.gen.truth():
        pages.setdefault(page["outlet"], set()).add(page["url"])
    for outlet, urls in pages.items():
        profile = registry.get(outlet)
        listed: set[str] = set()
        if outlet in SHALLOW:
            for feed in profile.feeds:
                listed |= {e.url for e in _entries(fetch(site, feed))}
            listed |= {a.url for a in site.window(outlet).site.articles}  # type: ignore[union-attr]
        else:
            for index in profile.sitemaps:
                for shard in _entries(fetch(site, _moved(index))):
                    listed |= {e.url for e in _entries(fetch(site, _moved(shard.url)))}
        assert urls <= listed, (outlet, sorted(urls - listed)[:3])


def _entries(text: str) -> list[Entry]:
    if "<rss" in text[:300]:
        return parse_feed(text.encode())
    return parse_sitemap(text.encode())[1]


def _moved(url: str) -> str:
    return url.replace("https://nld.com.vn/", "https://tuoitre.vn/nld/")


def test_a_page_of_a_million_page_site_is_served_without_building_the_site() -> None:
    site = SyntheticSite(1_000_000, seed=0)
    article = site.gen.article(987_654)
    assert article.title.split()[0] in fetch(site, final_url(site, 987_654))
    index = fetch(site, "https://dantri.com.vn/sitemaps/articles.xml")
    assert index.count("<sitemap>") >= 5 * 12


def test_truth_is_served_as_json() -> None:
    with serving(60, seed=4) as url, urllib.request.urlopen(f"{url}/_synthetic/truth.json") as response:
        document = json.load(response)
    assert document["n"] == 60 and document["seed"] == 4
    assert document["pages"] == list(ground_truth(60, 4))


def test_cli_limits() -> None:
    assert SYNTHETIC_MAX == MAX_PAGES
    result = run_cli("samples", "serve", "--seed", "3")
    assert result.returncode == 2
    assert result.stderr.strip() == "newsmon: error: --seed is only for --synthetic N"
    assert "Traceback" not in result.stderr


@pytest.mark.e2e
def test_a_crawl_of_a_synthetic_site_finds_its_copies_and_off_topic_pages(tmp_path: Path) -> None:
    n, seed = 60, 0
    db_path = tmp_path / "archive.sqlite3"
    with serving(n, seed) as url:
        result = run_cli("crawl", "--mirror", url, db=f"sqlite:///{db_path}",
                         env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    con = sqlite3.connect(db_path)
    try:
        stored = {row[0]: row[1:] for row in con.execute("SELECT id, relevant, duplicate_of, story_id FROM articles")}
        by_url = dict(con.execute("SELECT url, id FROM articles").fetchall())
        by_url.update({u: a for u, a in con.execute("SELECT url, article_id FROM article_urls") if u not in by_url})
    finally:
        con.close()
    truth = list(ground_truth(n, seed))
    assert len(stored) == n  # every page fetched and kept once
    for page in truth:
        relevant, duplicate_of, story = stored[by_url[page["url"]]]
        if page["kind"] == Kind.OFFTOPIC:
            assert not relevant, page
        elif page["kind"] == Kind.ORIGINAL:
            assert relevant and duplicate_of is None, page
        else:  # crawl order decides which of a story's pages is stored first (the others are its duplicates)
            assert relevant and story == stored[by_url[page["copy_of"]]][2], page
    new = sum(1 for p in truth if p["kind"] == Kind.ORIGINAL)
    copies = sum(1 for p in truth if p["kind"] == Kind.COPY)
    off = sum(1 for p in truth if p["kind"] == Kind.OFFTOPIC)
    assert f"new articles {new}, duplicates {copies}, off-topic {off}, errors 0" in result.stdout + result.stderr
