"""Name resolution, the same on every endpoint: an id, a key or any alias, case-insensitively.

An unknown name is a NotFound that lists the closest known names; a name several terms go by is an
AmbiguousTerm listing them. Every operation that takes a subject or a metric resolves it here.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db import models, vocabulary


async def resolve_subject(session: AsyncSession, ref: str) -> models.Entity:
    return await vocabulary.resolve_term(session, models.Entity, ref)


async def resolve_metric(session: AsyncSession, ref: str) -> models.Metric:
    return await vocabulary.resolve_term(session, models.Metric, ref)


async def subject_id(session: AsyncSession, ref: str | None) -> int | None:
    """The id of the subject `ref` names, or None when no subject was given (an optional filter)."""
    return None if ref is None else (await resolve_subject(session, ref)).id


async def metric_id(session: AsyncSession, ref: str | None) -> int | None:
    return None if ref is None else (await resolve_metric(session, ref)).id
