"""Small HTML fragments as text: records from other tools (`newsmon ingest`) often carry markup.

beautifulsoup4 is the right tool here (not on the crawl's hot path, where lxml reads whole pages
through the profile and generic extractors): it parses any fragment, however broken, resolves every
HTML entity, and `get_text` with a separator keeps block boundaries as paragraph breaks.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from newsmon.core.text import tidy_text

# A tag or an entity: only then is the text parsed as HTML (plain text stays byte-for-byte as given,
# so "a < b" or "R&D" in a plain record are not mangled).
_MARKUP = re.compile(r"</?[a-zA-Z][^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figcaption")
_SKIP = ("script", "style", "noscript", "template")


def fragment_text(text: str) -> str:
    """Text of a fragment: tags dropped, entities resolved, blocks on their own lines."""
    if not _MARKUP.search(text):
        return text
    soup = BeautifulSoup(text, "lxml")
    for node in soup.find_all(_SKIP):
        node.decompose()
    for node in soup.find_all(_BLOCKS):
        node.insert_before("\n")
        node.insert_after("\n")
    return soup.get_text()


def fragment_paragraphs(text: str) -> list[str]:
    """The paragraphs of a body given as one string, plain text or HTML (one per line or block)."""
    return [p for p in (tidy_text(line) for line in fragment_text(text).split("\n")) if p]
