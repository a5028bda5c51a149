"""The vocabulary's use cases: create entities and metrics, read them, edit their aliases."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from db import models, vocabulary
from operations.names import resolve_metric, resolve_subject
from reasoning.types import MetricKind


class MetricRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A stored metric with the key of the stock it feeds (None unless it is a flow that feeds one)."""

    row: models.Metric
    feeds: str | None

    @property
    def id(self) -> int:
        return self.row.id


async def create_entity(
    session: AsyncSession,
    *,
    key: str,
    name: str,
    kind: str | None = None,
    description: str | None = None,
    aliases: Sequence[str] = (),
    actor: str | None,
) -> models.Entity:
    return await vocabulary.add_entity(
        session, key=key, name=name, kind=kind, description=description, aliases=aliases, actor=actor
    )


async def create_metric(
    session: AsyncSession,
    *,
    key: str,
    name: str,
    unit: str,
    kind: MetricKind,
    feeds: str | None = None,
    description: str | None = None,
    aliases: Sequence[str] = (),
    actor: str | None,
) -> MetricRecord:
    """A metric; `feeds` names (by id, key or alias) the stock this flow adds to."""
    feeds_key = (await resolve_metric(session, feeds)).key if feeds is not None else None
    row = await vocabulary.add_metric(
        session,
        key=key,
        name=name,
        unit=unit,
        kind=kind,
        feeds=feeds_key,
        description=description,
        aliases=aliases,
        actor=actor,
    )
    return MetricRecord(row=row, feeds=feeds_key)


async def find_entity_by_key(session: AsyncSession, key: str) -> models.Entity | None:
    return await vocabulary.find_term_by_key(session, models.Entity, key)


async def find_metric_by_key(session: AsyncSession, key: str) -> models.Metric | None:
    return await vocabulary.find_term_by_key(session, models.Metric, key)


async def get_entity(session: AsyncSession, *, ref: str) -> models.Entity:
    return await resolve_subject(session, ref)


async def get_metric(session: AsyncSession, *, ref: str) -> MetricRecord:
    return (await _with_feeds(session, [await resolve_metric(session, ref)]))[0]


async def list_entities(session: AsyncSession, *, after_id: int | None, limit: int) -> Sequence[models.Entity]:
    return await vocabulary.list_terms(session, models.Entity, after_id=after_id, limit=limit)


async def list_metrics(session: AsyncSession, *, after_id: int | None, limit: int) -> list[MetricRecord]:
    return await _with_feeds(
        session, await vocabulary.list_terms(session, models.Metric, after_id=after_id, limit=limit)
    )


async def _with_feeds(session: AsyncSession, metrics: Sequence[models.Metric]) -> list[MetricRecord]:
    fed = await vocabulary.metric_keys_by_id(session, [row.feeds_metric_id for row in metrics if row.feeds_metric_id])
    return [MetricRecord(row=row, feeds=fed.get(row.feeds_metric_id or 0)) for row in metrics]


async def add_entity_aliases(
    session: AsyncSession, *, ref: str, aliases: Sequence[str], actor: str | None
) -> models.Entity:
    row = await resolve_subject(session, ref)
    await vocabulary.add_aliases(session, row, aliases, actor=actor)
    return await vocabulary.get_term(session, models.Entity, str(row.id), refresh=True)


async def add_metric_aliases(
    session: AsyncSession, *, ref: str, aliases: Sequence[str], actor: str | None
) -> MetricRecord:
    row = await resolve_metric(session, ref)
    await vocabulary.add_aliases(session, row, aliases, actor=actor)
    return (await _with_feeds(session, [await vocabulary.get_term(session, models.Metric, str(row.id), refresh=True)]))[
        0
    ]


async def remove_entity_alias(session: AsyncSession, *, ref: str, alias: str, actor: str | None) -> models.Entity:
    row = await resolve_subject(session, ref)
    await vocabulary.remove_alias(session, row, alias, actor=actor)
    return await vocabulary.get_term(session, models.Entity, str(row.id), refresh=True)


async def remove_metric_alias(session: AsyncSession, *, ref: str, alias: str, actor: str | None) -> MetricRecord:
    row = await resolve_metric(session, ref)
    await vocabulary.remove_alias(session, row, alias, actor=actor)
    return (await _with_feeds(session, [await vocabulary.get_term(session, models.Metric, str(row.id), refresh=True)]))[
        0
    ]
