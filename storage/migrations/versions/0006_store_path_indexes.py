"""store path indexes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 20:05:00

Both translation look-ups read a date window, never the archive: a new original reads the translations
published near it (a partial index holding only pages that declare a translation, by date), and a new
translation reads its named source outlet's articles near its date (outlet, published). The old
(translated_from, published) index could only range over translated_from, i.e. every translation ever.
A run's final counts read the run's own articles (run_id). Runs record their host beside their pid,
so a run left `running` by a dead process of this host can be told (and failed) without a lease.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_TRANSLATIONS = sa.text("translated_from IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_articles_translated_from", table_name="articles")
    op.create_index(
        "ix_articles_translations_published",
        "articles",
        ["published"],
        sqlite_where=_TRANSLATIONS,
        postgresql_where=_TRANSLATIONS,
    )
    op.create_index("ix_articles_outlet_published", "articles", ["outlet_id", "published"])
    op.create_index("ix_articles_run_id", "articles", ["run_id"])
    with op.batch_alter_table("crawl_runs") as batch_op:
        batch_op.add_column(sa.Column("host", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch_op:
        batch_op.drop_column("host")
    op.drop_index("ix_articles_run_id", table_name="articles")
    op.drop_index("ix_articles_outlet_published", table_name="articles")
    op.drop_index("ix_articles_translations_published", table_name="articles")
    op.create_index("ix_articles_translated_from", "articles", ["translated_from", "published"])
