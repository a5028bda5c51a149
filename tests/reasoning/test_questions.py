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

from reasoning.english import Reading
from reasoning.errors import AmbiguousTerm, FactdeskError, UnknownTerm, UnparseableQuestion, UnsupportedQuestion
from reasoning.evidence import Lexicon, MetricInfo, Term
from reasoning.mentions import find_mentions
from reasoning.questions import QuestionKind, parse_question
from reasoning.types import MetricKind, Modality
from reasoning.word_roles import account_for_words
from tests.reasoning.parses import ParsedWord, hand_parse

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
        "How many buses does Riverton Transit have today?",
        "riverton-bus-fleet",
        "buses-in-service",
        TODAY,
        "today",
        Modality.actual,
    ),
    ("How many buses has Riverton promised?", "riverton-bus-fleet", "buses-in-service", TODAY, None, Modality.pledged),
    (
        "How many new buses did Riverton add in 2024?",
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


@pytest.mark.parametrize(
    ("text", "as_of", "latest"),
    [
        ("How many buses does Riverton currently have in service?", TODAY, ["currently"]),
        ("What is the latest number of buses in Riverton?", TODAY, ["latest"]),
        ("What was the most recent count of Riverton buses on 1 May 2024?", dt.date(2024, 5, 1), ["most", "recent"]),
        ("How many buses do Riverton and Lakeside currently have in total?", TODAY, ["currently"]),
    ],
)
def test_the_latest_value_of_a_level_is_its_value_as_of_the_day_asked(
    text: str, as_of: dt.date, latest: list[str]
) -> None:
    question = parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert (question.metric, question.as_of) == ("buses-in-service", as_of)
    assert [w.word for w in question.words if w.word in ("currently", "latest", "current", "most", "recent")] == latest
    assert all(w.role == "frame" for w in question.words if w.word in latest)


@pytest.mark.parametrize(
    "text",
    [
        "How many buses were added in Riverton's latest delivery?",  # one event of a flow: which one is not read
        "When was Riverton's most recent breakdown?",
        "How many buses did Riverton have in service before the latest delivery?",  # "latest" of another noun
        "How many buses did Riverton have in service as of the latest report?",
        "How many buses did Riverton currently have in service on 1 May 2024?",  # two times said
        "How many latest buses does Riverton have?",  # the newest buses, not the latest count
    ],
)
def test_the_latest_event_is_not_read_as_every_event(text: str) -> None:
    with pytest.raises(UnknownTerm) as raised:
        parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert {"latest", "currently", "recent", "most recent"} & set(raised.value.extra["terms"])


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
        ("How many ferries did Harbor ferries have in Port Ellis on 1 March 2031?", True),  # its own name says so
        ("How many ferries did Harbor ferries have in North Quay on 1 March 2031?", False),  # a place it may not cover
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


# Every word of a question accounted for, on hand-built parses (so each rule is pinned to the parse it reads): the
# role each word plays, which words name something and must be used, and the refusal that quotes them.
FERRY_LEXICON = Lexicon(
    entities=(Term(key="harbor", name="Pellow Harbor", aliases=("Pellow",)),),
    metrics=(Term(key="ferries-added", name="Ferries added", aliases=("sailings", "TV sets")),),
    metric_info=(MetricInfo(key="ferries-added", name="Ferries added", unit="ferries", kind=MetricKind.flow),),
)

HOW_MANY_WORDS = (("How", "how", "ADV", "advmod", 1), ("many", "many", "ADJ", "amod", 3))
# "How many new ferries sailed in March ?": the metric's words, a verb of its alias's family, the time.
FERRIES_SAILED = hand_parse(
    *HOW_MANY_WORDS,
    ("new", "new", "ADJ", "amod", 3),
    ("ferries", "ferry", "NOUN", "nsubj", 4),
    ("sailed", "sail", "VERB", "ROOT", 4),
    ("in", "in", "ADP", "prep", 4),
    ("March", "march", "PROPN", "pobj", 5, "DATE"),
    ("?", "?", "PUNCT", "punct", 4),
)


def word_roles_of(words: Reading, **kwargs: object) -> list[tuple[str, int, int, str]]:
    options: dict = {"spans": [], "lexicon": FERRY_LEXICON, "chosen": {"ferries-added"}, "units": ["ferries"]} | kwargs
    return [(w.word, w.start, w.end, w.role) for w in account_for_words(words, **options)]


def test_every_word_has_a_role_at_its_offsets() -> None:
    # "ferries", "in March"; "new" is the question reader's frame word for a flow (an increment)
    spans = [((9, 12), "frame"), ((13, 20), "metric"), ((28, 36), "time")]
    assert word_roles_of(FERRIES_SAILED, spans=spans) == [
        ("How", 0, 3, "frame"),
        ("many", 4, 8, "frame"),
        ("new", 9, 12, "frame"),
        ("ferries", 13, 20, "metric"),
        ("sailed", 21, 27, "unit"),  # the family of the alias "sailings"
        ("in", 28, 30, "time"),
        ("March", 31, 36, "time"),
        ("?", 37, 38, "ignored"),
    ]


@pytest.mark.parametrize(
    ("span", "role"),
    [((13, 20), "metric"), ((14, 20), None), ((13, 19), None), ((12, 21), "metric")],
)
def test_a_word_takes_a_parts_role_only_when_the_part_covers_it_whole(span: tuple[int, int], role: str | None) -> None:
    time, new = ((28, 36), "time"), ((9, 12), "frame")
    found = {
        word: found_role
        for word, _, _, found_role in word_roles_of(FERRIES_SAILED, spans=[new, (span, "metric"), time])
    }
    assert found["ferries"] == (role or "unit"), "otherwise the unit's word explains it"


def refusal_of(words: Reading, **kwargs: object) -> UnknownTerm:
    with pytest.raises(UnknownTerm) as caught:
        word_roles_of(words, **kwargs)
    return caught.value


def test_names_nobody_chose_are_refused_each_run_of_adjacent_words_quoted_once() -> None:
    # "How many ferries did Pellow Heath and Dornwald add ?"
    words = hand_parse(
        *HOW_MANY_WORDS,
        ("ferries", "ferry", "NOUN", "dobj", 7),
        ("did", "do", "AUX", "aux", 7),
        ("Pellow", "pellow", "PROPN", "compound", 5),
        ("Heath", "heath", "PROPN", "nsubj", 7),
        ("and", "and", "CCONJ", "cc", 5),
        ("Dornwald", "dornwald", "PROPN", "conj", 5),
        ("add", "add", "VERB", "ROOT", 7),
    )
    error = refusal_of(words, spans=[((9, 16), "metric")], units=["ferries"])
    assert error.detail == (
        "'Pellow Heath', 'Dornwald' in 'How many ferries did Pellow Heath and Dornwald add' name nothing the "
        "store knows here; answering without it would answer a different question"
    )
    assert error.hint == (
        "did you mean 'Pellow Harbor', 'Pellow'? use names and measures the store knows (GET /v1/entities, "
        "GET /v1/metrics), or add them to its vocabulary"
    )
    assert error.extra == {
        "part": "term",
        "terms": ["Pellow Heath", "Dornwald"],
        "suggestions": ["Pellow Harbor", "Pellow"],
    }


def test_one_unknown_name_names_nothing_and_without_a_close_name_the_hint_suggests_none() -> None:
    words = hand_parse(
        *HOW_MANY_WORDS,
        ("ferries", "ferry", "NOUN", "nsubj", 3),
        ("in", "in", "ADP", "prep", 2),
        ("Zyx", "zyx", "PROPN", "pobj", 3),
    )
    error = refusal_of(words, spans=[((9, 16), "metric")])
    assert error.detail.startswith("'Zyx' in 'How many ferries in Zyx' names nothing the store knows here;")
    assert error.hint.startswith("use names and measures the store knows")
    assert error.extra["suggestions"] == []


@pytest.mark.parametrize(
    ("word", "must_be_used"),
    [
        (("Danish", "danish", "ADJ", "amod", 3, "NORP"), True),  # a nationality names something
        (("Pellow", "pellow", "NOUN", "compound", 3, "GPE"), True),
        (("Oslo", "oslo", "PROPN", "compound", 3), True),
        (("twelve", "twelve", "NUM", "nummod", 3), True),
        (("2030s", "2030", "NOUN", "compound", 3), True),  # a number, whatever the tagger calls it
        (("5-year", "5-year", "ADJ", "amod", 3), True),
        (("daily", "daily", "ADJ", "amod", 3, "DATE"), True),  # "daily ferries" narrows what is counted
        (("Danish", "danish", "VERB", "amod", 3, "NORP"), False),
        (("large", "large", "ADJ", "amod", 3), False),  # a frame word
        (("measles", "measles", "NOUN", "compound", 3), False),  # a modifier: listed as ignored
        (("'s", "'s", "PART", "case", 3), False),
        (("’s", "’s", "PART", "case", 3), False),
        (("$", "$", "SYM", "nmod", 3), False),
        (("\n", "\n", "SPACE", "dep", 3), False),
    ],
)
def test_a_name_number_or_nationality_must_be_used_and_a_modifier_may_be_ignored(
    word: ParsedWord, must_be_used: bool
) -> None:
    words = hand_parse(*HOW_MANY_WORDS, word, ("ferries", "ferry", "NOUN", "nsubj", 3))
    ferries = (words.tokens[3].start, words.tokens[3].end)
    if must_be_used:
        assert refusal_of(words, spans=[(ferries, "metric")]).extra["terms"] == [word[0]]
    else:
        assert word_roles_of(words, spans=[(ferries, "metric")])[2][3] in ("ignored", "frame")


@pytest.mark.parametrize(
    ("verb", "predicate"),
    [
        (("sank", "sink", "VERB", "ROOT"), True),  # what happened: the question turns on it
        (("reported", "report", "VERB", "ROOT"), False),  # it only reports
        (("electric", "electric", "ADJ", "acomp"), True),  # "were electric": a property
        (("electric", "electric", "ADJ", "attr"), True),
        (("electric", "electric", "ADJ", "amod"), True),  # "electric ferries": a qualifier of a word read
    ],
)
def test_the_verb_a_question_turns_on_must_be_used_unless_it_only_asks(
    verb: tuple[str, str, str, str], predicate: bool
) -> None:
    # "How many ferries <verb>" or "How many ferries were <adjective>": the root is word 3 either way.
    root = [] if verb[3] == "ROOT" else [("were", "be", "AUX", "ROOT", 3)]
    words = hand_parse(*HOW_MANY_WORDS, ("ferries", "ferry", "NOUN", "nsubj", 3), *root, (*verb, 3))
    if predicate:
        assert refusal_of(words, spans=[((9, 16), "metric")]).extra["terms"] == [verb[0]]
    else:
        assert word_roles_of(words, spans=[((9, 16), "metric")])[-1][3] in ("ignored", "frame")


@pytest.mark.parametrize(
    ("second", "dep", "head", "predicate"),
    [
        (("sank", "sink", "VERB"), "conj", 3, True),  # "reported ... and sank": coordinated with the root
        (("sink", "sink", "VERB"), "xcomp", 3, True),  # "began to sink": completes the root
        (("sink", "sink", "VERB"), "advcl", 3, False),
        (("sink", "sink", "VERB"), "xcomp", 4, False),  # completes a word that is not the root
        (("sink", "sink", "VERB"), "conj", 4, False),
        (("sink", "sink", "NOUN"), "conj", 3, False),  # not a verb
    ],
)
def test_verbs_joined_to_the_root_are_predicates_too(
    second: tuple[str, str, str], dep: str, head: int, predicate: bool
) -> None:
    # "How many ferries reported then <second>": "reported" is the root and only reports.
    words = hand_parse(
        *HOW_MANY_WORDS,
        ("ferries", "ferry", "NOUN", "nsubj", 3),
        ("reported", "report", "VERB", "ROOT", 3),
        ("then", "then", "ADV", "advmod", 3),
        (*second, dep, head),
    )
    if predicate:
        assert refusal_of(words, spans=[((9, 16), "metric")]).extra["terms"] == [second[0]]
    else:
        assert word_roles_of(words, spans=[((9, 16), "metric")])[-1][3] == "ignored"


def test_a_verb_completing_a_promise_is_the_modality_readers_and_the_promise_is_accounted_for() -> None:
    # "How many ferries were promised to sink": "sink" completes "promised", a word of modality.
    words = hand_parse(
        *HOW_MANY_WORDS,
        ("ferries", "ferry", "NOUN", "nsubjpass", 3),
        ("promised", "promise", "VERB", "ROOT", 3),
        ("to", "to", "PART", "aux", 5),
        ("sink", "sink", "VERB", "xcomp", 3),
    )
    assert [role for *_, role in word_roles_of(words, spans=[((9, 16), "metric")])] == [
        "frame",
        "frame",
        "metric",
        "modality",
        "ignored",
        "ignored",
    ]


@pytest.mark.parametrize(
    ("measure", "refused"),
    [((9, 17), True), ((9, 16), False), ((10, 17), False), ((0, 30), True)],
)
def test_a_naming_word_inside_another_measures_mention_must_be_used(measure: tuple[int, int], refused: bool) -> None:
    # "How many lifeboat were": "lifeboat" (characters 9 to 17) is in a mention of a measure the vocabulary
    # knows but the parse did not choose, unless the mention does not cover it whole.
    words = hand_parse(*HOW_MANY_WORDS, ("lifeboat", "lifeboat", "NOUN", "nsubj", 3), ("were", "be", "AUX", "ROOT", 3))
    options = {"unused_measures": [measure]}
    if refused:
        assert refusal_of(words, **options).extra["terms"] == ["lifeboat"]
    else:
        assert word_roles_of(words, **options)[2] == ("lifeboat", 9, 17, "ignored")


def test_a_function_word_inside_another_measures_mention_may_go_unused() -> None:
    words = hand_parse(*HOW_MANY_WORDS, ("for", "for", "ADP", "prep", 1), ("ferries", "ferry", "NOUN", "pobj", 2))
    assert word_roles_of(words, spans=[((13, 20), "metric")], unused_measures=[(9, 20)])[2] == ("for", 9, 12, "ignored")


def test_strict_counts_every_known_name_as_used_and_only_words_of_three_letters_or_more() -> None:
    # "How many ferries at Pellow ?" with nothing chosen: strict knows "Pellow" from the vocabulary.
    words = hand_parse(
        *HOW_MANY_WORDS,
        ("ferries", "ferry", "NOUN", "nsubj", 3),
        ("at", "at", "ADP", "prep", 2),
        ("Pellow", "pellow", "PROPN", "pobj", 3),
    )
    assert word_roles_of(words, chosen=(), units=(), strict=True)[-1] == ("Pellow", 20, 26, "unit")
    assert refusal_of(words, chosen=(), units=()).extra["terms"] == ["Pellow"]
    # "TV" is in the alias "TV sets", but two letters are too few to vouch for a word.
    television = hand_parse(*HOW_MANY_WORDS, ("TV", "tv", "PROPN", "nsubj", 3))
    assert refusal_of(television, chosen={"ferries-added"}, units=()).extra["terms"] == ["TV"]


@pytest.mark.parametrize(
    ("text", "kind", "metric", "ordinal"),
    [
        ("When did Riverton first add buses?", QuestionKind.date, "buses-added", None),
        ("On what date did Riverton first add buses?", QuestionKind.date, "buses-added", None),
        ("In what month were buses first added in Riverton?", QuestionKind.date, "buses-added", None),
        ("Did Riverton add buses in March 2031?", QuestionKind.existence, "buses-added", None),
        ("Were there breakdowns in Riverton in March 2031?", QuestionKind.existence, "breakdowns", None),
        ("How many times did Riverton buses break down in March 2031?", QuestionKind.event_count, "breakdowns", None),
        # "breakdowns" is the flow's own unit: the question asks for a total, not a count of events
        ("How many breakdowns did Riverton have in March 2031?", QuestionKind.value_as_of, "breakdowns", None),
        ("How many rounds of breakdowns did Riverton have in 2031?", QuestionKind.event_count, "breakdowns", None),
        ("How many rounds of buses were added in Riverton in 2031?", QuestionKind.event_count, "buses-added", None),
        ("How many buses did Riverton add in March 2031?", QuestionKind.value_as_of, "buses-added", None),
        ("How many buses did Riverton add on 3 March 2031?", QuestionKind.event_size, "buses-added", None),
        ("How much did Riverton add in buses on 3 March 2031?", QuestionKind.event_size, "buses-added", None),
        ("How many buses did Riverton add in its third delivery?", QuestionKind.event_size, "buses-added", 3),
        (
            "How many buses were added in Riverton in the second delivery of 2031?",
            QuestionKind.event_size,
            "buses-added",
            2,
        ),
        (
            "How many buses were in service in Riverton on 1 March 2031?",
            QuestionKind.value_as_of,
            "buses-in-service",
            None,
        ),
        (
            "How many of the buses in Riverton were in service on 1 March 2031?",
            QuestionKind.value_as_of,
            "buses-in-service",
            None,
        ),
    ],
)
def test_each_kind_of_question_is_told_by_its_opener_its_counted_noun_its_ordinal_and_its_time(
    text: str, kind: QuestionKind, metric: str, ordinal: int | None
) -> None:
    question = parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert (question.kind, question.subject, question.metric, question.ordinal) == (
        kind,
        "riverton-bus-fleet",
        metric,
        ordinal,
    )
    assert question.threshold is None
    ordinals = [w.word for w in question.words if w.role == "figure"]
    assert ordinals == ([] if ordinal is None else [{2: "second", 3: "third"}[ordinal]])


@pytest.mark.parametrize(
    "text",
    [
        "How many breakdowns had Riverton had by 3 March 2031?",
        "How many breakdowns had Riverton had as of 3 March 2031?",
        "How many breakdowns did Riverton have until 3 March 2031?",
        "How many breakdowns did Riverton have up to 3 March 2031?",
        "How many breakdowns did Riverton have before 3 March 2031?",
    ],
)
def test_a_flows_events_summed_up_to_a_day_are_refused_not_answered_with_that_days_event(text: str) -> None:
    with pytest.raises(UnparseableQuestion, match="does not guess where the total starts") as raised:
        parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert "between 1 March and 3 March 2031" in raised.value.hint


@pytest.mark.parametrize(
    "text",
    ["How many breakdowns had Riverton had by March 2031?", "How many breakdowns had Riverton had by 2030?"],
)
def test_a_flows_events_summed_up_to_a_month_or_a_year_are_refused_too(text: str) -> None:
    with pytest.raises(UnparseableQuestion, match="does not guess where the total starts"):
        parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("How many times had Riverton buses broken down by 3 March 2031?", QuestionKind.event_count),
        ("Had Riverton had any breakdowns by 3 March 2031?", QuestionKind.existence),
    ],
)
def test_a_count_or_an_existence_up_to_a_time_looks_at_everything_on_record_before_it(
    text: str, kind: QuestionKind
) -> None:
    question = parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert (question.kind, question.metric, question.time.start, question.time.end) == (
        kind,
        "breakdowns",
        None,
        dt.date(2031, 3, 3),
    )


@pytest.mark.parametrize(
    ("text", "last_day"),
    [
        ("Had Riverton had any breakdowns before 3 March 2031?", dt.date(2031, 3, 2)),
        ("How many times had Riverton buses broken down before March 2031?", dt.date(2031, 2, 28)),
    ],
)
def test_before_a_time_ends_the_day_before_it_starts(text: str, last_day: dt.date) -> None:
    question = parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert (question.time.start, question.time.end) == (None, last_day)


@pytest.mark.parametrize(
    "text",
    [
        "Did Riverton have any breakdowns in the week before 3 March 2031?",
        "How many times did Riverton buses break down in the days before 3 March 2031?",
    ],
)
def test_a_stretch_counted_from_a_date_is_not_read_as_the_date(text: str) -> None:
    with pytest.raises(UnknownTerm, match="'before'"):
        parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)


def test_a_flows_event_on_a_day_is_still_its_size() -> None:
    question = parse_question(
        "How many breakdowns did Riverton have on 3 March 2031?", RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY
    )
    assert (question.kind, question.metric) == (QuestionKind.event_size, "breakdowns")


@pytest.mark.parametrize(
    ("text", "value", "relation", "value_text"),
    [
        ("When did Riverton first pass 300 buses in service?", 300, "at_least", "300"),
        ("When did Riverton first top 300 buses in service in 2031?", 300, "at_least", "300"),
        ("When were buses in service in Riverton first put at 250?", 250, "equal", "250"),
    ],
)
def test_when_a_value_first_reached_a_figure_is_a_threshold_date(
    text: str, value: float, relation: str, value_text: str
) -> None:
    question = parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert question.kind is QuestionKind.date and question.metric == "buses-in-service"
    assert question.threshold is not None
    threshold = question.threshold
    assert (threshold.value, threshold.relation, threshold.value_text) == (value, relation, value_text)
    assert text[threshold.span[0] : threshold.span[1]] == value_text
    assert [w.word for w in question.words if w.role == "figure" and w.word != "first"] == [value_text]


@pytest.mark.parametrize(
    "text",
    [
        "When did Riverton have 300 buses in service?",  # a figure the question neither reaches nor puts: unused
        "When did Riverton first pass 300 buses in service, and 400?",  # two figures: no one threshold
    ],
)
def test_a_when_question_with_a_figure_it_does_not_ask_to_reach_refuses_the_figure(text: str) -> None:
    with pytest.raises(UnknownTerm) as raised:
        parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert any("300" in term for term in listed(raised.value, "terms"))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Why did Riverton add buses in 2031?", "is a 'why' question"),
        ("Riverton added buses in 2031.", "is not a question"),
        ("How many buses did Riverton have compared to Lakeside on 1 March 2031?", "is a comparison"),
    ],
)
def test_a_kind_the_service_does_not_answer_is_refused_listing_the_kinds_it_does(text: str, said: str) -> None:
    with pytest.raises(UnsupportedQuestion) as raised:
        parse_question(text, RIVERTON, available=RIVERTON_AVAILABLE, today=TODAY)
    assert said in raised.value.detail
    assert raised.value.extra == {
        "part": "kind",
        "kinds": ["value_as_of", "event_size", "sum", "event_count", "date", "existence"],
        "suggestions": [],
    }


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("How many Kenyan officers arrived after the second evacuation?", "after"),  # a time set by an unread event
        ("How many Kenyan officers fell in Haiti in 2025?", "fell"),  # not a measure the store knows
        ("What was the highest number of Kenyan officers in Haiti?", "highest"),  # not today's value
        ("How many Kenyan officers won in Haiti?", "won"),
    ],
)
def test_a_word_that_changes_the_question_is_refused_not_ignored(text: str, quoted: str) -> None:
    with pytest.raises(UnknownTerm) as raised:
        parse_question(text, CURATED, available=SEED_AVAILABLE, today=TODAY)
    assert any(quoted in term for term in listed(raised.value, "terms"))


def test_a_flow_asked_without_a_time_is_a_value_question_not_one_event() -> None:
    question = parse_question("How many people were killed in Haiti?", CURATED, available=SEED_AVAILABLE, today=TODAY)
    assert (question.kind, question.metric, question.time_named) == (QuestionKind.value_as_of, "people-killed", False)


def test_new_officers_of_a_level_are_the_flow_that_feeds_it() -> None:
    text = "How many new Kenyan officers were in Haiti on 1 March 2025?"
    question = parse_question(text, CURATED, available=SEED_AVAILABLE, today=TODAY)
    assert question.metric == "personnel-arrivals"


def test_a_name_of_a_flow_that_holds_its_unit_may_count_either_and_is_refused() -> None:
    lexicon = Lexicon(
        entities=(Term(key="acme", name="Acme", aliases=("Acme",)),),
        metrics=(Term(key="jobs-cut", name="Jobs cut", aliases=("job cuts", "cut")),),
        metric_info=(MetricInfo(key="jobs-cut", name="Jobs cut", unit="jobs", kind=MetricKind.flow),),
    )
    available = {("acme", "jobs-cut")}
    with pytest.raises(UnparseableQuestion, match="may count the jobs or the events"):
        parse_question("How many job cuts did Acme announce in 2031?", lexicon, available=available, today=TODAY)
    question = parse_question("How many jobs did Acme cut in 2031?", lexicon, available=available, today=TODAY)
    assert question.kind is QuestionKind.value_as_of
    question = parse_question(
        "How many rounds of job cuts did Acme announce in 2031?", lexicon, available=available, today=TODAY
    )
    assert question.kind is QuestionKind.event_count
