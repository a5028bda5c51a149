"""Questions in words: parsed through the stored vocabulary and answered with their evidence."""

from __future__ import annotations

import datetime as dt

from litestar import Controller, get
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from api.params import SentenceQuery
from api.problems import NAMED_READ_PROBLEMS
from api.reports import AskAnswer, ask_answer_view
from api.settings import Settings
from operations import questions


class QuestionController(Controller):
    tags = ("questions",)

    @get("/v1/ask", summary="A question in words, parsed and answered with its evidence", responses=NAMED_READ_PROBLEMS)
    async def ask(
        self, db_session: NamedDependency[AsyncSession], settings: NamedDependency[Settings], q: SentenceQuery
    ) -> AskAnswer:
        today = dt.datetime.now(dt.UTC).date()
        asked = await questions.ask(db_session, settings, text=q, today=today)
        return ask_answer_view(asked.question, asked.answer)
