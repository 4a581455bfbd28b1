"""A document to match queries against: named fields of text, each tokenised once.

Fields are ``title``, ``lead`` and ``body``; each is one text or a list of paragraphs (phrases and
NEAR do not run across paragraph breaks). Words are the comparison form of `newsmon.core.text`,
lower-cased, kept both exact and folded, because a query word written with diacritics is compared
with the exact word and one written without them with the folded word.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache
from itertools import accumulate

from newsmon.core.text import fold, normalize_text

FIELDS: tuple[str, ...] = ("title", "lead", "body")
ALL_FIELDS = frozenset(FIELDS)
# Field scopes a query may name (`title:x`); `head` is title + lead.
SCOPES: dict[str, frozenset[str]] = {
    "title": frozenset({"title"}),
    "lead": frozenset({"lead"}),
    "body": frozenset({"body"}),
    "head": frozenset({"title", "lead"}),
}
BREAK = "\x00"  # paragraph separator in a field's word list; no query word can equal it

# Folding is the slow part of tokenising; words repeat a lot across documents, so cache it.
_fold_word = lru_cache(maxsize=262_144)(fold)
_WORD = re.compile(r"\w+", re.UNICODE)
# What `normalize_text` would change beyond NFC (look-alikes, zero-widths): only then pay for it.
_NEEDS_CLEANING = re.compile("[\u00d0\u00f0\u00ad\u200b-\u200d\u2060\ufeff]")


def _words(text: str) -> list[str]:
    """The words of `newsmon.core.text.words`, with the full normalize_text pass only when needed.

    The hot path of tokenising: most text has neither look-alikes nor zero-width characters, and
    whitespace collapsing cannot change which words \\w+ finds.
    """
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_CLEANING.search(text):
        text = normalize_text(text)
    return _WORD.findall(text.lower())


def _positions(words: list[str]) -> dict[str, list[int]]:
    """word -> positions; no per-word allocation unless the word is new."""
    index: dict[str, list[int]] = {}
    get = index.get
    for i, w in enumerate(words):
        slot = get(w)
        if slot is None:
            index[w] = [i]
        else:
            slot.append(i)
    return index


class Field:
    """One field as exact (NFC lower-case) and folded word lists.

    Membership sets are built eagerly (one C-level pass); word -> positions indexes only when a
    phrase, wildcard or NEAR needs them, since most terms are settled by membership alone.
    """

    __slots__ = ("exact", "folded", "exact_set", "folded_set", "_index", "_sorted", "_paragraph")

    def __init__(self, parts: Iterable[str]) -> None:
        exact: list[str] = []
        for part in parts:
            if not part:
                continue
            if exact:
                exact.append(BREAK)
            exact.extend(_words(part))
        self.exact = exact
        self.folded = list(map(_fold_word, exact))
        self.exact_set = frozenset(self.exact)
        self.folded_set = frozenset(self.folded)
        self._index: dict[bool, dict[str, list[int]]] = {}
        self._sorted: dict[bool, list[str]] = {}
        self._paragraph: list[int] | None = None

    def paragraph(self) -> list[int]:
        """The paragraph number of each word position (built once, for NEAR): a span stays in one
        paragraph when its first and last words have the same number, an O(1) test."""
        if self._paragraph is None:
            self._paragraph = list(accumulate(w == BREAK for w in self.exact))
        return self._paragraph

    def has(self, word: str, exact: bool) -> bool:
        return word in (self.exact_set if exact else self.folded_set)

    def index(self, exact: bool) -> dict[str, list[int]]:
        if exact not in self._index:
            self._index[exact] = _positions(self.exact if exact else self.folded)
        return self._index[exact]

    def vocabulary(self, exact: bool) -> list[str]:
        """Sorted distinct words: only prefix queries need it."""
        if exact not in self._sorted:
            self._sorted[exact] = sorted(self.exact_set if exact else self.folded_set)
        return self._sorted[exact]


class Document:
    """The fields of one document plus a cache of term hits shared by every query run on it.

    A field is one text or a list of paragraphs; missing fields are empty, unknown ones an error.
    """

    __slots__ = ("fields", "cache")

    def __init__(self, fields: Mapping[str, str | Iterable[str]]) -> None:
        unknown = set(fields) - ALL_FIELDS
        if unknown:
            raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
        self.fields: dict[str, Field] = {}
        for name in FIELDS:
            value = fields.get(name, ())
            self.fields[name] = Field([value] if isinstance(value, str) else value)
        # (id of a term node, field name) -> its word spans in that field
        self.cache: dict[tuple[int, str], list[tuple[int, int]]] = {}
