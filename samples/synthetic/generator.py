"""Deterministic synthetic articles: article `i` of a site of `n` pages is a pure function of (seed, n, i).

Nothing here holds the N articles: every question (which outlet, which kind, which text, which date) is
answered from the index alone, so a server can render any page on request with flat memory.

Shape of a site of N pages:
- dates rise with the index, spread evenly over `SPAN_DAYS` before `END` (several years);
- outlets: index `i` goes to outlet `i % 16`, except that outlets a crawl can only reach through
  shallow listings and feeds (no sitemap index in their profile) keep only their newest
  `SHALLOW_CAP` pages; the older ones go to the outlets with sitemaps;
- kinds: about `COPY_SHARE` of pages are syndicated copies of a recent on-topic original in another
  outlet (same title, lead and body; the copying outlet's own lead prefix, byline and a "Theo ..."
  source line), about `OFFTOPIC_SHARE` are off-topic, the rest on-topic originals;
- text: a head (title, lead) from the templates of `phrases.py`, a body of sentences recombined
  from the bundled mock articles and a paragraph of figures unique to the page, so two originals
  do not read as near-duplicates (checked: a crawl of 1,000 pages finds only the planted copies).
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from samples.mock.common import Article, slugify
from samples.mock.site import Site
from samples.synthetic import phrases

ARTICLES = Path(__file__).resolve().parents[1] / "articles"
END = datetime.fromisoformat("2026-11-30T18:00:00+07:00")
SPAN_DAYS = 5 * 365
COPY_SHARE = 0.10
OFFTOPIC_SHARE = 0.15
SHALLOW_CAP = 15  # newest pages of a sitemap-less outlet: all within its feeds and first listing pages
ID_DIGITS = 7  # the page index in the URL id: every outlet's pattern allows 7 digits
MAX_PAGES = 10**ID_DIGITS - 1
COPY_LOOKBACK = 64  # a copy's original is among the 64 pages before it
_LAST_SEGMENT = re.compile(r"^(?P<slug>.*?)(?:-(?P<pre>[a-z]*)(?P<digits>\d{5,}))?(?P<ext>\.[a-z]+)?$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_NUMBER = re.compile(r"(?<![\d.,])\d{3,}(?![\d.,]\d)")
BODY_SENTENCES = 12
_ID = re.compile(rf"(\d{{{ID_DIGITS}}})(?:\.[a-z]+)?/?$")


class Kind(StrEnum):
    """What a synthetic page is, for the ground truth."""

    ORIGINAL = "original"  # on-topic, first report of its story
    COPY = "copy"  # syndicated near-copy of an ORIGINAL in another outlet
    OFFTOPIC = "offtopic"  # no topic applies


@dataclass(frozen=True, slots=True)
class Source:
    """A bundled mock article used as material: its outlet's URL shape, section and byline, its text."""

    outlet: str
    url: str
    section: str
    section_slug: str
    layout: str | None
    authors: tuple[str, ...]
    paragraphs: tuple[str, ...]
    label: str


def _load_sources(root: Path = ARTICLES) -> list[Source]:
    out = []
    for file in sorted(root.rglob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        if (data.get("language") or "vi") != "vi":
            continue
        out.append(Source(
            outlet=data["outlet"], url=data["url"], section=data["section"], section_slug=data["section_slug"],
            layout=data.get("layout"), authors=tuple(data.get("authors") or ()),
            paragraphs=tuple(b["p"] for b in data["body"] if "p" in b and b["p"].strip()),
            label=data.get("label") or "negative",
        ))
    return out


class Generator:
    """The synthetic site of `n` pages for one seed over the given outlet templates."""

    def __init__(
        self, n: int, outlets: dict[str, type[Site]], seed: int = 0, *, deep: set[str],
        sections: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        if not 1 <= n <= MAX_PAGES:
            raise ValueError(f"the synthetic site holds 1 to {MAX_PAGES} pages, not {n}")
        self.n = n
        self.seed = seed
        self.outlets = outlets
        self.names = sorted(outlets)
        self.deep = sorted(d for d in self.names if d in deep)  # outlets whose sitemaps list every page
        self.step = timedelta(days=SPAN_DAYS) / n
        self.start = END - self.step * n
        sources = _load_sources()
        only = sections or {}  # outlet -> the only sections its pages may be in
        self.shapes = {d: [s for s in sources if s.outlet == d and s.section_slug in only.get(d, (s.section_slug,))]
                       for d in self.names}
        self.sentences = {  # on-topic bodies from award stories and their look-alikes, off-topic from all
            topical: sorted({t for s in sources if s.label != "negative" or not topical
                             for p in s.paragraphs for t in _SENTENCE.split(p) if len(t.split()) >= 6})
            for topical in (True, False)
        }

    # --- structure -------------------------------------------------------------------------

    def outlet(self, i: int) -> str:
        """Outlet of page `i`: round robin, sitemap-less outlets only among the newest pages."""
        name = self.names[i % len(self.names)]
        if name not in self.deep and i < self.n - SHALLOW_CAP * len(self.names):
            name = self.deep[(i // len(self.names)) % len(self.deep)]
        return name

    def published(self, i: int) -> datetime:
        return (self.start + self.step * i).replace(microsecond=0)

    def index_at(self, when: datetime) -> int:
        """First page index published at or after `when` (clamped to 0..n)."""
        return min(self.n, max(0, math.ceil((when - self.start) / self.step)))

    def _rng(self, i: int, part: str) -> random.Random:
        return random.Random(f"{self.seed}:{self.n}:{i}:{part}")  # str seeds hash with SHA-512: stable

    def kind(self, i: int) -> Kind:
        roll = self._rng(i, "kind").random()
        if roll < COPY_SHARE and self.copy_of(i) is not None:
            return Kind.COPY
        return Kind.OFFTOPIC if roll < COPY_SHARE + OFFTOPIC_SHARE else Kind.ORIGINAL

    def copy_of(self, i: int) -> int | None:
        """The original a copy reproduces: the nearest earlier on-topic original of another outlet."""
        outlet = self.outlet(i)
        for j in range(i - 1, max(-1, i - 1 - COPY_LOOKBACK), -1):
            roll = self._rng(j, "kind").random()
            if roll >= COPY_SHARE + OFFTOPIC_SHARE and self.outlet(j) != outlet:
                return j
        return None

    def original_of(self, i: int) -> int | None:
        return self.copy_of(i) if self.kind(i) is Kind.COPY else None

    # --- pages -----------------------------------------------------------------------------

    def index_of(self, path: str) -> int | None:
        """The page index a URL path carries (its last 7 digits), if it is in range."""
        found = _ID.search(path)
        return int(found.group(1)) if found and int(found.group(1)) < self.n else None

    def article(self, i: int) -> Article:
        """Page `i` as a mock article, ready for its outlet's template."""
        outlet = self.outlet(i)
        shapes = self.shapes[outlet]  # in turn, so an outlet's newest pages fill every section its profile names
        shape = shapes[(i // len(self.names)) % len(shapes)]
        original = self.original_of(i)
        text = self._text(original if original is not None else i)
        authors = list(shape.authors)
        if original is not None:
            authors = [self._rng(i, "byline").choice(["PV", "Hoàng Lâm", "T.Minh", "Ngọc An", "Q.Huy"])]
        url = _url(shape.url, text["title"], i)
        published = self.published(i)
        return Article(
            id=f"syn-{i:0{ID_DIGITS}d}", outlet=outlet, url=url, section=shape.section,
            section_slug=shape.section_slug.strip("/"), title=text["title"], lead=text["lead"],
            body=[{"p": p} for p in text["body"]], authors=authors, published=published,
            published_raw=published.isoformat(), tags=text["tags"], language="vi", layout=shape.layout,
            source_attribution=self.outlets[self.outlet(original)].name if original is not None else None,
        )

    def _text(self, i: int) -> dict[str, Any]:
        """Title, lead, body and tags of an original (copies reuse their original's).

        The head (title and lead) is filled from `samples/synthetic/phrases.py` slot by slot, which
        alone decides relevance (the topic reads the head). The body is 12 sentences drawn from the
        bundled mock articles of the same kind, their numbers redrawn, in paragraphs of three, plus a paragraph of
        figures unique to the page: whole paragraphs shared between two originals (a pool of ~500)
        made some pairs reach dedup's containment threshold.
        """
        rng = self._rng(i, "text")
        topical = self.kind(i) is not Kind.OFFTOPIC
        when = self.published(i)
        head = phrases.on_topic(rng, when) if topical else phrases.off_topic(rng, when)
        pool = self.sentences[topical]
        drawn = [_renumber(rng, t) for t in rng.sample(pool, k=min(BODY_SENTENCES, len(pool)))]
        body = [" ".join(drawn[k : k + 3]) for k in range(0, len(drawn), 3)]
        body.append(phrases.figures(rng, when, i))
        tags = rng.sample(phrases.TAGS_ON if topical else phrases.TAGS_OFF, k=2)
        return {"title": head[0], "lead": head[1], "body": body, "tags": tags}

    # --- ground truth ----------------------------------------------------------------------

    def truth(self) -> Iterator[dict[str, Any]]:
        """One entry per page, oldest first: url, outlet, kind, and for a copy the URL of its original."""
        for i in range(self.n):
            entry: dict[str, Any] = {"index": i, "url": self.article(i).url, "outlet": self.outlet(i)}
            original = self.original_of(i)
            entry["kind"] = (Kind.COPY if original is not None else self.kind(i)).value
            if original is not None:
                entry["copy_of"] = self.article(original).url
            yield entry


def _url(shape: str, title: str, i: int) -> str:
    """The shape URL with the title's slug and an id whose last 7 digits are the page index."""
    parts = urlsplit(shape)
    head, _, last = parts.path.rpartition("/")
    found = _LAST_SEGMENT.match(last)
    assert found is not None  # the pattern matches any string
    slug = slugify(title)[:80].strip("-")
    digits = found.group("digits") or ""
    keep = digits[: max(0, len(digits) - ID_DIGITS)]
    ident = f"{found.group('pre') or ''}{keep}{i:0{ID_DIGITS}d}"
    return urlunsplit((parts.scheme, parts.netloc, f"{head}/{slug}-{ident}{found.group('ext') or ''}", "", ""))


def _renumber(rng: random.Random, sentence: str) -> str:
    """Redraw a sentence's numbers of three digits or more (same width; years stay years)."""
    def redraw(found: re.Match[str]) -> str:
        digits = found.group(0)
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return digits
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    return _NUMBER.sub(redraw, sentence)
