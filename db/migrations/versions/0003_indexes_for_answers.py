"""indexes measured by the benchmark

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 19:21:11.844433
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assertions_status"))
        batch_op.drop_index(batch_op.f("ix_assertions_subject_metric_time"))
        batch_op.create_index(
            "ix_assertions_review_queue",
            ["id"],
            unique=False,
            sqlite_where=sa.text("status = 'proposed'"),
            postgresql_where=sa.text("status = 'proposed'"),
        )
        batch_op.create_index("ix_assertions_subject_metric", ["subject_id", "metric_id", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.drop_index("ix_assertions_subject_metric")
        batch_op.drop_index(
            "ix_assertions_review_queue",
            sqlite_where=sa.text("status = 'proposed'"),
            postgresql_where=sa.text("status = 'proposed'"),
        )
        batch_op.create_index(
            batch_op.f("ix_assertions_subject_metric_time"), ["subject_id", "metric_id", "time_end"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assertions_status"), ["status"], unique=False)
