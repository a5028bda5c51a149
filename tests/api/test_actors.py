"""Who did what: shown by role and a stable pseudonym unless names are public; a reviewer's note only with a key."""

from __future__ import annotations

import re
from typing import Any

import httpx
import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.app import create_app
from api.settings import Settings
from operations import keys
from operations.actors import actor_labels, pseudonym
from reasoning.types import Role
from tests.api.helpers import make_bus_topic, problem_of, record_bus_arrival

EDITOR_NAME = "Jane Doe (night desk)"
REVIEWER_NAME = "John Roe (copy desk)"
PSEUDONYM = re.compile(r"^(editor|reviewer):[0-9a-f]{8}$")


async def _named_key(sessionmaker: async_sessionmaker[AsyncSession], name: str, role: Role) -> dict[str, str]:
    async with sessionmaker() as session, session.begin():
        plain = await keys.create_key(session, name=name, role=role)
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
async def jane(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, str]:
    return await _named_key(sessionmaker, EDITOR_NAME, Role.editor)


@pytest.fixture
async def john(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, str]:
    return await _named_key(sessionmaker, REVIEWER_NAME, Role.reviewer)


async def _recorded_and_reviewed(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str], *, note: str = "matches the release"
) -> int:
    topic = await make_bus_topic(client, editor)
    assertion_id = await record_bus_arrival(client, editor, topic)
    reviewed = await client.post(
        f"/v1/assertions/{assertion_id}/review", headers=reviewer, json={"decision": "accept", "note": note}
    )
    assert reviewed.status_code == 200, reviewed.text
    return assertion_id


async def _feed(client: httpx.AsyncClient, headers: dict[str, str] | None = None) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    since = None
    for _ in range(100):
        params: dict[str, object] = {"limit": 200} | ({"since": since} if since else {})
        page = await client.get("/v1/changes", params=params, headers=headers)
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        since = page.json()["next"]
        if not page.json()["has_more"]:
            return items
    raise AssertionError("the feed did not end")


async def test_assertions_and_the_feed_show_role_and_pseudonym_never_the_name(
    client: httpx.AsyncClient, settings: Settings, jane: dict[str, str], john: dict[str, str]
) -> None:
    assertion_id = await _recorded_and_reviewed(client, jane, john)
    shown = await client.get(f"/v1/assertions/{assertion_id}")
    body = shown.json()
    assert body["recorded_by"] == pseudonym(settings.cursor_secret, role=Role.editor, name=EDITOR_NAME)
    assert body["reviewed_by"] == pseudonym(settings.cursor_secret, role=Role.reviewer, name=REVIEWER_NAME)
    assert PSEUDONYM.match(body["recorded_by"]) and PSEUDONYM.match(body["reviewed_by"])
    listed = await client.get("/v1/assertions", params={"source_id": body["source_id"]})
    feed = await _feed(client, jane)
    actors = {
        item["actor"] for item in feed if item["object_type"] == "assertion" and item["object_id"] == assertion_id
    }
    assert actors == {body["recorded_by"], body["reviewed_by"]}
    for text in (shown.text, listed.text, str(feed)):
        assert "Jane" not in text and "John" not in text


async def test_a_pseudonym_is_the_same_on_every_request_and_changes_with_the_secret() -> None:
    first = pseudonym("secret-a", role=Role.editor, name=EDITOR_NAME)
    assert first == pseudonym("secret-a", role=Role.editor, name=EDITOR_NAME)
    assert first != pseudonym("secret-b", role=Role.editor, name=EDITOR_NAME)
    assert first != pseudonym("secret-a", role=Role.editor, name=REVIEWER_NAME)


async def test_a_writer_that_is_no_key_is_shown_as_it_is(session: AsyncSession, settings: Settings) -> None:
    labels = await actor_labels(session, settings, ["seed-curation", "command-line", None])
    assert labels == {"seed-curation": "seed-curation", "command-line": "command-line"}


async def test_a_second_review_does_not_name_the_first_reviewer(
    client: httpx.AsyncClient, jane: dict[str, str], john: dict[str, str]
) -> None:
    assertion_id = await _recorded_and_reviewed(client, jane, john)
    again = await client.post(f"/v1/assertions/{assertion_id}/review", headers=john, json={"decision": "reject"})
    problem = problem_of(again, 409)
    assert "already accepted" in problem["detail"]
    assert "John" not in again.text


async def test_with_public_names_the_key_names_are_shown(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], jane: dict[str, str], john: dict[str, str]
) -> None:
    public = create_app(msgspec.structs.replace(settings, public_actor_names=True), sessionmaker=sessionmaker)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=public), base_url="http://factdesk.test") as client:
        assertion_id = await _recorded_and_reviewed(client, jane, john)
        body = (await client.get(f"/v1/assertions/{assertion_id}")).json()
        assert (body["recorded_by"], body["reviewed_by"]) == (EDITOR_NAME, REVIEWER_NAME)


async def test_a_review_note_reaches_the_feed_only_with_a_key(
    client: httpx.AsyncClient, jane: dict[str, str], john: dict[str, str]
) -> None:
    assertion_id = await _recorded_and_reviewed(client, jane, john, note="the desk's own remark")

    def review_of(feed: list[dict[str, Any]]) -> dict[str, Any]:
        (item,) = [i for i in feed if i["action"] == "assertion.accepted" and i["object_id"] == assertion_id]
        return item

    assert "note" not in review_of(await _feed(client))["data"]
    for headers in (jane, john):
        assert review_of(await _feed(client, headers))["data"]["note"] == "the desk's own remark"
    bad = await client.get("/v1/changes", headers={"Authorization": "Bearer fdk_nope"})
    assert problem_of(bad, 401)["code"] == "unauthorized"
    assert "desk's own remark" not in (await client.get(f"/v1/assertions/{assertion_id}")).text


async def test_a_revocation_is_in_the_feed_naming_the_key_by_its_pseudonym(
    client: httpx.AsyncClient, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], jane: dict[str, str]
) -> None:
    async with sessionmaker() as session, session.begin():
        revoked = await keys.revoke_key(session, name=EDITOR_NAME)
    (item,) = [i for i in await _feed(client) if i["action"] == "key.revoked" and i["object_id"] == revoked.id]
    assert item["object_type"] == "key" and item["actor"] == "command-line"
    assert item["data"] == {
        "key": pseudonym(settings.cursor_secret, role=Role.editor, name=EDITOR_NAME),
        "role": "editor",
    }
    assert "Jane" not in str(item)
