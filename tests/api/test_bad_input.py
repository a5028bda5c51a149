"""Bad input gets a problem that says how to fix it, never a 500."""

from __future__ import annotations

import httpx
import pytest

from tests.api.helpers import problem_of


async def test_an_unknown_field_is_named_in_the_problem(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    body = problem_of(await client.post("/v1/sources", headers=editor, json={"text": "t 3", "titel": "typo"}), 400)
    assert "titel" in body["detail"]


async def test_a_wrong_type_is_named_in_the_problem(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    body = problem_of(await client.post("/v1/sources", headers=editor, json={"text": 12}), 400)
    assert "text" in body["detail"]


@pytest.mark.parametrize("date", ["2025-13-01", "20 January", "2025/01/20", ""])
async def test_a_malformed_date_is_a_400(client: httpx.AsyncClient, editor: dict[str, str], date: str) -> None:
    body = problem_of(await client.post("/v1/sources", headers=editor, json={"text": "t 4", "stated_date": date}), 400)
    assert "stated_date" in body["detail"]


async def test_a_malformed_date_in_a_query_is_a_400(client: httpx.AsyncClient) -> None:
    body = problem_of(await client.get("/v1/assertions?time_from=yesterday"), 400)
    assert "time_from" in body["detail"]


async def test_a_body_that_is_not_json_is_a_400(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    response = await client.post(
        "/v1/sources", headers={**editor, "content-type": "application/json"}, content=b"{not json"
    )
    problem_of(response, 400)


async def test_a_body_over_the_size_limit_is_a_413(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    response = await client.post("/v1/sources", headers=editor, json={"text": "x" * 2_100_000})
    body = problem_of(response, 413)
    assert "FACTDESK_MAX_BODY_BYTES" in body["hint"]


async def test_an_unknown_path_is_a_404_problem(client: httpx.AsyncClient) -> None:
    problem_of(await client.get("/v1/nothing-here"), 404)


async def test_a_wrong_method_is_a_405_problem(client: httpx.AsyncClient) -> None:
    problem_of(await client.delete("/v1/sources"), 405)


async def test_an_empty_text_is_refused(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    body = problem_of(await client.post("/v1/sources", headers=editor, json={"text": ""}), 400)
    assert "text" in body["detail"]


async def test_an_id_beyond_64_bits_is_a_400_not_a_driver_error(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    problem_of(await client.get(f"/v1/sources/{2**64}"), 400)
    problem_of(await client.get("/v1/assertions", params={"source_id": 2**64}), 400)
    body = {"source_id": 2**64, "subject": "a", "metric": "b", "value_text": "1", "quote": "1"}
    assert "source_id" in problem_of(await client.post("/v1/assertions", headers=editor, json=body), 400)["detail"]


async def test_a_nul_character_is_refused_before_it_reaches_the_database(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    problem_of(await client.post("/v1/sources", headers=editor, json={"text": "a\x00b"}), 400)
    problem_of(await client.get("/v1/entities/a%00b"), 400)
    problem_of(await client.get("/v1/assertions", params={"subject": "a\x00"}), 400)
