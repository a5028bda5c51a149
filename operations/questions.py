"""Questions in words: parsed through the stored vocabulary, then answered by the operation for their kind."""

from __future__ import annotations

import asyncio
import datetime as dt

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from operations.answers import Claimed, answer, claimants_reply, family_of, family_timeline
from operations.reading import read_context
from operations.settings import Settings
from reasoning import replies
from reasoning.claimants import said_by
from reasoning.evidence import MetricInfo
from reasoning.questions import Question, QuestionKind, parse_question
from reasoning.types import MetricKind, Precision


class Asked(msgspec.Struct, frozen=True, kw_only=True):
    question: Question
    answer: replies.Reply


async def ask(session: AsyncSession, settings: Settings, *, text: str, today: dt.date) -> Asked:
    lexicon, available = await read_context(session, text)
    # Reading English is CPU work (a few milliseconds a sentence): it runs off the event loop.
    question = await asyncio.to_thread(
        parse_question, text, lexicon, available=available, today=today, figure_settings=settings.figures
    )
    said = said_by(question.claimant, lexicon) if question.claimant is not None else None
    reply = await _reply(session, settings, question, said)
    return Asked(question=question, answer=claimants_reply(reply, question.claimant))


async def _reply(session: AsyncSession, settings: Settings, question: Question, said: Claimed | None) -> replies.Reply:
    if question.kind is QuestionKind.sum:
        parts = [await _value(session, settings, question, subject, said) for subject in question.subjects]
        found = await family_of(session, question.subject, question.metric, None, said)
        return replies.sum_reply(parts, metric=found.metric, modality=question.modality, time=question.time)
    if question.kind is QuestionKind.value_as_of:
        return await _value(session, settings, question, question.subject, said)
    found = await family_of(session, question.subject, question.metric, None, said)
    metric, modality = found.metric, question.modality
    subject = found.subject
    window = question.time if question.time_named else replies.ALL_OF_THE_RECORD
    events = await asyncio.to_thread(
        replies.events_of, found.evidence, subject=subject, metric=metric.key, modality=modality
    )
    match question.kind:
        case QuestionKind.event_count:
            return replies.count_reply(events, metric=metric, subject=subject, modality=modality, time=window)
        case QuestionKind.event_size:
            return replies.event_size_reply(
                events,
                metric=metric,
                subject=subject,
                modality=modality,
                time=question.time,
                ordinal=question.ordinal,
                time_named=question.time_named,
            )
        case QuestionKind.date if (
            question.threshold is not None and question.threshold.running_total and (metric.kind is MetricKind.flow)
        ):
            return replies.running_total_date_reply(
                events,
                metric=metric,
                subject=subject,
                modality=modality,
                time=question.time,
                time_named=question.time_named,
                value=question.threshold.value,
                relation=question.threshold.relation,
            )
        case QuestionKind.date if question.threshold is not None:
            points = await family_timeline(
                settings, found, start=window.start, end=window.end, modality=question.modality
            )
            return replies.threshold_date_reply(
                points,
                metric=metric,
                subject=subject,
                modality=modality,
                time=window,
                value=question.threshold.value,
                relation=question.threshold.relation,
            )
        case QuestionKind.date:
            return replies.first_date_reply(
                events,
                metric=metric,
                subject=subject,
                modality=modality,
                time=question.time,
                time_named=question.time_named,
            )
        case _:  # existence
            is_flow = metric.kind is MetricKind.flow
            return replies.existence_reply(
                events=events if is_flow else None,
                points=None
                if is_flow
                else await family_timeline(
                    settings, found, start=window.start, end=window.end, modality=question.modality
                ),
                metric=metric,
                subject=subject,
                modality=modality,
                time=question.time,
            )


async def _value(
    session: AsyncSession, settings: Settings, question: Question, subject: str, said: Claimed | None
) -> replies.Reply:
    """A value question for one subject: the total over the period named for a flow, else the value as of."""
    found = await family_of(session, subject, question.metric, None, said)
    if _is_period(found.metric, question):
        events = await asyncio.to_thread(
            replies.events_of,
            found.evidence,
            subject=found.subject,
            metric=found.metric.key,
            modality=question.modality,
        )
        return replies.period_total_reply(
            events,
            metric=found.metric,
            subject=found.subject,
            modality=question.modality,
            time=question.time,
            kind=question.kind.value,
        )
    value = await answer(
        session,
        settings,
        subject=subject,
        metric=question.metric,
        as_of=question.as_of,
        modality=question.modality,
        said_by=said,
    )
    return replies.value_reply(value, kind=question.kind.value, time=question.time)


def _is_period(metric: MetricInfo, question: Question) -> bool:
    return metric.kind is MetricKind.flow and question.time_named and question.time.precision is not Precision.day
