"""The review queue: what the extractor and editors proposed, oldest first, and decisions on many at once."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, reviewers_only
from api.pagination import Pager
from api.params import CursorQuery, LimitQuery
from api.problems import READ_PROBLEMS, WRITE_PROBLEMS
from api.routes.assertions import apply_review, assertion_views
from api.schemas import AssertionBatch, DecisionsIn, Quote, ReviewItem, ReviewPage
from db import assertions, sources
from reasoning.texts import sentence_around


class ReviewController(Controller):
    path = "/v1/review"
    tags = ["review"]

    @get("/", summary="Assertions waiting for review, oldest first, each with its sentence", responses=READ_PROBLEMS)
    async def queue(
        self,
        request: Request,
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[ReviewPage]:
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters={})
        rows, next_cursor, headers = pager.close(
            page, await assertions.list_review_queue(db_session, after_id=page.after_id, limit=page.fetch)
        )
        texts = await sources.texts_by_id(db_session, [row.source_id for row in rows])
        items = []
        for row, view in zip(rows, await assertion_views(db_session, rows), strict=True):
            sentence, start, end = sentence_around(texts[row.source_id], row.quote_start, row.quote_end)
            items.append(ReviewItem(assertion=view, sentence=Quote(text=sentence, start=start, end=end)))
        return Response(ReviewPage(items=items, next=next_cursor), headers=headers)

    @post(
        "/",
        summary="Accept or reject many assertions in one transaction: all decisions apply, or none",
        status_code=200,
        guards=[reviewers_only],
        responses=WRITE_PROBLEMS,
    )
    async def decide(
        self, data: JSONBody[DecisionsIn], db_session: NamedDependency[AsyncSession], actor: NamedDependency[Actor]
    ) -> AssertionBatch:
        rows = [await apply_review(db_session, item.assertion_id, item, actor) for item in data.decisions]
        return AssertionBatch(items=await assertion_views(db_session, rows))
