"""The other names of a sentence besides its subject: which only narrow it, and which it may be about.

Questions and claims share this rule, so neither answers about one subject while the sentence names another.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reasoning.english import Reading as EnglishReading
from reasoning.english import read
from reasoning.evidence import Lexicon
from reasoning.mentions import (
    Reading,
    ambiguous_reading,
    find_mentions,
    is_owned_by_another,
    is_place_phrase,
    is_recipient_phrase,
    metric_family,
)
from reasoning.word_roles import name_words

__all__ = ["refuse_event_names", "refuse_other_subjects"]

Span = tuple[int, int]


def refuse_other_subjects(
    text: str,
    chosen: Reading,
    subjects: Sequence[tuple[str, Span | None]],
    available: Collection[tuple[str, str]],
    lexicon: Lexicon,
) -> None:
    """Raise AmbiguousTerm when the sentence names another subject that the reading leaves out.

    A second name may be what the sentence is about ("job cuts at its Ashby plant", "injured 900 people in
    Ashby"): answering with the chosen subject's figure would answer a different question, so the service
    asks instead of choosing. Names that only narrow it are let through (see below)."""
    entity_keys = {term.key for term in lexicon.entities}
    named = {key for key, _ in subjects}
    wording = [(m.start, m.end) for m in chosen.mentions if m.key in metric_family(chosen.metric, lexicon)]
    subject_starts = [span[0] for _, span in subjects if span is not None]
    own_words = name_words(lexicon, {chosen.metric, *named})
    with_evidence = {s for s, m in available if m == chosen.metric}
    agent = chosen.subject_span is not None and not is_place_phrase(text, chosen.subject_span[0])
    # Where the subject stands when the sentence makes it a part of what it named before ("at its plant").
    owned_at = (
        chosen.subject_span[0] if chosen.subject_span and is_owned_by_another(text, chosen.subject_span[0]) else None
    )
    others: set[str] = set()
    for mention in chosen.mentions:
        if mention.key not in entity_keys or mention.key in named or mention.start in subject_starts:
            continue  # the subject itself, or a homonym of it the evidence already settled
        if any(start <= mention.start and mention.end <= end for start, end in wording):
            continue  # a name inside the metric's own wording ("in Haiti" when the vocabulary says so)
        possessor = any(text[mention.end : start].strip() in ("'s", "’s") for start in subject_starts)
        # The owner of its subject ("Acme's plant") narrows a question, unless it has evidence of its own;
        # so does a place the vocabulary puts the subject or metric in ("foreign rescue teams in Marlow", an
        # entity of that name). Any other name may be what the question is about: the service asks.
        if possessor and mention.key not in with_evidence:
            continue
        # Who receives what the subject gives or sends ("Norland pledged doses to Harrowgate") narrows it too: the
        # figure is the giver's. A place the figure is counted in ("900 injured in Ashby") is asked about.
        if agent and is_recipient_phrase(text, mention.start):
            continue
        # What owns the subject ("Acme ... at its Ashby plant") narrows it, evidence or not.
        if owned_at is not None and mention.end <= owned_at:
            continue
        if is_place_phrase(text, mention.start) and _named_by(text[mention.start : mention.end], own_words):
            continue
        others.add(mention.key)
    if others:
        pairs = [(chosen.subject, chosen.metric), *((other, chosen.metric) for other in sorted(others))]
        raise ambiguous_reading(text, pairs, lexicon)


def refuse_event_names(
    text: str, chosen: Reading, events: Sequence[Span], available: Collection[tuple[str, str]], lexicon: Lexicon
) -> None:
    """Raise AmbiguousTerm when a name inside a dated event ("in the 5 May 2030 Harrowgate election") may be
    what the sentence is about: it has evidence of its own for the measure, and the measure's words do not
    already name it. Otherwise the event only dates the figure ("the Tidewater Party won 41% of the vote in the
    5 May 2030 Harrowgate election" is about the party); "40 disputed ballots in the May 2030 North ward count", where
    the ward has figures of its own, is asked about."""
    if not events or _tied_to_measure(read(text), chosen.subject_span, chosen.metric_span):
        return
    with_evidence = {s for s, m in available if m == chosen.metric}
    own_words = name_words(lexicon, {chosen.metric, chosen.subject})
    inside = [
        m
        for m in find_mentions(text, lexicon.entities)
        if any(start <= m.start and m.end <= end for start, end in events) and m.key != chosen.subject
    ]
    others = sorted(
        {m.key for m in inside if m.key in with_evidence and not _named_by(text[m.start : m.end], own_words)}
    )
    if others:
        raise ambiguous_reading(text, [(chosen.subject, chosen.metric), *((o, chosen.metric) for o in others)], lexicon)


def _tied_to_measure(reading: EnglishReading, subject: Span | None, measure: Span) -> bool:
    """Whether the grammar makes the subject the measure's own: its owner ("Ashby's turnout"), a noun before it
    ("Ashby turnout") or a place hung on the measure's noun itself ("turnout in Ashby"). A name inside a dated
    event then only says which event the measure was taken in ("turnout in Ashby in the 2030 county election")."""
    if subject is None:
        return False
    words = reading.tokens_in(*subject)
    head = next((t for t in words if not any(w.i == t.head for w in words) or t.head == t.i), None)
    if head is None:
        return False
    measured = {t.i for t in reading.tokens_in(*measure) if t.pos in ("NOUN", "PROPN")}
    if head.dep in ("poss", "compound") and head.head in measured:
        return True
    preposition = reading.tokens[head.head]
    return head.dep == "pobj" and preposition.dep == "prep" and preposition.head in measured


def _named_by(phrase: str, words: set[str]) -> bool:
    """Whether a name's proper words ("Marlow" of "Marlow province") are all in `words`."""
    tokens = [t for t in read(phrase).tokens if t.text.isalpha() and t.pos not in ("DET", "ADP", "PART")]
    proper = [t.lemma for t in tokens if t.pos == "PROPN"] or [t.lemma for t in tokens]
    return bool(proper) and all(w in words for w in proper)
