"""Archive search with hostile queries: apostrophes, length and term limits, linear cost, no raw SQL errors.

Cost is asserted by counting (the size of what is built), never by timing.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsmon.core.records import Article, Relevance
from storage.archive import Archive
from storage.search import MAX_QUERY_CHARS, MAX_QUERY_TERMS, ParsedQuery, SearchQueryError
from storage.search import sqlite as fts
from tests.conftest import run_cli

ON = Relevance(True, 0.9, ["egov-awards"], {"egov-awards": ["asocio"]})


def _store(archive: Archive, url: str, title: str, body: str) -> None:
    archive.store(
        Article(
            url=url,
            title=title,
            body=[body],
            outlet="vnexpress.net",
            published=datetime(2023, 11, 15, 2, 30, tzinfo=UTC),
            language="en",
        ),
        ON,
    )


@pytest.fixture
def english(archive: Archive) -> Archive:
    _store(
        archive,
        "https://e.vnexpress.net/news/vietnam-digital-4800001.html",
        "Vietnam’s digital government wins ASOCIO award",
        "Vietnam's digital transformation was recognised at the ASOCIO summit in Seoul this week.",
    )
    _store(
        archive,
        "https://e.vnexpress.net/news/other-4800002.html",
        "Rice exports rise",
        "Vietnam exported more rice to the Philippines, and digital payments grew at markets.",
    )
    return archive


def test_an_apostrophe_is_part_of_the_text(english: Archive) -> None:
    for query in ["Vietnam's digital", "Vietnam’s digital", "vietnam's", '"Vietnam\'s digital government"']:
        rows = english.search(query)
        assert [r["title"] for r in rows] == ["Vietnam’s digital government wins ASOCIO award"], query


def test_a_double_quote_left_open_is_refused_with_its_column(english: Archive) -> None:
    with pytest.raises(SearchQueryError, match=r"^cannot read the query .*unclosed quote \(\"\) at column 9$"):
        english.search('"award" "Vietnam digital')


def test_query_length_limit_has_one_clear_message(english: Archive) -> None:
    query = " ".join(["digital"] * 20_000)
    with pytest.raises(SearchQueryError) as info:
        english.search(query)
    assert str(info.value) == f"query too long: {len(query)} characters (at most {MAX_QUERY_CHARS})"


def test_term_limit_counts_distinct_words_and_phrases(english: Archive) -> None:
    many = " ".join(f"w{i}" for i in range(MAX_QUERY_TERMS + 1))
    with pytest.raises(SearchQueryError, match=rf"^query has too many terms: {MAX_QUERY_TERMS + 1} words"):
        english.search(many)
    repeated = " ".join(["digital"] * 120)  # 120 terms typed, one distinct: a repeat counts (and costs) once
    assert len(ParsedQuery.parse(repeated).terms) == 1


def test_index_expression_grows_linearly_and_repeats_add_nothing() -> None:
    words = [f"w{i}" for i in range(MAX_QUERY_TERMS)]
    sizes = [len(fts.match_expression(ParsedQuery.parse(" ".join(words[:n])))) for n in (8, 16, 32, 64)]
    per_term = [size / n for size, n in zip(sizes, (8, 16, 32, 64), strict=True)]
    assert max(per_term) < 1.2 * min(per_term)  # linear: the same cost per term at every size
    once = fts.match_expression(ParsedQuery.parse("digital"))
    assert fts.match_expression(ParsedQuery.parse(" ".join(["digital"] * 120))) == once


def test_longest_allowed_queries_parse_and_run(english: Archive) -> None:
    distinct = " ".join(f"digital{i}" for i in range(MAX_QUERY_TERMS))
    phrase = '"' + " ".join(["digital"] * ((MAX_QUERY_CHARS - 2) // 8)) + '"'
    repeated = ("Vietnam's digital " * 100)[:MAX_QUERY_CHARS]
    for query in (distinct, phrase, repeated):
        assert len(query) <= MAX_QUERY_CHARS
        assert isinstance(english.search(query), list)
    assert [r["title"] for r in english.search(repeated)] == ["Vietnam’s digital government wins ASOCIO award"]


def test_precise_check_is_unchanged() -> None:
    query = ParsedQuery.parse('"chính phủ số" asocio')
    assert query.matches("TPHCM nhận giải Chính phủ số của ASOCIO")
    assert not query.matches("TPHCM nhận giải Chính phủ sở của ASOCIO")
    assert ParsedQuery.parse('"chinh phu so"').matches("Chính phủ số")
    assert not ParsedQuery.parse('"phu so"').matches("phủ\nx số")  # words must be consecutive
    assert not ParsedQuery.parse("so").matches("a solo")


def test_an_index_error_is_a_query_error_not_sql(english: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fts, "match_expression", lambda query: '"digital" AND')
    with pytest.raises(SearchQueryError) as info:
        english.search("digital")
    assert str(info.value) == "cannot search for 'digital': the search index cannot run it"
    assert "fts5" not in str(info.value).lower()


def test_cli_refuses_a_long_query_with_exit_2(english: Archive, db_url: str) -> None:
    result = run_cli("search", "x" * (MAX_QUERY_CHARS + 1), db=db_url)
    assert result.returncode == 2
    assert result.stderr.strip() == f"newsmon: error: query too long: {MAX_QUERY_CHARS + 1} characters (at most 1000)"
    assert "Traceback" not in result.stderr + result.stdout
    apostrophe = run_cli("search", "Vietnam's digital", "--format", "json", db=db_url)
    assert apostrophe.returncode == 0, apostrophe.stderr
    assert "ASOCIO award" in apostrophe.stdout
