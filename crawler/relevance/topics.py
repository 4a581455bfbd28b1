"""Topic rules: decide whether an article is about e-government awards and rankings.

Topics are configuration (TOML), not code. Each topic is a name plus a query in the query language
of `newsmon.core.query` (its docstring has the syntax), parsed once and evaluated against every
article. A topic file has optional ``[weights]`` (per field), optional ``[defs]`` (named sub-queries,
used as ``@name``) and one or more ``[[topic]]`` tables (``name``, ``query``, ``description``).

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

import math
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsmon.core.query import FIELDS, Document, Node, QueryError, Term, matches, parse_defs, parse_query, scoped_terms
from newsmon.core.records import Article, Relevance

__all__ = ["DEFAULT_TOPICS", "Topic", "TopicQueryError", "TopicSet", "article_fields", "load_topics"]

DEFAULT_TOPICS = Path(__file__).parents[1] / "topics" / "default.toml"
DEFAULT_WEIGHTS: dict[str, float] = {"title": 3.0, "lead": 2.0, "body": 1.0}

# A malformed query or topic file: one error class for the language and the files that use it.
TopicQueryError = QueryError


def article_fields(article: Article) -> dict[str, list[str]]:
    """The query fields of an article; the lead falls back to the first body paragraph."""
    body = list(article.body) + list(article.captions)
    lead = article.lead or (article.body[0] if article.body else "")
    return {"title": [article.title or ""], "lead": [lead], "body": body}


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    query: str
    root: Node
    description: str = ""
    terms: tuple[tuple[Term, tuple[str, ...]], ...] = ()  # positive terms, fields in weight order

    @classmethod
    def compile(cls, name: str, query: str, root: Node, description: str = "") -> Topic:
        terms = tuple((t, tuple(f for f in FIELDS if f in fs)) for t, fs in scoped_terms(root))
        return cls(name, query, root, description, terms)

    def matched_terms(self, doc: Document) -> dict[str, str]:
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
        defs = _defs(data.get("defs", {}))
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
        return self._judge(Document(text_fields))

    def evaluate(self, article: Article) -> Relevance:
        """The verdict on one article; each field is tokenised once and shared by all topics."""
        return self._judge(Document(article_fields(article)))

    def _judge(self, doc: Document) -> Relevance:
        best = 0.0
        names: list[str] = []
        matched: dict[str, list[str]] = {}
        for topic in self.topics:
            hit = matches(topic.root, doc)
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


def _defs(raw: object) -> dict[str, Node]:  # object: whatever the TOML file held, checked here
    """The [defs] table, checked to be names -> query strings, parsed in dependency order."""
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise TopicQueryError("[defs] must map names to query strings")
    return parse_defs(raw)


def load_topics(path: Path | None = None) -> TopicSet:
    """Load a topic file; None means the bundled default (crawler/topics/default.toml)."""
    return TopicSet.from_toml((path or DEFAULT_TOPICS).read_text(encoding="utf-8"))
