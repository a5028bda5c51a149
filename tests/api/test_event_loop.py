"""The event loop stays free: while clients hammer the heaviest reads over a store of the longest texts the
service accepts, /healthz still answers within 100 ms at the 99th percentile.

The app runs in-process with its own engine inside its lifespan, on a fresh migrated database of each
backend, and is called through httpx's ASGI transport: handlers then run on the test's own event loop, so
a handler that holds the loop (a date check or a conflict scan over long texts) delays the health probe by
exactly as long as it holds it. Before the date evidence was stored and the scans moved off the loop, one
`GET /v1/conflicts` over these sources held the loop for seconds: this test then measured a p99 of 29 s on
SQLite and 49 s on PostgreSQL (the load cut short by its time bound); now it is 15 to 45 ms.
"""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path

import httpx
import pytest

from operations.settings import Settings
from reasoning.types import Role
from tests.conftest import BACKENDS, POSTGRES_ADMIN_URL
from tests.live import fresh_database, key_headers, live_client

pytestmark = pytest.mark.slow

SOURCES = 6  # each of the longest text allowed (Settings.max_source_chars)
CLIENTS = 6
REQUESTS_EACH = 60  # a bound on the load in count ...
LOAD_SECONDS = 15.0  # ... and in time
PROBE_EVERY = 0.02
P99_LIMIT = 0.100


def long_text(number: int) -> str:
    """Paragraphs of one made-up story repeated to the longest text allowed, each with a phrase ("In late March")
    that contradicts the stated date of 1 March, and words of their own so that no two texts share a wire story."""
    rng = random.Random(number)
    words = ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))) for _ in range(400)]
    paragraphs = []
    for _ in range(5):
        body = " ".join(rng.choices(words, k=60))
        paragraphs.append(
            f"In late March, the council of Town {number} said {body}. On Monday, 40 buses arrived in the town, "
            f"officials said, and {' '.join(rng.choices(words, k=20))}.\n\n"
        )
    text = "".join(paragraphs)
    size = Settings().max_source_chars
    return (text * (size // len(text) + 1))[:size]


async def _store(client: httpx.AsyncClient, editor: dict[str, str], reviewer: dict[str, str]) -> list[int]:
    """The long sources, and two figures that cannot both hold, so the conflicts list scans both kinds."""
    ids = []
    for number in range(SOURCES):
        body = {"text": long_text(number), "stated_date": "2031-03-01", "title": f"Town {number}"}
        response = await client.post("/v1/sources", headers=editor, json=body)
        assert response.status_code == 201, response.text[:500]
        assert response.json()["date_evidence"], "the text should contradict its stated date"
        ids.append(response.json()["id"])
    entity = {"key": "town-buses", "name": "Town bus fleet"}
    metric = {"key": "vehicles", "name": "Vehicles in service", "unit": "vehicles", "kind": "stock"}
    assert (await client.post("/v1/entities", headers=editor, json=entity)).status_code == 201
    assert (await client.post("/v1/metrics", headers=editor, json=metric)).status_code == 201
    text = "date 2031-03-01 The town had 300 buses on Monday, the council said. A union said it had 120 buses."
    small = await client.post("/v1/sources", headers=editor, json={"text": text, "stated_date": "2031-03-01"})
    assert small.status_code == 201, small.text
    figures = [("300", "300 buses"), ("120", "120 buses")]
    time_span = {"start": "2031-02-24", "end": "2031-02-24", "precision": "day"}
    bodies = [
        {"source_id": small.json()["id"], "subject": "town-buses", "metric": "vehicles", "value_text": value}
        | {"quote": quote, "time": time_span}
        for value, quote in figures
    ]
    recorded = await client.post("/v1/assertions/batch", headers=editor, json={"assertions": bodies})
    assert recorded.status_code == 201, recorded.text
    decisions = [{"assertion_id": item["id"], "decision": "accept"} for item in recorded.json()["items"]]
    assert (await client.post("/v1/review", headers=reviewer, json={"decisions": decisions})).status_code == 200
    return ids


def _p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


@pytest.mark.parametrize("backend", BACKENDS)
async def test_healthz_answers_within_100_ms_while_clients_hammer_the_heaviest_reads(
    backend: str, tmp_path: Path
) -> None:
    async with fresh_database(backend, POSTGRES_ADMIN_URL, tmp_path) as url:
        editor, reviewer = await key_headers(url, Role.editor), await key_headers(url, Role.reviewer)
        async with live_client(url) as client:
            source_ids = await _store(client, editor, reviewer)
            listed = (await client.get("/v1/conflicts", params={"limit": 100})).json()
            kinds = [conflict["kind"] for conflict in listed["items"]]
            assert kinds.count("date_contradiction") == SOURCES and "disjoint_values" in kinds, kinds

            deadline = time.monotonic() + LOAD_SECONDS
            statuses: list[int] = []
            latencies: list[float] = []
            served = 0
            due: float | None = None  # when the probe in flight was due to be sent

            async def reader(number: int) -> None:
                nonlocal served
                for turn in range(REQUESTS_EACH):
                    if time.monotonic() > deadline:
                        return
                    if (number + turn) % 2:
                        response = await client.get("/v1/conflicts")
                    else:
                        response = await client.get(f"/v1/sources/{source_ids[(number + turn) % SOURCES]}")
                    statuses.append(response.status_code)
                    served += 1

            async def probe(load: asyncio.Future[list[None]]) -> None:
                # Latency counts from when a probe was due, as an outside client sending on a schedule would see
                # it: a loop held while the probe sleeps delays its wake-up, and that delay counts too.
                nonlocal due
                while not load.done():
                    due = time.perf_counter() + PROBE_EVERY
                    await asyncio.sleep(PROBE_EVERY)
                    response = await client.get("/healthz")
                    latencies.append(time.perf_counter() - due)
                    due = None
                    assert response.status_code == 200

            load = asyncio.gather(*(reader(number) for number in range(CLIENTS)))
            try:
                async with asyncio.timeout(LOAD_SECONDS * 4):  # a loop held for good ends here, not never
                    await asyncio.gather(load, probe(load))
            except TimeoutError:
                if due is not None:  # the probe still waiting counts with what it has waited so far
                    latencies.append(time.perf_counter() - due)

    assert _p99(latencies) < P99_LIMIT, (
        f"/healthz p99 {_p99(latencies) * 1000:.0f} ms (max {max(latencies) * 1000:.0f} ms) "
        f"over {len(latencies)} probes while {served} heavy reads were served"
    )
    assert set(statuses) == {200}, sorted(set(statuses))
    assert served >= CLIENTS * 4, served  # the readers did read, in parallel with the probe
    assert len(latencies) >= 50, len(latencies)
