"""Conflicts: totals against their parts, disjoint values, denials and contradicted dates, never rounding."""

from __future__ import annotations

import datetime as dt
import time
from functools import cache
from pathlib import Path

import msgspec
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reasoning.conflicts import DEFAULT_CONFLICT_SETTINGS, Conflict, find_conflicts, stated_date_evidence
from reasoning.evidence import Evidence, MetricInfo, SourceDateInfo
from reasoning.figures import interval_for
from reasoning.types import DateBasis, Interval, MetricKind, Modality, Precision
from tests.reasoning.test_answers import (
    ADDED,
    FLEET,
    RETIRED,
    bus,
    curated_ids,
    seed_evidence,
    seed_metrics,
    seed_sources,
)

TEXTS = Path(__file__).resolve().parents[2] / "seeds" / "texts"


@cache
def seed_source_dates() -> tuple[SourceDateInfo, ...]:
    infos = []
    for file_name, item in seed_sources().items():
        with open(TEXTS / file_name, encoding="utf-8", newline="") as handle:
            text = handle.read()
        infos.append(
            SourceDateInfo(
                source_id=int(file_name[:3]),
                title=item["title"],
                stated_date=dt.date.fromisoformat(item["stated_date"]) if item["stated_date"] else None,
                date_used=dt.date.fromisoformat(item["date_used"]) if item["date_used"] else None,
                date_basis=DateBasis(item["date_basis"]),
                date_reason=item["date_reason"],
                flags=item["flags"],
                text=text,
            )
        )
    return tuple(infos)


@cache
def seed_conflicts() -> tuple[Conflict, ...]:
    return tuple(
        find_conflicts(evidence=seed_evidence()[0], metrics=list(seed_metrics().values()), sources=seed_source_dates())
    )


def of_kind(kind: str) -> list[Conflict]:
    return [c for c in seed_conflicts() if c.kind == kind]


def roles(conflict: Conflict) -> dict[str, str]:
    return {key: c.role for c in conflict.citations for key in curated_ids([c])}


# --- the seed corpus -----------------------------------------------------------------------------------------


def test_the_seed_corpus_yields_exactly_totals_against_parts_a_contradicted_date_and_a_denial() -> None:
    assert {c.kind for c in seed_conflicts()} == {"total_vs_parts", "date_contradiction", "denial"}


def test_around_1000_is_listed_against_the_sum_of_arrivals_with_its_reason() -> None:
    (conflict,) = [c for c in of_kind("total_vs_parts") if roles(c).get("001-level-around-1000") == "total"]
    assert {"000-level-400-2024", "000-arrival-217", "001-arrival-144"} <= {
        k for k, r in roles(conflict).items() if r == "part"
    }
    assert "around 1,000" in conflict.reason and "= 761 (721–801)" in conflict.reason
    assert conflict.time is not None and conflict.time.start == dt.date(2025, 2, 6)


def test_the_odd_december_arrival_is_listed_against_the_level_of_2024() -> None:
    (conflict,) = [c for c in of_kind("total_vs_parts") if roles(c).get("000-level-400-2024") == "total"]
    assert roles(conflict) == {
        "000-level-400-2024": "total",
        "004-level-400": "part",
        "001-arrival-400-december": "part",
    }
    assert "= 800" in conflict.reason


def test_the_stated_date_of_001_is_contradicted_by_its_own_late_january() -> None:
    (conflict,) = of_kind("date_contradiction")
    assert conflict.source_id == 1
    (phrase,) = conflict.date_evidence
    text = next(s.text for s in seed_source_dates() if s.source_id == 1)
    assert text is not None and text[phrase.start : phrase.end] == phrase.phrase == "In late January"
    assert "2025-01-01" in conflict.reason and "2025-02-06" in conflict.reason and "In late January" in conflict.reason


def test_the_resignations_reuters_reported_and_the_mss_denied_are_one_denial() -> None:
    (conflict,) = of_kind("denial")
    assert roles(conflict) == {
        "000-resignations-reuters": "asserts",
        "003-resignations-reuters": "asserts",
        "000-resignations-denied": "denies",
        "003-resignations-denied": "denies",
    }
    assert "Reuters" in conflict.reason and "the MSS" in conflict.reason and "nearly 20" in conflict.reason


def test_headline_200_beside_body_217_is_not_a_conflict() -> None:
    ids = seed_evidence()[1]
    arrivals = [
        e
        for e in seed_evidence()[0]
        if e.assertion_id in {ids["000-arrival-217"], ids["003-arrival-217"], ids["003-arrival-200-headline"]}
    ]
    assert find_conflicts(evidence=arrivals, metrics=list(seed_metrics().values()), sources=[]) == []
    accused = {k for c in seed_conflicts() for k, role in roles(c).items() if role not in ("part", "dated_by_source")}
    assert "003-arrival-200-headline" not in accused


def test_correctly_dated_seed_texts_raise_no_date_alarm() -> None:
    assert [c.source_id for c in of_kind("date_contradiction")] == [1]


# --- a second topic: a city's bus fleet ------------------------------------------------------------------

METRICS = [
    FLEET,
    ADDED,
    RETIRED,
    MetricInfo(key="buses-withdrawn", name="Buses withdrawn", unit="buses", kind=MetricKind.flow),
]
ZERO = Interval(low=0, best=0, high=0, rule="denial")


def conflicts_of(evidence: list[Evidence], sources: list[SourceDateInfo] | None = None) -> list[tuple[str, list[int]]]:
    found = find_conflicts(evidence=evidence, metrics=METRICS, sources=sources or [])
    return [(c.kind, sorted(x.assertion_id for x in c.citations)) for c in found]


BUS_CASES = [
    pytest.param(
        [
            bus(1, "300", "2023-03-01", "2023-03-31"),
            bus(2, "42", "2023-04-12", metric="buses-added"),
            bus(3, "about 500", "2023-04-12"),
        ],
        [("total_vs_parts", [1, 2, 3])],
        id="a-total-far-above-level-plus-that-days-arrival",
    ),
    pytest.param(
        [
            bus(1, "300", "2023-03-01", "2023-03-31"),
            bus(2, "42", "2023-04-12", metric="buses-added"),
            bus(3, "about 500", "2023-06-30"),
        ],
        [],
        id="a-later-total-may-count-arrivals-no-one-reported",
    ),
    pytest.param([bus(1, "300", "2023-03-31"), bus(2, "312", "2023-03-31")], [], id="rounding-is-no-conflict"),
    pytest.param(
        [bus(1, "exactly 300", "2023-03-31"), bus(2, "250", "2023-03-31")],
        [("disjoint_values", [1, 2])],
        id="two-outlets-disagree-on-the-same-day",
    ),
    pytest.param([bus(1, "300", "2020-03-31"), bus(2, "500", "2025-03-31")], [], id="a-level-that-grew-over-years"),
    pytest.param(
        [bus(1, "200", "2023-07-31"), bus(2, "400", "2023-01-01", "2023-12-31", precision=Precision.year)],
        [],
        id="a-mid-year-level-beside-the-year-end-level",
    ),
    pytest.param(
        [bus(1, "20", "2023-04-03", metric="buses-added"), bus(2, "42", "2023-04-12", metric="buses-added")],
        [],
        id="two-arrivals-in-one-month-are-two-events",
    ),
    pytest.param(
        [
            bus(1, "12", "2023-05-01", "2023-05-31", metric="buses-withdrawn", claimant="the drivers' union"),
            bus(
                2,
                "no",
                "2023-05-01",
                "2023-05-31",
                metric="buses-withdrawn",
                claimant="the mayor's office",
                interval=ZERO,
            ),
        ],
        [("denial", [1, 2])],
        id="the-mayor-denies-what-the-union-reports",
    ),
    pytest.param(
        [
            bus(1, "12", "2023-05-01", "2023-05-31", metric="buses-withdrawn"),
            bus(2, "0", "2023-05-01", "2023-05-31", metric="buses-withdrawn"),
        ],
        [("disjoint_values", [1, 2])],
        id="zero-against-twelve-unattributed-is-disjoint-values",
    ),
    pytest.param(
        [
            bus(1, "15", "2022-01-01", "2022-12-31", metric="buses-retired", precision=Precision.year),
            bus(2, "40", "2023-01-01", "2023-12-31", metric="buses-retired", precision=Precision.year),
        ],
        [],
        id="counts-for-different-years-do-not-compare",
    ),
    pytest.param(
        [bus(1, "300", "2023-03-31", modality=Modality.pledged), bus(2, "exactly 120", "2023-03-31")],
        [],
        id="a-pledge-is-not-compared-with-the-actual-fleet",
    ),
]


@pytest.mark.parametrize(("evidence", "expected"), BUS_CASES)
def test_bus_fleet_conflicts_are_found_the_same_way(
    evidence: list[Evidence], expected: list[tuple[str, list[int]]]
) -> None:
    assert conflicts_of(evidence) == expected


def dated(text: str, stated: str, *, flags: list[str] | None = None, reason: str | None = None) -> SourceDateInfo:
    return SourceDateInfo(
        source_id=7,
        title="Riverton buses",
        stated_date=dt.date.fromisoformat(stated),
        date_used=None,
        date_basis=DateBasis.stated,
        date_reason=reason,
        flags=flags or [],
        text=text,
    )


DATE_CASES = [
    pytest.param(
        "In late March, the council voted to buy 40 buses.",
        "2023-03-02",
        ["In late March"],
        id="late-march-in-a-text-dated-the-second-of-march",
    ),
    pytest.param(
        "The council will buy 40 buses in late March.", "2023-03-02", [], id="a-plan-for-late-march-is-no-contradiction"
    ),
    pytest.param(
        "The council will buy 40 buses next month.", "2023-03-02", [], id="next-month-is-the-future-by-meaning"
    ),
    pytest.param(
        "The fleet reached 300 on 20 January 2024.",
        "2023-03-02",
        [],
        id="an-explicit-date-is-not-read-against-the-stated-one",
    ),
    pytest.param(
        "On Saturday, 42 buses arrived; last month 10 were retired.", "2023-03-02", [], id="past-phrases-fit-the-date"
    ),
]


@pytest.mark.parametrize(("text", "stated", "phrases"), DATE_CASES)
def test_a_stated_date_is_contradicted_only_by_past_events_after_it(text: str, stated: str, phrases: list[str]) -> None:
    found = find_conflicts(evidence=[], metrics=METRICS, sources=[dated(text, stated)])
    assert [p.phrase for c in found for p in c.date_evidence] == phrases
    assert [c.kind for c in found] == ["date_contradiction"] * bool(phrases)


def test_an_editors_flag_alone_lists_the_date_contradiction_with_the_editors_reason() -> None:
    source = dated(
        "No dates here.", "2023-03-02", flags=["stated_date_contradicted"], reason="the text reports the May vote"
    )
    (conflict,) = find_conflicts(evidence=[bus(1, "300", "2023-03-31", source_id=7)], metrics=METRICS, sources=[source])
    assert conflict.kind == "date_contradiction" and "the May vote" in conflict.reason
    assert [(c.assertion_id, c.role) for c in conflict.citations] == [(1, "dated_by_source")]


@given(
    hundreds=st.integers(1, 99), permille=st.integers(-100, 100), metric=st.sampled_from(["fleet-size", "buses-added"])
)
def test_a_round_figure_never_conflicts_with_an_exact_one_inside_its_band(
    hundreds: int, permille: int, metric: str
) -> None:
    round_figure = hundreds * 100
    exact = round_figure + round_figure * permille // 1000  # within ±10% of a bare round figure (1 or 2 digits)
    evidence = [
        bus(1, "round", "2023-04-12", metric=metric, interval=interval_for(round_figure, "none")),
        bus(2, "exact", "2023-04-12", metric=metric, interval=interval_for(exact, "exact")),
    ]
    assert find_conflicts(evidence=evidence, metrics=METRICS, sources=[]) == []


# --- date evidence stored at ingest, bounded, read in linear time -------------------------------------------------


def test_stored_date_evidence_is_listed_without_reading_the_text() -> None:
    (phrase,) = stated_date_evidence(dated("In late March, the council voted to buy 40 buses.", "2023-03-02"))
    stored = msgspec.structs.replace(dated("", "2023-03-02"), text=None, date_evidence=[phrase])
    (conflict,) = find_conflicts(evidence=[], metrics=METRICS, sources=[stored])
    assert conflict.date_evidence == [phrase] and "late March" in conflict.reason


def test_a_text_repeating_a_contradicted_date_keeps_only_the_first_phrases_as_evidence() -> None:
    text = "In late March, the council voted to buy 40 buses. " * 100
    found = stated_date_evidence(dated(text, "2023-03-02"))
    assert len(found) == DEFAULT_CONFLICT_SETTINGS.max_date_evidence
    assert [p.start for p in found] == sorted(p.start for p in found) and found[0].start == 0


def test_a_long_text_of_dated_paragraphs_is_checked_in_linear_time() -> None:
    # Reading the sentence around each phrase once searched from the text's start: quadratic in the text.
    paragraph = "On Monday, 40 buses arrived in 2024. Officials said more than 2000 people waited in late March.\n"
    unlimited = msgspec.structs.replace(DEFAULT_CONFLICT_SETTINGS, max_date_evidence=1_000_000)

    def seconds(size: int) -> float:
        started = time.perf_counter()
        stated_date_evidence(dated((paragraph * (size // len(paragraph) + 1))[:size], "2023-03-02"), unlimited)
        return time.perf_counter() - started

    small, large = seconds(25_000), seconds(250_000)
    assert large < 20 * small + 0.5, (small, large)
