"""Evidence for table tests: one stored statement, built with only the fields a test cares about."""

from __future__ import annotations

import datetime as dt

from reasoning.evidence import Evidence
from reasoning.figures import parse_figure
from reasoning.types import Interval, Modality, Precision, TimeSpan

RECORDED = dt.datetime(2031, 1, 1, tzinfo=dt.UTC)


def statement(
    *,
    assertion_id: int,
    subject: str,
    metric: str,
    value_text: str,
    first: dt.date,
    last: dt.date | None = None,
    quote: str | None = None,
    source_id: int = 1,
    source_title: str | None = None,
    source_date: dt.date | None = None,
    claimant: str | None = None,
    interval: Interval | None = None,
) -> Evidence:
    """A statement of `value_text` for `first`..`last` (one day when `last` is None), read by the service's own
    figure rules unless `interval` says otherwise; its quote is the figure alone unless given."""
    end = last or first
    said = quote if quote is not None else value_text
    return Evidence(
        assertion_id=assertion_id,
        source_id=source_id,
        source_title=source_title,
        source_date=source_date,
        subject=subject,
        metric=metric,
        value_text=value_text,
        interval=interval or parse_figure(value_text).interval,
        modality=Modality.actual,
        time=TimeSpan(start=first, end=end, precision=Precision.day if first == end else Precision.period),
        claimant=claimant,
        quote=said,
        quote_start=0,
        quote_end=len(said),
        recorded_at=RECORDED,
    )
