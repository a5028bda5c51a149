"""Reading a sentence against the store: the vocabulary, and which of the pairs it mentions have evidence."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db import evidence
from reasoning.evidence import Lexicon
from reasoning.mentions import find_mentions


async def read_context(session: AsyncSession, text: str) -> tuple[Lexicon, set[tuple[str, str]]]:
    """The lexicon, and the (subject, metric) pairs among the sentence's mentions that have evidence.

    Only the names the sentence mentions are probed, so the cost follows the sentence, not the store.
    """
    lexicon = await evidence.load_lexicon(session)
    metrics = {mention.key for mention in find_mentions(text, lexicon.metrics)}
    subjects = {mention.key for mention in find_mentions(text, lexicon.entities)}
    if metrics and not subjects:
        subjects = set(await evidence.subjects_with_metrics(session, metrics))
    return lexicon, await evidence.available_pairs(session, subjects=subjects, metrics=metrics)
