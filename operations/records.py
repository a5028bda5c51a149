"""Stored records as the layers above see them: plain frozen structs, never ORM rows, so nothing above
operations can lazy-load, flush or otherwise reach the store through what it was handed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import msgspec

from db import models
from operations.actors import shown
from reasoning.types import DateBasis, MetricKind, Modality, Precision, ReviewStatus, Role


class SourceRecord(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    title: str | None
    publisher: str | None
    url: str | None
    language: str
    content_hash: str
    stated_date: dt.date | None
    date_used: dt.date | None
    date_basis: DateBasis
    date_reason: str | None
    flags: list[str]
    origin: str | None
    recorded_at: dt.datetime
    text_length: int
    text: str | None = None  # only when one source is read, never in listings


class EntityRecord(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    key: str
    name: str
    kind: str | None
    description: str | None
    aliases: list[str]
    recorded_at: dt.datetime


class MetricRecord(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    key: str
    name: str
    unit: str
    kind: MetricKind
    feeds: str | None  # the key of the stock this flow feeds
    description: str | None
    aliases: list[str]
    recorded_at: dt.datetime


class AssertionRecord(msgspec.Struct, frozen=True, kw_only=True):
    """A stored assertion with the keys of its subject and metric (None while a proposal is unresolved)."""

    id: int
    source_id: int
    subject: str | None
    metric: str | None
    value_text: str
    low: float | None
    best: float
    high: float | None
    value_rule: str
    modality: Modality
    time_start: dt.date | None
    time_end: dt.date | None
    time_precision: Precision
    time_text: str | None
    time_rule: str
    claimant: str | None
    quote: str
    quote_start: int
    quote_end: int
    status: ReviewStatus
    origin_rule: str | None
    note: str | None
    context: str | None
    recorded_at: dt.datetime
    recorded_by: str | None  # as shown (operations.actors), like every actor in a record
    reviewed_at: dt.datetime | None
    reviewed_by: str | None
    retracted_at: dt.datetime | None
    retraction_reason: str | None


class ChangeRecord(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    occurred_at: dt.datetime
    action: str
    object_type: str
    object_id: int
    actor: str | None
    data: dict[str, Any]


def source_record(row: models.Source, *, text_length: int, with_text: bool = False) -> SourceRecord:
    return SourceRecord(
        id=row.id,
        title=row.title,
        publisher=row.publisher,
        url=row.url,
        language=row.language,
        content_hash=row.content_hash,
        stated_date=row.stated_date,
        date_used=row.date_used,
        date_basis=row.date_basis,
        date_reason=row.date_reason,
        flags=list(row.flags),
        origin=row.origin,
        recorded_at=row.recorded_at,
        text_length=text_length,
        text=row.text if with_text else None,
    )


def entity_record(row: models.Entity) -> EntityRecord:
    return EntityRecord(
        id=row.id,
        key=row.key,
        name=row.name,
        kind=row.kind,
        description=row.description,
        aliases=[alias.alias for alias in row.aliases],
        recorded_at=row.recorded_at,
    )


def metric_record(row: models.Metric, *, feeds: str | None) -> MetricRecord:
    return MetricRecord(
        id=row.id,
        key=row.key,
        name=row.name,
        unit=row.unit,
        kind=row.kind,
        feeds=feeds,
        description=row.description,
        aliases=[alias.alias for alias in row.aliases],
        recorded_at=row.recorded_at,
    )


def assertion_record(
    row: models.Assertion, *, subject: str | None, metric: str | None, actors: Mapping[str, str]
) -> AssertionRecord:
    return AssertionRecord(
        id=row.id,
        source_id=row.source_id,
        subject=subject,
        metric=metric,
        value_text=row.value_text,
        low=row.low,
        best=row.best,
        high=row.high,
        value_rule=row.value_rule,
        modality=row.modality,
        time_start=row.time_start,
        time_end=row.time_end,
        time_precision=row.time_precision,
        time_text=row.time_text,
        time_rule=row.time_rule,
        claimant=row.claimant,
        quote=row.quote,
        quote_start=row.quote_start,
        quote_end=row.quote_end,
        status=row.status,
        origin_rule=row.origin_rule,
        note=row.note,
        context=row.context,
        recorded_at=row.recorded_at,
        recorded_by=shown(actors, row.recorded_by),
        reviewed_at=row.reviewed_at,
        reviewed_by=shown(actors, row.reviewed_by),
        retracted_at=row.retracted_at,
        retraction_reason=row.retraction_reason,
    )


def change_record(row: models.Change, *, actors: Mapping[str, str], data: dict[str, Any]) -> ChangeRecord:
    return ChangeRecord(
        id=row.id,
        occurred_at=row.occurred_at,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        actor=shown(actors, row.actor),
        data=data,
    )


class KeyRecord(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    name: str
    role: Role
    created_at: dt.datetime
    revoked_at: dt.datetime | None


def key_record(row: models.ApiKey) -> KeyRecord:
    return KeyRecord(id=row.id, name=row.name, role=row.role, created_at=row.created_at, revoked_at=row.revoked_at)
