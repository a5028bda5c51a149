"""A source's date evidence is read from its text once, at ingest, and stored: reads never read the text again."""

from __future__ import annotations

from typing import Any, NoReturn

import httpx
import pytest

import operations.sources
import reasoning.conflicts

LATE = "The council met on Monday. In late March, the mayor warned that the bridge could close."


def _never(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise AssertionError("a read re-read a source's text for its date evidence")


async def test_reading_a_source_and_listing_its_conflict_use_the_evidence_stored_at_ingest(
    client: httpx.AsyncClient, editor: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ingested = await client.post("/v1/sources", headers=editor, json={"text": LATE, "stated_date": "2031-03-01"})
    assert ingested.status_code == 201, ingested.text
    body = ingested.json()
    [evidence] = body["date_evidence"]
    assert evidence["source_id"] == body["id"] and LATE[evidence["start"] : evidence["end"]] == evidence["phrase"]
    monkeypatch.setattr(operations.sources, "date_contradictions", _never)
    monkeypatch.setattr(reasoning.conflicts, "stated_date_evidence", _never)

    fetched = await client.get(f"/v1/sources/{body['id']}")
    assert fetched.status_code == 200, fetched.text
    assert fetched.json()["date_evidence"] == [evidence]
    listed = await client.get("/v1/conflicts", params={"source_id": body["id"], "kind": "date_contradiction"})
    assert listed.status_code == 200, listed.text
    assert [c["date_evidence"] for c in listed.json()["items"]] == [[evidence]]


async def test_correcting_the_date_used_keeps_the_evidence_read_against_the_stated_date(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    # The evidence reads the text against the stated date; a correction changes only the date used.
    ingested = (
        await client.post("/v1/sources", headers=editor, json={"text": LATE, "stated_date": "2031-03-01"})
    ).json()
    corrected = await client.patch(
        f"/v1/sources/{ingested['id']}",
        headers=editor,
        json={"date_used": "2031-03-28", "date_reason": "the text reports the late-March warning"},
    )
    assert corrected.status_code == 200, corrected.text
    fetched = (await client.get(f"/v1/sources/{ingested['id']}")).json()
    assert fetched["date"]["used"] == "2031-03-28"
    assert fetched["date_evidence"] == ingested["date_evidence"] != []


async def test_a_long_text_repeating_a_wrong_date_keeps_its_first_twenty_phrases(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    text = "In late March, the mayor warned that the bridge could close. " * 200
    ingested = await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": "2031-03-01"})
    assert ingested.status_code == 201, ingested.text
    phrases = ingested.json()["date_evidence"]
    assert len(phrases) == 20 and phrases[0]["start"] == 0
    assert (await client.get(f"/v1/sources/{ingested.json()['id']}")).json()["date_evidence"] == phrases
