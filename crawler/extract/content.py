"""Choosing the article body among the laid-out blocks of a page.

Prose-like blocks vote for the container that holds them (and, less, for its parent); the
container with the best vote after a link-density penalty wins. It is widened to an ancestor when
that adds more article prose than clutter, and siblings that score nearly as well join it (bodies
split over several boxes). Its blocks are kept in order, minus the h1 title, short link-heavy lines
and stock filler/dateline lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import islice

import lxml.html

from crawler.extract.layout import BODY_HINT, Block, ancestors, lay_out, tag_of

# Blocks that are paragraphs themselves: their vote goes to the element that holds them.
_PARAGRAPH_TAGS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "td", "th", "address")
)
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))

_PUNCT = re.compile(r"[,.;:!?\u3001\u3002\uff0c\uff0e]")
# Whole lines that are page furniture in any article container (English and Vietnamese).
_FILLER_LINE = re.compile(
    r"^(?:advert|advertisement|advertising|sponsored( content)?|story continues below( advertisement)?"
    r"|continue reading( below)?|read more|read next|related( news| stories| articles| posts)?"
    r"|you (?:may|might) also like|recommended( for you)?|share( this( article| story)?)?"
    r"|click here.*|sign up.*newsletter.*|skip to (?:main )?content|image \d+ of \d+"
    r"|quảng cáo|xem thêm|tin liên quan|tin cùng chuyên mục|chia sẻ|bình luận)\W*$",
    re.I,
)
# Short lines that are a dateline or a rights notice, not prose.
_STAMP_LINE = re.compile(
    r"^(?:(?:first |last )?(?:published|updated|posted|modified)\b(?: on| at)?|cập nhật|©|copyright\b"
    r"|\(c\)\s*\d{4})|all rights reserved\W*$",
    re.I,
)
_MAX_STAMP_CHARS = 120

_MIN_VOTING_CHARS = 25
_MAX_LINK_DENSITY_VOTE = 0.5
_SIBLING_SHARE = 0.2
_MIN_GOOD_BODY = 200
_MAX_CLIMB = 6
_JUNK_COST = 3.0
_LIST_ITEM_FACTOR = 0.5
_LONE_PARAGRAPH_CHARS = 300
_WRAPPER_LINK_SHARE = 0.05



@dataclass(slots=True)
class _Stats:
    """Votes and text totals of one element's subtree."""

    vote: float = 0.0
    chars: int = 0
    link_chars: int = 0
    paragraphs: int = 0
    prose: int = 0  # characters of prose lines, link text excluded
    junk: int = 0  # characters of everything else (short lines, link text)

    def density_score(self) -> float:
        """Prose kept minus clutter taken along: how good the subtree is as the whole body."""
        return self.prose - _JUNK_COST * self.junk

    def score(self) -> float:
        """Vote discounted by the share of link text: menus and teaser lists sink."""
        density = self.link_chars / self.chars if self.chars else 1.0
        return self.vote * (1.0 - density)


def _block_weight(block: Block) -> float:
    """Long, punctuated, link-free lines look like prose."""
    if block.chars < _MIN_VOTING_CHARS or block.link_density > _MAX_LINK_DENSITY_VOTE:
        return 0.0
    punctuation = sum(1 for _ in islice(_PUNCT.finditer(block.text), 10))  # capped: no list of a huge block's marks
    weight = (1.0 + min(block.chars / 100.0, 5.0) + min(punctuation, 10) * 0.3) * (1.0 - block.link_density)
    # List items are more often teasers and menus than article text.
    return weight * _LIST_ITEM_FACTOR if tag_of(block.owner) == "li" else weight


def _holder(block: Block) -> lxml.html.HtmlElement:
    """The element a block votes for: the container of a paragraph, or the box of loose text."""
    if tag_of(block.owner) in _PARAGRAPH_TAGS:
        parent = block.owner.getparent()
        if parent is not None:
            return parent
    return block.owner


def _score(blocks: list[Block]) -> dict[lxml.html.HtmlElement, _Stats]:
    """Votes for the holders of prose blocks, text totals for every ancestor of every block."""
    stats: dict[lxml.html.HtmlElement, _Stats] = {}
    weights = [_block_weight(block) for block in blocks]
    holders: list[lxml.html.HtmlElement | None] = []
    for block, weight in zip(blocks, weights, strict=True):
        holder = _holder(block) if weight else None
        holders.append(holder)
        if holder is None:
            continue
        entry = stats.setdefault(holder, _Stats())
        entry.vote += weight
        entry.paragraphs += 1
        grandparent = holder.getparent()
        if grandparent is not None:
            stats.setdefault(grandparent, _Stats()).vote += weight * 0.5
    for block in blocks:
        _add_totals(stats, block)
    for block, holder in zip(blocks, holders, strict=True):
        _add_prose(stats, block, _is_run_prose(block, holder, stats))
    for el, entry in stats.items():
        names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
        if el.get("itemprop") == "articleBody" or BODY_HINT.search(names):
            entry.vote *= 1.25
    return stats


def _is_run_prose(
    block: Block, holder: lxml.html.HtmlElement | None, stats: dict[lxml.html.HtmlElement, _Stats]
) -> bool | None:
    """True for article-like prose, None for a teaser-like paragraph (neither prose nor clutter),
    False for clutter. Article paragraphs come several to a box, or one to a link-free wrapper;
    a teaser is one paragraph in a box with a linked headline."""
    if holder is None:
        return False
    entry = stats[holder]
    if entry.paragraphs >= 2 or block.chars >= _LONE_PARAGRAPH_CHARS:
        return True
    return True if entry.link_chars <= _WRAPPER_LINK_SHARE * entry.chars else None


def _add_totals(stats: dict[lxml.html.HtmlElement, _Stats], block: Block) -> None:
    for el in ancestors(block.owner):
        entry = stats.get(el)
        if entry is None:
            entry = stats[el] = _Stats()
        entry.chars += block.chars
        entry.link_chars += block.link_chars


def _add_prose(stats: dict[lxml.html.HtmlElement, _Stats], block: Block, prose: bool | None) -> None:
    prose_chars = block.chars - block.link_chars if prose else 0
    junk_chars = 0 if prose is None else block.chars - prose_chars
    if not (prose_chars or junk_chars):
        return
    for el in ancestors(block.owner):
        entry = stats[el]
        entry.prose += prose_chars
        entry.junk += junk_chars


def _select(stats: dict[lxml.html.HtmlElement, _Stats]) -> list[lxml.html.HtmlElement]:
    """The best container plus siblings that carry a fair share of the same prose."""
    best = max(stats, key=lambda el: stats[el].score(), default=None)
    if best is None or stats[best].score() <= 0:
        return []
    best = _widen(best, stats)
    parent = best.getparent()
    if parent is None:
        return [best]
    threshold = stats[best].score() * _SIBLING_SHARE
    chosen: list[lxml.html.HtmlElement] = []
    for sibling in parent:
        if sibling is best:
            chosen.append(sibling)
            continue
        entry = stats.get(sibling)
        if entry is None:
            continue
        if entry.score() >= threshold or _is_prose_paragraph(sibling, entry):
            chosen.append(sibling)
    return chosen


def _widen(best: lxml.html.HtmlElement, stats: dict[lxml.html.HtmlElement, _Stats]) -> lxml.html.HtmlElement:
    """Climb to an ancestor when it adds more prose than clutter (a body split over several boxes)."""
    chosen, chosen_score = best, stats[best].density_score()
    el = best.getparent()
    for _ in range(_MAX_CLIMB):
        if el is None or el not in stats:
            break
        score = stats[el].density_score()
        if score > chosen_score:
            chosen, chosen_score = el, score
        el = el.getparent()
    return chosen


def _is_prose_paragraph(el: lxml.html.HtmlElement, entry: _Stats) -> bool:
    """A lone paragraph next to the body (a body split by ads or embeds)."""
    if tag_of(el) not in ("p", "blockquote") and tag_of(el) not in _HEADINGS:
        return False
    density = entry.link_chars / entry.chars if entry.chars else 1.0
    return density < 0.25 and (entry.chars >= 60 or tag_of(el) in _HEADINGS)


def choose_body(body: lxml.html.HtmlElement) -> tuple[list[Block], list[lxml.html.HtmlElement]]:
    """The article's blocks and the containers they came from; boilerplate boxes are skipped unless
    that leaves too little text (some sites name the article box itself like a widget)."""
    blocks, scope = _extract_blocks(body, skip_boilerplate=True)
    if sum(b.chars for b in blocks) < _MIN_GOOD_BODY:
        loose, loose_scope = _extract_blocks(body, skip_boilerplate=False)
        if sum(b.chars for b in loose) > sum(b.chars for b in blocks):
            blocks, scope = loose, loose_scope
    return blocks, scope


def _extract_blocks(
    body: lxml.html.HtmlElement, *, skip_boilerplate: bool
) -> tuple[list[Block], list[lxml.html.HtmlElement]]:
    """Blocks of the chosen containers, in page order, with furniture lines removed."""
    blocks = lay_out(body, skip_boilerplate)
    chosen = _select(_score(blocks))
    if not chosen:
        return [], []
    chosen_set = set(chosen)
    kept = [b for b in blocks if _inside(b.owner, chosen_set) and _keep_line(b)]
    return kept, chosen


def _inside(el: lxml.html.HtmlElement, chosen: set[lxml.html.HtmlElement]) -> bool:
    return any(a in chosen for a in ancestors(el))


def _keep_line(block: Block) -> bool:
    """Drop the title heading, short link-heavy lines and stock filler lines."""
    if tag_of(block.owner) == "h1":
        return False
    density = block.link_density
    if density > 0.8 or (density > 0.5 and block.chars < 300):
        return False
    if block.chars < 80 and _FILLER_LINE.match(block.text):
        return False
    return not (block.chars < _MAX_STAMP_CHARS and _STAMP_LINE.search(block.text))
