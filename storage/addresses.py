"""The seen-check: every address known to lead to an article (`article_urls`), by canonical key."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from newsmon.core.urls import canonical_key
from storage import models as m

_CHUNK = 500  # keys per IN list: well under every backend's bound-parameter limit


class Addresses:
    """Which addresses the archive knows, and more addresses for a stored article."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """The given URLs whose article is already in the archive (any variant of the address)."""
        by_key = {canonical_key(u): u for u in urls}
        if not by_key:
            return set()
        found: set[str] = set()
        keys = list(by_key)
        with self.sessions() as session:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                found.update(session.scalars(select(m.ArticleUrl.url).where(m.ArticleUrl.url.in_(chunk))))
        return {by_key[k] for k in found}

    def add_aliases(self, url: str, aliases: set[str]) -> bool:
        """Record more addresses of the article stored under `url`; False when that article is unknown."""
        with self.sessions.begin() as session:
            article_id = article_at(session, url)
            if article_id is None:
                return False
            for key in {canonical_key(a) for a in aliases}:
                if session.get(m.ArticleUrl, key) is None:
                    session.add(m.ArticleUrl(url=key, article_id=article_id))
        return True


def article_at(session: Session, url: str) -> int | None:
    """The id of the article any variant of `url` leads to."""
    return session.scalar(select(m.ArticleUrl.article_id).where(m.ArticleUrl.url == canonical_key(url)))
