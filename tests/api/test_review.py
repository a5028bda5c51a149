"""The review queue: proposals wait oldest first with their sentence; decisions on many are all or nothing."""

from __future__ import annotations

import httpx

from tests.api.helpers import make_bus_topic, problem_of


async def _propose_two(client: httpx.AsyncClient, editor: dict[str, str]) -> list[int]:
    topic = await make_bus_topic(client, editor)
    source_id = topic["source"]["id"]
    batch = await client.post(
        "/v1/assertions/batch",
        headers=editor,
        json={
            "assertions": [
                {
                    "source_id": source_id,
                    "subject": "riverton-buses",
                    "metric": "vehicles-added",
                    "value_text": "42",
                    "quote": "42 new electric buses had joined the fleet",
                },
                {
                    "source_id": source_id,
                    "subject": "riverton-buses",
                    "metric": "vehicles",
                    "value_text": "around 300",
                    "quote": "bringing the total to around 300 buses",
                },
            ]
        },
    )
    assert batch.status_code == 201, batch.text
    return [item["id"] for item in batch.json()["items"]]


async def test_the_queue_lists_proposals_oldest_first_with_their_sentence(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    ids = await _propose_two(client, editor)
    items = (await client.get("/v1/review", headers=editor)).json()["items"]
    queued = [item for item in items if item["assertion"]["id"] in ids]
    assert [item["assertion"]["id"] for item in queued] == ids
    first = queued[0]
    assert first["sentence"]["text"].startswith("date 2031-05-12 Riverton's transit authority said on Friday")
    assert first["sentence"]["text"].endswith("around 300 buses.")
    assert first["assertion"]["quote"]["text"] in first["sentence"]["text"]


async def test_many_decisions_apply_together_and_leave_the_queue(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    ids = await _propose_two(client, editor)
    response = await client.post(
        "/v1/review",
        headers=reviewer,
        json={
            "decisions": [
                {"assertion_id": ids[0], "decision": "accept"},
                {"assertion_id": ids[1], "decision": "reject", "note": "stale figure"},
            ]
        },
    )
    assert response.status_code == 200, response.text
    assert [item["status"] for item in response.json()["items"]] == ["accepted", "rejected"]
    queued = {item["assertion"]["id"] for item in (await client.get("/v1/review", headers=reviewer)).json()["items"]}
    assert not queued & set(ids)


async def test_a_batch_of_decisions_with_one_bad_id_changes_nothing(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    ids = await _propose_two(client, editor)
    response = await client.post(
        "/v1/review",
        headers=reviewer,
        json={
            "decisions": [
                {"assertion_id": ids[0], "decision": "accept"},
                {"assertion_id": 10**12, "decision": "accept"},
            ]
        },
    )
    problem_of(response, 404)
    assert (await client.get(f"/v1/assertions/{ids[0]}")).json()["status"] == "proposed"


async def test_deciding_needs_a_reviewer_key(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    ids = await _propose_two(client, editor)
    problem_of(
        await client.post(
            "/v1/review", headers=editor, json={"decisions": [{"assertion_id": ids[0], "decision": "accept"}]}
        ),
        403,
    )
