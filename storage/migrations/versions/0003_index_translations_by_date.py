"""index translations by date

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:33:07.456028

Lets a newly stored original find the translations of it that arrived first (dedup), by an index range
instead of reading every article of those days.
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.create_index("ix_articles_translated_from", ["translated_from", "published"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index("ix_articles_translated_from")
