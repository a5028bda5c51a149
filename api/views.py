"""Rows to wire structs: how stored records look on the wire."""

from __future__ import annotations

from api import schemas
from db import models


def plain_number(value: float | None) -> float | None:
    """217.0 -> 217: whole figures read as whole numbers on the wire; fractions stay as they are."""
    if value is not None and value.is_integer():
        return int(value)
    return value


def source_view(row: models.Source, *, text_length: int, with_text: bool = False) -> schemas.Source:
    return schemas.Source(
        id=row.id,
        title=row.title,
        publisher=row.publisher,
        url=row.url,
        language=row.language,
        content_hash=row.content_hash,
        date=schemas.SourceDate(
            stated=row.stated_date, used=row.date_used, basis=row.date_basis, reason=row.date_reason
        ),
        flags=list(row.flags),
        origin=row.origin,
        text_length=text_length,
        recorded_at=row.recorded_at,
        text=row.text if with_text else None,
    )


def entity_view(row: models.Entity) -> schemas.Entity:
    return schemas.Entity(
        id=row.id,
        key=row.key,
        name=row.name,
        kind=row.kind,
        description=row.description,
        aliases=[alias.alias for alias in row.aliases],
        recorded_at=row.recorded_at,
    )


def metric_view(row: models.Metric, *, feeds: str | None) -> schemas.Metric:
    return schemas.Metric(
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


def assertion_view(row: models.Assertion, *, subject: str | None, metric: str | None) -> schemas.Assertion:
    return schemas.Assertion(
        id=row.id,
        source_id=row.source_id,
        subject=subject,
        metric=metric,
        value_text=row.value_text,
        value=schemas.Value(
            low=plain_number(row.low), best=plain_number(row.best), high=plain_number(row.high), rule=row.value_rule
        ),
        modality=row.modality,
        time=schemas.Time(
            start=row.time_start, end=row.time_end, precision=row.time_precision, text=row.time_text, rule=row.time_rule
        ),
        claimant=row.claimant,
        quote=schemas.Quote(text=row.quote, start=row.quote_start, end=row.quote_end),
        status=row.status,
        origin_rule=row.origin_rule,
        note=row.note,
        recorded_at=row.recorded_at,
        recorded_by=row.recorded_by,
        reviewed_at=row.reviewed_at,
        reviewed_by=row.reviewed_by,
        retracted_at=row.retracted_at,
        retraction_reason=row.retraction_reason,
        context=row.context,
    )
