"""Migration 0004 reads the date evidence of the sources already stored, from their texts, and stores it."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from db import migrate
from db.engine import create_engine
from tests.conftest import _create_postgres_database, _drop_postgres_database

LATE = "The council met on Monday. In late March, the mayor warned that the bridge could close."


@asynccontextmanager
async def scratch_database(backend_url: str, folder: Path) -> AsyncIterator[str]:
    """An empty database of the same backend as `backend_url`, dropped afterwards."""
    if backend_url.startswith("sqlite"):
        yield f"sqlite+aiosqlite:///{folder / 'scratch.db'}"
        return
    name, url = await _create_postgres_database()
    try:
        yield url
    finally:
        await _drop_postgres_database(name)


async def test_sources_stored_before_0004_get_the_evidence_of_their_texts(
    database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    async with scratch_database(database_url, tmp_path_factory.mktemp("migration")) as url:
        await asyncio.to_thread(migrate.upgrade, url, "0003")
        engine = create_engine(url, poolclass=sa.pool.NullPool)
        try:
            async with engine.begin() as connection:
                for number, (text, stated) in enumerate([(LATE, dt.date(2031, 3, 1)), (LATE + " Again.", None)]):
                    await connection.execute(
                        sa.text(
                            "INSERT INTO sources (content_hash, language, text, stated_date, date_basis, flags, "
                            "recorded_at) VALUES (:hash, 'en', :text, :stated, :basis, '[]', :now)"
                        ),
                        {
                            "hash": f"{number:064d}",
                            "text": text,
                            "stated": stated,
                            "basis": "stated" if stated else "unknown",
                            "now": dt.datetime(2031, 3, 2),
                        },
                    )
            await asyncio.to_thread(migrate.upgrade, url)
            async with engine.connect() as connection:
                rows = (await connection.execute(sa.text("SELECT date_evidence FROM sources ORDER BY id"))).all()
        finally:
            await engine.dispose()
    dated, undated = (row[0] if isinstance(row[0], list) else json.loads(row[0]) for row in rows)
    [phrase] = dated
    assert phrase["phrase"] == "In late March" and LATE[phrase["start"] : phrase["end"]] == phrase["phrase"]
    assert phrase["resolved"]["start"] == "2031-03-21" and "source_id" not in phrase
    assert undated == []
