"""The vocabulary's use cases: create entities and metrics, read them, edit their aliases."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from db import models, vocabulary
from operations.names import resolve_metric, resolve_subject
from operations.records import EntityRecord, MetricRecord, entity_record, metric_record
from reasoning.errors import InvalidInput
from reasoning.types import MetricKind


async def create_entity(
    session: AsyncSession,
    *,
    key: str,
    name: str,
    kind: str | None = None,
    description: str | None = None,
    aliases: Sequence[str] = (),
    actor: str | None,
) -> EntityRecord:
    row = await vocabulary.add_entity(
        session, key=key, name=name, kind=kind, description=description, aliases=aliases, actor=actor
    )
    return entity_record(row)


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
    fed = await resolve_metric(session, feeds) if feeds is not None else None
    if fed is not None and (kind is not MetricKind.flow or fed.kind is not MetricKind.stock):
        raise InvalidInput(
            f"metric {key!r} ({kind.value}) cannot feed {fed.key!r} ({fed.kind.value})",
            hint="Only a flow feeds a stock (buses added feed buses in service); leave `feeds` out otherwise.",
        )
    row = await vocabulary.add_metric(
        session,
        key=key,
        name=name,
        unit=unit,
        kind=kind,
        feeds_metric_id=None if fed is None else fed.id,
        description=description,
        aliases=aliases,
        actor=actor,
    )
    return metric_record(row, feeds=None if fed is None else fed.key)


async def find_entity_by_key(session: AsyncSession, key: str) -> EntityRecord | None:
    row = await vocabulary.find_term_by_key(session, models.Entity, key)
    return None if row is None else entity_record(row)


async def find_metric_by_key(session: AsyncSession, key: str) -> MetricRecord | None:
    row = await vocabulary.find_term_by_key(session, models.Metric, key)
    return None if row is None else (await _with_feeds(session, [row]))[0]


async def get_entity(session: AsyncSession, *, ref: str) -> EntityRecord:
    return entity_record(await resolve_subject(session, ref))


async def get_metric(session: AsyncSession, *, ref: str) -> MetricRecord:
    return (await _with_feeds(session, [await resolve_metric(session, ref)]))[0]


async def list_entities(session: AsyncSession, *, after_id: int | None, limit: int) -> list[EntityRecord]:
    rows = await vocabulary.list_terms(session, models.Entity, after_id=after_id, limit=limit)
    return [entity_record(row) for row in rows]


async def list_metrics(session: AsyncSession, *, after_id: int | None, limit: int) -> list[MetricRecord]:
    rows = await vocabulary.list_terms(session, models.Metric, after_id=after_id, limit=limit)
    return await _with_feeds(session, rows)


async def add_entity_aliases(
    session: AsyncSession, *, ref: str, aliases: Sequence[str], actor: str | None
) -> EntityRecord:
    row = await resolve_subject(session, ref)
    await vocabulary.add_aliases(session, row, aliases, actor=actor)
    return entity_record(await vocabulary.get_term(session, models.Entity, row.id, refresh=True))


async def add_metric_aliases(
    session: AsyncSession, *, ref: str, aliases: Sequence[str], actor: str | None
) -> MetricRecord:
    row = await resolve_metric(session, ref)
    await vocabulary.add_aliases(session, row, aliases, actor=actor)
    return (await _with_feeds(session, [await vocabulary.get_term(session, models.Metric, row.id, refresh=True)]))[0]


async def remove_entity_alias(session: AsyncSession, *, ref: str, alias: str, actor: str | None) -> EntityRecord:
    row = await resolve_subject(session, ref)
    await vocabulary.remove_alias(session, row, alias, actor=actor)
    return entity_record(await vocabulary.get_term(session, models.Entity, row.id, refresh=True))


async def remove_metric_alias(session: AsyncSession, *, ref: str, alias: str, actor: str | None) -> MetricRecord:
    row = await resolve_metric(session, ref)
    await vocabulary.remove_alias(session, row, alias, actor=actor)
    return (await _with_feeds(session, [await vocabulary.get_term(session, models.Metric, row.id, refresh=True)]))[0]


async def _with_feeds(session: AsyncSession, rows: Sequence[models.Metric]) -> list[MetricRecord]:
    fed = await vocabulary.metric_keys_by_id(session, [row.feeds_metric_id for row in rows if row.feeds_metric_id])
    return [metric_record(row, feeds=fed.get(row.feeds_metric_id or 0)) for row in rows]
