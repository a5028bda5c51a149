"""Assertions over HTTP: quotes are checked, figures become intervals, nothing is deleted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.api.helpers import BUS_TEXT, make_bus_topic, problem_of


def bus_assertion(source_id: int, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "source_id": source_id,
        "subject": "riverton-buses",
        "metric": "vehicles-added",
        "value_text": "42",
        "quote": "42 new electric buses had joined the fleet",
        "time": {"text": "on Friday"},
    }
    body.update(overrides)
    return body


async def test_an_assertion_gets_its_quote_offsets_interval_and_time(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    topic = await make_bus_topic(client, editor)
    response = await client.post("/v1/assertions", headers=editor, json=bus_assertion(topic["source"]["id"]))
    assert response.status_code == 201, response.text
    body = response.json()
    start = BUS_TEXT.index("42 new electric")
    assert body["quote"] == {"text": "42 new electric buses had joined the fleet", "start": start, "end": start + 42}
    assert body["value"] == {"low": 42, "best": 42, "high": 42, "rule": "exact"}
    # 2031-05-12 is a Monday: "on Friday" is the Friday before it.
    assert body["time"]["start"] == body["time"]["end"] == "2031-05-09"
    assert body["time"]["precision"] == "day"
    assert body["status"] == "proposed"
    assert body["subject"] == "riverton-buses" and body["metric"] == "vehicles-added"


async def test_around_300_becomes_270_to_330(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    topic = await make_bus_topic(client, editor)
    response = await client.post(
        "/v1/assertions",
        headers=editor,
        json=bus_assertion(
            topic["source"]["id"],
            metric="vehicles",
            value_text="around 300",
            quote="bringing the total to around 300 buses",
            time={},
        ),
    )
    assert response.status_code == 201, response.text
    value = response.json()["value"]
    assert (value["low"], value["best"], value["high"]) == (270, 300, 330)
    # No time given: the figure is about the source's own date.
    assert response.json()["time"]["start"] == "2031-05-12"


async def test_a_quote_that_does_not_match_the_offsets_is_refused_with_where_it_is(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    topic = await make_bus_topic(client, editor)
    start = BUS_TEXT.index("42 new electric")
    response = await client.post(
        "/v1/assertions",
        headers=editor,
        json=bus_assertion(
            topic["source"]["id"],
            quote_start=start + 1,
            quote_end=start + 43,
        ),
    )
    body = problem_of(response, 422)
    assert body["code"] == "quote_mismatch"
    assert f"[{start}, {start + 42})" in body["hint"]


async def test_a_quote_found_twice_without_offsets_asks_for_offsets(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    topic = await make_bus_topic(client, editor)
    response = await client.post(
        "/v1/assertions",
        headers=editor,
        json=bus_assertion(
            topic["source"]["id"],
            quote="42",
            value_text="42",
        ),
    )
    body = problem_of(response, 422)
    assert body["code"] == "quote_not_unique"
    assert "2 times" in body["detail"] and "quote_start" in body["hint"]


async def test_a_quote_not_in_the_text_is_refused(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    topic = await make_bus_topic(client, editor)
    response = await client.post(
        "/v1/assertions", headers=editor, json=bus_assertion(topic["source"]["id"], quote="43 new electric buses")
    )
    assert problem_of(response, 422)["code"] == "quote_mismatch"


async def test_an_unknown_subject_is_refused_with_suggestions(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    topic = await make_bus_topic(client, editor)
    response = await client.post(
        "/v1/assertions", headers=editor, json=bus_assertion(topic["source"]["id"], subject="riverton-bus")
    )
    assert "riverton-buses" in problem_of(response, 404)["hint"]


async def test_a_batch_that_fails_half_way_leaves_nothing_behind(
    client: httpx.AsyncClient, editor: dict[str, str], sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    topic = await make_bus_topic(client, editor)
    source_id = topic["source"]["id"]

    async def counts() -> tuple[int, int]:
        async with sessionmaker() as session:
            assertions = await session.scalar(sa.text("SELECT count(*) FROM assertions"))
            changes = await session.scalar(sa.text("SELECT count(*) FROM changes"))
        return int(assertions or 0), int(changes or 0)

    before = await counts()
    good = bus_assertion(source_id)
    good_too = bus_assertion(
        source_id, metric="vehicles", value_text="around 300", quote="bringing the total to around 300 buses"
    )
    bad = bus_assertion(source_id, quote="this sentence is not in the text")
    response = await client.post("/v1/assertions/batch", headers=editor, json={"assertions": [good, good_too, bad]})
    problem_of(response, 422)
    assert await counts() == before
    ok = await client.post("/v1/assertions/batch", headers=editor, json={"assertions": [good, good_too]})
    assert ok.status_code == 201, ok.text
    assert len(ok.json()["items"]) == 2
    assert (await counts())[0] == before[0] + 2


async def test_review_and_retract_keep_the_row_and_known_at_sees_the_past(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    topic = await make_bus_topic(client, editor)
    created = (await client.post("/v1/assertions", headers=editor, json=bus_assertion(topic["source"]["id"]))).json()
    before_review = dt.datetime.now(dt.UTC).isoformat()
    accepted = await client.post(
        f"/v1/assertions/{created['id']}/review", headers=reviewer, json={"decision": "accept"}
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["status"] == "accepted"
    again = await client.post(f"/v1/assertions/{created['id']}/review", headers=reviewer, json={"decision": "reject"})
    assert problem_of(again, 409)["code"] == "conflict"

    before_retraction = dt.datetime.now(dt.UTC).isoformat()
    retracted = await client.post(
        f"/v1/assertions/{created['id']}/retract",
        headers=reviewer,
        json={"reason": "the text says 42, but the fleet report says 41"},
    )
    assert retracted.status_code == 200
    assert retracted.json()["retracted_at"] is not None

    listed_now = (await client.get("/v1/assertions", params={"subject": "riverton-buses"})).json()["items"]
    assert created["id"] not in [item["id"] for item in listed_now]
    with_retracted = (
        await client.get("/v1/assertions", params={"subject": "riverton-buses", "include_retracted": "true"})
    ).json()["items"]
    assert created["id"] in [item["id"] for item in with_retracted]
    as_known = (
        await client.get(
            "/v1/assertions", params={"subject": "riverton-buses", "known_at": before_retraction, "status": "accepted"}
        )
    ).json()["items"]
    assert [item["id"] for item in as_known] == [created["id"]]
    still_proposed = (
        await client.get("/v1/assertions", params={"known_at": before_review, "status": "proposed"})
    ).json()["items"]
    assert created["id"] in [item["id"] for item in still_proposed]
    assert (
        (await client.get(f"/v1/assertions/{created['id']}")).json()["retraction_reason"].startswith("the text says 42")
    )


async def test_assertions_filter_by_metric_modality_and_time(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    topic = await make_bus_topic(client, editor)
    source_id = topic["source"]["id"]
    await client.post(
        "/v1/assertions/batch",
        headers=editor,
        json={
            "assertions": [
                bus_assertion(source_id),
                bus_assertion(
                    source_id,
                    metric="vehicles",
                    value_text="500",
                    quote="pledged a fleet of 500 buses by 2035",
                    modality="pledged",
                    time={"start": "2035-01-01", "end": "2035-12-31", "precision": "year"},
                ),
            ]
        },
    )
    pledged = (await client.get("/v1/assertions", params={"modality": "pledged"})).json()["items"]
    assert [item["value_text"] for item in pledged] == ["500"]
    in_2035 = (await client.get("/v1/assertions", params={"time_from": "2035-06-01", "time_to": "2035-06-30"})).json()[
        "items"
    ]
    assert [item["value_text"] for item in in_2035] == ["500"]
    added = (await client.get("/v1/assertions", params={"metric": "vehicles-added"})).json()["items"]
    assert [item["value_text"] for item in added] == ["42"]


async def test_an_explicit_time_must_match_its_precision(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    topic = await make_bus_topic(client, editor)
    response = await client.post(
        "/v1/assertions",
        headers=editor,
        json=bus_assertion(
            topic["source"]["id"],
            time={"start": "2031-05-03", "end": "2031-05-20", "precision": "month"},
        ),
    )
    assert "precision month" in problem_of(response, 422)["detail"]
