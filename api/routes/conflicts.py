"""Conflicts: groups of assertions that cannot all hold, each with its kind and reason."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.pagination import Pager, link_header
from api.params import CursorQuery, IdQuery, LimitQuery, RefQuery
from api.problems import NAMED_READ_PROBLEMS
from api.reports import ConflictList, conflict_list_view
from api.settings import Settings
from operations import conflicts


class ConflictController(Controller):
    path = "/v1/conflicts"
    tags = ("conflicts",)

    @get(
        "/",
        summary="Assertions that cannot all hold, with the reason",
        description=(
            "Filters combine: a conflict is listed when it involves the subject, the metric and the source given. "
            "Paged: a page reads at most FACTDESK_MAX_CONFLICT_EVIDENCE assertions (whole groups of one subject "
            "and one metric family), so it may hold fewer than `limit` items while `next` is set."
        ),
        responses=NAMED_READ_PROBLEMS,
    )
    async def list_conflicts(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        pager: NamedDependency[Pager],
        subject: RefQuery = None,
        metric: RefQuery = None,
        source_id: IdQuery = None,
        kind: Annotated[
            conflicts.ConflictKind | None, QueryParameter(description="only conflicts of this kind")
        ] = None,
        cursor: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> Response[ConflictList]:
        filters = {"subject": subject, "metric": metric, "source_id": source_id, "kind": kind}
        page = pager.open(path=request.url.path, cursor=cursor, limit=limit, filters=filters)
        found = await conflicts.find_conflicts(
            db_session,
            settings,
            subject=subject,
            metric=metric,
            source_id=source_id,
            kind=kind,
            after=page.after_id,
            limit=page.size,
        )
        next_cursor = None if found.next_after is None else pager.encode(after_id=found.next_after, scope=page.scope)
        return Response(
            conflict_list_view(found.items, next_cursor), headers=link_header(page.path, page.query, next_cursor)
        )
