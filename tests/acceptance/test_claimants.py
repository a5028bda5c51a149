"""Questions and claims that name who stated a figure, on a made-up storm story built over HTTP on both databases:
"according to X", "X put the toll at N", answered from X's statements only, and never from another claimant's."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from db import evidence
from tests.api.helpers import Article, build_story

ENTITIES = [{"key": "marlow", "name": "Marlow (town)", "aliases": ["Marlow"]}]
METRICS = [
    {
        "key": "storm-deaths",
        "name": "People killed by the storm",
        "unit": "people",
        "kind": "stock",
        "aliases": ["death toll", "dead", "died"],
    }
]
DEFENCE = "National Civil Defence Office"
MINISTRY = "Health Ministry"
# (stated date, text, [(value_text, quote, day, claimant)])
ARTICLES = [
    (
        "2025-02-02",
        "The civil defence office put the death toll in Marlow at 40.",
        [("40", "at 40", "2025-02-02", DEFENCE)],
    ),
    (
        "2025-02-02",
        "Marlow's hospitals counted 55 dead, the health ministry said.",
        [("55", "55 dead", "2025-02-02", MINISTRY)],
    ),
    (
        "2025-02-03",
        "The civil defence office said 48 people had died in Marlow.",
        [("48", "48 people had died", "2025-02-03", DEFENCE)],
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
                    "subject": "marlow",
                    "metric": "storm-deaths",
                    "value_text": value,
                    "quote": quote,
                    "time": {"start": day},
                    "claimant": claimant,
                }
                for value, quote, day, claimant in said
            ],
        )
        for stated, text, said in ARTICLES
    ]
    await build_story(client, editor, reviewer, entities=ENTITIES, metrics=METRICS, articles=articles)


async def ask(client: httpx.AsyncClient, question: str) -> dict[str, Any]:
    response = await client.get("/v1/ask", params={"q": question})
    assert response.status_code == 200, response.text
    return response.json()


async def check(client: httpx.AsyncClient, claim: str) -> dict[str, Any]:
    response = await client.post("/v1/claims/check", json={"text": claim, "as_of": "2025-02-28"})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("who", "value"),
    [("the civil defence office", 40), ("the health ministry", 55)],
)
async def test_according_to_counts_that_claimants_statements_only(
    client: httpx.AsyncClient, story: None, who: str, value: int
) -> None:
    body = await ask(client, f"According to {who}, how many people had died in Marlow as of 2 February 2025?")
    assert body["answer"]["best"] == value
    question = body["question"]
    assert question["claimant"] == who.removeprefix("the ")
    start, end = question["claimant_span"]
    assert question["text"][start:end] == question["claimant"]
    assert {w["word"] for w in question["words"] if w["role"] == "claimant"} >= set(question["claimant"].split())
    assert "Only statements attributed to" in body["answer"]["explanation"]


async def test_a_claimant_with_no_statements_gets_no_value_not_anothers_figure(
    client: httpx.AsyncClient, story: None
) -> None:
    body = await ask(client, "According to the mayor, how many people had died in Marlow as of 2 February 2025?")
    assert body["answer"]["best"] is None
    assert body["answer"]["basis"] == "none"
    assert "'mayor'" in body["answer"]["explanation"]


async def test_a_claim_about_what_a_claimant_stated_is_checked_against_that_claimant(
    client: httpx.AsyncClient, story: None
) -> None:
    said = await check(client, "The health ministry put Marlow's death toll at 55 on 2 February 2025.")
    assert said["verdict"] == "supported"
    assert said["claim"]["claimant"] == "health ministry"
    not_said = await check(client, "The civil defence office put Marlow's death toll at 55 on 2 February 2025.")
    assert not_said["verdict"] == "contradicted"
    assert [c["claimant"] for c in not_said["supporting"] + not_said["conflicting"]] == [DEFENCE]


async def test_when_a_claimant_first_put_a_figure_above_a_threshold(client: httpx.AsyncClient, story: None) -> None:
    body = await ask(client, "When did the civil defence office first put the death toll in Marlow above 45?")
    assert body["answer"]["date"] == "2025-02-03"
    assert body["question"]["threshold"]["relation"] == "above"


async def test_each_figure_of_a_claim_is_checked_against_the_claimant_of_its_own_clause(
    client: httpx.AsyncClient, story: None
) -> None:
    text = (
        "The health ministry said 55 people had died in Marlow by 2 February 2025, and the civil defence office "
        "put the death toll there at 48 on 3 February 2025."
    )
    body = await check(client, text)
    assert [p["claimant"] for p in body["claim"]["parts"]] == ["health ministry", "civil defence office"]
    assert [p["verdict"] for p in body["parts"]] == ["supported", "supported"]
    assert body["verdict"] == "supported"


async def test_a_common_noun_owning_the_measure_is_a_claimant_when_the_store_confirms_it(
    client: httpx.AsyncClient, story: None
) -> None:
    # "Civil defence" is no organisation to the English pipeline; the store's "National Civil Defence Office"
    # says who it is, so only that office's figures are checked (the ministry's 55 would make this mixed).
    text = "Civil defence's death toll in Marlow rose from 40 to 48 between 2 and 3 February 2025."
    body = await check(client, text)
    assert [p["claimant"] for p in body["claim"]["parts"]] == ["Civil defence", "Civil defence"]
    assert [p["verdict"] for p in body["parts"]] == ["supported", "supported"]
    roles = {w["word"]: w["role"] for w in body["claim"]["words"]}
    assert roles["Civil"] == roles["defence"] == "claimant"


@pytest.mark.parametrize(
    "claim",
    [
        # an owner of the measure that the store confirms as no claimant and knows as no name: whose toll is it?
        "The relief agency's death toll in Marlow rose from 40 to 48 between 2 and 3 February 2025.",
        "The coastal region's death toll in Marlow was 48 on 3 February 2025.",
        "The relief agency's count of the dead in Marlow was 48 on 3 February 2025.",  # a figure of the measure
    ],
)
async def test_an_owner_of_the_measure_that_nothing_explains_is_refused_not_ignored(
    client: httpx.AsyncClient, story: None, claim: str
) -> None:
    response = await client.post("/v1/claims/check", json={"text": claim, "as_of": "2025-02-28"})
    assert response.status_code == 422, response.text
    assert response.json()["code"] == "unknown_term"
    owner = claim.split("'s")[0].removeprefix("The ")
    assert repr(owner) in response.json()["detail"]


async def test_the_claimants_of_many_pairs_are_read_without_a_condition_per_pair(
    session: AsyncSession, story: None
) -> None:
    # a condition per pair once grew past SQLite's expression depth (a 500); the pairs are now kept in Python
    pairs = {("marlow", "storm-deaths")} | {(f"town-{n}", "storm-deaths") for n in range(1200)}
    assert await evidence.claimants_of(session, pairs, limit=10) == [MINISTRY, DEFENCE]
    assert await evidence.claimants_of(session, pairs, limit=1) == [MINISTRY]
    assert await evidence.claimants_of(session, {("town-1", "storm-deaths")}, limit=10) == []
