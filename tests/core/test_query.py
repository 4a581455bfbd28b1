"""The query language: parser and its positioned errors, Vietnamese matching, fields and NEAR."""

from __future__ import annotations

import pytest

from newsmon.core.query import (
    And,
    Document,
    Near,
    Not,
    Or,
    QueryError,
    Scope,
    Term,
    matches,
    parse_defs,
    parse_query,
)


def hit(query: str, title: str = "", lead: str = "", body: str | list[str] = "") -> bool:
    return matches(parse_query(query), Document({"title": title, "lead": lead, "body": body}))


# ----------------------------------------------------------------------------- parser


def test_precedence_or_lowest_and_implicit() -> None:
    node = parse_query("a b OR c AND d")
    assert isinstance(node, Or)
    assert all(isinstance(item, And) for item in node.items)
    assert str(node) == "((a AND b) OR (c AND d))"


def test_parentheses_override_precedence() -> None:
    assert str(parse_query("a (b OR c)")) == "(a AND (b OR c))"


def test_not_and_minus_bind_to_next_operand() -> None:
    node = parse_query("a -b NOT (c OR d)")
    assert isinstance(node, And)
    assert isinstance(node.items[1], Not) and isinstance(node.items[2], Not)
    assert str(node.items[2].child) == "(c OR d)"


def test_phrase_and_punctuated_term_are_word_sequences() -> None:
    phrase = parse_query('"Chính phủ số"')
    assert isinstance(phrase, Term) and [w.text for w in phrase.words] == ["chính", "phủ", "số"]
    dashed = parse_query("e-government")
    assert isinstance(dashed, Term) and [w.text for w in dashed.words] == ["e", "government"]


def test_scope_applies_to_group() -> None:
    node = parse_query("title:(asocio OR futuregov) body:award")
    assert isinstance(node, And)
    scope = node.items[0]
    assert isinstance(scope, Scope) and scope.fields == {"title"} and isinstance(scope.child, Or)


def test_near_binds_tighter_than_and() -> None:
    node = parse_query("x a NEAR/2 b")
    assert isinstance(node, And) and isinstance(node.items[1], Near) and node.items[1].distance == 2


def test_lowercase_operators_are_terms() -> None:
    node = parse_query("rock and roll")
    assert isinstance(node, And) and len(node.items) == 3


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("(asocio OR futuregov", "unbalanced parenthesis: '(' is never closed at column 1"),
        ("title:(asocio OR x))", "unbalanced parenthesis: ')' without '(' at column 20"),
        ("asocio OR", "expected a term after OR, found end of query at column 10"),
        ("AND asocio", "expected a term, found 'AND' at column 1"),
        ("a AND OR b", "expected a term after AND, found 'OR' at column 7"),
        ('award "chính phủ', "unterminated phrase (missing closing quote) at column 7"),
        ("headline:asocio", "unknown field 'headline:' (use title:, lead:, body:, head:) at column 1"),
        ("a NEAR/3 (b AND c)", "NEAR/3 needs terms or phrases on both sides at column 3"),
        ("a NEAR/x b", "bad proximity operator 'NEAR/x' (expected NEAR/<number>) at column 3"),
        ("x*y", "wildcard '*' only allowed at the end of a word in 'x*y' at column 1"),
        ("a ()", "empty parentheses at column 3"),
        ("a @nothing", "unknown reference '@nothing' at column 3"),
        ("", "empty query"),
        ("NOT spam", "query has no positive term (it would match almost everything)"),
    ],
)
def test_errors_name_position_and_problem(query: str, message: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(query)
    assert str(info.value) == message
    assert "\n" not in str(info.value)


def test_defs_resolve_in_dependency_order_and_reject_cycles() -> None:
    defs = parse_defs({"prize": "@award OR asocio", "award": 'award OR "giải thưởng"'})
    assert str(parse_query("@prize smart", defs)) == '(((award OR "giải thưởng") OR asocio) AND smart)'
    with pytest.raises(QueryError, match=r"^reference cycle in \[defs\]: x -> y -> x$"):
        parse_defs({"x": "@y", "y": "@x"})
    with pytest.raises(QueryError, match=r"^def 'x': empty parentheses at column 1$"):
        parse_defs({"x": "()"})


# ----------------------------------------------------------------------------- matching


def test_query_without_diacritics_matches_both_forms() -> None:
    assert hit('"chinh quyen so"', body="Tỉnh đẩy mạnh xây dựng chính quyền số.")
    assert hit('"chinh quyen so"', body="tinh day manh chinh quyen so")
    assert hit("da nang", title="Đà Nẵng dẫn đầu")


def test_query_with_diacritics_is_precise() -> None:
    assert hit("số", body="chính quyền số")
    assert not hit("số", body="sơ lược về sổ tay")
    assert not hit("số", body="chinh quyen so")  # accented query, unaccented text: no match
    assert not hit('"chính phủ số"', body="chính phủ sở")


def test_d_stroke_is_a_letter_not_an_accent_in_precise_mode() -> None:
    assert hit("Đà", body="thành phố đà nẵng")  # case-insensitive
    assert not hit("đà", body="da nang")
    assert hit("dong", body="Đồng Nai")  # folded query: đ folds to d
    assert hit("Đồng", body="\u0110o\u0302\u0300ng Nai")  # decomposed (NFD) text is normalised


def test_whole_syllables_only() -> None:
    assert not hit("so", body="a solo concert")
    assert not hit("city", body="citywide audit")
    assert hit("so", body="Sở Thông tin")  # folded query matches the syllable "sở"


def test_case_and_nfc() -> None:
    assert hit("ASOCIO", body="the asocio award")
    assert hit('"Smart City"', body="SMART CITY AWARD")
    assert hit("quyền", body="quye\u0302\u0300n")  # decomposed (NFD) text is composed before matching


def test_phrase_needs_consecutive_words_in_one_paragraph() -> None:
    assert hit('"smart city award"', body="the Smart-City Award")
    assert not hit('"smart city award"', body="smart award for the city")
    assert not hit('"smart city"', body=["a smart", "city plan"])


def test_prefix_wildcard() -> None:
    assert hit("digit*", body="digitální vláda")
    assert hit('"digit* transform*"', body="Digital Transformation Index")
    assert not hit("digit*", body="a digi camera")


def test_fields_and_scopes() -> None:
    assert hit("title:asocio", title="ASOCIO 2023", body="x")
    assert not hit("title:asocio", title="x", body="ASOCIO 2023")
    assert hit("head:asocio", lead="ASOCIO 2023")
    assert not hit("body:asocio", lead="ASOCIO 2023")


def test_near() -> None:
    assert hit("tăng NEAR/3 bậc", body="Việt Nam tăng 15 bậc")
    assert hit("bậc NEAR/3 tăng", body="Việt Nam tăng 15 bậc")  # either order
    assert not hit("tăng NEAR/1 bậc", body="tăng mạnh tới 15 bậc")


def test_document_rejects_unknown_fields() -> None:
    with pytest.raises(ValueError, match="unknown fields: headline"):
        Document({"headline": "x"})


# ----------------------------------------------------------------------------- hostile queries (issue 15)


def test_an_apostrophe_is_part_of_a_word_not_a_quote() -> None:
    node = parse_query("Vietnam's digital")
    assert isinstance(node, And) and [str(t) for t in node.items] == ["Vietnam's", "digital"]
    assert hit("Vietnam's digital", body="Vietnam’s digital transformation")  # typographic apostrophe too
    assert hit('"Vietnam\'s digital"', body="Vietnam's digital transformation")
    assert not hit("Vietnam's", body="Vietnam digital")  # the 's' is a word of the text


@pytest.mark.parametrize("query", ["(" * 500 + "a" + ")" * 500, "-" * 5000 + "a", "NOT " * 2000 + "a", "title:" * 300 + "a"])
def test_deep_nesting_is_a_query_error_not_a_recursion_error(query: str) -> None:
    with pytest.raises(QueryError, match=r"^query nests too deeply \(more than 64 levels\) at column \d+$"):
        parse_query(query)


def test_deep_references_are_a_query_error() -> None:
    chain = {f"d{i}": f"@d{i + 1} OR x{i}" for i in range(500)} | {"d500": "z"}
    with pytest.raises(QueryError, match="nest too deeply"):
        parse_defs(chain)
    stacked = {f"d{i}": f"(@d{i + 1} AND x{i})" for i in range(40)} | {"d40": "z"}  # each adds an AND level
    defs = parse_defs(stacked)
    with pytest.raises(QueryError, match="nests too deeply"):
        parse_query("(q AND " * 30 + "@d0" + ")" * 30, defs)  # 30 levels here + 41 in @d0
    assert parse_query("(q AND " * 10 + "@d0" + ")" * 10, defs)


def test_long_flat_queries_stay_flat() -> None:
    node = parse_query(" ".join(f"w{i}" for i in range(20_000)))
    assert isinstance(node, And) and len(node.items) == 20_000  # one level, not 20,000
    assert isinstance(parse_query(" OR ".join(["w"] * 5_000)), Or)


class _Counted(list[tuple[int, int]]):
    """A span list that counts how many spans are read from it."""

    reads = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for item in super().__iter__():
            _Counted.reads += 1
            yield item

    def __getitem__(self, k):  # type: ignore[no-untyped-def]
        _Counted.reads += 1
        return super().__getitem__(k)


def test_near_reads_spans_linearly_not_left_times_right() -> None:
    n = 1000
    body = " ".join(["alpha"] * n + ["gap"] * 50 + ["beta"] * n)
    doc = Document({"body": body})
    left, right = parse_query("alpha"), parse_query("beta")
    assert isinstance(left, Term) and isinstance(right, Term)
    key = (id(right), "body")
    doc.cache[key] = _Counted(right.spans(doc, "body"))
    _Counted.reads = 0
    assert not Near(left, right, 5).spans(doc, "body")
    assert _Counted.reads < 5 * n  # the old pairwise loop read n * n = 1,000,000
    assert Near(left, right, 51).spans(doc, "body")  # and it still finds what is near
