"""Test fixtures: every database test runs on SQLite and on PostgreSQL, on schemas built by migrations.

Each backend is migrated once per run (`alembic upgrade head`); each test then runs inside a transaction
that is rolled back, so tests share no state. PostgreSQL is required: when it is unreachable the run
fails, it does not skip (set FACTDESK_TEST_BACKENDS=sqlite to run SQLite alone, deliberately).
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from hypothesis import settings as hypothesis_settings
from litestar import Litestar
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from api.app import create_app
from api.settings import Settings
from db import keys, migrate
from db.changes import ChangeLoggingSession
from db.engine import create_engine
from reasoning.types import Role

# Property tests: no per-example deadline (a loaded CI machine is not a failure), and in CI a fixed
# derandomised search, so a run is reproducible; locally they keep exploring new examples.
hypothesis_settings.register_profile("factdesk", deadline=None)
hypothesis_settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "factdesk")

SLOW_TESTS = os.environ.get("FACTDESK_SLOW_TESTS") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # The slow tests (concurrency, races, outages, load, fuzzing) run in CI (.ci/run sets the variable);
    # a local run skips them, saying how to run them.
    if SLOW_TESTS:
        return
    skip = pytest.mark.skip(reason="slow: set FACTDESK_SLOW_TESTS=1 to run it (CI does)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


POSTGRES_ADMIN_URL = os.environ.get(
    "FACTDESK_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = [
    name.strip() for name in os.environ.get("FACTDESK_TEST_BACKENDS", "sqlite,postgresql").split(",") if name.strip()
]


async def _create_postgres_database() -> tuple[str, str]:
    name = f"factdesk_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        async with admin.connect() as connection:
            await connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except (OSError, sa.exc.OperationalError, sa.exc.InterfaceError) as error:
        pytest.fail(
            f"PostgreSQL is unreachable at {POSTGRES_ADMIN_URL} ({error}); start it "
            "(pg_ctlcluster --skip-systemctl-redirect 15 main start) or set FACTDESK_TEST_POSTGRES_URL",
            pytrace=False,
        )
    finally:
        await admin.dispose()
    return name, sa.make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(name: str) -> None:
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        async with admin.connect() as connection:
            await connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
async def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """A fresh, migrated database per backend for the whole run."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("sqlite") / "factdesk.db"
        url = f"sqlite+aiosqlite:///{path}"
        await asyncio.to_thread(migrate.upgrade, url)
        yield url
        return
    name, url = await _create_postgres_database()
    try:
        await asyncio.to_thread(migrate.upgrade, url)
        yield url
    finally:
        await _drop_postgres_database(name)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        yield connection
        if transaction.is_active:
            await transaction.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    # Every commit inside the test becomes a savepoint release within the outer transaction.
    return async_sessionmaker(
        bind=connection,
        join_transaction_mode="create_savepoint",
        expire_on_commit=False,
        autoflush=False,
        sync_session_class=ChangeLoggingSession,  # as the service's sessions: the change log is appended at commit
    )


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    async with sessionmaker() as session:
        yield session


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, cursor_secret="test-secret", default_page_size=50, max_page_size=200)


@pytest.fixture
def app(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> Litestar:
    # The app is handed the test's sessions, so it needs no lifespan (whose task group cannot span
    # a fixture's setup and teardown); the real start-up path is exercised by the served-README test.
    return create_app(settings, sessionmaker=sessionmaker)


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://factdesk.test") as client:
        yield client


async def _key(sessionmaker: async_sessionmaker[AsyncSession], role: Role) -> dict[str, str]:
    async with sessionmaker() as session, session.begin():
        _row, plain = await keys.create_key(session, name=f"test-{role.value}-{uuid.uuid4().hex[:6]}", role=role)
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
async def editor(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, str]:
    """Headers carrying an editor's key."""
    return await _key(sessionmaker, Role.editor)


@pytest.fixture
async def reviewer(sessionmaker: async_sessionmaker[AsyncSession]) -> dict[str, str]:
    """Headers carrying a reviewer's key."""
    return await _key(sessionmaker, Role.reviewer)
