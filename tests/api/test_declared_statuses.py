"""Every status a handler sends is declared in its OpenAPI entry: the routes are walked, not listed by hand.

Each route of the app is asked in the ways a client gets wrong: without a key, with the other role's key,
with an empty or an oversized body, with a record or a name that does not exist, with a page size out
of range. Whatever it answers must be a status its entry in the document declares, and never a 500.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
from litestar import Litestar
from litestar.routes import HTTPRoute

from tests.api.helpers import BUS_TEXT, make_bus_topic

SKIPPED_METHODS = {"HEAD", "OPTIONS"}
PARAMETER = re.compile(r"\{(\w+):(\w+)\}")


def _concrete(path: str, *, known: str) -> str:
    """The route's path with each parameter filled: a record or name that exists, one that does not, or a
    name two terms go by."""

    def fill(match: re.Match[str]) -> str:
        name, kind = match.groups()
        if kind == "int":
            return "1" if known == "known" else "987654321"
        if name == "alias":
            return "Riverton"
        if known == "ambiguous":
            return "Riverton" if "entities" in path else "fleet size"
        return ("riverton-buses" if "entities" in path else "vehicles") if known == "known" else "no-such-name"

    return PARAMETER.sub(fill, path)


def _operations(app: Litestar) -> list[tuple[str, str, str]]:
    """(method, path with typed parameters, path as the document names it) for every operation."""
    found = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for method in sorted(route.route_handler_map):
            if method in SKIPPED_METHODS:
                continue
            found.append((method, route.path, PARAMETER.sub(r"{\1}", route.path)))
    return found


def _attempts(method: str, editor: dict[str, str], reviewer: dict[str, str]) -> list[dict[str, Any]]:
    writes = method in {"POST", "PATCH", "PUT", "DELETE"}
    attempts: list[dict[str, Any]] = [
        {},
        {"params": {"limit": "0"}},
        {"params": {"subject": "no-such-name", "metric": "vehicles", "as_of": "2031-05-12", "q": "How many buses?"}},
    ]
    attempts.append({"headers": {"accept": "image/png"}, "params": {"subject": "riverton-buses", "metric": "vehicles"}})
    attempts.append({"params": {"subject": "Riverton", "metric": "fleet size", "as_of": "2031-05-12"}})
    if writes:
        for headers in (editor, reviewer):
            attempts += [
                {"headers": headers, "json": {}},
                {"headers": headers, "json": {"key": "riverton-buses", "name": "Again", "unit": "u", "kind": "stock"}},
                {
                    "headers": headers,
                    "content": b"{" + b" " * 3_000_000 + b"}",
                    "extra": {"content-type": "application/json"},
                },
            ]
    return attempts


async def test_every_status_a_route_answers_is_declared_in_its_openapi_entry(
    client: httpx.AsyncClient, app: Litestar, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    await make_bus_topic(client, editor)
    # Homonyms, so that names can be ambiguous: "Riverton" also names the trams, "fleet size" two metrics.
    trams = {"key": "riverton-trams", "name": "Riverton trams", "aliases": ["Riverton"]}
    assert (await client.post("/v1/entities", headers=editor, json=trams)).status_code == 201
    seats = {"key": "seats", "name": "Seats", "unit": "seats", "kind": "stock", "aliases": ["fleet size"]}
    assert (await client.post("/v1/metrics", headers=editor, json=seats)).status_code == 201
    alias = await client.post("/v1/metrics/vehicles/aliases", headers=editor, json={"aliases": ["fleet size"]})
    assert alias.status_code == 200, alias.text
    document = app.openapi_schema.to_schema()
    operations = _operations(app)
    assert len(operations) >= 25, operations  # the walk reaches every route, not a handful
    seen: set[tuple[str, str, int]] = set()
    for method, path, documented in operations:
        if documented not in document["paths"]:
            continue  # the framework's own /schema routes, which serve the document itself
        declared = {int(code) for code in document["paths"][documented][method.lower()]["responses"]}
        for known in ("known", "unknown", "ambiguous"):
            for attempt in _attempts(method, editor, reviewer):
                headers = {**attempt.get("headers", {}), **attempt.get("extra", {})}
                response = await client.request(
                    method,
                    _concrete(path, known=known),
                    headers=headers,
                    params=attempt.get("params"),
                    json=attempt.get("json"),
                    content=attempt.get("content"),
                )
                assert response.status_code != 500, (method, path, response.text)
                assert response.status_code in declared, (method, documented, response.status_code, response.text)
                seen.add((method, documented, response.status_code))
    statuses = {status for _method, _path, status in seen}
    # The walk did provoke the failures it is about, so a route that stopped declaring them would fail here.
    assert {400, 401, 403, 404, 406, 409, 413, 422} <= statuses, sorted(statuses)


async def test_ingesting_a_stored_text_again_answers_a_declared_200(
    client: httpx.AsyncClient, app: Litestar, editor: dict[str, str]
) -> None:
    await make_bus_topic(client, editor)
    again = await client.post("/v1/sources", headers=editor, json={"text": BUS_TEXT})
    assert again.status_code == 200, again.text
    declared = app.openapi_schema.to_schema()["paths"]["/v1/sources"]["post"]["responses"]
    assert {"200", "201"} <= set(declared)
