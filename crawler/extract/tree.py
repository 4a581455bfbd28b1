"""HTML -> one lxml tree for every extractor, whatever the page's depth.

libxml2 builds the tree in C, fast and compact, but stops at 256 levels of nesting (2048 with
`huge_tree`) and drops the rest of the page: a body inside 100k nested divs is lost. So the fast
parse runs first, and only when it reports a resource limit is the page parsed again with libxml2
as the tokenizer only (a parser target: libxml2 hands over start/end/data events without a depth
limit) and our `_FlatteningTarget` building the tree: elements below the depth limits are merged
into their parent (see crawler/extract/limits.py). lxml's own TreeBuilder does the building, with
the HTML parser's element classes, so both trees are the same kind of tree.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from crawler.extract.limits import LIMITS, PageLimits, depth_note

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# Layout-only wrappers: merged into their parent first when the page nests too deep.
_WRAPPERS = frozenset(("div", "span", "section", "font", "center", "article", "main", "b", "i", "em", "strong"))
_LIMIT_ERRORS = frozenset((lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT,))


def parse_tree(
    html: str | bytes, url: str | None = None, limits: PageLimits = LIMITS
) -> tuple[lxml.html.HtmlElement | None, str | None]:
    """The page's tree (None when there is nothing to parse) and the note when it was flattened.

    A str is parsed as UTF-8; bytes that are valid UTF-8 too, else libxml2 follows <meta charset>.
    """
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
    if b"\x00" in data:  # libxml2 ends the document at a NUL (parsel drops them too)
        data = data.replace(b"\x00", b"")
    if not data or data.isspace():
        return None, None
    parser = lxml.html.HTMLParser(encoding=encoding, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(data, parser=parser, base_url=url)
    except (lxml.etree.ParserError, ValueError):
        root = None
    if not any(error.type in _LIMIT_ERRORS for error in parser.error_log):
        return root, None
    return _parse_flattened(data, encoding, url, limits)


def _parse_flattened(
    data: bytes, encoding: str | None, url: str | None, limits: PageLimits
) -> tuple[lxml.html.HtmlElement | None, str | None]:
    target = _FlatteningTarget(limits.max_depth)
    parser = lxml.html.HTMLParser(encoding=encoding, huge_tree=True, target=target)
    try:
        root = lxml.etree.fromstring(data, parser=parser, base_url=url or "")
    except (lxml.etree.ParserError, ValueError):
        return None, None
    if not isinstance(root, lxml.html.HtmlElement):
        return None, None
    if url:
        root.getroottree().docinfo.URL = url
    return root, depth_note(limits) if target.flattened else None


class _FlatteningTarget:
    """Parser target that builds the tree and merges elements below the depth limits into their parent.

    `open` mirrors the parser's element stack: for each open element, whether it was kept; `kept` is how
    many of them were. A wrapper is merged below `max_depth // 2` kept levels, anything below `max_depth`.
    """

    def __init__(self, max_depth: int) -> None:
        self._builder = lxml.etree.TreeBuilder(parser=lxml.html.HTMLParser())
        self._soft = max_depth // 2
        self._hard = max_depth
        self._open: list[bool] = []
        self._kept = 0
        self.flattened = False

    def start(self, tag: str | bytes, attrib: dict[str | bytes, str | bytes]) -> None:
        bare_wrapper = tag in _WRAPPERS and not attrib
        keep = self._kept < self._hard and not (bare_wrapper and self._kept >= self._soft)
        self._open.append(keep)
        if keep:
            self._kept += 1
            self._builder.start(tag, attrib)
        else:
            self.flattened = True

    def end(self, tag: str | bytes) -> None:
        if self._open and self._open.pop():
            self._kept -= 1
            self._builder.end(tag)

    def data(self, text: str | bytes) -> None:
        self._builder.data(text)

    def comment(self, text: str | bytes) -> None:  # dropped, like the fast parse's remove_comments
        pass

    def pi(self, target: str, data: str | None = None) -> None:
        pass

    def close(self) -> lxml.etree._Element:  # what `fromstring` returns
        while self._open:  # a page cut short leaves elements open
            self.end("")
        return self._builder.close()
