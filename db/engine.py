"""Engines and sessions: built from a URL on demand, never at import time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from db.changes import ChangeLoggingSession

# A connection given this execution option before its transaction begins takes SQLite's write lock at
# BEGIN: a write that first reads and then upgrades its lock fails at once, busy timeout or not.
WRITE_INTENT = "factdesk_write_intent"
DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5000


def create_engine(
    url: str, *, sqlite_busy_timeout_ms: int = DEFAULT_SQLITE_BUSY_TIMEOUT_MS, **kwargs: Any
) -> AsyncEngine:
    """An async engine for `url`; for SQLite, the folder is created and foreign keys and WAL are on, and a
    writer waits up to `sqlite_busy_timeout_ms` for the write lock before the database reports it busy."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(url, **kwargs)
        _configure_sqlite(engine, busy_timeout_ms=sqlite_busy_timeout_ms)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **kwargs)


def _configure_sqlite(engine: AsyncEngine, *, busy_timeout_ms: int) -> None:
    @sa.event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, open transactions, so SAVEPOINTs work (tests roll back per test).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.close()

    @sa.event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False, sync_session_class=ChangeLoggingSession)


async def declare_write(session: AsyncSession) -> None:
    """Say, before anything is read, that this transaction will write: on SQLite it then takes the write
    lock up front (and waits its turn for it); elsewhere it changes nothing."""
    await session.connection(execution_options={WRITE_INTENT: True})
