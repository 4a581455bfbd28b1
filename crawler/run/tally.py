"""What a run stored, as the archive has it at the end of the run (not as each store saw it).

An article stored as an original becomes a duplicate when the original it copies arrives later in the
same run (`Stories.promote`), and the reverse; counting at store time then depends on arrival order
(48/10, 47/11, 49/9 on identical crawls). Counting the run's rows by their final `duplicate_of` gives
the same figures as `Archive.counts()` on a fresh archive, on every run.
"""

from __future__ import annotations

from sqlalchemy import case, func, select

from storage import models as m
from storage.archive import Archive, RunCounts


def final_counts(archive: Archive, run_id: int) -> RunCounts:
    """New relevant originals, duplicates and off-topic originals among the articles this run stored.

    Pages and errors are the run's own (not in the archive); they are left at 0 for the caller to keep.
    """
    original = m.Article.duplicate_of.is_(None)
    stmt = select(
        func.count(case((original & m.Article.relevant, 1))),
        func.count(case((m.Article.duplicate_of.is_not(None), 1))),
        func.count(case((original & ~m.Article.relevant, 1))),
    ).where(m.Article.run_id == run_id)
    with archive.sessions() as session:
        new, duplicates, offtopic = session.execute(stmt).one()
    return RunCounts(new_articles=new, duplicates=duplicates, offtopic=offtopic)
