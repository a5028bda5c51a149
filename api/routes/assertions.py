"""Assertions: record (one or a batch, all or nothing), read, filter, review, retract. Nothing is deleted."""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, editors_only, reviewers_only
from api.pagination import Pager
from api.params import CursorQuery, IdPath, IdQuery, KnownAtQuery, LimitQuery, RefQuery
from api.problems import NAMED_READ_PROBLEMS, READ_PROBLEMS, WRITE_PROBLEMS
from api.schemas import Assertion, AssertionBatch, AssertionBatchIn, AssertionIn, AssertionPage, RetractIn, ReviewIn
from api.settings import Settings
from api.views import assertion_view
from operations import assertions
from reasoning.types import Modality, ReviewStatus


class AssertionController(Controller):
    path = "/v1/assertions"
    tags = ("assertions",)

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
        recorded = await assertions.record_assertion(db_session, settings, draft=data.draft(), actor=actor.name)
        return assertion_view(recorded)

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
        drafts = [item.draft() for item in data.assertions]
        recorded = await assertions.record_assertions(db_session, settings, drafts=drafts, actor=actor.name)
        return AssertionBatch(items=[assertion_view(item) for item in recorded])

    @get(
        "/",
        summary="List assertions",
        description="Filters combine; `known_at` shows the store as it was known at that moment.",
        responses=NAMED_READ_PROBLEMS,
    )
    async def list_assertions(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        settings: NamedDependency[Settings],
        subject: RefQuery = None,
        metric: RefQuery = None,
        source_id: IdQuery = None,
        modality: FromQuery[Modality | None] = None,
        status: FromQuery[ReviewStatus | None] = None,
        time_from: FromQuery[dt.date | None] = None,
        time_to: FromQuery[dt.date | None] = None,
        known_at: KnownAtQuery = None,
        include_retracted: FromQuery[bool] = False,
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[AssertionPage]:
        query = assertions.AssertionQuery(
            subject=subject,
            metric=metric,
            source_id=source_id,
            modality=modality,
            status=status,
            time_from=time_from,
            time_to=time_to,
            known_at=known_at,
            include_retracted=include_retracted,
        )
        filters = {field: getattr(query, field) for field in query.__struct_fields__}
        page = pager.open(
            path=request.url.path,
            cursor=cursor,
            limit=limit,
            filters=filters | {"include_retracted": include_retracted or None},
        )
        found = await assertions.list_assertions(
            db_session, settings, query=query, after_id=page.after_id, limit=page.fetch
        )
        items, next_cursor, headers = pager.close(page, found)
        return Response(
            AssertionPage(items=[assertion_view(item) for item in items], next=next_cursor), headers=headers
        )

    @get("/{assertion_id:int}", summary="One assertion", responses=READ_PROBLEMS)
    async def get_assertion(
        self, assertion_id: IdPath, db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings]
    ) -> Assertion:
        return assertion_view(await assertions.get_assertion(db_session, settings, assertion_id=assertion_id))

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
        settings: NamedDependency[Settings],
    ) -> Assertion:
        decision = data.decision_for(assertion_id)
        reviewed = await assertions.review(db_session, settings, decision=decision, actor=actor.name)
        return assertion_view(reviewed)

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
        settings: NamedDependency[Settings],
    ) -> Assertion:
        retracted = await assertions.retract(
            db_session, settings, assertion_id=assertion_id, reason=data.reason, actor=actor.name
        )
        return assertion_view(retracted)
