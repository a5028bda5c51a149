"""Sources: ingest a text (idempotent by content), read one, list them."""

from __future__ import annotations

import datetime as dt

import msgspec
from litestar import Controller, Request, Response, get, patch, post
from litestar.di import NamedDependency
from litestar.params import JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, editors_only
from api.ingest import link_wire_stories, propose_assertions
from api.pagination import Pager
from api.params import CursorQuery, IdPath, LimitQuery
from api.problems import READ_PROBLEMS, WRITE_PROBLEMS
from api.schemas import Source, SourceDateIn, SourceIn, SourcePage, SourceUpdate, WireLink
from api.settings import Settings
from api.views import source_view
from db import assertions, sources
from reasoning.assertions import follow_source_date
from reasoning.conflicts import stated_date_evidence
from reasoning.evidence import DateEvidence, SourceDateInfo
from reasoning.texts import check_source_text, content_hash, settle_source_date
from reasoning.types import DateBasis


def date_check(text: str, stated: dt.date | None, settings: Settings) -> list[DateEvidence]:
    """The phrases of the text that put its writing after its stated date (the source id is not needed)."""
    info = SourceDateInfo(
        source_id=0, title=None, stated_date=stated, date_used=stated, date_basis=DateBasis.stated, text=text
    )
    return stated_date_evidence(info, settings.conflicts)


class SourceController(Controller):
    path = "/v1/sources"
    tags = ["sources"]

    @post(
        "/",
        summary="Ingest a source text",
        description="201 with a new source; 200 with the stored one when the same text was ingested before.",
        guards=[editors_only],
        responses=WRITE_PROBLEMS,
    )
    async def ingest(
        self,
        data: JSONBody[SourceIn],
        db_session: NamedDependency[AsyncSession],
        actor: NamedDependency[Actor],
        settings: NamedDependency[Settings],
    ) -> Response[Source]:
        check_source_text(data.text, max_chars=settings.max_source_chars)
        digest = content_hash(data.text)
        existing = await sources.find_source_by_hash(db_session, digest)
        if existing is not None:
            return Response(source_view(existing, text_length=len(existing.text)), status_code=200)
        date_used, basis, reason = settle_source_date(data.stated_date, data.date_used, data.date_reason)
        contradicting = date_check(data.text, data.stated_date, settings)
        row = await sources.add_source(
            db_session,
            text=data.text,
            content_hash=digest,
            title=data.title,
            publisher=data.publisher,
            url=data.url,
            language=data.language,
            stated_date=data.stated_date,
            date_used=date_used,
            date_basis=basis,
            date_reason=reason,
            flags=[settings.conflicts.contradicted_flag] if contradicting else [],
            actor=actor.name,
        )
        links = await link_wire_stories(db_session, row, actor=actor.name)
        extraction = (
            await propose_assertions(db_session, row, actor=actor.name, settings=settings.extraction)
            if data.extract
            else None
        )
        view = source_view(row, text_length=len(data.text))
        return Response(
            msgspec.structs.replace(view, date_evidence=contradicting, links=links, extraction=extraction),
            status_code=201,
        )

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
        row = await sources.get_source(db_session, source_id)
        date_used, basis, reason = settle_source_date(row.stated_date, data.date_used, data.date_reason)
        await sources.set_date_used(db_session, row, date_used=date_used, basis=basis, reason=reason, actor=actor.name)
        retimed = []
        for assertion in await assertions.assertions_of_source(db_session, source_id):
            time = follow_source_date(assertion.time_text, assertion.time_rule, date_used)
            if time is not None and (time.start, time.end) != (assertion.time_start, assertion.time_end):
                await assertions.set_time(
                    db_session, assertion, time, actor=actor.name, reason=f"source {source_id} date corrected"
                )
                retimed.append(assertion.id)
        return SourceUpdate(
            source=source_view(row, text_length=len(row.text), with_text=True), assertions_retimed=retimed
        )

    @get("/", summary="List sources (without their texts)", responses=READ_PROBLEMS)
    async def list_sources(
        self,
        request: Request,
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[SourcePage]:
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters={})
        rows, next_cursor, headers = pager.close(
            page, await sources.list_sources(db_session, after_id=page.after_id, limit=page.fetch)
        )
        lengths = await sources.text_lengths(db_session, [row.id for row in rows])
        items = [source_view(row, text_length=lengths[row.id]) for row in rows]
        return Response(SourcePage(items=items, next=next_cursor), headers=headers)

    @get("/{source_id:int}", summary="One source, with its full text", responses=READ_PROBLEMS)
    async def get_source(
        self, source_id: IdPath, db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings]
    ) -> Source:
        row = await sources.get_source(db_session, source_id)
        view = source_view(row, text_length=len(row.text), with_text=True)
        links = [
            WireLink(
                source_id=link.linked_source_id if link.source_id == source_id else link.source_id,
                score=link.score,
                reasons=link.reasons,
            )
            for link in await sources.links_of(db_session, source_id)
        ]
        return msgspec.structs.replace(view, date_evidence=date_check(row.text, row.stated_date, settings), links=links)
