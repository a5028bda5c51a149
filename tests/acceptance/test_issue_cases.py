"""The cases a fact-checker found answered wrongly, on a made-up flood story built over HTTP: each gets a right
answer or an honest refusal through /v1/ask and /v1/claims/check, on both databases."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.helpers import Article, build_story, problem_of

ENTITIES = [
    {"key": "fenland", "name": "Fenland province", "aliases": ["Fenland", "the province"]},
    {"key": "norway", "name": "Norway", "aliases": ["Norway", "Norwegian"]},
    {"key": "denmark", "name": "Denmark", "aliases": ["Denmark", "Danish"]},
    {"key": "relief-appeal", "name": "Fenland flood relief appeal", "aliases": ["the appeal", "relief appeal"]},
]
METRICS = [
    {
        "key": "flooded-share",
        "name": "Share of land flooded",
        "unit": "percent",
        "kind": "stock",
        "aliases": ["flooded area", "under water"],
    },
    {
        "key": "flood-deaths",
        "name": "People killed by the floods",
        "unit": "people",
        "kind": "flow",
        "aliases": ["deaths", "killed"],
    },
    {"key": "doctors", "name": "Doctors", "unit": "doctors", "kind": "stock", "aliases": ["doctors"]},
    {"key": "population", "name": "Population", "unit": "people", "kind": "stock", "aliases": ["people", "residents"]},
    {"key": "doses", "name": "Vaccine doses", "unit": "doses", "kind": "stock", "aliases": ["doses"]},
]
# (stated date, text, [(subject, metric, value_text, quote, time, modality)])
ARTICLES = [
    (
        "2024-04-02",
        "The floods killed 700 people in Fenland in January 2024, the province said.",
        [
            (
                "fenland",
                "flood-deaths",
                "700",
                "killed 700 people",
                {"start": "2024-01-01", "end": "2024-01-31", "precision": "month"},
                "actual",
            )
        ],
    ),
    (
        "2024-04-03",
        "Another 600 people were killed in Fenland in March 2024.",
        [
            (
                "fenland",
                "flood-deaths",
                "600",
                "Another 600 people were killed",
                {"start": "2024-03-01", "end": "2024-03-31", "precision": "month"},
                "actual",
            )
        ],
    ),
    (
        "2024-04-04",
        "About 30% of Fenland was under water on 3 April 2024.",
        [
            (
                "fenland",
                "flooded-share",
                "About 30%",
                "About 30% of Fenland was under water",
                {"start": "2024-04-03"},
                "actual",
            )
        ],
    ),
    (
        "2024-04-05",
        "Fenland has 900 doctors for its 2 million residents, the health office said on 5 April 2024.",
        [
            ("fenland", "doctors", "900", "900 doctors", {"start": "2024-04-05"}, "actual"),
            ("fenland", "population", "2 million", "2 million residents", {"start": "2024-04-05"}, "actual"),
        ],
    ),
    (
        "2024-04-06",
        "Norway pledged 200,000 doses to the appeal on 6 April 2024 and Denmark 150,000, "
        "bringing the appeal to 350,000.",
        [
            ("norway", "doses", "200,000", "Norway pledged 200,000 doses", {"start": "2024-04-06"}, "pledged"),
            ("denmark", "doses", "150,000", "Denmark 150,000", {"start": "2024-04-06"}, "pledged"),
            (
                "relief-appeal",
                "doses",
                "350,000",
                "bringing the appeal to 350,000",
                {"start": "2024-04-06"},
                "pledged",
            ),
        ],
    ),
]


async def _build(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> None:
    articles: list[Article] = [
        (
            stated,
            text,
            [
                {"subject": s, "metric": m, "value_text": v, "quote": q, "time": t, "modality": mod}
                for s, m, v, q, t, mod in said
            ],
        )
        for stated, text, said in ARTICLES
    ]
    await build_story(client, editor, reviewer, entities=ENTITIES, metrics=METRICS, articles=articles)


@pytest.fixture
async def story(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> None:
    await _build(client, editor, reviewer)


async def check(client: httpx.AsyncClient, text: str, as_of: str = "2024-04-30") -> dict[str, Any]:
    response = await client.post("/v1/claims/check", json={"text": text, "as_of": as_of})
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_when_question_about_an_unknown_event_is_refused_not_answered_with_a_count(
    client: httpx.AsyncClient, story: None
) -> None:
    for question in (
        "How many people died in Fenland between the first evacuation and March 2024?",
        "On what date did the council declare the emergency in Fenland?",
    ):
        problem = problem_of(await client.get("/v1/ask", params={"q": question}), 422)
        assert problem["code"] == "unknown_term", problem


async def test_died_meets_deaths_and_a_period_question_sums_its_events(client: httpx.AsyncClient, story: None) -> None:
    response = await client.get(
        "/v1/ask", params={"q": "How many people died in Fenland in the first three months of 2024?"}
    )
    body = response.json()
    assert response.status_code == 200, body
    assert (body["question"]["metric"], body["answer"]["best"]) == ("flood-deaths", 1300)


async def test_a_claim_with_a_figure_inside_its_time_reads_that_figure_as_time(
    client: httpx.AsyncClient, story: None
) -> None:
    body = await check(client, "At least 1,200 people died in Fenland in the first three months of 2024.")
    assert (body["kind"], body["verdict"], len(body["parts"])) == ("period", "supported", 1)


async def test_a_claim_over_a_range_of_two_dates_is_one_period(client: httpx.AsyncClient, story: None) -> None:
    body = await check(client, "Between 1 February 2024 and 31 March 2024, 600 people were killed in Fenland.")
    assert (body["kind"], body["verdict"]) == ("period", "supported")


async def test_a_claim_of_two_figures_checks_each_part(client: httpx.AsyncClient, story: None) -> None:
    body = await check(client, "Fenland has only 900 doctors for 2 million people.")
    assert [(p["metric"], p["verdict"]) for p in body["parts"]] == [
        ("doctors", "supported"),
        ("population", "supported"),
    ]
    assert body["verdict"] == "supported"


async def test_one_donors_pledge_is_judged_against_that_donor_not_the_whole_appeal(
    client: httpx.AsyncClient, story: None
) -> None:
    body = await check(client, "Norway pledged 200,000 doses.")
    assert (body["parts"][0]["subject"], body["verdict"]) == ("norway", "supported")


async def test_floods_cover_meets_flooded_area_only_where_an_alias_says_so(
    client: httpx.AsyncClient, editor: dict[str, str], story: None
) -> None:
    claim = "Floods cover about 30% of the province."
    problem = problem_of(await client.post("/v1/claims/check", json={"text": claim, "as_of": "2024-04-10"}), 422)
    assert problem["code"] == "unknown_term"
    added = await client.post("/v1/metrics/flooded-share/aliases", headers=editor, json={"aliases": ["floods cover"]})
    assert added.status_code == 200, added.text
    body = await check(client, claim, as_of="2024-04-10")
    assert (body["parts"][0]["metric"], body["verdict"]) == ("flooded-share", "supported")
