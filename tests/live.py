"""A live service for the concurrency, race and outage tests: its own migrated database and its own engine.

Unlike the other tests, which share one transaction per test, these need writes that really commit and
really contend, so each gets a fresh database (a SQLite file, or a PostgreSQL database created and dropped
here) and the app's real start-up path (`create_app(settings)` inside its lifespan).
"""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from api.app import create_app
from db import migrate
from db.engine import create_engine
from operations import keys, store
from operations.settings import Settings
from reasoning.types import Role


@asynccontextmanager
async def fresh_database(backend: str, admin_url: str, folder: Path) -> AsyncIterator[str]:
    """A migrated, empty database of this backend, removed afterwards."""
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{folder / f'live-{uuid.uuid4().hex[:8]}.db'}"
        await asyncio.to_thread(migrate.upgrade, url)
        yield url
        return
    name = f"factdesk_live_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        async with admin.connect() as connection:
            await connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        url = sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        await asyncio.to_thread(migrate.upgrade, url)
        yield url
    finally:
        async with admin.connect() as connection:
            await connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def key_headers(url: str, role: Role) -> dict[str, str]:
    async with store.transaction(url) as session:
        plain = await keys.create_key(session, name=f"live-{role.value}-{uuid.uuid4().hex[:6]}", role=role)
    return {"Authorization": f"Bearer {plain}"}


@asynccontextmanager
async def live_client(url: str, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app served with its own engine on `url`, started and stopped as a server would."""
    app = create_app(Settings(database_url=url, cursor_secret="live-test-secret", **settings))
    async with app.lifespan():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://factdesk.live", timeout=60) as client:
            yield client


async def all_pages(client: httpx.AsyncClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged listing, following `next`."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(10_000):
        page = await client.get(path, params={**params, "limit": 200, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        items += body["items"]
        cursor = body.get("next")
        if not cursor:
            return items
    raise AssertionError(f"{path} did not end within 10,000 pages")
