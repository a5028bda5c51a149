"""Content negotiation by the Accept header, and the renderings other than JSON: timeline CSV, ClaimReview JSON-LD."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import httpx
import msgspec
import pytest

from api.formats import CSV, JSON, JSON_LD, claim_review_json_ld, negotiate, timeline_csv
from api.reports import Citation, Timeline, TimelinePoint, TimeSpan
from reasoning.claims import ParsedClaim, Predicate, Verdict
from reasoning.types import Modality, Precision
from reasoning.types import TimeSpan as ReasoningTimeSpan
from tests.api.helpers import make_bus_topic

# --- negotiate -----------------------------------------------------------------------------------------

OFFERED = (JSON, CSV)

NEGOTIATIONS = [
    pytest.param(None, OFFERED, JSON, id="no_header_gets_the_default"),
    pytest.param("", OFFERED, JSON, id="an_empty_header_gets_the_default"),
    pytest.param("  ", OFFERED, JSON, id="a_blank_header_gets_the_default"),
    pytest.param("text/csv", OFFERED, CSV, id="the_one_type_asked_for_is_given"),
    pytest.param("application/json", OFFERED, JSON, id="json_asked_for_is_json"),
    pytest.param("*/*", OFFERED, JSON, id="anything_gets_the_first_offered"),
    pytest.param("text/csv, application/json", OFFERED, JSON, id="equal_weights_go_by_the_order_offered"),
    pytest.param("application/json;q=0.5, text/csv", OFFERED, CSV, id="a_higher_q_value_wins_over_order"),
    pytest.param("text/*", OFFERED, CSV, id="a_type_wildcard_matches_its_subtypes"),
    pytest.param("text/*;q=0.9, application/json;q=0.8", OFFERED, CSV, id="a_type_wildcard_carries_its_weight"),
    pytest.param("text/*;q=0.2, */*;q=0.5", OFFERED, JSON, id="anything_can_weigh_more_than_a_type_wildcard"),
    pytest.param("text/csv;q=0", OFFERED, None, id="q_0_means_not_acceptable"),
    pytest.param("*/*;q=0", OFFERED, None, id="q_0_for_anything_accepts_nothing"),
    pytest.param("text/csv;q=0, */*", OFFERED[::-1], JSON, id="q_0_on_a_type_excludes_it_from_anything"),
    pytest.param("text/*;q=0, text/csv", OFFERED, CSV, id="the_most_specific_range_gives_the_weight"),
    pytest.param("application/xml, image/png", OFFERED, None, id="nothing_offered_is_acceptable"),
    pytest.param("TEXT/CSV", OFFERED, CSV, id="media_types_are_case_insensitive"),
    pytest.param(
        "text/csv; charset=utf-8; q=0.7, application/json; q=0.3",
        OFFERED,
        CSV,
        id="parameters_other_than_q_are_ignored",
    ),
    pytest.param("text/csv;header=present", OFFERED, CSV, id="parameters_asked_for_need_not_match_the_offered_ones"),
    pytest.param(
        "text/csv;q=0.5;ext=1, application/json;q=0.4", OFFERED, CSV, id="accept_extensions_after_q_are_ignored"
    ),
    pytest.param("application/json;q=0.5, text/csv;q=oops", OFFERED, CSV, id="a_malformed_q_reads_as_if_absent"),
    pytest.param("application/json;q=-1, text/csv;q=0.5", OFFERED, JSON, id="a_negative_q_reads_as_if_absent"),
    pytest.param("application/json, text/csv;q=7", OFFERED, JSON, id="a_q_above_1_counts_as_1"),
    pytest.param("text/csv;q=.5, application/json;q=0.25", OFFERED, CSV, id="a_q_without_a_leading_0_is_read"),
    pytest.param("text/csv;q=0.000", OFFERED, None, id="q_0_with_decimals_is_still_0"),
    pytest.param("garbage", OFFERED, JSON, id="a_header_without_a_media_range_gets_the_default"),
    pytest.param("*/csv, text/csv;q=0.1", OFFERED, CSV, id="an_invalid_range_is_skipped"),
    pytest.param("text/html, *; q=.2", OFFERED, JSON, id="a_bare_star_means_anything"),
    pytest.param(",,text/csv,,", OFFERED, CSV, id="empty_elements_are_skipped"),
    pytest.param("application/ld+json", (JSON, JSON_LD), JSON_LD, id="json_ld_asked_for_is_json_ld"),
    pytest.param("text/csv, */*", OFFERED, CSV, id="at_equal_weights_the_type_named_beats_anything"),
    pytest.param("*/*, text/csv", OFFERED, CSV, id="the_type_named_wins_wherever_it_stands_in_the_header"),
    pytest.param(
        "application/ld+json, */*", (JSON, JSON_LD), JSON_LD, id="at_equal_weights_json_ld_named_beats_anything"
    ),
    pytest.param("*/*", (JSON, JSON_LD), JSON, id="anything_alone_gets_the_default_offered_first"),
    pytest.param("text/*, */*", OFFERED, CSV, id="at_equal_weights_a_type_wildcard_beats_anything"),
    pytest.param("text/*, application/json", OFFERED, JSON, id="at_equal_weights_the_type_named_beats_a_wildcard"),
    pytest.param("text/csv;q=0.5, */*;q=0.5", OFFERED, CSV, id="equal_lower_weights_also_go_by_specificity"),
    pytest.param("text/csv;q=0.4, */*", OFFERED, JSON, id="a_higher_q_value_wins_over_specificity"),
    pytest.param("text/csv", (), None, id="nothing_offered_nothing_given"),
]


@pytest.mark.parametrize(("accept", "offered", "expected"), NEGOTIATIONS)
def test_the_client_gets_the_offered_type_it_prefers(
    accept: str | None, offered: tuple[str, ...], expected: str | None
) -> None:
    assert negotiate(accept, offered, default=JSON) == expected


def test_the_offered_type_is_returned_with_its_parameters() -> None:
    assert negotiate("text/csv", (JSON, "text/csv; header=present"), default=JSON) == "text/csv; header=present"


def test_an_absent_header_gets_the_default_even_when_it_is_not_offered() -> None:
    assert negotiate(None, (CSV,), default=JSON) == JSON


# --- timeline CSV --------------------------------------------------------------------------------------


def citation(assertion_id: int, quote: str) -> Citation:
    day = dt.date(2024, 5, 1)
    return Citation(
        assertion_id=assertion_id,
        source_id=assertion_id,
        source_title=None,
        claimant=None,
        metric="fleet-size",
        quote=quote,
        quote_start=0,
        quote_end=len(quote),
        value_text="200",
        low=180,
        best=200,
        high=220,
        time=TimeSpan(start=day, end=day, precision=Precision.day, rule="explicit"),
        origin=None,
        role="level",
        why="the level",
    )


TIMELINE = Timeline(
    subject="riverton-buses",
    metric="fleet-size",
    unit="buses",
    modality=Modality.actual,
    points=[
        TimelinePoint(
            date=dt.date(2024, 5, 1),
            low=180,
            best=200,
            high=220,
            basis="reported",
            supporting=[citation(1, "the city has 200 buses")],
            conflicting=[],
        ),
        TimelinePoint(
            date=dt.date(2024, 5, 31),
            low=203.5,
            best=223.5,
            high=None,
            basis="derived",
            supporting=[citation(3, '"21 new buses, all electric"'), citation(1, "the city has 200 buses")],
            conflicting=[citation(4, "300 buses"), citation(2, "290 buses")],
        ),
    ],
)

TIMELINE_CSV = (
    "date,subject,metric,unit,low,best,high,basis,supporting_sources,conflicting_sources,supporting_quotes\n"
    "2024-05-01,riverton-buses,fleet-size,buses,180,200,220,reported,1,,the city has 200 buses\n"
    "2024-05-31,riverton-buses,fleet-size,buses,203.5,223.5,,derived,1 3,2 4,"
    '"""21 new buses, all electric"" | the city has 200 buses"\n'
)


def test_a_timeline_is_one_csv_row_a_point_with_sources_sorted_and_quotes_joined() -> None:
    assert timeline_csv(TIMELINE) == TIMELINE_CSV


def test_a_timeline_without_points_is_the_header_row_alone() -> None:
    empty = Timeline(subject="riverton-buses", metric="fleet-size", unit="buses", modality=Modality.actual, points=[])
    assert timeline_csv(empty) == TIMELINE_CSV.splitlines(keepends=True)[0]


async def test_the_timeline_as_csv_is_served_as_text_csv_in_utf_8_named_once(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await make_bus_topic(client, editor)
    params = {"subject": "riverton-buses", "metric": "vehicles"}
    for response in (
        await client.get("/v1/timeline", params={**params, "format": "csv"}),
        await client.get("/v1/timeline", params=params, headers={"Accept": "text/csv, */*"}),
    ):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.text.startswith("date,subject,metric,unit,")


# --- ClaimReview JSON-LD -------------------------------------------------------------------------------


DAY = dt.date(2024, 5, 31)
CLAIM = ParsedClaim(
    text="Riverton has 200 buses",
    subject="riverton-bus-fleet",
    metric="buses-in-service",
    predicate=Predicate(relation="about", value_text="200", number=200, low=180, high=220),
    modality=Modality.actual,
    time=ReasoningTimeSpan(start=DAY, end=DAY, precision=Precision.day, rule="today"),
    as_of=DAY,
    time_text=None,
    subject_span=(0, 8),
    metric_span=(17, 22),
    value_span=(13, 16),
)


def test_claim_review_json_ld_is_a_schema_org_claim_review_with_the_verdict_in_words() -> None:
    verdict = Verdict(verdict="supported", reason="The evidence puts the value at 200.")
    review = claim_review_json_ld(
        CLAIM,
        verdict,
        date_published=dt.date(2024, 6, 1),
        author="Riverton Desk",
        url="https://example.org/checks/1",
        claimant="The mayor",
        claim_date=DAY,
    )
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://example.org/checks/1",
        "claimReviewed": "Riverton has 200 buses",
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Organization", "name": "The mayor"},
            "datePublished": "2024-05-31",
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 5,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "Supported by the sources",
            "ratingExplanation": "The evidence puts the value at 200.",
        },
        "datePublished": "2024-06-01",
        "author": {"@type": "Organization", "name": "Riverton Desk"},
    }
    assert msgspec.json.decode(msgspec.json.encode(review)) == review


def test_claim_review_json_ld_without_options_is_by_factdesk_about_an_unattributed_claim() -> None:
    review = claim_review_json_ld(CLAIM, Verdict(verdict="supported", reason="Yes."), date_published=DAY)
    assert "url" not in review
    assert review["itemReviewed"] == {"@type": "Claim"}
    assert review["author"] == {"@type": "Organization", "name": "factdesk"}
    assert review["datePublished"] == "2024-05-31"


@pytest.mark.parametrize(
    ("verdict", "rating_value", "name"),
    [
        ("supported", 5, "Supported by the sources"),
        ("mixed", 3, "Mixed: credible sources disagree"),
        ("contradicted", 1, "Contradicted by the sources"),
        ("unverifiable", None, "Unverifiable: no evidence in the store"),
    ],
)
def test_each_verdict_has_its_rating_and_an_unverifiable_one_no_number(
    verdict: Literal["supported", "contradicted", "mixed", "unverifiable"], rating_value: int | None, name: str
) -> None:
    review = claim_review_json_ld(CLAIM, Verdict(verdict=verdict, reason="Because."), date_published=DAY)
    rating = review["reviewRating"]
    assert isinstance(rating, dict)
    assert rating.get("ratingValue") == rating_value
    assert ("ratingValue" in rating) is (rating_value is not None)
    assert (rating["alternateName"], rating["ratingExplanation"]) == (name, "Because.")
    assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
