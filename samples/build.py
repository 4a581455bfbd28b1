"""Render the mock outlets: `python -m samples.build`.

Reads every `samples/articles/<domain>/*.json` and (re)writes `samples/sites/` (the pages, feeds,
sitemaps and robots.txt of each outlet, plus `manifest.json`) and `samples/gold/` (the clean record
each article page must yield). Generated files are committed so tests build nothing; run this after
changing an article or a template. Output is deterministic: the same input gives the same bytes,
which lets a test render in memory (`render()`) and compare with the committed files.
"""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


@dataclass(slots=True)
class Rendered:
    """Everything one build writes, in memory.

    `files` maps a path relative to `samples/` (`sites/<host>/<file>`, `gold/<domain>/<id>.json`,
    `sites/manifest.json`) to its text. `owned` are the folders (relative to `samples/`) the build
    replaces whole: a committed file inside them that is not in `files` is stale.
    """

    files: dict[str, str] = field(default_factory=dict)
    owned: list[str] = field(default_factory=list)
    manifest: dict[str, dict[str, Any]] = field(default_factory=dict)


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


def render(articles: dict[str, list[Article]] | None = None) -> Rendered:
    """Render sites, gold records and the manifest without touching the disk.

    Only the hosts this build renders are owned: other folders under `sites/` (hand-written
    mocks such as a domain that now redirects elsewhere) are left alone.
    """
    articles = load_articles() if articles is None else articles
    unknown = set(articles) - set(OUTLETS)
    if unknown:
        raise ValueError(f"no mock template for outlets: {sorted(unknown)}")
    out = Rendered()
    sites: dict[str, dict[str, str]] = defaultdict(dict)  # every site first: two outlets may share a host
    for domain, cls in OUTLETS.items():
        out.owned.append(f"gold/{domain}")
        if not articles.get(domain):
            continue
        site = cls(articles[domain])
        for host, files in site.build().items():
            sites[host].update(files)
        for name, data in (("_redirects.json", site.redirects()), ("_rules.json", site.rules())):
            if data:
                sites[domain][name] = dump(data)
        for article in site.articles:
            out.files[f"gold/{domain}/{article.id}.json"] = dump(gold_of(site, article))
        out.manifest[domain] = site.manifest
    for host, files in sites.items():
        out.owned.append(f"sites/{host}")
        for rel, text in sorted(files.items()):
            out.files[f"sites/{host}/{rel}"] = text
    out.files["sites/manifest.json"] = dump(out.manifest)
    return out


def build(root: Path = HERE) -> dict[str, dict[str, Any]]:
    """Write a render under `root` (the samples folder), replacing the folders it owns; returns the manifest."""
    rendered = render()
    for folder in rendered.owned:
        clean(root / folder)
    for rel, text in rendered.files.items():
        write_text(root / rel, text)
    return rendered.manifest


def clean(folder: Path) -> None:
    """Remove one generated folder (a rebuild must not leave pages of deleted articles behind)."""
    if folder.is_dir():
        shutil.rmtree(folder)


def gold_of(site: Site, article: Article) -> dict[str, Any]:
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
