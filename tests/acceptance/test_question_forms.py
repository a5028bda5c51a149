"""Ways fact-checkers write the time and the figure of a question, on a made-up layoffs story built over HTTP on
both databases: a start and an end written apart ("as of D ... since S"), and a running total ("when did the
total number of job cuts first pass 2,000")."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.helpers import Article, build_story

ENTITIES = [{"key": "acme", "name": "Acme Gears", "aliases": ["Acme"]}]
METRICS = [{"key": "jobs-cut", "name": "Jobs cut", "unit": "jobs", "kind": "flow", "aliases": ["job cuts", "cut"]}]
# (stated date, text, value as written, quote, day)
ROUNDS = [
    ("2031-03-12", "Acme cut 1,200 jobs on 12 March 2031.", "1,200", "cut 1,200 jobs", "2031-03-12"),
    ("2031-09-18", "Acme cut another 900 jobs on 18 September 2031.", "900", "another 900 jobs", "2031-09-18"),
    ("2032-02-11", "Acme cut 1,100 more jobs on 11 February 2032.", "1,100", "1,100 more jobs", "2032-02-11"),
]


@pytest.fixture
async def story(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> None:
    articles: list[Article] = [
        (
            stated,
            text,
            [{"subject": "acme", "metric": "jobs-cut", "value_text": value, "quote": quote, "time": {"start": day}}],
        )
        for stated, text, value, quote, day in ROUNDS
    ]
    await build_story(client, editor, reviewer, entities=ENTITIES, metrics=METRICS, articles=articles)


async def ask(client: httpx.AsyncClient, question: str) -> dict[str, Any]:
    response = await client.get("/v1/ask", params={"q": question})
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_start_and_an_end_written_apart_sum_the_events_between_them(
    client: httpx.AsyncClient, story: None
) -> None:
    body = await ask(client, "As of 30 September 2031, how many jobs had Acme cut in total since March 2031?")
    assert body["question"]["time"]["start"] == "2031-03-01"
    assert body["question"]["time"]["end"] == "2031-09-30"
    assert body["answer"]["best"] == 2100  # 1,200 + 900; the February 2032 round is after the end


async def test_a_running_total_meets_a_threshold_on_the_day_of_the_event_that_takes_it_there(
    client: httpx.AsyncClient, story: None
) -> None:
    body = await ask(client, "When did the total number of job cuts at Acme first pass 2,000?")
    assert body["question"]["threshold"]["running_total"] is True
    assert body["answer"]["date"] == "2031-09-18"
    assert "1,200 + 900" in body["answer"]["explanation"]
    # without "total", the threshold is met by one round's own size
    one_round = await ask(client, "When did job cuts at Acme first pass 1,000?")
    assert one_round["question"]["threshold"]["running_total"] is False
    assert one_round["answer"]["date"] == "2031-03-12"


async def test_a_running_total_that_never_meets_the_figure_has_no_date(client: httpx.AsyncClient, story: None) -> None:
    body = await ask(client, "When did the total number of job cuts at Acme first pass 5,000?")
    assert body["answer"]["date"] is None
    assert "add up to 3,200" in body["answer"]["explanation"]
