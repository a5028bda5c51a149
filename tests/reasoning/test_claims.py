"""Claims become predicates on the true value, and the evidence's answer becomes a verdict with its reason."""

from __future__ import annotations

import contextlib
import datetime as dt
import math

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reasoning.claims import (
    ParsedClaim,
    Predicate,
    Verdict,
    describe_predicate,
    judge_claim,
    parse_claim,
    predicate_for,
)
from reasoning.errors import AmbiguousTerm, FactdeskError, UnknownTerm, UnparseableClaim
from reasoning.figures import parse_figure
from reasoning.types import Interval, Modality, Precision
from tests.reasoning.test_questions import (
    CURATED,
    RIVERTON,
    RIVERTON_AVAILABLE,
    SEED_AVAILABLE,
    TODAY,
    listed,
)

INF = math.inf


def interval(low: float | None, best: float, high: float | None, rule: str = "reported") -> Interval:
    return Interval(low=low, best=best, high=high, rule=rule)


def seed_claim(text: str, as_of: dt.date | None = None) -> ParsedClaim:
    return parse_claim(text, CURATED, available=SEED_AVAILABLE, as_of=as_of, today=TODAY)


def riverton_claim(text: str, as_of: dt.date | None = None) -> ParsedClaim:
    return parse_claim(text, RIVERTON, available=RIVERTON_AVAILABLE, as_of=as_of, today=TODAY)


# --- the editor's acceptance claims (EDITOR_NOTES 7-9) ----------------------------------------------------


def test_kenya_has_deployed_1000_is_contradicted_by_617_as_of_20_january_2025() -> None:
    claim = seed_claim("Kenya has deployed 1,000 police officers to Haiti", as_of=dt.date(2025, 1, 20))
    assert (claim.subject, claim.metric, claim.modality) == ("kenyan-police-contingent", "personnel", Modality.actual)
    assert (claim.predicate.relation, claim.predicate.low, claim.predicate.high) == ("about", 900, 1100)
    assert (claim.as_of, claim.time.rule) == (dt.date(2025, 1, 20), "checked_as_of")
    verdict = judge_claim(
        claim.predicate, estimate=interval(577, 617, 657), supporting=[interval(600, 600, 660)], conflicting=[]
    )
    assert verdict.verdict == "contradicted"


def test_more_than_5000_killed_in_2024_is_supported_by_5601() -> None:
    claim = seed_claim("More than 5,000 people were killed in Haiti in 2024")
    assert (claim.subject, claim.metric) == ("haiti", "people-killed")
    assert (claim.time.precision, claim.time.start, claim.time.end) == (
        Precision.year,
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    predicate = claim.predicate
    assert (predicate.relation, predicate.low, predicate.high) == ("more_than", 5000, None)
    assert not predicate.low_inclusive
    supporting = [parse_figure("at least 5,601").interval, parse_figure("over 5,600").interval]
    verdict = judge_claim(predicate, estimate=supporting[0], supporting=supporting, conflicting=[])
    assert verdict.verdict == "supported"


@pytest.mark.parametrize(
    ("as_of", "estimate", "expected"),
    [
        (dt.date(2024, 9, 21), parse_figure("over 700,000").interval, "contradicted"),
        (dt.date(2025, 1, 20), parse_figure("over one million").interval, "supported"),
        # The same bounds from an answer that no longer says how they were written: the range only
        # touches the claim's open boundary, so it still lies within it.
        (dt.date(2025, 1, 20), interval(1_000_000, 1_000_000, 1_100_000), "supported"),
    ],
)
def test_over_a_million_displaced_depends_on_the_date(as_of: dt.date, estimate: Interval, expected: str) -> None:
    claim = seed_claim("Over a million Haitians have been displaced", as_of=as_of)
    assert (claim.subject, claim.metric, claim.predicate.relation) == ("haiti", "people-displaced", "more_than")
    assert claim.as_of == as_of
    assert judge_claim(claim.predicate, estimate=estimate, supporting=[estimate], conflicting=[]).verdict == expected


# --- reading claims ---------------------------------------------------------------------------------------

# claim, subject, metric, relation, low, high, modality
SEED_CLAIMS = [
    (
        "At least 150 people were killed in Kenscoff",
        "kenscoff",
        "people-killed",
        "at_least",
        150,
        None,
        Modality.actual,
    ),
    (
        "Nearly 400 Kenyan officers were deployed",
        "kenyan-police-contingent",
        "personnel",
        "nearly",
        360,
        400,
        Modality.actual,
    ),
    (
        "Exactly 217 Kenyan officers arrived on 18 January 2025",
        "kenyan-police-contingent",
        "personnel-arrivals",
        "exactly",
        217,
        217,
        Modality.actual,
    ),
    (
        "Kenya has deployed 217 more police officers to Haiti",
        "kenyan-police-contingent",
        "personnel-arrivals",
        "exactly",
        217,
        217,
        Modality.actual,
    ),
    (
        "Kenya has pledged a thousand officers",
        "kenyan-police-contingent",
        "personnel",
        "about",
        900,
        1100,
        Modality.pledged,
    ),
    (
        "About 80% of Port-au-Prince is under gang control",
        "port-au-prince",
        "gang-control-share",
        "about",
        72,
        88,
        Modality.actual,
    ),
    (
        "Fewer than twenty Kenyan officers resigned",
        "kenyan-police-contingent",
        "resignation-letters",
        "less_than",
        None,
        20,
        Modality.actual,
    ),
]

RIVERTON_CLAIMS = [
    (
        "Riverton has 120 buses in service",
        "riverton-bus-fleet",
        "buses-in-service",
        "exactly",
        120,
        120,
        Modality.actual,
    ),
    ("Lakeside has about 200 buses", "lakeside-bus-fleet", "buses-in-service", "about", 180, 220, Modality.actual),
    (
        "Riverton's fleet has over a thousand buses",
        "riverton-bus-fleet",
        "buses-in-service",
        "more_than",
        1000,
        None,
        Modality.actual,
    ),
    (
        "More than 30 buses were delivered to Riverton in 2024",
        "riverton-bus-fleet",
        "buses-added",
        "more_than",
        30,
        None,
        Modality.actual,
    ),
    ("Riverton has promised 50 new buses", "riverton-bus-fleet", "buses-added", "exactly", 50, 50, Modality.pledged),
    (
        "Lakeside buses broke down no more than 12 times in 2024",
        "lakeside-bus-fleet",
        "breakdowns",
        "at_most",
        None,
        12,
        Modality.actual,
    ),
]


@pytest.mark.parametrize(("text", "subject", "metric", "relation", "low", "high", "modality"), SEED_CLAIMS)
def test_seed_topic_claims_are_read_into_a_predicate(
    text: str, subject: str, metric: str, relation: str, low: float | None, high: float | None, modality: Modality
) -> None:
    claim = seed_claim(text, as_of=dt.date(2025, 1, 20))
    assert (claim.subject, claim.metric, claim.modality) == (subject, metric, modality)
    assert (claim.predicate.relation, claim.predicate.low, claim.predicate.high) == (relation, low, high)


@pytest.mark.parametrize(("text", "subject", "metric", "relation", "low", "high", "modality"), RIVERTON_CLAIMS)
def test_claims_about_another_topic_are_read_the_same_way(
    text: str, subject: str, metric: str, relation: str, low: float | None, high: float | None, modality: Modality
) -> None:
    claim = riverton_claim(text)
    assert (claim.subject, claim.metric, claim.modality) == (subject, metric, modality)
    assert (claim.predicate.relation, claim.predicate.low, claim.predicate.high) == (relation, low, high)


def test_spans_show_which_words_were_read_as_what() -> None:
    text = "More than 5,000 people were killed in Haiti in 2024"
    claim = seed_claim(text)
    assert claim.subject_span is not None and claim.time_span is not None
    parts = [text[slice(*span)] for span in (claim.subject_span, claim.metric_span, claim.value_span, claim.time_span)]
    assert parts == ["Haiti", "people were killed", "More than 5,000", "in 2024"]  # the alias "people killed"
    assert claim.time_text == "in 2024"


def test_relative_dates_in_a_claim_are_resolved_against_its_check_date() -> None:
    claim = riverton_claim("Riverton added 30 buses last month", as_of=dt.date(2025, 1, 20))
    assert (claim.time.start, claim.time.end, claim.as_of) == (
        dt.date(2024, 12, 1),
        dt.date(2024, 12, 31),
        dt.date(2024, 12, 31),
    )


def test_a_claim_without_a_date_or_check_date_is_about_today() -> None:
    claim = riverton_claim("Riverton has 120 buses")
    assert (claim.as_of, claim.time.rule, claim.time_text) == (TODAY, "today", None)


@pytest.mark.parametrize(
    ("text", "part", "suggested"),
    [
        ("Riverton has many buses", "value", None),
        ("Riverton has 120 buses and Lakeside 80 trams", "metric", None),
        ("Riverton has fewer buses", "value", None),
        ("Riverton has not added 30 buses", "value", None),
        ("Rivertown has 120 buses", "subject", "Riverton"),
        ("Riverton has 120 trams", "metric", None),
        ("Riverton added 30 buses in May 2024 and in June 2024", "date", None),
    ],
)
def test_a_claim_not_understood_says_which_part(text: str, part: str, suggested: str | None) -> None:
    with pytest.raises(UnparseableClaim) as raised:
        riverton_claim(text)
    assert raised.value.extra["part"] == part
    assert raised.value.hint
    if suggested is not None:
        assert suggested in listed(raised.value, "suggestions")


def test_a_claim_about_two_subjects_with_evidence_for_both_is_ambiguous() -> None:
    with pytest.raises(AmbiguousTerm) as raised:
        riverton_claim("Riverton and Lakeside have 200 buses")
    assert len(listed(raised.value, "candidates")) == 2


# --- predicates -----------------------------------------------------------------------------------------

# written, relation, low, high, low_inclusive, high_inclusive
PREDICATES = [
    ("1,000", "about", 900, 1100, True, True),
    ("217", "exactly", 217, 217, True, True),
    ("exactly 200", "exactly", 200, 200, True, True),
    ("around 1,000", "about", 900, 1100, True, True),
    ("more than 5,000", "more_than", 5000, None, False, True),
    ("over a million", "more_than", 1_000_000, None, False, True),
    ("at least 5,601", "at_least", 5601, None, True, True),
    ("nearly 400", "nearly", 360, 400, True, True),
    ("fewer than 20", "less_than", None, 20, True, False),
    ("up to 20", "at_most", None, 20, True, True),
]


@pytest.mark.parametrize(("written", "relation", "low", "high", "low_inclusive", "high_inclusive"), PREDICATES)
def test_a_claimed_figure_is_the_set_of_values_it_is_true_of(
    written: str, relation: str, low: float | None, high: float | None, low_inclusive: bool, high_inclusive: bool
) -> None:
    predicate = predicate_for(parse_figure(written))
    assert (predicate.relation, predicate.low, predicate.high) == (relation, low, high)
    assert (predicate.low_inclusive, predicate.high_inclusive) == (low_inclusive, high_inclusive)


# --- verdicts ---------------------------------------------------------------------------------------------

# claim figure, estimate, verdict
VERDICTS = [
    ("more than 5,000", interval(5601, 5601, None), "supported"),
    ("more than 5,000", interval(5000, 5000, 5000), "contradicted"),  # exactly 5,000 is not more than 5,000
    ("1,000", interval(577, 617, 657), "contradicted"),
    ("1,000", interval(950, 1000, 1050), "supported"),
    ("1,000", interval(850, 1000, 1150), "supported"),  # partly within: judged by the best value
    ("1,000", interval(850, 870, 950), "contradicted"),  # partly within: judged by the best value
    ("at least 1,000", parse_figure("nearly 1,000").interval, "contradicted"),  # touches only at the boundary
    ("up to 700,000", parse_figure("over 700,000").interval, "contradicted"),
    ("exactly 217", interval(217, 217, 217), "supported"),
    ("exactly 217", interval(200, 217, 230), "supported"),
    ("exactly 217", interval(200, 210, 230), "contradicted"),
    ("fewer than 20", interval(20, 20, 20), "contradicted"),
    ("nearly 400", parse_figure("400").interval, "supported"),
]


@pytest.mark.parametrize(("claimed", "estimate", "expected"), VERDICTS)
def test_the_verdict_compares_the_estimate_with_the_values_the_claim_allows(
    claimed: str, estimate: Interval, expected: str
) -> None:
    verdict = judge_claim(predicate_for(parse_figure(claimed)), estimate=estimate, supporting=[], conflicting=[])
    assert verdict.verdict == expected


def test_a_partly_overlapping_estimate_says_it_was_judged_by_the_best_value() -> None:
    verdict = judge_claim(
        predicate_for(parse_figure("1,000")), estimate=interval(850, 1000, 1150), supporting=[], conflicting=[]
    )
    assert "best value" in verdict.reason and "1,000" in verdict.reason


def test_no_estimate_is_unverifiable() -> None:
    verdict = judge_claim(predicate_for(parse_figure("1,000")), estimate=None, supporting=[], conflicting=[])
    assert verdict.verdict == "unverifiable"


def test_credible_evidence_on_both_sides_is_mixed() -> None:
    predicate = predicate_for(parse_figure("around 1,000"))
    estimate = interval(761, 761, 761, "derived")
    conflicting = [parse_figure("around 1,000").interval]
    verdict = judge_claim(
        predicate, estimate=estimate, supporting=[estimate], conflicting=conflicting, credible_conflict=True
    )
    assert verdict.verdict == "mixed"
    assert "both sides" in verdict.reason


@pytest.mark.parametrize(
    ("within", "outside", "verdict"),
    [
        (["a", "b"], ["c"], "supported"),  # two origins confirm the best estimate, one dissents
        (["a", "a"], ["c"], "mixed"),  # one origin twice is one confirmation
        (["a"], ["c"], "mixed"),
        (["a"], ["c", "d"], "mixed"),
    ],
)
def test_more_independent_origins_with_the_best_estimate_than_against_it_settle_the_verdict(
    within: list[str], outside: list[str], verdict: str
) -> None:
    predicate = predicate_for(parse_figure("431"))
    estimate = interval(431, 431, 431, "reported")
    found = judge_claim(
        predicate,
        estimate=estimate,
        supporting=[estimate] * len(within),
        conflicting=[interval(402, 402, 402, "reported")] * len(outside),
        credible_conflict=True,
        supporting_origins=within,
        conflicting_origins=outside,
    )
    assert found.verdict == verdict


def test_conflicting_citations_not_vouched_for_do_not_make_a_verdict_mixed() -> None:
    predicate = predicate_for(parse_figure("around 1,000"))
    estimate = interval(761, 761, 761, "derived")
    verdict = judge_claim(
        predicate, estimate=estimate, supporting=[estimate], conflicting=[parse_figure("around 1,000").interval]
    )
    assert verdict.verdict == "contradicted"
    assert "1 conflicting citation stands against" in verdict.reason


def test_credible_conflict_with_everything_on_one_side_keeps_the_plain_verdict() -> None:
    predicate = predicate_for(parse_figure("more than 5,000"))
    estimate = parse_figure("at least 5,601").interval
    verdict = judge_claim(
        predicate,
        estimate=estimate,
        supporting=[estimate],
        conflicting=[parse_figure("over 5,600").interval],
        credible_conflict=True,
    )
    assert verdict.verdict == "supported"


# --- properties -----------------------------------------------------------------------------------------

QUALIFIERS = ["", "about ", "over ", "at least ", "nearly ", "fewer than ", "up to ", "exactly "]
bounds = st.floats(min_value=0, max_value=1e7, allow_nan=False)


@st.composite
def predicates(draw: st.DrawFn) -> Predicate:
    number = draw(st.integers(min_value=1, max_value=10_000_000))
    return predicate_for(parse_figure(f"{draw(st.sampled_from(QUALIFIERS))}{number:,}"))


@st.composite
def estimates(draw: st.DrawFn) -> Interval:
    low, high = sorted((draw(bounds), draw(bounds)))
    best = draw(st.floats(min_value=low, max_value=high, allow_nan=False))
    return Interval(low=low, best=best, high=high, rule="reported")


def _allows(predicate: Predicate, value: float) -> bool:
    low = -INF if predicate.low is None else predicate.low
    high = INF if predicate.high is None else predicate.high
    above = value > low or (value == low and predicate.low_inclusive)
    below = value < high or (value == high and predicate.high_inclusive)
    return above and below


@settings(max_examples=500, deadline=None)
@given(predicates(), estimates())
def test_without_a_credible_conflict_the_verdict_follows_the_estimate_and_its_best_value(
    predicate: Predicate, estimate: Interval
) -> None:
    verdict = judge_claim(predicate, estimate=estimate, supporting=[], conflicting=[]).verdict
    assert verdict in ("supported", "contradicted")
    p_low = -INF if predicate.low is None else predicate.low
    p_high = INF if predicate.high is None else predicate.high
    assert estimate.low is not None and estimate.high is not None
    if estimate.high < p_low or estimate.low > p_high:  # no value in common
        assert verdict == "contradicted"
    if p_low < estimate.low and estimate.high < p_high:  # every value allowed
        assert verdict == "supported"
    if p_low < estimate.best < p_high:  # the best value well inside: at worst partly within, judged by it
        assert verdict == "supported"
    if estimate.best < p_low or estimate.best > p_high:  # the best value outside: never supported
        assert verdict == "contradicted"


@settings(max_examples=300, deadline=None)
@given(predicates(), bounds)
def test_a_single_value_is_supported_exactly_when_the_claim_allows_it(predicate: Predicate, value: float) -> None:
    estimate = Interval(low=value, best=value, high=value, rule="exact")
    verdict = judge_claim(predicate, estimate=estimate, supporting=[], conflicting=[]).verdict
    assert (verdict == "supported") == _allows(predicate, value)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(QUALIFIERS))
def test_a_claimed_figure_is_read_back_as_written(number: int, qualifier: str) -> None:
    claim = riverton_claim(f"Riverton has {qualifier}{number:,} buses")
    assert claim.predicate.number == number
    assert claim.text[slice(*claim.value_span)] == f"{qualifier}{number:,}".strip()


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=80),
        st.lists(
            st.sampled_from(
                [
                    "Riverton",
                    "Lakeside",
                    "has",
                    "have",
                    "buses",
                    "added",
                    "over",
                    "a",
                    "thousand",
                    "12",
                    "1,000",
                    "in",
                    "2024",
                    "not",
                    "and",
                    "today",
                    "promised",
                    "ß",
                    "’s",
                    "nearly",
                    "May",
                ]
            ),
            max_size=14,
        ).map(" ".join),
    )
)
def test_parsing_any_claim_raises_nothing_but_domain_errors(text: str) -> None:
    with contextlib.suppress(FactdeskError):
        riverton_claim(text)


# --- claims of several figures, periods and none ----------------------------------------------------------

# claim, kind, [(subject, metric, check, low, high, time start, time end)] per part
PARTS = [
    (
        "Riverton has 120 buses and Lakeside 80",
        "several_figures",
        [
            ("riverton-bus-fleet", "buses-in-service", "value_as_of", 120, 120, TODAY, TODAY),
            ("lakeside-bus-fleet", "buses-in-service", "value_as_of", 80, 80, TODAY, TODAY),
        ],
    ),
    (
        "Riverton had 120 buses in May 2024 and 130 buses in June 2024",
        "several_figures",
        [
            (
                "riverton-bus-fleet",
                "buses-in-service",
                "value_as_of",
                120,
                120,
                dt.date(2024, 5, 1),
                dt.date(2024, 5, 31),
            ),
            (
                "riverton-bus-fleet",
                "buses-in-service",
                "value_as_of",
                130,
                130,
                dt.date(2024, 6, 1),
                dt.date(2024, 6, 30),
            ),
        ],
    ),
    (
        "Riverton buses fell from 120 in 2023 to 90 in 2024",
        "several_figures",
        [
            (
                "riverton-bus-fleet",
                "buses-in-service",
                "value_as_of",
                120,
                120,
                dt.date(2023, 1, 1),
                dt.date(2023, 12, 31),
            ),
            (
                "riverton-bus-fleet",
                "buses-in-service",
                "value_as_of",
                90,
                90,
                dt.date(2024, 1, 1),
                dt.date(2024, 12, 31),
            ),
        ],
    ),
    (
        "Riverton had 120 buses and 12 breakdowns in 2024",
        "several_figures",
        [
            (
                "riverton-bus-fleet",
                "buses-in-service",
                "value_as_of",
                120,
                120,
                dt.date(2024, 1, 1),
                dt.date(2024, 12, 31),
            ),
            ("riverton-bus-fleet", "breakdowns", "period_total", 12, 12, dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        ],
    ),
    (
        "Between 1 and 20 May 2024, Riverton added 30 buses",
        "period",
        [("riverton-bus-fleet", "buses-added", "period_total", 30, 30, dt.date(2024, 5, 1), dt.date(2024, 5, 20))],
    ),
    (
        "Riverton's fleet grew by more than 20 buses between 2 and 30 January 2024",
        "period",
        [("riverton-bus-fleet", "buses-in-service", "change", 20, None, dt.date(2024, 1, 2), dt.date(2024, 1, 30))],
    ),
    (
        "Riverton added 30 buses on 3 May 2024",
        "one_figure",
        [("riverton-bus-fleet", "buses-added", "value_as_of", 30, 30, dt.date(2024, 5, 3), dt.date(2024, 5, 3))],
    ),
    (
        "Riverton first added buses in July 2024",
        "no_figure",
        [("riverton-bus-fleet", "buses-added", "first_date", None, None, dt.date(2024, 7, 1), dt.date(2024, 7, 31))],
    ),
    (
        "Lakeside buses broke down in March 2024",
        "no_figure",
        [("lakeside-bus-fleet", "breakdowns", "existence", None, None, dt.date(2024, 3, 1), dt.date(2024, 3, 31))],
    ),
]


@pytest.mark.parametrize(("text", "kind", "parts"), PARTS)
def test_each_figure_is_a_part_with_its_own_subject_metric_and_time(
    text: str, kind: str, parts: list[tuple[str, str, str, float | None, float | None, dt.date, dt.date]]
) -> None:
    claim = riverton_claim(text)
    assert claim.kind == kind
    read_back = [
        (
            p.subject,
            p.metric,
            p.check,
            None if p.predicate is None else p.predicate.low,
            None if p.predicate is None else p.predicate.high,
            p.time.start,
            p.time.end,
        )
        for p in claim.parts
    ]
    assert read_back == parts
    first = claim.parts[0]
    assert (claim.subject, claim.metric, claim.predicate, claim.time) == (
        first.subject,
        first.metric,
        first.predicate,
        first.time,
    ), "the top-level fields are the first part's"


def test_one_ordinal_among_several_figures_picks_the_event_of_the_figure_it_counts() -> None:
    claim = riverton_claim("In May 2024 Riverton's second delivery added 40 new buses, and 3 breakdowns followed.")
    read_back = [(p.metric, p.check, p.ordinal) for p in claim.parts]
    assert read_back == [("buses-added", "event_size", 2), ("breakdowns", "period_total", None)]
    assert {w.word: w.role for w in claim.words}["second"] == "figure"


@pytest.mark.parametrize(
    "text",
    ["Riverton had had 12 breakdowns by March 2024.", "Riverton had had 12 breakdowns as of 3 March 2024."],
)
def test_a_claim_of_a_flows_events_up_to_a_time_is_refused(text: str) -> None:
    with pytest.raises(UnparseableClaim, match="does not guess where the total starts"):
        riverton_claim(text)


@pytest.mark.parametrize(
    "text",
    [
        # "in its second delivery" is the 30's: the 40 added in May is no size of the second delivery
        "In May 2024 Riverton added 40 new buses and 30 new buses in its second delivery.",
        # "from 80 buses" is the level before the delivery, not what it added
        "Riverton's second delivery in May 2024 took the fleet from 80 buses to 120 buses.",
    ],
)
def test_an_ordinal_the_grammar_does_not_give_a_figure_is_refused_never_paired_by_guess(text: str) -> None:
    with pytest.raises(UnknownTerm, match="'second'"):
        riverton_claim(text)


@pytest.mark.parametrize(
    ("text", "last_day"),
    [
        ("Riverton buses broke down by March 2024.", dt.date(2024, 3, 31)),
        ("Riverton added new buses before May 2024.", dt.date(2024, 4, 30)),
    ],
)
def test_a_claim_that_something_happened_by_a_time_looks_at_everything_on_record_up_to_it(
    text: str, last_day: dt.date
) -> None:
    (part,) = riverton_claim(text).parts
    assert (part.check, part.time.start, part.time.end) == ("existence", None, last_day)


@pytest.mark.parametrize(
    ("text", "as_of"),
    [
        ("Riverton ended 2024 with 120 buses.", dt.date(2024, 12, 31)),
        ("Riverton began on 3 May 2024 with 120 buses.", dt.date(2024, 5, 3)),
    ],
)
def test_a_figure_a_start_or_an_end_holds_is_a_level_at_that_time(text: str, as_of: dt.date) -> None:
    claim = riverton_claim(text)
    assert (claim.subject, claim.metric, claim.as_of) == ("riverton-bus-fleet", "buses-in-service", as_of)
    assert {w.word: w.role for w in claim.words}[text.split()[1]] == "frame"


@pytest.mark.parametrize(
    "text",
    [
        "Riverton began the year 2024 with 120 buses.",  # the start of a period: not when its figures are read
        "Riverton began service in May 2024 with 120 buses.",
        "Riverton closed its depot with 120 buses.",  # closing is an event of its own
        "Riverton launched a new route on 3 May 2024 with 20 buses.",  # the buses may be the route's
        "Riverton ended the strike on 3 May 2024 with 20 buses.",
        "Riverton ended the year with 120 buses.",  # which year? not the day the claim is checked
    ],
)
def test_a_start_of_a_period_or_of_something_else_is_not_a_time_the_figure_is_read_at(text: str) -> None:
    with pytest.raises(UnknownTerm):
        riverton_claim(text)


def test_a_change_says_which_way_it_went() -> None:
    assert riverton_claim("Riverton's fleet grew by 20 buses in March 2024").parts[0].direction == "up"
    assert riverton_claim("Riverton's fleet fell by 20 buses in March 2024").parts[0].direction == "down"


@pytest.mark.parametrize(
    "text",
    [
        "Riverton's fleet grew by 20 buses on 3 March 2024",  # a change needs a period with two ends
        "Riverton's fleet grew by 20 buses",
    ],
)
def test_a_change_without_a_period_is_refused(text: str) -> None:
    with pytest.raises(UnparseableClaim) as raised:
        riverton_claim(text)
    assert raised.value.extra["part"] == "value"


def test_a_part_whose_measure_is_unknown_names_its_figure_and_is_never_guessed() -> None:
    with pytest.raises(UnparseableClaim) as raised:
        riverton_claim("Riverton has 120 buses and Lakeside 80 trams")
    assert (raised.value.extra["part"], raised.value.extra["figure"]) == ("metric", "80")


@pytest.mark.parametrize(
    "text",
    [
        "Riverton has many buses",
        "Riverton has fewer buses",
        "Riverton first added buses",  # first among others, with no time: not checked
    ],
)
def test_a_claim_about_an_amount_without_a_figure_is_refused(text: str) -> None:
    with pytest.raises(UnparseableClaim):
        riverton_claim(text)


def test_a_claim_without_a_figure_uses_every_naming_word_or_is_refused() -> None:
    with pytest.raises(UnknownTerm) as raised:
        riverton_claim("The mayor endorsed Riverton buses in 2024")
    assert listed(raised.value, "terms") == ["endorsed"]


@pytest.mark.parametrize(
    "text",
    [
        "Between 1 and 30 April 2031 Riverton's fleet rose from 300 to 342 buses.",
        "Riverton's fleet grew between 1 and 30 April 2031, from 300 to 342 buses.",
    ],
)
def test_from_one_figure_to_another_over_a_period_is_a_level_at_each_end(text: str) -> None:
    claim = riverton_claim(text)
    assert [(p.check, p.time.start, p.time.end, p.movement) for p in claim.parts] == [
        ("value_as_of", dt.date(2031, 4, 1), dt.date(2031, 4, 1), True),
        ("value_as_of", dt.date(2031, 4, 30), dt.date(2031, 4, 30), True),
    ]


@pytest.mark.parametrize(
    ("text", "agrees"),
    [
        ("Riverton's fleet rose from 300 to 342 buses between 1 and 30 April 2031.", True),
        ("Riverton's fleet fell from 300 to 342 buses between 1 and 30 April 2031.", False),
        ("Riverton's fleet doubled from 150 to 300 buses between 1 and 30 April 2031.", True),
        ("Riverton's fleet doubled from 150 to 342 buses between 1 and 30 April 2031.", False),  # 2.28 times
        ("Riverton's fleet nearly doubled from 160 to 300 buses between 1 and 30 April 2031.", True),  # 1.88
        ("Riverton's fleet nearly doubled from 140 to 300 buses between 1 and 30 April 2031.", False),  # over 2
        ("Riverton's fleet more than doubled from 140 to 300 buses between 1 and 30 April 2031.", True),
        ("Riverton's fleet tripled from 150 to 300 buses between 1 and 30 April 2031.", False),
        ("Riverton's fleet halved from 300 to 150 buses between 1 and 30 April 2031.", True),
        ("Riverton's fleet nearly halved from 300 to 160 buses between 1 and 30 April 2031.", True),  # 1.88 less
        ("Riverton's fleet nearly halved from 300 to 140 buses between 1 and 30 April 2031.", False),  # over half
        ("Riverton's fleet halved from 300 to 100 buses between 1 and 30 April 2031.", False),  # a third
    ],
)
def test_a_movement_whose_verb_its_figures_deny_is_refused(text: str, agrees: bool) -> None:
    if agrees:
        claim = riverton_claim(text)
        assert [p.movement for p in claim.parts] == [True, True]
        verb = next(w for w in claim.words if w.word in ("rose", "doubled", "halved"))
        assert verb.role == "frame"
        return
    with pytest.raises(UnparseableClaim) as raised:
        riverton_claim(text)
    assert "its own figures go from" in raised.value.detail


@pytest.mark.parametrize(
    ("text", "direction", "factor", "relation", "start", "end"),
    [
        (
            "Riverton's buses in service rose between 1 and 30 April 2024.",
            "up",
            None,
            None,
            (2024, 4, 1),
            (2024, 4, 30),
        ),
        ("Riverton buses fell in 2024.", "down", None, None, (2024, 1, 1), (2024, 12, 31)),
        (
            "The number of Riverton buses had doubled between 1 and 30 April 2024.",
            "up",
            2.0,
            "about",
            (2024, 4, 1),
            (2024, 4, 30),
        ),
        ("Riverton's buses nearly halved in May 2024.", "down", 0.5, "nearly", (2024, 5, 1), (2024, 5, 31)),
        ("Riverton buses more than tripled in 2024.", "up", 3.0, "at_least", (2024, 1, 1), (2024, 12, 31)),
    ],
)
def test_a_movement_without_figures_compares_the_level_at_the_periods_two_ends(
    text: str,
    direction: str,
    factor: float | None,
    relation: str | None,
    start: tuple[int, int, int],
    end: tuple[int, int, int],
) -> None:
    claim = riverton_claim(text)
    (only,) = claim.parts
    assert (claim.kind, only.check, only.subject, only.metric) == (
        "period",
        "movement",
        "riverton-bus-fleet",
        "buses-in-service",
    )
    assert only.stated_movement is not None
    assert (only.direction, only.stated_movement.factor, only.stated_movement.relation) == (direction, factor, relation)
    assert (only.time.start, only.time.end) == (dt.date(*start), dt.date(*end))
    movement_words = {"rose", "fell", "doubled", "halved", "tripled", "nearly", "more", "than"}
    framed = {w.word for w in claim.words if w.role == "frame"} & movement_words
    assert framed == set(text.rstrip(".").split()) & movement_words


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Riverton's buses rose on 3 April 2024.", "two ends are days"),  # one day: nothing to compare
        ("Riverton's buses rose.", "two ends are days"),
        ("Riverton's buses rose between 2022 and 2023.", "two ends are days"),  # the years' levels, or both?
        ("Riverton's new buses doubled between 1 and 30 April 2024.", "counted in events"),  # a flow's events
        ("Riverton's buses rose and then fell in 2024.", "without a figure"),  # two movements
        ("Riverton's buses rose by many in 2024.", "says more of the movement"),  # an amount, not said
        ("Riverton's buses rose slightly in 2024.", "says more of the movement"),  # how much: not checked
        ("Riverton's buses rose by a third in 2024.", "says more of the movement"),
        ("Riverton's buses at least doubled in 2024.", "says more of the movement"),  # a bound not read
        ("Riverton's buses rose every day in May 2024.", "says more of the movement"),
        ("Riverton's buses fell into disrepair in 2024.", "says more of the movement"),  # not a movement
        ("Riverton's buses doubled as ambulances in 2024.", "says more of the movement"),
        ("Riverton's buses could double in 2024.", "only a movement that happened"),
        ("Riverton pledged to double its buses in 2024.", "only a movement that happened"),
        ("Riverton's buses rose in May 2024 per capita.", "says more of the movement"),  # under the time phrase
        ("The average age of Riverton buses rose in 2024.", "not the level"),  # another quantity moved
        ("Riverton buses per day fell in 2024.", "not the level"),
    ],
)
def test_a_movement_without_figures_needs_one_verb_a_level_and_a_period(text: str, why: str) -> None:
    with pytest.raises(UnparseableClaim) as raised:
        riverton_claim(text)
    assert why in raised.value.detail


def test_a_change_over_a_period_whose_ends_are_not_days_is_refused() -> None:
    with pytest.raises(UnparseableClaim) as raised:
        riverton_claim("Riverton's buses grew by 40 between 2022 and 2023.")  # the years' levels, or both years?
    assert "whose ends are not days" in raised.value.detail
    assert riverton_claim("Riverton's buses grew by 40 in 2023.").parts[0].check == "change"


def test_a_current_level_is_its_value_as_of_the_day_checked_and_a_latest_event_is_refused() -> None:
    claim = riverton_claim("Riverton currently has 120 buses in service.", as_of=dt.date(2024, 5, 1))
    assert (claim.metric, claim.as_of) == ("buses-in-service", dt.date(2024, 5, 1))
    assert [w.role for w in claim.words if w.word == "currently"] == ["frame"]
    for text in (
        "Riverton's latest delivery added 40 new buses in May 2024.",  # one event
        "Riverton's latest buses number 40.",  # the newest buses, not the latest count of them
    ):
        with pytest.raises(UnknownTerm) as raised:
            riverton_claim(text)
        assert raised.value.extra["terms"] == ["latest"], text


def test_a_part_of_the_figure_before_takes_no_name_written_before_it() -> None:
    # the parse hangs "40" on "Riverton" as an apposition; "40 of them in Lakeside" is Lakeside's, and Riverton
    # is the 300's
    claim = riverton_claim("On 1 May 2031 the transit authority counted 300 buses in Riverton, 40 of them in Lakeside.")
    assert [(p.subject, p.predicate and p.predicate.value_text) for p in claim.parts] == [
        ("riverton-bus-fleet", "300"),
        ("lakeside-bus-fleet", "40"),
    ]


def test_figures_of_one_time_are_no_movement() -> None:
    claim = riverton_claim("Riverton had 120 buses and 12 breakdowns in 2024")
    assert [p.movement for p in claim.parts] == [False, False]


def test_a_name_the_store_does_not_know_refuses_a_claim_with_a_figure() -> None:
    with pytest.raises(UnknownTerm) as raised:
        riverton_claim("The Westbrook depot of Riverton added 40 buses in May 2031.")
    assert raised.value.extra["terms"] == ["Westbrook"]


# --- the values a claim allows, in words, and the verdict's own reason -----------------------------------


@pytest.mark.parametrize(
    ("written", "described", "number", "is_percent"),
    [
        ("1,000", "between 900 and 1,100", 1000, False),
        ("exactly 217", "exactly 217", 217, False),
        ("more than 5,000", "more than 5,000", 5000, False),
        ("at least 5,601", "5,601 or more", 5601, False),
        ("fewer than 20", "less than 20", 20, False),
        ("up to 20", "20 or less", 20, False),
        ("30%", "exactly 30", 30, True),
    ],
)
def test_a_claimed_figure_says_in_words_which_values_it_allows(
    written: str, described: str, number: float, is_percent: bool
) -> None:
    predicate = predicate_for(parse_figure(written))
    assert describe_predicate(predicate) == described
    assert (predicate.value_text, predicate.number, predicate.is_percent) == (written, number, is_percent)


def test_a_predicate_with_no_bound_allows_any_value() -> None:
    unbounded = msgspec.structs.replace(predicate_for(parse_figure("1,000")), low=None, high=None)
    assert describe_predicate(unbounded) == "any value"


ALLOWS_1000 = "what the claim's “1,000” allows (between 900 and 1,100)"


@pytest.mark.parametrize(
    ("claimed", "estimate", "conflicting", "verdict", "reason"),
    [
        (
            "1,000",
            interval(950, 1000, 1050),
            0,
            "supported",
            f"The evidence puts the value at 1,000 (950 to 1,050), all of it within {ALLOWS_1000}.",
        ),
        (
            "1,000",
            interval(1000, 1000, 1000),
            0,
            "supported",
            f"The evidence puts the value at 1,000, which is within {ALLOWS_1000}.",
        ),
        (
            "1,000",
            interval(577, 617, 657),
            2,
            "contradicted",
            f"The evidence puts the value at 617 (577 to 657), none of it within {ALLOWS_1000}. "
            "2 conflicting citations stand against that estimate.",
        ),
        (
            "1,000",
            interval(617, 617, 617),
            1,
            "contradicted",
            f"The evidence puts the value at 617, which is not within {ALLOWS_1000}. 1 conflicting citation stands "
            "against that estimate.",
        ),
        (
            "1,000",
            interval(850, 1000, 1150),
            0,
            "supported",
            f"The evidence puts the value at 1,000 (850 to 1,150), only partly within {ALLOWS_1000}; "
            "judged by the best value, 1,000, which is within it.",
        ),
        (
            "1,000",
            interval(850, 870, 950),
            0,
            "contradicted",
            f"The evidence puts the value at 870 (850 to 950), only partly within {ALLOWS_1000}; judged by the best "
            "value, 870, which is outside it.",
        ),
    ],
)
def test_a_verdicts_reason_says_how_much_of_the_evidence_the_claim_allows(
    claimed: str, estimate: Interval, conflicting: int, verdict: str, reason: str
) -> None:
    found = judge_claim(
        predicate_for(parse_figure(claimed)), estimate=estimate, conflicting=[interval(1, 1, 1)] * conflicting
    )
    assert (found.verdict, found.reason) == (verdict, reason)


@pytest.mark.parametrize(
    ("claimed", "estimate", "verdict", "judged_by_best"),
    [
        ("exactly 217", interval(217, 230, 240), "contradicted", True),  # starts at the one value: partly
        ("exactly 217", interval(200, 210, 217), "contradicted", True),  # ends at it: partly
        ("exactly 217", interval(200, 217, 240), "supported", True),
        ("exactly 217", interval(200, 210, 216), "contradicted", False),  # a day short of it: outside
        ("up to 20", interval(10, 15, 20), "supported", False),  # ends on the claim's inclusive bound: within
        ("at least 20", interval(20, 25, 30), "supported", False),
        ("more than 20", interval(10, 15, 20), "contradicted", False),  # touches the bound only: outside
        ("fewer than 20", interval(20, 25, 30), "contradicted", False),
        ("more than 20", interval(20, 25, 30), "supported", False),  # the claim's floor is its rounding
        ("more than 20", interval(None, 25, None), "supported", True),  # open at both ends: partly
        ("up to 20", interval(20, 20, 20), "supported", False),  # a single value on an inclusive bound
        ("at least 20", interval(20, 20, 20), "supported", False),
        ("more than 20", interval(20, 20, 20), "contradicted", False),  # on an exclusive bound
        ("fewer than 20", interval(20, 20, 20), "contradicted", False),
        ("fewer than 20", interval(19, 19, 19), "supported", False),
    ],
)
def test_an_estimate_touching_a_claims_bound_is_within_outside_or_partly_as_the_bound_says(
    claimed: str, estimate: Interval, verdict: str, judged_by_best: bool
) -> None:
    found = judge_claim(predicate_for(parse_figure(claimed)), estimate=estimate)
    assert found.verdict == verdict
    assert ("judged by the best value" in found.reason) is judged_by_best


def test_mixed_says_how_many_citations_stand_on_each_side() -> None:
    predicate = predicate_for(parse_figure("around 1,000"))
    estimate = interval(761, 761, 761, "derived")
    verdict = judge_claim(
        predicate,
        estimate=estimate,
        supporting=[estimate, estimate],
        conflicting=[parse_figure("around 1,000").interval],
        credible_conflict=True,
    )
    assert verdict == Verdict(
        verdict="mixed",
        reason="Credible sources stand on both sides: 1 citation(s) within what the claim's “around 1,000” allows "
        "(between 900 and 1,100) and 2 outside it; the best estimate is 761.",
    )
    assert (
        judge_claim(predicate, estimate=None).reason
        == "No evidence in the store answers this subject, metric and time."
    )


@pytest.mark.parametrize(
    ("within", "partly", "outside", "verdict"),
    [
        (["a", "b"], [], ["c"], "supported"),
        (["a"], ["b"], ["c"], "mixed"),  # a citation only partly within stands on neither side
        (["a"], ["b", "d"], ["c"], "mixed"),
        (["a", "b"], ["c"], ["c"], "supported"),
    ],
)
def test_only_citations_wholly_on_one_side_count_as_origins_for_or_against_the_best_estimate(
    within: list[str], partly: list[str], outside: list[str], verdict: str
) -> None:
    predicate = predicate_for(parse_figure("431"))
    estimate = interval(431, 431, 431, "reported")
    found = judge_claim(
        predicate,
        estimate=estimate,
        supporting=[estimate] * len(within) + [interval(300, 400, 500)] * len(partly),
        conflicting=[interval(402, 402, 402, "reported")] * len(outside),
        credible_conflict=True,
        supporting_origins=within + partly,
        conflicting_origins=outside,
    )
    assert found.verdict == verdict


def test_origins_that_do_not_match_the_citations_count_every_credible_dissent() -> None:
    predicate = predicate_for(parse_figure("431"))
    estimate = interval(431, 431, 431, "reported")
    found = judge_claim(
        predicate,
        estimate=estimate,
        supporting=[estimate, estimate],
        conflicting=[interval(402, 402, 402, "reported")],
        credible_conflict=True,
        supporting_origins=["a", "b"],
        conflicting_origins=[],
    )
    assert found.verdict == "mixed"


def test_each_figure_of_a_claim_takes_the_modality_of_its_own_words() -> None:
    claim = riverton_claim("Riverton pledged 500 buses but added only 40 in March 2031.")
    assert [(p.metric, p.modality) for p in claim.parts] == [
        ("buses-in-service", Modality.pledged),
        ("buses-added", Modality.actual),
    ]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Between 200 and 230 buses were added to Riverton in March 2031.", "is a range of figures"),
        ("40% of buses were added to Riverton in March 2031.", "is a percentage, but"),
    ],
)
def test_a_range_or_a_percentage_of_a_count_is_refused_not_checked_as_something_else(text: str, said: str) -> None:
    with pytest.raises(UnparseableClaim) as raised:
        riverton_claim(text)
    assert said in raised.value.detail


def test_the_verb_of_a_one_figure_claim_must_be_read() -> None:
    with pytest.raises(UnknownTerm) as raised:
        riverton_claim("Riverton scrapped 40 buses in March 2031.")
    assert raised.value.extra["terms"] == ["scrapped"]


def test_a_time_at_the_end_of_one_clause_is_not_another_clauses_with_its_own_subject() -> None:
    claim = riverton_claim(
        "Riverton had 300 buses in March 2031, and Lakeside added 12 buses.", as_of=dt.date(2031, 6, 1)
    )
    assert [(p.subject, p.time.start) for p in claim.parts] == [
        ("riverton-bus-fleet", dt.date(2031, 3, 1)),
        ("lakeside-bus-fleet", dt.date(2031, 6, 1)),
    ]


def test_a_time_before_the_main_verb_is_every_clauses() -> None:
    claim = riverton_claim(
        "In March 2031 Riverton had 300 buses and Lakeside added 12 buses.", as_of=dt.date(2031, 6, 1)
    )
    assert [p.time.start for p in claim.parts] == [dt.date(2031, 3, 1), dt.date(2031, 3, 1)]
