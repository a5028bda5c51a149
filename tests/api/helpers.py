"""Small builders shared by the API tests: a topic made up from scratch, so nothing leans on the seeds."""

from __future__ import annotations

from typing import Any

import httpx

BUS_TEXT = (
    "date 2031-05-12 Riverton's transit authority said on Friday that 42 new electric buses had joined the fleet, "
    "bringing the total to around 300 buses. The city had pledged a fleet of 500 buses by 2035. "
    "Riverton added 42 buses in a single week, the authority said."
)


def problem_of(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert that a response is an RFC 9457 problem with this status; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json"), response.headers
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("urn:factdesk:problem:")
    assert body["detail"] and body["title"] and body["code"]
    return body


async def make_bus_topic(client: httpx.AsyncClient, editor: dict[str, str]) -> dict[str, Any]:
    """Create an entity, a stock metric, a flow metric and a source for a made-up city's bus fleet."""
    entity = await client.post(
        "/v1/entities",
        headers=editor,
        json={
            "key": "riverton-buses",
            "name": "Riverton bus fleet",
            "kind": "fleet",
            "aliases": ["Riverton", "Riverton buses"],
        },
    )
    assert entity.status_code == 201, entity.text
    stock = await client.post(
        "/v1/metrics",
        headers=editor,
        json={
            "key": "vehicles",
            "name": "Vehicles in service",
            "unit": "vehicles",
            "kind": "stock",
            "aliases": ["buses"],
        },
    )
    assert stock.status_code == 201, stock.text
    flow = await client.post(
        "/v1/metrics",
        headers=editor,
        json={
            "key": "vehicles-added",
            "name": "Vehicles added",
            "unit": "vehicles",
            "kind": "flow",
            "feeds": "vehicles",
        },
    )
    assert flow.status_code == 201, flow.text
    source = await client.post(
        "/v1/sources",
        headers=editor,
        json={
            "text": BUS_TEXT,
            "title": "Riverton adds buses",
            "publisher": "Riverton Ledger",
            "stated_date": "2031-05-12",
        },
    )
    assert source.status_code == 201, source.text
    return {"entity": entity.json(), "stock": stock.json(), "flow": flow.json(), "source": source.json()}


async def record_bus_arrival(client: httpx.AsyncClient, editor: dict[str, str], topic: dict[str, Any]) -> int:
    """Record (as proposed) the topic's arrival of 42 buses; return the assertion's id."""
    created = await client.post(
        "/v1/assertions",
        headers=editor,
        json={
            "source_id": topic["source"]["id"],
            "subject": "riverton-buses",
            "metric": "vehicles-added",
            "value_text": "42",
            "quote": "42 new electric buses had joined the fleet",
        },
    )
    assert created.status_code == 201, created.text
    return int(created.json()["id"])


# One article of a made-up story: its stated date, its text, and the assertions it states (each the body of
# POST /v1/assertions without `source_id`).
Article = tuple[str, str, list[dict[str, Any]]]


async def build_story(
    client: httpx.AsyncClient,
    editor: dict[str, str],
    reviewer: dict[str, str],
    *,
    entities: list[dict[str, Any]],
    metrics: list[dict[str, Any]],
    articles: list[Article],
) -> tuple[list[int], list[int]]:
    """Create the vocabulary, ingest each article, record its assertions and accept them all; return the
    source ids (one per article, in order) and the assertion ids."""
    for body in entities:
        assert (await client.post("/v1/entities", headers=editor, json=body)).status_code == 201
    for body in metrics:
        assert (await client.post("/v1/metrics", headers=editor, json=body)).status_code == 201
    sources: list[int] = []
    ids: list[int] = []
    for stated, text, statements in articles:
        source = await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": stated})
        assert source.status_code == 201, source.text
        sources.append(source.json()["id"])
        bodies = [{"source_id": sources[-1], **statement} for statement in statements]
        batch = await client.post("/v1/assertions/batch", headers=editor, json={"assertions": bodies})
        assert batch.status_code == 201, batch.text
        ids.extend(item["id"] for item in batch.json()["items"])
    decisions = [{"assertion_id": i, "decision": "accept"} for i in ids]
    assert (await client.post("/v1/review", headers=reviewer, json={"decisions": decisions})).status_code == 200
    return sources, ids
