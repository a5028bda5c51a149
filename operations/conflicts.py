"""Conflicts: the groups of assertions that cannot all hold, filtered the way every listing is filtered."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db import evidence, sources
from operations.names import resolve_metric, resolve_subject
from operations.settings import Settings
from reasoning.conflicts import Conflict, ConflictKind
from reasoning.conflicts import find_conflicts as find_conflicts_in

__all__ = ["ConflictKind", "find_conflicts"]


async def find_conflicts(
    session: AsyncSession,
    settings: Settings,
    *,
    subject: str | None = None,
    metric: str | None = None,
    source_id: int | None = None,
    kind: ConflictKind | None = None,
) -> list[Conflict]:
    """Conflicts that involve the subject, the metric and the source given (each optional, all combined).

    `metric` means one metric, as on every endpoint: a conflict is listed when one of its citations is
    of that metric. The metric's family (the flows that feed a stock) is still read, so a total that
    disagrees with the sum of its parts is found when either side is asked for.
    """
    subject_row = await resolve_subject(session, subject) if subject is not None else None
    metric_row = await resolve_metric(session, metric) if metric is not None else None
    metric_ids = None
    if metric_row is not None:
        stock = metric_row.feeds_metric_id or metric_row.id
        metric_ids = list((await evidence.metric_family(session, stock))[2].values())
    found = await evidence.evidence_where(
        session, subject_ids=None if subject_row is None else [subject_row.id], metric_ids=metric_ids
    )
    conflicts = find_conflicts_in(
        evidence=found,
        metrics=await evidence.all_metric_infos(session),
        sources=await sources.date_infos(session, source_id=source_id),
        settings=settings.conflicts,
    )
    return [
        conflict
        for conflict in conflicts
        if (kind is None or conflict.kind == kind)
        # A date contradiction is about a source, not a subject: its citations, read for this subject only,
        # say whether it involves the subject.
        and (
            subject_row is None
            or conflict.subject == subject_row.key
            or (conflict.subject is None and conflict.citations)
        )
        and (metric_row is None or any(c.metric == metric_row.key for c in conflict.citations))
        and (
            source_id is None
            or conflict.source_id == source_id
            or any(c.source_id == source_id for c in conflict.citations)
        )
    ]
