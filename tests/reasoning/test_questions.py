"""Questions in words are read into subject, metric, date and modality, on any topic the vocabulary holds."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reasoning.errors import AmbiguousTerm, FactdeskError, UnknownTerm, UnparseableQuestion
from reasoning.evidence import Lexicon, MetricInfo, Term
from reasoning.mentions import find_mentions
from reasoning.questions import QuestionKind, parse_question
from reasoning.types import MetricKind, Modality

TODAY = dt.date(2025, 3, 1)
VOCABULARY = Path(__file__).resolve().parents[2] / "seeds" / "curated" / "vocabulary.json"


def listed(error: FactdeskError, name: str) -> list[Any]:
    """A list an error carries in `extra` ("suggestions", "candidates"), typed for the assertions."""
    value = error.extra[name]
    assert isinstance(value, list)
    return value


def curated_lexicon() -> Lexicon:
    """The seed topic's vocabulary, read from the curated seeds as the service would load it."""
    data = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    return Lexicon(
        entities=tuple(Term(key=e["key"], name=e["name"], aliases=tuple(e["aliases"])) for e in data["entities"]),
        metrics=tuple(Term(key=m["key"], name=m["name"], aliases=tuple(m["aliases"])) for m in data["metrics"]),
        metric_info=tuple(
            MetricInfo(key=m["key"], name=m["name"], unit=m["unit"], kind=MetricKind(m["kind"]), feeds=m["feeds"])
            for m in data["metrics"]
        ),
    )


def riverton_lexicon() -> Lexicon:
    """A made-up second topic (two cities' bus fleets), so that nothing passes only on the seed topic."""
    return Lexicon(
        entities=(
            Term(key="riverton-bus-fleet", name="Riverton bus fleet", aliases=("Riverton", "Riverton Transit")),
            Term(key="lakeside-bus-fleet", name="Lakeside bus fleet", aliases=("Lakeside",)),
        ),
        metrics=(
            Term(key="buses-in-service", name="Buses in service", aliases=("buses", "vehicles", "in service")),
            Term(key="buses-added", name="Buses added", aliases=("added", "new buses", "delivered")),
            Term(key="breakdowns", name="Breakdowns", aliases=("breakdowns", "broke down")),
        ),
        metric_info=(
            MetricInfo(key="buses-in-service", name="Buses in service", unit="buses", kind=MetricKind.stock),
            MetricInfo(
                key="buses-added", name="Buses added", unit="buses", kind=MetricKind.flow, feeds="buses-in-service"
            ),
            MetricInfo(key="breakdowns", name="Breakdowns", unit="breakdowns", kind=MetricKind.flow),
        ),
    )


CURATED = curated_lexicon()
RIVERTON = riverton_lexicon()
SEED_AVAILABLE = frozenset(
    {
        ("kenyan-police-contingent", "personnel"),
        ("kenyan-police-contingent", "personnel-arrivals"),
        ("mss-mission", "personnel"),
        ("haiti", "people-killed"),
        ("haiti", "people-displaced"),
        ("port-au-prince", "gang-control-share"),
    }
)
RIVERTON_AVAILABLE = frozenset(
    (fleet, metric)
    for fleet in ("riverton-bus-fleet", "lakeside-bus-fleet")
    for metric in ("buses-in-service", "buses-added", "breakdowns")
)

# question, subject, metric, as_of, as_of_text, modality
SEED_QUESTIONS = [
    (
        "How many Kenyan police officers were in Haiti on 20 January 2025?",
        "kenyan-police-contingent",
        "personnel",
        dt.date(2025, 1, 20),
        "on 20 January 2025",
        Modality.actual,
    ),
    (
        "How many people were displaced in Haiti as of Jan 20, 2025?",
        "haiti",
        "people-displaced",
        dt.date(2025, 1, 20),
        "as of Jan 20, 2025",
        Modality.actual,
    ),
    (
        "How many people were displaced in Haiti as of january 20, 2025?",
        "haiti",
        "people-displaced",
        dt.date(2025, 1, 20),
        "as of january 20, 2025",
        Modality.actual,
    ),
    (
        "What was the number of people displaced in Haiti in September 2024?",
        "haiti",
        "people-displaced",
        dt.date(2024, 9, 30),
        "in September 2024",
        Modality.actual,
    ),
    (
        "How many Kenyan officers were in Haiti at the end of 2024?",
        "kenyan-police-contingent",
        "personnel",
        dt.date(2024, 12, 31),
        "at the end of 2024",
        Modality.actual,
    ),
    (
        "How many Kenyan officers are in Haiti today?",
        "kenyan-police-contingent",
        "personnel",
        TODAY,
        "today",
        Modality.actual,
    ),
    (
        "How many Kenyan officers were in Haiti as of 2025-01-20?",
        "kenyan-police-contingent",
        "personnel",
        dt.date(2025, 1, 20),
        "as of 2025-01-20",
        Modality.actual,
    ),
    ("How many officers has Kenya pledged?", "kenyan-police-contingent", "personnel", TODAY, None, Modality.pledged),
    (
        "How many officers has Kenya promised to send?",
        "kenyan-police-contingent",
        "personnel",
        TODAY,
        None,
        Modality.pledged,
    ),
    (
        "how many people were killed in haiti in 2024?",
        "haiti",
        "people-killed",
        dt.date(2024, 12, 31),
        "in 2024",
        Modality.actual,
    ),
    (
        "How many more officers did Kenya send in January 2025?",
        "kenyan-police-contingent",
        "personnel-arrivals",
        dt.date(2025, 1, 31),
        "in January 2025",
        Modality.actual,
    ),
    (
        "What share of Port-au-Prince was under gang control in September 2024?",
        "port-au-prince",
        "gang-control-share",
        dt.date(2024, 9, 30),
        "in September 2024",
        Modality.actual,
    ),
]

RIVERTON_QUESTIONS = [
    (
        "How many buses were in service in Riverton on 3 March 2025?",
        "riverton-bus-fleet",
        "buses-in-service",
        dt.date(2025, 3, 3),
        "on 3 March 2025",
        Modality.actual,
    ),
    (
        "How many buses does Lakeside have as of Feb 1, 2025?",
        "lakeside-bus-fleet",
        "buses-in-service",
        dt.date(2025, 2, 1),
        "as of Feb 1, 2025",
        Modality.actual,
    ),
    (
        "What was the number of Riverton buses in September 2024?",
        "riverton-bus-fleet",
        "buses-in-service",
        dt.date(2024, 9, 30),
        "in September 2024",
        Modality.actual,
    ),
    (
        "How many buses had Lakeside at the end of 2024?",
        "lakeside-bus-fleet",
        "buses-in-service",
        dt.date(2024, 12, 31),
        "at the end of 2024",
        Modality.actual,
    ),
    (
        "How many buses does Riverton Transit run today?",
        "riverton-bus-fleet",
        "buses-in-service",
        TODAY,
        "today",
        Modality.actual,
    ),
    ("How many buses has Riverton promised?", "riverton-bus-fleet", "buses-in-service", TODAY, None, Modality.pledged),
    (
        "How many new buses did Riverton get in 2024?",
        "riverton-bus-fleet",
        "buses-added",
        dt.date(2024, 12, 31),
        "in 2024",
        Modality.actual,
    ),
    (
        "How many buses were delivered to Lakeside in 2024?",
        "lakeside-bus-fleet",
        "buses-added",
        dt.date(2024, 12, 31),
        "in 2024",
        Modality.actual,
    ),
    (
        "How many Lakeside buses broke down in 2024?",
        "lakeside-bus-fleet",
        "breakdowns",
        dt.date(2024, 12, 31),
        "in 2024",
        Modality.actual,
    ),
]


@pytest.mark.parametrize(("text", "subject", "metric", "as_of", "as_of_text", "modality"), SEED_QUESTIONS)
def test_seed_topic_questions_are_read_into_subject_metric_date_and_modality(
    text: str, subject: str, metric: str, as_of: dt.date, as_of_text: str | None, modality: Modality
) -> None:
    question = parse_question(text, CURATED, available=SEED_AVAILABLE, today=TODAY)
    assert (question.subject, question.metric, question.as_of) == (subject, metric, as_of)
    assert (question.as_of_text, question.modality) == (as_of_text, modality)


@pytest.mark.parametrize(("text", "subject", "metric", "as_of", "as_of_text", "modality"), RIVERTON_QUESTIONS)
def test_questions_about_another_topic_are_read_the_same_way(
    text: str, subject: str, metric: str, as_of: dt.date, as_of_text: str | None, modality: Modality
) -> None:
    question = parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert (question.subject, question.metric, question.as_of) == (subject, metric, as_of)
    assert (question.as_of_text, question.modality) == (as_of_text, modality)


def test_spans_point_at_the_words_that_matched() -> None:
    text = "How many Kenyan police officers were in Haiti on 20 January 2025?"
    question = parse_question(text, CURATED, available=SEED_AVAILABLE, today=TODAY)
    assert question.subject_span is not None and question.as_of_span is not None
    assert text[slice(*question.subject_span)] == "Kenyan police officers"
    assert text[slice(*question.metric_span)] == "police officers"
    assert text[slice(*question.as_of_span)] == "on 20 January 2025"


def test_a_month_asks_as_of_its_last_day_and_keeps_the_whole_month_as_its_time() -> None:
    question = parse_question(
        "How many buses did Riverton have in February 2024?", RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY
    )
    assert question.as_of == dt.date(2024, 2, 29)
    assert (question.time.start, question.time.end) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_a_question_without_a_date_asks_about_today() -> None:
    question = parse_question("How many buses does Riverton have?", RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert (question.as_of, question.as_of_text, question.as_of_span) == (TODAY, None, None)
    assert question.time.rule == "today"


# --- choosing among several mentions --------------------------------------------------------------------


def test_the_first_entity_that_is_not_a_place_is_the_subject() -> None:
    both = SEED_AVAILABLE | {("haiti", "personnel")}
    text = "How many Kenyan officers were in Haiti on 20 January 2025?"
    assert parse_question(text, CURATED, available=both, today=TODAY).subject == "kenyan-police-contingent"


def test_two_subjects_each_with_evidence_for_the_metric_are_asked_about_not_chosen_between() -> None:
    # "Haiti" (the mission's whole strength) and "Kenya" (its contingent) both have personnel on record.
    text = "How many officers did Haiti receive from Kenya in 2024?"
    with pytest.raises(AmbiguousTerm) as raised:
        parse_question(text, CURATED, available=SEED_AVAILABLE, today=TODAY)
    assert {c["subject"] for c in listed(raised.value, "candidates")} == {"kenyan-police-contingent", "haiti"}


def test_a_name_the_question_is_about_is_never_dropped_for_a_place_with_evidence() -> None:
    # "Kenyan officers died in Haiti": the killed-in-Haiti figure would answer a different question.
    text = "How many Kenyan officers were killed in Haiti in 2024?"
    with pytest.raises(AmbiguousTerm):
        parse_question(text, CURATED, available=SEED_AVAILABLE, today=TODAY)


def test_a_metric_word_beats_a_place_phrase_that_is_also_an_alias() -> None:
    # "in Haiti" is an alias of personnel in the curated vocabulary; "killed" names the metric.
    with_personnel = SEED_AVAILABLE | {("haiti", "personnel")}
    question = parse_question(
        "How many people were killed in Haiti in 2024?", CURATED, available=with_personnel, today=TODAY
    )
    assert question.metric == "people-killed"


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("How many buses were delivered to Riverton in 2024?", "buses-added"),  # a year: a count over it
        ("How many buses were delivered to Riverton on 3 March 2025?", "buses-added"),  # the flow names the unit
        ("How many buses does Riverton have now?", "buses-in-service"),  # present tense: a level
        ("How many buses has Riverton delivered to its depots?", "buses-in-service"),  # perfect: a level reached
        ("How many more buses has Riverton had delivered?", "buses-added"),  # "more": an increment, whatever the tense
    ],
)
def test_stock_or_flow_wording_chooses_between_a_stock_and_the_flow_that_feeds_it(text: str, metric: str) -> None:
    assert parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY).metric == metric


def test_coordinated_subjects_are_a_sum_over_both() -> None:
    question = parse_question(
        "How many buses do Riverton and Lakeside have?", RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY
    )
    assert question.kind is QuestionKind.sum
    assert question.subjects == ("riverton-bus-fleet", "lakeside-bus-fleet")


def test_an_alias_shared_by_two_entities_is_settled_by_the_evidence_or_else_ambiguous() -> None:
    lexicon = Lexicon(
        entities=(
            Term(key="springfield-city", name="Springfield city", aliases=("Springfield",)),
            Term(key="springfield-buses", name="Springfield buses", aliases=("Springfield",)),
        ),
        metrics=RIVERTON.metrics,
        metric_info=RIVERTON.metric_info,
    )
    text = "How many buses does Springfield have?"
    settled = parse_question(text, lexicon, available={("springfield-buses", "buses-in-service")}, today=TODAY)
    assert settled.subject == "springfield-buses"
    with pytest.raises(AmbiguousTerm):
        parse_question(text, lexicon, available=(), today=TODAY)


def test_a_subject_left_unsaid_is_the_only_one_the_store_has_for_the_metric() -> None:
    question = parse_question(
        "How many people were displaced as of 20 January 2025?", CURATED, available=SEED_AVAILABLE, today=TODAY
    )
    assert (question.subject, question.subject_span) == ("haiti", None)


def test_a_subject_left_unsaid_with_several_candidates_is_asked_for_by_name() -> None:
    with pytest.raises(UnparseableQuestion) as raised:
        parse_question("How many buses were there in 2024?", RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert raised.value.extra["part"] == "subject"
    assert {"Riverton bus fleet", "Lakeside bus fleet"} <= set(listed(raised.value, "suggestions"))


# --- finding mentions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "matched"),
    [
        ("Kenya's police said", "kenyan-police-contingent", "Kenya"),
        ("Kenya’s police said", "kenyan-police-contingent", "Kenya"),
        ("a Kenyan officer said", "kenyan-police-contingent", "Kenyan officer"),
        ("Over a million Haitians", "haiti", "Haitians"),
        ("the MSS force", "mss-mission", "MSS force"),
        ("Straße: KENYAN   POLICE officers", "kenyan-police-contingent", "KENYAN   POLICE officers"),
        ("in Port-au-Prince.", "port-au-prince", "Port-au-Prince"),
    ],
)
def test_mentions_are_whole_words_plural_possessive_and_case_tolerant(text: str, key: str, matched: str) -> None:
    mentions = find_mentions(text, CURATED.entities)
    assert [(m.key, text[m.start : m.end]) for m in mentions] == [(key, matched)]


@pytest.mark.parametrize("text", ["Kenyans at home", "the Haitianist", "mission-critical"])
def test_mentions_never_match_inside_a_word(text: str) -> None:
    assert [m.key for m in find_mentions(text, CURATED.entities)] == []


def test_the_longest_alias_wins_where_aliases_overlap() -> None:
    text = "Haitian police officers patrolled"
    assert [m.key for m in find_mentions(text, CURATED.entities)] == ["haitian-national-police"]


# --- what was not understood ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "part", "suggested"),
    [
        ("How many Kenyan officres are there?", "subject", "Kenyan officers"),
        ("How many trams does Riverton have?", "metric", None),
        ("How many buses did Riverton have in May 2024 and in June 2024?", "date", None),
        ("How many buses did Riverton have on 30 February 2025?", "date", None),
        ("", "subject", None),
    ],
)
def test_a_question_not_understood_says_which_part_and_suggests_names(
    text: str, part: str, suggested: str | None
) -> None:
    lexicon = CURATED if "Kenyan" in text else RIVERTON
    with pytest.raises(UnparseableQuestion) as raised:
        parse_question(text, lexicon, available=SEED_AVAILABLE | RIVERTON_AVAILABLE, today=TODAY)
    assert raised.value.extra["part"] == part
    assert raised.value.hint
    if suggested is not None:
        assert suggested in listed(raised.value, "suggestions")
        assert suggested in raised.value.hint


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=80),
        st.lists(
            st.sampled_from(
                [
                    "How",
                    "many",
                    "Riverton",
                    "Lakeside",
                    "buses",
                    "added",
                    "in",
                    "2024",
                    "on",
                    "3",
                    "March",
                    "and",
                    "today",
                    "promised",
                    "ß",
                    "’s",
                    "as of",
                    "the",
                    "end",
                    "of",
                    ",",
                ]
            ),
            max_size=14,
        ).map(" ".join),
    )
)
def test_parsing_any_text_raises_nothing_but_domain_errors(text: str) -> None:
    with contextlib.suppress(FactdeskError):
        parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)


def test_a_property_the_question_turns_on_is_never_dropped() -> None:
    # "How many of the buses ... were electric?" is not "how many buses": the word it turns on is unknown.
    with pytest.raises(UnknownTerm) as raised:
        parse_question(
            "How many of the buses Riverton had delivered by 3 March 2025 were electric?",
            RIVERTON,
            available=RIVERTON_AVAILABLE,
            today=TODAY,
        )
    assert raised.value.extra["terms"] == ["electric"]


def test_places_joined_by_and_are_a_sum_whichever_comes_first() -> None:
    question = parse_question(
        "How many buses did Lakeside and Riverton have together on 3 March 2025?",
        RIVERTON,
        available=RIVERTON_AVAILABLE,
        today=TODAY,
    )
    assert question.kind is QuestionKind.sum
    assert set(question.subjects) == {"riverton-bus-fleet", "lakeside-bus-fleet"}


HARBOR = Lexicon(
    entities=(
        Term(key="harbor-ferries", name="Harbor ferries in Port Ellis", aliases=("Harbor ferries",)),
        Term(key="port-ellis", name="Port Ellis", aliases=("Port Ellis",)),
        Term(key="north-quay", name="North Quay", aliases=("North Quay",)),
    ),
    metrics=(Term(key="ferries", name="Ferries in service", aliases=("ferries",)),),
    metric_info=(MetricInfo(key="ferries", name="Ferries in service", unit="ferries", kind=MetricKind.stock),),
)


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("How many ferries did Harbor ferries run in Port Ellis on 1 March 2031?", True),  # its own name says so
        ("How many ferries did Harbor ferries run in North Quay on 1 March 2031?", False),  # a place it may not cover
    ],
)
def test_a_place_is_a_setting_only_where_the_vocabulary_puts_the_subject_in_it(text: str, answered: bool) -> None:
    available = {("harbor-ferries", "ferries")}
    if answered:
        assert parse_question(text, HARBOR, available=available, today=TODAY).subject == "harbor-ferries"
    else:
        with pytest.raises(AmbiguousTerm) as raised:
            parse_question(text, HARBOR, available=available, today=TODAY)
        assert {c["subject"] for c in listed(raised.value, "candidates")} == {"harbor-ferries", "north-quay"}
