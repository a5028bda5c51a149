"""The change feed lists every write in order and can be resumed from any page's cursor."""

from __future__ import annotations

import httpx

from tests.api.helpers import make_bus_topic, problem_of, record_bus_arrival


async def _drain(client: httpx.AsyncClient, since: str | None, limit: int = 3) -> tuple[list[dict[str, object]], str]:
    items: list[dict[str, object]] = []
    for _ in range(100):
        params: dict[str, object] = {"limit": limit}
        if since:
            params["since"] = since
        page = (await client.get("/v1/changes", params=params)).json()
        items.extend(page["items"])
        since = page["next"]
        if not page["has_more"]:
            return items, since
    raise AssertionError("the feed did not end")


async def test_every_write_appears_in_order_and_the_feed_resumes(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    _before, cursor = await _drain(client, None)
    topic = await make_bus_topic(client, editor)
    assertion_id = await record_bus_arrival(client, editor, topic)
    await client.post(f"/v1/assertions/{assertion_id}/review", headers=reviewer, json={"decision": "accept"})
    await client.post(f"/v1/assertions/{assertion_id}/retract", headers=reviewer, json={"reason": "double-counted"})
    await client.post("/v1/entities/riverton-buses/aliases", headers=editor, json={"aliases": ["RTA"]})

    items, cursor = await _drain(client, cursor, limit=2)
    actions = [item["action"] for item in items]
    assert actions == [
        "entity.created",
        "metric.created",
        "metric.created",
        "source.created",
        "assertion.created",
        "assertion.accepted",
        "assertion.retracted",
        "entity.aliases_added",
    ]
    ids = [item["id"] for item in items]
    assert ids == sorted(ids)  # type: ignore[type-var]  # change ids are ints; the page is read as dict[str, object]
    assert items[6]["data"] == {"reason": "double-counted"}
    assert items[5]["actor"] != items[4]["actor"]

    nothing_new, same_cursor = await _drain(client, cursor)
    assert nothing_new == []
    await client.post("/v1/sources", headers=editor, json={"text": "one more text, 7 figures"})
    later, _ = await _drain(client, same_cursor)
    assert [item["action"] for item in later] == ["source.created"]


async def test_a_tampered_since_cursor_is_refused(client: httpx.AsyncClient) -> None:
    assert problem_of(await client.get("/v1/changes", params={"since": "abc.def"}), 400)["code"] == "invalid_cursor"
