"""The query language that topic rules (and archive search) share.

A query is parsed once into an AST (`parse_query`) and evaluated against a `Document`, named fields
of text tokenised once (`matches(root, Document({...}))`). Nothing here knows articles or topics.

Language
--------
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
- ``@name``           a named sub-query (see `parse_defs`).
- ``# ...``           a comment up to the end of the line.

Precedence, tightest first: field scope and NOT, NEAR, AND (explicit or implicit), OR.
Operators are upper case; lower-case "and"/"or"/"not" are ordinary terms.

Vietnamese matching
-------------------
Text and query are NFC-normalised and lower-cased and split into words (syllables). A query word
written with diacritics (including đ) must equal the text word exactly, so "số" never matches "sơ"
or "sổ"; a query word written without diacritics is compared with the folded text word, so
"chinh quyen so" finds both "chính quyền số" and unaccented "chinh quyen so".
"""

from newsmon.core.query.document import ALL_FIELDS, FIELDS, SCOPES, Document, Field
from newsmon.core.query.errors import QueryError
from newsmon.core.query.lexer import DEFAULT_NEAR
from newsmon.core.query.nodes import (
    And,
    Near,
    Node,
    Not,
    Or,
    QWord,
    Scope,
    Term,
    matches,
    positive_terms,
    scoped_terms,
)
from newsmon.core.query.parser import parse_defs, parse_query

__all__ = [
    "ALL_FIELDS",
    "DEFAULT_NEAR",
    "FIELDS",
    "SCOPES",
    "And",
    "Document",
    "Field",
    "Near",
    "Node",
    "Not",
    "Or",
    "QWord",
    "QueryError",
    "Scope",
    "Term",
    "matches",
    "parse_defs",
    "parse_query",
    "positive_terms",
    "scoped_terms",
]
