"""Ordinals of events ("the fourth shipment", "its first round of layoffs"): which event of a flow a question or
claim speaks of, for questions and claims alike."""

from __future__ import annotations

from collections.abc import Collection

from reasoning.english import ORDINALS, Reading, Token
from reasoning.mentions import Reading as MentionReading

__all__ = ["ordinal_counts_the_metric", "ordinal_describes", "ordinal_of", "ordinal_spans"]

Span = tuple[int, int]


def ordinal_of(reading: Reading, skip: Collection[Span]) -> int | None:
    """The position of the event asked about ("the fourth shipment"), outside the time phrase."""
    found = _ordinal_words(reading, skip)
    return ORDINALS[found[0].lemma] if found else None


def _ordinal_words(reading: Reading, skip: Collection[Span]) -> list[Token]:
    """The words that give an event's position, outside the time phrase, in text order."""
    return [
        t
        for t in reading.tokens
        if ORDINALS.get(t.lemma) is not None
        and not any(s <= t.start < e for s, e in skip)
        and t.pos in ("ADJ", "ADV")
        and reading.tokens[t.head].pos in ("NOUN", "PROPN")
    ]


def ordinal_describes(reading: Reading, skip: Collection[Span], figure: Span) -> bool:
    """With several figures, whether the sentence's one ordinal names the event of this figure: its noun is the
    subject of the verb the figure hangs on ("its second delivery added 40 buses, a tenth of its fleet"), or lies
    in the figure's own phrase ("30 buses in its second delivery"). Any other figure ("added 40 buses and 30
    buses in its second delivery": the 40) is no figure of that event."""
    ordinals = _ordinal_words(reading, skip)
    numbers = [t for t in reading.tokens_in(*figure) if t.pos == "NUM"] or reading.tokens_in(*figure)
    if len(ordinals) != 1 or not numbers:
        return False
    noun = reading.tokens[ordinals[0].head]
    phrase = reading.tokens[numbers[-1].head]  # the noun the figure counts ("buses" of "40 buses")
    verb = _verb_above(reading, phrase.i)
    counted = phrase
    while counted.dep in ("conj", "appos") and counted.head != counted.i:
        counted = reading.tokens[counted.head]  # "1,500 jobs, about 10 percent of ...": the figure beside it
    objects = ("dobj", "attr", "npadvmod", "oprd")  # never "from 80 buses": a level before the event
    if noun.dep in ("nsubj", "nsubjpass") and verb is not None and noun.head == verb:
        return counted.dep in objects and counted.head == verb
    current = noun.i
    for _ in range(len(reading.tokens)):
        token = reading.tokens[current]
        if current == phrase.i:
            return True
        if token.pos in ("VERB", "AUX") or token.head == current:
            return False
        current = token.head
    return False


def _verb_above(reading: Reading, index: int) -> int | None:
    current = index
    for _ in range(len(reading.tokens)):
        token = reading.tokens[current]
        if token.pos in ("VERB", "AUX"):
            return current
        if token.head == current:
            return None
        current = token.head
    return None


def ordinal_counts_the_metric(reading: Reading, chosen: MentionReading, family: set[str]) -> bool:
    """Whether the ordinal counts the metric's own events: its noun is a word of the metric ("the fourth
    shipment") or is "of" one ("its first round of layoffs")."""
    words = [(m.start, m.end) for m in chosen.mentions if m.key in family]

    def of_the_metric(token: Token) -> bool:
        return any(start <= token.start and token.end <= end for start, end in words)

    for token in reading.tokens:
        if ORDINALS.get(token.lemma) is None:
            continue
        noun = reading.tokens[token.head]
        of = [c for child in reading.children(noun.i) if child.lemma == "of" for c in reading.children(child.i)]
        if of_the_metric(noun) or any(of_the_metric(c) for c in of):
            return True
    return False


def ordinal_spans(reading: Reading, ordinal: int | None) -> list[Span]:
    if ordinal is None:
        return []
    return [(t.start, t.end) for t in reading.tokens if ORDINALS.get(t.lemma) == ordinal]
