"""Conflicts: groups of assertions that cannot all hold, each with its kind and reason."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.params import IdQuery, RefQuery
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
            "Filters combine: a conflict is listed when it involves the subject, the metric and the source given."
        ),
        responses=NAMED_READ_PROBLEMS,
    )
    async def list_conflicts(
        self,
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        subject: RefQuery = None,
        metric: RefQuery = None,
        source_id: IdQuery = None,
        kind: Annotated[
            conflicts.ConflictKind | None, QueryParameter(description="only conflicts of this kind")
        ] = None,
    ) -> ConflictList:
        found = await conflicts.find_conflicts(
            db_session, settings, subject=subject, metric=metric, source_id=source_id, kind=kind
        )
        return conflict_list_view(found)
