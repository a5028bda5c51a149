"""Claim checks and questions in words: parsed through the stored vocabulary, answered with evidence."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, QueryParameter
from msgspec import Meta
from sqlalchemy.ext.asyncio import AsyncSession

from api.problems import READ_PROBLEMS, WRITE_PROBLEMS
from api.settings import Settings
from api.understanding import read_context
from db import evidence, models, vocabulary
from reasoning.answers import Answer, answer_value_as_of
from reasoning.citations import Citation
from reasoning.claims import ParsedClaim, Verdict, claim_review, judge_claim, parse_claim
from reasoning.questions import Question, parse_question
from reasoning.types import Interval

Sentence = Annotated[str, Meta(min_length=1, max_length=1000, pattern=r"^[^\x00]*$")]


class ClaimIn(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    text: Sentence
    as_of: dt.date | None = None


class ClaimCheck(msgspec.Struct, kw_only=True):
    claim: ParsedClaim
    verdict: str
    explanation: str
    answer: Answer
    supporting: list[Citation]
    conflicting: list[Citation]


class AskAnswer(msgspec.Struct, kw_only=True):
    question: Question
    answer: Answer


async def _answer(
    db_session: AsyncSession, settings: Settings, *, subject: str, metric: str, as_of: dt.date, modality: Any
) -> Answer:
    subject_row = await vocabulary.get_term(db_session, models.Entity, subject)
    metric_row = await vocabulary.get_term(db_session, models.Metric, metric)
    family = await evidence.family_evidence(db_session, subject=subject_row, metric=metric_row)
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


def _interval(low: float | None, best: float | None, high: float | None) -> Interval | None:
    return None if best is None else Interval(low=low, best=best, high=high, rule="answer")


class ClaimController(Controller):
    tags = ["claims"]

    @post(
        "/v1/claims/check",
        summary="Check a claim against the evidence",
        status_code=200,
        responses={**READ_PROBLEMS, **{k: v for k, v in WRITE_PROBLEMS.items() if k in (409, 413, 422)}},
        description="`?format=claimreview` renders the result as schema.org ClaimReview JSON-LD.",
    )
    async def check(
        self,
        data: JSONBody[ClaimIn],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        format: Annotated[
            Literal["json", "claimreview"], QueryParameter(description="json, or claimreview for JSON-LD")
        ] = "json",
    ) -> Response[Any]:
        today = dt.datetime.now(dt.UTC).date()
        lexicon, available = await read_context(db_session, data.text)
        claim = parse_claim(
            data.text, lexicon, available=available, as_of=data.as_of, today=today, settings=settings.figures
        )
        answer = await _answer(
            db_session, settings, subject=claim.subject, metric=claim.metric, as_of=claim.as_of, modality=claim.modality
        )
        verdict = judge_claim(
            claim.predicate,
            estimate=_interval(answer.low, answer.best, answer.high),
            supporting=[Interval(low=c.low, best=c.best, high=c.high, rule="citation") for c in answer.supporting],
            conflicting=[Interval(low=c.low, best=c.best, high=c.high, rule="citation") for c in answer.conflicting],
            credible_conflict=answer.independent_origins_conflicting > 0,
        )
        if format == "claimreview":
            return Response(claim_review(claim, verdict, date_published=today), media_type="application/ld+json")
        return Response(
            ClaimCheck(
                claim=claim,
                verdict=verdict.verdict,
                explanation=_explain(verdict, answer),
                answer=answer,
                supporting=list(answer.supporting),
                conflicting=list(answer.conflicting),
            )
        )

    @get("/v1/ask", summary="A question in words, parsed and answered with its evidence", responses=READ_PROBLEMS)
    async def ask(
        self,
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        q: Annotated[
            str, QueryParameter(min_length=1, max_length=1000, pattern=r"^[^\x00]*$", description="the question")
        ],
    ) -> AskAnswer:
        today = dt.datetime.now(dt.UTC).date()
        lexicon, available = await read_context(db_session, q)
        question = parse_question(q, lexicon, available=available, today=today)
        answer = await _answer(
            db_session,
            settings,
            subject=question.subject,
            metric=question.metric,
            as_of=question.as_of,
            modality=question.modality,
        )
        return AskAnswer(question=question, answer=answer)


def _explain(verdict: Verdict, answer: Answer) -> str:
    return f"{verdict.reason} {answer.explanation}".strip()
