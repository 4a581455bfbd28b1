"""A search query as typed: required words and phrases, read once and checked precisely against text.

The language is small on purpose: words, and phrases in double quotes; all must match. Only ``"``
quotes: an apostrophe belongs to the text (``Vietnam's`` is the word pair "vietnam s" that the
tokenizer makes of "Vietnam's" and "Vietnam’s" alike). Limits keep the cost of a query bounded:
`MAX_QUERY_CHARS` characters and `MAX_QUERY_TERMS` distinct words and phrases (a repeated term counts
once: it cannot change the answer). Reading, the index expression and the precise check are linear
in the query and the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsmon.core.text import fold, has_diacritics, words

MAX_QUERY_CHARS = 1000
MAX_QUERY_TERMS = 64

# A "phrase" (group 1), an unclosed quote (group 2) or a bare chunk of non-space text (group 3).
_CHUNK = re.compile(r'"([^"]*)"|(")|([^\s"]+)')


class SearchQueryError(ValueError):
    """A query the search cannot read; the message is meant for the user."""


@dataclass(slots=True)
class ParsedQuery:
    """Required words and phrases of a search query, as typed (NFC, lower case), each once."""

    terms: list[list[str]]  # each term: one word, or the words of a quoted phrase
    source: str = field(default="", compare=False)  # the query as typed, for messages

    @classmethod
    def parse(cls, query: str) -> ParsedQuery:
        query = query.strip()
        if len(query) > MAX_QUERY_CHARS:
            raise SearchQueryError(f"query too long: {len(query)} characters (at most {MAX_QUERY_CHARS})")
        seen: dict[tuple[str, ...], None] = {}  # ordered set: repeats add nothing to an AND
        for m in _CHUNK.finditer(query):
            if m.group(2) is not None:
                where = f"unclosed quote (\") at column {m.start() + 1}"
                raise SearchQueryError(f"cannot read the query {query!r}: {where}")
            # A bare chunk with inner punctuation ("e-government", "Vietnam's") is the phrase of its words.
            term = tuple(words(m.group(1) if m.group(1) is not None else m.group(3)))
            if term:
                seen.setdefault(term)
        if not seen:
            raise SearchQueryError(f"the query {query!r} has no words to search for")
        if len(seen) > MAX_QUERY_TERMS:
            many = f"{len(seen)} words and phrases (at most {MAX_QUERY_TERMS})"
            raise SearchQueryError(f"query has too many terms: {many}")
        return cls([list(t) for t in seen], query)

    def matches(self, text_value: str) -> bool:
        """Precise check: terms with diacritics must appear as written, others match folded.

        Words hold no spaces, so "a run of words" is a substring test on space-joined words, which
        str.find does in linear time (no per-position slicing).
        """
        tokens = words(text_value)
        exact = f" {' '.join(tokens)} "
        folded = f" {fold(exact)} "
        for term in self.terms:
            if any(has_diacritics(w) for w in term):
                if f" {' '.join(term)} " not in exact:
                    return False
            elif f" {' '.join(fold(w) for w in term)} " not in folded:
                return False
        return True
