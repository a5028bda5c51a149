"""Access: reads are open but for the review queue, writes need a key with the right role, a revoked key is refused."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from operations import keys
from reasoning.errors import NotFound, StateConflict
from reasoning.types import Role
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


async def test_the_review_queue_needs_a_key_of_either_role(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    without = await client.get("/v1/review")
    problem = problem_of(without, 401)
    assert "review queue" in problem["detail"] and "factdesk keys create" in problem["hint"]
    assert without.headers["www-authenticate"] == "Bearer"
    problem_of(await client.get("/v1/review", headers={"Authorization": "Bearer fdk_nope"}), 401)
    for headers in (editor, reviewer):
        assert (await client.get("/v1/review", headers=headers)).status_code == 200


async def _create_key(sessionmaker: async_sessionmaker[AsyncSession], name: str, role: Role) -> dict[str, str]:
    async with sessionmaker() as session, session.begin():
        plain = await keys.create_key(session, name=name, role=role)
    return {"Authorization": f"Bearer {plain}"}


async def test_a_revoked_key_is_refused_from_its_next_request_on(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    headers = await _create_key(sessionmaker, "leaving-desk", Role.editor)
    assert (
        await client.post("/v1/sources", headers=headers, json={"text": "a text with 3 figures"})
    ).status_code == 201
    async with sessionmaker() as session, session.begin():
        revoked = await keys.revoke_key(session, name="leaving-desk")
    assert revoked.revoked_at is not None
    refused = await client.post("/v1/sources", headers=headers, json={"text": "another text with 4 figures"})
    assert "revoked" in problem_of(refused, 401)["detail"]
    problem_of(await client.get("/v1/review", headers=headers), 401)


async def test_revoking_an_unknown_or_an_already_revoked_key_is_refused_with_its_reason(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    await _create_key(sessionmaker, "gone-desk", Role.reviewer)
    async with sessionmaker() as session, session.begin():
        with pytest.raises(NotFound, match="no key named 'no-such-desk'"):
            await keys.revoke_key(session, name="no-such-desk")
        await keys.revoke_key(session, name="gone-desk")
        with pytest.raises(StateConflict, match="already revoked"):
            await keys.revoke_key(session, name="gone-desk")


async def test_the_key_list_shows_names_roles_and_revocations_never_a_key(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    headers = await _create_key(sessionmaker, "listed-desk", Role.editor)
    async with sessionmaker() as session, session.begin():
        await keys.revoke_key(session, name="listed-desk")
        listed = {key.name: key for key in await keys.list_keys(session)}
    assert listed["listed-desk"].role is Role.editor and listed["listed-desk"].revoked_at is not None
    plain = headers["Authorization"].removeprefix("Bearer ")
    assert plain not in repr(listed)
