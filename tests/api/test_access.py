"""Access: reads are open, writes need a key with the right role."""

from __future__ import annotations

import httpx
import pytest

from tests.api.helpers import problem_of

WRITES = [
    ("POST", "/v1/sources", {"text": "some text 1"}),
    ("POST", "/v1/entities", {"key": "a", "name": "A"}),
    ("POST", "/v1/metrics", {"key": "m", "name": "M", "unit": "u", "kind": "stock"}),
    ("POST", "/v1/assertions", {}),
    ("POST", "/v1/assertions/1/review", {"decision": "accept"}),
    ("POST", "/v1/assertions/1/retract", {"reason": "wrong"}),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
async def test_a_write_without_a_key_gets_401(
    client: httpx.AsyncClient, method: str, path: str, body: dict[str, object]
) -> None:
    response = await client.request(method, path, json=body)
    problem = problem_of(response, 401)
    assert response.headers["www-authenticate"] == "Bearer"
    assert "factdesk keys create" in problem["hint"]


async def test_an_unknown_key_gets_401(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/sources", json={"text": "t 1"}, headers={"Authorization": "Bearer fdk_nope"})
    assert problem_of(response, 401)["code"] == "unauthorized"


async def test_a_reviewer_key_cannot_ingest_and_an_editor_key_cannot_review(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    ingest = await client.post("/v1/sources", json={"text": "t 2"}, headers=reviewer)
    assert "role editor" in problem_of(ingest, 403)["detail"]
    review = await client.post("/v1/assertions/1/review", json={"decision": "accept"}, headers=editor)
    assert "role reviewer" in problem_of(review, 403)["detail"]


async def test_reads_need_no_key(client: httpx.AsyncClient) -> None:
    for path in ("/v1/sources", "/v1/entities", "/v1/metrics", "/v1/assertions", "/healthz"):
        assert (await client.get(path)).status_code == 200, path
