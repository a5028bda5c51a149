"""Figures, times and sources in words, as reasons and explanations quote them to a fact-checker."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reasoning.events import Event, span_of
from reasoning.evidence import Evidence
from reasoning.types import Interval, Precision, TimeSpan

__all__ = [
    "describe_period",
    "describe_range",
    "describe_staleness",
    "describe_term",
    "describe_time",
    "format_interval",
    "format_number",
    "name_claimants",
    "name_source",
    "name_sources",
    "quote_evidence",
    "quote_group",
    "quote_value",
    "state_level",
]


class _Quoted(Protocol):
    """Anything that quotes a source's figure at a time: an Evidence or a Citation."""

    @property
    def source_id(self) -> int: ...
    @property
    def value_text(self) -> str: ...
    @property
    def time(self) -> TimeSpan: ...


# --- numbers and intervals ------------------------------------------------------------------------------


def format_number(value: float) -> str:
    """1000.0 -> "1,000"; 12.5 -> "12.5"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_interval(interval: Interval) -> str:
    """A figure with its bounds: "342 (312–372)", "300 (300 or more)", "42"."""
    best = format_number(interval.best)
    low, high = interval.low, interval.high
    if low == high == interval.best:
        return best
    if low is None and high is None:
        return f"{best} (unbounded)"
    if low is None:
        return f"{best} (at most {format_number(high)})" if high is not None else best
    if high is None:
        return f"{best} ({format_number(low)} or more)"
    return f"{best} ({format_number(low)}–{format_number(high)})"


def describe_range(interval: Interval) -> str:
    """An estimate as a verdict states it: "1,000" when exact, else "342 (312 to 372)", "300 (300 or more)"."""
    low = "" if interval.low is None else format_number(interval.low)
    high = "" if interval.high is None else format_number(interval.high)
    if low and low == high:
        return low
    span = f"{low} to {high}" if low and high else f"{low} or more" if low else f"{high} or less" if high else "open"
    return f"{format_number(interval.best)} ({span})"


# --- times ----------------------------------------------------------------------------------------------


def describe_time(time: TimeSpan) -> str:
    """A time at its precision: "on 2025-01-18", "in 2025-01", "in 2024", "from 2024-09-22 to 2024-11-02"."""
    span = span_of(time)
    if span is None:
        return "at an unknown time"
    first, last = span
    if time.precision is Precision.day or first == last:
        return f"on {first}"
    if time.precision is Precision.month:
        return f"in {first:%Y-%m}"
    if time.precision is Precision.year:
        return f"in {first.year}"
    return f"from {first} to {last}"


def describe_period(time: TimeSpan) -> str:
    """The days a time covers, whatever its precision: "2024-03-05", "2024-03-01 to 2024-03-31"."""
    if time.start is None and time.end is not None:
        return f"up to {time.end}"
    span = span_of(time)
    if span is None:
        return "an unknown time"
    return str(span[0]) if span[0] == span[1] else f"{span[0]} to {span[1]}"


def describe_staleness(days: int) -> str:
    """How old the newest evidence is: "the date asked", "3 days before the date asked"."""
    if days == 0:
        return "the date asked"
    return f"{days} day{'s' if days != 1 else ''} before the date asked"


# --- sources and what they say --------------------------------------------------------------------------


def name_source(source_id: int) -> str:
    return f"source {source_id}"


def name_sources(ids: Sequence[int]) -> str:
    """ "source 3", or "sources 2, 3" for several."""
    return name_source(ids[0]) if len(ids) == 1 else "sources " + ", ".join(str(i) for i in ids)


def name_claimants(group: Sequence[Evidence], one: str, several: str) -> str:
    """The claimants (or, unnamed, the sources) of a group, with the verb that agrees: "Kenya and Haiti report"."""
    names = sorted({e.claimant or name_source(e.source_id) for e in group})
    return f"{' and '.join(names)} {one if len(names) == 1 else several}"


def quote_value(item: _Quoted) -> str:
    """A source's words and their time: source 4's “about 500” on 2023-04-12."""
    return f"{name_source(item.source_id)}'s “{item.value_text}” {describe_time(item.time)}"


def quote_evidence(evidence: Evidence) -> str:
    """How a figure is quoted in a reason: source 4's “about 500” (500 (450–550)) on 2023-04-12."""
    figure = format_interval(evidence.interval)
    return f"{name_source(evidence.source_id)}'s “{evidence.value_text}” ({figure}) {describe_time(evidence.time)}"


def quote_group(group: Sequence[Evidence]) -> str:
    """A group's distinct words at the first one's time, and its sources: “none”, “no” in 2024 (sources 2, 5)."""
    texts = list(dict.fromkeys(f"“{e.value_text}”" for e in group))
    sources = sorted({e.source_id for e in group})
    return f"{', '.join(texts)} {describe_time(group[0].time)} ({name_sources(sources)})"


def state_level(evidence: Evidence, unit: str) -> str:
    """A figure with its unit and time: "300 (270–330) buses in 2023-03"."""
    return f"{format_interval(evidence.interval)} {unit} {describe_time(evidence.time)}"


def describe_term(item: Evidence | Event) -> str:
    """One term of a sum in words: "300 in 2023-03 (source 1)", "42 on 2023-04-12 (sources 2, 3 — one event…)"."""
    if isinstance(item, Event):
        figure = item.figure
        return f"{format_number(figure.interval.best)} {describe_time(figure.time)} ({_event_sources(item)})"
    return f"{format_number(item.interval.best)} {describe_time(item.time)} ({name_source(item.source_id)})"


def _event_sources(event: Event) -> str:
    label = name_sources(event.source_ids)
    if len(event.reports) > 1:
        label += f" — one event in {len(event.reports)} reports, counted once"
    return label
