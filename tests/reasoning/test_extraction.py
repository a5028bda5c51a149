"""Extraction proposes what an editor would record from a text, and its report scores it against curated assertions."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reasoning.evidence import Lexicon, MetricInfo, Term
from reasoning.extraction import DEFAULT_EXTRACTION_SETTINGS, Extraction, ExtractionSettings, Proposal, extract
from reasoning.extraction_report import CuratedAssertion, compare, read_curated, summarize
from reasoning.types import Interval, MetricKind, Modality, Precision, TimeSpan

D = dt.date
FRIDAY = D(2024, 3, 15)  # the source date of the made-up articles below
ACTUAL, PLEDGED, PLANNED, GOAL = Modality.actual, Modality.pledged, Modality.planned, Modality.goal
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def term(key: str, *aliases: str) -> Term:
    return Term(key=key, name=aliases[0], aliases=aliases)


def info(key: str, unit: str, kind: MetricKind, feeds: str | None = None) -> MetricInfo:
    return MetricInfo(key=key, name=key, unit=unit, kind=kind, feeds=feeds)


# A made-up topic, nothing like the seed corpus: a city's buses and a river's floods.
CITY = Lexicon(
    entities=(
        term("metro-transit", "Metro Transit", "the transit agency", "the agency"),
        term("springfield", "Springfield", "the city"),
        term("riverside", "Riverside", "Riverside district"),
        term("river-ouse", "River Ouse", "the Ouse", "the river"),
    ),
    metrics=(
        term("buses", "buses", "vehicles", "fleet", "buses in service"),
        term("new-buses", "new buses", "delivered", "purchase", "additional buses", "arrived"),
        term("trips", "passenger trips", "trips", "ridership"),
        term("fare-change", "fare increase", "fares rose", "cut fares", "fares"),
        term("water-level", "water level", "peaked", "crest"),
        term("homes-flooded", "flooded", "homes flooded", "inundated"),
        term("evacuated", "evacuated", "evacuations"),
        term("flood-deaths", "deaths", "drowned"),
        term("share-under-water", "share of the town under water", "under water"),
        term("share-idle", "share of buses out of service", "out of service"),
        term("fleet-growth", "more buses than", "increase in buses"),
    ),
    metric_info=(
        info("buses", "buses", MetricKind.stock),
        info("new-buses", "buses", MetricKind.flow, feeds="buses"),
        info("trips", "trips", MetricKind.flow),
        info("fare-change", "percent", MetricKind.flow),
        info("water-level", "metres", MetricKind.stock),
        info("homes-flooded", "homes", MetricKind.flow),
        info("evacuated", "people", MetricKind.flow),
        info("flood-deaths", "people", MetricKind.flow),
        info("share-under-water", "percent", MetricKind.stock),
        info("share-idle", "percent", MetricKind.stock),
        info("fleet-growth", "buses", MetricKind.flow),
    ),
)


def read(
    text: str,
    source_date: dt.date | None = FRIDAY,
    *,
    language: str = "en",
    settings: ExtractionSettings = DEFAULT_EXTRACTION_SETTINGS,
) -> Extraction:
    return extract(text, lexicon=CITY, source_date=source_date, language=language, settings=settings)


def only(text: str, source_date: dt.date | None = FRIDAY) -> Proposal:
    proposals = read(text, source_date).proposals
    assert len(proposals) == 1, [p.value_text for p in proposals]
    return proposals[0]


def proposed(text: str, value_text: str) -> Proposal:
    return next(p for p in read(text).proposals if p.value_text == value_text)


# --- what a figure is about -----------------------------------------------------------------------------

# text, value_text, subject, metric, modality, time start, time end
SENTENCES = [
    (
        "Metro Transit has added 45 more buses to its fleet.",
        "45",
        "metro-transit",
        "new-buses",
        ACTUAL,
        D(2024, 3, 8),
        FRIDAY,
    ),
    (
        "Metro Transit now runs about 1,200 buses, the agency said on Monday.",
        "about 1,200",
        "metro-transit",
        "buses",
        ACTUAL,
        D(2024, 3, 11),
        D(2024, 3, 11),
    ),
    (
        "The agency plans to purchase 300 electric buses by 2027.",
        "300",
        "metro-transit",
        "new-buses",
        PLANNED,
        D(2027, 1, 1),
        D(2027, 12, 31),
    ),
    (
        "Metro Transit carried 2.3 million passenger trips last year.",
        "2.3 million",
        "metro-transit",
        "trips",
        ACTUAL,
        D(2023, 1, 1),
        D(2023, 12, 31),
    ),
    (
        "The council has pledged to cut Springfield's fares by 10 percent.",
        "10 percent",
        "springfield",
        "fare-change",
        PLEDGED,
        FRIDAY,
        D(2024, 4, 26),
    ),
    (
        "The River Ouse peaked at 4.5 metres on Sunday, the Environment Agency said.",
        "4.5",
        "river-ouse",
        "water-level",
        ACTUAL,
        D(2024, 3, 10),
        D(2024, 3, 10),
    ),
    (
        "Flooding hit Riverside district, where more than 300 homes were flooded.",
        "more than 300",
        "riverside",
        "homes-flooded",
        ACTUAL,
        D(2024, 3, 8),
        FRIDAY,
    ),
    (
        "The River Ouse burst its banks on Sunday, forcing some 1,500 residents to be evacuated.",
        "some 1,500",
        "river-ouse",
        "evacuated",
        ACTUAL,
        D(2024, 3, 10),
        D(2024, 3, 10),
    ),
    (
        "About a third of Riverside was under water.",
        "About a third",
        "riverside",
        "share-under-water",
        ACTUAL,
        FRIDAY,
        FRIDAY,
    ),
    (
        "One in five buses in Springfield was out of service in 2023.",
        "One in five",
        "springfield",
        "share-idle",
        ACTUAL,
        D(2023, 1, 1),
        D(2023, 12, 31),
    ),
    (
        "Springfield will receive 80 new buses next month, the mayor said.",
        "80",
        "springfield",
        "new-buses",
        PLEDGED,
        D(2024, 4, 1),
        D(2024, 4, 30),
    ),
    (
        "The goal is to reach a fleet of 1,500 buses in Springfield by 2030.",
        "1,500",
        "springfield",
        "buses",
        GOAL,
        D(2030, 1, 1),
        D(2030, 12, 31),
    ),
    (
        "Metro Transit ran 1,245 buses last year, 45 more than in 2022.",
        "45 more than in 2022",
        "metro-transit",
        "fleet-growth",
        ACTUAL,
        D(2023, 1, 1),
        D(2023, 12, 31),
    ),
    (
        "A new batch of 40 buses arrived in Springfield on Tuesday.",
        "40",
        "springfield",
        "new-buses",
        ACTUAL,
        D(2024, 3, 12),
        D(2024, 3, 12),
    ),
    ("There are now 1,300 buses on Springfield's roads.", "1,300", "springfield", "buses", ACTUAL, FRIDAY, FRIDAY),
    (
        "Some 400 buses were delivered to the agency since the programme began in June.",
        "Some 400",
        "metro-transit",
        "new-buses",
        ACTUAL,
        D(2023, 6, 1),
        FRIDAY,
    ),
    # A record's baseline ("the most since 2009") dates no figure, neither its own nor a later sentence's.
    (
        "Springfield ran 1,300 buses, the most since 2009. Metro Transit delivered 40 new buses.",
        "40",
        "metro-transit",
        "new-buses",
        ACTUAL,
        D(2024, 3, 8),
        FRIDAY,
    ),
    (
        "Springfield ran 1,300 buses, its largest fleet since 2009.",
        "1,300",
        "springfield",
        "buses",
        ACTUAL,
        FRIDAY,
        FRIDAY,
    ),
    (
        "Some 300 homes were flooded in Riverside overnight.",
        "Some 300",
        "riverside",
        "homes-flooded",
        ACTUAL,
        D(2024, 3, 14),
        FRIDAY,
    ),
    # An expectation is a plan; "by Wednesday" in a plan is the coming Wednesday; "the water level" with no name
    # of its own is about what the paragraph's earlier water level was about, not the last place named.
    (
        "The River Ouse peaked at 4.5 metres on Sunday. Some 300 residents were evacuated from Riverside district. "
        "Officials expect the water level to drop below 3 metres by Wednesday.",
        "below 3",
        "river-ouse",
        "water-level",
        PLANNED,
        D(2024, 3, 20),
        D(2024, 3, 20),
    ),
    (
        "Springfield took delivery of 12 more buses on Monday, bringing the fleet to around 1,320 buses.",
        "12",
        "springfield",
        "new-buses",
        ACTUAL,
        D(2024, 3, 11),
        D(2024, 3, 11),
    ),
    (
        "Springfield took delivery of 12 more buses on Monday, bringing the fleet to around 1,320 buses.",
        "around 1,320",
        "springfield",
        "buses",
        ACTUAL,
        FRIDAY,
        FRIDAY,
    ),
]


@pytest.mark.parametrize(("text", "value_text", "subject", "metric", "modality", "start", "end"), SENTENCES)
def test_a_figure_is_read_with_its_subject_metric_modality_and_time(
    text: str, value_text: str, subject: str, metric: str, modality: Modality, start: dt.date, end: dt.date
) -> None:
    proposal = proposed(text, value_text)
    assert (proposal.subject, proposal.metric, proposal.modality) == (subject, metric, modality)
    assert (proposal.time.start, proposal.time.end) == (start, end)
    assert proposal.quote == text[proposal.quote_start : proposal.quote_end]
    assert value_text in proposal.quote


def test_a_figure_nothing_in_the_lexicon_fits_is_proposed_unresolved_with_its_context() -> None:
    proposal = only("The repairs to the depot will cost 12 million dollars.")
    assert (proposal.subject, proposal.metric, proposal.rule) == (None, None, "figure+unresolved")
    assert proposal.unresolved_context is not None and "repairs" in proposal.unresolved_context


def test_a_sentence_that_names_no_subject_continues_its_paragraph() -> None:
    proposals = read(
        "Last year Metro Transit carried 2.3 million passenger trips. It also delivered 40 new buses."
    ).proposals
    assert [(p.subject, p.metric, p.time.start) for p in proposals] == [
        ("metro-transit", "trips", D(2023, 1, 1)),
        ("metro-transit", "new-buses", D(2023, 1, 1)),  # the event takes the paragraph's "last year"
    ]
    assert proposals[1].rule == "figure+context" and "subject_from_context" in proposals[1].flags


def test_a_paragraph_that_names_no_subject_continues_the_previous_one() -> None:
    proposal = only("Springfield bought new buses this winter.\n\nSome 60 were delivered on Monday.")
    assert (proposal.subject, proposal.metric, proposal.time.start) == ("springfield", "new-buses", D(2024, 3, 11))


# --- modality ------------------------------------------------------------------------------------------

MODALITIES = [
    ("Springfield will deploy 80 new buses next month.", "80", PLEDGED),
    ("Metro Transit has pledged 75 new buses.", "75", PLEDGED),
    ("The mayor promised 75 new buses for Springfield.", "75", PLEDGED),
    ("Springfield to Buy 50 Electric Buses", "50", PLEDGED),  # a headline's "to"
    ("Metro Transit plans to purchase 300 buses.", "300", PLANNED),
    ("The agency is expected to receive 60 new buses.", "60", PLANNED),
    ("The 60 new buses would be ready in May.", "60", PLANNED),
    ("The city set a target of 2,000 buses.", "2,000", GOAL),
    ("Springfield aims to run 1,500 buses by 2030.", "1,500", GOAL),
    ("Metro Transit bought 200 buses in 2019.", "200", ACTUAL),
    ("The city will replace the 150 buses it bought last year.", "150", ACTUAL),  # "will" cannot promise the past
    ("Metro Transit expects the fleet to reach 1,500 buses.", "1,500", PLANNED),
    ("Ridership is projected at 3 million trips.", "3 million", PLANNED),
    ("The agency forecasts 3 million trips.", "3 million", PLANNED),
]


@pytest.mark.parametrize(("text", "value_text", "modality"), MODALITIES)
def test_modality_comes_from_the_words_that_govern_the_figure(text: str, value_text: str, modality: Modality) -> None:
    proposal = only(text)
    assert (proposal.value_text, proposal.modality) == (value_text, modality)


def test_a_promise_in_one_clause_does_not_carry_to_the_next() -> None:
    proposals = read("Metro Transit has pledged 1,000 buses and has now delivered 600 of them.").proposals
    assert [(p.value_text, p.modality) for p in proposals] == [("1,000", PLEDGED), ("600", ACTUAL)]


def test_a_flow_named_for_another_figure_does_not_turn_a_level_into_a_flow() -> None:
    text = "Metro Transit runs 1,200 buses, but the agency reported on Monday that 40 buses were delivered."
    assert [(p.value_text, p.metric) for p in read(text).proposals] == [("1,200", "buses"), ("40", "new-buses")]


def test_a_bare_month_in_a_plan_is_the_next_such_month() -> None:
    assert only("The 60 new buses would be ready in May.").time.start == D(2024, 5, 1)


# --- time ----------------------------------------------------------------------------------------------

# text, start, end, precision, rule
TIMES = [
    ("Metro Transit delivered 40 new buses.", D(2024, 3, 8), FRIDAY, Precision.period, "undated_event_before_source"),
    (
        "Metro Transit will deliver 40 new buses.",
        FRIDAY,
        D(2024, 4, 26),
        Precision.period,
        "undated_promise_after_source",
    ),
    ("Metro Transit runs 1,245 buses.", FRIDAY, FRIDAY, Precision.day, "source_date"),
    (
        "Metro Transit runs 1,245 buses, the agency said on Monday.",
        D(2024, 3, 11),
        D(2024, 3, 11),
        Precision.day,
        "weekday_before_anchor",
    ),
    ("Metro Transit has retired more than 300 buses in recent years.", None, None, Precision.unknown, "vague_span"),
    (
        "Ridership reached 2.1 million trips in 2023, compared with 2022.",
        D(2023, 1, 1),
        D(2023, 12, 31),
        Precision.year,
        "explicit_year",
    ),
    (
        "Metro Transit bought 400 buses in December and over 200 last month.",
        D(2023, 12, 1),
        D(2023, 12, 31),
        Precision.month,
        "month_not_after_anchor",
    ),
]


@pytest.mark.parametrize(("text", "start", "end", "precision", "rule"), TIMES)
def test_time_comes_from_the_figures_own_date_phrase_else_a_stated_default(
    text: str, start: dt.date | None, end: dt.date | None, precision: Precision, rule: str
) -> None:
    proposal = read(text).proposals[0]
    assert proposal.time == TimeSpan(start=start, end=end, precision=precision, rule=rule)


def test_each_figure_takes_the_date_that_follows_it() -> None:
    proposals = read("Metro Transit bought 400 buses in December and over 200 last month.").proposals
    assert [p.time_text for p in proposals] == ["in December", "last month"]


def test_an_undated_source_gets_unknown_times_and_a_flag_never_todays_date() -> None:
    extraction = read("Metro Transit delivered 40 new buses last week. It runs 1,245 buses now.", source_date=None)
    assert [p.time.precision for p in extraction.proposals] == [Precision.unknown, Precision.unknown]
    assert all(p.time.start is None and "source_undated" in p.flags for p in extraction.proposals)
    assert any("no date" in note for note in extraction.notes)


def test_an_undated_source_still_reads_an_absolute_date() -> None:
    proposal = only("Metro Transit delivered 40 new buses on 3 March 2024.", source_date=None)
    assert proposal.time == TimeSpan(
        start=D(2024, 3, 3), end=D(2024, 3, 3), precision=Precision.day, rule="explicit_day"
    )


# --- claimants, denials, what is not a figure, languages ------------------------------------------------

CLAIMANTS = [
    ("Some 60 buses were delivered to Springfield, according to Metro Transit.", "Metro Transit"),
    ("The agency said on Monday that 60 buses were delivered.", "The agency"),
    ("60 buses were delivered to Springfield, the mayor told reporters.", "the mayor"),
    ("The Environment Agency reported that 300 homes were flooded.", "The Environment Agency"),
    ("Springfield has 1,300 buses.", None),
    ("Some 60 buses were delivered to Springfield, officials said.", "officials"),
]


@pytest.mark.parametrize(("text", "claimant"), CLAIMANTS)
def test_the_claimant_is_who_the_sentence_says_states_the_figure(text: str, claimant: str | None) -> None:
    assert only(text).claimant == claimant


def test_a_closing_attribution_covers_every_figure_of_its_sentence() -> None:
    text = (
        "The River Ouse peaked at 4.5 metres on Sunday, its highest level since 1998. "
        "Some 300 homes were flooded in Riverside overnight, and at least two people drowned, police said."
    )
    proposals = read(text).proposals[1:]
    assert [(p.value_text, p.claimant) for p in proposals] == [("Some 300", "police"), ("at least two", "police")]
    assert all(p.time.start is not None and p.time.start.year == 2024 for p in proposals)  # never "since 1998"


def test_it_said_points_back_to_the_previous_sentences_claimant() -> None:
    text = (
        "Some 300 homes were flooded, according to the Environment Agency. "
        "Another 40 were flooded in Riverside, it said."
    )
    assert [p.claimant for p in read(text).proposals] == ["the Environment Agency", "the Environment Agency"]


def test_no_metric_is_proposed_as_zero_by_the_denial_rule() -> None:
    proposal = only("Officials in Riverside said no deaths were reported.")
    assert (proposal.subject, proposal.metric, proposal.value_text) == ("riverside", "flood-deaths", "no deaths")
    assert proposal.interval == Interval(low=0.0, best=0.0, high=0.0, rule="denial")


def test_a_denial_takes_the_subject_and_time_of_the_figure_it_denies() -> None:
    text = "Metro Transit said 40 buses were delivered on Monday. The mayor denied that any buses were delivered late."
    stated, denied = read(text).proposals
    assert (denied.metric, denied.subject, denied.time, denied.rule) == (
        stated.metric,
        stated.subject,
        stated.time,
        "denial",
    )
    assert denied.value_text == "denied that any buses were delivered"


@pytest.mark.parametrize(
    "text",
    [
        "The line was closed for 12 days in 2023.",  # a duration and a year
        "It was the third flood this year.",  # an ordinal
        "A one-year trial starts on 3 March 2024.",  # a duration and a date
        "Route 66 reopened at 3 pm.",  # a name and a time
        "Thousands of residents fled the river.",  # a vague plural
    ],
)
def test_years_durations_ordinals_names_and_times_are_not_figures(text: str) -> None:
    assert read(text).proposals == []


def test_a_duration_is_reported_as_skipped() -> None:
    assert any("duration" in why for why in read("The line was closed for 12 days.").skipped)


def test_a_text_in_another_language_is_not_read_and_says_why() -> None:
    extraction = read("Le fleuve a inondé 300 maisons à Riverside.", language="fr")
    assert extraction.proposals == [] and extraction.language == "fr"
    assert any("'fr'" in note for note in extraction.notes)


def test_a_regional_english_tag_is_read() -> None:
    assert len(read("Metro Transit runs 1,245 buses.", language="en-GB").proposals) == 1


def test_a_table_of_numbers_stops_at_the_proposal_limit_and_says_so() -> None:
    extraction = read("Metro Transit ran 5 buses. " * 50, settings=ExtractionSettings(max_proposals=10))
    assert len(extraction.proposals) == 10 and any("stopped" in note for note in extraction.notes)


def test_a_500000_character_text_is_read_and_its_proposals_are_capped() -> None:
    # How long it takes is measured by `python -m bench.long_texts`, not asserted here.
    article = " ".join(text for text, *_ in SENTENCES) + "\n\n"
    text = (article * (500_000 // len(article) + 1))[:500_000]
    extraction = read(text)
    assert len(extraction.proposals) == DEFAULT_EXTRACTION_SETTINGS.max_proposals
    assert any("stopped" in note for note in extraction.notes)


# --- properties over texts built from templates -----------------------------------------------------------

_SUBJECTS = ["Metro Transit", "Springfield", "The agency", "Riverside district", "The River Ouse", "Nobody", "It"]
_VERBS = ["has added", "will deliver", "plans to purchase", "said it had", "reported", "denied it had", "flooded"]
_QUALIFIERS = ["", "about ", "over ", "nearly ", "at least ", "some ", "more than ", "an estimated "]
_NUMBERS = st.one_of(
    st.integers(1, 10_000_000).map(lambda n: f"{n:,}"),
    st.integers(1, 999).map(str),
    st.sampled_from(
        ["a thousand", "twenty", "five million", "one in eight", "half of", "a dozen", "80%", "12 per cent"]
    ),
)
_NOUNS = ["buses", "new buses", "passenger trips", "homes", "residents", "of the fleet", "vehicles", "", "no deaths"]
_RELATIVE_TIMES = ["", " last week", " on Monday", " next month", " in recent days", " recently", " soon", " last year"]
_ABSOLUTE_TIMES = [" in 2023", " on 3 March 2024", " in June 2022"]
_JOINS = [". ", ", and ", "; ", " — ", "\n\n", ", according to the agency. ", " (", ") ", ", it said. ", ". “", "” "]


def _sentences(times: list[str]) -> st.SearchStrategy[str]:
    parts = st.tuples(
        st.sampled_from(_SUBJECTS),
        st.sampled_from(_VERBS),
        st.sampled_from(_QUALIFIERS),
        _NUMBERS,
        st.sampled_from(_NOUNS),
        st.sampled_from(times),
    )
    return parts.map(lambda p: f"{p[0]} {p[1]} {p[2]}{p[3]} {p[4]}{p[5]}")


def _texts(times: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(_sentences(times), st.sampled_from(_JOINS)), min_size=1, max_size=8).map(
        lambda pieces: "".join(sentence + join for sentence, join in pieces)
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts(_RELATIVE_TIMES + _ABSOLUTE_TIMES), st.sampled_from([FRIDAY, D(2025, 1, 1), None]))
def test_every_quote_is_the_text_at_its_offsets_and_holds_its_figure(text: str, source_date: dt.date | None) -> None:
    for proposal in read(text, source_date).proposals:
        assert 0 <= proposal.quote_start < proposal.quote_end <= len(text)
        assert text[proposal.quote_start : proposal.quote_end] == proposal.quote
        assert proposal.value_text in proposal.quote


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_without_error_and_quotes_hold(text: str) -> None:
    for proposal in read(text).proposals:
        assert text[proposal.quote_start : proposal.quote_end] == proposal.quote
        assert proposal.value_text in proposal.quote


@settings(max_examples=100, deadline=None)
@given(_texts(_RELATIVE_TIMES))
def test_an_undated_source_never_gets_a_date_from_relative_words(text: str) -> None:
    for proposal in read(text, source_date=None).proposals:
        assert (proposal.time.start, proposal.time.end, proposal.time.precision) == (None, None, Precision.unknown)


# --- the report ----------------------------------------------------------------------------------------

EXACT_40 = Interval(low=40.0, best=40.0, high=40.0, rule="exact")
MONDAY = TimeSpan(start=D(2024, 3, 11), end=D(2024, 3, 11), precision=Precision.day)
UNKNOWN = TimeSpan(start=None, end=None, precision=Precision.unknown)


def proposal(*, modality: Modality = ACTUAL, time: TimeSpan = MONDAY, quote: tuple[int, int] = (0, 10)) -> Proposal:
    return Proposal(
        subject="metro-transit",
        metric="new-buses",
        value_text="40",
        interval=EXACT_40,
        modality=modality,
        time=time,
        time_text=None,
        claimant=None,
        quote="x" * (quote[1] - quote[0]),
        quote_start=quote[0],
        quote_end=quote[1],
        rule="figure+alias",
    )


def curated(*, time: TimeSpan = MONDAY, quote: tuple[int, int] = (5, 20), low: float = 38.0) -> CuratedAssertion:
    interval = Interval(low=low, best=40.0, high=44.0, rule="round_figure")
    return CuratedAssertion(
        subject="metro-transit",
        metric="new-buses",
        modality=ACTUAL,
        interval=interval,
        time=time,
        quote_start=quote[0],
        quote_end=quote[1],
    )


def test_a_proposal_matches_the_curated_assertion_it_agrees_with() -> None:
    report = compare([proposal()], [curated()], name="one")
    assert (report.matched, report.precision, report.recall, report.matches) == (1, 1.0, 1.0, [(0, 0)])


@pytest.mark.parametrize(
    ("candidate", "item"),
    [
        (proposal(modality=PLEDGED), curated()),  # another modality
        (proposal(quote=(30, 40)), curated()),  # quotes that do not overlap
        (proposal(time=UNKNOWN), curated()),  # one time unknown, the other not
        (proposal(), curated(low=41.0)),  # intervals that do not overlap
    ],
)
def test_a_proposal_that_disagrees_in_any_part_does_not_match(candidate: Proposal, item: CuratedAssertion) -> None:
    assert compare([candidate], [item]).matched == 0


def test_two_unknown_times_match() -> None:
    assert compare([proposal(time=UNKNOWN)], [curated(time=UNKNOWN)]).matched == 1


def test_matching_is_one_to_one() -> None:
    report = compare([proposal(), proposal()], [curated()])
    assert (report.matched, report.precision, report.recall, report.unmatched_proposals) == (1, 0.5, 1.0, [1])


def test_matching_finds_the_assignment_that_matches_most() -> None:
    # The first proposal fits both items, the second only the first item: both must be matched.
    wide, narrow = proposal(quote=(0, 40)), proposal(quote=(0, 10))
    report = compare([wide, narrow], [curated(quote=(5, 20)), curated(quote=(30, 35))])
    assert report.matched == 2 and report.missed_curated == []


def test_corpus_scores_are_micro_averaged() -> None:
    reports = [
        compare([proposal()], [curated()]),
        compare([proposal(), proposal(modality=GOAL)], [curated(), curated()]),
    ]
    corpus = summarize(reports)
    assert (corpus.matched, corpus.proposals, corpus.curated) == (2, 3, 3)
    assert corpus.precision == pytest.approx(2 / 3) and corpus.recall == pytest.approx(2 / 3)


def test_a_curated_record_without_an_interval_is_read_from_its_value_text() -> None:
    record = {
        "id": "x",
        "subject": "s",
        "metric": "m",
        "value_text": "over 600",
        "interval": None,
        "modality": "actual",
        "time": {"start": "2025-01-18", "end": "2025-01-18", "precision": "day", "text": None},
        "quote_start": 3,
        "quote_end": 9,
    }
    item = read_curated(record)
    assert item.interval == Interval(low=600.0, best=600.0, high=660.0, rule="more_than")
    assert item.time == TimeSpan(start=D(2025, 1, 18), end=D(2025, 1, 18), precision=Precision.day)


# --- the seed corpus -------------------------------------------------------------------------------------


def seed_lexicon() -> Lexicon:
    vocabulary = json.loads((SEEDS / "curated" / "vocabulary.json").read_text(encoding="utf-8"))
    return Lexicon(
        entities=tuple(Term(key=e["key"], name=e["name"], aliases=tuple(e["aliases"])) for e in vocabulary["entities"]),
        metrics=tuple(Term(key=m["key"], name=m["name"], aliases=tuple(m["aliases"])) for m in vocabulary["metrics"]),
        metric_info=tuple(
            MetricInfo(key=m["key"], name=m["name"], unit=m["unit"], kind=MetricKind(m["kind"]), feeds=m["feeds"])
            for m in vocabulary["metrics"]
        ),
    )


def test_the_seed_corpus_reaches_the_recall_and_precision_goals() -> None:
    lexicon = seed_lexicon()
    sources = json.loads((SEEDS / "curated" / "sources.json").read_text(encoding="utf-8"))
    records = json.loads((SEEDS / "curated" / "assertions.json").read_text(encoding="utf-8"))
    reports = []
    for source in sources:
        text = (SEEDS / "texts" / source["file"]).read_text(encoding="utf-8")
        used = D.fromisoformat(source["date_used"]) if source["date_used"] else None
        extraction = extract(text, lexicon=lexicon, source_date=used, language=source["language"])
        items = [read_curated(r) for r in records if r["source"] == source["file"]]
        for p in extraction.proposals:
            assert text[p.quote_start : p.quote_end] == p.quote and p.value_text in p.quote
        reports.append(compare(extraction.proposals, items, name=source["file"]))
    corpus = summarize(reports)
    for report in corpus.texts:
        counts = f"{report.matched} matched, {report.proposals} proposed, {report.curated} curated"
        print(f"{report.name}: precision {report.precision:.2f}, recall {report.recall:.2f} ({counts})")
    print(f"overall: precision {corpus.precision:.3f}, recall {corpus.recall:.3f}")
    assert corpus.recall >= 0.9
    assert corpus.precision >= 0.8
