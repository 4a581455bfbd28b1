"""Topic rules: decide whether an article is about e-government awards and rankings.

Topics are configuration (TOML), not code. Each topic is a name plus a query in a small
boolean language, parsed into an AST once and evaluated against every article.

Query language
--------------
- ``term``            a word; matches whole words/syllables only ("so" never matches inside "solo").
- ``"a b c"``          a phrase: consecutive words, in order (punctuation between them is ignored).
- ``e-government``    a bare term with inner punctuation is a phrase of its parts ("e government").
- ``digit*``          prefix wildcard on a word (also inside phrases: ``"digit* transform*"``).
- ``a AND b``, ``a b``  both (adjacent terms are implicitly ANDed).
- ``a OR b``          either.
- ``NOT a``, ``-a``   negation.
- ``a NEAR/n b``      both, at most n words apart, in the same field (``NEAR`` alone means NEAR/5);
  operands must be terms, phrases or OR-groups of them.
- ``( ... )``         grouping.
- ``title:x``, ``lead:(...)``, ``body:"..."``, ``head:(...)``  restrict a sub-query to a field;
  ``head`` is title + lead. Without a scope a term may match in any field.
- ``@name``           a named sub-query from the ``[defs]`` table of the topic file.
- ``# ...``           a comment up to the end of the line.

Precedence, tightest first: field scope and NOT, NEAR, AND (explicit or implicit), OR.
Operators are upper case; lower-case "and"/"or"/"not" are ordinary terms.

Vietnamese matching
-------------------
Text and query are NFC-normalised and lower-cased and split into words (syllables). A query word
written with diacritics (including đ) must equal the text word exactly, so "số" never matches "sơ"
or "sổ"; a query word written without diacritics is compared with the folded text word, so
"chinh quyen so" finds both "chính quyền số" and unaccented "chinh quyen so".

Fields are ``title``, ``lead`` (the article lead, or the first body paragraph when the page had no
separate lead, because extractors often miss it) and ``body`` (paragraphs and captions; phrases do
not run across paragraph breaks).

Score
-----
For a matching topic: 0.5 + 0.5 * (1 - exp(-w / 8)), where w sums, over the distinct positive terms
that matched, the weight of the best field each was found in (title 3, lead 2, body 1 by default).
A non-matching article scores below 0.5 by the same formula, scaled by 0.5, so the score orders
near misses too. The article's score is the best over its topics.
"""

from __future__ import annotations

import bisect
import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from newsmon.core.records import Article, Relevance
from newsmon.core.text import fold, has_diacritics, normalize_text

__all__ = [
    "And",
    "Near",
    "Node",
    "Not",
    "Or",
    "Scope",
    "Term",
    "Topic",
    "TopicQueryError",
    "TopicSet",
    "load_topics",
    "parse_query",
]

DEFAULT_TOPICS = Path(__file__).parents[1] / "topics" / "default.toml"
FIELDS: tuple[str, ...] = ("title", "lead", "body")
SCOPES: dict[str, frozenset[str]] = {
    "title": frozenset({"title"}),
    "lead": frozenset({"lead"}),
    "body": frozenset({"body"}),
    "head": frozenset({"title", "lead"}),
}
ALL_FIELDS = frozenset(FIELDS)
DEFAULT_WEIGHTS: dict[str, float] = {"title": 3.0, "lead": 2.0, "body": 1.0}
DEFAULT_NEAR = 5
_BREAK = "\x00"  # paragraph separator in the body's word list; no query word can equal it
_WORD = re.compile(r"\w+", re.UNICODE)


class TopicQueryError(ValueError):
    """A malformed query or topic file; the message is one line naming the position and problem."""

    def __init__(self, message: str, column: int | None = None) -> None:
        self.column = column
        self.problem = message
        super().__init__(f"{message} at column {column}" if column is not None else message)


# --------------------------------------------------------------------------------------------
# Documents: each field tokenised once per article


@lru_cache(maxsize=262_144)
def _fold_word(word: str) -> str:
    """Folding is the slow part of tokenising; words repeat a lot across articles, so cache it."""
    return fold(word)


def _positions(words: list[str]) -> dict[str, list[int]]:
    """word -> positions; the hot loop of tokenising, so no per-word allocation unless new."""
    index: dict[str, list[int]] = {}
    get = index.get
    for i, w in enumerate(words):
        slot = get(w)
        if slot is None:
            index[w] = [i]
        else:
            slot.append(i)
    return index


_NEEDS_CLEANING = re.compile("[\u00d0\u00f0\u00ad\u200b-\u200d\u2060\ufeff]")


def _words(text: str) -> list[str]:
    """NFC lower-case words; the full normalize_text pass only when look-alikes or zero-widths occur."""
    text = unicodedata.normalize("NFC", text)
    if _NEEDS_CLEANING.search(text):
        text = normalize_text(text)
    return _WORD.findall(text.lower())


class _Field:
    """One field as exact (NFC lower-case) and folded word lists.

    Membership sets are built eagerly (one C-level pass); word -> positions indexes only when a
    phrase, wildcard or NEAR needs them, since most terms are settled by membership alone.
    """

    __slots__ = ("exact", "folded", "exact_set", "folded_set", "_index", "_sorted")

    def __init__(self, parts: Iterable[str]) -> None:
        exact: list[str] = []
        for part in parts:
            if not part:
                continue
            if exact:
                exact.append(_BREAK)
            exact.extend(_words(part))
        self.exact = exact
        self.folded = list(map(_fold_word, exact))
        self.exact_set = frozenset(self.exact)
        self.folded_set = frozenset(self.folded)
        self._index: dict[bool, dict[str, list[int]]] = {}
        self._sorted: dict[bool, list[str]] = {}

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


class _Doc:
    """The fields of one article plus a per-article cache of term hits."""

    __slots__ = ("fields", "cache")

    def __init__(self, fields: Mapping[str, Iterable[str]]) -> None:
        self.fields = {name: _Field(fields.get(name, ())) for name in FIELDS}
        self.cache: dict[tuple[int, str], list[tuple[int, int]]] = {}


def _article_fields(article: Article) -> dict[str, list[str]]:
    body = list(article.body) + list(article.captions)
    lead = article.lead or (article.body[0] if article.body else "")
    return {"title": [article.title or ""], "lead": [lead], "body": body}


# --------------------------------------------------------------------------------------------
# AST


@dataclass(frozen=True, slots=True)
class QWord:
    """One query word: exact when written with diacritics, folded otherwise; maybe a prefix."""

    text: str
    exact: bool
    prefix: bool = False

    def accepts(self, f: _Field, i: int) -> bool:
        word = f.exact[i] if self.exact else f.folded[i]
        return word.startswith(self.text) if self.prefix else word == self.text

    def starts(self, f: _Field) -> Iterator[int]:
        if not self.prefix:
            if f.has(self.text, self.exact):
                yield from f.index(self.exact)[self.text]
            return
        index = f.index(self.exact)
        vocab = f.vocabulary(self.exact)
        k = bisect.bisect_left(vocab, self.text)
        while k < len(vocab) and vocab[k].startswith(self.text):
            yield from index[vocab[k]]
            k += 1


class Node:
    """Base of query AST nodes."""

    def evaluate(self, doc: _Doc, fields: frozenset[str]) -> bool:
        raise NotImplementedError

    def spans(self, doc: _Doc, name: str) -> list[tuple[int, int]]:
        """Word spans (start, end exclusive) in one field; only span nodes (terms, OR, NEAR) have them."""
        raise NotImplementedError

    def has_spans(self) -> bool:
        return False

    def children(self) -> tuple[Node, ...]:
        return ()


@dataclass(frozen=True, slots=True, eq=False)
class Term(Node):
    """A word or phrase (a phrase is simply a term with several words)."""

    words: tuple[QWord, ...]
    source: str
    # Plain words that must all occur for any hit: a cheap pre-check before the phrase scan.
    required: tuple[tuple[str, bool], ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", tuple((w.text, w.exact) for w in self.words if not w.prefix))

    def spans(self, doc: _Doc, name: str) -> list[tuple[int, int]]:
        key = (id(self), name)
        hit = doc.cache.get(key)
        if hit is None:
            f = doc.fields[name]
            first, rest = self.words[0], self.words[1:]
            n = len(self.words)
            hit = []
            for i in first.starts(f):
                if i + n <= len(f.exact) and all(w.accepts(f, i + k) for k, w in enumerate(rest, 1)):
                    hit.append((i, i + n))
            hit.sort()
            doc.cache[key] = hit
        return hit

    def present(self, doc: _Doc, name: str) -> bool:
        """Fast path: a plain single word is one dict lookup, no span list needed."""
        f = doc.fields[name]
        for text, exact in self.required:
            if not f.has(text, exact):
                return False
        if len(self.words) == 1 and self.required:
            return True
        return bool(self.spans(doc, name))

    def evaluate(self, doc: _Doc, fields: frozenset[str]) -> bool:
        return any(self.present(doc, name) for name in fields)

    def has_spans(self) -> bool:
        return True

    def __str__(self) -> str:
        return self.source


@dataclass(frozen=True, slots=True, eq=False)
class Not(Node):
    child: Node

    def evaluate(self, doc: _Doc, fields: frozenset[str]) -> bool:
        return not self.child.evaluate(doc, fields)

    def children(self) -> tuple[Node, ...]:
        return (self.child,)

    def __str__(self) -> str:
        return f"NOT {self.child}"


@dataclass(frozen=True, slots=True, eq=False)
class And(Node):
    items: tuple[Node, ...]

    def evaluate(self, doc: _Doc, fields: frozenset[str]) -> bool:
        return all(item.evaluate(doc, fields) for item in self.items)

    def children(self) -> tuple[Node, ...]:
        return self.items

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.items)) + ")"


@dataclass(frozen=True, slots=True, eq=False)
class Or(Node):
    items: tuple[Node, ...]

    def evaluate(self, doc: _Doc, fields: frozenset[str]) -> bool:
        return any(item.evaluate(doc, fields) for item in self.items)

    def spans(self, doc: _Doc, name: str) -> list[tuple[int, int]]:
        return sorted(s for item in self.items for s in item.spans(doc, name))

    def has_spans(self) -> bool:
        return all(item.has_spans() for item in self.items)

    def children(self) -> tuple[Node, ...]:
        return self.items

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.items)) + ")"


@dataclass(frozen=True, slots=True, eq=False)
class Near(Node):
    """Both operands within ``distance`` words of each other (gap between spans), either order."""

    left: Node
    right: Node
    distance: int

    def spans(self, doc: _Doc, name: str) -> list[tuple[int, int]]:
        right = self.right.spans(doc, name)
        if not right:
            return []
        out = []
        for a0, a1 in self.left.spans(doc, name):
            for b0, b1 in right:
                gap = b0 - a1 if b0 >= a1 else a0 - b1
                if gap <= self.distance and doc.fields[name].exact[min(a0, b0) : max(a1, b1)].count(_BREAK) == 0:
                    out.append((min(a0, b0), max(a1, b1)))
        return sorted(out)

    def evaluate(self, doc: _Doc, fields: frozenset[str]) -> bool:
        return any(self.spans(doc, name) for name in fields)

    def has_spans(self) -> bool:
        return True

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)

    def __str__(self) -> str:
        return f"({self.left} NEAR/{self.distance} {self.right})"


@dataclass(frozen=True, slots=True, eq=False)
class Scope(Node):
    """Restrict a sub-query to some fields (intersected with any enclosing scope)."""

    fields: frozenset[str]
    child: Node
    label: str

    def evaluate(self, doc: _Doc, fields: frozenset[str]) -> bool:
        return self.child.evaluate(doc, fields & self.fields)

    def spans(self, doc: _Doc, name: str) -> list[tuple[int, int]]:
        return self.child.spans(doc, name) if name in self.fields else []

    def has_spans(self) -> bool:
        return self.child.has_spans()

    def children(self) -> tuple[Node, ...]:
        return (self.child,)

    def __str__(self) -> str:
        return f"{self.label}:{self.child}"


# --------------------------------------------------------------------------------------------
# Tokenizer


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # WORD PHRASE LPAREN RPAREN AND OR NOT NEAR FIELD REF EOF
    text: str
    column: int  # 1-based
    value: int = 0  # NEAR distance


_DELIMS = frozenset('()"')
_NEAR = re.compile(r"NEAR(?:/(\d+))?\Z")


def _tokenize(query: str) -> list[_Tok]:
    """Split a query into tokens; columns are 1-based so error messages match what editors show."""
    toks: list[_Tok] = []
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
            toks.append(_Tok("LPAREN", ch, col))
            i += 1
        elif ch == ")":
            toks.append(_Tok("RPAREN", ch, col))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise TopicQueryError("unterminated phrase (missing closing quote)", col)
            toks.append(_Tok("PHRASE", query[i + 1 : end], col))
            i = end + 1
        elif ch == "-" and i + 1 < n and not query[i + 1].isspace():
            toks.append(_Tok("NOT", ch, col))
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
                    raise TopicQueryError(f"unknown field '{word}:' (use {', '.join(s + ':' for s in SCOPES)})", col)
                toks.append(_Tok("FIELD", word, col))
                i = j + 1
                continue
            if word in ("AND", "OR", "NOT"):
                toks.append(_Tok(word, word, col))
            elif m := _NEAR.match(word):
                toks.append(_Tok("NEAR", word, col, int(m.group(1)) if m.group(1) else DEFAULT_NEAR))
            elif word.startswith("NEAR/"):
                raise TopicQueryError(f"bad proximity operator '{word}' (expected NEAR/<number>)", col)
            elif word.startswith("@"):
                toks.append(_Tok("REF", word[1:], col))
            else:
                toks.append(_Tok("WORD", word, col))
            i = j
    toks.append(_Tok("EOF", "", n + 1))
    return toks


def _qwords(text: str, column: int, *, bare: bool) -> tuple[QWord, ...]:
    """Turn a term or phrase into query words; a trailing '*' on a word makes it a prefix."""
    out: list[QWord] = []
    chunks = [text] if bare else text.split()
    for chunk in chunks:
        prefix = chunk.endswith("*")
        core = chunk[:-1] if prefix else chunk
        if "*" in core:
            raise TopicQueryError(f"wildcard '*' only allowed at the end of a word in '{text}'", column)
        parts = _WORD.findall(normalize_text(core).lower())
        if not parts:
            if prefix:
                raise TopicQueryError(f"wildcard '{chunk}' has no letters or digits before '*'", column)
            continue
        for k, part in enumerate(parts):
            is_prefix = prefix and k == len(parts) - 1
            exact = has_diacritics(part)
            out.append(QWord(part, exact, is_prefix))
    if not out:
        what = "term" if bare else "phrase"
        raise TopicQueryError(f"{what} '{text}' has no letters or digits", column)
    return tuple(out)


# --------------------------------------------------------------------------------------------
# Parser (recursive descent)


class _Parser:
    """query := or EOF; or := and (OR and)*; and := near ([AND] near)*;
    near := unary (NEAR/n unary)*; unary := (NOT|-) unary | FIELD unary | primary;
    primary := WORD | PHRASE | @ref | ( or )."""

    _STARTS = frozenset({"WORD", "PHRASE", "LPAREN", "NOT", "FIELD", "REF"})

    def __init__(self, query: str, defs: Mapping[str, Node] | None = None) -> None:
        self.toks = _tokenize(query)
        self.pos = 0
        self.defs = defs or {}

    def peek(self) -> _Tok:
        return self.toks[self.pos]

    def take(self) -> _Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def parse(self) -> Node:
        if self.peek().kind == "EOF":
            raise TopicQueryError("empty query")
        node = self.parse_or()
        tok = self.peek()
        if tok.kind == "RPAREN":
            raise TopicQueryError("unbalanced parenthesis: ')' without '('", tok.column)
        if tok.kind != "EOF":  # pragma: no cover - every other token starts or joins an operand
            raise TopicQueryError(f"unexpected '{tok.text}'", tok.column)
        return node

    def expect_operand(self, after: _Tok | None) -> None:
        """Fail with a precise message when an operator is not followed by something to operate on."""
        tok = self.peek()
        if tok.kind in self._STARTS:
            return
        found = "end of query" if tok.kind == "EOF" else f"'{tok.text}'"
        if after is None:
            problem = (
                "unbalanced parenthesis: ')' without '('" if tok.kind == "RPAREN" else f"expected a term, found {found}"
            )
            raise TopicQueryError(problem, tok.column)
        raise TopicQueryError(f"expected a term after {after.text}, found {found}", tok.column)

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
                raise TopicQueryError(f"{op.text} needs terms or phrases on both sides", op.column)
            left = Near(left, right, op.value)
        return left

    def parse_unary(self) -> Node:
        tok = self.peek()
        if tok.kind == "NOT":
            self.take()
            self.expect_operand(tok)
            return Not(self.parse_unary())
        if tok.kind == "FIELD":
            self.take()
            self.expect_operand(_Tok("FIELD", tok.text + ":", tok.column))
            return Scope(SCOPES[tok.text], self.parse_unary(), tok.text)
        return self.parse_primary()

    def parse_primary(self) -> Node:
        tok = self.take()
        if tok.kind == "WORD":
            return Term(_qwords(tok.text, tok.column, bare=True), tok.text)
        if tok.kind == "PHRASE":
            return Term(_qwords(tok.text, tok.column, bare=False), f'"{tok.text}"')
        if tok.kind == "REF":
            if tok.text not in self.defs:
                raise TopicQueryError(f"unknown reference '@{tok.text}'", tok.column)
            return self.defs[tok.text]
        if tok.kind == "LPAREN":
            if self.peek().kind == "RPAREN":
                raise TopicQueryError("empty parentheses", tok.column)
            node = self.parse_or()
            close = self.take()
            if close.kind != "RPAREN":
                raise TopicQueryError("unbalanced parenthesis: '(' is never closed", tok.column)
            return node
        raise TopicQueryError(f"unexpected '{tok.text}'", tok.column)  # pragma: no cover


def parse_query(query: str, defs: Mapping[str, Node] | None = None) -> Node:
    """Parse one query into an AST; raises TopicQueryError on malformed input."""
    node = _Parser(query, defs).parse()
    if not _positive_terms(node):
        raise TopicQueryError("query has no positive term (it would match almost everything)")
    return node


def _positive_terms(node: Node, positive: bool = True) -> list[Term]:
    if isinstance(node, Term):
        return [node] if positive else []
    flip = isinstance(node, Not)
    return [t for child in node.children() for t in _positive_terms(child, positive != flip)]


def _scoped_terms(node: Node) -> list[tuple[Term, frozenset[str]]]:
    """Positive terms with the fields they may match in; flattened once per topic for reporting."""
    out: dict[tuple[int, frozenset[str]], tuple[Term, frozenset[str]]] = {}

    def walk(node: Node, fields: frozenset[str], positive: bool) -> None:
        if isinstance(node, Term):
            if positive and fields:
                out.setdefault((id(node), fields), (node, fields))
            return
        if isinstance(node, Scope):
            fields = fields & node.fields
        flip = isinstance(node, Not)
        for child in node.children():
            walk(child, fields, positive != flip)

    walk(node, ALL_FIELDS, True)
    return list(out.values())


# --------------------------------------------------------------------------------------------
# Topics


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    query: str
    root: Node
    description: str = ""
    terms: tuple[tuple[Term, tuple[str, ...]], ...] = ()  # positive terms, fields in weight order

    @classmethod
    def compile(cls, name: str, query: str, root: Node, description: str = "") -> Topic:
        terms = tuple((t, tuple(f for f in FIELDS if f in fs)) for t, fs in _scoped_terms(root))
        return cls(name, query, root, description, terms)

    def matched_terms(self, doc: _Doc) -> dict[str, str]:
        """Positive terms found, each with the best field it was found in."""
        out: dict[str, str] = {}
        for term, fields in self.terms:
            for name in fields:
                if term.present(doc, name):
                    best = out.get(term.source)
                    if best is None or FIELDS.index(name) < FIELDS.index(best):
                        out[term.source] = name
                    break
        return out


@dataclass(slots=True)
class TopicSet:
    """Compiled topics; an article is relevant when any topic matches."""

    topics: list[Topic]
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    @classmethod
    def from_toml(cls, text: str) -> TopicSet:
        """Build from TOML: optional [weights], optional [defs] (named sub-queries), [[topic]] tables."""
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise TopicQueryError(f"invalid TOML: {exc}") from None
        weights = dict(DEFAULT_WEIGHTS)
        for name, value in data.get("weights", {}).items():
            if name not in weights or not isinstance(value, int | float):
                raise TopicQueryError(f"bad weight '{name}' (fields are {', '.join(FIELDS)})")
            weights[name] = float(value)
        defs = _compile_defs(data.get("defs", {}))
        raw = data.get("topic", [])
        if not isinstance(raw, list) or not raw:
            raise TopicQueryError("no [[topic]] tables")
        topics: list[Topic] = []
        for entry in raw:
            name, query = entry.get("name"), entry.get("query")
            if not isinstance(name, str) or not isinstance(query, str):
                raise TopicQueryError("each [[topic]] needs a string 'name' and 'query'")
            if any(t.name == name for t in topics):
                raise TopicQueryError(f"duplicate topic '{name}'")
            try:
                root = parse_query(query, defs)
            except TopicQueryError as exc:
                raise TopicQueryError(f"topic '{name}': {exc}") from None
            topics.append(Topic.compile(name, query, root, str(entry.get("description", ""))))
        return cls(topics, weights)

    def match(self, text_fields: Mapping[str, str | Iterable[str]]) -> Relevance:
        """Evaluate raw fields (title/lead/body; each a string or list of paragraphs)."""
        unknown = set(text_fields) - set(FIELDS)
        if unknown:
            raise ValueError(f"unknown fields: {', '.join(sorted(unknown))}")
        fields = {k: [v] if isinstance(v, str) else list(v) for k, v in text_fields.items()}
        return self._judge(_Doc(fields))

    def evaluate(self, article: Article) -> Relevance:
        """The verdict on one article; each field is tokenised once and shared by all topics."""
        return self._judge(_Doc(_article_fields(article)))

    def _judge(self, doc: _Doc) -> Relevance:
        best = 0.0
        names: list[str] = []
        matched: dict[str, list[str]] = {}
        for topic in self.topics:
            hit = topic.root.evaluate(doc, ALL_FIELDS)
            terms = topic.matched_terms(doc)
            strength = 1.0 - math.exp(-sum(self.weights[f] for f in terms.values()) / 8.0)
            if hit:
                names.append(topic.name)
                matched[topic.name] = list(terms)
                best = max(best, 0.5 + 0.5 * strength)
            else:
                best = max(best, min(0.49, 0.5 * strength))
        return Relevance(relevant=bool(names), score=round(best, 4), topics=names, matched_terms=matched)

    def __iter__(self) -> Iterator[Topic]:
        return iter(self.topics)

    def __len__(self) -> int:
        return len(self.topics)


def _compile_defs(raw: object) -> dict[str, Node]:
    """Compile [defs] in dependency order; a reference cycle or unknown name is an error."""
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise TopicQueryError("[defs] must map names to query strings")
    done: dict[str, Node] = {}
    active: list[str] = []

    def build(name: str) -> None:
        if name in done:
            return
        if name in active:
            raise TopicQueryError(f"reference cycle in [defs]: {' -> '.join([*active, name])}")
        active.append(name)
        for ref in re.findall(r"@([^\s()\"]+)", re.sub(r"#[^\n]*|\"[^\"]*\"", " ", raw[name])):
            if ref in raw:
                build(ref)
        try:
            done[name] = _Parser(raw[name], done).parse()
        except TopicQueryError as exc:
            raise TopicQueryError(f"def '{name}': {exc}") from None
        active.pop()

    for name in raw:
        build(name)
    return done


def load_topics(path: Path | None = None) -> TopicSet:
    """Load a topic file; None means the bundled default (crawler/topics/default.toml)."""
    return TopicSet.from_toml((path or DEFAULT_TOPICS).read_text(encoding="utf-8"))
