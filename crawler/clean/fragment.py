"""Small HTML fragments as text: records from other tools (`newsmon ingest`) often carry markup.

beautifulsoup4 is the right tool here (not on the crawl's hot path, where lxml reads whole pages
through the profile and generic extractors): it parses any fragment, however broken, resolves every
HTML entity, and `get_text` with a separator keeps block boundaries as paragraph breaks.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from newsmon.core.text import tidy_text

# A tag or an entity: only then is the text parsed as HTML (plain text stays byte-for-byte as given,
# so "a < b" or "R&D" in a plain record are not mangled).
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figcaption")
_SKIP = ("script", "style", "noscript", "template")
_TEXT = (NavigableString, CData)  # what get_text() reads: not comments, doctypes or processing instructions


def fragment_text(text: str) -> str:
    """Text of a fragment: tags dropped, entities resolved, blocks on their own lines."""
    if not _MARKUP.search(text):
        return text
    soup = BeautifulSoup(text, "lxml")
    for node in soup.find_all(_SKIP):
        node.decompose()
    # One walk in document order with a stack of the open elements, a newline where a block opens or
    # closes. Inserting newline nodes around every block instead costs bs4 the square of the nesting
    # depth (50,000 nested divs: 10 minutes).
    parts: list[str] = []
    stack: list[Tag] = []
    for element in soup.descendants:
        while stack and stack[-1] is not element.parent:
            if stack.pop().name in _BLOCKS:
                parts.append("\n")
        if isinstance(element, Tag):
            if element.name in _BLOCKS:
                parts.append("\n")
            stack.append(element)
        elif type(element) in _TEXT:
            parts.append(str(element))
    parts.extend("\n" for tag in stack if tag.name in _BLOCKS)
    return "".join(parts)


def fragment_paragraphs(text: str) -> list[str]:
    """The paragraphs of a body given as one string, plain text or HTML (one per line or block)."""
    return [p for p in (tidy_text(line) for line in fragment_text(text).split("\n")) if p]
