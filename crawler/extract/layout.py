"""Page layout for the generic extractor: the tree read as a browser lays it out.

Every block-level element starts a new line, so the tree becomes a list of text blocks, each owned
by its nearest block element. Boilerplate subtrees (scripts, navigation, footers, forms, and
anything whose class/id says share/related/comments/...) are skipped without touching the tree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import lxml.etree
import lxml.html


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
BODY_HINT = re.compile(
    r"article-?body|articlebody|story-?body|entry-?content|post-?(?:content|body|text)|article-?(?:content|text)"
    r"|main-?content|body-?(?:text|copy)|story-?(?:content|text)|content-?body"
)
_HOLDS_ARTICLE = lxml.etree.XPath("boolean(.//h1 | .//*[@itemprop='articleBody'])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Whitespace to collapse: runs, and any single character but a space. A lone space is left alone, so a
# long paragraph is not rebuilt from one regex match per word.
_WS = re.compile(r"\s{2,}|[^\S ]")


@dataclass(slots=True)
class Block:
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
    blocks: list[Block] = field(default_factory=list)
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
            self.blocks.append(Block(text, len(text), min(self.link_chars, len(text)), self.stack[-1]))
        self.parts.clear()
        self.link_chars = 0


def tag_of(el: lxml.html.HtmlElement) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def ancestors(el: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    while el is not None:
        yield el
        el = el.getparent()


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
    if _LAYOUT_HINT.search(names) or BODY_HINT.search(names):
        return False
    # A wrapper named after a plug-in ("sticky-sidebar") that holds the article itself is no boilerplate.
    return not _HOLDS_ARTICLE(el)


# An open element during the walk: the element, its remaining children, inside a link, is a block.
_Frame = tuple[lxml.html.HtmlElement, Iterator[lxml.html.HtmlElement], bool, bool]


def _open(el: lxml.html.HtmlElement, layout: _Layout, in_link: bool) -> _Frame:
    """Enter an element: a block starts a new line; its own text joins the current one."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    is_block = tag in _BLOCK_TAGS
    if is_block:
        layout.flush()
        layout.stack.append(el)
    elif tag == "br":
        layout.add(" ", in_link)
    in_link = in_link or tag == "a"
    layout.add(el.text, in_link)
    return el, iter(el), in_link, is_block


def lay_out(body: lxml.html.HtmlElement, skip_boilerplate: bool) -> list[Block]:
    """Depth-first layout; block elements flush the current line when they open and close.

    The walk keeps its own stack instead of recursing: a page's depth must not meet Python's
    recursion limit (crawler/extract/tree.py keeps trees to 512 levels, callers may pass others).
    """
    layout = _Layout(skip_boilerplate)
    layout.stack.append(body)
    frames = [_open(body, layout, False)]
    while frames:
        el, children, in_link, is_block = frames[-1]
        child = next(children, None)
        if child is None:
            frames.pop()
            if is_block:
                layout.flush()
                layout.stack.pop()
            if frames:
                layout.add(el.tail, frames[-1][2])  # the tail is the parent's text
            continue
        if not _is_skipped(child, layout.skip_boilerplate):
            frames.append(_open(child, layout, in_link))
            continue
        if isinstance(child.tag, str) and child.tag.lower() in _BLOCK_TAGS:
            layout.flush()  # a dropped block still separates the lines around it
        layout.add(child.tail, in_link)
    layout.flush()
    return layout.blocks
