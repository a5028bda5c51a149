"""Hostile input gets a 4xx problem with a hint, never a 500: deep JSON, broken UTF-8, forged cursors,
moments past the calendar's end and values the request schema allows but a column could not hold."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import httpx
import pytest
from sqlalchemy.exc import DBAPIError

import operations.sources
from reasoning.types import MAX_ID, MAX_NAME_CHARS
from tests.api.helpers import make_bus_topic, problem_of

CURSOR_SECRET = b"test-secret"  # the `settings` fixture's cursor secret, so these cursors carry a valid signature


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def signed_cursor(payload: bytes) -> str:
    """A cursor whose signature is right for its payload: only the payload's content is hostile."""
    return f"{_b64(payload)}.{_b64(hmac.new(CURSOR_SECRET, payload, hashlib.sha256).digest()[:16])}"


def scope_of(path: str) -> str:
    return hashlib.sha256(f"{path}?".encode()).hexdigest()[:16]


def problem_with_hint(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    body = problem_of(response, status)
    assert body["code"] == code, body
    assert body["hint"], body
    return body


async def test_json_nested_a_thousand_deep_is_a_400(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    deep = "[" * 1000 + "]" * 1000
    for content in (deep, '{"text": "t 5", "title": ' + deep + "}"):
        response = await client.post(
            "/v1/sources", headers={**editor, "content-type": "application/json"}, content=content.encode()
        )
        problem_with_hint(response, 400, "invalid_request")


async def test_a_body_that_is_not_utf_8_is_a_400(client: httpx.AsyncClient, editor: dict[str, str]) -> None:
    for content in (b'{"text": "caf\xe9 3"}', b'{"text": "\xff\xfe"}', b"\xc3"):
        response = await client.post(
            "/v1/sources", headers={**editor, "content-type": "application/json"}, content=content
        )
        problem_with_hint(response, 400, "invalid_request")


async def test_a_cursor_with_a_signature_that_is_not_ascii_is_a_400(client: httpx.AsyncClient) -> None:
    valid = signed_cursor(json.dumps({"a": 1, "s": scope_of("/v1/sources")}).encode())
    payload = valid.split(".")[0]
    for signature in ("é", "ü" * 22, "\u2603"):
        response = await client.get("/v1/sources", params={"cursor": f"{payload}.{signature}"})
        problem_with_hint(response, 400, "invalid_cursor")


@pytest.mark.parametrize(
    "payload",
    [
        b"not json",
        b"\xff\xfe",
        b"[1, 2]",
        b'"a string"',
        b"{}",
        b'{"s": "SCOPE"}',
        b'{"a": "12", "s": "SCOPE"}',
        b'{"a": 1.5, "s": "SCOPE"}',
        b'{"a": true, "s": "SCOPE"}',
        b'{"a": null, "s": "SCOPE"}',
        b'{"a": -1, "s": "SCOPE"}',
        b'{"a": ' + str(MAX_ID + 1).encode() + b', "s": "SCOPE"}',
        b'{"a": ' + b"9" * 600 + b', "s": "SCOPE"}',
        b'{"a": 1e400, "s": "SCOPE"}',
        b'{"a": 1, "s": ["SCOPE"]}',
        b"[" * 300 + b"]" * 300,
    ],
    ids=[
        "not-json",
        "not-utf-8",
        "a-list",
        "a-string",
        "empty",
        "no-position",
        "position-as-text",
        "fractional-position",
        "boolean-position",
        "null-position",
        "negative-position",
        "position-past-max-id",
        "huge-position",
        "infinite-position",
        "scope-as-list",
        "deeply-nested",
    ],
)
async def test_a_forged_cursor_with_a_valid_signature_is_a_400_invalid_cursor(
    client: httpx.AsyncClient, payload: bytes
) -> None:
    cursor = signed_cursor(payload.replace(b"SCOPE", scope_of("/v1/sources").encode()))
    response = await client.get("/v1/sources", params={"cursor": cursor})
    problem_with_hint(response, 400, "invalid_cursor")


async def test_a_forged_cursor_at_the_largest_id_is_an_empty_last_page(client: httpx.AsyncClient) -> None:
    cursor = signed_cursor(json.dumps({"a": MAX_ID, "s": scope_of("/v1/sources")}).encode())
    response = await client.get("/v1/sources", params={"cursor": cursor})
    assert response.status_code == 200, response.text
    assert response.json() == {"items": [], "next": None}


PAST_THE_CALENDAR = ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00"]  # the years 10000 and 0 in UTC


@pytest.mark.parametrize("known_at", PAST_THE_CALENDAR)
async def test_a_known_at_past_the_calendar_is_a_422_listing_assertions(
    client: httpx.AsyncClient, known_at: str
) -> None:
    problem_with_hint(await client.get("/v1/assertions", params={"known_at": known_at}), 422, "invalid_input")


@pytest.mark.parametrize("known_at", PAST_THE_CALENDAR)
async def test_a_known_at_past_the_calendar_is_a_422_answering(
    client: httpx.AsyncClient, editor: dict[str, str], known_at: str
) -> None:
    await make_bus_topic(client, editor)
    params = {"subject": "riverton-buses", "metric": "vehicles", "as_of": "2031-05-12", "known_at": known_at}
    problem_with_hint(await client.get("/v1/answers/value", params=params), 422, "invalid_input")
    problem_with_hint(await client.get("/v1/timeline", params=params), 422, "invalid_input")


async def test_a_language_tag_longer_than_its_column_is_a_400(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    language = "en-" + "-".join(["abcdefgh"] * 3)  # well-formed, 29 characters
    body = problem_with_hint(
        await client.post("/v1/sources", headers=editor, json={"text": "t 6", "language": language}),
        400,
        "invalid_request",
    )
    assert "language" in str(body["detail"])


@pytest.mark.parametrize("path", ["/v1/entities", "/v1/metrics"])
async def test_an_alias_that_case_folds_past_its_column_is_a_422(
    client: httpx.AsyncClient, editor: dict[str, str], path: str
) -> None:
    term = {"key": "riverton-ferries", "name": "Riverton ferries"}
    if path == "/v1/metrics":
        term |= {"unit": "ferries", "kind": "stock"}
    alias = "ß" * MAX_NAME_CHARS  # 300 characters, 600 once case-folded to "ss"
    response = await client.post(path, headers=editor, json=term | {"aliases": [alias]})
    problem_with_hint(response, 422, "invalid_input")
    created = await client.post(path, headers=editor, json=term)
    assert created.status_code == 201, created.text
    response = await client.post(f"{path}/riverton-ferries/aliases", headers=editor, json={"aliases": [alias]})
    problem_with_hint(response, 422, "invalid_input")
    # A name that compatibility-normalizes past the column is refused the same way (U+FDFA is 18 letters).
    response = await client.post(path, headers=editor, json=term | {"key": "riverton-barges", "name": "\ufdfa" * 20})
    problem_with_hint(response, 422, "invalid_input")


@pytest.mark.parametrize(
    ("field", "value"), [("extract", 0), ("extract", "true"), ("stated_date", 20310512), ("title", 12)]
)
async def test_a_body_value_of_another_json_type_is_a_400_naming_it(
    client: httpx.AsyncClient, editor: dict[str, str], field: str, value: object
) -> None:
    body = problem_with_hint(
        await client.post("/v1/sources", headers=editor, json={"text": "t 7", field: value}), 400, "invalid_request"
    )
    assert field in str(body["detail"]), body


async def test_an_integer_written_with_a_zero_fraction_is_an_integer(
    client: httpx.AsyncClient, editor: dict[str, str]
) -> None:
    topic = await make_bus_topic(client, editor)
    body = {
        "source_id": float(topic["source"]["id"]),
        "subject": "riverton-buses",
        "metric": "vehicles",
        "value_text": "around 300",
        "quote": "bringing the total to around 300 buses",
    }
    response = await client.post("/v1/assertions", headers=editor, json=body)
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("known_at", ["0.5", "1700000000", "yesterday", "2031-13-01T00:00:00Z"])
async def test_a_known_at_that_is_not_rfc_3339_is_a_400(client: httpx.AsyncClient, known_at: str) -> None:
    body = problem_with_hint(await client.get("/v1/assertions", params={"known_at": known_at}), 400, "invalid_request")
    assert "known_at" in str(body["detail"])


async def test_a_known_at_in_rfc_3339_with_or_without_a_zone_is_read(client: httpx.AsyncClient) -> None:
    for known_at in ("2031-05-12T09:00:00Z", "2031-05-12T09:00:00+02:00", "2031-05-12T09:00:00"):
        response = await client.get("/v1/assertions", params={"known_at": known_at})
        assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "text",
    [
        "date 2031-05-12 Riverton added 42 buses on Friday, said " + "A" + "a" * 400 + " Smith.",
        "date 2031-05-12 Riverton added 42 buses on Friday, " + "A" + "a" * 400 + " said.",
        "date 2031-05-12 Riverton added " + ",".join(["111"] * 90) + " buses on Friday.",
        "date 2031-05-12 Riverton added " + "1" * 400 + " buses on Friday.",
    ],
    ids=["claimant-after", "claimant-before", "figure-past-the-column", "figure-past-a-float"],
)
async def test_an_extracted_text_longer_than_its_column_is_left_out_not_stored(
    client: httpx.AsyncClient, editor: dict[str, str], text: str
) -> None:
    await make_bus_topic(client, editor)
    response = await client.post("/v1/sources", headers=editor, json={"text": text, "extract": True})
    assert response.status_code == 201, response.text
    queue = await client.get("/v1/review", headers=editor, params={"limit": 200})
    assert queue.status_code == 200, queue.text
    for item in queue.json()["items"]:
        assertion = item["assertion"]
        assert len(assertion["value_text"]) <= MAX_NAME_CHARS
        assert assertion["claimant"] is None or len(assertion["claimant"]) <= MAX_NAME_CHARS


class _PostgresDataException(Exception):
    sqlstate = "22001"  # string_data_right_truncation, as asyncpg reports a value too long for its column


async def test_a_value_the_database_refuses_is_a_400_on_either_driver(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The request schema should bound every value first; this is the net below it. asyncpg's data exceptions
    # reach SQLAlchemy as a plain DBAPIError, not a DataError, and once were answered with a 500.
    async def refuse(*_args: object, **_kwargs: object) -> None:
        raise DBAPIError("INSERT ...", {}, _PostgresDataException("value too long for type character varying(300)"))

    monkeypatch.setattr(operations.sources, "list_sources", refuse)
    body = problem_with_hint(await client.get("/v1/sources"), 400, "invalid_request")
    assert "database can store" in str(body["detail"])


CALENDAR_EDGES = [("9999-12-31", "next year"), ("0001-01-01", "last year")]


@pytest.mark.parametrize(("anchor", "phrase"), CALENDAR_EDGES)
async def test_a_relative_date_past_the_calendar_is_a_422_in_an_assertion_and_a_claim(
    client: httpx.AsyncClient, editor: dict[str, str], anchor: str, phrase: str
) -> None:
    await make_bus_topic(client, editor)
    source = await client.post(
        "/v1/sources", headers=editor, json={"text": "Riverton added 42 buses.", "stated_date": anchor}
    )
    assert source.status_code == 201, source.text
    draft = {
        "source_id": source.json()["id"],
        "subject": "riverton-buses",
        "metric": "vehicles-added",
        "value_text": "42",
        "quote": "Riverton added 42 buses",
        "time": {"text": phrase},
    }
    problem_with_hint(await client.post("/v1/assertions", headers=editor, json=draft), 422, "unparseable_date")
    claim = {"text": f"Riverton had 300 buses {phrase}", "as_of": anchor}
    problem_with_hint(await client.post("/v1/claims/check", headers=editor, json=claim), 422, "unparseable_claim")


@pytest.mark.parametrize(("anchor", "phrase"), CALENDAR_EDGES)
async def test_a_text_dated_at_the_calendar_edge_is_ingested_and_its_relative_dates_left_unread(
    client: httpx.AsyncClient, editor: dict[str, str], anchor: str, phrase: str
) -> None:
    await make_bus_topic(client, editor)
    text = f"Riverton added 42 buses {phrase}, the authority said. It will add 10 more the next day."
    response = await client.post(
        "/v1/sources", headers=editor, json={"text": text, "stated_date": anchor, "extract": True}
    )
    assert response.status_code == 201, response.text
