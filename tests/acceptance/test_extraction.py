"""Ingesting with extraction on: proposals wait for review, and the seed texts reach the quality goal."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from reasoning.extraction import Proposal
from reasoning.extraction_report import compare, read_curated, summarize
from reasoning.types import Interval, Modality, Precision, TimeSpan
from seeds.loader import read_curated as read_seed_file
from seeds.loader import read_text
from tests.api.helpers import problem_of


async def _post_vocabulary(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    vocabulary = read_seed_file("vocabulary.json")
    for entity in vocabulary["entities"]:
        body = {key: entity[key] for key in ("key", "name", "kind", "description", "aliases") if key in entity}
        assert (await client.post("/v1/entities", headers=editor, json=body)).status_code == 201
    for metric in sorted(vocabulary["metrics"], key=lambda item: item.get("feeds") is not None):
        body = {
            key: metric[key]
            for key in ("key", "name", "unit", "kind", "feeds", "description", "aliases")
            if key in metric
        }
        assert (await client.post("/v1/metrics", headers=editor, json=body)).status_code == 201


def _proposal(item: dict[str, Any]) -> Proposal:
    time = item["time"]
    return Proposal(
        subject=item["subject"],
        metric=item["metric"],
        value_text=item["value_text"],
        interval=Interval(
            low=item["value"]["low"], best=item["value"]["best"], high=item["value"]["high"], rule=item["value"]["rule"]
        ),
        modality=Modality(item["modality"]),
        time=TimeSpan(
            start=dt.date.fromisoformat(time["start"]) if time["start"] else None,
            end=dt.date.fromisoformat(time["end"]) if time["end"] else None,
            precision=Precision(time["precision"]),
        ),
        time_text=time["text"],
        claimant=item["claimant"],
        quote=item["quote"]["text"],
        quote_start=item["quote"]["start"],
        quote_end=item["quote"]["end"],
        rule=item["origin_rule"] or "",
    )


async def test_the_seed_texts_ingested_afresh_reach_the_extraction_goal(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await _post_vocabulary(client, editor)
    curated = read_seed_file("assertions.json")
    reports = []
    for source in read_seed_file("sources.json"):
        body = {"text": read_text(source["file"]), "stated_date": source["stated_date"], "extract": True}
        if source["date_basis"] == "inferred":
            body |= {"date_used": source["date_used"], "date_reason": source["date_reason"]}
        created = await client.post("/v1/sources", headers=editor, json=body)
        assert created.status_code == 201, created.text
        summary = created.json()["extraction"]
        assert summary["proposed"] == len(summary["assertion_ids"]) > 0
        listed = (await client.get("/v1/assertions", params={"source_id": created.json()["id"], "limit": 200})).json()[
            "items"
        ]
        assert {item["status"] for item in listed} == {"proposed"}
        proposals = [_proposal(item) for item in listed if item["subject"] and item["metric"]]
        expected = [read_curated(item) for item in curated if item["source"] == source["file"]]
        report = compare(proposals, expected, name=source["file"])
        report = type(report)(
            **{
                **{f: getattr(report, f) for f in report.__struct_fields__},
                "proposals": len(listed),
                "precision": report.matched / len(listed) if listed else 1.0,
            }
        )
        reports.append(report)
    overall = summarize(reports)
    assert overall.recall >= 0.9, [(r.name, r.recall) for r in reports]
    assert overall.precision >= 0.8, [(r.name, r.precision) for r in reports]


TEXT = (
    "Lakeside, 3 June 2031 - The Lakeside ferry service added 4 new ferries on Monday, "
    "bringing its fleet to about 30 ferries, the harbour office said. "
    "The city has pledged to reach 50 ferries by 2035. Some 1,200 commuters crossed the lake each day."
)


async def test_a_new_article_is_ingested_with_proposals_waiting_for_review(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]
) -> None:
    await client.post(
        "/v1/entities",
        headers=editor,
        json={"key": "lakeside-ferries", "name": "Lakeside ferry service", "aliases": ["Lakeside", "ferry service"]},
    )
    await client.post(
        "/v1/metrics",
        headers=editor,
        json={
            "key": "vessels",
            "name": "Vessels in service",
            "unit": "vessels",
            "kind": "stock",
            "aliases": ["ferries", "fleet"],
        },
    )
    await client.post(
        "/v1/metrics",
        headers=editor,
        json={
            "key": "vessels-added",
            "name": "Vessels added",
            "unit": "vessels",
            "kind": "flow",
            "feeds": "vessels",
            "aliases": ["new ferries", "added"],
        },
    )
    created = await client.post(
        "/v1/sources", headers=editor, json={"text": TEXT, "stated_date": "2031-06-04", "extract": True}
    )
    assert created.status_code == 201, created.text
    summary = created.json()["extraction"]
    assert summary["language"] == "en" and summary["proposed"] >= 3
    queue = (await client.get("/v1/review", headers=editor)).json()["items"]
    waiting = {
        item["assertion"]["value_text"]: item for item in queue if item["assertion"]["id"] in summary["assertion_ids"]
    }
    added = waiting["4"]["assertion"]
    assert (added["subject"], added["metric"], added["time"]["start"]) == (
        "lakeside-ferries",
        "vessels-added",
        "2031-06-02",
    )
    assert waiting["about 30"]["assertion"]["metric"] == "vessels"
    assert waiting["50"]["assertion"]["modality"] in {"pledged", "goal"}
    assert TEXT[waiting["4"]["sentence"]["start"] : waiting["4"]["sentence"]["end"]] == waiting["4"]["sentence"]["text"]
    unresolved = [
        item["assertion"]
        for item in waiting.values()
        if item["assertion"]["subject"] is None or item["assertion"]["metric"] is None
    ]
    for proposal in unresolved:
        assert proposal["context"], proposal
        refused = await client.post(
            f"/v1/assertions/{proposal['id']}/review", headers=reviewer, json={"decision": "accept"}
        )
        assert problem_of(refused, 409)["code"] == "conflict"
    decided = await client.post(
        "/v1/review", headers=reviewer, json={"decisions": [{"assertion_id": added["id"], "decision": "accept"}]}
    )
    assert decided.status_code == 200
    actions = [change["action"] for change in (await client.get("/v1/changes", params={"limit": 200})).json()["items"]]
    assert actions.count("assertion.created") >= summary["proposed"] and "assertion.accepted" in actions


async def test_an_undated_text_gets_unknown_times_never_today(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    await client.post(
        "/v1/entities",
        headers=editor,
        json={"key": "lakeside-ferries", "name": "Lakeside ferry service", "aliases": ["Lakeside"]},
    )
    await client.post(
        "/v1/metrics",
        headers=editor,
        json={
            "key": "vessels-added",
            "name": "Vessels added",
            "unit": "vessels",
            "kind": "flow",
            "aliases": ["new ferries"],
        },
    )
    created = (
        await client.post(
            "/v1/sources", headers=editor, json={"text": "Lakeside added 4 new ferries on Monday.", "extract": True}
        )
    ).json()
    listed = (await client.get("/v1/assertions", params={"source_id": created["id"]})).json()["items"]
    assert listed and all(item["time"]["precision"] == "unknown" and item["time"]["start"] is None for item in listed)


async def test_a_text_in_another_language_is_stored_and_extraction_says_why_it_proposed_nothing(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    created = await client.post(
        "/v1/sources",
        headers=editor,
        json={
            "text": "Le Kenya a déployé 217 policiers supplémentaires en Haïti samedi.",
            "language": "fr",
            "extract": True,
        },
    )
    assert created.status_code == 201, created.text
    summary = created.json()["extraction"]
    assert summary["proposed"] == 0 and summary["language"] == "fr"
    assert summary["notes"] and "fr" in " ".join(summary["notes"])
