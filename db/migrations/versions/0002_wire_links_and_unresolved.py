"""wire-story links, fingerprints and unresolved proposals

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:13:12.159823
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "source_fingerprints",
        sa.Column("source_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("hash", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_source_fingerprints_source_id_sources")),
        sa.PrimaryKeyConstraint("source_id", "hash", name=op.f("pk_source_fingerprints")),
    )
    with op.batch_alter_table("source_fingerprints", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_fingerprints_hash"), ["hash"], unique=False)

    op.create_table(
        "source_links",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("linked_source_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["linked_source_id"], ["sources.id"], name=op.f("fk_source_links_linked_source_id_sources")
        ),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_source_links_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_links")),
        sa.UniqueConstraint("source_id", "linked_source_id", name=op.f("uq_source_links_source_id_linked_source_id")),
    )
    with op.batch_alter_table("source_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_source_links_linked_source_id"), ["linked_source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_source_links_source_id"), ["source_id"], unique=False)

    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("context", sa.Text(), nullable=True))
        batch_op.alter_column(
            "subject_id", existing_type=sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        )
        batch_op.alter_column(
            "metric_id", existing_type=sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True
        )

    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin", sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f("ix_sources_origin"), ["origin"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sources_origin"))
        batch_op.drop_column("origin")

    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.alter_column(
            "metric_id", existing_type=sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        )
        batch_op.alter_column(
            "subject_id", existing_type=sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False
        )
        batch_op.drop_column("context")

    with op.batch_alter_table("source_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_links_source_id"))
        batch_op.drop_index(batch_op.f("ix_source_links_linked_source_id"))

    op.drop_table("source_links")
    with op.batch_alter_table("source_fingerprints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_source_fingerprints_hash"))

    op.drop_table("source_fingerprints")
