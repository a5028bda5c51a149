"""Request-scoped dependencies: the session that is the request's transaction, and the caller's key."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

import msgspec
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers.base import BaseRouteHandler
from sqlalchemy.ext.asyncio import AsyncSession

from operations import keys, store
from reasoning.errors import Forbidden, Unauthorized
from reasoning.types import Role


class Actor(msgspec.Struct, frozen=True):
    name: str
    role: Role


READS = frozenset({"GET", "HEAD", "OPTIONS"})


async def provide_session(state: State, request: Request[Any, Any, Any]) -> AsyncGenerator[AsyncSession, None]:
    """One transaction per request: committed when the handler returns, rolled back if anything raises.

    A write request says so before it reads anything, so on SQLite it queues for the write lock (up to the
    busy timeout) instead of failing when a read lock cannot be upgraded.
    """
    async with state.sessionmaker() as session, session.begin():
        # A POST that only reads (a claim check) says so in its handler's opt and takes no write lock.
        if request.method not in READS and not request.route_handler.opt.get("read_only", False):
            await store.declare_write(session)
        yield session


_WRITE_NEEDS_KEY = "this request writes, and writing needs an API key"


async def _authenticate(
    connection: ASGIConnection[Any, Any, Any, Any], roles: frozenset[Role], *, missing: str = _WRITE_NEEDS_KEY
) -> Actor:
    suggested = min(role.value for role in roles)  # the role a hint suggests creating a key for
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            missing,
            hint=(
                "Send `Authorization: Bearer <key>`; "
                f"create a key with `factdesk keys create --role {suggested} --name NAME`."
            ),
        )
    # Looked up on every request, never cached: a key revoked with `factdesk keys revoke` fails at once.
    async with connection.app.state.sessionmaker() as session:
        key = await keys.find_active_key(session, plain=token.strip())
    if key is None:
        raise Unauthorized(
            "the API key is unknown or revoked", hint="Check the key, or create a new one with `factdesk keys create`."
        )
    if key.role not in roles:
        needed = " or ".join(sorted(role.value for role in roles))
        raise Forbidden(
            f"this key has role {key.role.value}; this request needs role {needed}",
            hint=f"Use a key created with `factdesk keys create --role {suggested}`.",
        )
    return Actor(name=key.name, role=key.role)


# Guards run before the body is read or any dependency opens a transaction: a request without the
# right key is refused before it can cost anything.
async def editors_only(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    connection.state.actor = await _authenticate(connection, frozenset({Role.editor}))


async def reviewers_only(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    connection.state.actor = await _authenticate(connection, frozenset({Role.reviewer}))


async def desk_only(connection: ASGIConnection[Any, Any, Any, Any], _handler: BaseRouteHandler) -> None:
    """Reads for the desk (the review queue): any key, editor or reviewer."""
    connection.state.actor = await _authenticate(
        connection, frozenset(Role), missing="the review queue is for the desk, and reading it needs an API key"
    )


async def provide_reader(request: Request[Any, Any, Any]) -> Actor | None:
    """The caller's key on an open read, if one is sent (what it adds is for the desk); a bad one is a 401."""
    if "authorization" not in request.headers:
        return None
    return await _authenticate(
        request, frozenset(Role), missing="send a key as `Authorization: Bearer <key>`, or no Authorization header"
    )


def provide_actor(request: Request[Any, Any, Any]) -> Actor:
    actor: Actor = request.state.actor  # set by the write guards before any handler runs
    return actor
