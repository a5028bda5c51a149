"""The verdict on a whole claim from its parts, and the verdicts on parts that are not a value as of a day."""

from __future__ import annotations

import datetime as dt

import pytest
from msgspec.structs import replace

from reasoning.answers import Answer
from reasoning.claim_checks import change_estimate, judge_existence, judge_first_date, judge_movement, overall_verdict
from reasoning.claims import ClaimPart, Verdict
from reasoning.figures import DEFAULT_FIGURE_SETTINGS
from reasoning.movements import Movement
from reasoning.replies import Reply
from reasoning.types import Modality, Precision, TimeSpan

JULY = TimeSpan(start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 31), precision=Precision.month)

# part verdicts, overall
OVERALL = [
    (["supported"], "supported"),
    (["contradicted"], "contradicted"),
    (["unverifiable"], "unverifiable"),
    (["mixed"], "mixed"),
    (["supported", "supported"], "supported"),
    (["contradicted", "contradicted"], "contradicted"),
    (["supported", "contradicted"], "mixed"),
    (["contradicted", "supported", "supported"], "mixed"),
    (["supported", "mixed"], "mixed"),
    (["contradicted", "unverifiable"], "contradicted"),  # one false part makes the claim false
    (["supported", "unverifiable"], "unverifiable"),  # never true on the strength of half of it
    (["unverifiable", "unverifiable"], "unverifiable"),
    (["supported", "contradicted", "unverifiable"], "mixed"),
]


@pytest.mark.parametrize(("parts", "expected"), OVERALL)
def test_the_overall_verdict_follows_one_rule(parts: list[str], expected: str) -> None:
    verdicts = [Verdict(verdict=v, reason="") for v in parts]  # type: ignore[arg-type]  # table of literals
    labels = [f"“{index}”" for index in range(len(parts))]
    overall = overall_verdict(verdicts, labels)
    assert overall.verdict == expected
    if len(parts) > 1:
        assert all(label in overall.reason for label in labels), "the reason names every part"


# The two ends of a movement are one statement: a contradicted end contradicts it.
MOVEMENT = [
    (["supported", "contradicted"], "contradicted"),
    (["contradicted", "supported"], "contradicted"),
    (["mixed", "contradicted"], "contradicted"),
    (["supported", "mixed"], "mixed"),
    (["supported", "supported"], "supported"),
    (["supported", "unverifiable"], "unverifiable"),
]


@pytest.mark.parametrize(("parts", "expected"), MOVEMENT)
def test_the_ends_of_a_movement_are_judged_as_one_statement(parts: list[str], expected: str) -> None:
    verdicts = [Verdict(verdict=v, reason="") for v in parts]  # type: ignore[arg-type]  # table of literals
    overall = overall_verdict(verdicts, ["“from”", "“to”"], one_statement=True)
    assert overall.verdict == expected
    assert "“from”" in overall.reason and "“to”" in overall.reason


def value(best: float | None, low: float | None = None, high: float | None = None) -> Answer:
    return Answer(
        subject="s",
        metric="m",
        unit="u",
        modality=Modality.actual,
        as_of=dt.date(2024, 1, 1),
        low=best if low is None else low,
        best=best,
        high=best if high is None else high,
        basis="reported" if best is not None else "none",
        steps=[],
        supporting=[],
        conflicting=[],
        merged_events=[],
        newest_evidence_date=None,
        staleness_days=None,
        independent_origins_supporting=0,
        independent_origins_conflicting=0,
        explanation="",
    )


@pytest.mark.parametrize(
    ("start", "end", "direction", "expected"),
    [
        (value(100), value(130), "up", (30, 30, 30)),
        (value(130), value(100), "down", (30, 30, 30)),
        (value(100), value(130), "down", (-30, -30, -30)),
        (value(100, 90, 110), value(130, 120, 140), "up", (10, 30, 50)),
        (value(100, 90, 110), value(130, 120, 140), "down", (-50, -30, -10)),
        (replace(value(100, 90, 110), high=None), value(130, 120, 140), "up", (None, 30, 50)),
    ],
)
def test_a_change_is_the_difference_of_the_two_ends_in_the_direction_claimed(
    start: Answer, end: Answer, direction: str, expected: tuple[float | None, float, float | None]
) -> None:
    estimate = change_estimate(start, end, direction)
    assert estimate is not None
    assert (estimate.low, estimate.best, estimate.high) == expected


def test_a_change_with_an_end_unknown_has_no_estimate() -> None:
    assert change_estimate(value(None), value(130), "up") is None
    assert change_estimate(value(100), value(None), "up") is None


def reply(*, exists: bool | None = None, date: dt.date | None = None) -> Reply:
    return Reply(
        kind="existence",
        subject="s",
        subjects=["s"],
        metric="m",
        unit="u",
        modality=Modality.actual,
        time=JULY,
        as_of=dt.date(2024, 7, 31),
        basis="events" if exists is not None or date is not None else "none",
        explanation="",
        exists=exists,
        date=date,
    )


@pytest.mark.parametrize(("exists", "expected"), [(True, "supported"), (False, "contradicted"), (None, "unverifiable")])
def test_existence_is_judged_by_what_the_record_shows(exists: bool | None, expected: str) -> None:
    assert judge_existence(reply(exists=exists)).verdict == expected


def part(time: TimeSpan, *, named: bool = True) -> ClaimPart:
    return ClaimPart(
        subject="s",
        metric="m",
        predicate=None,
        check="first_date",
        modality=Modality.actual,
        time=time,
        as_of=time.end or dt.date(2024, 7, 31),
        time_text="in July",
        time_named=named,
        subject_span=None,
        metric_span=(0, 1),
        value_span=None,
    )


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        (dt.date(2024, 6, 30), "contradicted"),  # the day before the month
        (dt.date(2024, 7, 1), "supported"),  # its first day
        (dt.date(2024, 7, 31), "supported"),  # its last day
        (dt.date(2024, 8, 1), "contradicted"),  # the day after
        (None, "unverifiable"),
    ],
)
def test_a_first_date_claim_holds_when_the_earliest_event_lies_in_its_time(
    first: dt.date | None, expected: str
) -> None:
    assert judge_first_date(part(JULY), reply(date=first)).verdict == expected


def moved(verb: str, direction: str, factor: float | None = None, relation: str | None = None) -> ClaimPart:
    movement = Movement(verb=verb, direction=direction, factor=factor, relation=relation)  # type: ignore[arg-type]
    return replace(part(JULY), check="movement", direction=direction, stated_movement=movement)


ENDS = (dt.date(2024, 6, 30), dt.date(2024, 7, 31))  # the day before July, and its last day


def earlier(best: float | None, low: float | None = None, high: float | None = None) -> Answer:
    """A value at the first end resting on a report made just before the period."""
    return replace(value(best, low, high), newest_evidence_date=dt.date(2024, 6, 25))


def later(best: float | None, low: float | None = None, high: float | None = None) -> Answer:
    """A value at the second end resting on a report made within the period."""
    return replace(value(best, low, high), newest_evidence_date=dt.date(2024, 7, 20))


@pytest.mark.parametrize(
    ("claimed", "start", "end", "expected"),
    [
        (moved("rose", "up"), earlier(100), later(130), "supported"),
        (moved("rose", "up"), earlier(130), later(100), "contradicted"),
        (moved("rose", "up"), earlier(100), later(100), "contradicted"),  # level: it did not rise
        (moved("rose", "up"), earlier(100, 90, 110), later(105, 95, 115), "unverifiable"),  # margins allow both
        (moved("rose", "up"), replace(earlier(100), high=None), later(130), "unverifiable"),  # "at least 100"
        (moved("rose", "up"), earlier(100), value(130), "unverifiable"),  # nothing reported after the first end
        (
            moved("rose", "up"),
            replace(earlier(100), newest_evidence_date=dt.date(2024, 5, 1)),
            later(130),
            "unverifiable",
        ),
        (moved("fell", "down"), earlier(130), later(100), "supported"),
        (moved("fell", "down"), earlier(100), later(130), "contradicted"),
        (moved("doubled", "up", 2.0, "about"), earlier(100), later(205), "supported"),
        (moved("doubled", "up", 2.0, "about"), earlier(100), later(150), "contradicted"),
        (moved("doubled", "up", 2.0, "about"), earlier(100), later(300), "contradicted"),
        (moved("doubled", "up", 2.0, "about"), earlier(100, 95, 105), later(210, 150, 250), "supported"),  # by best
        (moved("doubled", "up", 2.0, "about"), earlier(100, 95, 105), later(250, 200, 300), "contradicted"),
        (moved("nearly doubled", "up", 2.0, "nearly"), earlier(100), later(190), "supported"),
        (moved("nearly doubled", "up", 2.0, "nearly"), earlier(100), later(210), "contradicted"),  # over twice
        (moved("more than doubled", "up", 2.0, "at_least"), earlier(100), later(350), "supported"),
        (moved("more than doubled", "up", 2.0, "at_least"), earlier(100), later(190), "contradicted"),
        (moved("halved", "down", 0.5, "about"), earlier(300), later(150), "supported"),
        (moved("halved", "down", 0.5, "about"), earlier(300), later(100), "contradicted"),  # a third
        (moved("tripled", "up", 3.0, "about"), earlier(0), later(30), "unverifiable"),  # no ratio from zero
        (moved("rose", "up"), earlier(None), later(130), "unverifiable"),
        (moved("doubled", "up", 2.0, "about"), earlier(100), later(None), "unverifiable"),
    ],
)
def test_a_movement_without_figures_is_judged_on_the_values_at_both_ends(
    claimed: ClaimPart, start: Answer, end: Answer, expected: str
) -> None:
    verdict, answered = judge_movement(claimed, ENDS, start, end, DEFAULT_FIGURE_SETTINGS)
    assert verdict.verdict == expected, verdict.reason
    assert answered.parts == [start, end], "the reply rests on both ends"
    if start.best is None or end.best is None:
        assert "No value on record" in verdict.reason
    elif end.newest_evidence_date is None:
        assert "Nothing was reported between 2024-06-30 and 2024-07-31" in verdict.reason
    elif start.newest_evidence_date == dt.date(2024, 5, 1):  # 60 days before a period of 31
        assert "last reported on 2024-05-01, longer before the period than the period lasts" in verdict.reason


def test_a_movement_a_number_of_times_over_is_reported_as_a_ratio_not_as_the_level() -> None:
    claimed = moved("doubled", "up", 2.0, "about")
    verdict, answered = judge_movement(claimed, ENDS, earlier(100), later(210), DEFAULT_FIGURE_SETTINGS)
    assert (verdict.verdict, answered.best, answered.unit) == ("supported", 2.1, "times")
    assert "2.1 times over" in verdict.reason
    assert "The value was 100 on 2024-06-30 and 210 on 2024-07-31" in answered.explanation
