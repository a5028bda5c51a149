"""A Python client generated from openapi.yaml by openapi-python-client gets typed objects, not plain dicts.

The client is generated from the committed document into a temporary folder, imported, and pointed at
the app through httpx's ASGI transport; the claim check and the timeline come back as its model classes.
"""

from __future__ import annotations

import datetime as dt
import importlib
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PACKAGE = "factdesk_generated_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    folder = tmp_path_factory.mktemp("client")
    result = subprocess.run(
        [
            *(BIN / "openapi-python-client", "generate", "--meta", "none"),
            *("--path", ROOT / "openapi.yaml", "--output-path", folder / PACKAGE),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": str(BIN)},  # its formatter (ruff) comes from the project's environment
        cwd=folder,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
            del sys.modules[name]


def _client(generated: ModuleType, client: httpx.AsyncClient) -> object:
    api_client = generated.Client(base_url=str(client.base_url))
    return api_client.set_async_httpx_client(client)


async def test_the_generated_client_reads_a_claim_check_as_its_model(
    generated: ModuleType, client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    check = importlib.import_module(f"{PACKAGE}.api.claims.v1_claims_check_check")
    models = importlib.import_module(f"{PACKAGE}.models")
    body = models.ClaimIn(text="Kenya has deployed about 1,000 police officers to Haiti", as_of=dt.date(2025, 3, 1))
    response = await check.asyncio_detailed(client=_client(generated, client), body=body)
    assert response.status_code == 200, response.content
    assert isinstance(response.parsed, models.ClaimCheck)
    assert response.parsed.verdict in {"supported", "contradicted", "mixed", "unverifiable"}
    assert isinstance(response.parsed.answer, models.Answer)
    assert all(isinstance(citation, models.Citation) for citation in response.parsed.supporting)


async def test_the_generated_client_reads_a_timeline_as_its_model(
    generated: ModuleType, client: httpx.AsyncClient, seeded: dict[str, int]
) -> None:
    timeline = importlib.import_module(f"{PACKAGE}.api.answers.v1_timeline_timeline")
    models = importlib.import_module(f"{PACKAGE}.models")
    response = await timeline.asyncio_detailed(
        client=_client(generated, client), subject="kenyan-police-contingent", metric="personnel"
    )
    assert response.status_code == 200, response.content
    assert isinstance(response.parsed, models.Timeline)
    assert response.parsed.points and all(isinstance(point, models.TimelinePoint) for point in response.parsed.points)
