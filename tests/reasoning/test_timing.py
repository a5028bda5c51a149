"""Questions and claims name one time as fact-checkers write it: a day, a range, a week, part of a period."""

from __future__ import annotations

import datetime as dt

import pytest

from reasoning.errors import UnparseableClaim, UnparseableQuestion
from reasoning.timing import find_time, find_times
from reasoning.types import Precision

D = dt.date
DAY, MONTH, YEAR, PERIOD = Precision.day, Precision.month, Precision.year, Precision.period
ANCHOR = D(2031, 5, 1)  # the day a question is asked, after every absolute date below

# text, anchor, start, end, precision, rule
TIMES = [
    # ranges between two dates: the end is written in full, the start takes what it leaves out
    ("between 1 June 2024 and 31 March 2025", ANCHOR, D(2024, 6, 1), D(2025, 3, 31), PERIOD, "explicit_between_days"),
    ("between 7 and 20 October 2030", ANCHOR, D(2030, 10, 7), D(2030, 10, 20), PERIOD, "explicit_between_days"),
    ("from 11 to 17 November 2030", ANCHOR, D(2030, 11, 11), D(2030, 11, 17), PERIOD, "explicit_between_days"),
    ("from 4 to 10 March 2030", ANCHOR, D(2030, 3, 4), D(2030, 3, 10), PERIOD, "explicit_between_days"),
    ("3–4 January 2025", ANCHOR, D(2025, 1, 3), D(2025, 1, 4), PERIOD, "explicit_between_days"),
    ("3-4 January 2025", ANCHOR, D(2025, 1, 3), D(2025, 1, 4), PERIOD, "explicit_between_days"),
    ("between the 3rd and the 5th of May 2030", ANCHOR, D(2030, 5, 3), D(2030, 5, 5), PERIOD, "explicit_between_days"),
    ("between 20 and 20 October 2030", ANCHOR, D(2030, 10, 20), D(2030, 10, 20), PERIOD, "explicit_between_days"),
    ("between March and December 2030", ANCHOR, D(2030, 3, 1), D(2030, 12, 31), PERIOD, "explicit_between_months"),
    ("between march and december 2030", ANCHOR, D(2030, 3, 1), D(2030, 12, 31), PERIOD, "explicit_between_months"),
    ("from March 2030 to February 2031", ANCHOR, D(2030, 3, 1), D(2031, 2, 28), PERIOD, "explicit_between_months"),
    ("between February and May 2030", ANCHOR, D(2030, 2, 1), D(2030, 5, 31), PERIOD, "explicit_between_months"),
    ("from January to February 2028", ANCHOR, D(2028, 1, 1), D(2028, 2, 29), PERIOD, "explicit_between_months"),
    ("from December to December 2030", ANCHOR, D(2030, 12, 1), D(2030, 12, 31), PERIOD, "explicit_between_months"),
    ("between November and February 2031", ANCHOR, D(2030, 11, 1), D(2031, 2, 28), PERIOD, "explicit_between_months"),
    (
        "between 21 October and 8 November 2030",
        ANCHOR,
        D(2030, 10, 21),
        D(2030, 11, 8),
        PERIOD,
        "explicit_between_days",
    ),
    (
        "from 20 December 2030 until 16 January 2031",
        ANCHOR,
        D(2030, 12, 20),
        D(2031, 1, 16),
        PERIOD,
        "explicit_between_days",
    ),
    (
        "from 20 December until 16 January 2031",
        ANCHOR,
        D(2030, 12, 20),
        D(2031, 1, 16),
        PERIOD,
        "explicit_between_days",
    ),
    ("between 1 and 29 February 2028", ANCHOR, D(2028, 2, 1), D(2028, 2, 29), PERIOD, "explicit_between_days"),
    ("from 1 March 2030 to June 2030", ANCHOR, D(2030, 3, 1), D(2030, 6, 30), PERIOD, "explicit_between_dates"),
    ("from 31 December to 31 December 2030", ANCHOR, D(2030, 12, 31), D(2030, 12, 31), PERIOD, "explicit_between_days"),
    ("between 2020 and 2022", ANCHOR, D(2020, 1, 1), D(2022, 12, 31), PERIOD, "between_years"),
    ("from 2019 to 2029", ANCHOR, D(2019, 1, 1), D(2029, 12, 31), PERIOD, "between_years"),
    # a range with no year is read against the anchor by its end, as a bare month or day is
    ("between April and June", ANCHOR, D(2030, 4, 1), D(2030, 6, 30), PERIOD, "between_months"),
    ("between 3 and 9 April", ANCHOR, D(2031, 4, 3), D(2031, 4, 9), PERIOD, "between_days"),
    ("from 28 December to 3 January", D(2031, 1, 10), D(2030, 12, 28), D(2031, 1, 3), PERIOD, "between_days"),
    # weeks
    ("the week of 11 to 17 March 2030", ANCHOR, D(2030, 3, 11), D(2030, 3, 17), PERIOD, "explicit_between_days"),
    ("the week from 4 to 10 March 2030", ANCHOR, D(2030, 3, 4), D(2030, 3, 10), PERIOD, "explicit_between_days"),
    ("the week ending 14 April 2030", ANCHOR, D(2030, 4, 8), D(2030, 4, 14), PERIOD, "explicit_week_ending"),
    ("in the week ending 2 March 2028", ANCHOR, D(2028, 2, 25), D(2028, 3, 2), PERIOD, "explicit_week_ending"),
    ("the week to 1 January 2031", ANCHOR, D(2030, 12, 26), D(2031, 1, 1), PERIOD, "explicit_week_ending"),
    ("the week beginning 4 March 2030", ANCHOR, D(2030, 3, 4), D(2030, 3, 10), PERIOD, "explicit_week_beginning"),
    ("the week of 13 March 2030", ANCHOR, D(2030, 3, 11), D(2030, 3, 17), PERIOD, "explicit_week_of"),  # a Wednesday
    ("the week of 11 March 2030", ANCHOR, D(2030, 3, 11), D(2030, 3, 17), PERIOD, "explicit_week_of"),  # a Monday
    ("the week of 17 March 2030", ANCHOR, D(2030, 3, 11), D(2030, 3, 17), PERIOD, "explicit_week_of"),  # a Sunday
    ("the week ending 14 April", ANCHOR, D(2031, 4, 8), D(2031, 4, 14), PERIOD, "week_ending"),
    ("the first week of March 2030", ANCHOR, D(2030, 3, 1), D(2030, 3, 7), PERIOD, "explicit_week_of_month"),
    ("the second week of March 2030", ANCHOR, D(2030, 3, 8), D(2030, 3, 14), PERIOD, "explicit_week_of_month"),
    ("the fourth week of March 2030", ANCHOR, D(2030, 3, 22), D(2030, 3, 28), PERIOD, "explicit_week_of_month"),
    ("the last week of March 2030", ANCHOR, D(2030, 3, 25), D(2030, 3, 31), PERIOD, "explicit_week_of_month"),
    ("the last week of February 2028", ANCHOR, D(2028, 2, 23), D(2028, 2, 29), PERIOD, "explicit_week_of_month"),
    # parts of periods
    ("the first three months of 2024", ANCHOR, D(2024, 1, 1), D(2024, 3, 31), PERIOD, "explicit_first_months"),
    ("the last three months of 2030", ANCHOR, D(2030, 10, 1), D(2030, 12, 31), PERIOD, "explicit_last_months"),
    ("the last one month of 2030", ANCHOR, D(2030, 12, 1), D(2030, 12, 31), PERIOD, "explicit_last_months"),
    ("the first 12 months of 2030", ANCHOR, D(2030, 1, 1), D(2030, 12, 31), PERIOD, "explicit_first_months"),
    ("the first two weeks of March 2030", ANCHOR, D(2030, 3, 1), D(2030, 3, 14), PERIOD, "explicit_first_weeks"),
    ("the last 10 days of February 2028", ANCHOR, D(2028, 2, 20), D(2028, 2, 29), PERIOD, "explicit_last_days"),
    ("the first 29 days of February 2028", ANCHOR, D(2028, 2, 1), D(2028, 2, 29), PERIOD, "explicit_first_days"),
    ("the last 28 days of February 2029", ANCHOR, D(2029, 2, 1), D(2029, 2, 28), PERIOD, "explicit_last_days"),
    ("the first half of 2030", ANCHOR, D(2030, 1, 1), D(2030, 6, 30), PERIOD, "explicit_half_year"),
    ("the second half of 2030", ANCHOR, D(2030, 7, 1), D(2030, 12, 31), PERIOD, "explicit_half_year"),
    ("H2 2030", ANCHOR, D(2030, 7, 1), D(2030, 12, 31), PERIOD, "explicit_half_year"),
    ("the first half of February 2028", ANCHOR, D(2028, 2, 1), D(2028, 2, 15), PERIOD, "explicit_half_month"),
    ("the second half of February 2028", ANCHOR, D(2028, 2, 16), D(2028, 2, 29), PERIOD, "explicit_half_month"),
    ("the last quarter of 2029", ANCHOR, D(2029, 10, 1), D(2029, 12, 31), PERIOD, "explicit_quarter"),
    ("the first quarter of 2030", ANCHOR, D(2030, 1, 1), D(2030, 3, 31), PERIOD, "explicit_quarter"),
    ("Q1 2030", ANCHOR, D(2030, 1, 1), D(2030, 3, 31), PERIOD, "explicit_quarter"),
    ("Q2 2030", ANCHOR, D(2030, 4, 1), D(2030, 6, 30), PERIOD, "explicit_quarter"),
    ("q3 of 2030", ANCHOR, D(2030, 7, 1), D(2030, 9, 30), PERIOD, "explicit_quarter"),
    ("early January 2025", ANCHOR, D(2025, 1, 1), D(2025, 1, 10), PERIOD, "part_of_month"),
    ("mid-January 2025", ANCHOR, D(2025, 1, 11), D(2025, 1, 20), PERIOD, "part_of_month"),
    ("late January 2025", ANCHOR, D(2025, 1, 21), D(2025, 1, 31), PERIOD, "part_of_month"),
    ("mid-2024", ANCHOR, D(2024, 5, 1), D(2024, 8, 31), PERIOD, "part_of_year"),
    ("early 2030", ANCHOR, D(2030, 1, 1), D(2030, 4, 30), PERIOD, "part_of_year"),
    ("the end of October 2030", ANCHOR, D(2030, 10, 31), D(2030, 10, 31), DAY, "end_of_month"),
    ("the start of 2031", ANCHOR, D(2031, 1, 1), D(2031, 1, 1), DAY, "start_of_year"),
    # alternatives: one span covering both, whichever is written first
    ("in 2030 or 2031", ANCHOR, D(2030, 1, 1), D(2031, 12, 31), PERIOD, "either_years"),
    ("in 2031 or 2030", ANCHOR, D(2030, 1, 1), D(2031, 12, 31), PERIOD, "either_years"),
    ("in March or April 2030", ANCHOR, D(2030, 3, 1), D(2030, 4, 30), PERIOD, "explicit_either_months"),
    # bare days and months, and typed lower case, as before
    ("on 12 March", ANCHOR, D(2031, 3, 12), D(2031, 3, 12), DAY, "day_nearest_anchor"),
    ("in March", ANCHOR, D(2031, 3, 1), D(2031, 3, 31), MONTH, "month_not_after_anchor"),
    ("in June", ANCHOR, D(2030, 6, 1), D(2030, 6, 30), MONTH, "month_not_after_anchor"),
    ("1 march 2030", ANCHOR, D(2030, 3, 1), D(2030, 3, 1), DAY, "explicit_day"),
    ("in 2030", ANCHOR, D(2030, 1, 1), D(2030, 12, 31), YEAR, "explicit_year"),
]


@pytest.mark.parametrize(
    ("text", "anchor", "start", "end", "precision", "rule"), TIMES, ids=[f"{row[0]}@{row[1]}" for row in TIMES]
)
def test_a_time_as_fact_checkers_write_it_is_one_span(
    text: str, anchor: dt.date, start: dt.date, end: dt.date, precision: Precision, rule: str
) -> None:
    sentence = f"How many people were displaced {text}?"
    found = find_time(sentence, anchor=anchor, error=UnparseableQuestion)
    assert found is not None
    assert (found.time.start, found.time.end, found.time.precision, found.time.rule) == (start, end, precision, rule)
    assert found.text == text == sentence[found.span[0] : found.span[1]]


@pytest.mark.parametrize(
    "text",
    [
        "between 31 March 2025 and 1 June 2024",
        "from 2031 to 2030",
        "from March 2031 to February 2030",
        "between 20 and 19 October 2030",
    ],
)
def test_a_range_that_ends_before_it_begins_is_refused_with_a_hint_to_write_the_earlier_date_first(
    text: str,
) -> None:
    with pytest.raises(UnparseableClaim) as caught:
        find_time(f"Arrivals fell {text}.", anchor=ANCHOR, error=UnparseableClaim)
    assert "earlier date first" in caught.value.hint


@pytest.mark.parametrize(
    "text",
    [
        "the first 13 months of 2030",
        "the last 29 days of February 2029",
        "the first 0 days of March 2030",
        "between 1 and 29 February 2029",
        "the first two months of March 2030",
    ],
)
def test_a_part_longer_than_its_period_or_a_day_no_month_has_is_refused_with_a_hint(text: str) -> None:
    with pytest.raises(UnparseableQuestion) as caught:
        find_time(f"How many in {text}?", anchor=ANCHOR, error=UnparseableQuestion)
    assert caught.value.hint


def test_two_unrelated_dates_are_refused_by_find_time_and_listed_by_find_times() -> None:
    text = "Vaccination fell from 88 percent in 2019 to 61 percent in 2029."
    with pytest.raises(UnparseableClaim) as caught:
        find_time(text, anchor=ANCHOR, error=UnparseableClaim)
    assert caught.value.hint
    found = find_times(text, anchor=ANCHOR, error=UnparseableClaim)
    assert [(f.text, f.time.start, f.time.end) for f in found] == [
        ("in 2019", D(2019, 1, 1), D(2019, 12, 31)),
        ("in 2029", D(2029, 1, 1), D(2029, 12, 31)),
    ]
    assert all(text[f.span[0] : f.span[1]] == f.text for f in found)


def test_find_times_keeps_a_range_as_one_time_beside_another_date() -> None:
    text = "Between 7 and 20 October 2030 some 1,200 people left, against 900 in 2029."
    found = find_times(text, anchor=ANCHOR, error=UnparseableClaim)
    assert [(f.text, f.time.start, f.time.end, f.time.precision) for f in found] == [
        ("Between 7 and 20 October 2030", D(2030, 10, 7), D(2030, 10, 20), PERIOD),
        ("in 2029", D(2029, 1, 1), D(2029, 12, 31), YEAR),
    ]


@pytest.mark.parametrize(
    ("text", "since_end"),
    [
        # the clause "since" is in hangs on the verb the day dates: the total up to that day (and March is the
        # March before that day, not before the anchor)
        ("On 18 September 2030 Acme announced 900 job cuts, bringing its total since March to 2,100.", D(2030, 9, 18)),
        # a month or a year says no day the total was had on; a date of another clause, one joined by "and"
        # (whichever comes first), a day before the start, or no date leave "since" running to the anchor
        ("In February 2031 Acme announced 400 job cuts, taking its total since March 2030 to 3,200.", ANCHOR),
        ("Acme has cut 2,100 jobs since March 2030, and on 18 September 2030 it closed a plant.", ANCHOR),
        ("On 18 September 2030 Acme closed a plant, and it has cut 2,100 jobs since March 2030.", ANCHOR),
        ("On 18 February 2030 Acme said its job cuts since March 2030 came to 2,100.", ANCHOR),
        ("Acme has cut 2,100 jobs since March 2030.", ANCHOR),
    ],
)
def test_since_runs_up_to_the_date_of_the_clause_it_lies_within(text: str, since_end: dt.date) -> None:
    found = find_times(text, anchor=ANCHOR, error=UnparseableClaim)
    since = next(f for f in found if f.text.startswith("since"))
    assert (since.time.start, since.time.end) == (D(2030, 3, 1), since_end)


@pytest.mark.parametrize(
    "text",
    ["during the 2030–31 fire season", "in the 2030/31 financial year", "in 2030-2031", "in 2030 – 31"],
)
def test_two_years_in_a_row_are_refused_with_the_ways_to_say_them_never_read_as_one_year(text: str) -> None:
    with pytest.raises(UnparseableQuestion) as raised:
        find_times(f"How many hectares burned {text}?", anchor=ANCHOR, error=UnparseableQuestion)
    assert "season or financial year" in raised.value.detail
    assert "between 2030 and 2031" in raised.value.hint


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("in 1990–95", D(1990, 1, 1), D(1995, 12, 31)), ("in 2021-2024", D(2021, 1, 1), D(2024, 12, 31))],
)
def test_a_span_of_more_than_two_years_is_its_calendar_years(text: str, start: dt.date, end: dt.date) -> None:
    (found,) = find_times(f"How many hectares burned {text}?", anchor=ANCHOR, error=UnparseableQuestion)
    assert (found.time.start, found.time.end, found.text) == (start, end, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kenya has deployed 2000-2030 police officers to Haiti.",  # a range of figures, not of years
        "Riverton had some 2000–2040 buses.",
        "Routes 2030-2040 were cut.",  # a name
    ],
)
def test_a_span_of_years_is_a_time_only_after_a_word_of_time(text: str) -> None:
    assert find_times(text, anchor=ANCHOR, error=UnparseableClaim) == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # a dash between two days across years is a range, and the first year is kept
        ("between 2029 and 2031, from 1 March 2030 – 15 April 2031", D(2030, 3, 1), D(2031, 4, 15)),
        ("in 1 March 2030 – 31 March 2031", D(2030, 3, 1), D(2031, 3, 31)),
        ("in 2030-10", D(2030, 10, 1), D(2030, 10, 31)),  # ISO's October 2030
    ],
)
def test_a_dash_after_a_year_is_read_for_what_follows_it(text: str, start: dt.date, end: dt.date) -> None:
    found = find_times(text, anchor=ANCHOR, error=UnparseableClaim)
    assert (found[-1].time.start, found[-1].time.end) == (start, end)


@pytest.mark.parametrize(("text", "says"), [("in 2011-12", "a month"), ("in 1999–00", "season or financial year")])
def test_a_month_or_two_years_that_cannot_be_told_apart_is_refused(text: str, says: str) -> None:
    with pytest.raises(UnparseableClaim) as raised:
        find_times(text, anchor=ANCHOR, error=UnparseableClaim)
    assert says in raised.value.detail


def test_find_times_of_a_sentence_without_a_date_is_empty() -> None:
    assert find_times("Some 900 doctors left.", anchor=ANCHOR, error=UnparseableClaim) == []


@pytest.mark.parametrize(
    "text",
    [
        "Some 1,200 people were displaced.",
        "The clinic lost 900 doctors.",
        "Between 2 and 3 million people were displaced.",
        "Turnout rose from 10 to 20 percent.",
        "Turnout was 58.1 per cent.",
        "Over 2000 people and 2024% growth.",
        "Prices rose 10 percent to 2 million.",
    ],
)
def test_figures_are_not_read_as_dates(text: str) -> None:
    assert find_time(text, anchor=ANCHOR, error=UnparseableClaim) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Some 1,200 people were displaced in March 2030.", "in March 2030"),
        ("From 900 to 1,200 doctors left in 2030.", "in 2030"),
        ("Turnout rose from 10 to 20 percent in 2030.", "in 2030"),
        ("Between 2 and 3 million people were displaced in 2030.", "in 2030"),
        ("Turnout was 58.1 per cent on 4 March 2030.", "on 4 March 2030"),
    ],
)
def test_a_figure_beside_a_date_leaves_the_date_alone(text: str, words: str) -> None:
    found = find_time(text, anchor=ANCHOR, error=UnparseableClaim)
    assert found is not None and found.text == words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How many were evacuated after the second evacuation?", None),
        ("How many were fed on Christmas Eve 2030?", ("on Christmas Eve 2030", D(2030, 12, 24), D(2030, 12, 24))),
        ("How many were fed on Diwali 2030?", ("2030", D(2030, 1, 1), D(2030, 12, 31))),  # a movable feast
        ("How many votes were cast in the 2030 election?", ("2030", D(2030, 1, 1), D(2030, 12, 31))),
    ],
)
def test_event_anchored_times_are_left_unread_or_read_as_the_year_that_stands_alone(
    text: str, expected: tuple[str, dt.date, dt.date] | None
) -> None:
    found = find_time(text, anchor=ANCHOR, error=UnparseableQuestion)
    assert (found and (found.text, found.time.start, found.time.end)) == expected


def test_a_day_no_month_has_among_several_dates_is_refused_as_the_callers_error_naming_the_sentence() -> None:
    text = "Riverton had 300 buses on 31 February 2031 and 280 in March 2031."
    with pytest.raises(UnparseableClaim) as caught:
        find_times(text, anchor=ANCHOR, error=UnparseableClaim)
    assert caught.value.detail == f"the date in {text!r} was not understood: 2031-02-31 is not a real calendar date"
    assert caught.value.extra == {"part": "date", "suggestions": []}
