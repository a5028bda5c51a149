"""Date phrases resolve against the source's date, with the precision the words carry."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reasoning.dates import (
    DatePhrase,
    find_date_phrases,
    parse_date_expression,
    parse_iso_date,
    resolve_relative_date,
)
from reasoning.errors import UnparseableDate
from reasoning.types import Precision, TimeSpan

D = dt.date
DAY, MONTH, YEAR, PERIOD = Precision.day, Precision.month, Precision.year, Precision.period
JAN_20 = D(2025, 1, 20)  # a Monday: the stated date of seed 000
OCT_11 = D(2024, 10, 11)  # a Friday: the inferred date of seed 002
SEP_21 = D(2024, 9, 21)  # a Saturday: the inferred date of seed 004

# phrase, anchor, start, end, precision, rule
RELATIVE = [
    ("on Saturday", JAN_20, D(2025, 1, 18), D(2025, 1, 18), DAY, "weekday_before_anchor"),
    ("Saturday", JAN_20, D(2025, 1, 18), D(2025, 1, 18), DAY, "weekday_before_anchor"),
    ("on Thursday", D(2025, 2, 6), D(2025, 2, 6), D(2025, 2, 6), DAY, "weekday_on_anchor"),
    ("on Friday", OCT_11, OCT_11, OCT_11, DAY, "weekday_on_anchor"),
    ("On Monday", D(2025, 2, 6), D(2025, 2, 3), D(2025, 2, 3), DAY, "weekday_before_anchor"),
    ("last Monday", JAN_20, D(2025, 1, 13), D(2025, 1, 13), DAY, "weekday_before_anchor"),
    ("next Monday", JAN_20, D(2025, 1, 27), D(2025, 1, 27), DAY, "weekday_after_anchor"),
    ("last month", JAN_20, D(2024, 12, 1), D(2024, 12, 31), MONTH, "previous_month"),
    ("Last month", OCT_11, D(2024, 9, 1), D(2024, 9, 30), MONTH, "previous_month"),
    ("this month", JAN_20, D(2025, 1, 1), D(2025, 1, 31), MONTH, "current_month"),
    ("next month", JAN_20, D(2025, 2, 1), D(2025, 2, 28), MONTH, "following_month"),
    ("next month", OCT_11, D(2024, 11, 1), D(2024, 11, 30), MONTH, "following_month"),
    ("last year", JAN_20, D(2024, 1, 1), D(2024, 12, 31), YEAR, "previous_year"),
    ("this year", JAN_20, D(2025, 1, 1), D(2025, 12, 31), YEAR, "current_year"),
    ("next year", JAN_20, D(2026, 1, 1), D(2026, 12, 31), YEAR, "following_year"),
    ("in June", JAN_20, D(2024, 6, 1), D(2024, 6, 30), MONTH, "month_not_after_anchor"),
    ("in June", OCT_11, D(2024, 6, 1), D(2024, 6, 30), MONTH, "month_not_after_anchor"),
    ("in December", D(2025, 1, 1), D(2024, 12, 1), D(2024, 12, 31), MONTH, "month_not_after_anchor"),
    ("in January", JAN_20, D(2025, 1, 1), D(2025, 1, 31), MONTH, "month_not_after_anchor"),
    ("since June", OCT_11, D(2024, 6, 1), OCT_11, PERIOD, "since_month"),
    ("since 2016", SEP_21, D(2016, 1, 1), SEP_21, PERIOD, "since_year"),
    ("late January", D(2025, 1, 1), D(2025, 1, 21), D(2025, 1, 31), PERIOD, "part_of_month_nearest_anchor"),
    ("In late January", D(2025, 2, 6), D(2025, 1, 21), D(2025, 1, 31), PERIOD, "part_of_month_nearest_anchor"),
    ("late January", D(2024, 12, 20), D(2025, 1, 21), D(2025, 1, 31), PERIOD, "part_of_month_nearest_anchor"),
    ("early December", OCT_11, D(2024, 12, 1), D(2024, 12, 10), PERIOD, "part_of_month_nearest_anchor"),
    ("mid-March", JAN_20, D(2025, 3, 11), D(2025, 3, 20), PERIOD, "part_of_month_nearest_anchor"),
    ("last week", JAN_20, D(2025, 1, 13), D(2025, 1, 19), PERIOD, "previous_week"),
    ("Last week", OCT_11, D(2024, 9, 30), D(2024, 10, 6), PERIOD, "previous_week"),
    ("this week", D(2025, 2, 6), D(2025, 2, 3), D(2025, 2, 9), PERIOD, "current_week"),
    ("in recent days", D(2025, 2, 6), D(2025, 1, 30), D(2025, 2, 6), PERIOD, "recent_days"),
    ("earlier this year", SEP_21, D(2024, 1, 1), SEP_21, PERIOD, "earlier_this_year"),
    ("yesterday", JAN_20, D(2025, 1, 19), D(2025, 1, 19), DAY, "yesterday"),
    ("today", JAN_20, JAN_20, JAN_20, DAY, "today"),
    ("in September 2024", JAN_20, D(2024, 9, 1), D(2024, 9, 30), MONTH, "explicit_month"),
    ("in 2024", JAN_20, D(2024, 1, 1), D(2024, 12, 31), YEAR, "explicit_year"),
    ("between April and June", SEP_21, D(2024, 4, 1), D(2024, 6, 30), PERIOD, "between_months"),
    ("between November and February", D(2025, 3, 5), D(2024, 11, 1), D(2025, 2, 28), PERIOD, "between_months"),
    ("in the coming weeks", SEP_21, SEP_21, D(2024, 11, 2), PERIOD, "coming_weeks"),
    ("the past year", JAN_20, D(2024, 1, 20), JAN_20, PERIOD, "trailing_year"),
    ("Jan 20", D(2025, 1, 22), JAN_20, JAN_20, DAY, "day_nearest_anchor"),
    ("Dec 31", JAN_20, D(2024, 12, 31), D(2024, 12, 31), DAY, "day_nearest_anchor"),
    ("on Christmas Eve", JAN_20, D(2024, 12, 24), D(2024, 12, 24), DAY, "day_nearest_anchor"),
    ("on New Year's Day", D(2024, 12, 28), D(2025, 1, 1), D(2025, 1, 1), DAY, "day_nearest_anchor"),
]


@pytest.mark.parametrize(
    ("phrase", "anchor", "start", "end", "precision", "rule"),
    RELATIVE,
    ids=[f"{row[0]}@{row[1]}" for row in RELATIVE],
)
def test_relative_phrases_resolve_against_the_source_date(
    phrase: str, anchor: dt.date, start: dt.date, end: dt.date, precision: Precision, rule: str
) -> None:
    assert resolve_relative_date(phrase, anchor) == TimeSpan(start=start, end=end, precision=precision, rule=rule)


def test_saturday_in_a_text_dated_monday_20_january_is_18_january() -> None:
    assert resolve_relative_date("on Saturday", JAN_20).start == D(2025, 1, 18)


def test_a_text_dated_1_january_that_speaks_of_late_january_points_past_its_own_date() -> None:
    span = resolve_relative_date("In late January", D(2025, 1, 1))
    assert span.start is not None and span.start > D(2025, 1, 1)


@pytest.mark.parametrize(
    "phrase",
    [
        "on Saturday",
        "last month",
        "next month",
        "in June",
        "since June",
        "late January",
        "today",
        "last week",
        "in the coming weeks",
        "earlier this year",
        "between April and June",
        "Jan 20",
        "between 7 and 20 October",
        "from 20 December until 16 January",
        "the week ending 14 April",
        "in March or April",
    ],
)
def test_a_relative_phrase_without_an_anchor_stays_unknown(phrase: str) -> None:
    assert resolve_relative_date(phrase, None) == TimeSpan(
        start=None, end=None, precision=Precision.unknown, rule="relative_without_anchor"
    )


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("in September 2024", D(2024, 9, 1), D(2024, 9, 30), MONTH),
        ("2024", D(2024, 1, 1), D(2024, 12, 31), YEAR),
        ("20 January 2025", JAN_20, JAN_20, DAY),
        ("between 2020 and 2022", D(2020, 1, 1), D(2022, 12, 31), PERIOD),
        ("mid-2024", D(2024, 5, 1), D(2024, 8, 31), PERIOD),
        ("between 7 and 20 October 2030", D(2030, 10, 7), D(2030, 10, 20), PERIOD),
        ("from 20 December until 16 January 2031", D(2030, 12, 20), D(2031, 1, 16), PERIOD),
        ("the week ending 14 April 2030", D(2030, 4, 8), D(2030, 4, 14), PERIOD),
        ("the last quarter of 2029", D(2029, 10, 1), D(2029, 12, 31), PERIOD),
        ("on Christmas Eve 2030", D(2030, 12, 24), D(2030, 12, 24), DAY),
        ("Boxing Day 2030", D(2030, 12, 26), D(2030, 12, 26), DAY),
        ("on New Year’s Eve, 2030", D(2030, 12, 31), D(2030, 12, 31), DAY),
    ],
)
def test_an_absolute_phrase_needs_no_anchor(phrase: str, start: dt.date, end: dt.date, precision: Precision) -> None:
    span = resolve_relative_date(phrase, None)
    assert (span.start, span.end, span.precision) == (start, end, precision)


# --- questions -----------------------------------------------------------------------------------------

QUESTION_DATES = [
    ("20 January 2025", JAN_20, JAN_20, DAY, "explicit_day"),
    ("on 20 January 2025", JAN_20, JAN_20, DAY, "explicit_day"),
    ("as of Jan 20, 2025", JAN_20, JAN_20, DAY, "explicit_day"),
    ("as of january 20, 2025", JAN_20, JAN_20, DAY, "explicit_day"),
    ("January 20, 2025", JAN_20, JAN_20, DAY, "explicit_day"),
    ("the 20th of January 2025", JAN_20, JAN_20, DAY, "explicit_day"),
    ("Monday, 20 January 2025", JAN_20, JAN_20, DAY, "explicit_day"),
    ("2025-01-20", JAN_20, JAN_20, DAY, "explicit_day"),
    ("in September 2024", D(2024, 9, 1), D(2024, 9, 30), MONTH, "explicit_month"),
    ("2024", D(2024, 1, 1), D(2024, 12, 31), YEAR, "explicit_year"),
    ("at the end of 2024", D(2024, 12, 31), D(2024, 12, 31), DAY, "end_of_year"),
    ("the start of 2025", D(2025, 1, 1), D(2025, 1, 1), DAY, "start_of_year"),
    ("at the end of January 2025", D(2025, 1, 31), D(2025, 1, 31), DAY, "end_of_month"),
]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "rule"), QUESTION_DATES, ids=[row[0] for row in QUESTION_DATES]
)
def test_questions_name_dates_in_absolute_forms(
    text: str, start: dt.date, end: dt.date, precision: Precision, rule: str
) -> None:
    assert parse_date_expression(text) == TimeSpan(start=start, end=end, precision=precision, rule=rule)


def test_today_in_a_question_is_the_given_today() -> None:
    assert parse_date_expression("today", today=JAN_20) == TimeSpan(
        start=JAN_20, end=JAN_20, precision=DAY, rule="today"
    )


def test_today_without_a_current_date_is_refused_with_a_hint() -> None:
    with pytest.raises(UnparseableDate) as caught:
        parse_date_expression("today")
    assert "2031-03-01" in caught.value.hint


@pytest.mark.parametrize("text", ["", "soon", "the other day", "31 February 2025", "Smarch 2024", "in recent years"])
def test_what_is_not_a_date_is_refused_with_a_hint(text: str) -> None:
    with pytest.raises(UnparseableDate) as caught:
        resolve_relative_date(text, JAN_20)
    assert caught.value.hint


# --- ISO dates -----------------------------------------------------------------------------------------


def test_an_iso_date_is_read() -> None:
    assert parse_iso_date("2025-01-20") == JAN_20


@pytest.mark.parametrize("text", ["20/01/2025", "2025-1-20", "20250120", "2025-02-30", "January 20, 2025", ""])
def test_anything_but_an_iso_date_is_refused_with_a_hint(text: str) -> None:
    with pytest.raises(UnparseableDate) as caught:
        parse_iso_date(text)
    assert caught.value.hint


# --- finding date phrases ------------------------------------------------------------------------------

FOUND = [
    (
        "seed_000",
        "Their arrival at Port-au-Prince airport on Saturday will join the 400 Kenyan officers deployed last "
        "year. Kenya began sending troops to Haiti in June. The UN Security Council renewed the MSS mission "
        "in September 2024, for another year.",
        ["on Saturday", "last year", "in June", "in September 2024"],
    ),
    (
        "seed_001",
        "Nairobi previously sent 400 officers in December and over 200 last month. Last year, at least 5,601 "
        "people were killed, a thousand more than in 2023. In late January, the secretary-general warned.",
        ["in December", "last month", "Last year", "in 2023", "In late January"],
    ),
    (
        "seed_004",
        "with an estimated 80% under gang control since the 2021 assassination. The U.N. reported that "
        "between April and June alone, over 1,379 people were killed. Forces deployed earlier this year; "
        "the first general election since 2016, a full operation by 2025, in the coming weeks.",
        ["2021", "between April and June", "earlier this year", "since 2016", "2025", "in the coming weeks"],
    ),
    (
        "absolute_days",
        "As of 20 January 2025 and on Jan 20, and again on January 20, 2025, and 2025-01-20.",
        ["As of 20 January 2025", "on Jan 20", "on January 20, 2025", "2025-01-20"],
    ),
    (
        "ranges_are_one_phrase",
        "Between 7 and 20 October 2030 and from 20 December 2030 until 16 January 2031, then 3–4 January 2025, "
        "in 2030 or 2031, the week ending 14 April 2030, Q1 2030 and the first half of 2030.",
        [
            "Between 7 and 20 October 2030",
            "from 20 December 2030 until 16 January 2031",
            "3–4 January 2025",
            "in 2030 or 2031",
            "the week ending 14 April 2030",
            "Q1 2030",
            "the first half of 2030",
        ],
    ),
    (
        "calendar_holidays",
        "Crews arrived on Christmas Eve 2030 and left on New Year's Day; Christmas shopping and a Day of Action "
        "are no dates.",
        ["on Christmas Eve 2030", "on New Year's Day"],
    ),
    (
        "figures_around_dates_are_not_dates",
        "It fell from 88 percent in 2019 to 61 percent in 2029; from 10 to 20 percent; 1,200 or 900 doctors; "
        "the 2030–31 fire season.",
        ["in 2019", "in 2029", "2030–31"],  # a split year is a date phrase (refused when read), no figure
    ),
    (
        "verbs_and_counts_are_not_dates",
        "The count may rise within weeks; over 2000 people and 2024% growth; at 10:30 the 21st unit left.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "phrases"), [row[1:] for row in FOUND], ids=[row[0] for row in FOUND])
def test_find_date_phrases_finds_every_date_in_text_order(text: str, phrases: list[str]) -> None:
    found = find_date_phrases(text)
    assert [p.phrase for p in found] == phrases
    assert all(text[p.start : p.end] == p.phrase for p in found)


def test_every_found_phrase_resolves() -> None:
    text = FOUND[0][1] + " " + FOUND[1][1] + " " + FOUND[2][1]
    for phrase in find_date_phrases(text):
        assert resolve_relative_date(phrase.phrase, JAN_20).precision is not Precision.unknown


def test_a_found_phrase_carries_its_offsets() -> None:
    assert find_date_phrases("Arrived on Saturday.") == [DatePhrase(start=8, end=19, phrase="on Saturday")]


# --- properties ----------------------------------------------------------------------------------------

anchors = st.dates(min_value=D(1901, 1, 1), max_value=D(2098, 12, 31))
weekday_names = st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
month_names = st.sampled_from(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)


@given(anchors)
def test_an_iso_date_round_trips(day: dt.date) -> None:
    assert parse_iso_date(day.isoformat()) == day


@given(anchors, weekday_names)
def test_a_named_weekday_is_that_weekday_within_the_week_ending_on_the_anchor(anchor: dt.date, name: str) -> None:
    span = resolve_relative_date(f"on {name}", anchor)
    assert span.start == span.end and span.start is not None
    assert span.start.strftime("%A") == name
    assert 0 <= (anchor - span.start).days <= 6


@given(anchors, month_names)
def test_a_bare_month_is_never_after_the_anchor_and_within_a_year_of_it(anchor: dt.date, name: str) -> None:
    span = resolve_relative_date(f"in {name}", anchor)
    assert span.start is not None and span.end is not None
    assert span.start <= anchor and (anchor - span.start).days < 366
    assert span.start.strftime("%B") == name and span.end.month == span.start.month


@given(anchors)
def test_last_month_is_the_whole_calendar_month_before_the_anchor_month(anchor: dt.date) -> None:
    span = resolve_relative_date("last month", anchor)
    assert span.start is not None and span.end is not None
    assert span.start.day == 1 and (span.end + dt.timedelta(days=1)) == anchor.replace(day=1)


@given(
    anchors,
    st.sampled_from(
        [
            "last week",
            "this week",
            "in recent days",
            "earlier this year",
            "since June",
            "late March",
            "between April and June",
            "in the coming weeks",
            "the past month",
            "next year",
        ]
    ),
)
def test_every_resolved_span_starts_on_or_before_it_ends(anchor: dt.date, phrase: str) -> None:
    span = resolve_relative_date(phrase, anchor)
    assert span.start is not None and span.end is not None and span.start <= span.end


@given(anchors, st.integers(min_value=1, max_value=28), st.integers(min_value=0, max_value=27), month_names)
def test_a_range_of_days_in_one_month_starts_on_its_first_day_and_ends_on_its_last(
    anchor: dt.date, first: int, length: int, month: str
) -> None:
    last = min(first + length, 28)
    span = resolve_relative_date(f"between {first} and {last} {month} {anchor.year}", anchor)
    assert span.start is not None and span.end is not None
    assert (span.start.day, span.end.day, span.start.month) == (first, last, span.end.month)
    assert (span.end - span.start).days == last - first


@given(anchors)
def test_a_range_without_a_year_ends_on_the_day_its_end_names_read_against_the_anchor(anchor: dt.date) -> None:
    span = resolve_relative_date("between 1 and 12 March", anchor)
    assert span.end == resolve_relative_date("12 March", anchor).start
    assert span.start is not None and span.end is not None and (span.end - span.start).days == 11
