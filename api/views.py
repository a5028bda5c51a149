"""Stored records to wire structs: how sources, vocabulary and assertions look on the wire."""

from __future__ import annotations

import msgspec

from api import schemas
from api.reports import date_evidence_view
from api.wire import plain_number
from operations.assertions import Queued
from operations.records import AssertionRecord, ChangeRecord, EntityRecord, MetricRecord, SourceRecord
from operations.sources import ExtractionSummary, Ingested, SourceDetail, WireLink


def source_view(record: SourceRecord) -> schemas.Source:
    return schemas.Source(
        id=record.id,
        title=record.title,
        publisher=record.publisher,
        url=record.url,
        language=record.language,
        content_hash=record.content_hash,
        date=schemas.SourceDate(
            stated=record.stated_date, used=record.date_used, basis=record.date_basis, reason=record.date_reason
        ),
        flags=list(record.flags),
        origin=record.origin,
        text_length=record.text_length,
        recorded_at=record.recorded_at,
        text=record.text,
    )


def ingested_view(ingested: Ingested) -> schemas.Source:
    """A new source with what ingest found (date phrases, wire links, proposals); a known one as stored."""
    view = source_view(ingested.source)
    if not ingested.created:
        return view
    return msgspec.structs.replace(
        view,
        date_evidence=[date_evidence_view(found) for found in ingested.date_evidence],
        links=[wire_link_view(link) for link in ingested.links],
        extraction=None if ingested.extraction is None else extraction_view(ingested.extraction),
    )


def source_detail_view(detail: SourceDetail) -> schemas.Source:
    view = source_view(detail.source)
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


def entity_view(record: EntityRecord) -> schemas.Entity:
    return schemas.Entity(
        id=record.id,
        key=record.key,
        name=record.name,
        kind=record.kind,
        description=record.description,
        aliases=list(record.aliases),
        recorded_at=record.recorded_at,
    )


def metric_view(record: MetricRecord) -> schemas.Metric:
    return schemas.Metric(
        id=record.id,
        key=record.key,
        name=record.name,
        unit=record.unit,
        kind=record.kind,
        feeds=record.feeds,
        description=record.description,
        aliases=list(record.aliases),
        recorded_at=record.recorded_at,
    )


def assertion_view(record: AssertionRecord) -> schemas.Assertion:
    return schemas.Assertion(
        id=record.id,
        source_id=record.source_id,
        subject=record.subject,
        metric=record.metric,
        value_text=record.value_text,
        value=schemas.Value(
            low=plain_number(record.low),
            best=plain_number(record.best),
            high=plain_number(record.high),
            rule=record.value_rule,
        ),
        modality=record.modality,
        time=schemas.Time(
            start=record.time_start,
            end=record.time_end,
            precision=record.time_precision,
            text=record.time_text,
            rule=record.time_rule,
        ),
        claimant=record.claimant,
        quote=schemas.Quote(text=record.quote, start=record.quote_start, end=record.quote_end),
        status=record.status,
        origin_rule=record.origin_rule,
        note=record.note,
        recorded_at=record.recorded_at,
        recorded_by=record.recorded_by,
        reviewed_at=record.reviewed_at,
        reviewed_by=record.reviewed_by,
        retracted_at=record.retracted_at,
        retraction_reason=record.retraction_reason,
        context=record.context,
    )


def change_view(record: ChangeRecord) -> schemas.Change:
    return schemas.Change(
        id=record.id,
        occurred_at=record.occurred_at,
        action=record.action,
        object_type=record.object_type,
        object_id=record.object_id,
        actor=record.actor,
        data=record.data,
    )


def queued_view(queued: Queued) -> schemas.ReviewItem:
    return schemas.ReviewItem(
        assertion=assertion_view(queued.assertion),
        sentence=schemas.Quote(text=queued.sentence, start=queued.sentence_start, end=queued.sentence_end),
    )
