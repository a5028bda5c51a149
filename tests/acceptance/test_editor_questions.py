"""The ten acceptance questions of EDITOR_NOTES.md, asked of the seeded service over HTTP."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

KENYA = {"subject": "kenyan-police-contingent", "metric": "personnel"}


def sources_of(citations: list[dict[str, Any]]) -> set[int]:
    return {citation["source_id"] for citation in citations}


async def value(client: httpx.AsyncClient, **params: str) -> dict[str, Any]:
    response = await client.get("/v1/answers/value", params={**KENYA, **params})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("as_of", "best", "basis", "supported_by"),
    [
        pytest.param("2024-09-21", 400, "reported", ["004"], id="q1-400-reported-by-004"),
        pytest.param("2024-10-11", 400, "reported", ["002", "004"], id="q2-about-400-consistent-with-004"),
        pytest.param("2025-01-10", 400, None, [], id="q3-still-400-before-the-january-arrival"),
        pytest.param("2025-01-20", 617, "derived", ["000", "003"], id="q4-617-derived-400-plus-217"),
        pytest.param("2025-02-07", 761, "derived", ["001"], id="q5-761-derived-400-plus-217-plus-144"),
    ],
)
async def test_kenyan_officers_in_haiti_as_of_a_date(
    client: httpx.AsyncClient, seeded: dict[str, int], as_of: str, best: int, basis: str | None, supported_by: list[str]
) -> None:
    answer = await value(client, as_of=as_of)
    assert answer["best"] == best, answer["explanation"]
    if basis:
        assert answer["basis"] == basis
    assert {seeded[prefix] for prefix in supported_by} <= sources_of(answer["supporting"]), answer["explanation"]


async def test_q2_nearly_400_is_not_in_conflict_with_004(client: httpx.AsyncClient, seeded: dict[str, int]) -> None:
    answer = await value(client, as_of="2024-10-11")
    assert seeded["004"] not in sources_of(answer["conflicting"])
    assert seeded["002"] not in sources_of(answer["conflicting"])


async def test_q4_counts_the_217_arrival_once_though_two_sources_report_it(
    client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    answer = await value(client, as_of="2025-01-20")
    flows = [step for step in answer["steps"] if step["operation"] == "add_flow"]
    assert [step["figure"]["best"] for step in flows] == [217]
    assert {seeded["000"], seeded["003"]} <= set(flows[0]["source_ids"])


async def test_q5_around_1000_is_a_conflicting_citation(client: httpx.AsyncClient, seeded: dict[str, int]) -> None:
    answer = await value(client, as_of="2025-02-07")
    assert [step["figure"]["best"] for step in answer["steps"] if step["operation"] == "add_flow"] == [217, 144]
    conflicting = [c for c in answer["conflicting"] if c["source_id"] == seeded["001"]]
    assert any(c["value_text"] == "around 1,000" for c in conflicting), answer["conflicting"]


async def test_q6_kenya_pledged_1000(client: httpx.AsyncClient, seeded: dict[str, int]) -> None:
    answer = await value(client, as_of="2025-01-20", modality="pledged")
    assert answer["best"] == 1000
    assert {seeded["000"], seeded["003"], seeded["004"]} <= sources_of(answer["supporting"])


async def check(client: httpx.AsyncClient, text: str, as_of: str | None = None) -> dict[str, Any]:
    body = {"text": text, **({"as_of": as_of} if as_of else {})}
    response = await client.post("/v1/claims/check", json=body)
    assert response.status_code == 200, response.text
    return response.json()


async def test_q7_kenya_has_deployed_1000_is_contradicted_as_of_20_january(
    client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    result = await check(client, "Kenya has deployed 1,000 police officers to Haiti", "2025-01-20")
    assert result["verdict"] == "contradicted", result["explanation"]
    assert result["claim"]["subject"] == "kenyan-police-contingent"
    assert result["answer"]["best"] == 617


async def test_q8_more_than_5000_killed_in_2024_is_supported_by_000_and_001(
    client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    result = await check(client, "More than 5,000 people were killed in Haiti in 2024")
    assert result["verdict"] == "supported", result["explanation"]
    assert result["claim"]["metric"] == "people-killed"
    assert {seeded["000"], seeded["001"]} <= sources_of(result["supporting"])


@pytest.mark.parametrize(("as_of", "verdict"), [("2024-09-21", "contradicted"), ("2025-01-20", "supported")])
async def test_q9_over_a_million_displaced_depends_on_the_date(
    client: httpx.AsyncClient, seeded: dict[str, int], as_of: str, verdict: str
) -> None:
    result = await check(client, "Over a million Haitians have been displaced", as_of)
    assert result["verdict"] == verdict, result["explanation"]


async def test_q10_the_conflicts_list_names_the_three_editor_conflicts(
    client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    conflicts = (await client.get("/v1/conflicts")).json()["items"]
    kinds = {
        (c["kind"], frozenset(sources_of(c["citations"])) | ({c["source_id"]} if c.get("source_id") else set()))
        for c in conflicts
    }
    assert any(kind == "total_vs_parts" and seeded["001"] in ids for kind, ids in kinds), conflicts
    assert any(kind == "date_contradiction" and seeded["001"] in ids for kind, ids in kinds), conflicts
    denials = [c for c in conflicts if c["kind"] == "denial"]
    assert denials and all(c["metric"] == "resignation-letters" for c in denials)
    assert {seeded["000"], seeded["003"]} <= set().union(*(sources_of(c["citations"]) for c in denials))


async def test_rounding_is_not_a_conflict(client: httpx.AsyncClient, seeded: dict[str, int]) -> None:
    # A sum of parts may cite both reports of one arrival; only disjoint values would call them a conflict.
    params = {"metric": "personnel-arrivals", "kind": "disjoint_values"}
    conflicts = (await client.get("/v1/conflicts", params=params)).json()["items"]
    for conflict in conflicts:
        values = {c["value_text"] for c in conflict["citations"]}
        assert not {"200", "217"} <= values, conflict


async def test_the_question_in_words_is_answered_the_same_way(
    client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    response = await client.get(
        "/v1/ask", params={"q": "How many Kenyan police officers were in Haiti on 20 January 2025?"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["question"]["subject"] == "kenyan-police-contingent"
    assert body["question"]["as_of"] == "2025-01-20"
    assert body["answer"]["best"] == 617
