"""A search query as typed: required words and phrases, read once and checked precisely against text."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from newsmon.core.text import fold, has_diacritics, words


class SearchQueryError(ValueError):
    """A query the search cannot read; the message is meant for the user."""


@dataclass(slots=True)
class ParsedQuery:
    """Required words and phrases of a search query, as typed (NFC, lower case)."""

    terms: list[list[str]]  # each term: one word, or the words of a quoted phrase

    @classmethod
    def parse(cls, query: str) -> ParsedQuery:
        try:
            parts = shlex.split(query, posix=True)
        except ValueError as exc:
            raise SearchQueryError(f"cannot read the query {query!r}: {exc}") from None
        terms = [w for part in parts if (w := words(part))]
        if not terms:
            raise SearchQueryError(f"the query {query!r} has no words to search for")
        return cls(terms)

    def matches(self, text_value: str) -> bool:
        """Precise check: terms with diacritics must appear as written, others match folded."""
        tokens = words(text_value)
        folded = [fold(t) for t in tokens]
        for term in self.terms:
            hay = tokens if any(has_diacritics(w) for w in term) else folded
            needle = term if hay is tokens else [fold(w) for w in term]
            if not _contains_run(hay, needle):
                return False
        return True


def _contains_run(hay: list[str], needle: list[str]) -> bool:
    n = len(needle)
    first = needle[0]
    return any(hay[i] == first and hay[i : i + n] == needle for i in range(len(hay) - n + 1))
