"""The change feed: every write in order, so a newsroom tool can mirror the store."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from sqlalchemy.ext.asyncio import AsyncSession

from api.dependencies import Actor, provide_reader
from api.pagination import Pager
from api.params import CursorQuery, LimitQuery
from api.problems import KEYED_LIST_PROBLEMS
from api.schemas import ChangePage
from api.settings import Settings
from api.views import change_view
from operations import changes


class ChangeController(Controller):
    path = "/v1/changes"
    tags = ("changes",)

    @get(
        "/",
        summary="Every write since a cursor, oldest first",
        responses=KEYED_LIST_PROBLEMS,
        dependencies={"reader": Provide(provide_reader)},
        description=(
            "Start without `since`; each page's `next` is where to continue, now or later, even on the last page. "
            "Open to all; with a key (either role) a review's change also carries the reviewer's `note`."
        ),
    )
    async def list_changes(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        pager: NamedDependency[Pager],
        settings: NamedDependency[Settings],
        reader: NamedDependency[Actor | None],
        since: CursorQuery = None,
        limit: LimitQuery = None,
    ) -> ChangePage:
        scope = request.url.path
        after_id = pager.decode(since, scope=scope)
        size = pager.page_size(limit)
        rows = await changes.list_changes(
            db_session, settings, after_id=after_id, limit=size + 1, with_review_notes=reader is not None
        )
        page = rows[:size]
        last_id = page[-1].id if page else (after_id or 0)
        items = [change_view(record) for record in page]
        return ChangePage(items=items, next=pager.encode(after_id=last_id, scope=scope), has_more=len(rows) > size)
