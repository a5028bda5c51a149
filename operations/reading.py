"""Reading a sentence against the store: the vocabulary it mentions, and which of those pairs have evidence."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db import evidence
from reasoning.evidence import Lexicon
from reasoning.lexicon import candidate_phrases
from reasoning.mentions import find_mentions


async def read_context(session: AsyncSession, text: str) -> tuple[Lexicon, set[tuple[str, str]]]:
    """The lexicon, and the (subject, metric) pairs among the sentence's mentions that have evidence.

    Only the names the sentence mentions are looked up (by index) and probed, so the cost follows the
    sentence, not the size of the vocabulary or of the store.
    """
    entity_ids, metric_ids = await evidence.terms_named(session, candidate_phrases(text))
    lexicon = await evidence.load_lexicon(session, entity_ids=entity_ids, metric_ids=metric_ids)
    metrics = {mention.key for mention in find_mentions(text, lexicon.metrics)}
    subjects = {mention.key for mention in find_mentions(text, lexicon.entities)}
    if metrics and not subjects:
        # A claim that names no subject: the subjects that have this metric may be meant.
        extra = await evidence.subjects_with_metrics(session, metrics)
        lexicon = await evidence.load_lexicon(session, entity_ids=entity_ids | set(extra), metric_ids=metric_ids)
        subjects = {term.key for term in lexicon.entities}
    return lexicon, await evidence.available_pairs(session, subjects=subjects, metrics=metrics)
