"""While the database is away requests get a 503 problem with Retry-After, and the service recovers by itself.

The test makes a PostgreSQL cluster of its own on another port (and removes it), serves factdesk on it,
keeps a bounded stream of reads and writes going, stops the cluster, sees 503s (never a 500), starts it
again and sees 200s, all without restarting factdesk.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from db import migrate
from reasoning.types import Role
from tests.conftest import POSTGRES_ADMIN_URL
from tests.live import free_port, fresh_database, key_headers, live_client

NEEDS_CLUSTER_TOOLS = pytest.mark.skipif(shutil.which("pg_createcluster") is None, reason="PostgreSQL's cluster tools")

VERSION = "15"
PHASE_SECONDS = 30  # the longest each phase may take to show itself


def _cluster_command(*args: str) -> None:
    subprocess.run(list(args), check=True, capture_output=True, timeout=120)


@pytest.fixture
def cluster() -> Iterator[tuple[str, str]]:
    """A PostgreSQL cluster of this test's own, with trust auth on loopback; dropped afterwards."""
    name, port = f"factdesk_outage_{uuid.uuid4().hex[:8]}", str(free_port())
    _cluster_command("pg_createcluster", VERSION, name, "-p", port, "--", "--auth=trust")
    try:
        _cluster_command("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name, "start")
        yield name, f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(["pg_dropcluster", VERSION, name, "--stop"], capture_output=True, timeout=120)


async def _until(client: httpx.AsyncClient, editor: dict[str, str], wanted: int, seen: list[httpx.Response]) -> None:
    """Send a read and a write at a time until the read answers `wanted` (bounded in time)."""
    deadline = time.monotonic() + PHASE_SECONDS
    while time.monotonic() < deadline:
        read, write = await asyncio.gather(
            client.get("/v1/sources"),
            client.post("/v1/entities", headers=editor, json={"key": f"k-{uuid.uuid4().hex[:10]}", "name": "Line"}),
        )
        seen += [read, write]
        if read.status_code == wanted:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"no {wanted} within {PHASE_SECONDS}s: {[r.status_code for r in seen[-6:]]}")


@pytest.mark.slow
@NEEDS_CLUSTER_TOOLS
async def test_requests_get_503_while_the_database_is_away_and_200_when_it_is_back(cluster: tuple[str, str]) -> None:
    name, url = cluster
    await asyncio.to_thread(migrate.upgrade, url)
    editor = await key_headers(url, Role.editor)
    seen: list[httpx.Response] = []
    async with live_client(url) as client:
        await _until(client, editor, 200, seen)
        await asyncio.to_thread(
            _cluster_command, "pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name, "stop", "-m", "fast"
        )
        await _until(client, editor, 503, seen)
        away = seen[-2]
        assert away.headers["content-type"].startswith("application/problem+json")
        assert away.json()["code"] == "database_unavailable" and int(away.headers["retry-after"]) > 0
        ready = await client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["database"].startswith("unreachable")
        await asyncio.to_thread(_cluster_command, "pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name, "start")
        await _until(client, editor, 200, seen)
        assert (await client.get("/readyz")).status_code == 200
        written = await client.post("/v1/entities", headers=editor, json={"key": "after-the-outage", "name": "Back"})
        assert written.status_code == 201, written.text
    assert [
        response.status_code for response in seen if response.status_code >= 500 and response.status_code != 503
    ] == []


async def test_a_write_that_waits_past_the_busy_timeout_gets_503_with_retry_after(tmp_path: Path) -> None:
    # Another process holds SQLite's write lock for longer than this service is willing to wait.
    async with fresh_database("sqlite", POSTGRES_ADMIN_URL, tmp_path) as url:
        editor = await key_headers(url, Role.editor)
        holder = sqlite3.connect(sa.make_url(url).database or "", isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            async with live_client(url, sqlite_busy_timeout_ms=50, retry_after_seconds=3) as client:
                busy = await client.post("/v1/entities", headers=editor, json={"key": "line-7", "name": "Line 7"})
                read = await client.get("/v1/entities")
                # A claim check is a POST that only reads: it takes no write lock and does not wait.
                check = await client.post("/v1/claims/check", json={"text": "Line 7 carried 300 riders"})
            assert busy.status_code == 503, busy.text
            assert busy.json()["code"] == "database_busy" and busy.headers["retry-after"] == "3"
            assert read.status_code == 200  # reads do not wait for the write lock
            assert check.status_code != 503, check.text
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        async with live_client(url) as client:
            assert (await client.get("/v1/entities/line-7")).status_code == 404  # nothing half-written
