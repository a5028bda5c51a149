"""The change log: every write, in order, for mirroring and audit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

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


_SAVEPOINT_MARKS = "factdesk_savepoint_marks"


@sa.event.listens_for(ChangeLoggingSession, "before_commit")
def _append_noted_changes(session: Session) -> None:
    # Releasing a savepoint is a commit too, but not the transaction's: its changes wait for the real one,
    # or the lock would be held from the savepoint through whatever the write does next.
    if session.in_nested_transaction():
        return
    session.info.pop(_SAVEPOINT_MARKS, None)
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.select(sa.func.pg_advisory_xact_lock(CHANGE_LOG_LOCK)))
    session.add_all(Change(**item) for item in pending)
    session.flush()


@sa.event.listens_for(ChangeLoggingSession, "after_transaction_create")
def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        marks = session.info.setdefault(_SAVEPOINT_MARKS, {})
        marks[id(transaction)] = len(session.info.get(_PENDING, []))


@sa.event.listens_for(ChangeLoggingSession, "after_soft_rollback")
def _forget_noted_changes(session: Session, previous_transaction: SessionTransaction) -> None:
    """A savepoint rolled back forgets the changes noted since it began; the transaction, all of them."""
    marks = session.info.get(_SAVEPOINT_MARKS, {})
    if previous_transaction.nested and id(previous_transaction) in marks:
        del session.info.get(_PENDING, [])[marks.pop(id(previous_transaction)) :]
        return
    if not session.in_transaction():
        session.info.pop(_PENDING, None)
        session.info.pop(_SAVEPOINT_MARKS, None)


async def list_changes(session: AsyncSession, *, after_id: int | None, limit: int) -> Sequence[Change]:
    query = sa.select(Change).order_by(Change.id).limit(limit)
    if after_id is not None:
        query = query.where(Change.id > after_id)
    return (await session.scalars(query)).all()
