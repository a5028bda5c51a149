"""create_app(settings): the one composition root of the HTTP service."""

from __future__ import annotations

import anyio.to_thread
from litestar import Litestar
from litestar.datastructures import MutableScopeHeaders, State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.routes import HTTPRoute
from litestar.types import Message, Scope
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.bodies import JSONRequest
from api.dependencies import provide_actor, provide_session
from api.openapi import ClosedRequestBodies, MomentSchema
from api.pagination import Pager
from api.params import is_moment, read_moment
from api.problems import EXCEPTION_HANDLERS
from api.routes.answers import AnswerController
from api.routes.assertions import AssertionController
from api.routes.changes import ChangeController
from api.routes.claims import ClaimController
from api.routes.conflicts import ConflictController
from api.routes.health import HealthController
from api.routes.questions import QuestionController
from api.routes.review import ReviewController
from api.routes.sources import SourceController
from api.routes.vocabulary import EntityController, MetricController
from api.settings import Settings
from operations import store
from reasoning.english import load_pipeline

API_VERSION = "0.1.0"


def create_app(settings: Settings, *, sessionmaker: async_sessionmaker[AsyncSession] | None = None) -> Litestar:
    """Build the app. The engine is created at start-up (never at import) unless a test hands in sessions."""
    owns_engine = sessionmaker is None
    pager = Pager(
        secret=settings.cursor_secret, default_size=settings.default_page_size, max_size=settings.max_page_size
    )

    async def open_database(app: Litestar) -> None:
        if owns_engine:
            app.state.engine = store.open_engine(
                settings.database_url, sqlite_busy_timeout_ms=settings.sqlite_busy_timeout_ms
            )
            app.state.sessionmaker = store.open_sessions(app.state.engine)

    async def load_english(app: Litestar) -> None:
        # Loading the pipeline takes about a second of CPU: done once here, in a worker thread, so the event loop
        # is never blocked by it and the first request does not pay for it. The server answers nothing (not even
        # /readyz) until start-up is over, so it is never ready without its pipeline.
        await anyio.to_thread.run_sync(load_pipeline)

    async def close_database(app: Litestar) -> None:
        if owns_engine:
            await app.state.engine.dispose()

    return Litestar(
        route_handlers=[
            HealthController,
            SourceController,
            EntityController,
            MetricController,
            AssertionController,
            ChangeController,
            ReviewController,
            AnswerController,
            ConflictController,
            ClaimController,
            QuestionController,
        ],
        dependencies={
            "db_session": Provide(provide_session),
            "settings": Provide(lambda: settings, use_cache=True, sync_to_thread=False),
            "pager": Provide(lambda: pager, use_cache=True, sync_to_thread=False),
            "actor": Provide(provide_actor, sync_to_thread=False),
        },
        exception_handlers=EXCEPTION_HANDLERS,
        request_class=JSONRequest,
        before_send=[list_every_method_in_allow],
        plugins=[ClosedRequestBodies(), MomentSchema()],
        type_decoders=[(is_moment, read_moment)],
        on_startup=[open_database, load_english],
        on_shutdown=[close_database],
        # Handed-in sessions (tests) are there from the start, so the app works with or without its lifespan.
        state=State(
            {"retry_after_seconds": settings.retry_after_seconds}
            | ({} if owns_engine else {"sessionmaker": sessionmaker})
        ),
        request_max_body_size=settings.max_body_bytes,
        openapi_config=OpenAPIConfig(
            title="factdesk",
            version=API_VERSION,
            description=(
                "Sourced assertions for newsrooms: every figure tied to the exact quote that states it. "
                "Errors are RFC 9457 problem details (application/problem+json). Writes need "
                "`Authorization: Bearer <key>` with role editor or reviewer."
            ),
        ),
    )


async def list_every_method_in_allow(message: Message, scope: Scope) -> None:
    """Litestar 2 answers OPTIONS on a path served by several handlers with the methods of the handler
    registered first (GET /v1/sources/1 missing from `Allow: OPTIONS, PATCH`; litestar-org/litestar#4169, fixed
    in Litestar 3 only): list every method of the path, as its 405 answers already do."""
    if message["type"] != "http.response.start" or scope.get("method") != "OPTIONS":
        return
    for route in scope["app"].routes:
        if isinstance(route, HTTPRoute) and route.path_format == scope.get("path_template"):
            MutableScopeHeaders.from_message(message)["Allow"] = ", ".join(sorted(route.methods))
