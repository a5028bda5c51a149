"""A fresh factdesk server for one evaluation store: a new SQLite database, migrated, with an editor's and a
reviewer's key, served by `factdesk serve` in its own process on a free loopback port."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import msgspec

from operations import keys, store
from operations.settings import Settings
from reasoning.types import Role
from seeds.loader import load_seeds_into

STARTUP_SECONDS = 120
REQUEST_SECONDS = 120


class Desk(msgspec.Struct, kw_only=True):
    """A client of one fresh server, with the keys of the desk's editor and reviewer."""

    client: httpx.AsyncClient
    editor: dict[str, str]
    reviewer: dict[str, str]


@asynccontextmanager
async def fresh_server(folder: Path, *, with_seeds: bool) -> AsyncIterator[Desk]:
    url = f"sqlite+aiosqlite:///{folder / 'store.db'}"
    await asyncio.to_thread(store.upgrade_schema, url)
    if with_seeds:
        await load_seeds_into(url, Settings(database_url=url))
    editor = await _key(url, Role.editor)
    reviewer = await _key(url, Role.reviewer)
    port = _free_port()
    # The server's settings are the defaults: a FACTDESK_* variable of the caller's would change the figures.
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("FACTDESK_")}
    environment = {**inherited, "FACTDESK_DATABASE_URL": url, "FACTDESK_CURSOR_SECRET": "factdesk-eval"}
    command = [sys.executable, "-m", "api.cli", "serve", "--no-migrate", "--port", str(port), "--log-level", "warning"]
    log = folder / "server.log"  # a file, not a pipe: a chatty server can never block on a full pipe
    with open(log, "wb") as log_file:
        server = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=log_file)
    try:
        base = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base, timeout=REQUEST_SECONDS) as client:
            await _wait_ready(client, server, log)
            yield Desk(client=client, editor=editor, reviewer=reviewer)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)


async def _key(url: str, role: Role) -> dict[str, str]:
    async with store.transaction(url) as session:
        plain = await keys.create_key(session, name=f"eval-{role.value}", role=role)
    return {"Authorization": f"Bearer {plain}"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def _wait_ready(client: httpx.AsyncClient, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            error = log.read_text(encoding="utf-8", errors="replace")
            raise RuntimeError(f"the factdesk server exited with {server.returncode}: {error[-2000:]}")
        try:
            if (await client.get("/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError(f"the factdesk server was not ready within {STARTUP_SECONDS}s")
