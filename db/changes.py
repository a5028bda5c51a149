"""The change log: every write, in order, for mirroring and audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Change
from reasoning.errors import StateConflict


async def flush(session: AsyncSession, *, conflict: str, hint: str) -> None:
    """Flush, turning a constraint violation into a domain StateConflict (the one place that does so)."""
    try:
        await session.flush()
    except IntegrityError as error:
        raise StateConflict(conflict, hint=hint, extra={"constraint": _constraint_name(error)}) from error


def _constraint_name(error: IntegrityError) -> str | None:
    original = getattr(error.orig, "__cause__", None) or error.orig
    return getattr(original, "constraint_name", None)


async def record_change(
    session: AsyncSession,
    *,
    action: str,
    object_type: str,
    object_id: int,
    actor: str | None,
    data: dict[str, Any] | None = None,
) -> None:
    await _serialize_change_log(session)
    session.add(Change(action=action, object_type=object_type, object_id=object_id, actor=actor, data=data or {}))
    await session.flush()


# Any constant works: it only has to be the same for every writer of the change log.
CHANGE_LOG_LOCK = 0x66616374  # "fact"


async def _serialize_change_log(session: AsyncSession) -> None:
    """Make change ids commit in the order they are handed out.

    A PostgreSQL sequence hands out ids at insert time, not commit time: without this, a reader could see
    change 12 before the transaction holding change 11 commits, and skip 11 for ever. The transaction
    lock is held to commit, so writes are ordered (SQLite already allows one writer at a time).
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(sa.select(sa.func.pg_advisory_xact_lock(CHANGE_LOG_LOCK)))


async def list_changes(session: AsyncSession, *, after_id: int | None, limit: int) -> Sequence[Change]:
    query = sa.select(Change).order_by(Change.id).limit(limit)
    if after_id is not None:
        query = query.where(Change.id > after_id)
    return (await session.scalars(query)).all()
