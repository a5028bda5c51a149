"""round figures of three significant digits or more stand for one unit of their last digit

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 07:30:00.000000

A bare round figure ("400", "2,500") stands for itself give or take 10%; a round figure of three
significant digits or more ("12,300") was given to its last digit and stands for one unit of it either
side (12,200 to 12,400). Figures are read into intervals when they are recorded, so the rows recorded
before this rule keep the wider band unless they are read again. This migration reads again the value
text of every row stored with the rule `round_figure`, with the code it ships with and its default
settings, and narrows only the rows whose stored band is the one those settings gave before (X ± 10%):
an interval an editor set, or one read with other settings, is left as it was. Each row it changes is
written to the change log (`assertion.reread`, with the band before and after), so a mirror that replays
the feed follows. The downgrade widens the same rows back, logged the same way. (Commits eae9146 to
80dfec4, never released, read every round figure to its last digit; rows they stored are not recognised
here and keep their band.)
"""

from __future__ import annotations

import datetime as dt
import math

import sqlalchemy as sa
from alembic import op

from db.columns import UTCDateTime
from reasoning.errors import FactdeskError
from reasoning.figures import DEFAULT_FIGURE_SETTINGS, FigureSettings, parse_figure
from reasoning.types import Interval

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_ASSERTIONS = sa.table(
    "assertions",
    sa.column("id", sa.Integer),
    sa.column("value_text", sa.String),
    sa.column("low", sa.Float),
    sa.column("best", sa.Float),
    sa.column("high", sa.Float),
    sa.column("value_rule", sa.String),
)
_CHANGES = sa.table(
    "changes",
    sa.column("occurred_at", UTCDateTime),
    sa.column("action", sa.String),
    sa.column("object_type", sa.String),
    sa.column("object_id", sa.BigInteger),
    sa.column("actor", sa.String),
    sa.column("data", sa.JSON),
)
# The rule before this revision: every round figure, whatever its digits, give or take the whole tolerance.
_BEFORE = FigureSettings(round_precise_digits=99)  # more digits than any float holds


def upgrade() -> None:
    _reread(old=_BEFORE, new=DEFAULT_FIGURE_SETTINGS)


def downgrade() -> None:
    _reread(old=DEFAULT_FIGURE_SETTINGS, new=_BEFORE)


def _reread(*, old: FigureSettings, new: FigureSettings) -> None:
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_ASSERTIONS.c.id, _ASSERTIONS.c.value_text, _ASSERTIONS.c.low, _ASSERTIONS.c.best, _ASSERTIONS.c.high)
        .where(_ASSERTIONS.c.value_rule == "round_figure")
        .order_by(_ASSERTIONS.c.id)
    ).all()
    for row_id, value_text, low, best, high in rows:
        was, now = _interval(value_text, old), _interval(value_text, new)
        if was is None or now is None or was.best != best or not (_same(was.low, low) and _same(was.high, high)):
            continue  # not a bare figure read with the default settings: an editor's or another setting's band
        if (now.low, now.high) != (was.low, was.high):
            connection.execute(
                sa.update(_ASSERTIONS).where(_ASSERTIONS.c.id == row_id).values(low=now.low, high=now.high)
            )
            connection.execute(
                sa.insert(_CHANGES).values(
                    occurred_at=dt.datetime.now(dt.UTC),
                    action="assertion.reread",
                    object_type="assertion",
                    object_id=row_id,
                    actor=f"migration:{revision}",
                    data={
                        "before": {"low": was.low, "high": was.high},
                        "after": {"low": now.low, "high": now.high},
                        "reason": "a round figure of three significant digits or more stands for one unit of its "
                        "last digit",
                    },
                )
            )


def _interval(value_text: str, settings: FigureSettings) -> Interval | None:
    try:
        interval = parse_figure(value_text, settings).interval
    except FactdeskError:
        return None
    return interval if interval.rule == "round_figure" else None


def _same(read: float | None, stored: float | None) -> bool:
    if read is None or stored is None:
        return read is stored
    return math.isclose(read, stored, rel_tol=1e-9, abs_tol=1e-9)
