"""Claim checks: a sentence parsed into subject, metric, figure and time, judged against the answer for it."""

from __future__ import annotations

import datetime as dt

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from operations.answers import answer
from operations.reading import read_context
from operations.settings import Settings
from reasoning.answers import Answer
from reasoning.claims import ParsedClaim, Verdict, judge_claim, parse_claim
from reasoning.types import Interval


class CheckedClaim(msgspec.Struct, frozen=True, kw_only=True):
    claim: ParsedClaim
    verdict: Verdict
    answer: Answer
    explanation: str


async def check_claim(
    session: AsyncSession, settings: Settings, *, text: str, as_of: dt.date | None, today: dt.date
) -> CheckedClaim:
    lexicon, available = await read_context(session, text)
    claim = parse_claim(text, lexicon, available=available, as_of=as_of, today=today, settings=settings.figures)
    found = await answer(
        session, settings, subject=claim.subject, metric=claim.metric, as_of=claim.as_of, modality=claim.modality
    )
    verdict = judge_claim(
        claim.predicate,
        estimate=None
        if found.best is None
        else Interval(low=found.low, best=found.best, high=found.high, rule="answer"),
        supporting=[Interval(low=c.low, best=c.best, high=c.high, rule="citation") for c in found.supporting],
        conflicting=[Interval(low=c.low, best=c.best, high=c.high, rule="citation") for c in found.conflicting],
        credible_conflict=found.independent_origins_conflicting > 0,
    )
    explanation = f"{verdict.reason} {found.explanation}".strip()
    return CheckedClaim(claim=claim, verdict=verdict, answer=found, explanation=explanation)
