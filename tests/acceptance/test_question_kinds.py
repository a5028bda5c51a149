"""Every kind of question a fact-checker asks, through GET /v1/ask, on a made-up flood-relief story built over
HTTP: a value, one event's size, a sum, a count of events, a date, existence, and the honest refusals."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.helpers import Article, build_story, problem_of

ARTICLES = [
    # (stated date, text, [(subject, metric, value_text, quote, time)])
    (
        "2031-02-03",
        "Lowmoor had 120 rescue workers deployed on 3 February, the relief agency said.",
        [("lowmoor", "rescuers", "120", "Lowmoor had 120 rescue workers deployed", {"start": "2031-02-03"})],
    ),
    (
        "2031-02-06",
        "A contingent of 40 rescue workers arrived in Lowmoor on 5 February.",
        [("lowmoor", "rescuer-arrivals", "40", "A contingent of 40 rescue workers arrived", {"start": "2031-02-05"})],
    ),
    (
        "2031-02-07",
        "Forty rescue workers reached Lowmoor on Wednesday, 5 February, the Courier reported.",
        [("lowmoor", "rescuer-arrivals", "Forty", "Forty rescue workers reached Lowmoor", {"start": "2031-02-05"})],
    ),
    (
        "2031-02-11",
        "A second contingent of 25 reinforcements arrived in Lowmoor on 10 February. Ashby had 60 rescue workers "
        "deployed on 10 February.",
        [
            (
                "lowmoor",
                "rescuer-arrivals",
                "25",
                "A second contingent of 25 reinforcements arrived",
                {"start": "2031-02-10"},
            ),
            ("ashby", "rescuers", "60", "Ashby had 60 rescue workers", {"start": "2031-02-10"}),
        ],
    ),
    (
        "2031-03-02",
        "A third contingent of 30 reinforcements arrived in Lowmoor on 1 March.",
        [
            (
                "lowmoor",
                "rescuer-arrivals",
                "30",
                "A third contingent of 30 reinforcements arrived",
                {"start": "2031-03-01"},
            )
        ],
    ),
]


ENTITIES = [
    {"key": "lowmoor", "name": "Lowmoor district", "aliases": ["Lowmoor"]},
    {"key": "ashby", "name": "Ashby district", "aliases": ["Ashby"]},
]
METRICS = [
    {
        "key": "rescuers",
        "name": "Rescue workers deployed",
        "unit": "rescue workers",
        "kind": "stock",
        "aliases": ["rescue workers", "rescuers", "deployed"],
    },
    {
        "key": "rescuer-arrivals",
        "name": "Rescue workers arriving",
        "unit": "rescue workers",
        "kind": "flow",
        "feeds": "rescuers",
        "aliases": ["arrived", "contingent", "reinforcements"],
    },
]


async def _build(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> list[int]:
    articles: list[Article] = [
        (stated, text, [{"subject": s, "metric": m, "value_text": v, "quote": q, "time": t} for s, m, v, q, t in said])
        for stated, text, said in ARTICLES
    ]
    sources, _ = await build_story(client, editor, reviewer, entities=ENTITIES, metrics=METRICS, articles=articles)
    return sources


@pytest.fixture
async def sources(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> list[int]:
    return await _build(client, editor, reviewer)


async def ask(client: httpx.AsyncClient, question: str) -> dict[str, Any]:
    response = await client.get("/v1/ask", params={"q": question})
    assert response.status_code == 200, response.text
    return response.json()


def cited(answer: dict[str, Any]) -> set[int]:
    return {c["source_id"] for c in answer["supporting"]}


async def test_a_value_as_of_a_date_is_the_level_plus_the_arrivals_after_it(
    client: httpx.AsyncClient, sources: list[int]
) -> None:
    body = await ask(client, "How many rescue workers were deployed in Lowmoor on 11 February 2031?")
    assert body["question"]["kind"] == "value_as_of"
    answer = body["answer"]
    assert (answer["kind"], answer["best"], answer["basis"]) == ("value_as_of", 185, "derived")
    assert answer["parts"][0]["steps"], "the value answer travels whole with its derivation"


async def test_one_events_size_by_its_ordinal(client: httpx.AsyncClient, sources: list[int]) -> None:
    body = await ask(
        client, "How many rescue workers were in the second contingent that arrived in Lowmoor in February 2031?"
    )
    assert (body["question"]["kind"], body["question"]["ordinal"]) == ("event_size", 2)
    assert body["answer"]["best"] == 25 and cited(body["answer"]) == {sources[3]}


async def test_a_sum_over_two_subjects_adds_each_answer(client: httpx.AsyncClient, sources: list[int]) -> None:
    body = await ask(client, "How many rescue workers did Lowmoor and Ashby have together on 10 February 2031?")
    assert body["question"]["subjects"] == ["lowmoor", "ashby"]
    answer = body["answer"]
    assert (answer["kind"], answer["best"]) == ("sum", 245)
    assert [part["subject"] for part in answer["parts"]] == ["lowmoor", "ashby"]


async def test_a_count_of_events_counts_an_event_reported_twice_once(
    client: httpx.AsyncClient, sources: list[int]
) -> None:
    body = await ask(client, "How many contingents of reinforcements arrived in Lowmoor in February 2031?")
    answer = body["answer"]
    assert (body["question"]["kind"], answer["count"], answer["best"]) == ("event_count", 2, None)
    assert cited(answer) == {sources[1], sources[2], sources[3]}


@pytest.mark.parametrize(
    ("question", "date"),
    [
        ("When did the first contingent arrive in Lowmoor?", "2031-02-05"),
        ("When did the number of rescue workers in Lowmoor first reach 180?", "2031-02-10"),
        ("When did the number of rescue workers in Lowmoor first reach 160?", "2031-02-05"),
    ],
)
async def test_a_when_question_gets_a_date_never_a_figure(
    client: httpx.AsyncClient, sources: list[int], question: str, date: str
) -> None:
    body = await ask(client, question)
    assert body["question"]["kind"] == "date"
    assert (body["answer"]["date"], body["answer"]["best"]) == (date, None)


@pytest.mark.parametrize(
    ("question", "exists"),
    [
        ("Did any reinforcements arrive in Lowmoor in March 2031?", True),
        # Lowmoor's own arrivals on 10 February and 1 March bracket the gap
        ("Did any reinforcements arrive in Lowmoor between 11 and 28 February 2031?", False),
        # all of Lowmoor's arrivals on record come later: silence, not absence
        ("Did any reinforcements arrive in Lowmoor in January 2031?", None),
        # everything on record up to the day: the arrivals of 5 February
        ("Had any reinforcements arrived in Lowmoor by 6 February 2031?", True),
    ],
)
async def test_existence_is_yes_or_no_from_the_record(
    client: httpx.AsyncClient, sources: list[int], question: str, exists: bool | None
) -> None:
    body = await ask(client, question)
    assert (body["question"]["kind"], body["answer"]["exists"]) == ("existence", exists)
    if exists is None:
        assert "the record may not cover that time" in body["answer"]["explanation"]


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("How many rescue workers died in Lowmoor between 1 February and 1 March 2031?", "died"),
        ("How many rescue workers were deployed in Westford on 10 February 2031?", "Westford"),
        ("On what date did the council declare the emergency in Lowmoor?", "declare"),
    ],
)
async def test_a_word_the_store_does_not_know_is_refused_never_swapped_for_another(
    client: httpx.AsyncClient, sources: list[int], question: str, quoted: str
) -> None:
    problem = problem_of(await client.get("/v1/ask", params={"q": question}), 422)
    assert problem["code"] == "unknown_term"
    assert any(quoted in term for term in problem["errors"][0]["terms"]), problem


@pytest.mark.parametrize(
    "question",
    [
        "Why did Lowmoor need reinforcements in February 2031?",
        "Who sent the second contingent to Lowmoor?",
        "How many more rescue workers did Lowmoor have than Ashby on 10 February 2031?",
    ],
)
async def test_an_unsupported_kind_of_question_is_refused_with_the_kinds_answered(
    client: httpx.AsyncClient, sources: list[int], question: str
) -> None:
    problem = problem_of(await client.get("/v1/ask", params={"q": question}), 422)
    assert problem["code"] == "unsupported_question"
    assert {"event_count", "date", "existence"} <= set(problem["errors"][0]["kinds"])


async def test_a_known_subject_and_metric_with_no_evidence_is_basis_none(
    client: httpx.AsyncClient, sources: list[int]
) -> None:
    body = await ask(client, "How many rescue workers were deployed in Ashby on 1 January 2031?")
    assert (body["answer"]["basis"], body["answer"]["best"], body["answer"]["subject"]) == ("none", None, "ashby")


async def test_the_parse_shows_every_words_role(client: httpx.AsyncClient, sources: list[int]) -> None:
    body = await ask(client, "How many rescue workers were deployed in Lowmoor on 11 February 2031?")
    text = body["question"]["text"]
    roles = {text[w["start"] : w["end"]]: w["role"] for w in body["question"]["words"]}
    assert roles["Lowmoor"] == "subject" and roles["deployed"] == "metric" and roles["February"] == "time"
    assert roles["How"] == "frame" and roles["in"] == "ignored"


async def check(client: httpx.AsyncClient, claim: str) -> dict[str, Any]:
    response = await client.post("/v1/claims/check", json={"text": claim})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("claim", "kind", "verdict", "parts"),
    [
        ("Lowmoor had 185 rescue workers on 10 February 2031 and Ashby 60.", "several_figures", "supported", 2),
        ("Lowmoor had 185 rescue workers on 10 February 2031 and Ashby 90.", "several_figures", "mixed", 2),
        ("Between 1 and 28 February 2031, 65 reinforcements arrived in Lowmoor.", "period", "supported", 1),
        ("More than 100 reinforcements arrived in Lowmoor in February 2031.", "period", "contradicted", 1),
        ("Reinforcements arrived in Lowmoor in March 2031.", "no_figure", "supported", 1),
        # none between the arrivals of 10 February and 1 March; January comes before all of Lowmoor's record
        ("Reinforcements arrived in Lowmoor between 11 and 28 February 2031.", "no_figure", "contradicted", 1),
        ("Reinforcements arrived in Lowmoor in January 2031.", "no_figure", "unverifiable", 1),
        ("Ashby had 60 rescue workers on 1 January 2031.", "one_figure", "unverifiable", 1),
        # The n-th event's size: the second contingent brought 25, the third 30.
        (
            "The second contingent of reinforcements to reach Lowmoor had 25 rescue workers.",
            "one_figure",
            "supported",
            1,
        ),
        (
            "The third contingent of reinforcements to reach Lowmoor had 45 rescue workers.",
            "one_figure",
            "contradicted",
            1,
        ),
    ],
)
async def test_a_claim_of_each_kind_gets_a_verdict_per_part_and_one_overall(
    client: httpx.AsyncClient, sources: list[int], claim: str, kind: str, verdict: str, parts: int
) -> None:
    body = await check(client, claim)
    assert (body["kind"], body["verdict"], len(body["parts"])) == (kind, verdict, parts), body["explanation"]


@pytest.mark.parametrize(
    ("claim", "verdict", "factor"),
    [
        # 120 on 3 February, 160 after the 5th, 185 after the 10th, 215 after 1 March
        ("The number of rescue workers in Lowmoor rose between 4 and 11 February 2031.", "supported", None),
        ("Rescue workers in Lowmoor fell between 4 and 11 February 2031.", "contradicted", None),
        ("Rescue workers in Lowmoor nearly doubled between 3 February and 2 March 2031.", "contradicted", 2.0),
        ("Rescue workers in Lowmoor nearly doubled between 3 February and 2 March 2031, from 120 to 215.", None, None),
        ("Rescue workers in Ashby rose in February 2031.", "unverifiable", None),  # nothing on record by 31 January
        # Ashby's one report is of 10 February: carried to the 28th, it says nothing of a movement after the 11th
        ("Rescue workers in Ashby rose between 11 and 28 February 2031.", "unverifiable", None),
        # over a month the first end is the day before it: the 30 who arrived on 1 March count
        ("Rescue workers in Lowmoor rose in March 2031.", "supported", None),
    ],
)
async def test_a_movement_without_figures_is_checked_against_the_level_at_both_ends(
    client: httpx.AsyncClient, sources: list[int], claim: str, verdict: str | None, factor: float | None
) -> None:
    response = await client.post("/v1/claims/check", json={"text": claim})
    if verdict is None:  # its own figures deny the verb: refused, never checked on half of what it says
        assert problem_of(response, 422)["code"] == "unparseable_claim"
        return
    body = response.json()
    assert response.status_code == 200, body
    (part,) = body["parts"]
    (read,) = body["claim"]["parts"]
    stated = read["stated_movement"]
    assert (body["kind"], body["verdict"], part["check"], stated["factor"]) == ("period", verdict, "movement", factor)
    if verdict != "unverifiable":
        assert {c["source_id"] for c in part["supporting"]} >= {sources[0]}, "both ends are cited"


async def test_a_compound_claim_checks_each_part_against_its_own_subject(
    client: httpx.AsyncClient, sources: list[int]
) -> None:
    body = await check(client, "Lowmoor had 185 rescue workers on 10 February 2031 and Ashby 90.")
    assert [(p["subject"], p["verdict"]) for p in body["parts"]] == [
        ("lowmoor", "supported"),
        ("ashby", "contradicted"),
    ]
    assert {c["source_id"] for c in body["parts"][1]["supporting"]} == {sources[3]}


async def test_a_claim_about_a_name_the_store_does_not_know_is_refused(
    client: httpx.AsyncClient, sources: list[int]
) -> None:
    response = await client.post("/v1/claims/check", json={"text": "Westford had 60 rescue workers on 1 March 2031."})
    problem = problem_of(response, 422)
    assert problem["code"] == "unknown_term"


async def test_a_claims_parse_shows_every_words_role(client: httpx.AsyncClient, sources: list[int]) -> None:
    body = await check(client, "Lowmoor had 185 rescue workers on 10 February 2031 and Ashby 60.")
    text = body["claim"]["text"]
    roles = {text[w["start"] : w["end"]]: w["role"] for w in body["claim"]["words"]}
    assert (roles["Lowmoor"], roles["185"], roles["Ashby"], roles["60"], roles["February"]) == (
        "subject",
        "figure",
        "subject",
        "figure",
        "time",
    )
    assert len(body["claim"]["words"]) == len(text.replace(".", " .").split())


async def test_a_claim_about_the_nth_event_is_checked_against_that_event(
    client: httpx.AsyncClient, sources: list[int]
) -> None:
    body = await check(client, "The third contingent of reinforcements to reach Lowmoor had 45 rescue workers.")
    part = body["parts"][0]
    assert (part["check"], part["ordinal"], part["reply"]["best"]) == ("event_size", 3, 30)
