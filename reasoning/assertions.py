"""Checking an assertion before it is stored: its quote, its figure's interval and its time."""

from __future__ import annotations

import calendar
import datetime as dt

import msgspec

from reasoning.dates import resolve_relative_date
from reasoning.errors import InvalidInput
from reasoning.figures import DEFAULT_FIGURE_SETTINGS, FigureSettings, parse_figure
from reasoning.texts import locate_quote
from reasoning.types import Interval, Precision, TimeSpan


class Draft(msgspec.Struct, frozen=True, kw_only=True):
    """An assertion as an editor or the seeds state it, before any checking."""

    value_text: str
    quote: str
    quote_start: int | None = None
    quote_end: int | None = None
    interval: tuple[float | None, float, float | None] | None = None
    interval_rule: str = "editor"
    time_start: dt.date | None = None
    time_end: dt.date | None = None
    time_precision: Precision | None = None
    time_text: str | None = None


class Checked(msgspec.Struct, frozen=True, kw_only=True):
    interval: Interval
    time: TimeSpan
    quote_start: int
    quote_end: int


def check_draft(
    draft: Draft, *, source_text: str, source_date: dt.date | None, figures: FigureSettings = DEFAULT_FIGURE_SETTINGS
) -> Checked:
    """Locate the quote, read the figure and settle the time; raise a domain error naming what is wrong."""
    start, end = locate_quote(source_text, draft.quote, draft.quote_start, draft.quote_end)
    if draft.value_text not in draft.quote:
        raise InvalidInput(
            f"the value {draft.value_text!r} does not appear in the quote",
            hint="value_text must be the figure exactly as the quote writes it, e.g. 'about 300'.",
        )
    return Checked(
        interval=_interval(draft, figures),
        time=_time(draft, source_date),
        quote_start=start,
        quote_end=end,
    )


def _interval(draft: Draft, figures: FigureSettings) -> Interval:
    if draft.interval is None:
        return parse_figure(draft.value_text, figures).interval
    low, best, high = draft.interval
    if (low is not None and low > best) or (high is not None and best > high):
        raise InvalidInput(
            f"interval low={low}, best={best}, high={high} is out of order",
            hint="Give low <= best <= high (null for an open bound).",
        )
    return Interval(low=low, best=best, high=high, rule=draft.interval_rule)


def _time(draft: Draft, source_date: dt.date | None) -> TimeSpan:
    explicit = draft.time_start is not None or draft.time_end is not None or draft.time_precision is not None
    if explicit:
        return check_time_span(draft.time_start, draft.time_end, draft.time_precision)
    if draft.time_text:
        return resolve_relative_date(draft.time_text, source_date)
    # A figure stated with no time of its own is about the moment the source speaks of.
    if source_date is None:
        return TimeSpan(start=None, end=None, precision=Precision.unknown, rule="no_time_and_source_undated")
    return TimeSpan(start=source_date, end=source_date, precision=Precision.day, rule="source_date")


def check_time_span(start: dt.date | None, end: dt.date | None, precision: Precision | None) -> TimeSpan:
    """Validate explicit dates against their precision (a month spans its first to last day...)."""
    if precision is Precision.unknown:
        if start is not None or end is not None:
            raise InvalidInput("an unknown time has no dates", hint="Drop start and end, or give a precision.")
        return TimeSpan(start=None, end=None, precision=Precision.unknown, rule="explicit")
    if start is None:
        raise InvalidInput(
            "time.start is missing",
            hint="Give time.start (YYYY-MM-DD), or only time.text to resolve against the source's date.",
        )
    end = end or _end_for(start, precision)
    if end < start:
        raise InvalidInput(f"time.end {end} is before time.start {start}", hint="Swap them, or fix the dates.")
    precision = precision or _precision_of(start, end)
    expected_end = _end_for(start, precision)
    aligned = {
        Precision.day: start == end,
        Precision.month: start.day == 1 and end == expected_end,
        Precision.year: (start.month, start.day) == (1, 1) and end == expected_end,
        Precision.period: True,
    }[precision]
    if not aligned:
        raise InvalidInput(
            f"time {start}..{end} does not match precision {precision.value}",
            hint=(
                "A day has start == end; a month runs from its 1st to its last day; "
                "a year from 1 January to 31 December."
            ),
        )
    return TimeSpan(start=start, end=end, precision=precision, rule="explicit")


def _end_for(start: dt.date, precision: Precision | None) -> dt.date:
    if precision is Precision.month:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision is Precision.year:
        return start.replace(month=12, day=31)
    return start


def _precision_of(start: dt.date, end: dt.date) -> Precision:
    if start == end:
        return Precision.day
    if start.day == 1 and end == _end_for(start, Precision.month):
        return Precision.month
    if (start.month, start.day) == (1, 1) and end == _end_for(start, Precision.year):
        return Precision.year
    return Precision.period


def follow_source_date(time_text: str | None, time_rule: str, source_date: dt.date | None) -> TimeSpan | None:
    """An assertion's time re-resolved after its source's date changed, or None if it does not depend on it.

    Times an editor gave explicitly stay as they are; times the service read from a phrase ("on Saturday")
    or from the source's own date follow the new date.
    """
    if time_rule == "explicit":
        return None
    if time_text:
        return resolve_relative_date(time_text, source_date)
    return _time(Draft(value_text="", quote=""), source_date)
