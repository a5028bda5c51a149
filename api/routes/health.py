"""Liveness and readiness probes."""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.datastructures import State
from litestar.openapi import ResponseSpec

from api.schemas import Health, Readiness
from operations import store


class HealthController(Controller):
    tags = ("service",)

    @get("/healthz", summary="The process is up")
    async def healthz(self) -> Health:
        return Health(status="ok")

    @get(
        "/readyz",
        summary="The database is reachable and migrated to head",
        responses={503: ResponseSpec(data_container=Readiness, description="The database is away or not migrated")},
    )
    async def readyz(self, state: State) -> Response[Readiness]:
        found = await store.readiness(state.sessionmaker)
        if not found.reachable:
            body = Readiness(
                status="unavailable",
                database=f"unreachable: {found.problem}",
                migration=None,
                expected_migration=found.expected_migration,
            )
            return Response(body, status_code=503)
        body = Readiness(
            status="ok" if found.ready else "migrations_pending",
            database="reachable",
            migration=found.migration,
            expected_migration=found.expected_migration,
        )
        return Response(body, status_code=200 if found.ready else 503)
