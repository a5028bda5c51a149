"""Values as of a date: reported levels, levels carried forward by flows, and one event counted once."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reasoning.answers import Answer, AnswerSettings, answer_value_as_of
from reasoning.events import merge_events
from reasoning.evidence import Evidence, MetricInfo
from reasoning.figures import interval_for, parse_figure
from reasoning.timeline import build_timeline
from reasoning.types import Interval, MetricKind, Modality, Precision, TimeSpan
from reasoning.wording import format_interval

CURATED = Path(__file__).resolve().parents[2] / "seeds" / "curated"
RECORDED = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)


# --- the curated seed assertions as evidence (tests may read files; reasoning/ never does) ----------------


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cache
def seed_sources() -> dict[str, dict[str, Any]]:
    return {item["file"]: item for item in json.loads((CURATED / "sources.json").read_text(encoding="utf-8"))}


def seed_source_id(file_name: str) -> int:
    return int(file_name[:3])  # "001_…txt" is source 1, so messages read "source 1" for file 001


@cache
def seed_evidence() -> tuple[tuple[Evidence, ...], dict[str, int]]:
    """Every curated assertion as Evidence (assertion ids in file order), and curated id -> assertion id."""
    items = json.loads((CURATED / "assertions.json").read_text(encoding="utf-8"))
    evidence: list[Evidence] = []
    ids: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        source = seed_sources()[item["source"]]
        given_interval = item["interval"]
        interval = Interval(**given_interval) if given_interval else parse_figure(item["value_text"]).interval
        time = item["time"]
        evidence.append(
            Evidence(
                assertion_id=number,
                source_id=seed_source_id(item["source"]),
                source_title=source["title"],
                source_date=_date(source["date_used"]),
                subject=item["subject"],
                metric=item["metric"],
                value_text=item["value_text"],
                interval=interval,
                modality=Modality(item["modality"]),
                time=TimeSpan(
                    start=_date(time["start"]), end=_date(time["end"]), precision=Precision(time["precision"])
                ),
                claimant=item["claimant"],
                quote=item["quote"],
                quote_start=item["quote_start"],
                quote_end=item["quote_end"],
                recorded_at=RECORDED,
            )
        )
        ids[item["id"]] = number
    return tuple(evidence), ids


@cache
def seed_metrics() -> dict[str, MetricInfo]:
    vocabulary = json.loads((CURATED / "vocabulary.json").read_text(encoding="utf-8"))
    return {
        m["key"]: MetricInfo(key=m["key"], name=m["name"], unit=m["unit"], kind=MetricKind(m["kind"]), feeds=m["feeds"])
        for m in vocabulary["metrics"]
    }


def curated_ids(citations: list[Any]) -> set[str]:
    by_number = {number: key for key, number in seed_evidence()[1].items()}
    return {by_number[c.assertion_id] for c in citations}


def ask_seeds(as_of: str, modality: Modality = Modality.actual) -> Answer:
    metrics = seed_metrics()
    return answer_value_as_of(
        subject="kenyan-police-contingent",
        metric=metrics["personnel"],
        flows=[metrics["personnel-arrivals"]],
        evidence=seed_evidence()[0],
        as_of=dt.date.fromisoformat(as_of),
        modality=modality,
    )


# --- the editor's acceptance questions ---------------------------------------------------------------------

ACCEPTANCE = [
    pytest.param("2024-09-21", Modality.actual, 400, "reported", {"004-level-400"}, set(), id="q1-400-reported-by-004"),
    pytest.param(
        "2024-10-11",
        Modality.actual,
        400,
        "reported",
        {"002-level-nearly-400", "004-level-400"},
        set(),
        id="q2-about-400-nearly-400-consistent-with-004",
    ),
    pytest.param(
        "2025-01-10",
        Modality.actual,
        400,
        "reported",
        {"000-level-400-2024", "004-level-400"},
        set(),
        id="q3-still-400-before-the-january-arrival",
    ),
    pytest.param(
        "2025-01-20",
        Modality.actual,
        617,
        "derived",
        {"000-level-400-2024", "000-arrival-217", "003-arrival-217", "003-level-over-600"},
        set(),
        id="q4-617-is-400-plus-217",
    ),
    pytest.param(
        "2025-02-07",
        Modality.actual,
        761,
        "derived",
        {"000-level-400-2024", "000-arrival-217", "003-arrival-217", "001-arrival-144"},
        {"001-level-around-1000"},
        id="q5-761-is-400-plus-217-plus-144",
    ),
    pytest.param(
        "2025-01-20",
        Modality.pledged,
        1000,
        "reported",
        {"000-pledge-1000", "003-pledge-1000", "004-pledge-around-1000"},
        set(),
        id="q6-pledged-1000",
    ),
]


@pytest.mark.parametrize(("as_of", "modality", "best", "basis", "supported_by", "conflicted_by"), ACCEPTANCE)
def test_editor_acceptance_questions_are_answered_with_their_citations(
    as_of: str, modality: Modality, best: float, basis: str, supported_by: set[str], conflicted_by: set[str]
) -> None:
    answer = ask_seeds(as_of, modality)
    assert (answer.best, answer.basis) == (best, basis)
    assert supported_by <= curated_ids(answer.supporting)
    assert conflicted_by <= curated_ids(answer.conflicting)
    assert not supported_by & curated_ids(answer.conflicting)


def test_nearly_400_corroborates_the_400_before_it_and_is_not_in_conflict_with_it() -> None:
    answer = ask_seeds("2024-10-11")
    roles = {key: c.role for c in answer.supporting for key in curated_ids([c])}
    assert roles == {"004-level-400": "level", "002-level-nearly-400": "corroborates"}
    assert answer.conflicting == []


def test_pledged_and_planned_figures_never_enter_an_actual_answer() -> None:
    answer = ask_seeds("2025-01-10")
    evidence = {e.assertion_id: e for e in seed_evidence()[0]}
    cited = answer.supporting + answer.conflicting + [c for step in answer.steps for c in step.citations]
    assert {evidence[c.assertion_id].modality for c in cited} == {Modality.actual}


def test_an_arrival_inside_the_year_of_a_level_is_not_added_to_it_and_is_shown_not_to_fit() -> None:
    answer = ask_seeds("2025-01-10")
    assert [step.operation for step in answer.steps] == ["report"]
    december = [c for c in answer.conflicting if curated_ids([c]) == {"001-arrival-400-december"}]
    assert december and december[0].role == "contradicts" and "800" in december[0].why


def test_an_arrival_known_only_by_its_month_is_not_counted_before_the_month_is_over() -> None:
    answer = ask_seeds("2025-01-10")
    assert "001-arrival-over-200-january" not in curated_ids(answer.supporting)
    assert answer.best == 400


def test_two_sources_reporting_one_arrival_count_it_once() -> None:
    answer = ask_seeds("2025-01-20")
    added = [step for step in answer.steps if step.operation == "add_flow"]
    assert [step.figure.best for step in added] == [217]
    assert {0, 3} <= set(added[0].source_ids)
    assert len(answer.merged_events) == 1
    assert {"000-arrival-217", "003-arrival-217"} <= curated_ids(
        [answer.merged_events[0].kept, *answer.merged_events[0].merged]
    )


def test_the_derivation_reads_as_steps_in_words_and_numbers() -> None:
    answer = ask_seeds("2025-02-07")
    assert [step.operation for step in answer.steps] == ["start_from_level", "add_flow", "add_flow"]
    assert [step.total.best for step in answer.steps] == [400, 617, 761]
    assert "400" in answer.steps[0].text and "source 0" in answer.steps[0].text
    assert answer.steps[1].text.startswith("+ 217 on 2025-01-18") and "counted once" in answer.steps[1].text
    assert answer.steps[2].text.endswith("= 761 (721–801)")


def test_the_total_that_disagrees_with_the_sum_of_arrivals_conflicts_with_its_reason() -> None:
    answer = ask_seeds("2025-02-07")
    (stated,) = [c for c in answer.conflicting if curated_ids([c]) == {"001-level-around-1000"}]
    assert stated.role == "contradicts"
    assert "761" in stated.why and "around 1,000" in stated.why
    assert "761" in answer.explanation and "around 1,000" in answer.explanation


def test_staleness_counts_days_since_the_newest_evidence_used() -> None:
    answer = ask_seeds("2025-02-07")
    assert (answer.newest_evidence_date, answer.staleness_days) == (dt.date(2025, 2, 6), 1)


def test_nothing_known_by_the_date_gives_no_answer() -> None:
    answer = ask_seeds("2024-01-01")
    assert (answer.basis, answer.best, answer.steps, answer.supporting) == ("none", None, [], [])


def test_the_timeline_has_a_point_wherever_the_answer_changes() -> None:
    metrics = seed_metrics()
    points = build_timeline(
        subject="kenyan-police-contingent",
        metric=metrics["personnel"],
        flows=[metrics["personnel-arrivals"]],
        evidence=seed_evidence()[0],
        start=dt.date(2024, 9, 1),
        end=dt.date(2025, 2, 28),
    )
    values = [(p.date, p.best) for p in points]
    assert (dt.date(2024, 9, 21), 400) == values[0]
    assert (dt.date(2025, 1, 18), 617) in values and (dt.date(2025, 2, 6), 761) in values
    assert [best for _, best in values if best != 400] == [617, 761]
    assert all(p.supporting for p in points)


# --- a second topic: a city's bus fleet --------------------------------------------------------------------

FLEET = MetricInfo(key="fleet-size", name="Buses in service", unit="buses", kind=MetricKind.stock)
ADDED = MetricInfo(key="buses-added", name="Buses added", unit="buses", kind=MetricKind.flow, feeds="fleet-size")
RETIRED = MetricInfo(key="buses-retired", name="Buses retired", unit="buses", kind=MetricKind.flow)


def bus(
    assertion_id: int,
    value_text: str,
    start: str,
    end: str | None = None,
    *,
    metric: str = "fleet-size",
    source_id: int | None = None,
    modality: Modality = Modality.actual,
    precision: Precision | None = None,
    origin: str | None = None,
    claimant: str | None = None,
    interval: Interval | None = None,
) -> Evidence:
    first = dt.date.fromisoformat(start)
    last = dt.date.fromisoformat(end) if end else first
    quote = f"the city has {value_text} buses"
    return Evidence(
        assertion_id=assertion_id,
        source_id=assertion_id if source_id is None else source_id,
        source_title=None,
        source_date=last,
        subject="riverton-buses",
        metric=metric,
        value_text=value_text,
        interval=interval or parse_figure(value_text).interval,
        modality=modality,
        time=TimeSpan(
            start=first, end=last, precision=precision or (Precision.day if first == last else Precision.month)
        ),
        claimant=claimant,
        quote=quote,
        quote_start=0,
        quote_end=len(quote),
        recorded_at=RECORDED,
        origin=origin,
    )


def ask_buses(
    evidence: list[Evidence], as_of: str, modality: Modality = Modality.actual, metric: MetricInfo = FLEET
) -> Answer:
    return answer_value_as_of(
        subject="riverton-buses",
        metric=metric,
        flows=[ADDED],
        evidence=evidence,
        as_of=dt.date.fromisoformat(as_of),
        modality=modality,
    )


FLEET_2023 = [
    bus(1, "300", "2023-03-01", "2023-03-31"),  # 300 buses in March
    bus(2, "42", "2023-04-12", metric="buses-added", source_id=2),  # 42 added on 12 April (one outlet)
    bus(3, "42", "2023-04-01", "2023-04-30", metric="buses-added", source_id=3),  # 42 added in April (another)
]

FLEET_QUESTIONS = [
    pytest.param("2023-02-28", None, "none", id="nothing-known-before-march"),
    pytest.param("2023-03-31", 300, "reported", id="the-march-level-is-known-at-the-end-of-march"),
    pytest.param("2023-04-05", 300, "reported", id="the-april-arrival-has-not-happened-yet"),
    pytest.param("2023-04-12", 342, "derived", id="the-arrival-counts-on-its-day"),
    pytest.param("2023-05-15", 342, "derived", id="two-outlets-one-arrival-counted-once"),
]


@pytest.mark.parametrize(("as_of", "best", "basis"), FLEET_QUESTIONS)
def test_a_bus_fleet_is_answered_the_same_way_as_the_seed_topic(as_of: str, best: float | None, basis: str) -> None:
    answer = ask_buses(FLEET_2023, as_of)
    assert (answer.best, answer.basis) == (best, basis)


def test_a_bus_arrival_reported_by_two_outlets_is_one_step_citing_both() -> None:
    answer = ask_buses(FLEET_2023, "2023-05-15")
    assert [s.operation for s in answer.steps] == ["start_from_level", "add_flow"]
    assert answer.steps[1].source_ids == [2, 3]
    assert (
        format_interval(Interval(low=answer.low, best=answer.best or 0, high=answer.high, rule="sum"))
        == "342 (312–372)"
    )
    assert answer.independent_origins_supporting == 3


def test_sources_repeating_one_wire_story_are_one_origin() -> None:
    wire = [
        bus(1, "300", "2023-03-31", origin="wire:1"),
        bus(2, "300", "2023-03-31", origin="wire:1"),
        bus(3, "300", "2023-03-31"),
    ]
    assert ask_buses(wire, "2023-04-01").independent_origins_supporting == 2


def test_a_derived_sum_beats_a_vaguer_total_stated_as_recently() -> None:
    evidence = [*FLEET_2023, bus(4, "around 450", "2023-04-12")]
    answer = ask_buses(evidence, "2023-05-01")
    assert answer.best == 342
    assert [c.assertion_id for c in answer.conflicting] == [4]


def test_a_later_total_agreeing_with_level_plus_arrivals_is_the_answer_and_the_arrivals_corroborate() -> None:
    evidence = [*FLEET_2023, bus(4, "around 380", "2023-04-30")]
    answer = ask_buses(evidence, "2023-05-01")
    assert (answer.best, answer.basis) == (380, "reported")
    assert {c.assertion_id: c.role for c in answer.supporting} == {
        4: "level",
        1: "corroborates",
        2: "corroborates",
        3: "corroborates",
    }
    assert answer.conflicting == []


def test_a_newer_statement_beats_an_older_more_precise_level_with_nothing_reported_between() -> None:
    evidence = [bus(1, "exactly 312", "2020-06-01"), bus(2, "about 500", "2025-06-01")]
    answer = ask_buses(evidence, "2025-07-01")
    assert (answer.best, answer.basis) == (500, "reported")
    assert [c.assertion_id for c in answer.superseded] == [1]
    assert answer.conflicting == []


def test_a_bound_corroborates_but_the_point_estimate_supplies_the_value() -> None:
    evidence = [bus(1, "320", "2023-03-31"), bus(2, "over 300", "2023-04-02")]
    answer = ask_buses(evidence, "2023-04-30")
    assert answer.best == 320
    assert {c.assertion_id: c.role for c in answer.supporting} == {1: "level", 2: "corroborates"}


def test_a_bound_supplies_the_value_when_nothing_more_precise_is_known() -> None:
    answer = ask_buses([bus(1, "more than 300", "2023-03-31")], "2023-04-30")
    assert (answer.low, answer.best, answer.high, answer.basis) == (300, 300, 330, "reported")


def test_without_any_level_the_flows_are_summed() -> None:
    evidence = [bus(1, "42", "2023-04-12", metric="buses-added"), bus(2, "10", "2023-05-02", metric="buses-added")]
    answer = ask_buses(evidence, "2023-06-01")
    assert (answer.best, answer.basis) == (52, "derived")
    assert [s.operation for s in answer.steps] == ["sum_flows", "sum_flows"]


def test_a_flow_metric_is_answered_from_its_latest_period() -> None:
    evidence = [
        bus(1, "15", "2022-01-01", "2022-12-31", metric="buses-retired", precision=Precision.year),
        bus(2, "20", "2023-01-01", "2023-12-31", metric="buses-retired", precision=Precision.year),
    ]
    answer = ask_buses(evidence, "2024-03-01", metric=RETIRED)
    assert (answer.best, answer.basis, answer.conflicting, answer.superseded) == (20, "reported", [], [])


def test_promised_buses_answer_the_pledged_question_and_promised_additions_are_not_added() -> None:
    evidence = [
        bus(1, "500", "2023-01-10", modality=Modality.pledged),
        bus(2, "200", "2023-02-01", "2023-02-28", metric="buses-added", modality=Modality.pledged),
        bus(3, "300", "2023-03-31"),
    ]
    assert ask_buses(evidence, "2023-06-01", Modality.pledged).best == 500
    assert ask_buses(evidence, "2023-06-01").best == 300


def test_answer_settings_refuse_negative_slack() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        AnswerSettings(event_slack_days=-1)


# --- properties --------------------------------------------------------------------------------------------

QUALIFIERS = ["none", "exact", "approximate", "more_than", "nearly", "at_least"]
START = dt.date(2023, 1, 1)


def _figure(number: int, qualifier: str) -> Interval:
    return interval_for(float(number), qualifier)


flow_figures = st.tuples(st.integers(0, 5_000), st.sampled_from(QUALIFIERS))


def _scenario(level: tuple[int, str], flows: list[tuple[int, str]]) -> list[Evidence]:
    anchor = bus(1, "level", "2023-01-01", interval=_figure(*level))
    added = [
        bus(10 + i, "flow", str(START + dt.timedelta(days=1 + i)), metric="buses-added", interval=_figure(*figure))
        for i, figure in enumerate(flows)
    ]
    return [anchor, *added]


@given(level=flow_figures, flows=st.lists(flow_figures, max_size=6), extra=flow_figures)
def test_adding_a_flow_never_lowers_a_derived_best_value(
    level: tuple[int, str], flows: list[tuple[int, str]], extra: tuple[int, str]
) -> None:
    before = _scenario(level, flows)
    after = _scenario(level, [*flows, extra])
    as_of = str(START + dt.timedelta(days=30))
    assert (ask_buses(after, as_of).best or 0) >= (ask_buses(before, as_of).best or 0)


levels_and_flows = st.lists(
    st.tuples(st.sampled_from(["fleet-size", "buses-added"]), st.integers(0, 40), flow_figures), min_size=1, max_size=8
)


def _mixed(items: list[tuple[str, int, tuple[int, str]]]) -> list[Evidence]:
    return [
        bus(i + 1, "figure", str(START + dt.timedelta(days=day)), metric=metric, interval=_figure(*figure))
        for i, (metric, day, figure) in enumerate(items)
    ]


@given(items=levels_and_flows, pick=st.integers(0, 100))
def test_reporting_a_figure_again_never_changes_the_answer(
    items: list[tuple[str, int, tuple[int, str]]], pick: int
) -> None:
    evidence = _mixed(items)
    original = evidence[pick % len(evidence)]
    again = bus(
        1_000, "figure", str(original.time.start), metric=original.metric, source_id=999, interval=original.interval
    )
    as_of = str(START + dt.timedelta(days=60))
    first, second = ask_buses(evidence, as_of), ask_buses([*evidence, again], as_of)
    assert (first.low, first.best, first.high, first.basis) == (second.low, second.best, second.high, second.basis)


@given(items=levels_and_flows)
def test_merging_flow_reports_is_idempotent_and_puts_each_report_in_one_event(
    items: list[tuple[str, int, tuple[int, str]]],
) -> None:
    flows = [e for e in _mixed(items) if e.metric == "buses-added"]
    copies = [
        bus(500 + e.assertion_id, "copy", str(e.time.start), metric=e.metric, source_id=900, interval=e.interval)
        for e in flows
    ]
    once, twice = merge_events(flows), merge_events([*flows, *copies])
    assert sorted(r.assertion_id for event in once for r in event.reports) == sorted(e.assertion_id for e in flows)
    assert [(e.figure.interval, e.figure.time) for e in once] == [(e.figure.interval, e.figure.time) for e in twice]


@given(items=levels_and_flows, order=st.randoms(use_true_random=False))
def test_the_answer_does_not_depend_on_the_order_the_store_returns_evidence_in(
    items: list[tuple[str, int, tuple[int, str]]], order: Any
) -> None:
    evidence = _mixed(items)
    shuffled = list(evidence)
    order.shuffle(shuffled)
    as_of = str(START + dt.timedelta(days=60))

    def outcome(answer: Answer) -> tuple[object, ...]:
        cited = [
            sorted(c.assertion_id for c in group)
            for group in (answer.supporting, answer.conflicting, answer.superseded)
        ]
        return answer.low, answer.best, answer.high, answer.basis, cited

    assert outcome(ask_buses(evidence, as_of)) == outcome(ask_buses(shuffled, as_of))
