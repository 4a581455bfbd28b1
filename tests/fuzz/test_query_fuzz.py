"""Fuzzing the query language: any text parses or raises QueryError, and a parsed query matches
any document without an exception (search and topic rules must never die on a user's query)."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmon.core.query import Document, QueryError, matches, parse_defs, parse_query
from tests.fuzz.strategies import any_text, vi_paragraph, vi_word

# Pieces of the language, so generated queries reach deep into the parser, not just the lexer.
_TOKENS = st.one_of(
    vi_word,
    st.sampled_from(
        ["AND", "OR", "NOT", "-", "(", ")", '"', "NEAR", "NEAR/0", "NEAR/3", "NEAR/x", "title:", "lead:",
         "body:", "head:", "nosuch:", "@a", "@missing", "*", "so*", "e-government", "#", "\n", "Vietnam's",
         "'", ":", "chính", "quyền", "số", "chinh", "quyen", "so", "Đ", "\u200b", "\x00"]
    ),
    any_text,
)
query_text = st.lists(_TOKENS, max_size=25).map(" ".join) | any_text
_DEFS = parse_defs({"a": "chính quyền số OR (digital NEAR/2 government)"})


@st.composite
def documents(draw: st.DrawFn) -> Document:
    fields: dict[str, str | list[str]] = {}
    for name in ("title", "lead", "body"):
        kind = draw(st.sampled_from(["none", "text", "paras"]))
        if kind == "text":
            fields[name] = draw(any_text | vi_paragraph())
        elif kind == "paras":
            fields[name] = draw(st.lists(any_text | vi_paragraph(), max_size=4))
    return Document(fields)


@settings(max_examples=300)
@given(query_text, documents())
def test_any_query_parses_or_raises_query_error_and_matches(query: str, doc: Document) -> None:
    try:
        root = parse_query(query, _DEFS)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc).strip()  # one line for `newsmon: error: ...`
        return
    assert matches(root, doc) in (True, False)


@settings(max_examples=150)
@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d"]), query_text, max_size=4))
def test_any_definitions_parse_or_raise_query_error(raw: dict[str, str]) -> None:
    with contextlib.suppress(QueryError):
        parse_defs(raw)


@pytest.mark.parametrize("opener", ["(", "-", "NOT ", "title:"])
def test_deep_nesting_is_a_query_error_not_a_crash(opener: str) -> None:
    """Deeply nested groups or stacked negations: a QueryError (or a result), never RecursionError
    (found by this suite: 200 '(' used to exhaust the parser's recursion)."""
    depth = 1000
    query = opener * depth + "số" + (")" * depth if opener == "(" else "")
    try:
        root = parse_query(query)
    except QueryError:
        return
    matches(root, Document({"title": "chính quyền số"}))
