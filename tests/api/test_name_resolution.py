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

Send = Callable[["Context", str, str], Awaitable[httpx.Response]]
Named = Callable[[dict[str, Any], str], set[str]]
EXPECTED = {"subject": "riverton-buses", "metric": "vehicles"}


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
    named: Named  # the keys of the role's terms the response is about


def _top(body: dict[str, Any], role: str) -> set[str]:
    return {body[role]}


def _items(body: dict[str, Any], role: str) -> set[str]:
    return {item[role] for item in body["items"]}


def _key(body: dict[str, Any], role: str) -> set[str]:
    return {body["key"]}


def _feeds(body: dict[str, Any], role: str) -> set[str]:
    return {body["feeds"]}


def _conflicts_named(body: dict[str, Any], role: str) -> set[str]:
    # Each conflict listed under a subject is about it; under a metric, one of its citations is of it.
    if role == "subject":
        return {conflict["subject"] for conflict in body["items"]}
    return {next(c["metric"] for c in conflict["citations"] if c["metric"] == "vehicles") for conflict in body["items"]}


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
        Endpoint(f"{name} ({role})", method, template, role, send, success, named)
        for role in ("subject", "metric")
        for name, method, template, send, success, named in (
            ("answer", "get", "/v1/answers/value", _answer, 200, _top),
            ("timeline", "get", "/v1/timeline", _timeline, 200, _top),
            ("record an assertion", "post", "/v1/assertions", _record, 201, _top),
            ("record a batch", "post", "/v1/assertions/batch", _record_batch, 201, _items),
            ("review", "post", "/v1/assertions/{assertion_id}/review", _review, 200, _top),
            ("review many", "post", "/v1/review", _review_many, 200, _items),
            ("list assertions", "get", "/v1/assertions", _list_assertions, 200, _items),
            ("list conflicts", "get", "/v1/conflicts", _conflicts, 200, _conflicts_named),
            ("get the term", "get", "/v1/{collection}/{ref}", _get_term, 200, _key),
            ("add aliases", "post", "/v1/{collection}/{ref}/aliases", _add_aliases, 200, _key),
            ("remove an alias", "delete", "/v1/{collection}/{ref}/aliases/{alias}", _remove_alias, 200, _key),
        )
    ),
    Endpoint("a flow feeding a stock (metric)", "post", "/v1/metrics", "metric", _metric_feeding, 201, _feeds),
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
    # Evidence for the listings and conflicts to find: "around 300" and, mis-filed as the level, "42".
    level = assertion_body("riverton-buses", "vehicles", topic)
    misread = {**level, "value_text": "42", "quote": "42 new electric buses"}
    await _record_accepted(client, editor, reviewer, [level, misread])
    return Context(client=client, editor=editor, reviewer=reviewer, topic=topic)


async def _record_accepted(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str], bodies: list[dict[str, Any]]
) -> None:
    recorded = await client.post("/v1/assertions/batch", headers=editor, json={"assertions": bodies})
    assert recorded.status_code == 201, recorded.text
    decisions = [{"assertion_id": item["id"], "decision": "accept"} for item in recorded.json()["items"]]
    accepted = await client.post("/v1/review", headers=reviewer, json={"decisions": decisions})
    assert accepted.status_code == 200, accepted.text


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
        assert endpoint.named(response.json(), endpoint.role) == {EXPECTED[endpoint.role]}, (form, response.text)


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
    client = ctx.client
    # Two arrivals for the same day that cannot both hold: a conflict of the flow alone.
    arrival = {**assertion_body("riverton-buses", "vehicles-added", ctx.topic), "value_text": "42"}
    arrival["quote"] = "42 new electric buses"
    other = {**arrival, "value_text": "500", "quote": "a fleet of 500 buses"}
    await _record_accepted(client, ctx.editor, ctx.reviewer, [arrival, other])

    stock_rows = (await client.get("/v1/assertions", params={"metric": "vehicles"})).json()["items"]
    assert stock_rows and {row["metric"] for row in stock_rows} == {"vehicles"}
    flow_rows = (await client.get("/v1/assertions", params={"metric": "Vehicles added"})).json()["items"]
    assert flow_rows and {row["metric"] for row in flow_rows} == {"vehicles-added"}

    def disjoint(conflicts: list[dict[str, Any]]) -> set[str]:
        return {c["metric"] for c in conflicts if c["kind"] == "disjoint_values"}

    stock_conflicts = (await client.get("/v1/conflicts", params={"metric": "vehicles"})).json()["items"]
    flow_conflicts = (await client.get("/v1/conflicts", params={"metric": "vehicles-added"})).json()["items"]
    assert disjoint(stock_conflicts) == {"vehicles"}, stock_conflicts
    assert disjoint(flow_conflicts) == {"vehicles-added"}, flow_conflicts
    for metric, conflicts in (("vehicles", stock_conflicts), ("vehicles-added", flow_conflicts)):
        assert all(metric in {c["metric"] for c in conflict["citations"]} for conflict in conflicts)


async def test_a_subject_filter_keeps_the_date_contradictions_of_its_evidence(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    topic = await make_bus_topic(client, editor)
    # A text dated 1 May that speaks of "late May": its stated date is contradicted by its own words.
    text = "date 2031-05-01 In late May, Riverton's fleet counted around 300 buses, the authority said."
    late = await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": "2031-05-01"})
    assert late.status_code == 201, late.text
    body = {**assertion_body("riverton-buses", "vehicles", topic), "source_id": late.json()["id"]}
    body["quote"] = "around 300 buses"
    await _record_accepted(client, editor, reviewer, [body])
    listed = (await client.get("/v1/conflicts", params={"subject": "riverton-buses"})).json()["items"]
    assert any(c["kind"] == "date_contradiction" and c["source_id"] == late.json()["id"] for c in listed), listed
    unrelated = {"key": "riverton-ferries", "name": "Riverton ferries"}
    assert (await client.post("/v1/entities", headers=editor, json=unrelated)).status_code == 201
    assert (await client.get("/v1/conflicts", params={"subject": "riverton-ferries"})).json()["items"] == []
