"""The working record the cleaning rules fill for one page, and the lines they read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsmon.core.text import normalize_text


@dataclass(slots=True)
class Para:
    """One line of a text rendering or one paragraph of extracted HTML."""

    text: str
    gap_before: bool = True  # a blank line (or a block boundary) separates it from the previous one


@dataclass(slots=True)
class Draft:
    """What the rules have decided so far about one page."""

    title: str = ""
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    attribution: str | None = None
    outlet: str | None = None
    language: str | None = None
    untranslated: bool = False  # Vietnamese leftovers on a translated page
    edges: list[str] = field(default_factory=list)  # dropped header/footer lines: outlet hints

    def add_authors(self, names: list[str], *, front: bool = False) -> None:
        """Add names not yet listed (compared on the comparison form), before or after the others."""
        known = {normalize_text(name) for name in self.authors}
        new = []
        for name in names:
            key = normalize_text(name)
            if key not in known:
                known.add(key)
                new.append(name)
        self.authors = new + self.authors if front else self.authors + new
