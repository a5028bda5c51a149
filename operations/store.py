"""Opening the store: engines and sessions for a database URL, its schema migrations, and its readiness."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import msgspec
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db import engine as engines
from db import migrate


class Readiness(msgspec.Struct, frozen=True, kw_only=True):
    reachable: bool
    problem: str | None
    migration: str | None
    expected_migration: str | None

    @property
    def ready(self) -> bool:
        return self.reachable and self.migration == self.expected_migration


def open_engine(
    database_url: str, *, sqlite_busy_timeout_ms: int = engines.DEFAULT_SQLITE_BUSY_TIMEOUT_MS
) -> AsyncEngine:
    return engines.create_engine(database_url, sqlite_busy_timeout_ms=sqlite_busy_timeout_ms)


def open_sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return engines.create_sessionmaker(engine)


@asynccontextmanager
async def transaction(database_url: str) -> AsyncIterator[AsyncSession]:
    """One transaction on the database at `database_url`, for the command line: committed when the block
    ends, rolled back if it raises; the engine is disposed either way."""
    engine = open_engine(database_url)
    try:
        async with open_sessions(engine)() as session, session.begin():
            await engines.declare_write(session)
            yield session
    finally:
        await engine.dispose()


def upgrade_schema(database_url: str) -> str | None:
    """Migrate the database to the newest schema; returns the revision it is at."""
    migrate.upgrade(database_url)
    return migrate.head_revision()


async def declare_write(session: AsyncSession) -> None:
    """This transaction will write: on SQLite it takes the write lock now, waiting its turn for it."""
    await engines.declare_write(session)


async def readiness(sessions: async_sessionmaker[AsyncSession]) -> Readiness:
    expected = migrate.head_revision()
    try:
        async with sessions() as session:
            current = await migrate.current_revision(session)
    except Exception as error:  # any failure to reach the database means "not ready"
        return Readiness(reachable=False, problem=type(error).__name__, migration=None, expected_migration=expected)
    return Readiness(reachable=True, problem=None, migration=current, expected_migration=expected)
