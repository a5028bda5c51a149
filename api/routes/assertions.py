"""Assertions: record (one or a batch, all or nothing), read, filter, review, retract. Nothing is deleted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, editors_only, reviewers_only
from api.pagination import Pager
from api.params import CursorQuery, IdPath, IdQuery, LimitQuery, RefQuery
from api.problems import READ_PROBLEMS, WRITE_PROBLEMS
from api.schemas import Assertion, AssertionBatch, AssertionBatchIn, AssertionIn, AssertionPage, RetractIn, ReviewIn
from api.settings import Settings
from api.views import assertion_view
from db import assertions, models, sources, vocabulary
from reasoning.assertions import Draft, check_draft
from reasoning.types import Modality, ReviewStatus


async def _record(db_session: AsyncSession, data: AssertionIn, actor: Actor, settings: Settings) -> models.Assertion:
    source = await sources.get_source(db_session, data.source_id)
    subject = await vocabulary.get_term(db_session, models.Entity, data.subject)
    metric = await vocabulary.get_term(db_session, models.Metric, data.metric)
    interval = data.interval
    checked = check_draft(
        Draft(
            value_text=data.value_text,
            quote=data.quote,
            quote_start=data.quote_start,
            quote_end=data.quote_end,
            interval=(interval.low, interval.best, interval.high) if interval else None,
            time_start=data.time.start,
            time_end=data.time.end,
            time_precision=data.time.precision,
            time_text=data.time.text,
        ),
        source_text=source.text,
        source_date=source.date_used,
        figures=settings.figures,
    )
    new = assertions.NewAssertion(
        source_id=source.id,
        subject_id=subject.id,
        metric_id=metric.id,
        value_text=data.value_text,
        interval=checked.interval,
        modality=data.modality,
        time=checked.time,
        time_text=data.time.text,
        claimant=data.claimant,
        quote=data.quote,
        quote_start=checked.quote_start,
        quote_end=checked.quote_end,
        status=ReviewStatus.proposed,
        note=data.note,
    )
    return await assertions.add_assertion(db_session, new, actor=actor.name)


async def assertion_views(db_session: AsyncSession, rows: Sequence[models.Assertion]) -> list[Assertion]:
    subjects, metrics = await vocabulary.keys_for(db_session, rows)
    return [
        assertion_view(row, subject=subjects.get(row.subject_id or 0), metric=metrics.get(row.metric_id or 0))
        for row in rows
    ]


async def apply_review(db_session: AsyncSession, assertion_id: int, data: ReviewIn, actor: Actor) -> models.Assertion:
    """Accept or reject; a subject or metric given with the decision resolves (or corrects) the proposal."""
    subject_id = (await vocabulary.resolve_term(db_session, models.Entity, data.subject)).id if data.subject else None
    metric_id = (await vocabulary.resolve_term(db_session, models.Metric, data.metric)).id if data.metric else None
    return await assertions.review_assertion(
        db_session,
        assertion_id,
        decision=ReviewStatus.accepted if data.decision == "accept" else ReviewStatus.rejected,
        note=data.note,
        actor=actor.name,
        subject_id=subject_id,
        metric_id=metric_id,
    )


class AssertionController(Controller):
    path = "/v1/assertions"
    tags = ["assertions"]

    @post(
        "/",
        summary="Record an assertion",
        description="The quote is checked against the source text; without offsets it must occur exactly once.",
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
    )
    async def create(
        self,
        data: JSONBody[AssertionIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        settings: NamedDependency[Settings],
    ) -> Assertion:
        row = await _record(db_session, data, actor, settings)
        return (await assertion_views(db_session, [row]))[0]

    @post(
        "/batch",
        summary="Record several assertions in one transaction: all are stored, or none",
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
    )
    async def create_batch(
        self,
        data: JSONBody[AssertionBatchIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        settings: NamedDependency[Settings],
    ) -> AssertionBatch:
        rows = [await _record(db_session, item, actor, settings) for item in data.assertions]
        return AssertionBatch(items=await assertion_views(db_session, rows))

    @get(
        "/",
        summary="List assertions",
        description="Filters combine; `known_at` shows the store as it was known at that moment.",
        responses=READ_PROBLEMS,
    )
    async def list_assertions(
        self,
        request: Request,
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        subject: RefQuery = None,
        metric: RefQuery = None,
        source_id: IdQuery = None,
        modality: FromQuery[Modality | None] = None,
        status: FromQuery[ReviewStatus | None] = None,
        time_from: FromQuery[dt.date | None] = None,
        time_to: FromQuery[dt.date | None] = None,
        known_at: FromQuery[dt.datetime | None] = None,
        include_retracted: FromQuery[bool] = False,
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[AssertionPage]:
        filters = assertions.AssertionFilter(
            subject_id=(await vocabulary.get_term(db_session, models.Entity, subject)).id if subject else None,
            metric_id=(await vocabulary.get_term(db_session, models.Metric, metric)).id if metric else None,
            source_id=source_id,
            modality=modality,
            status=status,
            time_from=time_from,
            time_to=time_to,
            known_at=_aware(known_at),
            include_retracted=include_retracted,
        )
        query = {
            "subject": subject,
            "metric": metric,
            "source_id": source_id,
            "modality": modality,
            "status": status,
            "time_from": time_from,
            "time_to": time_to,
            "known_at": known_at,
            "include_retracted": include_retracted or None,
        }
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters=query)
        rows, next_cursor, headers = pager.close(
            page, await assertions.list_assertions(db_session, filters, after_id=page.after_id, limit=page.fetch)
        )
        return Response(AssertionPage(items=await assertion_views(db_session, rows), next=next_cursor), headers=headers)

    @get("/{assertion_id:int}", summary="One assertion", responses=READ_PROBLEMS)
    async def get_assertion(self, assertion_id: IdPath, db_session: NamedDependency[AsyncSession]) -> Assertion:
        return (await assertion_views(db_session, [await assertions.get_assertion(db_session, assertion_id)]))[0]

    @post(
        "/{assertion_id:int}/review",
        summary="Accept or reject a proposed assertion",
        status_code=200,
        guards=[reviewers_only],
        responses=WRITE_PROBLEMS,
    )
    async def review(
        self,
        assertion_id: IdPath,
        data: JSONBody[ReviewIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
    ) -> Assertion:
        row = await apply_review(db_session, assertion_id, data, actor)
        return (await assertion_views(db_session, [row]))[0]

    @post(
        "/{assertion_id:int}/retract",
        summary="Retract an assertion, with a reason; it stays on record",
        status_code=200,
        guards=[reviewers_only],
        responses=WRITE_PROBLEMS,
    )
    async def retract(
        self,
        assertion_id: IdPath,
        data: JSONBody[RetractIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
    ) -> Assertion:
        row = await assertions.retract_assertion(db_session, assertion_id, reason=data.reason, actor=actor.name)
        return (await assertion_views(db_session, [row]))[0]


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    # A known_at without a zone is read as UTC, the zone every timestamp here is stored in.
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)
