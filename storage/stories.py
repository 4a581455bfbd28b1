"""Stories: the copies of one text under one original, kept right as copies arrive in any order.

A story's original is the copy the others credit ("Theo VnExpress"), else the earliest published.
A new copy may bridge two stories (they merge), turn out to be the original (it is promoted), or be
the source of translations stored before it (they join its story).
"""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from newsmon.core.outlets import OutletNames
from newsmon.core.records import Article, DedupKind, DedupVerdict
from storage import models as m
from storage.dedup import anchors
from storage.matching import MAX_CANDIDATES, MIN_ANCHORS, TRANSLATION_ANCHORS, TRANSLATION_WINDOW, stored_text


class Stories:
    """Story links of a newly stored row, inside the transaction that stores it."""

    def __init__(self, names: OutletNames) -> None:
        self.names = names

    def takes_the_lead(self, session: Session, row: m.Article, original_id: int) -> bool:
        """Is the new copy the story's real original? The one others attribute wins, then the earliest."""
        original = session.get_one(m.Article, original_id)
        new_outlet = session.get_one(m.Outlet, row.outlet_id).name if row.outlet_id else None
        old_outlet = original.outlet.name if original.outlet else None
        if self.names.names_outlet(original.source_attribution, new_outlet):
            return True
        if self.names.names_outlet(row.source_attribution, old_outlet):
            return False
        return bool(row.published and original.published and row.published < original.published)

    def promote(self, session: Session, row: m.Article, verdict: DedupVerdict) -> None:
        """Make `row` the story's original: every other copy now points at it."""
        session.execute(
            update(m.Article)
            .where(m.Article.story_id == row.story_id, m.Article.id != row.id)
            .values(duplicate_of=row.id, dup_kind=func.coalesce(m.Article.dup_kind, verdict.kind))
            .execution_options(synchronize_session=False)
        )
        session.flush()
        session.expire_all()
        row = session.get_one(m.Article, row.id)
        row.duplicate_of = None
        row.dup_kind = None
        story = session.get_one(m.Story, row.story_id)
        story.original_article_id = row.id
        session.flush()

    def merge(self, session: Session, story_id: int, others: set[int], new_id: int) -> int:
        """A new copy matched several stories: they are copies of one text, so they become one story
        (single link), led by the original that the rules prefer. Returns that original's id."""
        others = others - {story_id}
        session.execute(
            update(m.Article)
            .where(m.Article.story_id.in_(others))
            .values(story_id=story_id)
            .execution_options(synchronize_session=False)
        )
        leads = [
            i
            for i in session.scalars(select(m.Story.original_article_id).where(m.Story.id.in_({story_id, *others})))
            if i is not None and i != new_id
        ]
        session.flush()
        session.expire_all()
        lead = leads[0]
        for other in leads[1:]:
            if self.takes_the_lead(session, session.get_one(m.Article, other), lead):
                lead = other
        session.execute(
            update(m.Article)
            .where(m.Article.story_id == story_id, m.Article.id != lead)
            .values(duplicate_of=lead, dup_kind=func.coalesce(m.Article.dup_kind, DedupKind.NEAR))
            .execution_options(synchronize_session=False)
        )
        session.execute(
            update(m.Article)
            .where(m.Article.id == lead)
            .values(duplicate_of=None, dup_kind=None)
            .execution_options(synchronize_session=False)
        )
        session.execute(update(m.Story).where(m.Story.id == story_id).values(original_article_id=lead))
        session.execute(delete(m.Story).where(m.Story.id.in_(others)))
        session.expire_all()
        return lead

    def adopt_translations(self, session: Session, row: m.Article, article: Article) -> None:
        """The new article may be the source of translations stored before it: link them to its story.

        The same test as `Matcher.translation`, the other way round; only pages that declare a translation
        are read, through the partial index ix_articles_translations_published: a date window of
        translations, never the archive. `duplicate_of IS NULL` is checked on the rows, not in SQL, where
        it would lead SQLite to the duplicate_of index and so to every original ever stored.
        """
        if article.published is None or article.translated_from or not article.outlet:
            return
        # Columns first: most rows in the window fail the cheap tests, and loading whole articles (body,
        # JSON columns) for them was most of this step's cost.
        stmt = select(
            m.Article.id, m.Article.story_id, m.Article.duplicate_of, m.Article.language, m.Article.source_attribution
        ).where(
            m.Article.translated_from.is_not(None),
            m.Article.published >= article.published - TRANSLATION_WINDOW,
            m.Article.published <= article.published + TRANSLATION_WINDOW,
        )
        mine: set[str] | None = None
        lead: int | None = None
        adopted: set[int | None] = {row.story_id}  # the rows are read up front: skip stories joined since
        for other in session.execute(stmt.limit(MAX_CANDIDATES)).all():
            if (
                other.duplicate_of is not None
                or other.id == row.id
                or other.story_id in adopted
                or other.language == article.language
                or not self.names.names_outlet(other.source_attribution, article.outlet)
            ):
                continue
            mine = mine if mine is not None else anchors(f"{article.title}\n{article.text}")
            theirs = anchors(stored_text(session.get_one(m.Article, other.id)))
            shared = len(mine & theirs)
            if shared < MIN_ANCHORS or shared / max(1, min(len(mine), len(theirs))) < TRANSLATION_ANCHORS:
                continue
            old_story = other.story_id
            adopted.add(old_story)
            if lead is None:
                lead = session.get_one(m.Story, row.story_id).original_article_id or row.id
            session.execute(
                update(m.Article)
                .where(m.Article.story_id == old_story)
                .values(
                    story_id=row.story_id,
                    duplicate_of=lead,
                    dup_kind=func.coalesce(m.Article.dup_kind, DedupKind.TRANSLATION),
                )
                .execution_options(synchronize_session=False)
            )
            session.execute(delete(m.Story).where(m.Story.id == old_story))
            session.expire_all()
