"""Answers with their evidence: a value as of a date, and the timeline of values (JSON or CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Annotated, Literal

import msgspec
from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromQuery, QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from api.problems import READ_PROBLEMS
from api.settings import Settings
from db import evidence, models, vocabulary
from reasoning.answers import Answer, answer_value_as_of
from reasoning.timeline import TimelinePoint, build_timeline
from reasoning.types import Modality

Ref = Annotated[
    str, QueryParameter(min_length=1, max_length=300, pattern=r"^[^\x00]*$", description="id, key or any alias")
]
KnownAt = Annotated[
    dt.datetime | None,
    QueryParameter(description="answer as the store stood at this moment (ISO 8601; UTC if no zone)"),
]


class Timeline(msgspec.Struct, kw_only=True):
    subject: str
    metric: str
    unit: str
    modality: Modality
    points: list[TimelinePoint]


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=dt.UTC)


async def _family(db_session: AsyncSession, subject: str, metric: str, known_at: dt.datetime | None) -> evidence.Family:
    subject_row = await vocabulary.resolve_term(db_session, models.Entity, subject)
    metric_row = await vocabulary.resolve_term(db_session, models.Metric, metric)
    return await evidence.family_evidence(db_session, subject=subject_row, metric=metric_row, known_at=as_utc(known_at))


class AnswerController(Controller):
    tags = ["answers"]

    @get(
        "/v1/answers/value",
        summary="The value of a metric for a subject as of a date, with its evidence",
        responses=READ_PROBLEMS,
    )
    async def value(
        self,
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        subject: Ref,
        metric: Ref,
        as_of: FromQuery[dt.date],
        known_at: KnownAt = None,
        modality: FromQuery[Modality] = Modality.actual,
    ) -> Answer:
        family = await _family(db_session, subject, metric, known_at)
        return answer_value_as_of(
            subject=family.subject,
            metric=family.metric,
            flows=family.flows,
            evidence=family.evidence,
            as_of=as_of,
            modality=modality,
            settings=settings.answers,
            subject_name=family.subject_name,
        )

    @get(
        "/v1/timeline",
        summary="The series of values over time, each point with its citations (JSON or CSV)",
        responses=READ_PROBLEMS,
        media_type="application/json",
    )
    async def timeline(
        self,
        request: Request,
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        subject: Ref,
        metric: Ref,
        start: FromQuery[dt.date | None] = None,
        end: FromQuery[dt.date | None] = None,
        known_at: KnownAt = None,
        modality: FromQuery[Modality] = Modality.actual,
        format: Annotated[
            Literal["json", "csv"] | None, QueryParameter(description="csv, or send Accept: text/csv")
        ] = None,
    ) -> Response[Timeline] | Response[str]:
        family = await _family(db_session, subject, metric, known_at)
        points = build_timeline(
            subject=family.subject,
            metric=family.metric,
            flows=family.flows,
            evidence=family.evidence,
            start=start,
            end=end,
            modality=modality,
            settings=settings.answers,
        )
        body = Timeline(
            subject=family.subject, metric=family.metric.key, unit=family.metric.unit, modality=modality, points=points
        )
        if format == "csv" or (format is None and "text/csv" in request.headers.get("accept", "")):
            return Response(timeline_csv(body), media_type="text/csv; charset=utf-8")
        return Response(body)


def timeline_csv(timeline: Timeline) -> str:
    """One row a point; sources and quotes joined with ' | ' so a spreadsheet keeps one row per date."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "date",
            "subject",
            "metric",
            "unit",
            "low",
            "best",
            "high",
            "basis",
            "supporting_sources",
            "conflicting_sources",
            "supporting_quotes",
        ]
    )
    for point in timeline.points:
        writer.writerow(
            [
                point.date.isoformat(),
                timeline.subject,
                timeline.metric,
                timeline.unit,
                _cell(point.low),
                _cell(point.best),
                _cell(point.high),
                point.basis,
                " ".join(str(sid) for sid in sorted({c.source_id for c in point.supporting})),
                " ".join(str(sid) for sid in sorted({c.source_id for c in point.conflicting})),
                " | ".join(c.quote for c in point.supporting),
            ]
        )
    return out.getvalue()


def _cell(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)
