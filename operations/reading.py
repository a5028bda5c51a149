"""Reading a sentence against the store: the vocabulary it mentions, and which of those pairs have evidence."""

from __future__ import annotations

import re

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from db import evidence
from reasoning.evidence import Lexicon
from reasoning.mentions import find_mentions

_OWNER = re.compile(r"\w['’]")  # a possessive may be in the sentence: "the agency's", "officials'"
# Bounds on the claimants read for one sentence (those of at most so many of its subject and metric pairs);
# an owner none of them confirms is refused, never guessed.
MAX_CLAIMANTS = 100
MAX_CLAIMANT_PAIRS = 20


async def read_context(session: AsyncSession, text: str) -> tuple[Lexicon, set[tuple[str, str]]]:
    """The lexicon, and the (subject, metric) pairs among the sentence's mentions that have evidence.

    Only the pairs the sentence mentions are probed for evidence, so that cost follows the sentence, not the
    size of the store.
    """
    # The whole vocabulary: words are matched by lemma and word family ("died" meets "deaths"), which no index
    # of written aliases can find, and a name the store does not know is answered with the closest it does.
    lexicon = await evidence.load_lexicon(session)
    metrics = {mention.key for mention in find_mentions(text, lexicon.metrics)}
    subjects = {mention.key for mention in find_mentions(text, lexicon.entities)}
    if metrics and not subjects:
        # A claim that names no subject: the subjects that have this metric may be meant.
        subjects = {term.key for term in lexicon.entities if term.key in set(await _keys_with(session, metrics))}
    available = await evidence.available_pairs(session, subjects=subjects, metrics=metrics)
    if _OWNER.search(text) and len(available) <= MAX_CLAIMANT_PAIRS:
        # "civil protection's death toll": whether the owner is who stated it is a question for the store
        claimants = await evidence.claimants_of(session, available, limit=MAX_CLAIMANTS)
        lexicon = msgspec.structs.replace(lexicon, claimants=tuple(claimants))
    return lexicon, available


async def _keys_with(session: AsyncSession, metrics: set[str]) -> list[str]:
    ids = set(await evidence.subjects_with_metrics(session, metrics))
    lexicon = await evidence.load_lexicon(session, entity_ids=ids, metric_ids=set())
    return [term.key for term in lexicon.entities]
