"""The change feed: every write in order, so a newsroom tool can mirror the store."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from api.pagination import Pager
from api.params import CursorQuery, LimitQuery
from api.problems import LIST_PROBLEMS
from api.schemas import ChangePage
from api.views import change_view
from operations import changes


class ChangeController(Controller):
    path = "/v1/changes"
    tags = ("changes",)

    @get(
        "/",
        summary="Every write since a cursor, oldest first",
        responses=LIST_PROBLEMS,
        description=(
            "Start without `since`; each page's `next` is where to continue, now or later, even on the last page."
        ),
    )
    async def list_changes(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        since: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> ChangePage:
        scope = request.url.path
        after_id = pager.decode(since, scope=scope)
        size = pager.page_size(limit)
        rows = await changes.list_changes(db_session, after_id=after_id, limit=size + 1)
        page = rows[:size]
        last_id = page[-1].id if page else (after_id or 0)
        items = [change_view(record) for record in page]
        return ChangePage(items=items, next=pager.encode(after_id=last_id, scope=scope), has_more=len(rows) > size)
