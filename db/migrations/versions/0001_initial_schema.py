"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 17:48:55.612642
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "role",
            sa.Enum("editor", "reviewer", name="key_role", native_enum=False, create_constraint=True, length=16),
            nullable=False,
        ),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_keys_key_hash")),
        sa.UniqueConstraint("name", name=op.f("uq_api_keys_name")),
    )
    op.create_table(
        "changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=60), nullable=False),
        sa.Column("object_type", sa.String(length=40), nullable=False),
        sa.Column("object_id", sa.BigInteger(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=100), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("key", name=op.f("uq_entities_key")),
    )
    op.create_table(
        "metrics",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("stock", "flow", name="metric_kind", native_enum=False, create_constraint=True, length=16),
            nullable=False,
        ),
        sa.Column("feeds_metric_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["feeds_metric_id"], ["metrics.id"], name=op.f("fk_metrics_feeds_metric_id_metrics")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metrics")),
        sa.UniqueConstraint("key", name=op.f("uq_metrics_key")),
    )
    op.create_table(
        "sources",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("publisher", sa.String(length=200), nullable=True),
        sa.Column("url", sa.String(length=2000), nullable=True),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("stated_date", sa.Date(), nullable=True),
        sa.Column("date_used", sa.Date(), nullable=True),
        sa.Column(
            "date_basis",
            sa.Enum(
                "stated", "inferred", "unknown", name="date_basis", native_enum=False, create_constraint=True, length=16
            ),
            nullable=False,
        ),
        sa.Column("date_reason", sa.Text(), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sources")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_sources_content_hash")),
    )
    op.create_table(
        "assertions",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("subject_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("metric_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("value_text", sa.String(length=300), nullable=False),
        sa.Column("low", sa.Float(), nullable=True),
        sa.Column("best", sa.Float(), nullable=False),
        sa.Column("high", sa.Float(), nullable=True),
        sa.Column("value_rule", sa.String(length=40), nullable=False),
        sa.Column(
            "modality",
            sa.Enum(
                "actual",
                "pledged",
                "planned",
                "goal",
                name="modality",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("time_start", sa.Date(), nullable=True),
        sa.Column("time_end", sa.Date(), nullable=True),
        sa.Column(
            "time_precision",
            sa.Enum(
                "day",
                "month",
                "year",
                "period",
                "unknown",
                name="time_precision",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("time_text", sa.String(length=300), nullable=True),
        sa.Column("time_rule", sa.String(length=60), nullable=False),
        sa.Column("claimant", sa.String(length=300), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("quote_start", sa.Integer(), nullable=False),
        sa.Column("quote_end", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "proposed",
                "accepted",
                "rejected",
                name="review_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("origin_rule", sa.String(length=100), nullable=True),
        sa.Column("curated_key", sa.String(length=200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by", sa.String(length=200), nullable=True),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("retracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("retracted_by", sa.String(length=200), nullable=True),
        sa.Column("retraction_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "(low IS NULL OR low <= best) AND (high IS NULL OR best <= high)", name=op.f("ck_assertions_interval_order")
        ),
        sa.CheckConstraint("quote_start >= 0 AND quote_end > quote_start", name=op.f("ck_assertions_quote_span")),
        sa.ForeignKeyConstraint(["metric_id"], ["metrics.id"], name=op.f("fk_assertions_metric_id_metrics")),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_assertions_source_id_sources")),
        sa.ForeignKeyConstraint(["subject_id"], ["entities.id"], name=op.f("fk_assertions_subject_id_entities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assertions")),
        sa.UniqueConstraint("curated_key", name=op.f("uq_assertions_curated_key")),
    )
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assertions_metric_id"), ["metric_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assertions_recorded_at"), ["recorded_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_assertions_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assertions_status"), ["status"], unique=False)
        batch_op.create_index(
            "ix_assertions_subject_metric_time", ["subject_id", "metric_id", "time_end"], unique=False
        )

    op.create_table(
        "entity_aliases",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("entity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("normalized", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["entity_id"], ["entities.id"], name=op.f("fk_entity_aliases_entity_id_entities")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entity_aliases")),
        sa.UniqueConstraint("entity_id", "normalized", name=op.f("uq_entity_aliases_entity_id_normalized")),
    )
    with op.batch_alter_table("entity_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_entity_aliases_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_entity_aliases_normalized"), ["normalized"], unique=False)

    op.create_table(
        "metric_aliases",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("metric_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("alias", sa.String(length=300), nullable=False),
        sa.Column("normalized", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["metric_id"], ["metrics.id"], name=op.f("fk_metric_aliases_metric_id_metrics")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_metric_aliases")),
        sa.UniqueConstraint("metric_id", "normalized", name=op.f("uq_metric_aliases_metric_id_normalized")),
    )
    with op.batch_alter_table("metric_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_metric_aliases_metric_id"), ["metric_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_metric_aliases_normalized"), ["normalized"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("metric_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_metric_aliases_normalized"))
        batch_op.drop_index(batch_op.f("ix_metric_aliases_metric_id"))

    op.drop_table("metric_aliases")
    with op.batch_alter_table("entity_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entity_aliases_normalized"))
        batch_op.drop_index(batch_op.f("ix_entity_aliases_entity_id"))

    op.drop_table("entity_aliases")
    with op.batch_alter_table("assertions", schema=None) as batch_op:
        batch_op.drop_index("ix_assertions_subject_metric_time")
        batch_op.drop_index(batch_op.f("ix_assertions_status"))
        batch_op.drop_index(batch_op.f("ix_assertions_source_id"))
        batch_op.drop_index(batch_op.f("ix_assertions_recorded_at"))
        batch_op.drop_index(batch_op.f("ix_assertions_metric_id"))

    op.drop_table("assertions")
    op.drop_table("sources")
    op.drop_table("metrics")
    op.drop_table("entities")
    op.drop_table("changes")
    op.drop_table("api_keys")
