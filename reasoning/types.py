"""Value types shared by every layer: what a figure, a time and an assertion are, independent of storage."""

from __future__ import annotations

import datetime as dt
import enum

import msgspec

from reasoning.errors import InvalidInput

# Limits every layer agrees on, stated once. Ids are at most 2^53 - 1, the integers every JSON parser reads
# exactly (I-JSON, RFC 7493), well inside PostgreSQL's 64-bit ids; a float-based schema validator reads the
# bound exactly too. PostgreSQL's text cannot hold NUL. Each text a request can carry into a sized column is
# checked against that column's size, so the request schema and the table are the same numbers and PostgreSQL
# never refuses what the schema took.
MAX_ID = 2**53 - 1
NO_NUL = r"^[^\x00]*$"
MAX_NAME_CHARS = 300  # names, aliases (also once normalized), figures as written, claimants, time phrases
MAX_KEY_CHARS = 100  # entity and metric keys
MAX_LABEL_CHARS = 100  # an entity's kind, a metric's unit
MAX_PUBLISHER_CHARS = 200
MAX_URL_CHARS = 2000
MAX_LANGUAGE_CHARS = 16  # a language tag: "en", "pt-BR", "zh-Hant-TW"


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
    """The moment in UTC, the zone every timestamp here is stored in; a moment without a zone is read as UTC.

    A local time within a day of the calendar's ends can fall outside it in UTC (9999-12-31T23:59:59-14:00
    is in the year 10000): that is a value the request cannot use, not a fault.
    """
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidInput(
            f"{moment.isoformat()} is outside the years 1 to 9999 once converted to UTC",
            hint="Give a moment between 0001-01-02 and 9999-12-30, e.g. 2031-05-12T09:00:00Z.",
        ) from None
