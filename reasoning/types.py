"""Value types shared by every layer: what a figure, a time and an assertion are, independent of storage."""

from __future__ import annotations

import datetime as dt
import enum

import msgspec

# Limits every layer agrees on, stated once: ids are 64-bit in PostgreSQL, whose text cannot hold NUL,
# and names (keys, aliases, claimants) fit a 300-character column.
MAX_ID = 2**63 - 1
NO_NUL = r"^[^\x00]*$"
MAX_NAME_CHARS = 300


class Modality(str, enum.Enum):
    actual = "actual"
    pledged = "pledged"
    planned = "planned"
    goal = "goal"


class MetricKind(str, enum.Enum):
    stock = "stock"  # a level at a moment (officers present)
    flow = "flow"  # a count over a period or at an event (officers who arrived)


class Precision(str, enum.Enum):
    day = "day"
    month = "month"
    year = "year"
    period = "period"  # an explicit span that is not one calendar day, month or year
    unknown = "unknown"


class DateBasis(str, enum.Enum):
    stated = "stated"  # the source's own stated date
    inferred = "inferred"  # an editor's or the service's judgement, always with a reason
    unknown = "unknown"


class ReviewStatus(str, enum.Enum):
    proposed = "proposed"
    accepted = "accepted"
    rejected = "rejected"


class Role(str, enum.Enum):
    editor = "editor"
    reviewer = "reviewer"


class Interval(msgspec.Struct, frozen=True, kw_only=True):
    """What a written figure is evidence of. `low`/`high` of None mean unbounded on that side.

    `rule` names the convention that produced the bounds ("exact", "round_figure", "approximate",
    "more_than", "nearly", "at_least", "at_most", ...), so a reader can see why the bounds are what they are.
    """

    low: float | None
    best: float
    high: float | None
    rule: str


class TimeSpan(msgspec.Struct, frozen=True, kw_only=True):
    """When an assertion holds: a day, month, year or period, with the rule that resolved it.

    A day has start == end; a month or year spans its first to last day; `unknown` has no dates.
    """

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    rule: str = "explicit"


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A moment without a zone is read as UTC, the zone every timestamp here is stored in."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)
