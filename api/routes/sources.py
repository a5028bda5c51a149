"""Sources: ingest a text (idempotent by content), read one, list them, correct the date they are read against."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get, patch, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, editors_only
from api.pagination import Pager
from api.params import CursorQuery, IdPath, LimitQuery
from api.problems import LIST_PROBLEMS, READ_PROBLEMS, WRITE_PROBLEMS
from api.schemas import Source, SourceDateIn, SourceIn, SourcePage, SourceUpdate
from api.settings import Settings
from api.views import ingested_view, source_detail_view, source_view
from operations import sources


class SourceController(Controller):
    path = "/v1/sources"
    tags = ("sources",)

    @post(
        "/",
        summary="Ingest a source text",
        description="201 with a new source; 200 with the stored one when the same text was ingested before.",
        guards=[editors_only],
        responses={
            200: ResponseSpec(data_container=Source, description="The same text was stored before: the stored source"),
            **WRITE_PROBLEMS,
        },
    )
    async def ingest(
        self,
        data: JSONBody[SourceIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        settings: NamedDependency[Settings],
    ) -> Response[Source]:
        ingested = await sources.ingest_source(db_session, settings, draft=data.draft(), actor=actor.name)
        return Response(ingested_view(ingested), status_code=201 if ingested.created else 200)

    @patch(
        "/{source_id:int}",
        summary="Correct the date a source's relative dates are read against",
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
        description=(
            'Assertions whose time was read from a phrase ("on Saturday") or from the source\'s date follow '
            "the new date; times given explicitly stay. Every moved time is logged in the change feed."
        ),
    )
    async def correct_date(
        self,
        source_id: IdPath,
        data: JSONBody[SourceDateIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
    ) -> SourceUpdate:
        corrected = await sources.correct_source_date(
            db_session, source_id=source_id, date_used=data.date_used, date_reason=data.date_reason, actor=actor.name
        )
        return SourceUpdate(source=source_view(corrected.source), assertions_retimed=corrected.assertions_retimed)

    @get("/", summary="List sources (without their texts)", responses=LIST_PROBLEMS)
    async def list_sources(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[SourcePage]:
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters={})
        found = await sources.list_sources(db_session, after_id=page.after_id, limit=page.fetch)
        records, next_cursor, headers = pager.close(page, found)
        items = [source_view(record) for record in records]
        return Response(SourcePage(items=items, next=next_cursor), headers=headers)

    @get("/{source_id:int}", summary="One source, with its full text", responses=READ_PROBLEMS)
    async def get_source(
        self, source_id: IdPath, db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings]
    ) -> Source:
        return source_detail_view(await sources.get_source(db_session, settings, source_id=source_id))
