"""No input produces a 500: random bodies, paths and queries only ever get a 2xx or a 4xx problem."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["2025-01-20", "2025-13-40", "\x00", "over 600", "actual", "day", "riverton-buses", "vehicles"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=8,
)

ASSERTION_FIELDS = [
    "source_id",
    "subject",
    "metric",
    "value_text",
    "quote",
    "quote_start",
    "quote_end",
    "interval",
    "modality",
    "time",
    "claimant",
    "note",
]
BODIES = {
    "/v1/sources": ["text", "title", "publisher", "url", "language", "stated_date", "date_used", "date_reason"],
    "/v1/entities": ["key", "name", "kind", "description", "aliases"],
    "/v1/metrics": ["key", "name", "unit", "kind", "feeds", "description", "aliases"],
    "/v1/assertions": ASSERTION_FIELDS,
    "/v1/assertions/1/review": ["decision", "note"],
    "/v1/assertions/1/retract": ["reason"],
}


def bodies(fields: list[str]) -> st.SearchStrategy[Any]:
    known = st.fixed_dictionaries({}, optional={field: json_values for field in fields})
    return st.one_of(known, json_values)


def assert_not_a_server_error(response: httpx.Response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")


@FUZZ
@given(path=st.sampled_from(sorted(BODIES)), data=st.data())
async def test_random_write_bodies_never_cause_a_server_error(
    client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str], path: str, data: st.DataObject
) -> None:
    body = data.draw(bodies(BODIES[path]))
    headers = reviewer if path.endswith(("review", "retract")) else editor
    assert_not_a_server_error(await client.post(path, json=body, headers=headers))


@FUZZ
@given(
    segment=st.one_of(st.text(max_size=30), st.integers(min_value=-(2**70), max_value=2**70).map(str)),
    collection=st.sampled_from(["sources", "entities", "metrics", "assertions"]),
)
async def test_random_paths_never_cause_a_server_error(
    client: httpx.AsyncClient, segment: str, collection: str
) -> None:
    assert_not_a_server_error(await client.get(f"/v1/{collection}/{quote(segment, safe='')}"))


@FUZZ
@given(
    params=st.dictionaries(
        st.sampled_from(
            [
                "subject",
                "metric",
                "source_id",
                "modality",
                "status",
                "time_from",
                "time_to",
                "known_at",
                "include_retracted",
                "cursor",
                "limit",
            ]
        ),
        st.one_of(st.text(max_size=20), st.integers(min_value=-(2**70), max_value=2**70).map(str)),
        max_size=4,
    )
)
async def test_random_assertion_queries_never_cause_a_server_error(
    client: httpx.AsyncClient, params: dict[str, str]
) -> None:
    assert_not_a_server_error(await client.get("/v1/assertions", params=params))
