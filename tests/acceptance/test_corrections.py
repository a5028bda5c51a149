"""Corrections on a made-up county vote built over HTTP on both databases: three reports of a provisional
turnout, then the board's recount that restates it as provisional beside the corrected figure. Answers and claim
checks weigh the correction, and cite what it corrected."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.helpers import Article, build_story

ENTITIES = [{"key": "ashby", "name": "Ashby (district)", "aliases": ["Ashby"]}]
METRICS = [
    {
        "key": "ashby-turnout",
        "name": "Election turnout",
        "unit": "percent",
        "kind": "flow",
        "aliases": ["turnout", "voter turnout"],
    }
]
# (stated date, text, [(value_text, quote)]); every figure is the turnout of the vote of 4 May 2031
ARTICLES = [
    ("2031-05-05", "Turnout in Ashby was 47.5% in Sunday's vote.", [("47.5%", "Turnout in Ashby was 47.5%")]),
    ("2031-05-06", "Ashby's turnout of 47.5% was the county's highest.", [("47.5%", "Ashby's turnout of 47.5%")]),
    ("2031-05-07", "In Ashby 47.5% of voters went to the polls.", [("47.5%", "In Ashby 47.5% of voters")]),
    (
        "2031-05-20",
        "After the recount, the board gave Ashby's results as: turnout 44.2% (provisional: 47.5%).",
        [("44.2%", "turnout 44.2% (provisional: 47.5%)"), ("47.5%", "turnout 44.2% (provisional: 47.5%)")],
    ),
]


@pytest.fixture
async def story(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> None:
    articles: list[Article] = [
        (
            stated,
            text,
            [
                {
                    "subject": "ashby",
                    "metric": "ashby-turnout",
                    "value_text": value,
                    "quote": quote,
                    "time": {"start": "2031-05-04"},
                }
                for value, quote in said
            ],
        )
        for stated, text, said in ARTICLES
    ]
    await build_story(client, editor, reviewer, entities=ENTITIES, metrics=METRICS, articles=articles)


async def check(client: httpx.AsyncClient, claim: str) -> dict[str, Any]:
    response = await client.post("/v1/claims/check", json={"text": claim})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(("figure", "verdict"), [("44.2", "supported"), ("47.5", "contradicted")])
async def test_a_claim_is_checked_against_the_corrected_figure(
    client: httpx.AsyncClient, story: None, figure: str, verdict: str
) -> None:
    body = await check(client, f"Turnout in Ashby on 4 May 2031 was {figure} per cent.")
    assert body["verdict"] == verdict
    answer = body["answer"]
    assert answer["best"] == 44.2
    corrected = [c for c in answer["superseded"] if c["role"] == "corrected"]
    # the three early reports, and the recount's own restatement of the provisional figure
    assert sorted(c["value_text"] for c in corrected) == ["47.5%"] * 4
    assert "were not weighed because a statement corrected them" in answer["explanation"]


async def test_a_value_answer_says_what_was_corrected(client: httpx.AsyncClient, story: None) -> None:
    response = await client.get(
        "/v1/answers/value", params={"subject": "ashby", "metric": "ashby-turnout", "as_of": "2031-05-04"}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["best"] == 44.2
    assert {c["role"] for c in body["superseded"]} == {"corrected"}
    assert all("corrected by source" in c["why"] or "revised or withdrawn" in c["why"] for c in body["superseded"])
