"""Liveness and readiness probes."""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.datastructures import State

from api.schemas import Health, Readiness
from db import migrate


class HealthController(Controller):
    tags = ["service"]

    @get("/healthz", summary="The process is up")
    async def healthz(self) -> Health:
        return Health(status="ok")

    @get("/readyz", summary="The database is reachable and migrated to head")
    async def readyz(self, state: State) -> Response[Readiness]:
        expected = migrate.head_revision()
        try:
            async with state.sessionmaker() as session:
                current = await migrate.current_revision(session)
        except Exception as error:  # any failure to reach the database means "not ready"
            body = Readiness(
                status="unavailable",
                database=f"unreachable: {type(error).__name__}",
                migration=None,
                expected_migration=expected,
            )
            return Response(body, status_code=503)
        ready = current == expected
        body = Readiness(
            status="ok" if ready else "migrations_pending",
            database="reachable",
            migration=current,
            expected_migration=expected,
        )
        return Response(body, status_code=200 if ready else 503)
