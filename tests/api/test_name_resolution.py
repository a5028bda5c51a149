"""Names resolve the same way on every endpoint that takes a subject or a metric, and filters mean one thing.

An id, a key (in any case) or any alias (in any case) names a term; an unknown name is a 404 that suggests
close names; a name two terms go by is a 409 that lists them. Each row of the table is one endpoint; each
endpoint is asked with every form of name, and every status it answers is one its OpenAPI entry declares.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from litestar import Litestar

from tests.api.helpers import make_bus_topic, problem_of

Send = Callable[["Context", str], Awaitable[httpx.Response]]


@dataclass
class Context:
    client: httpx.AsyncClient
    editor: dict[str, str]
    reviewer: dict[str, str]
    topic: dict[str, Any]
    counter: int = 0

    def fresh_key(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}-{self.counter}"

    async def proposal(self) -> int:
        """A new proposed assertion (resolved by keys), to review."""
        response = await self.client.post(
            "/v1/assertions", headers=self.editor, json=assertion_body("riverton-buses", "vehicles", self.topic)
        )
        assert response.status_code == 201, response.text
        return int(response.json()["id"])


def assertion_body(subject: str, metric: str, topic: dict[str, Any]) -> dict[str, Any]:
    return {
        "source_id": topic["source"]["id"],
        "subject": subject,
        "metric": metric,
        "value_text": "around 300",
        "quote": "bringing the total to around 300 buses",
        "time": {"start": "2031-05-12", "end": "2031-05-12", "precision": "day"},
    }


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    template: str  # the path as openapi.yaml names it
    role: str  # "subject" or "metric": which name the row varies
    send: Send
    success: int


async def _answer(ctx: Context, role: str, ref: str) -> httpx.Response:
    names = {"subject": "riverton-buses", "metric": "vehicles", role: ref}
    return await ctx.client.get("/v1/answers/value", params={**names, "as_of": "2031-05-12"})


async def _timeline(ctx: Context, role: str, ref: str) -> httpx.Response:
    names = {"subject": "riverton-buses", "metric": "vehicles", role: ref}
    return await ctx.client.get("/v1/timeline", params=names)


async def _record(ctx: Context, role: str, ref: str) -> httpx.Response:
    names = {"subject": "riverton-buses", "metric": "vehicles", role: ref}
    return await ctx.client.post(
        "/v1/assertions", headers=ctx.editor, json=assertion_body(names["subject"], names["metric"], ctx.topic)
    )


async def _record_batch(ctx: Context, role: str, ref: str) -> httpx.Response:
    names = {"subject": "riverton-buses", "metric": "vehicles", role: ref}
    body = {"assertions": [assertion_body(names["subject"], names["metric"], ctx.topic)]}
    return await ctx.client.post("/v1/assertions/batch", headers=ctx.editor, json=body)


async def _review(ctx: Context, role: str, ref: str) -> httpx.Response:
    assertion_id = await ctx.proposal()
    body = {"decision": "accept", role: ref}
    return await ctx.client.post(f"/v1/assertions/{assertion_id}/review", headers=ctx.reviewer, json=body)


async def _review_many(ctx: Context, role: str, ref: str) -> httpx.Response:
    assertion_id = await ctx.proposal()
    body = {"decisions": [{"assertion_id": assertion_id, "decision": "accept", role: ref}]}
    return await ctx.client.post("/v1/review", headers=ctx.reviewer, json=body)


async def _list_assertions(ctx: Context, role: str, ref: str) -> httpx.Response:
    return await ctx.client.get("/v1/assertions", params={role: ref})


async def _conflicts(ctx: Context, role: str, ref: str) -> httpx.Response:
    return await ctx.client.get("/v1/conflicts", params={role: ref})


async def _get_term(ctx: Context, role: str, ref: str) -> httpx.Response:
    return await ctx.client.get(f"/v1/{_collection(role)}/{quote(ref, safe='')}")


async def _add_aliases(ctx: Context, role: str, ref: str) -> httpx.Response:
    body = {"aliases": [ctx.fresh_key("another name")]}
    return await ctx.client.post(
        f"/v1/{_collection(role)}/{quote(ref, safe='')}/aliases", headers=ctx.editor, json=body
    )


async def _remove_alias(ctx: Context, role: str, ref: str) -> httpx.Response:
    alias = ctx.fresh_key("passing name")
    key = "riverton-buses" if role == "subject" else "vehicles"
    added = await ctx.client.post(
        f"/v1/{_collection(role)}/{key}/aliases", headers=ctx.editor, json={"aliases": [alias]}
    )
    assert added.status_code == 200, added.text
    return await ctx.client.delete(
        f"/v1/{_collection(role)}/{quote(ref, safe='')}/aliases/{quote(alias, safe='')}", headers=ctx.editor
    )


async def _metric_feeding(ctx: Context, role: str, ref: str) -> httpx.Response:
    body = {
        "key": ctx.fresh_key("vehicles-retired"),
        "name": "Vehicles retired",
        "unit": "vehicles",
        "kind": "flow",
        "feeds": ref,
    }
    return await ctx.client.post("/v1/metrics", headers=ctx.editor, json=body)


def _collection(role: str) -> str:
    return "entities" if role == "subject" else "metrics"


ENDPOINTS = [
    *(
        Endpoint(f"{name} ({role})", method, template, role, send, success)
        for role in ("subject", "metric")
        for name, method, template, send, success in (
            ("answer", "get", "/v1/answers/value", _answer, 200),
            ("timeline", "get", "/v1/timeline", _timeline, 200),
            ("record an assertion", "post", "/v1/assertions", _record, 201),
            ("record a batch", "post", "/v1/assertions/batch", _record_batch, 201),
            ("review", "post", "/v1/assertions/{assertion_id}/review", _review, 200),
            ("review many", "post", "/v1/review", _review_many, 200),
            ("list assertions", "get", "/v1/assertions", _list_assertions, 200),
            ("list conflicts", "get", "/v1/conflicts", _conflicts, 200),
            ("get the term", "get", "/v1/{collection}/{ref}", _get_term, 200),
            ("add aliases", "post", "/v1/{collection}/{ref}/aliases", _add_aliases, 200),
            ("remove an alias", "delete", "/v1/{collection}/{ref}/aliases/{alias}", _remove_alias, 200),
        )
    ),
    Endpoint("a flow feeding a stock (metric)", "post", "/v1/metrics", "metric", _metric_feeding, 201),
]


@pytest.fixture
async def ctx(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> Context:
    topic = await make_bus_topic(client, editor)
    # Homonyms: "Riverton" also names the city's trams, "fleet size" two metrics.
    trams = {"key": "riverton-trams", "name": "Riverton tram network", "aliases": ["Riverton"]}
    assert (await client.post("/v1/entities", headers=editor, json=trams)).status_code == 201
    seats = {"key": "seats", "name": "Seats", "unit": "seats", "kind": "stock", "aliases": ["fleet size"]}
    assert (await client.post("/v1/metrics", headers=editor, json=seats)).status_code == 201
    added = await client.post("/v1/metrics/vehicles/aliases", headers=editor, json={"aliases": ["fleet size"]})
    assert added.status_code == 200, added.text
    return Context(client=client, editor=editor, reviewer=reviewer, topic=topic)


def _names(ctx: Context, role: str) -> dict[str, str]:
    """Every form a user may name the term by."""
    if role == "subject":
        return {
            "id": str(ctx.topic["entity"]["id"]),
            "key": "riverton-buses",
            "key in capitals": "RIVERTON-BUSES",
            "name": "Riverton bus fleet",
            "alias in another case": "riverton BUSES",
        }
    return {
        "id": str(ctx.topic["stock"]["id"]),
        "key": "vehicles",
        "key in capitals": "VEHICLES",
        "name": "Vehicles in service",
        "alias in another case": "Buses",
    }


UNKNOWN = {"subject": "Rivertn bus fleeet", "metric": "vehicels in servise"}
AMBIGUOUS = {
    "subject": ("Riverton", {"riverton-buses", "riverton-trams"}),
    "metric": ("fleet size", {"vehicles", "seats"}),
}


def declared_statuses(app: Litestar, endpoint: Endpoint) -> set[int]:
    document = app.openapi_schema.to_schema()
    templates = [endpoint.template]
    if "{collection}" in endpoint.template:
        templates = [endpoint.template.replace("{collection}", _collection(endpoint.role))]
    operation = document["paths"][templates[0]][endpoint.method]
    return {int(code) for code in operation["responses"]}


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
async def test_every_form_of_a_name_resolves_to_the_same_term(ctx: Context, app: Litestar, endpoint: Endpoint) -> None:
    declared = declared_statuses(app, endpoint)
    for form, ref in _names(ctx, endpoint.role).items():
        response = await endpoint.send(ctx, endpoint.role, ref)
        assert response.status_code == endpoint.success, (form, ref, response.text)
        assert response.status_code in declared


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
async def test_an_unknown_name_is_a_404_with_close_names(ctx: Context, app: Litestar, endpoint: Endpoint) -> None:
    response = await endpoint.send(ctx, endpoint.role, UNKNOWN[endpoint.role])
    problem = problem_of(response, 404)
    assert repr(UNKNOWN[endpoint.role]) in problem["detail"]
    assert problem["errors"][0]["suggestions"], problem
    assert 404 in declared_statuses(app, endpoint)


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
async def test_a_name_two_terms_go_by_is_a_409_listing_both(ctx: Context, app: Litestar, endpoint: Endpoint) -> None:
    name, candidates = AMBIGUOUS[endpoint.role]
    response = await endpoint.send(ctx, endpoint.role, name)
    problem = problem_of(response, 409)
    assert set(problem["errors"][0]["candidates"]) == candidates
    assert 409 in declared_statuses(app, endpoint)


async def test_metric_means_one_metric_in_listings_and_conflicts_alike(ctx: Context) -> None:
    client, editor, topic = ctx.client, ctx.editor, ctx.topic
    # "42 new electric buses" mis-filed as the fleet's level beside "around 300": a conflict of the stock.
    level = assertion_body("riverton-buses", "vehicles", topic)
    misread = {**level, "value_text": "42", "quote": "42 new electric buses"}
    added = {**misread, "metric": "vehicles-added"}
    body = {"assertions": [level, misread, added]}
    recorded = await client.post("/v1/assertions/batch", headers=editor, json=body)
    assert recorded.status_code == 201, recorded.text
    ids = [item["id"] for item in recorded.json()["items"]]
    decisions = {"decisions": [{"assertion_id": i, "decision": "accept"} for i in ids]}
    assert (await client.post("/v1/review", headers=ctx.reviewer, json=decisions)).status_code == 200

    stock_rows = (await client.get("/v1/assertions", params={"metric": "vehicles"})).json()["items"]
    assert {row["metric"] for row in stock_rows} == {"vehicles"}
    flow_rows = (await client.get("/v1/assertions", params={"metric": "Vehicles added"})).json()["items"]
    assert {row["metric"] for row in flow_rows} == {"vehicles-added"}

    stock_conflicts = (await client.get("/v1/conflicts", params={"metric": "vehicles"})).json()["items"]
    assert any(c["kind"] == "disjoint_values" for c in stock_conflicts), stock_conflicts
    for conflict in stock_conflicts:
        assert "vehicles" in {citation["metric"] for citation in conflict["citations"]}
    flow_conflicts = (await client.get("/v1/conflicts", params={"metric": "vehicles-added"})).json()["items"]
    for conflict in flow_conflicts:
        assert "vehicles-added" in {citation["metric"] for citation in conflict["citations"]}
    assert not any(c["kind"] == "disjoint_values" for c in flow_conflicts)
