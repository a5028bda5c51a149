"""A topic built from nothing over HTTP — a made-up city's buses and ferries — asked the same kinds of
question as the seeds, so nothing passes only because the seed topic is loaded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from tests.api.helpers import problem_of

ARTICLES = [
    # (stated date, text, [(subject, metric, value_text, quote, time)])
    (
        "2031-03-31",
        "Riverton's transit authority said its fleet stood at 300 buses at the end of March.",
        [("riverton-buses", "vehicles", "300", "its fleet stood at 300 buses", {"start": "2031-03-31"})],
    ),
    (
        "2031-04-18",
        "Riverton added 42 electric buses on Thursday, the Ledger reported.",
        [
            (
                "riverton-buses",
                "vehicles-added",
                "42",
                "Riverton added 42 electric buses on Thursday",
                {"text": "on Thursday"},
            )
        ],
    ),
    (
        "2031-04-19",
        "The city took delivery of 42 new buses on Thursday, according to the Courier.",
        [
            (
                "riverton-buses",
                "vehicles-added",
                "42",
                "took delivery of 42 new buses on Thursday",
                {"text": "on Thursday"},
            )
        ],
    ),
    (
        "2031-04-02",
        "Lakeside ran 12 ferries on 1 April, the harbour office said.",
        [("lakeside-ferries", "vehicles", "12", "Lakeside ran 12 ferries", {"start": "2031-04-01"})],
    ),
    (
        "2031-04-03",
        "A union leaflet said Lakeside ran 20 ferries on 1 April.",
        [("lakeside-ferries", "vehicles", "20", "Lakeside ran 20 ferries", {"start": "2031-04-01"})],
    ),
]


async def _build_topic(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> dict[str, Any]:
    for body in (
        {
            "key": "riverton-buses",
            "name": "Riverton bus fleet",
            "aliases": ["Riverton", "Riverton buses", "city fleet"],
        },
        {
            "key": "lakeside-ferries",
            "name": "Lakeside ferry fleet",
            "aliases": ["Lakeside", "Lakeside ferries", "city fleet"],
        },
    ):
        assert (await client.post("/v1/entities", headers=editor, json=body)).status_code == 201
    for body in (
        {
            "key": "vehicles",
            "name": "Vehicles in service",
            "unit": "vehicles",
            "kind": "stock",
            "aliases": ["buses", "ferries", "fleet"],
        },
        {
            "key": "vehicles-added",
            "name": "Vehicles added",
            "unit": "vehicles",
            "kind": "flow",
            "feeds": "vehicles",
            "aliases": ["added", "new buses", "took delivery"],
        },
    ):
        assert (await client.post("/v1/metrics", headers=editor, json=body)).status_code == 201
    sources: list[int] = []
    assertion_ids: list[int] = []
    for stated, text, statements in ARTICLES:
        source = (await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": stated})).json()
        sources.append(source["id"])
        batch = await client.post(
            "/v1/assertions/batch",
            headers=editor,
            json={
                "assertions": [
                    {
                        "source_id": source["id"],
                        "subject": subject,
                        "metric": metric,
                        "value_text": value_text,
                        "quote": quote,
                        "time": time,
                    }
                    for subject, metric, value_text, quote, time in statements
                ]
            },
        )
        assert batch.status_code == 201, batch.text
        assertion_ids.extend(item["id"] for item in batch.json()["items"])
    accepted_at = dt.datetime.now(dt.UTC).isoformat()
    decisions = [{"assertion_id": assertion_id, "decision": "accept"} for assertion_id in assertion_ids]
    assert (await client.post("/v1/review", headers=reviewer, json={"decisions": decisions})).status_code == 200
    return {"sources": sources, "assertions": assertion_ids, "before_acceptance": accepted_at}


@pytest.fixture
async def topic(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> dict[str, Any]:
    return await _build_topic(client, editor, reviewer)


async def _value(client: httpx.AsyncClient, **params: str) -> dict[str, Any]:
    response = await client.get("/v1/answers/value", params=params)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_level_plus_one_arrival_reported_twice_is_342(client: httpx.AsyncClient, topic: dict[str, Any]) -> None:
    answer = await _value(client, subject="Riverton", metric="buses", as_of="2031-05-01")
    assert (answer["best"], answer["basis"]) == (342, "derived")
    assert answer["explanation"].startswith("As of 2031-05-01, the best figure for Riverton bus fleet")
    [flow] = [step for step in answer["steps"] if step["operation"] == "add_flow"]
    assert set(flow["source_ids"]) == {topic["sources"][1], topic["sources"][2]}
    assert answer["merged_events"] and answer["independent_origins_supporting"] >= 2


async def test_before_the_arrival_the_level_is_reported(client: httpx.AsyncClient, topic: dict[str, Any]) -> None:
    answer = await _value(client, subject="riverton-buses", metric="vehicles", as_of="2031-04-10")
    assert (answer["best"], answer["basis"]) == (300, "reported")


async def test_nothing_is_known_before_the_first_figure(client: httpx.AsyncClient, topic: dict[str, Any]) -> None:
    answer = await _value(client, subject="riverton-buses", metric="vehicles", as_of="2031-01-01")
    assert answer["basis"] == "none" and answer["best"] is None


async def test_known_at_before_the_review_sees_nothing_accepted(
    client: httpx.AsyncClient, topic: dict[str, Any]
) -> None:
    answer = await _value(
        client, subject="riverton-buses", metric="vehicles", as_of="2031-05-01", known_at=topic["before_acceptance"]
    )
    assert answer["basis"] == "none"


async def test_a_retracted_arrival_no_longer_counts(
    client: httpx.AsyncClient, reviewer: dict[str, str], topic: dict[str, Any]
) -> None:
    for assertion_id in topic["assertions"][1:3]:
        response = await client.post(
            f"/v1/assertions/{assertion_id}/retract", headers=reviewer, json={"reason": "the delivery was postponed"}
        )
        assert response.status_code == 200
    answer = await _value(client, subject="riverton-buses", metric="vehicles", as_of="2031-05-01")
    assert answer["best"] == 300


async def test_proposed_assertions_are_not_evidence(
    client: httpx.AsyncClient, editor: dict[str, str], topic: dict[str, Any]
) -> None:
    source = (
        await client.post(
            "/v1/sources",
            headers=editor,
            json={"text": "Riverton added 60 buses on 20 April.", "stated_date": "2031-04-21"},
        )
    ).json()
    created = await client.post(
        "/v1/assertions",
        headers=editor,
        json={
            "source_id": source["id"],
            "subject": "riverton-buses",
            "metric": "vehicles-added",
            "value_text": "60",
            "quote": "Riverton added 60 buses",
            "time": {"start": "2031-04-20"},
        },
    )
    assert created.json()["status"] == "proposed"
    assert (await _value(client, subject="riverton-buses", metric="vehicles", as_of="2031-05-01"))["best"] == 342


async def test_the_timeline_shows_each_change_with_citations_in_json_and_csv(
    client: httpx.AsyncClient, topic: dict[str, Any]
) -> None:
    params = {"subject": "riverton-buses", "metric": "vehicles"}
    points = (await client.get("/v1/timeline", params=params)).json()["points"]
    assert [(point["date"], point["best"]) for point in points] == [("2031-03-31", 300), ("2031-04-17", 342)]
    assert all(point["supporting"] for point in points)
    for response in (
        await client.get("/v1/timeline", params={**params, "format": "csv"}),
        await client.get("/v1/timeline", params=params, headers={"Accept": "text/csv"}),
    ):
        assert response.headers["content-type"].startswith("text/csv")
        lines = response.text.strip().splitlines()
        assert lines[0].startswith("date,subject,metric,unit,low,best,high,basis")
        assert lines[1].startswith("2031-03-31,riverton-buses,vehicles,vehicles,270,300,330,reported")
        assert lines[2].startswith("2031-04-17,riverton-buses,vehicles,vehicles,")


async def test_two_disjoint_ferry_counts_for_one_day_are_a_conflict(
    client: httpx.AsyncClient, topic: dict[str, Any]
) -> None:
    conflicts = (await client.get("/v1/conflicts", params={"subject": "lakeside-ferries"})).json()["items"]
    assert [conflict["kind"] for conflict in conflicts] == ["disjoint_values"]
    assert {c["value_text"] for c in conflicts[0]["citations"]} == {"12", "20"}
    assert "12" in conflicts[0]["reason"] and "20" in conflicts[0]["reason"]
    assert (await client.get("/v1/conflicts", params={"subject": "riverton-buses"})).json()["items"] == []
    only_denials = (await client.get("/v1/conflicts", params={"kind": "denial", "subject": "lakeside-ferries"})).json()[
        "items"
    ]
    assert only_denials == []


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("Riverton has 500 buses", "contradicted"),
        ("Riverton has more than 300 buses", "supported"),
        ("Riverton has about 340 buses", "supported"),
    ],
)
async def test_claims_about_the_bus_fleet(
    client: httpx.AsyncClient, topic: dict[str, Any], text: str, verdict: str
) -> None:
    response = await client.post("/v1/claims/check", json={"text": text, "as_of": "2031-05-01"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["verdict"] == verdict, body["explanation"]
    assert body["claim"]["subject"] == "riverton-buses" and body["claim"]["metric"] == "vehicles"


async def test_a_claim_renders_as_claimreview_json_ld(client: httpx.AsyncClient, topic: dict[str, Any]) -> None:
    response = await client.post(
        "/v1/claims/check?format=claimreview", json={"text": "Riverton has 500 buses", "as_of": "2031-05-01"}
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/ld+json")
    review = response.json()
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "Riverton has 500 buses"
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["reviewRating"]["alternateName"] and review["reviewRating"]["ratingExplanation"]


async def test_a_claim_without_a_figure_says_the_value_was_not_understood(
    client: httpx.AsyncClient, topic: dict[str, Any]
) -> None:
    body = problem_of(await client.post("/v1/claims/check", json={"text": "Riverton has many buses"}), 422)
    assert body["code"] == "unparseable_claim"
    assert body["errors"][0]["part"] == "value"


async def test_a_question_in_words_about_the_new_topic(client: httpx.AsyncClient, topic: dict[str, Any]) -> None:
    response = await client.get("/v1/ask", params={"q": "How many buses did Riverton have on 1 May 2031?"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["question"]["subject"], body["question"]["metric"], body["question"]["as_of"]) == (
        "riverton-buses",
        "vehicles",
        "2031-05-01",
    )
    assert body["answer"]["best"] == 342


async def test_an_alias_two_fleets_share_is_a_409_listing_both(
    client: httpx.AsyncClient, topic: dict[str, Any]
) -> None:
    body = problem_of(
        await client.get(
            "/v1/answers/value", params={"subject": "City fleet", "metric": "vehicles", "as_of": "2031-05-01"}
        ),
        409,
    )
    assert set(body["errors"][0]["candidates"]) == {"riverton-buses", "lakeside-ferries"}


async def test_an_unknown_subject_is_a_404_with_the_closest_names(
    client: httpx.AsyncClient, topic: dict[str, Any]
) -> None:
    body = problem_of(
        await client.get(
            "/v1/answers/value", params={"subject": "Rivertown", "metric": "vehicles", "as_of": "2031-05-01"}
        ),
        404,
    )
    assert "Riverton" in body["hint"]


async def test_a_malformed_as_of_is_a_400(client: httpx.AsyncClient, topic: dict[str, Any]) -> None:
    body = problem_of(
        await client.get("/v1/answers/value", params={"subject": "Riverton", "metric": "vehicles", "as_of": "1 May"}),
        400,
    )
    assert "as_of" in body["detail"]
