"""On PostgreSQL the change-log lock is held for a write's final append and commit, not through its work.

A write notes its changes as it goes; they are appended under a transaction-scoped advisory lock just
before commit. So while one write is still reading, parsing or extracting, another can take the lock:
a small write never waits behind another's CPU work.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from db.changes import CHANGE_LOG_LOCK
from operations import sources, store, vocabulary
from operations.settings import Settings
from tests.conftest import BACKENDS, POSTGRES_ADMIN_URL
from tests.live import fresh_database

NEEDS_POSTGRES = pytest.mark.skipif("postgresql" not in BACKENDS, reason="the advisory lock is PostgreSQL's")
TEXT = "LAKESIDE, May 12 (Harbour Wire) - Riverton's transit authority said 42 new electric buses joined the fleet."


async def _logged_actions(engine: AsyncEngine) -> list[str]:
    async with engine.connect() as connection:
        return list(await connection.scalars(sa.text("SELECT action FROM changes ORDER BY id")))


@NEEDS_POSTGRES
async def test_a_write_takes_the_change_log_lock_only_as_it_commits(tmp_path: Path) -> None:
    async with fresh_database("postgresql", POSTGRES_ADMIN_URL, tmp_path) as url:
        engine = store.open_engine(url)
        try:
            async with store.open_sessions(engine)() as session, session.begin():
                await vocabulary.create_entity(session, key="riverton-buses", name="Riverton bus fleet", actor="test")
                # The write has noted its change but not committed: the lock must still be free.
                async with engine.connect() as other:
                    taken = await other.scalar(sa.select(sa.func.pg_try_advisory_lock(CHANGE_LOG_LOCK)))
                    assert taken is True, "a write held the change-log lock before its commit"
                    await other.scalar(sa.select(sa.func.pg_advisory_unlock(CHANGE_LOG_LOCK)))
            assert await _logged_actions(engine) == ["entity.created"]
        finally:
            await engine.dispose()


@NEEDS_POSTGRES
async def test_a_rolled_back_write_logs_nothing(tmp_path: Path) -> None:
    async with fresh_database("postgresql", POSTGRES_ADMIN_URL, tmp_path) as url:
        engine = store.open_engine(url)
        try:
            with pytest.raises(RuntimeError):
                async with store.open_sessions(engine)() as session, session.begin():
                    await vocabulary.create_entity(session, key="riverton-buses", name="Riverton", actor="test")
                    raise RuntimeError("the request failed after the write")
            assert await _logged_actions(engine) == []
        finally:
            await engine.dispose()


@NEEDS_POSTGRES
async def test_an_ingest_holds_the_lock_neither_at_its_savepoint_nor_through_extraction(tmp_path: Path) -> None:
    async with fresh_database("postgresql", POSTGRES_ADMIN_URL, tmp_path) as url:
        engine = store.open_engine(url)
        try:
            async with store.open_sessions(engine)() as session, session.begin():
                await vocabulary.create_entity(session, key="riverton-buses", name="Riverton bus fleet", actor="test")
                # The source is inserted inside a savepoint, then linked and read by the extractor.
                draft = sources.SourceDraft(text=TEXT, stated_date=dt.date(2031, 5, 12), extract=True)
                ingested = await sources.ingest_source(session, Settings(database_url=url), draft=draft, actor="test")
                assert ingested.created
                async with engine.connect() as other:
                    taken = await other.scalar(sa.select(sa.func.pg_try_advisory_lock(CHANGE_LOG_LOCK)))
                    assert taken is True, "the lock was taken at the savepoint and held through extraction"
                    await other.scalar(sa.select(sa.func.pg_advisory_unlock(CHANGE_LOG_LOCK)))
            assert (await _logged_actions(engine))[:2] == ["entity.created", "source.created"]
        finally:
            await engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_a_savepoint_rolled_back_forgets_only_its_own_changes(backend: str, tmp_path: Path) -> None:
    async with fresh_database(backend, POSTGRES_ADMIN_URL, tmp_path) as url:
        engine = store.open_engine(url)
        try:
            async with store.open_sessions(engine)() as session, session.begin():
                await vocabulary.create_entity(session, key="kept-before", name="Kept before", actor="test")
                with pytest.raises(RuntimeError):
                    async with session.begin_nested():
                        await vocabulary.create_entity(session, key="undone", name="Undone", actor="test")
                        raise RuntimeError("the savepoint is rolled back")
                await vocabulary.create_entity(session, key="kept-after", name="Kept after", actor="test")
            async with engine.connect() as connection:
                logged = list(await connection.scalars(sa.text("SELECT data FROM changes ORDER BY id")))
            keys = [data["key"] if isinstance(data, dict) else json.loads(data)["key"] for data in logged]
            assert keys == ["kept-before", "kept-after"]
        finally:
            await engine.dispose()
