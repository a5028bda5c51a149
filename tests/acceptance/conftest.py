"""Acceptance fixtures: the seed corpus loaded through the loader, and its sources' ids by file prefix."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from operations.settings import Settings
from reasoning.texts import content_hash
from seeds.loader import load_seeds, read_curated, read_text


@pytest.fixture
async def seeded(sessionmaker: async_sessionmaker[AsyncSession], client: httpx.AsyncClient) -> dict[str, int]:
    """Load the seeds; return the source id of each seed file by its three-digit prefix ("000"...)."""
    async with sessionmaker() as session, session.begin():
        await load_seeds(session, Settings())
    ids: dict[str, int] = {}
    listed = (await client.get("/v1/sources", params={"limit": 200})).json()["items"]
    by_hash = {item["content_hash"]: item["id"] for item in listed}
    for source in read_curated("sources.json"):
        ids[source["file"][:3]] = by_hash[content_hash(read_text(source["file"]))]
    return ids
