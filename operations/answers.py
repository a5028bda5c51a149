"""Answers with their evidence: the value of a metric for a subject as of a date, and the timeline of values."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from db import evidence
from operations.names import resolve_metric, resolve_subject
from operations.settings import Settings
from reasoning import replies
from reasoning.answers import Answer, answer_value_as_of
from reasoning.corrections import Correction, apply_corrections
from reasoning.evidence import Evidence
from reasoning.timeline import TimelinePoint, build_timeline
from reasoning.types import Modality, as_utc

Claimed = Callable[[str | None], bool]  # whether a statement's claimant is the one a sentence asks about


class Timeline(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    metric: str
    unit: str
    modality: Modality
    points: list[TimelinePoint]


async def answer(
    session: AsyncSession,
    settings: Settings,
    *,
    subject: str,
    metric: str,
    as_of: dt.date,
    known_at: dt.datetime | None = None,
    modality: Modality = Modality.actual,
    said_by: Claimed | None = None,
) -> Answer:
    """The best value as of `as_of`, as the store stood at `known_at` (now when None); from the statements of
    one claimant only when `said_by` is given."""
    family = await family_of(session, subject, metric, known_at, said_by)
    # The evidence of a family grows with the store: reasoning over it runs off the event loop.
    return await asyncio.to_thread(
        answer_value_as_of,
        subject=family.subject,
        metric=family.metric,
        flows=family.flows,
        evidence=family.evidence,
        as_of=as_of,
        modality=modality,
        settings=settings.answers,
        subject_name=family.subject_name,
        corrections=family.corrections,
    )


async def timeline(
    session: AsyncSession,
    settings: Settings,
    *,
    subject: str,
    metric: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    known_at: dt.datetime | None = None,
    modality: Modality = Modality.actual,
) -> Timeline:
    family = await family_of(session, subject, metric, known_at)
    points = await family_timeline(settings, family, start=start, end=end, modality=modality)
    return Timeline(
        subject=family.subject, metric=family.metric.key, unit=family.metric.unit, modality=modality, points=points
    )


async def family_timeline(
    settings: Settings, family: evidence.Family, *, start: dt.date | None, end: dt.date | None, modality: Modality
) -> list[TimelinePoint]:
    """The timeline of a family already read, off the event loop (its evidence grows with the store)."""
    return await asyncio.to_thread(
        build_timeline,
        subject=family.subject,
        metric=family.metric,
        flows=family.flows,
        evidence=family.evidence,
        start=start,
        end=end,
        modality=modality,
        settings=settings.answers,
    )


async def family_of(
    session: AsyncSession, subject: str, metric: str, known_at: dt.datetime | None, said_by: Claimed | None = None
) -> evidence.Family:
    """The evidence one (subject, metric) question needs, the names resolved by id, key or alias; only the
    statements of one claimant when `said_by` is given; without the statements a later one corrected."""
    subject_row = await resolve_subject(session, subject)
    metric_row = await resolve_metric(session, metric)
    family = await evidence.family_evidence(session, subject=subject_row, metric=metric_row, known_at=as_utc(known_at))

    def standing() -> tuple[list[Evidence], list[Correction]]:
        said = family.evidence if said_by is None else [e for e in family.evidence if said_by(e.claimant)]
        return apply_corrections(said)

    # Matching claimants and reading revisions is English (milliseconds a sentence): off the event loop.
    kept, corrections = await asyncio.to_thread(standing)
    return msgspec.structs.replace(family, evidence=kept, corrections=corrections)


def claimants_reply(reply: replies.Reply, claimant: str | None) -> replies.Reply:
    """The reply, saying first that it counts one claimant's statements when the sentence named one."""
    if claimant is None:
        return reply
    return msgspec.structs.replace(reply, explanation=claimant_note(claimant) + reply.explanation)


def claimant_note(claimant: str) -> str:
    return f"Only statements attributed to {claimant!r} are counted, as the sentence asks. "
