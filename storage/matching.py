"""How a new text relates to the archive: an exact copy, a near copy, a translation, or new.

Read-only: the verdict is decided here, the rows are written by `storage.store` and the story links
by `storage.stories`. Candidates come from index look-ups (LSH buckets, outlet and date ranges), never
from reading the archive.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from functools import lru_cache

from sqlalchemy import Select, and_, bindparam, or_, select
from sqlalchemy.orm import Session

from newsmon.core.outlets import OutletNames
from newsmon.core.records import Article, DedupKind, DedupVerdict
from storage import models as m
from storage.dedup import NEAR_CONTAINMENT, Fingerprint, anchors

MAX_CANDIDATES = 50
# A bucket shared by more articles than this is boilerplate, not a story: skipped (see Matcher.candidates).
FREQUENT_BUCKET = 200
# Translations: the source's report must be this close in time and share this share of the anchors.
TRANSLATION_WINDOW = timedelta(days=3)
TRANSLATION_ANCHORS = 0.5
MIN_ANCHORS = 3


class Matcher:
    """The dedup verdict of a text against the archive; remembers boilerplate buckets per process."""

    def __init__(self, names: OutletNames) -> None:
        self.names = names
        self.frequent_buckets: set[tuple[int, int]] = set()  # only grows: a bucket never gets rarer

    def verdict(self, session: Session, fp: Fingerprint, article: Article) -> tuple[DedupVerdict, set[int]]:
        """How the text relates to the archive, and the stories of every near match (to be joined)."""
        exact = session.execute(
            select(m.Article.id, m.Article.story_id)
            .where(m.Article.content_hash == fp.content_hash, m.Article.duplicate_of.is_(None))
            .limit(1)
        ).first()
        if exact is not None:
            return DedupVerdict(DedupKind.EXACT, exact.id, exact.story_id, 1.0), set()
        matches = self.near(session, fp)
        if not matches:
            return self.translation(session, article), set()
        rows = {
            r.id: r
            for r in session.execute(
                select(m.Article.id, m.Article.duplicate_of, m.Article.story_id).where(
                    m.Article.id.in_([i for _, i in matches])
                )
            )
        }
        score, best = matches[0]
        match = rows[best]
        verdict = DedupVerdict(DedupKind.NEAR, match.duplicate_of or match.id, match.story_id, round(score, 3))
        return verdict, {r.story_id for r in rows.values() if r.story_id is not None}

    def candidates(self, session: Session, fp: Fingerprint) -> Counter[int]:
        """Articles sharing LSH buckets with `fp`, with how many: index look-ups only, never a scan.

        One statement of OR-ed (band = ? AND bucket = ?) terms: SQLite and PostgreSQL both answer it from
        ix_lsh_bands_bucket (a row-value IN list would make SQLite scan the table). A bucket holding more
        than FREQUENT_BUCKET articles is boilerplate (a stock phrase, a template) that says nothing about
        one story; it is remembered and skipped, so a check reads a bounded number of rows.
        """
        buckets = [b for b in fp.buckets() if b not in self.frequent_buckets]
        if not buckets:
            return Counter()
        params = {f"b{i}": band for i, (band, _) in enumerate(buckets)}
        params.update({f"k{i}": bucket for i, (_, bucket) in enumerate(buckets)})
        rows = session.connection().execute(bucket_lookup(len(buckets)), params)
        per_bucket: dict[tuple[int, int], list[int]] = {}
        for band, bucket, article_id in rows:
            per_bucket.setdefault((band, bucket), []).append(article_id)
        shared: Counter[int] = Counter()
        for key, ids in per_bucket.items():
            if len(ids) > FREQUENT_BUCKET:
                self.frequent_buckets.add(key)
                continue
            shared.update(ids)
        return shared

    def near(self, session: Session, fp: Fingerprint) -> list[tuple[float, int]]:
        """Archived articles at or above the near-duplicate threshold, most similar first."""
        shared = self.candidates(session, fp)
        ids = [article_id for article_id, _ in shared.most_common(MAX_CANDIDATES)]
        if not ids:
            return []
        rows = session.execute(
            select(m.Signature.article_id, m.Signature.minhash).where(m.Signature.article_id.in_(ids))
        )
        matches = [(fp.containment(Fingerprint.from_bytes(blob)), article_id) for article_id, blob in rows]
        return sorted(((s, i) for s, i in matches if s >= NEAR_CONTAINMENT), key=lambda x: (-x[0], x[1]))

    def translation(self, session: Session, article: Article) -> DedupVerdict:
        """Link a page that names its source outlet to that outlet's report of the same event.

        Shingles do not cross languages; numbers and names do. Only pages that say where they come from
        ("Theo SGGP", translated_from) are linked, and only to an article of the named outlet published
        within TRANSLATION_WINDOW, whose anchors (numbers, capitalised names) overlap enough.
        """
        if not article.source_attribution and not article.translated_from:
            return DedupVerdict(DedupKind.NEW)
        outlets = [
            oid
            for oid, name in session.execute(select(m.Outlet.id, m.Outlet.name))
            if self.names.names_outlet(article.source_attribution, name)
        ]
        if not outlets:
            return DedupVerdict(DedupKind.NEW)
        mine = anchors(f"{article.title}\n{article.text}")
        if len(mine) < MIN_ANCHORS:
            return DedupVerdict(DedupKind.NEW)
        stmt = select(m.Article).where(m.Article.outlet_id.in_(outlets))
        if article.published is not None:
            stmt = stmt.where(
                m.Article.published >= article.published - TRANSLATION_WINDOW,
                m.Article.published <= article.published + TRANSLATION_WINDOW,
            )
        best: tuple[float, m.Article] | None = None
        for row in session.scalars(stmt.order_by(m.Article.id.desc()).limit(MAX_CANDIDATES)):
            if article.language and row.language == article.language:
                continue  # same language: shingles would have found it
            theirs = anchors(stored_text(row))
            shared = len(mine & theirs)
            score = shared / max(1, min(len(mine), len(theirs)))
            if shared >= MIN_ANCHORS and score >= TRANSLATION_ANCHORS and (best is None or score > best[0]):
                best = (score, row)
        if best is None:
            return DedupVerdict(DedupKind.NEW)
        row = best[1]
        return DedupVerdict(DedupKind.TRANSLATION, row.duplicate_of or row.id, row.story_id, round(best[0], 3))


def stored_text(row: m.Article) -> str:
    """Title, lead and body of a stored article: what its anchors are taken from."""
    return f"{row.title}\n{row.lead or ''}\n{row.body}"


@lru_cache(maxsize=8)
def bucket_lookup(n: int) -> Select[int, int, int]:
    """The candidate query for n buckets, built once: (band = ? AND bucket = ?) OR ... with bound values."""
    terms = [and_(m.LshBand.band == bindparam(f"b{i}"), m.LshBand.bucket == bindparam(f"k{i}")) for i in range(n)]
    return select(m.LshBand.band, m.LshBand.bucket, m.LshBand.article_id).where(or_(*terms))
