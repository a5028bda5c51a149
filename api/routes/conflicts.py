"""Conflicts: groups of assertions that cannot all hold, each with its kind and reason."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from litestar import Controller, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.params import IdQuery, RefQuery
from api.problems import READ_PROBLEMS
from api.settings import Settings
from db import evidence, models, sources, vocabulary
from reasoning.conflicts import Conflict, find_conflicts

Kind = Literal["disjoint_values", "total_vs_parts", "date_contradiction", "denial"]


class ConflictList(msgspec.Struct, kw_only=True):
    items: list[Conflict]


class ConflictController(Controller):
    path = "/v1/conflicts"
    tags = ["conflicts"]

    @get("/", summary="Assertions that cannot all hold, with the reason", responses=READ_PROBLEMS)
    async def list_conflicts(
        self,
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        subject: RefQuery = None,
        metric: RefQuery = None,
        source_id: IdQuery = None,
        kind: Annotated[Kind | None, QueryParameter(description="only conflicts of this kind")] = None,
    ) -> ConflictList:
        subject_ids = [(await vocabulary.resolve_term(db_session, models.Entity, subject)).id] if subject else None
        metric_ids = None
        if metric:
            metric_row = await vocabulary.resolve_term(db_session, models.Metric, metric)
            metric_ids = list((await evidence.metric_family(db_session, metric_row.id))[2].values())
        found = await evidence.evidence_where(db_session, subject_ids=subject_ids, metric_ids=metric_ids)
        source_infos = await sources.date_infos(db_session, source_id=source_id)
        conflicts = find_conflicts(
            evidence=found,
            metrics=await evidence.all_metric_infos(db_session),
            sources=source_infos,
            settings=settings.conflicts,
        )
        return ConflictList(items=[c for c in conflicts if _matches(c, kind=kind, source_id=source_id)])


def _matches(conflict: Conflict, *, kind: str | None, source_id: int | None) -> bool:
    if kind is not None and conflict.kind != kind:
        return False
    if source_id is None:
        return True
    return conflict.source_id == source_id or any(c.source_id == source_id for c in conflict.citations)
