"""The conflicts list is paged like every listing, and each page reads a bounded amount of evidence."""

from __future__ import annotations

from typing import Any

import httpx
import msgspec
import pytest
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.app import create_app
from api.settings import Settings
from tests.api.helpers import problem_of


async def walk(client: httpx.AsyncClient, **params: Any) -> list[list[dict[str, Any]]]:
    """Every page of the conflicts list, following `next` (and the Link header saying the same) to the end."""
    pages: list[list[dict[str, Any]]] = []
    cursor: str | None = None
    for _ in range(500):
        response = await client.get("/v1/conflicts", params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        pages.append(body["items"])
        cursor = body["next"]
        assert ("cursor=" in response.headers.get("link", "")) == (cursor is not None)
        if cursor is None:
            return pages
    raise AssertionError("the conflicts list did not end within 500 pages")


def identity(conflict: dict[str, Any]) -> tuple[str, int | None, tuple[int, ...]]:
    return conflict["kind"], conflict["source_id"], tuple(c["assertion_id"] for c in conflict["citations"])


@pytest.fixture
def frugal_app(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> Litestar:
    """The service with the smallest evidence budget: every page reads one group or one batch of sources."""
    return create_app(msgspec.structs.replace(settings, max_conflict_evidence=1), sessionmaker=sessionmaker)


async def test_one_conflict_a_page_lists_what_one_long_page_lists_in_the_same_order(
    client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    (everything,) = await walk(client, limit=200)
    assert len(everything) >= 3
    pages = await walk(client, limit=1)
    assert all(len(page) <= 1 for page in pages)
    assert [identity(c) for page in pages for c in page] == [identity(c) for c in everything]


async def test_the_date_contradictions_follow_the_conflicts_between_assertions(
    client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    (everything,) = await walk(client, limit=200)
    kinds = [c["kind"] for c in everything]
    first_date = kinds.index("date_contradiction")
    assert set(kinds[first_date:]) == {"date_contradiction"}, kinds


async def test_a_page_that_spends_its_evidence_budget_ends_with_next_and_the_walk_misses_nothing(
    client: httpx.AsyncClient, frugal_app: Litestar, seeded: dict[str, int]
) -> None:
    (everything,) = await walk(client, limit=200)
    transport = httpx.ASGITransport(app=frugal_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://factdesk.test") as frugal:
        pages = await walk(frugal, limit=200)
        filtered = await walk(frugal, limit=200, kind="denial")
    assert len(pages) > 1  # the budget, not the page size, ended the pages
    assert [identity(c) for page in pages for c in page] == [identity(c) for c in everything]
    assert [identity(c) for page in filtered for c in page] == [
        identity(c) for c in everything if c["kind"] == "denial"
    ]


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"kind": "denial"}, id="a-kind"),
        pytest.param({"kind": "date_contradiction"}, id="date-contradictions-alone"),
        pytest.param({"metric": "resignation-letters"}, id="a-metric"),
    ],
)
async def test_filtered_pages_list_what_the_filtered_list_holds(
    client: httpx.AsyncClient, seeded: dict[str, int], params: dict[str, str]
) -> None:
    (everything,) = await walk(client, limit=200, **params)
    assert everything
    pages = await walk(client, limit=1, **params)
    assert [identity(c) for page in pages for c in page] == [identity(c) for c in everything]


async def test_a_cursor_is_refused_with_other_filters(client: httpx.AsyncClient, seeded: dict[str, int]) -> None:
    first = (await client.get("/v1/conflicts", params={"limit": 1})).json()
    assert first["next"]
    reused = await client.get("/v1/conflicts", params={"limit": 1, "kind": "denial", "cursor": first["next"]})
    assert problem_of(reused, 400)["code"] == "invalid_cursor"
