"""Claim checks: a sentence parsed through the stored vocabulary, judged against the evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import JSONBody, QueryParameter
from sqlalchemy.ext.asyncio import AsyncSession

from api import formats
from api.openapi import CLAIM_REVIEW_SCHEMA, also_rendered_as
from api.problems import NAMED_READ_PROBLEMS, problem_responses
from api.reports import ClaimCheck, checked_claim_part_view, claim_check_view
from api.schemas import ClaimIn
from api.settings import Settings
from operations import claims

CLAIM_MEDIA_TYPES = (formats.JSON, formats.JSON_LD)


class ClaimController(Controller):
    tags = ("claims",)

    @post(
        "/v1/claims/check",
        summary="Check a claim against the evidence",
        status_code=200,
        opt={"read_only": True},  # a check reads the store and writes nothing: no write lock on SQLite
        description=(
            "JSON by default; schema.org ClaimReview JSON-LD with `?format=claimreview` or "
            "`Accept: application/ld+json`."
        ),
        operation_class=also_rendered_as(200, {formats.JSON_LD: CLAIM_REVIEW_SCHEMA}),
        responses={
            200: ResponseSpec(
                data_container=ClaimCheck,
                description="The check as JSON, or as ClaimReview JSON-LD when asked for",
            ),
            **NAMED_READ_PROBLEMS,
            **problem_responses(406, 413),
        },
    )
    async def check(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[ClaimIn],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        format: Annotated[
            Literal["json", "claimreview"] | None,
            QueryParameter(description="json, or claimreview for JSON-LD (or send Accept: application/ld+json)"),
        ] = None,
    ) -> Response[ClaimCheck]:
        media_type = formats.choose(
            request.headers.get("accept"), CLAIM_MEDIA_TYPES, format="jsonld" if format == "claimreview" else format
        )
        today = dt.datetime.now(dt.UTC).date()
        checked = await claims.check_claim(db_session, settings, text=data.text, as_of=data.as_of, today=today)
        if media_type == formats.JSON_LD:
            review = formats.claim_review_json_ld(
                checked.claim, checked.verdict, date_published=today, parts=[(p.part, p.verdict) for p in checked.parts]
            )
            # The declared body is the JSON check; JSON-LD is the same resource in another rendering.
            return Response(review, media_type=formats.JSON_LD)  # type: ignore[arg-type]
        body = claim_check_view(
            checked.claim,
            checked.verdict,
            checked.answer,
            explanation=checked.explanation,
            parts=[
                checked_claim_part_view(p.part, p.verdict, p.reply, explanation=p.explanation) for p in checked.parts
            ],
        )
        return Response(body, media_type=formats.JSON)
