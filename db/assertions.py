"""Query functions for assertions: record, read, filter (also as known at a past moment), review, retract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.changes import flush, record_change
from db.columns import utcnow
from db.models import Assertion
from reasoning.errors import NotFound, StateConflict
from reasoning.types import Interval, Modality, ReviewStatus, TimeSpan


class NewAssertion(msgspec.Struct, frozen=True, kw_only=True):
    """Everything an assertion row needs, already checked by the caller (quote located, figure parsed)."""

    source_id: int
    subject_id: int | None
    metric_id: int | None
    value_text: str
    interval: Interval
    modality: Modality
    time: TimeSpan
    time_text: str | None
    claimant: str | None
    quote: str
    quote_start: int
    quote_end: int
    status: ReviewStatus
    origin_rule: str | None = None
    curated_key: str | None = None
    note: str | None = None
    context: str | None = None


class AssertionFilter(msgspec.Struct, frozen=True, kw_only=True):
    subject_id: int | None = None
    metric_id: int | None = None
    source_id: int | None = None
    modality: Modality | None = None
    status: ReviewStatus | None = None
    time_from: dt.date | None = None
    time_to: dt.date | None = None
    known_at: dt.datetime | None = None
    include_retracted: bool = False


async def add_assertion(session: AsyncSession, new: NewAssertion, *, actor: str | None) -> Assertion:
    row = Assertion(
        source_id=new.source_id,
        subject_id=new.subject_id,
        metric_id=new.metric_id,
        value_text=new.value_text,
        low=new.interval.low,
        best=new.interval.best,
        high=new.interval.high,
        value_rule=new.interval.rule,
        modality=new.modality,
        time_start=new.time.start,
        time_end=new.time.end,
        time_precision=new.time.precision,
        time_text=new.time_text,
        time_rule=new.time.rule,
        claimant=new.claimant,
        quote=new.quote,
        quote_start=new.quote_start,
        quote_end=new.quote_end,
        status=new.status,
        origin_rule=new.origin_rule,
        curated_key=new.curated_key,
        note=new.note,
        context=new.context,
        recorded_at=utcnow(),
        recorded_by=actor,
    )
    if new.status is not ReviewStatus.proposed:
        # Entered already reviewed (curated seeds): the review happened as it was recorded.
        row.reviewed_at = row.recorded_at
        row.reviewed_by = actor
    session.add(row)
    await flush(
        session,
        conflict=f"an assertion with curated key {new.curated_key!r} already exists",
        hint="Curated keys are unique; leave curated_key out or choose another.",
    )
    await record_change(
        session,
        action="assertion.created",
        object_type="assertion",
        object_id=row.id,
        actor=actor,
        data={"source_id": new.source_id, "value_text": new.value_text, "status": new.status.value},
    )
    return row


async def get_assertion(session: AsyncSession, assertion_id: int, *, for_update: bool = False) -> Assertion:
    """One assertion; `for_update` locks its row until the transaction ends (PostgreSQL; SQLite writers
    already hold the database's one write lock), so a decision read and then written cannot be lost."""
    row = await session.get(Assertion, assertion_id, with_for_update=for_update, populate_existing=for_update)
    if row is None:
        raise NotFound(f"no assertion with id {assertion_id}", hint="List assertions with GET /v1/assertions.")
    return row


async def lock_assertions(session: AsyncSession, assertion_ids: Sequence[int]) -> None:
    """Lock these rows until the transaction ends, in the order given (PostgreSQL; a no-op elsewhere)."""
    if assertion_ids and session.get_bind().dialect.name == "postgresql":
        query = sa.select(Assertion.id).where(Assertion.id.in_(list(assertion_ids))).order_by(Assertion.id)
        await session.execute(query.with_for_update())


async def find_curated(session: AsyncSession, curated_key: str) -> Assertion | None:
    return await session.scalar(sa.select(Assertion).where(Assertion.curated_key == curated_key))


async def list_assertions(
    session: AsyncSession, filters: AssertionFilter, *, after_id: int | None, limit: int
) -> Sequence[Assertion]:
    query = sa.select(Assertion).where(*_conditions(filters)).order_by(Assertion.id).limit(limit)
    if after_id is not None:
        query = query.where(Assertion.id > after_id)
    return (await session.scalars(query)).all()


def _conditions(filters: AssertionFilter) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    for column, value in (
        (Assertion.subject_id, filters.subject_id),
        (Assertion.metric_id, filters.metric_id),
        (Assertion.source_id, filters.source_id),
        (Assertion.modality, filters.modality),
    ):
        if value is not None:
            conditions.append(column == value)
    # A time filter keeps assertions whose time overlaps the range; unknown times never match one.
    if filters.time_from is not None:
        conditions.append(Assertion.time_end >= filters.time_from)
    if filters.time_to is not None:
        conditions.append(Assertion.time_start <= filters.time_to)
    known_at = filters.known_at
    if known_at is None:
        if not filters.include_retracted:
            conditions.append(Assertion.retracted_at.is_(None))
        if filters.status is not None:
            conditions.append(Assertion.status == filters.status)
        return conditions
    conditions.append(Assertion.recorded_at <= known_at)
    if not filters.include_retracted:
        conditions.append(sa.or_(Assertion.retracted_at.is_(None), Assertion.retracted_at > known_at))
    if filters.status is ReviewStatus.proposed:
        # Still waiting then, even if reviewed since.
        conditions.append(sa.or_(Assertion.status == ReviewStatus.proposed, Assertion.reviewed_at > known_at))
    elif filters.status is not None:
        conditions.append(sa.and_(Assertion.status == filters.status, Assertion.reviewed_at <= known_at))
    return conditions


async def review_assertion(
    session: AsyncSession,
    assertion_id: int,
    *,
    decision: ReviewStatus,
    note: str | None,
    actor: str | None,
    subject_id: int | None = None,
    metric_id: int | None = None,
) -> Assertion:
    row = await get_assertion(session, assertion_id, for_update=True)
    if row.retracted_at is not None:
        raise StateConflict(
            f"assertion {assertion_id} was retracted",
            hint="A retracted assertion cannot be reviewed; record a corrected one instead.",
        )
    if row.status is not ReviewStatus.proposed:
        raise StateConflict(
            # Not by whom: the stored name may be private; GET /v1/assertions/{id} shows the reviewer as settings allow.
            f"assertion {assertion_id} was already {row.status.value}"
            + (f" at {row.reviewed_at.isoformat()}" if row.reviewed_at else ""),
            hint="A review is final: retract the assertion with a reason and record a corrected one.",
        )
    row.subject_id = subject_id or row.subject_id
    row.metric_id = metric_id or row.metric_id
    if decision is ReviewStatus.accepted and (row.subject_id is None or row.metric_id is None):
        raise StateConflict(
            f"assertion {assertion_id} does not say what it is about (subject or metric unresolved)",
            hint=(
                "Accept it with `subject` and `metric` in the decision, "
                'e.g. {"decision": "accept", "subject": "...", "metric": "..."}.'
            ),
        )
    row.status = decision
    row.reviewed_at = utcnow()
    row.reviewed_by = actor
    row.review_note = note
    await session.flush()
    await record_change(
        session,
        action=f"assertion.{decision.value}",
        object_type="assertion",
        object_id=row.id,
        actor=actor,
        data={"note": note},
    )
    return row


async def retract_assertion(session: AsyncSession, assertion_id: int, *, reason: str, actor: str | None) -> Assertion:
    row = await get_assertion(session, assertion_id, for_update=True)
    if row.retracted_at is not None:
        raise StateConflict(
            f"assertion {assertion_id} was already retracted at {row.retracted_at.isoformat()}",
            hint="Nothing to do: a retraction is permanent.",
        )
    row.retracted_at = utcnow()
    row.retracted_by = actor
    row.retraction_reason = reason
    await session.flush()
    await record_change(
        session,
        action="assertion.retracted",
        object_type="assertion",
        object_id=row.id,
        actor=actor,
        data={"reason": reason},
    )
    return row


async def list_review_queue(session: AsyncSession, *, after_id: int | None, limit: int) -> Sequence[Assertion]:
    """Proposed, unretracted assertions, oldest first: what waits for a reviewer."""
    query = (
        sa.select(Assertion)
        .where(Assertion.status == ReviewStatus.proposed, Assertion.retracted_at.is_(None))
        .order_by(Assertion.id)
        .limit(limit)
    )
    if after_id is not None:
        query = query.where(Assertion.id > after_id)
    return (await session.scalars(query)).all()


async def assertions_of_source(session: AsyncSession, source_id: int) -> Sequence[Assertion]:
    query = (
        sa.select(Assertion)
        .where(Assertion.source_id == source_id, Assertion.retracted_at.is_(None))
        .order_by(Assertion.id)
    )
    return (await session.scalars(query)).all()


async def set_time(session: AsyncSession, row: Assertion, time: TimeSpan, *, actor: str | None, reason: str) -> None:
    """Move an assertion's resolved time (its source's date was corrected); the change log keeps the old one."""
    before = {"start": _iso(row.time_start), "end": _iso(row.time_end), "precision": row.time_precision.value}
    row.time_start, row.time_end, row.time_precision, row.time_rule = time.start, time.end, time.precision, time.rule
    await session.flush()
    await record_change(
        session,
        action="assertion.retimed",
        object_type="assertion",
        object_id=row.id,
        actor=actor,
        data={
            "before": before,
            "after": {"start": _iso(time.start), "end": _iso(time.end), "precision": time.precision.value},
            "reason": reason,
        },
    )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
