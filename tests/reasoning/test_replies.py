"""Replies to each kind of question, on a made-up ferry line: counts, one event's size, period totals, first
dates, thresholds, existence and sums, with the edges of a period pinned to the day."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from reasoning.evidence import Evidence, MetricInfo
from reasoning.replies import (
    Reply,
    count_reply,
    event_size_reply,
    events_of,
    existence_reply,
    first_date_reply,
    period_total_reply,
    sum_reply,
    threshold_date_reply,
)
from reasoning.timeline import TimelinePoint
from reasoning.types import Interval, MetricKind, Modality, Precision, TimeSpan

SAILINGS = MetricInfo(key="ferries-added", name="ferries added", unit="ferries", kind=MetricKind.flow, feeds="ferries")
FLEET = MetricInfo(key="ferries", name="ferries in service", unit="ferries", kind=MetricKind.stock)
_ids = itertools.count(1)


def report(value: float, start: str, end: str | None = None, *, source: int = 1, subject: str = "harbor") -> Evidence:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end or start)
    return Evidence(
        assertion_id=next(_ids),
        source_id=source,
        source_title=None,
        source_date=last,
        subject=subject,
        metric=SAILINGS.key,
        value_text=str(value),
        interval=Interval(low=value, best=value, high=value, rule="exact"),
        modality=Modality.actual,
        time=TimeSpan(start=first, end=last, precision=Precision.day if first == last else Precision.period),
        claimant=None,
        quote=f"{value} ferries",
        quote_start=0,
        quote_end=10,
        recorded_at=dt.datetime(2031, 1, 1, tzinfo=dt.UTC),
    )


def period(start: str, end: str) -> TimeSpan:
    return TimeSpan(start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end), precision=Precision.period)


# Three deliveries (4 March, 20 March, 2 April); the first reported twice, by two sources: one event.
DELIVERIES = [
    report(2, "2031-03-04"),
    report(2, "2031-03-04", source=2),
    report(3, "2031-03-20"),
    report(1, "2031-04-02"),
]


def events() -> list:
    return events_of(DELIVERIES, subject="harbor", metric=SAILINGS.key, modality=Modality.actual)


def common() -> dict:
    return {"metric": SAILINGS, "subject": "harbor", "modality": Modality.actual}


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        ("2031-03-01", "2031-03-31", 2),  # March: the two deliveries, the twice-reported one counted once
        ("2031-03-04", "2031-03-20", 2),  # both edges are inside the period
        ("2031-03-05", "2031-03-20", 1),  # a day after the first delivery: it is outside
        ("2031-03-04", "2031-03-19", 1),  # a day before the second: it is outside
        ("2031-03-21", "2031-04-01", 0),  # none in between, though the series has events on record
        ("2031-01-01", "2031-12-31", 3),
    ],
)
def test_a_count_holds_the_events_wholly_inside_the_period(start: str, end: str, count: int) -> None:
    reply = count_reply(events(), time=period(start, end), **common())
    assert reply.count == count and reply.kind == "event_count"
    assert len({c.assertion_id for c in reply.supporting if c.why == "an event inside the period"}) == count


def test_no_count_when_the_series_has_nothing_on_record() -> None:
    reply = count_reply([], time=period("2031-03-01", "2031-03-31"), **common())
    assert reply.count is None and reply.basis == "none"


def test_a_report_straddling_the_edge_of_the_period_makes_a_count_and_a_total_unknowable() -> None:
    found = events_of(
        [*DELIVERIES, report(5, "2031-03-25", "2031-04-05")],
        subject="harbor",
        metric=SAILINGS.key,
        modality=Modality.actual,
    )
    march = period("2031-03-01", "2031-03-31")
    assert count_reply(found, time=march, **common()).count is None
    total = period_total_reply(found, time=march, kind="value_as_of", **common())
    assert total.best is None and "edge" in total.explanation


@pytest.mark.parametrize(("start", "end", "best"), [("2031-03-01", "2031-03-31", 5), ("2031-03-01", "2031-04-02", 6)])
def test_a_period_total_adds_each_event_once(start: str, end: str, best: float) -> None:
    reply = period_total_reply(events(), time=period(start, end), kind="value_as_of", **common())
    assert reply.best == best and reply.low == best and reply.high == best


def test_a_period_with_no_event_has_no_total() -> None:
    reply = period_total_reply(events(), time=period("2031-05-01", "2031-05-31"), kind="value_as_of", **common())
    assert reply.best is None


@pytest.mark.parametrize(("ordinal", "best"), [(1, 2), (2, 3), (3, 1), (4, None)])
def test_an_ordinal_picks_that_event_in_time_order(ordinal: int, best: float | None) -> None:
    reply = event_size_reply(
        events(), time=period("2031-01-01", "2031-12-31"), ordinal=ordinal, time_named=True, **common()
    )
    assert reply.best == best


def test_an_ordinal_counts_within_the_period_named() -> None:
    reply = event_size_reply(events(), time=period("2031-03-10", "2031-04-30"), ordinal=1, time_named=True, **common())
    assert reply.best == 3 and reply.date is None, "an event's size is a figure; its day is in its citation"
    assert reply.supporting[0].time.start == dt.date(2031, 3, 20)


def test_one_event_on_the_day_is_its_size_and_two_are_no_single_answer() -> None:
    day = period("2031-03-20", "2031-03-20")
    assert event_size_reply(events(), time=day, ordinal=None, time_named=True, **common()).best == 3
    march = period("2031-03-01", "2031-03-31")
    assert event_size_reply(events(), time=march, ordinal=None, time_named=True, **common()).best is None


@pytest.mark.parametrize(
    ("window", "named", "expected"),
    [
        (("2031-01-01", "2031-12-31"), True, dt.date(2031, 3, 4)),
        (("2031-03-05", "2031-12-31"), True, dt.date(2031, 3, 20)),  # the first inside the period named
        (("2031-05-01", "2031-05-31"), True, None),
        (("2031-05-01", "2031-05-31"), False, dt.date(2031, 3, 4)),  # no period named: all of the record
    ],
)
def test_the_first_date_is_the_first_event_in_the_period(
    window: tuple[str, str], named: bool, expected: dt.date | None
) -> None:
    reply = first_date_reply(events(), time=period(*window), time_named=named, **common())
    assert reply.date == expected


def test_a_first_event_known_only_to_the_month_gives_no_day() -> None:
    found = events_of(
        [report(4, "2031-02-01", "2031-02-28")], subject="harbor", metric=SAILINGS.key, modality=Modality.actual
    )
    reply = first_date_reply(found, time=period("2031-01-01", "2031-12-31"), time_named=True, **common())
    assert reply.date is None and "not to the day" in reply.explanation


def point(day: str, best: float, low: float | None = None, high: float | None = None) -> TimelinePoint:
    return TimelinePoint(
        date=dt.date.fromisoformat(day),
        low=best if low is None else low,
        best=best,
        high=best if high is None else high,
        basis="reported",
        supporting=[],
        conflicting=[],
    )


POINTS = [point("2031-03-01", 10), point("2031-03-10", 19), point("2031-03-15", 20), point("2031-03-20", 21)]


@pytest.mark.parametrize(
    ("value", "relation", "expected"),
    [
        (20, "at_least", dt.date(2031, 3, 15)),  # reached exactly: the day it is met
        (19.5, "at_least", dt.date(2031, 3, 15)),
        (19, "at_least", dt.date(2031, 3, 10)),
        (22, "at_least", None),
        (19, "equal", dt.date(2031, 3, 10)),
        (20.5, "equal", None),
    ],
)
def test_a_threshold_date_is_the_first_day_the_value_meets_it(
    value: float, relation: str, expected: dt.date | None
) -> None:
    reply = threshold_date_reply(
        POINTS,
        time=period("2031-01-01", "2031-12-31"),
        value=value,
        relation=relation,
        metric=FLEET,
        subject="harbor",
        modality=Modality.actual,
    )
    assert reply.date == expected


@pytest.mark.parametrize(
    ("window", "exists"),
    [
        (("2031-03-04", "2031-03-04"), True),
        (("2031-03-05", "2031-03-19"), False),  # between deliveries; the series has events at other times
        (("2031-03-01", "2031-03-31"), True),
    ],
)
def test_existence_of_an_event_in_a_period(window: tuple[str, str], exists: bool) -> None:
    reply = existence_reply(events=events(), points=None, time=period(*window), **common())
    assert reply.exists is exists


def test_existence_is_unknown_when_nothing_is_on_record() -> None:
    reply = existence_reply(events=[], points=None, time=period("2031-03-01", "2031-03-31"), **common())
    assert reply.exists is None


@pytest.mark.parametrize(
    ("points", "exists"),
    [([point("2031-03-01", 3)], True), ([point("2031-03-01", 0)], False), ([], None)],
)
def test_existence_of_a_level_above_zero(points: list[TimelinePoint], exists: bool | None) -> None:
    reply = existence_reply(
        events=None,
        points=points,
        time=period("2031-03-01", "2031-03-31"),
        metric=FLEET,
        subject="harbor",
        modality=Modality.actual,
    )
    assert reply.exists is exists


def value(subject: str, best: float | None) -> Reply:
    return Reply(
        kind="value_as_of",
        subject=subject,
        subjects=[subject],
        metric=FLEET.key,
        unit="ferries",
        modality=Modality.actual,
        time=period("2031-03-01", "2031-03-01"),
        as_of=dt.date(2031, 3, 1),
        basis="none" if best is None else "reported",
        low=best,
        best=best,
        high=best,
        explanation=f"{subject}: {best}",
    )


def test_a_sum_adds_each_subjects_answer_and_none_when_one_is_missing() -> None:
    time = period("2031-03-01", "2031-03-01")
    total = sum_reply([value("harbor", 4), value("bayside", 7)], metric=FLEET, modality=Modality.actual, time=time)
    assert (total.best, total.subjects) == (11, ["harbor", "bayside"])
    missing = sum_reply([value("harbor", 4), value("bayside", None)], metric=FLEET, modality=Modality.actual, time=time)
    assert missing.best is None and "bayside" in missing.explanation


def test_a_period_report_that_the_events_inside_it_add_up_to_is_their_total_not_another_event() -> None:
    total = report(6, "2031-03-01", "2031-04-05")  # 2 + 3 + 1: the three deliveries, totalled
    found = events_of([*DELIVERIES, total], subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    assert [e.figure.interval.best for e in found] == [2, 3, 1]
    assert count_reply(found, time=period("2031-03-01", "2031-03-31"), **common()).count == 2


def test_a_period_report_larger_than_the_events_inside_it_stays_and_keeps_a_count_unknowable() -> None:
    larger = report(9, "2031-03-01", "2031-04-05")  # more than the deliveries reported one by one
    found = events_of([*DELIVERIES, larger], subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    assert len(found) == 4
    assert count_reply(found, time=period("2031-03-01", "2031-03-31"), **common()).count is None
