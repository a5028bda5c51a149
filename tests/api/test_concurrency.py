"""Concurrent writers and races, on each database, through the app's real start-up path.

Goals (issue: nothing lost, nothing overwritten, no 500): thirty concurrent writers get no 5xx; every
acknowledged write is stored exactly once and no unacknowledged one is; a follower of the change feed
sees every change id, in order, with no gap; a review is final (the loser of a race gets a 409); the same
text ingested ten times at once is stored once.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from reasoning.types import Role
from tests.conftest import BACKENDS, POSTGRES_ADMIN_URL
from tests.live import all_pages, fresh_database, key_headers, live_client

pytestmark = pytest.mark.slow

WRITERS = 30
WRITES_EACH = 5
SECONDS = 120  # a bound on the whole load, far above what it takes
RACE_ROUNDS = 8
TEXT = "date 2031-05-12 Riverton's transit authority said on Friday that 42 new electric buses had joined the fleet."


ASSERTION = {
    "subject": "riverton-buses",
    "metric": "vehicles-added",
    "value_text": "42",
    "quote": "42 new electric buses",
}


class Live:
    def __init__(self, url: str, editor: dict[str, str], reviewer: dict[str, str]) -> None:
        self.url, self.editor, self.reviewer = url, editor, reviewer
        self.client: httpx.AsyncClient

    @asynccontextmanager
    async def serving(self) -> AsyncIterator[Live]:
        # The app's lifespan runs a task group, which must start and end in the test's own task.
        async with live_client(self.url) as client:
            self.client = client
            yield self


@pytest.fixture(params=BACKENDS)
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Live]:
    async with fresh_database(request.param, POSTGRES_ADMIN_URL, tmp_path) as url:
        yield Live(url, await key_headers(url, Role.editor), await key_headers(url, Role.reviewer))


async def _follow_changes(client: httpx.AsyncClient, stop: asyncio.Event, seen: list[int]) -> None:
    """A mirror polling the change feed while the writes go on, as a newsroom tool would."""
    since: str | None = None
    deadline = time.monotonic() + SECONDS
    while time.monotonic() < deadline:
        done = stop.is_set()
        page = await client.get("/v1/changes", params={"limit": 100, **({"since": since} if since else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        seen += [item["id"] for item in body["items"]]
        since = body["next"]
        if done and not body["has_more"]:
            return
        if not body["items"]:
            await asyncio.sleep(0.01)


async def test_thirty_concurrent_writers_lose_nothing_and_get_no_server_error(database: Live) -> None:
    async with database.serving() as live:
        acknowledged: list[str] = []
        refused: list[str] = []
        statuses: list[int] = []
        deadline = time.monotonic() + SECONDS

        source_id = await _source(live)
        await _proposal(live, source_id)  # the vocabulary the writers' assertions use

        async def writer(number: int) -> None:
            # Recording an assertion reads (the source, the names) before it writes: the pattern that made
            # SQLite refuse a second writer at once instead of letting it wait its turn.
            for attempt in range(WRITES_EACH):
                if time.monotonic() > deadline:
                    return
                token = f"writer {number}, write {attempt}"
                body = {**ASSERTION, "source_id": source_id, "note": token}
                response = await live.client.post("/v1/assertions", headers=live.editor, json=body)
                statuses.append(response.status_code)
                (acknowledged if response.status_code == 201 else refused).append(token)

        stop = asyncio.Event()
        seen: list[int] = []
        follower = asyncio.create_task(_follow_changes(live.client, stop, seen))
        await asyncio.gather(*(writer(number) for number in range(WRITERS)))
        stop.set()
        await follower

        assert [status for status in statuses if status >= 500] == []
        assert len(acknowledged) == WRITERS * WRITES_EACH and refused == []
        stored = [item["note"] for item in await all_pages(live.client, "/v1/assertions") if item["note"]]
        assert sorted(stored) == sorted(acknowledged)  # each once, and nothing that was not acknowledged
        changes = await all_pages_of_changes(live.client)
        created = [change for change in changes if change["action"] == "assertion.created"]
        assert len(created) == len(acknowledged) + 1  # and the vocabulary's own proposal
        ids = [change["id"] for change in changes]
        assert ids == list(range(ids[0], ids[0] + len(ids))), "the change feed has a gap"
        assert seen == ids, "the follower skipped or reordered a change"


async def all_pages_of_changes(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    since: str | None = None
    for _ in range(10_000):
        body = (await client.get("/v1/changes", params={"limit": 500, **({"since": since} if since else {})})).json()
        items += body["items"]
        since = body["next"]
        if not body["has_more"]:
            return items
    raise AssertionError("the change feed did not end")


async def _source(live: Live) -> int:
    text = f"{TEXT} Ref {uuid.uuid4().hex}."
    response = await live.client.post(
        "/v1/sources", headers=live.editor, json={"text": text, "stated_date": "2031-05-12"}
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def _proposal(live: Live, source_id: int) -> int:
    entity = await live.client.get("/v1/entities/riverton-buses")
    if entity.status_code == 404:
        created = await live.client.post(
            "/v1/entities", headers=live.editor, json={"key": "riverton-buses", "name": "Riverton bus fleet"}
        )
        assert created.status_code in (201, 409), created.text
        metric = {"key": "vehicles-added", "name": "Vehicles added", "unit": "vehicles", "kind": "flow"}
        assert (await live.client.post("/v1/metrics", headers=live.editor, json=metric)).status_code in (201, 409)
    response = await live.client.post("/v1/assertions", headers=live.editor, json={**ASSERTION, "source_id": source_id})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def test_an_accept_and_a_reject_at_once_leave_one_final_decision(database: Live) -> None:
    async with database.serving() as live:
        source_id = await _source(live)
        for _round in range(RACE_ROUNDS):
            assertion_id = await _proposal(live, source_id)
            url = f"/v1/assertions/{assertion_id}/review"
            accept, reject = await asyncio.gather(
                live.client.post(url, headers=live.reviewer, json={"decision": "accept"}),
                live.client.post(url, headers=live.reviewer, json={"decision": "reject"}),
            )
            assert sorted([accept.status_code, reject.status_code]) == [200, 409], (accept.text, reject.text)
            winner = "accepted" if accept.status_code == 200 else "rejected"
            stored = (await live.client.get(f"/v1/assertions/{assertion_id}")).json()
            assert stored["status"] == winner
            reviews = [c for c in await all_pages_of_changes(live.client) if c["object_id"] == assertion_id]
            assert [c["action"] for c in reviews if c["object_type"] == "assertion"].count(f"assertion.{winner}") == 1
            assert not any(
                c["action"] == f"assertion.{'rejected' if winner == 'accepted' else 'accepted'}" for c in reviews
            )


async def test_two_retractions_at_once_keep_the_first_reason(database: Live) -> None:
    async with database.serving() as live:
        source_id = await _source(live)
        for _round in range(RACE_ROUNDS):
            assertion_id = await _proposal(live, source_id)
            url = f"/v1/assertions/{assertion_id}/retract"
            first, second = await asyncio.gather(
                live.client.post(url, headers=live.reviewer, json={"reason": "first reason: wrong figure"}),
                live.client.post(url, headers=live.reviewer, json={"reason": "second reason: wrong source"}),
            )
            assert sorted([first.status_code, second.status_code]) == [200, 409], (first.text, second.text)
            winner = first if first.status_code == 200 else second
            stored = (await live.client.get(f"/v1/assertions/{assertion_id}")).json()
            assert stored["retraction_reason"] == winner.json()["retraction_reason"]


async def test_a_review_and_a_retraction_at_once_are_applied_in_one_order(database: Live) -> None:
    async with database.serving() as live:
        source_id = await _source(live)
        for _round in range(RACE_ROUNDS):
            assertion_id = await _proposal(live, source_id)
            review, retract = await asyncio.gather(
                live.client.post(
                    f"/v1/assertions/{assertion_id}/review", headers=live.reviewer, json={"decision": "accept"}
                ),
                live.client.post(
                    f"/v1/assertions/{assertion_id}/retract", headers=live.reviewer, json={"reason": "wrong figure"}
                ),
            )
            assert retract.status_code == 200, retract.text
            stored = (await live.client.get(f"/v1/assertions/{assertion_id}")).json()
            assert stored["retracted_at"] is not None
            if review.status_code == 200:  # the review came first, then the retraction
                assert stored["status"] == "accepted" and stored["reviewed_at"] <= stored["retracted_at"]
            else:  # the retraction came first: a retracted assertion is not reviewed
                assert review.status_code == 409, review.text
                assert stored["status"] == "proposed"


async def test_the_same_text_ingested_ten_times_at_once_is_stored_once(database: Live) -> None:
    async with database.serving() as live:
        for _round in range(RACE_ROUNDS // 2):
            text = f"{TEXT} Edition {uuid.uuid4().hex}."
            responses = await asyncio.gather(
                *(live.client.post("/v1/sources", headers=live.editor, json={"text": text}) for _ in range(10))
            )
            statuses = sorted(response.status_code for response in responses)
            assert statuses == [200] * 9 + [201], [r.text for r in responses if r.status_code not in (200, 201)]
            assert len({response.json()["id"] for response in responses}) == 1
            created = [c for c in await all_pages_of_changes(live.client) if c["action"] == "source.created"]
            assert [c["object_id"] for c in created].count(responses[0].json()["id"]) == 1
