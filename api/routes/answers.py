"""Answers with their evidence: a value as of a date, and the timeline of values (JSON or CSV)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import FromQuery, QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from api import formats
from api.openapi import CSV_SCHEMA, also_rendered_as
from api.params import KnownAtQuery, NameQuery
from api.problems import NAMED_READ_PROBLEMS, problem_responses
from api.reports import Answer, Timeline, answer_view, timeline_view
from api.settings import Settings
from operations import answers
from reasoning.types import Modality

TIMELINE_MEDIA_TYPES = (formats.JSON, formats.CSV)


class AnswerController(Controller):
    tags = ("answers",)

    @get(
        "/v1/answers/value",
        summary="The value of a metric for a subject as of a date, with its evidence",
        responses=NAMED_READ_PROBLEMS,
    )
    async def value(
        self,
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        subject: NameQuery,
        metric: NameQuery,
        as_of: FromQuery[dt.date],
        known_at: KnownAtQuery = None,
        modality: FromQuery[Modality] = Modality.actual,
    ) -> Answer:
        found = await answers.answer(
            db_session, settings, subject=subject, metric=metric, as_of=as_of, known_at=known_at, modality=modality
        )
        return answer_view(found)

    @get(
        "/v1/timeline",
        summary="The series of values over time, each point with its citations (JSON or CSV)",
        description="JSON by default; CSV with `?format=csv` or `Accept: text/csv`.",
        operation_class=also_rendered_as(200, {formats.CSV: CSV_SCHEMA}),
        responses={
            200: ResponseSpec(
                data_container=Timeline,
                description="The timeline as JSON, or as CSV (one row a point) when asked for",
            ),
            **NAMED_READ_PROBLEMS,
            **problem_responses(406),
        },
    )
    async def timeline(
        self,
        request: Request[Any, Any, Any],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        subject: NameQuery,
        metric: NameQuery,
        start: FromQuery[dt.date | None] = None,
        end: FromQuery[dt.date | None] = None,
        known_at: KnownAtQuery = None,
        modality: FromQuery[Modality] = Modality.actual,
        format: Annotated[
            Literal["json", "csv"] | None, QueryParameter(description="csv, or send Accept: text/csv")
        ] = None,
    ) -> Response[Timeline]:
        media_type = formats.choose(request.headers.get("accept"), TIMELINE_MEDIA_TYPES, format=format)
        found = await answers.timeline(
            db_session,
            settings,
            subject=subject,
            metric=metric,
            start=start,
            end=end,
            known_at=known_at,
            modality=modality,
        )
        body = timeline_view(
            subject=found.subject, metric=found.metric, unit=found.unit, modality=found.modality, points=found.points
        )
        if media_type == formats.CSV:
            # The declared body is the JSON timeline; CSV is the same resource in another rendering.
            return Response(formats.timeline_csv(body), media_type=formats.CSV)  # type: ignore[arg-type]
        return Response(body, media_type=formats.JSON)
