"""The review queue: what the extractor and editors proposed, oldest first, and decisions on many at once."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, desk_only, reviewers_only
from api.pagination import Pager
from api.params import CursorQuery, LimitQuery
from api.problems import KEYED_LIST_PROBLEMS, WRITE_PROBLEMS
from api.schemas import AssertionBatch, DecisionsIn, ReviewPage
from api.settings import Settings
from api.views import assertion_view, queued_view
from operations import assertions


class ReviewController(Controller):
    path = "/v1/review"
    tags = ("review",)

    @get(
        "/",
        summary="Assertions waiting for review, oldest first, each with its sentence",
        description="For the desk: a key of either role (editor or reviewer) is needed.",
        guards=[desk_only],
        responses=KEYED_LIST_PROBLEMS,
    )
    async def queue(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        settings: NamedDependency[Settings],
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[ReviewPage]:
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters={})
        queued = await assertions.review_queue(db_session, settings, after_id=page.after_id, limit=page.fetch)
        items, next_cursor, headers = pager.close(page, queued)
        return Response(ReviewPage(items=[queued_view(item) for item in items], next=next_cursor), headers=headers)

    @post(
        "/",
        summary="Accept or reject many assertions in one transaction: all decisions apply, or none",
        status_code=200,
        guards=[reviewers_only],
        responses=WRITE_PROBLEMS,
    )
    async def decide(
        self,
        data: JSONBody[DecisionsIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        settings: NamedDependency[Settings],
    ) -> AssertionBatch:
        decisions = [item.decision_for(item.assertion_id) for item in data.decisions]
        reviewed = await assertions.review_many(db_session, settings, decisions=decisions, actor=actor.name)
        return AssertionBatch(items=[assertion_view(item) for item in reviewed])
