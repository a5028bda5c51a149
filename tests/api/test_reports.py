"""Wire reports mirror the reasoning types field for field, with whole figures written as whole numbers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import msgspec
import pytest

from api.reports import (
    answer_view,
    ask_answer_view,
    claim_check_view,
    conflict_list_view,
    conflict_view,
    parsed_claim_view,
    question_view,
    timeline_view,
)
from reasoning.answers import Answer, answer_value_as_of
from reasoning.claims import ParsedClaim, judge_claim, parse_claim
from reasoning.conflicts import Conflict, find_conflicts
from reasoning.evidence import Evidence, Lexicon, MetricInfo, SourceDateInfo, Term
from reasoning.questions import Question, parse_question
from reasoning.replies import value_reply
from reasoning.timeline import build_timeline
from reasoning.types import DateBasis, Interval, MetricKind, Modality
from tests.reasoning.statements import statement

TODAY = dt.date(2025, 3, 1)
SUBJECT = "riverton-bus-fleet"
FLEET = MetricInfo(key="buses-in-service", name="Buses in service", unit="buses", kind=MetricKind.stock)
ADDED = MetricInfo(key="buses-added", name="Buses added", unit="buses", kind=MetricKind.flow, feeds="buses-in-service")
LEXICON = Lexicon(
    entities=(Term(key=SUBJECT, name="Riverton bus fleet", aliases=("Riverton",)),),
    metrics=(
        Term(key=FLEET.key, name=FLEET.name, aliases=("buses", "in service")),
        Term(key=ADDED.key, name=ADDED.name, aliases=("added", "new buses", "delivered")),
    ),
    metric_info=(FLEET, ADDED),
)
AVAILABLE = frozenset({(SUBJECT, FLEET.key), (SUBJECT, ADDED.key)})


def bus(assertion_id: int, value_text: str, day: str, *, metric: str = FLEET.key) -> Evidence:
    date = dt.date.fromisoformat(day)
    return statement(
        assertion_id=assertion_id,
        subject=SUBJECT,
        metric=metric,
        value_text=value_text,
        first=date,
        quote=f"the city has {value_text} buses",
        source_id=assertion_id,
        source_title=f"Riverton Courier, report {assertion_id}",
        source_date=date,
    )


# An old level the answer supersedes, a level, another outlet's level for the same day that cannot hold beside
# it, a half-bus flow (so the totals are fractions) and one arrival two outlets report.
EVIDENCE = [
    bus(1, "100", "2024-01-01"),
    bus(2, "200", "2024-05-01"),
    bus(3, "about 300", "2024-05-01"),
    bus(4, "2.5", "2024-05-02", metric=ADDED.key),
    bus(5, "about 20", "2024-05-10", metric=ADDED.key),
    bus(6, "21", "2024-05-10", metric=ADDED.key),
]
OLD_NEWS = SourceDateInfo(
    source_id=7,
    title="Old news",
    stated_date=dt.date(2025, 1, 1),
    date_used=dt.date(2025, 1, 1),
    date_basis=DateBasis.stated,
    text="In late January, 40 buses arrived in Riverton.",
)


def answer() -> Answer:
    return answer_value_as_of(
        subject=SUBJECT, metric=FLEET, flows=[ADDED], evidence=EVIDENCE, as_of=dt.date(2024, 5, 31)
    )


def conflicts() -> list[Conflict]:
    return find_conflicts(evidence=EVIDENCE, metrics=[FLEET, ADDED], sources=[OLD_NEWS])


def question() -> Question:
    return parse_question("How many buses did Riverton have on 3 May 2024?", LEXICON, available=AVAILABLE, today=TODAY)


def claim() -> ParsedClaim:
    text = "Riverton had more than 200 buses in service on 31 May 2024"
    return parse_claim(text, LEXICON, available=AVAILABLE, as_of=None, today=TODAY)


def whole(value: Any) -> Any:
    """What the wire should carry for a reasoning value: whole floats as ints, tuples as JSON arrays."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: whole(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [whole(item) for item in value]
    return value


def on_the_wire(report: msgspec.Struct) -> Any:
    return msgspec.json.decode(msgspec.json.encode(report))


def typed(value: Any) -> str:
    # Python's == holds 217 == 217.0; JSON text tells them apart, which is the point of the comparison.
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


MIRRORS: list[Any] = [
    pytest.param(answer, answer_view, id="a_derived_answer_with_every_kind_of_citation"),
    pytest.param(lambda: conflicts()[0], conflict_view, id="a_conflict_of_disjoint_values"),
    pytest.param(lambda: conflicts()[-1], conflict_view, id="a_date_contradiction_with_its_date_evidence"),
    pytest.param(question, question_view, id="a_question_with_its_spans"),
    pytest.param(claim, parsed_claim_view, id="a_parsed_claim_with_its_predicate"),
]


@pytest.mark.parametrize(("build", "view"), MIRRORS)
def test_a_report_is_its_reasoning_type_field_for_field_with_whole_figures_as_ints(
    build: Callable[[], msgspec.Struct], view: Callable[[Any], msgspec.Struct]
) -> None:
    found = build()
    assert typed(on_the_wire(view(found))) == typed(whole(msgspec.to_builtins(found)))


def test_the_answer_under_test_has_every_nested_part_filled() -> None:
    found = answer()
    assert found.basis == "derived" and found.steps and found.merged_events
    assert found.supporting and found.conflicting and found.superseded


def test_the_conflicts_under_test_are_disjoint_values_then_a_date_contradiction() -> None:
    found = conflicts()
    assert [c.kind for c in found] == ["disjoint_values", "date_contradiction"]
    assert found[-1].date_evidence


def test_whole_figures_are_ints_and_fractions_stay_fractions() -> None:
    wire = on_the_wire(answer_view(answer()))
    first, added = wire["steps"][0], wire["steps"][1]
    assert first["figure"] == {"low": 180, "best": 200, "high": 220, "rule": "round_figure"}
    assert all(type(first["figure"][side]) is int for side in ("low", "best", "high"))
    assert type(wire["supporting"][0]["best"]) is int
    assert added["figure"]["best"] == 2.5 and type(wire["best"]) is float


def test_a_conflict_list_holds_each_conflict_as_its_report() -> None:
    found = conflicts()
    items = [on_the_wire(conflict_view(c)) for c in found]
    assert on_the_wire(conflict_list_view(found)) == {"items": items, "next": None}
    assert on_the_wire(conflict_list_view(found, "next-page"))["next"] == "next-page"


def test_a_timeline_report_is_its_points_field_for_field() -> None:
    points = build_timeline(subject=SUBJECT, metric=FLEET, flows=[ADDED], evidence=EVIDENCE)
    report = timeline_view(subject=SUBJECT, metric=FLEET.key, unit=FLEET.unit, modality=Modality.actual, points=points)
    expected = {
        "subject": SUBJECT,
        "metric": FLEET.key,
        "unit": "buses",
        "modality": "actual",
        "points": msgspec.to_builtins(points),
    }
    assert len(points) > 1
    assert typed(on_the_wire(report)) == typed(whole(expected))


def test_an_ask_answer_is_the_question_and_its_reply_with_the_answer_it_rests_on() -> None:
    asked = question()
    replied = value_reply(answer(), kind=asked.kind.value, time=asked.time)
    expected = {"question": msgspec.to_builtins(asked), "answer": msgspec.to_builtins(replied)}
    assert typed(on_the_wire(ask_answer_view(asked, replied))) == typed(whole(expected))
    assert expected["answer"]["parts"][0]["steps"], "the value answer travels whole inside the reply"


def test_a_claim_check_carries_the_claim_the_verdict_and_the_answers_citations() -> None:
    checked, answered = claim(), answer()
    assert answered.best is not None and checked.predicate is not None
    verdict = judge_claim(
        checked.predicate,
        estimate=Interval(low=answered.low, best=answered.best, high=answered.high, rule="answer"),
    )
    report = claim_check_view(checked, verdict, answered, explanation="Checked.")
    expected = {
        "claim": msgspec.to_builtins(checked),
        "verdict": verdict.verdict,
        "explanation": "Checked.",
        "answer": msgspec.to_builtins(answered),
        "supporting": msgspec.to_builtins(answered.supporting),
        "conflicting": msgspec.to_builtins(answered.conflicting),
        "kind": "one_figure",
        "parts": [],
    }
    assert typed(on_the_wire(report)) == typed(whole(expected))
