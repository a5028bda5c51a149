"""Replies to each kind of question, on a made-up ferry line: counts, one event's size, period totals, first
dates, thresholds, existence and sums, with the edges of a period pinned to the day."""

from __future__ import annotations

import datetime as dt
import itertools

import msgspec
import pytest

from reasoning.citations import cite_event
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
from tests.reasoning.statements import statement

SAILINGS = MetricInfo(key="ferries-added", name="ferries added", unit="ferries", kind=MetricKind.flow, feeds="ferries")
FLEET = MetricInfo(key="ferries", name="ferries in service", unit="ferries", kind=MetricKind.stock)
_ids = itertools.count(1)


def report(value: float, start: str, end: str | None = None, *, source: int = 1, subject: str = "harbor") -> Evidence:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end or start)
    return statement(
        assertion_id=next(_ids),
        subject=subject,
        metric=SAILINGS.key,
        value_text=str(value),
        first=first,
        last=last,
        quote=f"{value} ferries",
        source_id=source,
        source_date=last,
        interval=Interval(low=value, best=value, high=value, rule="exact"),
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


@pytest.mark.parametrize(
    ("window", "ordinal", "best"),
    [
        (("2031-03-20", "2031-03-20"), 2, 3),  # the day's one event is the second on record
        (("2031-03-20", "2031-03-20"), 3, None),  # the third on record is on another day
        (("2031-04-01", "2031-04-30"), 3, None),  # over a month, "the third in April" counts April's
        (("2031-03-10", "2031-04-30"), 2, 1),  # two events in the period: the number counts within it
    ],
)
def test_an_ordinal_beyond_the_periods_events_counts_the_whole_record_when_its_event_is_in_the_period(
    window: tuple[str, str], ordinal: int, best: float | None
) -> None:
    reply = event_size_reply(events(), time=period(*window), ordinal=ordinal, time_named=True, **common())
    assert reply.best == best


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
        (20, "above", dt.date(2031, 3, 20)),  # exactly 20 is not above 20
        (19.5, "above", dt.date(2031, 3, 15)),
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


# Each reply says what it found in its own words, on the record it rests on: the kind, the basis, the explanation
# and each citation's role and reason are what a fact-checker reads, so they are pinned here whole.
STRADDLING = events_of(
    [*DELIVERIES, report(5, "2031-03-25", "2031-04-05")],
    subject="harbor",
    metric=SAILINGS.key,
    modality=Modality.actual,
)
ANY_TIME = TimeSpan(start=None, end=None, precision=Precision.period, rule="any")
SAME_EVENT = "the same event as assertion 1 (2 on 2031-03-04), counted once; "


def said(reply: Reply) -> tuple[str, str, str, list[tuple[int, str, str]]]:
    assert (reply.subject, reply.subjects, reply.metric) == ("harbor", ["harbor"], reply.metric)
    assert reply.unit == "ferries" and reply.modality is Modality.actual
    return reply.kind, reply.basis, reply.explanation, [(c.assertion_id, c.role, c.why) for c in reply.supporting]


INSIDE = "an event inside the period"


@pytest.mark.parametrize(
    ("found", "time", "expected"),
    [
        (
            DELIVERIES,
            period("2031-03-01", "2031-03-31"),
            (
                "events",
                "2 event(s) of ferries added on record 2031-03-01 to 2031-03-31: on 2031-03-04, on 2031-03-20. "
                "Reports of one event by several sources are counted once.",
                [(1, "counted", INSIDE), (2, "counted", SAME_EVENT + INSIDE), (3, "counted", INSIDE)],
            ),
        ),
        (
            DELIVERIES,
            period("2031-03-21", "2031-04-01"),
            (
                "events",
                "0 event(s) of ferries added on record 2031-03-21 to 2031-04-01; the record holds 2 before it and 1 "
                "after it. Reports of one event by several sources are counted once.",
                [],
            ),
        ),
        (
            DELIVERIES,
            period("2031-04-03", "2031-04-30"),
            (
                "none",
                "No ferries added event for harbor is on record 2031-04-03 to 2031-04-30, but all 3 on record lie "
                "before it: the record may not cover that time, so whether one happened then is unknown.",
                [],
            ),
        ),
        (
            [],
            period("2031-03-01", "2031-03-31"),
            ("none", "No ferries added event for harbor is on record at all, so none can be counted.", []),
        ),
        (
            None,
            period("2031-03-01", "2031-03-31"),
            (
                "none",
                "1 report(s) on record cover a time that runs over the edge of 2031-03-01 to 2031-03-31 (5 from "
                "2031-03-25 to 2031-04-05), so what happened inside it cannot be told apart.",
                [],
            ),
        ),
    ],
)
def test_a_count_says_which_events_it_counted_and_why_when_it_cannot(
    found: list[Evidence] | None, time: TimeSpan, expected: tuple[str, str, list[tuple[int, str, str]]]
) -> None:
    series = (
        STRADDLING
        if found is None
        else events_of(found, subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    )
    reply = count_reply(series, time=time, **common())
    assert said(reply) == ("event_count", *expected)
    assert reply.time == time and reply.as_of == time.end


def test_a_count_over_the_whole_record_says_so_and_is_as_of_no_date() -> None:
    reply = count_reply(events(), time=ANY_TIME, **common())
    assert reply.count == 3 and reply.as_of == dt.date.max
    assert reply.explanation.startswith("3 event(s) of ferries added on record in all of the record: on 2031-03-04,")


@pytest.mark.parametrize(
    ("found", "time", "ordinal", "named", "expected"),
    [
        (
            None,
            period("2031-01-01", "2031-12-31"),
            2,
            True,
            (
                "events",
                "The event asked about is event number 2 in time order of the 3 on record 2031-01-01 to 2031-12-31: "
                "3 on 2031-03-20.",
                [(3, "event", "the event asked about")],
            ),
        ),
        (
            None,
            period("2031-01-01", "2031-12-31"),
            4,
            True,
            (
                "none",
                "Only 3 ferries added event(s) for harbor are on record 2031-01-01 to 2031-12-31; "
                "there is no number 4.",
                [],
            ),
        ),
        (
            None,
            period("2031-05-01", "2031-05-31"),
            4,
            False,  # no period named: all of the record, said without one
            ("none", "Only 3 ferries added event(s) for harbor are on record; there is no number 4.", []),
        ),
        (
            None,
            period("2031-03-20", "2031-03-20"),
            None,
            True,
            (
                "events",
                "The event asked about is the one event on record 2031-03-20: 3 on 2031-03-20.",
                [(3, "event", "the event asked about")],
            ),
        ),
        (
            None,
            period("2031-03-01", "2031-03-31"),
            None,
            True,
            (
                "none",
                "2 ferries added event(s) for harbor lie 2031-03-01 to 2031-03-31; the question names no single one.",
                [],
            ),
        ),
        (
            STRADDLING,
            period("2031-03-01", "2031-03-31"),
            None,
            True,
            (
                "none",
                "2 ferries added event(s) for harbor lie 2031-03-01 to 2031-03-31, with others straddling its edge; "
                "the question names no single one.",
                [],
            ),
        ),
        (
            STRADDLING,
            period("2031-03-01", "2031-03-31"),
            1,
            True,
            (
                "none",
                "1 report(s) on record cover a time that runs over the edge of 2031-03-01 to 2031-03-31 (5 from "
                "2031-03-25 to 2031-04-05), so what happened inside it cannot be told apart.",
                [],
            ),
        ),
    ],
)
def test_an_event_size_says_which_event_it_is_or_why_none_is_single(
    found: list | None, time: TimeSpan, ordinal: int | None, named: bool, expected: tuple
) -> None:
    reply = event_size_reply(found or events(), time=time, ordinal=ordinal, time_named=named, **common())
    assert said(reply) == ("event_size", *expected)
    assert reply.time == time and reply.as_of == time.end


def test_one_event_inside_beside_one_straddling_the_edge_is_no_single_answer() -> None:
    day = period("2031-03-20", "2031-03-30")
    reply = event_size_reply(STRADDLING, time=day, ordinal=None, time_named=True, **common())
    assert reply.best is None and "straddling its edge" in reply.explanation


def test_a_period_total_lists_its_parts_and_cites_each_event_added() -> None:
    reply = period_total_reply(events(), time=period("2031-03-01", "2031-03-31"), kind="value_as_of", **common())
    added = "an event inside the period, added to the total"
    assert said(reply) == (
        "value_as_of",
        "events",
        "The 2 ferries added event(s) on record 2031-03-01 to 2031-03-31 add up to 5 (2 + 3); reports of one event "
        "by several sources are counted once.",
        [(1, "counted", added), (2, "counted", SAME_EVENT + added), (3, "counted", added)],
    )
    empty = period_total_reply(events(), time=period("2031-05-01", "2031-05-31"), kind="flow_total", **common())
    assert said(empty) == (
        "flow_total",
        "none",
        "No ferries added event for harbor is on record 2031-05-01 to 2031-05-31.",
        [],
    )


def ranged(best: float, low: float | None, high: float | None, day: str) -> Evidence:
    evidence = report(best, day)
    return msgspec.structs.replace(evidence, interval=Interval(low=low, best=best, high=high, rule="about"))


def test_a_period_total_adds_the_bounds_and_takes_the_best_for_a_missing_one() -> None:
    found = events_of(
        [ranged(10, 8, 12, "2031-03-02"), ranged(5, None, None, "2031-03-03")],
        subject="harbor",
        metric=SAILINGS.key,
        modality=Modality.actual,
    )
    reply = period_total_reply(found, time=period("2031-03-01", "2031-03-31"), kind="value_as_of", **common())
    assert (reply.low, reply.best, reply.high) == (13, 15, 17)


@pytest.mark.parametrize(
    ("first", "last", "edge"),
    [
        ("2031-04-05", "2031-12-31", "straddles"),  # the report ends on the period's first day
        ("2031-03-01", "2031-03-25", "straddles"),  # the report starts on the period's last day
        ("2031-04-06", "2031-12-31", "outside"),
        ("2031-03-01", "2031-03-24", "outside"),
    ],
)
def test_a_report_touching_the_edge_of_a_period_by_one_day_straddles_it(first: str, last: str, edge: str) -> None:
    # events well before and after every period, so that the record speaks for each: a zero may be counted
    reports = [report(1, "2031-01-02"), report(5, "2031-03-25", "2031-04-05"), report(1, "2032-01-05")]
    found = events_of(reports, subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    reply = count_reply(found, time=period(first, last), **common())
    assert (reply.count is None) is (edge == "straddles")


def test_the_events_of_a_series_are_its_subjects_metrics_and_modalitys_only() -> None:
    others = [
        report(7, "2031-03-05", subject="bayside"),
        msgspec.structs.replace(report(8, "2031-03-06"), metric="ferries"),
        msgspec.structs.replace(report(9, "2031-03-07"), modality=Modality.planned),
    ]
    found = events_of([*DELIVERIES, *others], subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    assert [e.figure.interval.best for e in found] == [2, 3, 1]


@pytest.mark.parametrize(
    ("window", "named", "expected"),
    [
        (
            ("2031-03-05", "2031-12-31"),
            True,
            (
                "events",
                "The first ferries added event for harbor on record 2031-03-05 to 2031-12-31 is on 2031-03-20: 3.",
                [(3, "event", "the first event on record")],
            ),
        ),
        (
            ("2031-05-01", "2031-05-31"),
            True,
            ("none", "No ferries added event for harbor is on record 2031-05-01 to 2031-05-31.", []),
        ),
        (
            ("2031-05-01", "2031-05-31"),
            False,
            (
                "events",
                "The first ferries added event for harbor on record is on 2031-03-04: 2.",
                [(1, "event", "the first event on record"), (2, "event", SAME_EVENT + "the first event on record")],
            ),
        ),
    ],
)
def test_a_first_date_says_which_event_it_is(window: tuple[str, str], named: bool, expected: tuple) -> None:
    reply = first_date_reply(events(), time=period(*window), time_named=named, **common())
    assert said(reply) == ("date", *expected)


@pytest.mark.parametrize(
    ("straddling", "window", "expected"),
    [
        (("2031-03-18", "2031-03-22"), ("2031-03-21", "2031-04-03"), None),  # it may come before the first inside
        (("2031-03-29", "2031-04-01"), ("2031-03-01", "2031-03-30"), dt.date(2031, 3, 4)),  # it comes after
        (("2031-03-20", "2031-04-01"), ("2031-03-20", "2031-03-30"), None),  # it starts on the same day: may be first
        (("2031-03-21", "2031-04-01"), ("2031-03-20", "2031-03-30"), dt.date(2031, 3, 20)),
    ],
)
def test_a_first_date_is_unknown_only_when_a_straddling_report_may_be_earlier(
    straddling: tuple[str, str], window: tuple[str, str], expected: dt.date | None
) -> None:
    found = events_of(
        [*DELIVERIES, report(5, *straddling)], subject="harbor", metric=SAILINGS.key, modality=Modality.actual
    )
    reply = first_date_reply(found, time=period(*window), time_named=True, **common())
    assert reply.date == expected
    if expected is None:
        assert reply.basis == "none" and f"over the edge of {window[0]} to {window[1]}" in reply.explanation


def test_a_first_event_known_only_to_the_month_cites_it_without_a_day() -> None:
    found = events_of(
        [report(4, "2031-02-01", "2031-02-28")], subject="harbor", metric=SAILINGS.key, modality=Modality.actual
    )
    reply = first_date_reply(found, time=period("2031-01-01", "2031-12-31"), time_named=True, **common())
    assert said(reply) == (
        "date",
        "none",
        "The first ferries added event on record is known only as from 2031-02-01 to 2031-02-28, not to the day.",
        [(found[0].figure.assertion_id, "event", "the first event on record")],
    )


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (
            ("2031-03-01", "2031-03-31"),
            (
                "events",
                True,
                "2 ferries added event(s) for harbor are on record 2031-03-01 to 2031-03-31.",
                [(1, "counted", INSIDE), (2, "counted", SAME_EVENT + INSIDE), (3, "counted", INSIDE)],
            ),
        ),
        (
            ("2031-03-05", "2031-03-19"),
            (
                "events",
                False,
                "No ferries added event for harbor is on record 2031-03-05 to 2031-03-19; the record holds 1 "
                "before it and 3 after it.",
                [],
            ),
        ),
        (
            ("2031-02-01", "2031-02-28"),
            (
                "none",
                None,
                "No ferries added event for harbor is on record 2031-02-01 to 2031-02-28, but all 4 on record lie "
                "after it: the record may not cover that time, so whether one happened then is unknown.",
                [],
            ),
        ),
        (
            ("2031-05-01", "2031-05-31"),
            (
                "none",
                None,
                "No ferries added event for harbor is on record 2031-05-01 to 2031-05-31, but all 4 on record lie "
                "before it: the record may not cover that time, so whether one happened then is unknown.",
                [],
            ),
        ),
        (
            ("2031-03-21", "2031-03-31"),
            (
                "none",
                None,
                "1 report(s) on record cover a time that runs over the edge of 2031-03-21 to 2031-03-31 (5 from "
                "2031-03-25 to 2031-04-05), so what happened inside it cannot be told apart.",
                [],
            ),
        ),
    ],
)
def test_existence_of_an_event_says_what_is_on_record(window: tuple[str, str], expected: tuple) -> None:
    reply = existence_reply(events=STRADDLING, points=None, time=period(*window), **common())
    basis, exists, explanation, cited = expected
    assert said(reply) == ("existence", basis, explanation, cited) and reply.exists is exists


def test_another_time_on_one_side_only_leaves_a_gap_unknown_for_counts_too() -> None:
    window = period("2031-02-01", "2031-02-28")  # every event of the harbor's lies after it
    silent = existence_reply(events=STRADDLING, points=None, time=window, **common())
    assert (silent.exists, silent.basis) == (None, "none")
    counted = count_reply(STRADDLING, time=window, **common())
    assert (counted.count, counted.basis) == (None, "none")
    assert "the record may not cover that time" in counted.explanation


def test_existence_needs_an_event_above_zero_and_nothing_on_record_is_unknown() -> None:
    month = report(0, "2031-03-01", "2031-03-31")  # none in all of March
    zero = events_of([month], subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    reply = existence_reply(events=zero, points=None, time=period("2031-03-01", "2031-03-31"), **common())
    assert reply.exists is False and reply.basis == "events"
    assert reply.explanation == "ferries added for harbor is on record as zero 2031-03-01 to 2031-03-31."
    day = events_of([report(0, "2031-03-04")], subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    part = existence_reply(events=day, points=None, time=period("2031-03-01", "2031-03-31"), **common())
    assert (part.exists, part.basis) == (None, "none")  # a zero for 4 March says nothing of the rest of March
    assert "is on record as zero for part of 2031-03-01 to 2031-03-31 only" in part.explanation
    one = events_of([report(1, "2031-03-04")], subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    assert existence_reply(events=one, points=None, time=period("2031-03-01", "2031-03-31"), **common()).exists
    nothing = existence_reply(events=[], points=None, time=period("2031-03-01", "2031-03-31"), **common())
    assert said(nothing) == (
        "existence",
        "none",
        "Nothing on record about ferries added for harbor: whether it happened is unknown.",
        [],
    )


def cited_point(day: str, best: float, basis: str = "reported") -> TimelinePoint:
    found = events_of([report(best, day)], subject="harbor", metric=SAILINGS.key, modality=Modality.actual)
    citations = cite_event(found[0], "level", "the level")
    return msgspec.structs.replace(point(day, best), basis=basis, supporting=citations, conflicting=citations[:0])


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        (
            [cited_point("2031-02-01", 3), cited_point("2031-03-01", 0), cited_point("2031-03-02", 0, "derived")],
            ("derived", False, "ferries in service for harbor is on record as zero on 2031-03-02."),
        ),
        (
            [cited_point("2031-02-28", 0), cited_point("2031-03-01", 1, "derived"), cited_point("2031-03-02", 2)],
            ("derived", True, "ferries in service for harbor stood at 1 on 2031-03-01."),  # the period's first day
        ),
        (
            [cited_point("2031-03-01", 2.5)],
            ("reported", True, "ferries in service for harbor stood at 2.5 on 2031-03-01."),
        ),
        (
            [cited_point("2031-02-28", 4)],  # before the period: not evidence of it
            (
                "none",
                None,
                "Nothing on record about ferries in service for harbor 2031-03-01 to 2031-03-31: whether there was any "
                "is unknown.",
            ),
        ),
    ],
)
def test_existence_of_a_level_is_its_first_value_above_zero_in_the_period(
    points: list[TimelinePoint], expected: tuple[str, bool | None, str]
) -> None:
    reply = existence_reply(
        events=None,
        points=points,
        time=period("2031-03-01", "2031-03-31"),
        metric=FLEET,
        subject="harbor",
        modality=Modality.actual,
    )
    assert (reply.basis, reply.exists, reply.explanation) == expected
    chosen = [p for p in points if p.date.isoformat() in reply.explanation]
    assert reply.supporting == (chosen[0].supporting if chosen else [])


def test_a_figure_bounded_past_a_threshold_is_above_it() -> None:
    # "more than 20" on 12 March: every value it allows is past 20, though its best is 20
    points = [point("2031-03-10", 19), point("2031-03-12", 20, low=20, high=22), point("2031-03-15", 21)]
    reply = threshold_date_reply(
        points,
        time=period("2031-01-01", "2031-12-31"),
        value=20,
        relation="above",
        metric=FLEET,
        subject="harbor",
        modality=Modality.actual,
    )
    assert reply.date == dt.date(2031, 3, 12)


@pytest.mark.parametrize(
    ("value", "relation", "expected"),
    [
        (
            20,
            "at_least",
            (
                "reported",
                "The first day on record that ferries in service for harbor reached 20 is 2031-03-15 (value 20).",
            ),
        ),
        (
            19,
            "equal",
            (
                "reported",
                "The first day on record that ferries in service for harbor put at 19 is 2031-03-10 (value 19).",
            ),
        ),
        (
            22,
            "at_least",
            ("none", "No value on record for ferries in service for harbor 2031-03-01 to 2031-03-31 meets 22."),
        ),
    ],
)
def test_a_threshold_date_says_the_day_and_the_value(value: float, relation: str, expected: tuple[str, str]) -> None:
    reply = threshold_date_reply(
        POINTS,
        time=period("2031-03-01", "2031-03-31"),
        value=value,
        relation=relation,
        metric=FLEET,
        subject="harbor",
        modality=Modality.actual,
    )
    assert (reply.kind, reply.basis, reply.explanation) == ("date", *expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(18, dt.date(2031, 3, 10)), (22, dt.date(2031, 3, 15)), (17.9, None), (22.1, None)],
)
def test_put_at_is_met_on_the_first_day_the_value_lies_within_its_bounds(
    value: float, expected: dt.date | None
) -> None:
    points = [point("2031-03-01", 30, None, None), point("2031-03-10", 19, 18, 20), point("2031-03-15", 21, 20, 22)]
    reply = threshold_date_reply(
        points,
        time=period("2031-03-01", "2031-03-31"),
        value=value,
        relation="equal",
        metric=FLEET,
        subject="harbor",
        modality=Modality.actual,
    )
    assert reply.date == expected


def test_a_threshold_date_skips_a_day_without_a_value_and_carries_the_days_citations() -> None:
    unknown = msgspec.structs.replace(point("2031-03-01", 50), best=None)
    met = cited_point("2031-03-05", 30, "derived")
    reply = threshold_date_reply(
        [unknown, met],
        time=period("2031-03-01", "2031-03-31"),
        value=25,
        relation="at_least",
        metric=FLEET,
        subject="harbor",
        modality=Modality.actual,
    )
    assert (reply.date, reply.basis, reply.supporting, reply.conflicting) == (
        dt.date(2031, 3, 5),
        "derived",
        met.supporting,
        met.conflicting,
    )


def ranged_value(subject: str, best: float, low: float | None, high: float | None) -> Reply:
    return msgspec.structs.replace(value(subject, best), low=low, high=high)


def test_a_sum_adds_the_bounds_and_says_each_part() -> None:
    time = period("2031-03-01", "2031-03-01")
    parts = [ranged_value("harbor", 4, 3, None), ranged_value("bayside", 7, None, 9)]
    total = sum_reply(parts, metric=FLEET, modality=Modality.actual, time=time)
    assert (total.kind, total.basis, total.subject, total.metric, total.unit) == (
        "sum",
        "derived",
        "harbor",
        "ferries",
        "ferries",
    )
    assert (total.low, total.best, total.high) == (10, 11, 13)
    assert total.explanation == "The total is 4 (harbor) + 7 (bayside) = 11. harbor: 4 bayside: 7"
    missing = sum_reply([value("harbor", 4), value("bayside", None)], metric=FLEET, modality=Modality.actual, time=time)
    assert (missing.basis, missing.subject, missing.explanation) == (
        "none",
        "harbor",
        "No answer for bayside, so the total cannot be given. bayside: None",
    )
