"""Fresh benchmark databases: a SQLite file in a temporary folder, or a PostgreSQL database on loopback."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Literal

import sqlalchemy as sa

from db import migrate
from db.engine import create_engine
from seeds.loader import load_seeds_into

Backend = Literal["sqlite", "postgresql"]

POSTGRES_ADMIN_URL = os.environ.get(
    "FACTDESK_BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
# Benchmark traffic stays on this machine: a remote database would measure the network, not the queries.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def postgres_database_name(size: int) -> str:
    return f"factdesk_bench_{size}"


@asynccontextmanager
async def fresh_database(backend: Backend, size: int) -> AsyncIterator[str]:
    """A migrated, seeded database of its own for one size; removed when the block ends."""
    if backend == "sqlite":
        with tempfile.TemporaryDirectory(prefix=f"factdesk-bench-{size}-") as folder:
            url = f"sqlite+aiosqlite:///{folder}/factdesk.db"
            await _migrate_and_seed(url)
            yield url
        return
    name = postgres_database_name(size)
    url = _postgres_url(name)
    await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # a run interrupted earlier may have left it
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        await _migrate_and_seed(url)
        yield url
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _migrate_and_seed(url: str) -> None:
    # Alembic's env.py calls asyncio.run(), which needs a thread without a running loop.
    await asyncio.to_thread(migrate.upgrade, url)
    await load_seeds_into(url)


def _postgres_url(name: str) -> str:
    admin = sa.make_url(POSTGRES_ADMIN_URL)
    if admin.host not in LOOPBACK_HOSTS:
        raise SystemExit(
            f"refusing {admin.host!r}: benchmarks only talk to a database on loopback "
            f"({', '.join(sorted(LOOPBACK_HOSTS))})"
        )
    return admin.set(database=name).render_as_string(hide_password=False)


async def _admin(statement: str) -> None:
    _postgres_url("postgres")  # the loopback check, before any connection is made
    engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        async with engine.connect() as connection:
            await connection.execute(sa.text(statement))
    finally:
        await engine.dispose()


async def server_version(url: str) -> str:
    engine = create_engine(url, poolclass=sa.pool.NullPool)
    try:
        async with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                return "SQLite " + str(await connection.scalar(sa.text("SELECT sqlite_version()")))
            version = str(await connection.scalar(sa.text("SHOW server_version")))
            return "PostgreSQL " + version.split(" ")[0]
    finally:
        await engine.dispose()
