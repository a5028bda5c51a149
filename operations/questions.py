"""Questions in words: parsed through the stored vocabulary into a structured question, answered with evidence."""

from __future__ import annotations

import datetime as dt

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from operations.answers import answer
from operations.reading import read_context
from operations.settings import Settings
from reasoning.answers import Answer
from reasoning.questions import Question, parse_question


class Asked(msgspec.Struct, frozen=True, kw_only=True):
    question: Question
    answer: Answer


async def ask(session: AsyncSession, settings: Settings, *, text: str, today: dt.date) -> Asked:
    lexicon, available = await read_context(session, text)
    question = parse_question(text, lexicon, available=available, today=today)
    found = await answer(
        session,
        settings,
        subject=question.subject,
        metric=question.metric,
        as_of=question.as_of,
        modality=question.modality,
    )
    return Asked(question=question, answer=found)
