"""The one error of the query language: malformed queries, definitions or topic files."""

from __future__ import annotations


class QueryError(ValueError):
    """A malformed query; the message is one line naming the position and problem.

    `column` is 1-based (what editors show) or None when the problem has no single position.
    """

    def __init__(self, message: str, column: int | None = None) -> None:
        self.column = column
        self.problem = message
        super().__init__(f"{message} at column {column}" if column is not None else message)
