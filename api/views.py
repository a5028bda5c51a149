"""Stored records to wire structs: how sources, vocabulary and assertions look on the wire."""

from __future__ import annotations

import msgspec

from api import schemas
from api.reports import date_evidence_view
from api.wire import plain_number
from db import models
from operations.assertions import Named, Queued
from operations.sources import ExtractionSummary, Ingested, SourceDetail, WireLink
from operations.vocabulary import MetricRecord


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


def ingested_view(ingested: Ingested) -> schemas.Source:
    """A new source with what ingest found (date phrases, wire links, proposals); a known one as stored."""
    view = source_view(ingested.source, text_length=len(ingested.source.text))
    if not ingested.created:
        return view
    return msgspec.structs.replace(
        view,
        date_evidence=[date_evidence_view(found) for found in ingested.date_evidence],
        links=[wire_link_view(link) for link in ingested.links],
        extraction=None if ingested.extraction is None else extraction_view(ingested.extraction),
    )


def source_detail_view(detail: SourceDetail) -> schemas.Source:
    view = source_view(detail.source, text_length=len(detail.source.text), with_text=True)
    return msgspec.structs.replace(
        view,
        date_evidence=[date_evidence_view(found) for found in detail.date_evidence],
        links=[wire_link_view(link) for link in detail.links],
    )


def wire_link_view(link: WireLink) -> schemas.WireLink:
    return schemas.WireLink(source_id=link.source_id, score=link.score, reasons=list(link.reasons))


def extraction_view(summary: ExtractionSummary) -> schemas.ExtractionSummary:
    return schemas.ExtractionSummary(
        language=summary.language,
        proposed=summary.proposed,
        unresolved=summary.unresolved,
        assertion_ids=list(summary.assertion_ids),
        skipped=list(summary.skipped),
        notes=list(summary.notes),
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


def metric_view(record: MetricRecord) -> schemas.Metric:
    row = record.row
    return schemas.Metric(
        id=row.id,
        key=row.key,
        name=row.name,
        unit=row.unit,
        kind=row.kind,
        feeds=record.feeds,
        description=row.description,
        aliases=[alias.alias for alias in row.aliases],
        recorded_at=row.recorded_at,
    )


def assertion_view(named: Named) -> schemas.Assertion:
    row = named.row
    return schemas.Assertion(
        id=row.id,
        source_id=row.source_id,
        subject=named.subject,
        metric=named.metric,
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


def queued_view(queued: Queued) -> schemas.ReviewItem:
    return schemas.ReviewItem(
        assertion=assertion_view(queued.assertion),
        sentence=schemas.Quote(text=queued.sentence, start=queued.sentence_start, end=queued.sentence_end),
    )
