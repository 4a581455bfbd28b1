"""Tokens of a query, with 1-based columns so error messages match what editors show."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsmon.core.query.document import SCOPES
from newsmon.core.query.errors import QueryError

DEFAULT_NEAR = 5  # distance of a bare NEAR


@dataclass(frozen=True, slots=True)
class Tok:
    kind: str  # WORD PHRASE LPAREN RPAREN AND OR NOT NEAR FIELD REF EOF
    text: str
    column: int  # 1-based
    value: int = 0  # NEAR distance


_DELIMS = frozenset('()"')
_NEAR = re.compile(r"NEAR(?:/(\d+))?\Z")


def tokenize(query: str) -> list[Tok]:
    """Split a query into tokens, ending with an EOF token; raises QueryError on a bad token."""
    toks: list[Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        col = i + 1
        if ch.isspace():
            i += 1
        elif ch == "#":
            while i < n and query[i] != "\n":
                i += 1
        elif ch == "(":
            toks.append(Tok("LPAREN", ch, col))
            i += 1
        elif ch == ")":
            toks.append(Tok("RPAREN", ch, col))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError("unterminated phrase (missing closing quote)", col)
            toks.append(Tok("PHRASE", query[i + 1 : end], col))
            i = end + 1
        elif ch == "-" and i + 1 < n and not query[i + 1].isspace():
            toks.append(Tok("NOT", ch, col))
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in _DELIMS:
                if query[j] == ":":
                    break
                j += 1
            word = query[i:j]
            if j < n and query[j] == ":":
                if word not in SCOPES:
                    raise QueryError(f"unknown field '{word}:' (use {', '.join(s + ':' for s in SCOPES)})", col)
                toks.append(Tok("FIELD", word, col))
                i = j + 1
                continue
            if word in ("AND", "OR", "NOT"):
                toks.append(Tok(word, word, col))
            elif m := _NEAR.match(word):
                toks.append(Tok("NEAR", word, col, int(m.group(1)) if m.group(1) else DEFAULT_NEAR))
            elif word.startswith("NEAR/"):
                raise QueryError(f"bad proximity operator '{word}' (expected NEAR/<number>)", col)
            elif word.startswith("@"):
                toks.append(Tok("REF", word[1:], col))
            else:
                toks.append(Tok("WORD", word, col))
            i = j
    toks.append(Tok("EOF", "", n + 1))
    return toks
