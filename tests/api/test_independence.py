"""Texts that repeat one wire story are linked as one origin; answers count origins, not copies."""

from __future__ import annotations

import httpx

WIRE = (
    "Dockworkers at the port of Carden walked off the job on Tuesday, halting the loading of 14 container ships, "
    "the harbour authority said. \u201cWe will not return until the safety rules are enforced,\u201d union leader "
    "Mara Lind told reporters at the gate. The strike involves some 2,300 workers and is the longest in a decade. "
    "Shipping lines said they would divert vessels to the nearby port of Westby if the stoppage lasted beyond Friday."
)
REPRINT = "CARDEN (Wire) - " + WIRE.replace("walked off the job", "walked out") + " (with newswires)"
INDEPENDENT = (
    "A strike by about 2,300 dock workers in Carden entered its second day, with 14 ships stuck at anchor. "
    "\u201cNobody wants this,\u201d said a port spokesman, Ilse Varga. Talks are set for Thursday."
)


async def test_a_reprint_of_a_wire_story_is_linked_and_shares_its_origin(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    first = (await client.post("/v1/sources", headers=editor, json={"text": WIRE, "stated_date": "2031-06-04"})).json()
    second = (
        await client.post("/v1/sources", headers=editor, json={"text": REPRINT, "stated_date": "2031-06-04"})
    ).json()
    assert [link["source_id"] for link in second["links"]] == [first["id"]]
    assert second["links"][0]["reasons"]
    fetched_first = (await client.get(f"/v1/sources/{first['id']}")).json()
    assert fetched_first["origin"] == second["origin"] == f"origin:{first['id']}"
    assert [link["source_id"] for link in fetched_first["links"]] == [second["id"]]


async def test_an_independent_report_of_the_same_event_is_not_linked(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await client.post("/v1/sources", headers=editor, json={"text": WIRE, "stated_date": "2031-06-04"})
    other = (
        await client.post("/v1/sources", headers=editor, json={"text": INDEPENDENT, "stated_date": "2031-06-05"})
    ).json()
    assert other["links"] == [] and other["origin"] is None


async def test_answers_count_a_wire_story_and_its_reprint_as_one_origin(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    await client.post(
        "/v1/entities", headers=editor, json={"key": "carden-port", "name": "Port of Carden", "aliases": ["Carden"]}
    )
    await client.post(
        "/v1/metrics",
        headers=editor,
        json={"key": "strikers", "name": "Workers on strike", "unit": "workers", "kind": "stock"},
    )
    ids = []
    for text in (WIRE, REPRINT, INDEPENDENT):
        source = (
            await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": "2031-06-04"})
        ).json()
        quote = "some 2,300 workers" if "some 2,300" in text else "about 2,300 dock workers"
        value_text = "some 2,300" if "some 2,300" in text else "about 2,300"
        created = await client.post(
            "/v1/assertions",
            headers=editor,
            json={
                "source_id": source["id"],
                "subject": "carden-port",
                "metric": "strikers",
                "value_text": value_text,
                "quote": quote,
            },
        )
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    await client.post(
        "/v1/review", headers=reviewer, json={"decisions": [{"assertion_id": i, "decision": "accept"} for i in ids]}
    )
    answer = (
        await client.get(
            "/v1/answers/value", params={"subject": "carden-port", "metric": "strikers", "as_of": "2031-06-04"}
        )
    ).json()
    assert answer["best"] == 2300
    assert len({c["source_id"] for c in answer["supporting"]}) == 3
    assert answer["independent_origins_supporting"] == 2
