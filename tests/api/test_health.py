"""Probes: /healthz says the process is up, /readyz that the database is reachable and migrated."""

from __future__ import annotations

from pathlib import Path

import httpx

from api.app import create_app
from api.settings import Settings
from db import migrate
from db.engine import create_engine, create_sessionmaker


async def test_healthz_is_ok(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.json() == {"status": "ok"}


async def test_readyz_is_ok_on_a_migrated_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200, response.text
    assert response.json()["migration"] == migrate.head_revision()


async def test_readyz_is_503_when_migrations_are_pending(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")
    try:
        app = create_app(Settings(), sessionmaker=create_sessionmaker(engine))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["status"] == "migrations_pending"
    finally:
        await engine.dispose()


async def test_readyz_is_503_when_the_database_is_unreachable(tmp_path: Path) -> None:
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none", connect_args={"timeout": 2})
    try:
        app = create_app(Settings(), sessionmaker=create_sessionmaker(engine))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            response = await client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["database"].startswith("unreachable")
    finally:
        await engine.dispose()
