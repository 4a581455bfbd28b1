"""The query AST and its evaluation against a `Document`.

Boolean nodes (And, Or, Not, Scope) answer `evaluate(doc, fields)`; span nodes (terms, OR-groups of
them, NEAR) also answer `spans(doc, field)`, the word ranges they cover, which NEAR needs.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from newsmon.core.query.document import ALL_FIELDS, Document, Field


@dataclass(frozen=True, slots=True)
class QWord:
    """One query word: exact when written with diacritics, folded otherwise; maybe a prefix."""

    text: str
    exact: bool
    prefix: bool = False

    def accepts(self, f: Field, i: int) -> bool:
        word = f.exact[i] if self.exact else f.folded[i]
        return word.startswith(self.text) if self.prefix else word == self.text

    def starts(self, f: Field) -> Iterator[int]:
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

    def evaluate(self, doc: Document, fields: frozenset[str]) -> bool:
        raise NotImplementedError

    def spans(self, doc: Document, name: str) -> list[tuple[int, int]]:
        """Word spans (start, end exclusive) in one field; only span nodes (terms, OR, NEAR) have them."""
        raise NotImplementedError

    def has_spans(self) -> bool:
        return False

    def children(self) -> tuple[Node, ...]:
        return ()


def matches(root: Node, doc: Document) -> bool:
    """Whether a whole query matches a document (an unscoped term may match in any field)."""
    return root.evaluate(doc, ALL_FIELDS)


@dataclass(frozen=True, slots=True, eq=False)
class Term(Node):
    """A word or phrase (a phrase is simply a term with several words)."""

    words: tuple[QWord, ...]
    source: str
    # Plain words that must all occur for any hit: a cheap pre-check before the phrase scan.
    required: tuple[tuple[str, bool], ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "required", tuple((w.text, w.exact) for w in self.words if not w.prefix))

    def spans(self, doc: Document, name: str) -> list[tuple[int, int]]:
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

    def present(self, doc: Document, name: str) -> bool:
        """Fast path: a plain single word is one set lookup, no span list needed."""
        f = doc.fields[name]
        for text, exact in self.required:
            if not f.has(text, exact):
                return False
        if len(self.words) == 1 and self.required:
            return True
        return bool(self.spans(doc, name))

    def evaluate(self, doc: Document, fields: frozenset[str]) -> bool:
        return any(self.present(doc, name) for name in fields)

    def has_spans(self) -> bool:
        return True

    def __str__(self) -> str:
        return self.source


@dataclass(frozen=True, slots=True, eq=False)
class Not(Node):
    child: Node

    def evaluate(self, doc: Document, fields: frozenset[str]) -> bool:
        return not self.child.evaluate(doc, fields)

    def children(self) -> tuple[Node, ...]:
        return (self.child,)

    def __str__(self) -> str:
        return f"NOT {self.child}"


@dataclass(frozen=True, slots=True, eq=False)
class And(Node):
    items: tuple[Node, ...]

    def evaluate(self, doc: Document, fields: frozenset[str]) -> bool:
        return all(item.evaluate(doc, fields) for item in self.items)

    def children(self) -> tuple[Node, ...]:
        return self.items

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.items)) + ")"


@dataclass(frozen=True, slots=True, eq=False)
class Or(Node):
    items: tuple[Node, ...]

    def evaluate(self, doc: Document, fields: frozenset[str]) -> bool:
        return any(item.evaluate(doc, fields) for item in self.items)

    def spans(self, doc: Document, name: str) -> list[tuple[int, int]]:
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

    def spans(self, doc: Document, name: str) -> list[tuple[int, int]]:
        """Pairs of a left and a right span close enough, found by bisecting the sorted right spans.

        Only right spans starting in [a0 - distance - longest right span, a1 + distance] can be near a
        left span (a0, a1), so the work is the spans plus the pairs that are near, not left x right.
        """
        right = self.right.spans(doc, name)
        if not right:
            return []
        left = self.left.spans(doc, name)
        paragraph = doc.fields[name].paragraph()
        starts = [b0 for b0, _ in right]  # spans come sorted
        longest = max(b1 - b0 for b0, b1 in right)
        out = []
        for a0, a1 in left:
            lo = bisect.bisect_left(starts, a0 - self.distance - longest)
            hi = bisect.bisect_right(starts, a1 + self.distance)
            for k in range(lo, hi):
                b0, b1 = right[k]
                gap = b0 - a1 if b0 >= a1 else a0 - b1
                start, end = min(a0, b0), max(a1, b1)
                if gap <= self.distance and paragraph[start] == paragraph[end - 1]:
                    out.append((start, end))
        return sorted(out)

    def evaluate(self, doc: Document, fields: frozenset[str]) -> bool:
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

    def evaluate(self, doc: Document, fields: frozenset[str]) -> bool:
        return self.child.evaluate(doc, fields & self.fields)

    def spans(self, doc: Document, name: str) -> list[tuple[int, int]]:
        return self.child.spans(doc, name) if name in self.fields else []

    def has_spans(self) -> bool:
        return self.child.has_spans()

    def children(self) -> tuple[Node, ...]:
        return (self.child,)

    def __str__(self) -> str:
        return f"{self.label}:{self.child}"


# --------------------------------------------------------------------------------------------
# Walks over a parsed query


def positive_terms(node: Node, positive: bool = True) -> list[Term]:
    """Terms that count for a match (under an even number of NOTs)."""
    if isinstance(node, Term):
        return [node] if positive else []
    flip = isinstance(node, Not)
    return [t for child in node.children() for t in positive_terms(child, positive != flip)]


def scoped_terms(node: Node) -> list[tuple[Term, frozenset[str]]]:
    """Positive terms with the fields they may match in, each (term, fields) pair once."""
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
