"""Entities and metrics are data: created, aliased and looked up over HTTP, with no release."""

from __future__ import annotations

import httpx

from tests.api.helpers import make_bus_topic, problem_of


async def test_an_entity_is_created_with_its_aliases_and_found_by_key_or_id(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    topic = await make_bus_topic(client, editor)
    entity = topic["entity"]
    assert {"Riverton", "Riverton buses", "Riverton bus fleet"} <= set(entity["aliases"])
    by_key = (await client.get("/v1/entities/riverton-buses")).json()
    by_id = (await client.get(f"/v1/entities/{entity['id']}")).json()
    assert by_key == by_id == entity


async def test_a_flow_names_the_stock_it_feeds(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    topic = await make_bus_topic(client, editor)
    assert topic["flow"]["feeds"] == "vehicles"
    assert topic["stock"]["feeds"] is None
    assert (await client.get("/v1/metrics/vehicles-added")).json()["feeds"] == "vehicles"


async def test_a_stock_cannot_feed_anything(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    await make_bus_topic(client, editor)
    response = await client.post(
        "/v1/metrics",
        headers=editor,
        json={
            "key": "depots",
            "name": "Depots",
            "unit": "depots",
            "kind": "stock",
            "feeds": "vehicles",
        },
    )
    assert "Only a flow feeds a stock" in problem_of(response, 422)["hint"]


async def test_aliases_are_added_and_removed(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    await make_bus_topic(client, editor)
    added = await client.post(
        "/v1/entities/riverton-buses/aliases", headers=editor, json={"aliases": ["RTA fleet", "riverton"]}
    )
    assert added.status_code == 200, added.text
    assert "RTA fleet" in added.json()["aliases"]
    assert [alias.lower() for alias in added.json()["aliases"]].count("riverton") == 1
    removed = await client.delete("/v1/entities/riverton-buses/aliases/RTA fleet", headers=editor)
    assert removed.status_code == 200, removed.text
    assert "RTA fleet" not in removed.json()["aliases"]


async def test_a_duplicate_key_is_a_409(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    await make_bus_topic(client, editor)
    response = await client.post("/v1/entities", headers=editor, json={"key": "riverton-buses", "name": "Again"})
    assert "aliases" in problem_of(response, 409)["hint"]


async def test_an_unknown_entity_suggests_the_closest_keys(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    await make_bus_topic(client, editor)
    body = problem_of(await client.get("/v1/entities/riverton-bus"), 404)
    assert "riverton-buses" in body["hint"]


async def test_a_key_must_be_a_slug(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    body = problem_of(await client.post("/v1/entities", headers=editor, json={"key": "Not A Slug", "name": "x"}), 400)
    assert "key" in body["detail"]
