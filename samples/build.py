"""Render the mock outlets: `python -m samples.build`.

Reads every `samples/articles/<domain>/*.json` and (re)writes `samples/sites/` (the pages, feeds,
sitemaps and robots.txt of each outlet, plus `manifest.json`) and `samples/gold/` (the clean record
each article page must yield). Generated files are committed so tests build nothing; run this after
changing an article or a template. Output is deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

from samples.mock.baotintuc import BaoTinTuc
from samples.mock.common import Article, gold_record, write_text
from samples.mock.daidoanket import DaiDoanKet
from samples.mock.dantri import Dantri
from samples.mock.family_a import BaoChinhPhu, Nld, ThanhNien
from samples.mock.family_b import NhanDan, Sggp, TienPhong, VietnamPlus
from samples.mock.laodong import LaoDong
from samples.mock.motthegioi import MotTheGioi
from samples.mock.site import Site
from samples.mock.tuoitre import TuoiTre
from samples.mock.vietnamnet import VietNamNet
from samples.mock.vietnamvn import VietnamVn
from samples.mock.vnexpress import VnExpress

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
SITES = HERE / "sites"
GOLD = HERE / "gold"
OUTLETS: dict[str, type[Site]] = {
    cls.domain: cls
    for cls in (
        Dantri, VnExpress, TuoiTre, ThanhNien, VietNamNet, NhanDan, BaoChinhPhu, VietnamPlus, Sggp, TienPhong,
        LaoDong, Nld, BaoTinTuc, DaiDoanKet, VietnamVn, MotTheGioi,
    )
}


def load_articles(root: Path = ARTICLES) -> dict[str, list[Article]]:
    """Article files grouped by outlet; ids must be unique across all outlets."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    seen: set[str] = set()
    for file in sorted(root.rglob("*.json")):
        article = Article.from_json(json.loads(file.read_text(encoding="utf-8")))
        if article.id in seen:
            raise ValueError(f"duplicate article id {article.id} in {file}")
        if article.outlet != file.parent.name:
            raise ValueError(f"{file}: outlet {article.outlet} does not match its folder")
        seen.add(article.id)
        by_outlet[article.outlet].append(article)
    return by_outlet


def clean(folder: Path) -> None:
    """Remove one generated folder (a rebuild must not leave pages of deleted articles behind)."""
    if folder.is_dir():
        shutil.rmtree(folder)


def build() -> dict[str, dict]:
    """Write sites, gold records and the manifest; returns the manifest.

    Only the hosts this build renders are replaced: other folders under `sites/` (hand-written
    mocks such as a domain that now redirects elsewhere) are left alone.
    """
    articles = load_articles()
    unknown = set(articles) - set(OUTLETS)
    if unknown:
        raise ValueError(f"no mock template for outlets: {sorted(unknown)}")
    manifest: dict[str, dict] = {}
    output: dict[str, dict[str, str]] = defaultdict(dict)  # every site first: two outlets may share a host
    for domain, cls in OUTLETS.items():
        clean(GOLD / domain)
        if not articles.get(domain):
            continue
        site = cls(articles[domain])
        for host, files in site.build().items():
            output[host].update(files)
        for name, data in (("_redirects.json", site.redirects()), ("_rules.json", site.rules())):
            if data:
                output[domain][name] = dump(data)
        for article in site.articles:
            write_text(GOLD / domain / f"{article.id}.json", dump(gold_of(site, article)))
        manifest[domain] = site.manifest
    for host, files in output.items():
        clean(SITES / host)
        for rel, text in sorted(files.items()):
            write_text(SITES / host / rel, text)
    write_text(SITES / "manifest.json", dump(manifest))
    return manifest


def gold_of(site: Site, article: Article) -> dict:
    """The gold record, under the URL where the page really answers (nld.com.vn moved to tuoitre.vn/nld)."""
    record = gold_record(article)
    final = site.final_url(article)
    if final != article.url:
        record["url"] = record["canonical_url"] = final
    return record


def dump(data: object) -> str:
    """Stable, readable JSON (UTF-8, not ASCII-escaped)."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def main() -> None:
    manifest = build()
    for domain, info in manifest.items():
        print(f"{domain}: {len(info['articles'])} articles, {len(info['feeds'])} feeds, "
              f"{len(info['sitemaps'])} sitemaps, {len(info['sections'])} listings")


if __name__ == "__main__":
    main()
