"""schemathesis against the live app: every operation of the OpenAPI document, reads and authenticated writes,
valid and invalid requests, answers with no 5xx and nothing the document does not declare.

All of schemathesis's checks run (no server error; status codes, media types, headers and bodies as
declared; invalid data refused; valid data accepted; a missing required header refused; an undeclared method
a 405 with `Allow`; OPTIONS listing exactly the declared methods ...), over its coverage phase (the
boundaries of every constraint, each constraint broken in turn) and its fuzzing phase (random requests, valid
and invalid), deterministically, so a CI run can be repeated. The stateful phase is off: it chains
operations through OpenAPI links, which the document does not declare.

The app is the real one, started by its lifespan on a database of its own (it commits what it is sent),
served in-process through schemathesis's ASGI transport, which runs it on an event loop of its own thread.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from litestar import Litestar
from schemathesis.config import SchemathesisConfig
from schemathesis.python import asgi

from api.app import create_app
from api.settings import Settings
from reasoning.types import Role
from tests.conftest import POSTGRES_ADMIN_URL
from tests.live import fresh_database, key_headers

CONFIG = SchemathesisConfig.from_str(
    """
# A batch of 500 assertions takes about 5 s on a 2-core machine, longer beside the fuzzer: not a hang.
request-timeout = 60

[generation]
mode = "all"
# Random requests per operation and mode, beside the coverage phase's deterministic boundary cases
# (about 2,200 requests a backend in all, 1.5 minutes).
max-examples = 12
deterministic = true

[phases.stateful]
enabled = false

[output.sanitization]
# The keys are throwaway ones of a throwaway database: a failure shows the curl that reproduces it as sent.
enabled = false

[checks.positive_data_acceptance]
# A request the document allows may still be unusable, and the document cannot say so: a name that no term
# goes by (404) or several do (409), a quote that is not in its source, a claim or a question not understood,
# a flow feeding a flow (422: api/problems.py). Any other refusal of a valid request, a 400 above all, fails.
expected-statuses = ["2xx", 401, 403, 404, 409, 422]
"""
)

# The document as the app generates it (its routes do not depend on the settings; no engine is opened).
DOCUMENT = create_app(Settings(database_url="sqlite+aiosqlite://", cursor_secret="unused")).openapi_schema
schema = schemathesis.openapi.from_dict(DOCUMENT.to_schema(), config=CONFIG)


@pytest.fixture(scope="module")
async def fresh_url(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    """An empty migrated database of the backend of `database_url`, dropped afterwards: the app under test
    commits its writes, which must not reach the database the other tests share."""
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    async with fresh_database(backend, POSTGRES_ADMIN_URL, tmp_path_factory.mktemp("conformance")) as url:
        yield url


@dataclass(frozen=True)
class Live:
    app: Litestar
    editor: str
    reviewer: str

    def key_for(self, case: schemathesis.Case) -> str:
        """Reviews and retractions need a reviewer's key; every other write an editor's."""
        reviews = case.method.upper() == "POST" and case.path.endswith(("/review", "/retract"))
        return self.reviewer if reviews else self.editor


async def _key(url: str, role: Role) -> str:
    return (await key_headers(url, role))["Authorization"].removeprefix("Bearer ")


@pytest.fixture(scope="module")
async def live(fresh_url: str) -> AsyncIterator[Live]:
    app = create_app(Settings(database_url=fresh_url, cursor_secret="conformance-secret"))
    yield Live(app=app, editor=await _key(fresh_url, Role.editor), reviewer=await _key(fresh_url, Role.reviewer))
    # schemathesis started the app's lifespan on first use and keeps it for the process: end it, so the
    # engine is disposed before its database is dropped.
    asgi.shutdown_lifespans()


@pytest.mark.slow
@schema.parametrize()
# The module's app serves every example of an operation (it is not reset between them); no per-example
# deadline: a loaded CI machine is not a failure, and request-timeout bounds each request.
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_operation_answers_as_its_document_says(case: schemathesis.Case, live: Live) -> None:
    if case.meta is not None and case.meta.generation.mode.is_positive and case.query:
        # A cursor is opaque and signed: no generator can write a valid one, and a made-up one is rightly a
        # 400 invalid_cursor (tests/api/test_hostile_input.py forges them). Valid requests start at page one.
        for name in ("cursor", "since"):
            case.query.pop(name, None)
    case.call_and_validate(app=live.app, headers={"Authorization": f"Bearer {live.key_for(case)}"})
