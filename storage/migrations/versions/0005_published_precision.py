"""published precision

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 09:12:41.204518

A date-only `published` (the page showed a day, no time) is stored as local midnight; this column
says so ("day"), so it reads back as a date. Existing rows keep NULL: full precision, as before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published_precision", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("published_precision")
