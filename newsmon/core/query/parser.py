"""Recursive-descent parser: query text -> AST, with positioned errors; named definitions.

Precedence, tightest first: field scope and NOT, NEAR, AND (explicit or implicit), OR.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from newsmon.core.query.document import SCOPES
from newsmon.core.query.errors import QueryError
from newsmon.core.query.lexer import Tok, tokenize
from newsmon.core.query.nodes import And, Near, Node, Not, Or, QWord, Scope, Term, positive_terms
from newsmon.core.text import has_diacritics, words

# Deepest nesting of parentheses, NOT and field scopes (references included): parsing, matching and
# printing recurse once per level, and Python's stack is finite; real topics nest a few levels.
MAX_NESTING = 64


def query_words(text: str, column: int, *, bare: bool) -> tuple[QWord, ...]:
    """Turn a term or phrase into query words; a trailing '*' on a word makes it a prefix.

    A bare term with inner punctuation ("e-government") becomes the phrase of its parts.
    """
    out: list[QWord] = []
    chunks = [text] if bare else text.split()
    for chunk in chunks:
        prefix = chunk.endswith("*")
        core = chunk[:-1] if prefix else chunk
        if "*" in core:
            raise QueryError(f"wildcard '*' only allowed at the end of a word in '{text}'", column)
        parts = words(core)
        if not parts:
            if prefix:
                raise QueryError(f"wildcard '{chunk}' has no letters or digits before '*'", column)
            continue
        for k, part in enumerate(parts):
            is_prefix = prefix and k == len(parts) - 1
            out.append(QWord(part, has_diacritics(part), is_prefix))
    if not out:
        what = "term" if bare else "phrase"
        raise QueryError(f"{what} '{text}' has no letters or digits", column)
    return tuple(out)


class _Parser:
    """query := or EOF; or := and (OR and)*; and := near ([AND] near)*;
    near := unary (NEAR/n unary)*; unary := (NOT|-) unary | FIELD unary | primary;
    primary := WORD | PHRASE | @ref | ( or )."""

    _STARTS = frozenset({"WORD", "PHRASE", "LPAREN", "NOT", "FIELD", "REF"})

    def __init__(self, query: str, defs: Mapping[str, Node] | None = None) -> None:
        self.toks = tokenize(query)
        self.pos = 0
        self.defs = defs or {}
        self.depth = 0

    def enter(self, tok: Tok) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise QueryError(f"query nests too deeply (more than {MAX_NESTING} levels)", tok.column)

    def peek(self) -> Tok:
        return self.toks[self.pos]

    def take(self) -> Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        if self.peek().kind == "EOF":
            raise QueryError("empty query")
        node = self.parse_or()
        tok = self.peek()
        if tok.kind == "RPAREN":
            raise QueryError("unbalanced parenthesis: ')' without '('", tok.column)
        if tok.kind != "EOF":  # pragma: no cover - every other token starts or joins an operand
            raise QueryError(f"unexpected '{tok.text}'", tok.column)
        return node

    def expect_operand(self, after: Tok | None) -> None:
        """Fail with a precise message when an operator is not followed by something to operate on."""
        tok = self.peek()
        if tok.kind in self._STARTS:
            return
        found = "end of query" if tok.kind == "EOF" else f"'{tok.text}'"
        if after is None:
            problem = (
                "unbalanced parenthesis: ')' without '('" if tok.kind == "RPAREN" else f"expected a term, found {found}"
            )
            raise QueryError(problem, tok.column)
        raise QueryError(f"expected a term after {after.text}, found {found}", tok.column)

    def parse_or(self) -> Node:
        self.expect_operand(None)
        items = [self.parse_and()]
        while self.peek().kind == "OR":
            self.expect_operand(self.take())
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Node:
        items = [self.parse_near()]
        while True:
            tok = self.peek()
            if tok.kind == "AND":
                self.take()
                self.expect_operand(tok)
            elif tok.kind not in self._STARTS:
                break
            items.append(self.parse_near())
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_near(self) -> Node:
        left = self.parse_unary()
        while self.peek().kind == "NEAR":
            op = self.take()
            self.expect_operand(op)
            right = self.parse_unary()
            if not (left.has_spans() and right.has_spans()):
                raise QueryError(f"{op.text} needs terms or phrases on both sides", op.column)
            left = Near(left, right, op.value)
        return left

    def parse_unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "NOT":
            self.take()
            self.expect_operand(tok)
            self.enter(tok)
            node: Node = Not(self.parse_unary())
        elif tok.kind == "FIELD":
            self.take()
            self.expect_operand(Tok("FIELD", tok.text + ":", tok.column))
            self.enter(tok)
            node = Scope(SCOPES[tok.text], self.parse_unary(), tok.text)
        else:
            return self.parse_primary()
        self.depth -= 1
        return node

    def parse_primary(self) -> Node:
        tok = self.take()
        if tok.kind == "WORD":
            return Term(query_words(tok.text, tok.column, bare=True), tok.text)
        if tok.kind == "PHRASE":
            return Term(query_words(tok.text, tok.column, bare=False), f'"{tok.text}"')
        if tok.kind == "REF":
            if tok.text not in self.defs:
                raise QueryError(f"unknown reference '@{tok.text}'", tok.column)
            return self.defs[tok.text]
        if tok.kind == "LPAREN":
            if self.peek().kind == "RPAREN":
                raise QueryError("empty parentheses", tok.column)
            self.enter(tok)
            node = self.parse_or()
            close = self.take()
            if close.kind != "RPAREN":
                raise QueryError("unbalanced parenthesis: '(' is never closed", tok.column)
            self.depth -= 1
            return node
        raise QueryError(f"unexpected '{tok.text}'", tok.column)  # pragma: no cover


def parse_query(query: str, defs: Mapping[str, Node] | None = None) -> Node:
    """Parse one query into an AST (`@name` resolved from defs); raises QueryError on malformed input."""
    node = _check_depth(_Parser(query, defs).parse())
    if not positive_terms(node):
        raise QueryError("query has no positive term (it would match almost everything)")
    return node


def _check_depth(root: Node) -> Node:
    """Refuse an AST deeper than MAX_NESTING (references can stack one definition's depth on another's).

    Iterative, and each shared node (a definition used many times) is measured once: linear.
    """
    depth: dict[int, int] = {}
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in depth:
            continue
        if done:
            depth[id(node)] = 1 + max((depth[id(c)] for c in node.children()), default=0)
            if depth[id(node)] > MAX_NESTING + 2:  # + the implicit AND/OR levels around a nesting
                raise QueryError(f"query nests too deeply (more than {MAX_NESTING} levels)")
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in node.children() if id(c) not in depth)
    return root


# A reference in a definition's text, once comments and phrases (which may hold '@') are blanked.
_REF = re.compile(r"@([^\s()\"]+)")
_NOT_CODE = re.compile(r"#[^\n]*|\"[^\"]*\"")


def parse_defs(raw: Mapping[str, str]) -> dict[str, Node]:
    """Parse named sub-queries (a `[defs]` table) in dependency order; a cycle or bad one is an error.

    Unlike a query, a definition need not have a positive term (it may be used under NOT).
    """
    done: dict[str, Node] = {}
    active: list[str] = []

    def build(name: str) -> None:
        if name in done:
            return
        if name in active:
            raise QueryError(f"reference cycle in [defs]: {' -> '.join([*active, name])}")
        if len(active) >= MAX_NESTING:
            raise QueryError(f"[defs] references nest too deeply (more than {MAX_NESTING} levels)")
        active.append(name)
        for ref in _REF.findall(_NOT_CODE.sub(" ", raw[name])):
            if ref in raw:
                build(ref)
        try:
            done[name] = _check_depth(_Parser(raw[name], done).parse())
        except QueryError as exc:
            raise QueryError(f"def '{name}': {exc}") from None
        active.pop()

    for name in raw:
        build(name)
    return done
