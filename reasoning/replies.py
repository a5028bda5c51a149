"""Replies to every kind of question: a value, one event's size, a sum over subjects, a count of events, a date,
or whether something happened; each with the citations it rests on and its own explanation.

Events are the flow reports of a (subject, metric) merged as `reasoning.events.merge_events` merges them, so
an arrival reported by five outlets is counted once. An event counts as inside a period when its own time
lies wholly inside it; an event whose time straddles the period's edge makes a count or a total unknowable,
and the reply says so instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Literal

import msgspec
from msgspec.structs import replace

from reasoning.answers import Answer
from reasoning.citations import Citation, cite_event
from reasoning.events import Event, merge_events
from reasoning.evidence import Evidence, MetricInfo
from reasoning.timeline import TimelinePoint
from reasoning.types import Interval, Modality, Precision, TimeSpan
from reasoning.wording import describe_period, describe_time, format_interval, format_number

__all__ = [
    "ALL_OF_THE_RECORD",
    "Reply",
    "count_reply",
    "event_size_reply",
    "events_of",
    "existence_reply",
    "first_date_reply",
    "no_reply",
    "period_total_reply",
    "sum_reply",
    "threshold_date_reply",
    "value_reply",
]

ReplyBasis = Literal["reported", "derived", "events", "none"]
# The time a question or claim that names none looks in, for events: all of the record.
ALL_OF_THE_RECORD = TimeSpan(start=None, end=None, precision=Precision.period, rule="all_of_the_record")


class Reply(msgspec.Struct, frozen=True, kw_only=True):
    """The answer to a question of any kind. Which of `best`, `count`, `date` and `exists` is set follows `kind`;
    none is set when the evidence does not answer (then `explanation` says why). `parts` holds the value
    answers a reply rests on (one per subject of a sum; the one answer of a value question)."""

    kind: str
    subject: str
    subjects: list[str]
    metric: str
    unit: str
    modality: Modality
    time: TimeSpan
    as_of: dt.date
    basis: ReplyBasis
    explanation: str
    low: float | None = None
    best: float | None = None
    high: float | None = None
    count: int | None = None
    date: dt.date | None = None
    exists: bool | None = None
    supporting: list[Citation] = []
    conflicting: list[Citation] = []
    parts: list[Answer] = []


def events_of(evidence: Sequence[Evidence], *, subject: str, metric: str, modality: Modality) -> list[Event]:
    """The events of one flow for one subject, in time order, without the reports that only total others.

    "750 arrived between 18 and 27 December" beside three arrivals inside those days that add up to 750 is
    their total, not a fourth arrival: counted, it would add a fourth event; left in, it would straddle any
    period inside it. A period report the events inside it do not add up to stays: it may hold arrivals no
    one reported one by one.
    """
    reports = [e for e in evidence if e.subject == subject and e.metric == metric and e.modality == modality]
    events = merge_events(reports)
    return [event for event in events if not _totals_others(event, events)]


def _totals_others(event: Event, events: Sequence[Event]) -> bool:
    if event.start == event.end:
        return False
    inside = [
        other
        for other in events
        if other is not event and event.start <= other.start and other.end <= event.end and other.start == other.end
    ]
    if not inside:
        return False
    total = sum(other.figure.interval.best for other in inside)
    iv = event.figure.interval
    low = iv.low if iv.low is not None else iv.best
    high = iv.high if iv.high is not None else iv.best
    return low <= total <= high


def _inside(event: Event, time: TimeSpan) -> Literal["inside", "outside", "straddles"]:
    start, end = time.start or dt.date.min, time.end or dt.date.max
    if start <= event.start and event.end <= end:
        return "inside"
    if event.end < start or event.start > end:
        return "outside"
    return "straddles"


def _split(events: Sequence[Event], time: TimeSpan) -> tuple[list[Event], list[Event]]:
    inside = [e for e in events if _inside(e, time) == "inside"]
    straddling = [e for e in events if _inside(e, time) == "straddles"]
    return inside, straddling


def _base(kind: str, metric: MetricInfo, subject: str, modality: Modality, time: TimeSpan) -> Reply:
    """A reply with nothing found yet, for `replace` to fill in."""
    return Reply(
        kind=kind,
        subject=subject,
        subjects=[subject],
        metric=metric.key,
        unit=metric.unit,
        modality=modality,
        time=time,
        as_of=time.end or dt.date.max,
        basis="none",
        explanation="",
    )


def no_reply(kind: str, metric: MetricInfo, subject: str, modality: Modality, time: TimeSpan, why: str) -> Reply:
    return replace(_base(kind, metric, subject, modality, time), explanation=why)


def _straddling_reason(events: Sequence[Event], time: TimeSpan) -> str:
    listed = "; ".join(f"{format_number(e.figure.interval.best)} {describe_time(e.figure.time)}" for e in events)
    return (
        f"{len(events)} report(s) on record cover a time that runs over the edge of {describe_period(time)} "
        f"({listed}), so what happened inside it cannot be told apart."
    )


def _cite_all(events: Sequence[Event], why: str) -> list[Citation]:
    return [c for event in events for c in cite_event(event, "counted", why)]


def count_reply(
    events: Sequence[Event], *, metric: MetricInfo, subject: str, modality: Modality, time: TimeSpan
) -> Reply:
    """How many events lie in `time`; zero only where the record speaks for that time (see `_record_held`)."""
    base = _base("event_count", metric, subject, modality, time)
    inside, straddling = _split(events, time)
    if straddling:
        return replace(base, basis="none", explanation=_straddling_reason(straddling, time))
    if not events:
        why = f"No {metric.name} event for {subject} is on record at all, so none can be counted."
        return replace(base, basis="none", explanation=why)
    dates = ", ".join(describe_time(e.figure.time) for e in inside)
    said = f"{len(inside)} event(s) of {metric.name} on record {_during(time)}" + (f": {dates}" if dates else "")
    if not inside:
        held = _record_held(events, time)
        if held is None:
            return replace(base, basis="none", explanation=_silence(metric, subject, events, time))
        said += f"; {held}"
    explanation = f"{said}. Reports of one event by several sources are counted once."
    return replace(
        base,
        basis="events",
        count=len(inside),
        supporting=_cite_all(inside, "an event inside the period"),
        explanation=explanation,
    )


def event_size_reply(
    events: Sequence[Event],
    *,
    metric: MetricInfo,
    subject: str,
    modality: Modality,
    time: TimeSpan,
    ordinal: int | None,
    time_named: bool,
) -> Reply:
    """The size of one event: the n-th in `time` (or on record) when an ordinal is given, else the one in `time`."""
    base = _base("event_size", metric, subject, modality, time)
    window = time if time_named else ALL_OF_THE_RECORD
    inside, straddling = _split(events, window)
    if ordinal is not None:
        if straddling:
            return replace(base, basis="none", explanation=_straddling_reason(straddling, time))
        on_record, _ = _split(events, ALL_OF_THE_RECORD)
        if len(inside) >= ordinal:
            chosen = inside[ordinal - 1]
            how = f"event number {ordinal} in time order of the {len(inside)} on record{_in(window)}"
        elif window.start == window.end and len(on_record) >= ordinal and on_record[ordinal - 1] in inside:
            # "the second contingent, which arrived on 22 December": a day that holds fewer than two events says
            # when the second of the record was (over a longer period, "the third delivery in April" counts April's)
            chosen = on_record[ordinal - 1]
            how = f"event number {ordinal} in time order of the {len(on_record)} on record, the one{_in(window)}"
        else:
            why = f"Only {len(inside)} {metric.name} event(s) for {subject} are on record{_in(window)}"
            why += f"; there is no number {ordinal}."
            return replace(base, basis="none", explanation=why)
    else:
        if len(inside) != 1 or straddling:
            why = f"{len(inside)} {metric.name} event(s) for {subject} lie{_in(window)}"
            why += ", with others straddling its edge" if straddling else ""
            return replace(base, basis="none", explanation=why + "; the question names no single one.")
        chosen = inside[0]
        how = f"the one event on record{_in(window)}"
    iv = chosen.figure.interval
    explanation = f"The event asked about is {how}: {format_interval(iv)} {describe_time(chosen.figure.time)}."
    return replace(
        base,
        basis="events",
        low=iv.low,
        best=iv.best,
        high=iv.high,
        supporting=cite_event(chosen, "event", "the event asked about"),
        explanation=explanation,
    )


def _in(time: TimeSpan) -> str:
    return "" if time.start is None and time.end is None else f" {describe_period(time)}"


def _during(time: TimeSpan) -> str:
    return "in all of the record" if time.start is None and time.end is None else describe_period(time)


def period_total_reply(
    events: Sequence[Event], *, metric: MetricInfo, subject: str, modality: Modality, time: TimeSpan, kind: str
) -> Reply:
    """The total of a flow over a period: the sum of its events inside it."""
    base = _base(kind, metric, subject, modality, time)
    inside, straddling = _split(events, time)
    if straddling:
        return replace(base, basis="none", explanation=_straddling_reason(straddling, time))
    if not inside:
        why = f"No {metric.name} event for {subject} is on record {describe_period(time)}."
        return replace(base, basis="none", explanation=why)
    low = sum(e.figure.interval.low if e.figure.interval.low is not None else e.figure.interval.best for e in inside)
    best = sum(e.figure.interval.best for e in inside)
    high = sum(e.figure.interval.high if e.figure.interval.high is not None else e.figure.interval.best for e in inside)
    parts = " + ".join(format_number(e.figure.interval.best) for e in inside)
    explanation = (
        f"The {len(inside)} {metric.name} event(s) on record {describe_period(time)} add up to {format_number(best)}"
        f" ({parts}); reports of one event by several sources are counted once."
    )
    return replace(
        base,
        basis="events",
        low=low,
        best=best,
        high=high,
        supporting=_cite_all(inside, "an event inside the period, added to the total"),
        explanation=explanation,
    )


def first_date_reply(
    events: Sequence[Event], *, metric: MetricInfo, subject: str, modality: Modality, time: TimeSpan, time_named: bool
) -> Reply:
    """The day of the first event (in `time` when one is named)."""
    base = _base("date", metric, subject, modality, time)
    window = time if time_named else ALL_OF_THE_RECORD
    inside, straddling = _split(events, window)
    if straddling and (not inside or straddling[0].start <= inside[0].start):
        return replace(base, basis="none", explanation=_straddling_reason(straddling, window))
    if not inside:
        why = f"No {metric.name} event for {subject} is on record{_in(window)}."
        return replace(base, basis="none", explanation=why)
    first = inside[0]
    if first.start != first.end:
        why = f"The first {metric.name} event on record is known only as {describe_time(first.figure.time)}"
        why += ", not to the day."
        return replace(
            base, basis="none", supporting=cite_event(first, "event", "the first event on record"), explanation=why
        )
    explanation = (
        f"The first {metric.name} event for {subject} on record{_in(window)} is on {first.start}: "
        f"{format_number(first.figure.interval.best)}."
    )
    return replace(
        base,
        basis="events",
        date=first.start,
        supporting=cite_event(first, "event", "the first event on record"),
        explanation=explanation,
    )


def threshold_date_reply(
    points: Sequence[TimelinePoint],
    *,
    metric: MetricInfo,
    subject: str,
    modality: Modality,
    time: TimeSpan,
    value: float,
    relation: str,
) -> Reply:
    """The first day the value met the threshold ("first passed 2,000", "first put at 21")."""
    base = _base("date", metric, subject, modality, time)
    for point in points:
        if point.best is None:
            continue
        if _meets(point.low, point.best, point.high, value, relation):
            said = {"at_least": "reached", "above": "went above"}.get(relation, "put at")
            explanation = (
                f"The first day on record that {metric.name} for {subject} {said} {format_number(value)} is "
                f"{point.date} (value {format_number(point.best)})."
            )
            return replace(
                base,
                basis=point.basis,
                date=point.date,
                supporting=point.supporting,
                conflicting=point.conflicting,
                explanation=explanation,
            )
    why = f"No value on record for {metric.name} for {subject}{_in(time)} meets {format_number(value)}."
    return replace(base, basis="none", explanation=why)


def running_total_date_reply(
    events: Sequence[Event],
    *,
    metric: MetricInfo,
    subject: str,
    modality: Modality,
    time: TimeSpan,
    time_named: bool,
    value: float,
    relation: str,
) -> Reply:
    """The day a flow's running total first met the threshold ("when did the total number of job cuts first
    pass 2,000"), counted from the start of the period named, else from the first event on record."""
    base = _base("date", metric, subject, modality, time)
    window = time if time_named else ALL_OF_THE_RECORD
    inside, straddling = _split(events, window)
    if straddling:
        return replace(base, basis="none", explanation=_straddling_reason(straddling, window))
    low = total = high = 0.0
    for index, event in enumerate(inside):
        interval = event.figure.interval
        total += interval.best
        low += interval.low if interval.low is not None else interval.best
        high += interval.high if interval.high is not None else math.inf
        if not _meets(low, total, high, value, relation):
            continue
        counted = inside[: index + 1]
        parts = " + ".join(format_number(e.figure.interval.best) for e in counted)
        supporting = _cite_all(counted, "an event of the running total")
        if event.start != event.end:
            why = f"The running total of {metric.name} for {subject}{_in(window)} met {format_number(value)} with an "
            why += f"event known only as {describe_time(event.figure.time)}, not to the day ({parts})."
            return replace(base, basis="none", supporting=supporting, explanation=why)
        explanation = (
            f"The running total of {metric.name} for {subject}{_in(window)} first met {format_number(value)} on "
            f"{event.start}: {parts} = {format_number(total)}; reports of one event by several sources are counted "
            "once."
        )
        return replace(base, basis="events", date=event.start, supporting=supporting, explanation=explanation)
    why = f"The {metric.name} events on record for {subject}{_in(window)} add up to {format_number(total)}, "
    why += f"which does not meet {format_number(value)}."
    return replace(base, basis="none", explanation=why)


def _meets(low: float | None, best: float, high: float | None, value: float, relation: str) -> bool:
    """Whether a value meets a threshold: at least it; above it (a best past it, or a figure such as "more than
    470" whose every possible value is past it); or equal to it (within the value's interval)."""
    if relation == "at_least":
        return best >= value
    if relation == "above":
        return best > value or (low is not None and low >= value and (high is None or high > value))
    return low is not None and high is not None and low <= value <= high


def _record_held(events: Sequence[Event], time: TimeSpan) -> str | None:
    """What the subject's record holds around a time it has no event in, when that speaks for the time: events
    on both sides of it. None when the record may simply not reach that time: a gap is then a silence, not an
    absence, and no "no" or zero may be read from it. Another subject's events in the period say nothing of
    this one's (a company's round of cuts is not its plant's)."""
    before = [e for e in events if time.start is not None and e.end < time.start]
    after = [e for e in events if time.end is not None and e.start > time.end]
    if before and after:
        return f"the record holds {len(before)} before it and {len(after)} after it"
    return None


def _silence(metric: MetricInfo, subject: str, events: Sequence[Event], time: TimeSpan) -> str:
    side = "after" if all(time.end is not None and e.start > time.end for e in events) else "before"
    return (
        f"No {metric.name} event for {subject} is on record {describe_period(time)}, but all {len(events)} on "
        f"record lie {side} it: the record may not cover that time, so whether one happened then is unknown."
    )


def existence_reply(
    *,
    events: Sequence[Event] | None,
    points: Sequence[TimelinePoint] | None,
    metric: MetricInfo,
    subject: str,
    modality: Modality,
    time: TimeSpan,
) -> Reply:
    """Whether anything of the metric happened (a flow) or stood above zero (a stock) in `time`.

    A flow with no event in `time` happened not at all only where the record speaks for that time: the
    subject has events on both sides of it. Otherwise the record may simply not reach that time, and the
    reply says it is unknown."""
    base = _base("existence", metric, subject, modality, time)
    if events is not None:
        inside, straddling = _split(events, time)
        positive = [e for e in inside if e.figure.interval.best > 0]
        # A report of zero says nothing of the rest of the period: it answers "no" only when it covers it all.
        start, end = time.start, time.end
        covering = [e for e in inside if start is not None and end is not None and e.start <= start and end <= e.end]
        if positive or (covering and not straddling):  # events in the period, or a zero for all of it
            explanation = (
                f"{len(positive)} {metric.name} event(s) for {subject} are on record {describe_period(time)}."
                if positive
                else f"{metric.name} for {subject} is on record as zero {describe_period(time)}."
            )
            return replace(
                base,
                basis="events",
                exists=bool(positive),
                supporting=_cite_all(positive or covering, "an event inside the period"),
                explanation=explanation,
            )
        if straddling:
            return replace(base, basis="none", explanation=_straddling_reason(straddling, time))
        held = _record_held(events, time) if events else None
        if held is None and inside:  # zeros for part of the period only
            why = (
                f"{metric.name} for {subject} is on record as zero for part of {describe_period(time)} only: "
                "whether any happened at other times in it is unknown."
            )
            return replace(base, basis="none", explanation=why)
        if held is not None:
            explanation = f"No {metric.name} event for {subject} is on record {describe_period(time)}; {held}."
            return replace(base, basis="events", exists=False, explanation=explanation)
        if events:
            return replace(base, basis="none", explanation=_silence(metric, subject, events, time))
        why = f"Nothing on record about {metric.name} for {subject}: whether it happened is unknown."
        return replace(base, basis="none", explanation=why)
    in_time = [p for p in points or () if time.start is None or p.date >= time.start]
    above_zero = [p for p in in_time if p.best is not None and p.best > 0]
    if above_zero:
        first = above_zero[0]
        explanation = f"{metric.name} for {subject} stood at {format_number(first.best or 0)} on {first.date}."
        return replace(base, basis=first.basis, exists=True, supporting=first.supporting, explanation=explanation)
    zeros = [p for p in in_time if p.best == 0]
    if zeros:
        explanation = f"{metric.name} for {subject} is on record as zero on {zeros[-1].date}."
        return replace(
            base, basis=zeros[-1].basis, exists=False, supporting=zeros[-1].supporting, explanation=explanation
        )
    why = f"Nothing on record about {metric.name} for {subject}{_in(time)}: whether there was any is unknown."
    return replace(base, basis="none", explanation=why)


def value_reply(answer: Answer, *, kind: str, time: TimeSpan) -> Reply:
    """A value question's reply: the answer as of the date, which it carries whole in `parts`."""
    return Reply(
        kind=kind,
        subject=answer.subject,
        subjects=[answer.subject],
        metric=answer.metric,
        unit=answer.unit,
        modality=answer.modality,
        time=time,
        as_of=answer.as_of,
        basis=answer.basis,
        low=answer.low,
        best=answer.best,
        high=answer.high,
        supporting=answer.supporting,
        conflicting=answer.conflicting,
        parts=[answer],
        explanation=answer.explanation,
    )


def sum_reply(parts: Sequence[Reply], *, metric: MetricInfo, modality: Modality, time: TimeSpan) -> Reply:
    """The total over several subjects: the sum of each one's answer, or none when any is unknown."""
    subjects = [p.subject for p in parts]
    base = replace(_base("sum", metric, subjects[0], modality, time), subjects=subjects)
    missing = [p for p in parts if p.best is None]
    if missing:
        names = ", ".join(p.subject for p in missing)
        why = f"No answer for {names}, so the total cannot be given. " + " ".join(p.explanation for p in missing)
        return replace(base, basis="none", explanation=why, parts=[a for p in parts for a in p.parts])
    total = Interval(
        low=sum(p.low if p.low is not None else p.best or 0 for p in parts),
        best=sum(p.best or 0 for p in parts),
        high=sum(p.high if p.high is not None else p.best or 0 for p in parts),
        rule="sum",
    )
    listed = " + ".join(f"{format_number(p.best or 0)} ({p.subject})" for p in parts)
    explanation = f"The total is {listed} = {format_number(total.best)}. " + " ".join(p.explanation for p in parts)
    return replace(
        base,
        basis="derived",
        low=total.low,
        best=total.best,
        high=total.high,
        supporting=[c for p in parts for c in p.supporting],
        conflicting=[c for p in parts for c in p.conflicting],
        parts=[a for p in parts for a in p.parts],
        explanation=explanation,
    )
