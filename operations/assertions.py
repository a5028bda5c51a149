"""Assertions: record one or a batch (all or nothing), read and filter them, review, retract. Nothing is deleted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from db import assertions, models, sources, vocabulary
from operations.actors import actor_labels
from operations.names import metric_id, resolve_metric, resolve_subject, subject_id
from operations.records import AssertionRecord, assertion_record
from operations.settings import Settings
from reasoning.assertions import Draft, check_draft
from reasoning.texts import sentence_around
from reasoning.types import Modality, Precision, ReviewStatus, as_utc


class AssertionDraft(msgspec.Struct, frozen=True, kw_only=True):
    """An assertion as an editor or the curated seeds state it; `subject` and `metric` are any id, key or alias."""

    source_id: int
    subject: str
    metric: str
    value_text: str
    quote: str
    quote_start: int | None = None
    quote_end: int | None = None
    interval: tuple[float | None, float, float | None] | None = None
    interval_rule: str = "editor"
    modality: Modality = Modality.actual
    time_start: dt.date | None = None
    time_end: dt.date | None = None
    time_precision: Precision | None = None
    time_text: str | None = None
    claimant: str | None = None
    note: str | None = None
    status: ReviewStatus = ReviewStatus.proposed
    curated_key: str | None = None  # the seeds' own id: recording it twice gives back the stored row


class AssertionQuery(msgspec.Struct, frozen=True, kw_only=True):
    """Filters for a listing; each narrows it, and `subject`/`metric` are resolved like everywhere else."""

    subject: str | None = None
    metric: str | None = None
    source_id: int | None = None
    modality: Modality | None = None
    status: ReviewStatus | None = None
    time_from: dt.date | None = None
    time_to: dt.date | None = None
    known_at: dt.datetime | None = None
    include_retracted: bool = False


class Queued(msgspec.Struct, frozen=True, kw_only=True):
    """A proposal waiting for review, with the sentence of its source that holds its quote."""

    assertion: AssertionRecord
    sentence: str
    sentence_start: int
    sentence_end: int

    @property
    def id(self) -> int:
        return self.assertion.id


class Decision(msgspec.Struct, frozen=True, kw_only=True):
    assertion_id: int
    decision: Literal["accept", "reject"]
    note: str | None = None
    subject: str | None = None  # to resolve (or correct) an extractor's proposal as it is accepted
    metric: str | None = None


async def record_assertion(
    session: AsyncSession, settings: Settings, *, draft: AssertionDraft, actor: str | None
) -> AssertionRecord:
    """Check the draft against its source (quote at its offsets, figure, time) and store it."""
    if draft.curated_key is not None and (stored := await assertions.find_curated(session, draft.curated_key)):
        return (await _records(session, settings, [stored]))[0]
    source = await sources.get_source(session, draft.source_id)
    subject = await resolve_subject(session, draft.subject)
    metric = await resolve_metric(session, draft.metric)
    checked = check_draft(
        Draft(
            value_text=draft.value_text,
            quote=draft.quote,
            quote_start=draft.quote_start,
            quote_end=draft.quote_end,
            interval=draft.interval,
            interval_rule=draft.interval_rule,
            time_start=draft.time_start,
            time_end=draft.time_end,
            time_precision=draft.time_precision,
            time_text=draft.time_text,
        ),
        source_text=source.text,
        source_date=source.date_used,
        figures=settings.figures,
    )
    row = await assertions.add_assertion(
        session,
        assertions.NewAssertion(
            source_id=source.id,
            subject_id=subject.id,
            metric_id=metric.id,
            value_text=draft.value_text,
            interval=checked.interval,
            modality=draft.modality,
            time=checked.time,
            time_text=draft.time_text,
            claimant=draft.claimant,
            quote=draft.quote,
            quote_start=checked.quote_start,
            quote_end=checked.quote_end,
            status=draft.status,
            curated_key=draft.curated_key,
            note=draft.note,
        ),
        actor=actor,
    )
    labels = await actor_labels(session, settings, [row.recorded_by, row.reviewed_by])
    return assertion_record(row, subject=subject.key, metric=metric.key, actors=labels)


async def record_assertions(
    session: AsyncSession, settings: Settings, *, drafts: Sequence[AssertionDraft], actor: str | None
) -> list[AssertionRecord]:
    """Record every draft, in order; the first one refused raises and the caller's transaction stores none."""
    return [await record_assertion(session, settings, draft=draft, actor=actor) for draft in drafts]


async def curated_exists(session: AsyncSession, *, curated_key: str) -> bool:
    return await assertions.find_curated(session, curated_key) is not None


async def get_assertion(session: AsyncSession, settings: Settings, *, assertion_id: int) -> AssertionRecord:
    return (await _records(session, settings, [await assertions.get_assertion(session, assertion_id)]))[0]


async def list_assertions(
    session: AsyncSession, settings: Settings, *, query: AssertionQuery, after_id: int | None, limit: int
) -> list[AssertionRecord]:
    filters = assertions.AssertionFilter(
        subject_id=await subject_id(session, query.subject),
        metric_id=await metric_id(session, query.metric),
        source_id=query.source_id,
        modality=query.modality,
        status=query.status,
        time_from=query.time_from,
        time_to=query.time_to,
        known_at=as_utc(query.known_at),
        include_retracted=query.include_retracted,
    )
    rows = await assertions.list_assertions(session, filters, after_id=after_id, limit=limit)
    return await _records(session, settings, rows)


async def review(
    session: AsyncSession, settings: Settings, *, decision: Decision, actor: str | None
) -> AssertionRecord:
    """Accept or reject a proposal; a subject or metric given with the decision resolves (or corrects) it."""
    row = await assertions.review_assertion(
        session,
        decision.assertion_id,
        decision=ReviewStatus.accepted if decision.decision == "accept" else ReviewStatus.rejected,
        note=decision.note,
        actor=actor,
        subject_id=await subject_id(session, decision.subject),
        metric_id=await metric_id(session, decision.metric),
    )
    return (await _records(session, settings, [row]))[0]


async def review_many(
    session: AsyncSession, settings: Settings, *, decisions: Sequence[Decision], actor: str | None
) -> list[AssertionRecord]:
    """Every decision, in order; one refused raises and the caller's transaction applies none.

    The rows are locked first, in id order, so two batches naming the same assertions in another order
    wait for each other instead of deadlocking."""
    await assertions.lock_assertions(session, sorted({decision.assertion_id for decision in decisions}))
    return [await review(session, settings, decision=decision, actor=actor) for decision in decisions]


async def retract(
    session: AsyncSession, settings: Settings, *, assertion_id: int, reason: str, actor: str | None
) -> AssertionRecord:
    row = await assertions.retract_assertion(session, assertion_id, reason=reason, actor=actor)
    return (await _records(session, settings, [row]))[0]


async def review_queue(session: AsyncSession, settings: Settings, *, after_id: int | None, limit: int) -> list[Queued]:
    """Proposals waiting for review, oldest first, each with its sentence."""
    rows = await assertions.list_review_queue(session, after_id=after_id, limit=limit)
    texts = await sources.texts_by_id(session, [row.source_id for row in rows])
    queued = []
    for record in await _records(session, settings, rows):
        sentence, start, end = sentence_around(texts[record.source_id], record.quote_start, record.quote_end)
        queued.append(Queued(assertion=record, sentence=sentence, sentence_start=start, sentence_end=end))
    return queued


async def _records(
    session: AsyncSession, settings: Settings, rows: Sequence[models.Assertion]
) -> list[AssertionRecord]:
    subjects, metrics = await vocabulary.keys_for(session, rows)
    labels = await actor_labels(
        session, settings, [name for row in rows for name in (row.recorded_by, row.reviewed_by)]
    )
    return [
        assertion_record(
            row, subject=subjects.get(row.subject_id or 0), metric=metrics.get(row.metric_id or 0), actors=labels
        )
        for row in rows
    ]
