"""date evidence stored with each source, read from the texts already stored

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 14:40:00.000000

The phrases of a source's text that contradict its stated date depend only on the text and the stated
date, which never change, so they are read once and stored. This migration reads them for every source
already stored, with the date check of the code it ships with and its default settings: slow on a large
store (about two seconds for a text of half a million characters), once. Sources without a stated date
get an empty list, the column's default.
"""

from __future__ import annotations

from typing import Any

import msgspec
import sqlalchemy as sa
from alembic import op

from reasoning.conflicts import DEFAULT_CONFLICT_SETTINGS, stated_date_evidence
from reasoning.evidence import DateEvidence, SourceDateInfo
from reasoning.types import DateBasis

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_SOURCES = sa.table(
    "sources",
    sa.column("id", sa.Integer),
    sa.column("text", sa.Text),
    sa.column("stated_date", sa.Date),
    sa.column("date_evidence", sa.JSON),
)


def upgrade() -> None:
    # NOT NULL with a default adds the column in place on SQLite: no copy of a table other tables refer to.
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_evidence", sa.JSON(), server_default="[]", nullable=False))
    connection = op.get_bind()
    dated = connection.scalars(
        sa.select(_SOURCES.c.id).where(_SOURCES.c.stated_date.is_not(None)).order_by(_SOURCES.c.id)
    ).all()
    for source_id in dated:  # one text in memory at a time
        text, stated = connection.execute(
            sa.select(_SOURCES.c.text, _SOURCES.c.stated_date).where(_SOURCES.c.id == source_id)
        ).one()
        info = SourceDateInfo(
            source_id=source_id,
            title=None,
            stated_date=stated,
            date_used=stated,
            date_basis=DateBasis.stated,
            text=text,
        )
        found = stated_date_evidence(info, DEFAULT_CONFLICT_SETTINGS)
        connection.execute(
            sa.update(_SOURCES).where(_SOURCES.c.id == source_id).values(date_evidence=[_stored(e) for e in found])
        )


def _stored(evidence: DateEvidence) -> dict[str, Any]:
    # As db.sources stores it: the row is the source, so its id is not repeated.
    item: dict[str, Any] = msgspec.to_builtins(evidence)
    del item["source_id"]
    return item


def downgrade() -> None:
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.drop_column("date_evidence")
