"""Generic main-content extraction for pages that have no outlet profile.

The page is read like a browser lays it out: every block-level element starts a new line, so the
tree becomes a list of text blocks, each owned by its nearest block element. Boilerplate subtrees
(scripts, navigation, footers, forms, and anything whose class/id says share/related/comments/...)
are skipped without touching the caller's tree. Prose-like blocks vote for the container that
holds them (and, less, for its parent); the container with the best vote after a link-density
penalty wins. It is widened to an ancestor when that adds more article prose than clutter, and
siblings that score nearly as well join it (bodies split over several boxes). Its blocks are kept
in order, minus the h1 title, short link-heavy lines and stock filler/dateline lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import lxml.etree
import lxml.html

from crawler.extract.structured import StructuredData, clean, parse_iso_datetime, structured_metadata
from newsmon.core.dates import parse_date
from newsmon.core.records import ExtractedPage


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Subtrees that never hold article text.
_DROP_TAGS = _names(
    "script style noscript template nav footer aside iframe svg button select input textarea object "
    "embed canvas header figure menu dialog audio video picture img map head title link meta label option "
    "source track"
)
# Elements that start a new line of text.
_BLOCK_TAGS = _names(
    "p div section article main h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr td th "
    "caption blockquote pre address center details summary hgroup body html fieldset legend hr"
)
# Blocks that are paragraphs themselves: their vote goes to the element that holds them.
_PARAGRAPH_TAGS = frozenset(
    ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "td", "th", "address")
)
_HEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
# Never dropped for their class: page skeleton and article elements.
_KEEP_TAGS = frozenset(("html", "body", "article", "main"))

_B = r"(?<![a-z0-9])"  # token start: '-', '_' and spaces separate class words
_E = r"(?![a-z0-9])"
_BOILERPLATE = re.compile(
    r"comment(?!ary)|disqus|related|recommend|sharing|sharedaddy|social|advert|sponsor|promo|newsletter"
    r"|sidebar|breadcrumb|cookie|consent|gdpr|popup|modal|outbrain|taboola|trending|paywall|pagination"
    r"|navbar|navigation|footer|widget|byline|taglist|signup|toolbar|jump-?link|screen-?reader|caption|credit"
    rf"|{_B}(?:share|ads?|ad-\w+|tags?|nav|menu|header|meta|date|dateline|timestamp|bio|toc|banner"
    r"|masthead|login|rating|follow|print|skip|subscribe|subscription|sr-only"
    rf"|visually-hidden|hidden-text|author-?(?:box|bio|info|card|details|about)|read-?(?:more|next|also)"
    r"|also-?read|see-?also|more-?(?:stories|news|articles|from)|most-?(?:read|popular|viewed|shared))"
    rf"{_E}"
)
# A layout hint, not a boilerplate box: "has-sidebar", "no-comments", "with-share-bar".
_LAYOUT_HINT = re.compile(rf"{_B}(?:has|with|no|without|show|hide|enable|disable)[-_]")
_BODY_HINT = re.compile(
    r"article-?body|articlebody|story-?body|entry-?content|post-?(?:content|body|text)|article-?(?:content|text)"
    r"|main-?content|body-?(?:text|copy)|story-?(?:content|text)|content-?body"
)
_HOLDS_ARTICLE = lxml.etree.XPath("boolean(.//h1 | .//*[@itemprop='articleBody'])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS = re.compile(r"\s+")
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
_TITLE_SEPARATORS = re.compile(r"\s+[|\-\u2013\u2014:\u00bb\u00b7]\s+")
# Containers whose dates belong to other stories.
_FURNITURE_TAGS = frozenset(("a", "aside", "nav", "footer"))
_DATE_FURNITURE = re.compile(
    r"related|relate\b|sidebar|recommend|trending|widget|most-?(?:read|viewed|popular)|read-?(?:more|also|next)"
    r"|also-?read|more-?(?:stories|news|articles)|lien-?quan|xem-?them|cung-?chuyen-?muc|tin-?khac|comment|footer"
)
_DATE_HINT = re.compile(r"date|time|publish|posted|updated", re.I)
_HAS_DIGIT = re.compile(r"\d")
_WORD = re.compile(r"\w+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)

_MIN_VOTING_CHARS = 25
_MAX_LINK_DENSITY_VOTE = 0.5
_SIBLING_SHARE = 0.2
_MIN_GOOD_BODY = 200
_MAX_DEPTH = 400
_MAX_CLIMB = 6
_JUNK_COST = 3.0
_LIST_ITEM_FACTOR = 0.5
_LONE_PARAGRAPH_CHARS = 300
_WRAPPER_LINK_SHARE = 0.05


@dataclass(slots=True)
class _Block:
    """One line of laid-out text and the block element that holds it."""

    text: str
    chars: int
    link_chars: int
    owner: lxml.html.HtmlElement

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


@dataclass(slots=True)
class _Layout:
    """Walk state: finished blocks and the line being filled."""

    skip_boilerplate: bool
    blocks: list[_Block] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    link_chars: int = 0
    stack: list[lxml.html.HtmlElement] = field(default_factory=list)

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.link_chars += len(text.strip())

    def flush(self) -> None:
        """Close the current line; whitespace-only lines are dropped."""
        if not self.parts:
            return
        text = _WS.sub(" ", "".join(self.parts)).strip()
        if text and self.stack:
            self.blocks.append(_Block(text, len(text), min(self.link_chars, len(text)), self.stack[-1]))
        self.parts.clear()
        self.link_chars = 0


def extract_generic(html: str | bytes, url: str, *, tree: lxml.html.HtmlElement | None = None) -> ExtractedPage:
    """Title, body paragraphs and metadata of an article page with no outlet profile.

    `tree` lets the crawler pass its own parse; it is read, never modified.
    """
    page = ExtractedPage(url=url, extractor="generic")
    root = tree if tree is not None else parse_html(html, url)
    if root is None:
        return page
    meta = structured_metadata(root, base_url=url)
    body_root = _find_body(root)
    if body_root is None:
        _fill_metadata(page, meta, root, None)
        return page
    blocks, scope = _extract_blocks(body_root, skip_boilerplate=True)
    if sum(b.chars for b in blocks) < _MIN_GOOD_BODY:
        loose, loose_scope = _extract_blocks(body_root, skip_boilerplate=False)
        if sum(b.chars for b in loose) > sum(b.chars for b in blocks):
            blocks, scope = loose, loose_scope
    page.body = [b.text for b in blocks]
    _fill_metadata(page, meta, root, scope)
    return page


def parse_html(html: str | bytes, url: str | None = None) -> lxml.html.HtmlElement | None:
    """An lxml tree, or None when there is nothing to parse; UTF-8 is tried before sniffing."""
    if isinstance(html, str):
        data = _XML_DECLARATION.sub("", html, count=1).encode("utf-8", "surrogatepass")
        encoding: str | None = "utf-8"
    else:
        data = html
        try:
            data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = None  # let libxml2 follow <meta charset>
    if not data.strip():
        return None
    parser = lxml.html.HTMLParser(encoding=encoding, remove_comments=True, remove_pis=True)
    try:
        return lxml.html.document_fromstring(data, parser=parser, base_url=url)
    except (lxml.etree.ParserError, ValueError):
        return None


def _find_body(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    root = root.getroottree().getroot()
    if root.tag == "body":
        return root
    body = root.find("body")
    return body if body is not None else root


# --- layout --------------------------------------------------------------------------------------


def _is_skipped(el: lxml.html.HtmlElement, skip_boilerplate: bool) -> bool:
    """Tags that never hold article text, hidden elements and boilerplate by class/id."""
    tag = el.tag
    if not isinstance(tag, str):
        return True  # comments and processing instructions
    tag = tag.lower()
    if tag in _DROP_TAGS:
        return True
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    if not skip_boilerplate or tag in _KEEP_TAGS:
        return False
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    if len(names) < 3 or not _BOILERPLATE.search(names):
        return False
    if _LAYOUT_HINT.search(names) or _BODY_HINT.search(names):
        return False
    # A wrapper named after a plug-in ("sticky-sidebar") that holds the article itself is no boilerplate.
    return not _HOLDS_ARTICLE(el)


def _walk(el: lxml.html.HtmlElement, layout: _Layout, in_link: bool, depth: int) -> None:
    """Depth-first layout; block elements flush the current line when they open and close."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    is_block = tag in _BLOCK_TAGS
    if is_block:
        layout.flush()
        layout.stack.append(el)
    elif tag == "br":
        layout.add(" ", in_link)
    in_link = in_link or tag == "a"
    layout.add(el.text, in_link)
    if depth < _MAX_DEPTH:
        for child in el:
            if not _is_skipped(child, layout.skip_boilerplate):
                _walk(child, layout, in_link, depth + 1)
            elif isinstance(child.tag, str) and child.tag.lower() in _BLOCK_TAGS:
                layout.flush()  # a dropped block still separates the lines around it
            layout.add(child.tail, in_link)
    if is_block:
        layout.flush()
        layout.stack.pop()


def _layout(body: lxml.html.HtmlElement, skip_boilerplate: bool) -> list[_Block]:
    layout = _Layout(skip_boilerplate)
    layout.stack.append(body)
    _walk(body, layout, in_link=False, depth=0)
    layout.flush()
    return layout.blocks


# --- scoring --------------------------------------------------------------------------------------


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


def _tag(el: lxml.html.HtmlElement) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _block_weight(block: _Block) -> float:
    """Long, punctuated, link-free lines look like prose."""
    if block.chars < _MIN_VOTING_CHARS or block.link_density > _MAX_LINK_DENSITY_VOTE:
        return 0.0
    punctuation = len(_PUNCT.findall(block.text))
    weight = (1.0 + min(block.chars / 100.0, 5.0) + min(punctuation, 10) * 0.3) * (1.0 - block.link_density)
    # List items are more often teasers and menus than article text.
    return weight * _LIST_ITEM_FACTOR if _tag(block.owner) == "li" else weight


def _ancestors(el: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    while el is not None:
        yield el
        el = el.getparent()


def _holder(block: _Block) -> lxml.html.HtmlElement:
    """The element a block votes for: the container of a paragraph, or the box of loose text."""
    if _tag(block.owner) in _PARAGRAPH_TAGS:
        parent = block.owner.getparent()
        if parent is not None:
            return parent
    return block.owner


def _score(blocks: list[_Block]) -> dict[lxml.html.HtmlElement, _Stats]:
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
        if el.get("itemprop") == "articleBody" or _BODY_HINT.search(names):
            entry.vote *= 1.25
    return stats


def _is_run_prose(
    block: _Block, holder: lxml.html.HtmlElement | None, stats: dict[lxml.html.HtmlElement, _Stats]
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


def _add_totals(stats: dict[lxml.html.HtmlElement, _Stats], block: _Block) -> None:
    for el in _ancestors(block.owner):
        entry = stats.get(el)
        if entry is None:
            entry = stats[el] = _Stats()
        entry.chars += block.chars
        entry.link_chars += block.link_chars


def _add_prose(stats: dict[lxml.html.HtmlElement, _Stats], block: _Block, prose: bool | None) -> None:
    prose_chars = block.chars - block.link_chars if prose else 0
    junk_chars = 0 if prose is None else block.chars - prose_chars
    if not (prose_chars or junk_chars):
        return
    for el in _ancestors(block.owner):
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
    if _tag(el) not in ("p", "blockquote") and _tag(el) not in _HEADINGS:
        return False
    density = entry.link_chars / entry.chars if entry.chars else 1.0
    return density < 0.25 and (entry.chars >= 60 or _tag(el) in _HEADINGS)


def _extract_blocks(
    body: lxml.html.HtmlElement, *, skip_boilerplate: bool
) -> tuple[list[_Block], list[lxml.html.HtmlElement]]:
    """Blocks of the chosen containers, in page order, with furniture lines removed."""
    blocks = _layout(body, skip_boilerplate)
    chosen = _select(_score(blocks))
    if not chosen:
        return [], []
    chosen_set = set(chosen)
    kept = [b for b in blocks if _inside(b.owner, chosen_set) and _keep_line(b)]
    return kept, chosen


def _inside(el: lxml.html.HtmlElement, chosen: set[lxml.html.HtmlElement]) -> bool:
    return any(a in chosen for a in _ancestors(el))


def _keep_line(block: _Block) -> bool:
    """Drop the title heading, short link-heavy lines and stock filler lines."""
    if _tag(block.owner) == "h1":
        return False
    density = block.link_density
    if density > 0.8 or (density > 0.5 and block.chars < 300):
        return False
    if block.chars < 80 and _FILLER_LINE.match(block.text):
        return False
    return not (block.chars < _MAX_STAMP_CHARS and _STAMP_LINE.search(block.text))


# --- metadata -------------------------------------------------------------------------------------


def _fill_metadata(
    page: ExtractedPage,
    meta: StructuredData,
    root: lxml.html.HtmlElement,
    scope: list[lxml.html.HtmlElement] | None,
) -> None:
    """Everything but the body: structured values first, visible text as a fallback."""
    page.canonical_url = meta.canonical_url
    page.language = meta.language
    page.section = meta.section
    page.tags = list(meta.tags) or _rel_tags(root)
    page.authors = list(meta.authors) or _visible_authors(root)
    page.published = meta.published
    page.modified = meta.modified
    page.title = _title(meta, root, page.url)
    page.lead = _lead(meta.description, page.body)
    area = _article_area(scope)
    page.captions = _captions(area)
    if page.published is None:
        page.published, page.published_text = _visible_date(area, root, meta.published_raw)


def _title(meta: StructuredData, root: lxml.html.HtmlElement, url: str) -> str | None:
    """Declared title, else the first h1, else <title> without its site-name suffix."""
    if meta.title:
        return _strip_site_name(meta.title, meta.site_name, url)
    for h1 in root.iter("h1"):
        text = clean(h1.text_content())
        if text:
            return text
    title = root.find(".//title")
    text = clean(title.text_content()) if title is not None else None
    return _strip_site_name(text, meta.site_name, url) if text else None


def _strip_site_name(title: str, site_name: str | None, url: str) -> str:
    """Remove a trailing (or leading) "| Site name" part when it names the site."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    host = urlsplit(url).hostname or ""
    site_keys = {_key(site_name or ""), _key(host.removeprefix("www.").split(".")[0])} - {""}
    for candidate, rest in ((parts[-1], title[: title.rfind(parts[-1])]), (parts[0], title[len(parts[0]) :])):
        key = _key(candidate)
        if key and any(key == s or key.startswith(s) or s.startswith(key) for s in site_keys):
            return _trim_separator(rest)
    return title


def _trim_separator(text: str) -> str:
    return text.strip().strip("|-\u2013\u2014:\u00bb\u00b7").strip()


def _key(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


def _lead(description: str | None, body: list[str]) -> str | None:
    """The declared summary, unless the body already opens with it."""
    if not description:
        return None
    lead_words = _WORD.findall(description.lower())
    if not lead_words:
        return None
    for paragraph in body[:2]:
        para_words = _WORD.findall(paragraph.lower())
        shared = min(len(lead_words), len(para_words))
        if shared and lead_words[:shared] == para_words[:shared] and shared >= 0.8 * len(lead_words):
            return None
    return description


def _article_area(scope: list[lxml.html.HtmlElement] | None) -> list[lxml.html.HtmlElement]:
    """Where captions and dates of this article live: its <article> element, else the body blocks."""
    if not scope:
        return []
    for el in _ancestors(scope[0]):
        if _tag(el) in ("article", "main"):
            return [el]
    return scope


def _captions(area: Iterable[lxml.html.HtmlElement]) -> list[str]:
    captions: list[str] = []
    for el in area:
        for caption in el.iter("figcaption"):
            text = clean(caption.text_content())
            if text and text not in captions:
                captions.append(text)
    return captions


def _in_furniture(el: lxml.html.HtmlElement) -> bool:
    """Inside a teaser link, a sidebar, a related/most-read box, a nav or a footer: another story's date."""
    for node in _ancestors(el):
        tag = _tag(node)
        if tag in _FURNITURE_TAGS:
            return True
        names = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if len(names) > 2 and _DATE_FURNITURE.search(names):
            return True
    return False


def _visible_date(
    area: list[lxml.html.HtmlElement], root: lxml.html.HtmlElement, raw: str | None
) -> tuple[datetime | None, str | None]:
    """An aware date from a <time datetime>, else the visible date text for the cleaner.

    Dates of other stories (related boxes, sidebars, teaser lists) are never taken: a page whose
    only date sits there has no trustworthy date and gets none.
    """
    for scope in (*area, root):
        for time_el in scope.iter("time"):
            if _in_furniture(time_el):
                continue
            declared = time_el.get("datetime")
            parsed = parse_iso_datetime(declared)
            if parsed is not None:
                return parsed, None
            text = clean(time_el.text_content()) or clean(declared)
            if text:
                return None, text
    if raw and parse_date(raw) is not None:  # a declared but naive or odd date, when it is a sane one
        return None, raw
    for scope in area:
        for el in scope.iter():
            names = f"{el.get('class') or ''} {el.get('id') or ''}" if isinstance(el.tag, str) else ""
            if names.strip() and _DATE_HINT.search(names) and not _in_furniture(el):
                text = clean(el.text_content())
                if text and len(text) <= 80 and _HAS_DIGIT.search(text):
                    return None, text
    return None, None


def _rel_tags(root: lxml.html.HtmlElement) -> list[str]:
    tags: list[str] = []
    for link in root.iter("a"):
        if "tag" in (link.get("rel") or "").lower().split():
            text = clean(link.text_content())
            if text and text not in tags:
                tags.append(text)
    return tags


def _visible_authors(root: lxml.html.HtmlElement) -> list[str]:
    """Names marked up as authors (rel=author, itemprop=author) when no structured author exists."""
    names: list[str] = []
    for el in root.iter("a", "span", "div", "p"):
        if "author" not in (el.get("rel") or "").lower().split() and el.get("itemprop") != "author":
            continue
        name_el = el.find(".//*[@itemprop='name']")
        text = clean((name_el if name_el is not None else el).text_content())
        if text and len(text) <= 80 and text not in names:
            names.append(text)
    return names
