"""Page-snippets benchmark: 990 varied real pages with must-have / must-not-have snippets.

Run from the repo root: ``python bench/page_snippets.py [--limit N] [--no-trafilatura]``.
Three extractors, one run, the metric of the data set's README (re-implemented, not copied):
whitespace-normalised output; a `with` snippet found is a true positive (else a false negative),
a `without` snippet found is a false positive (else a true negative); counts summed over pages.

- generic: newsmon's generic extractor (no outlet profile), title + lead + body;
- cleaner: the page rendered to plain text (one line per block element, image alt texts and link
  lists included, as the seed renderings are) and read by the text cleaner, title + lead + body;
- trafilatura: its defaults (fallbacks on), comments off, tables on.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import lxml.html

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO.parent / "shared" / "benchmarks" / "page-snippets"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

_WS = re.compile(r"\s+")
_BLOCK = frozenset(
    {
         "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
         "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
         "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
    }
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})


@dataclass(slots=True)
class Page:
    url: str
    html: str
    with_: list[str]
    without: list[str]


def load_pages(limit: int | None = None, root: Path = BENCH_DIR) -> list[Page]:
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in sorted(data.items())[:limit]:
        raw = gzip.decompress((root / "html" / f"{item['file']}.gz").read_bytes())
        pages.append(Page(url, raw.decode("utf-8", errors="replace"), item["with"], item["without"]))
    return pages


def render_text(html: str) -> str:
    """A plain-text rendering: every block element starts a line; image alt texts are kept."""
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _WS.sub(" ", "".join(current)).strip()
        if text:
            lines.append(text)
        current.clear()

    def walk(el: lxml.html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                current.append(el.tail)
            return
        block = tag in _BLOCK
        if block:
            flush()
        if tag == "img" and el.get("alt"):
            flush()
            current.append(el.get("alt", ""))
            flush()
        if el.text and tag:
            current.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            current.append(el.tail)

    walk(root)
    flush()
    return "\n".join(lines)


def _record_text(title: str | None, lead: str | None, body: list[str]) -> str:
    return "\n".join(part for part in [title or "", lead or "", *body] if part)


def generic_text(page: Page) -> str:
    from crawler.extract.generic import extract_generic

    found = extract_generic(page.html, page.url)
    return _record_text(found.title, found.lead, found.body)


def cleaner_text(page: Page) -> str:
    from crawler.clean import clean_text

    article = clean_text(render_text(page.html), url=page.url)
    return _record_text(article.title, article.lead, article.body)


def trafilatura_text(page: Page) -> str:
    import trafilatura

    return trafilatura.extract(page.html, url=page.url, include_comments=False, include_tables=True) or ""


def score(pages: list[Page], outputs: list[str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for page, out in zip(pages, outputs, strict=True):
        text = _WS.sub(" ", out).strip()
        for snippet in page.with_:
            if _WS.sub(" ", snippet).strip() in text:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for s in page.without if _WS.sub(" ", s).strip() in text)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def run(extract: Callable[[Page], str], pages: list[Page], repeats: int) -> tuple[list[str], float]:
    """Outputs and pages per second (median of the repeats); a crash counts as empty output."""
    outputs: list[str] = []
    speeds = []
    for _ in range(repeats):
        outputs = []
        start = time.perf_counter()
        for page in pages:
            try:
                outputs.append(extract(page))
            except Exception:  # the metric scores a crash as an empty output
                outputs.append("")
        speeds.append(len(pages) / (time.perf_counter() - start))
    return outputs, statistics.median(speeds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages (sorted by URL)")
    parser.add_argument("--no-trafilatura", action="store_true")
    parser.add_argument("--repeats", type=int, default=1, help="timed passes (speed is their median)")
    args = parser.parse_args(argv)
    if not BENCH_DIR.is_dir():
        print(f"skipped: benchmark data not found at {BENCH_DIR}")
        return 0
    pages = load_pages(args.limit)
    extractors: dict[str, Callable[[Page], str]] = {"generic": generic_text, "cleaner": cleaner_text}
    if not args.no_trafilatura:
        extractors["trafilatura"] = trafilatura_text
    for extract in extractors.values():  # imports and caches outside the timed loop
        extract(pages[0])
    print(f"{len(pages)} pages")
    print(f"{'extractor':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/s':>8}")
    for name, extract in extractors.items():
        outputs, speed = run(extract, pages, args.repeats)
        p, r, f1 = score(pages, outputs)
        print(f"{name:<12} {p:>9.4f} {r:>7.4f} {f1:>7.4f} {speed:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
