"""The change log: every write, in order, for mirroring and audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Change
from reasoning.errors import Conflict


async def flush(session: AsyncSession, *, conflict: str, hint: str) -> None:
    """Flush, turning a constraint violation into a domain Conflict (the one place that does so)."""
    try:
        await session.flush()
    except IntegrityError as error:
        raise Conflict(conflict, hint=hint, extra={"constraint": _constraint_name(error)}) from error


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
    session.add(Change(action=action, object_type=object_type, object_id=object_id, actor=actor, data=data or {}))
    await session.flush()


async def list_changes(session: AsyncSession, *, after_id: int | None, limit: int) -> Sequence[Change]:
    query = sa.select(Change).order_by(Change.id).limit(limit)
    if after_id is not None:
        query = query.where(Change.id > after_id)
    return (await session.scalars(query)).all()
