"""The change log: every write, in order, for mirroring and audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

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
    """Note a write for the change log; the rows are appended when the transaction commits (see below)."""
    pending = session.sync_session.info.setdefault(_PENDING, [])
    pending.append(
        {"action": action, "object_type": object_type, "object_id": object_id, "actor": actor, "data": data or {}}
    )


# Any constant works: it only has to be the same for every writer of the change log.
CHANGE_LOG_LOCK = 0x66616374  # "fact"
_PENDING = "factdesk_pending_changes"


class ChangeLoggingSession(Session):
    """A session that appends the changes a transaction noted as its very last statements before commit.

    A PostgreSQL sequence hands out ids at insert time, not commit time: without a lock a reader could see
    change 12 before the transaction holding change 11 commits, and skip 11 for ever. So the change rows
    are inserted under a transaction-scoped advisory lock, which is held to commit, and only then: the
    lock covers an insert and a commit, never the reading, parsing and comparing a write did before it,
    so a small write never waits behind another's extraction. (SQLite allows one writer at a time.)
    """


@sa.event.listens_for(ChangeLoggingSession, "before_commit")
def _append_noted_changes(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(CHANGE_LOG_LOCK)))
    session.add_all(Change(**item) for item in pending)
    session.flush()


@sa.event.listens_for(ChangeLoggingSession, "after_rollback")
def _forget_noted_changes(session: Session) -> None:
    session.info.pop(_PENDING, None)


async def list_changes(session: AsyncSession, *, after_id: int | None, limit: int) -> Sequence[Change]:
    query = sa.select(Change).order_by(Change.id).limit(limit)
    if after_id is not None:
        query = query.where(Change.id > after_id)
    return (await session.scalars(query)).all()
