"""Ordinals of events ("the fourth shipment", "its first round of layoffs"): which event of a flow a question or
claim speaks of, for questions and claims alike."""

from __future__ import annotations

from collections.abc import Collection

from reasoning.english import ORDINALS, Reading, Token
from reasoning.mentions import Reading as MentionReading

__all__ = ["ordinal_counts_the_metric", "ordinal_of", "ordinal_spans", "ordinals_in"]

Span = tuple[int, int]


def ordinal_of(reading: Reading, skip: Collection[Span]) -> int | None:
    """The position of the event asked about ("the fourth shipment"), outside the time phrase."""
    found = ordinals_in(reading, skip)
    return found[0] if found else None


def ordinals_in(reading: Reading, skip: Collection[Span]) -> list[int]:
    """Every position of an event the sentence names outside the time phrase, in text order."""
    found: list[int] = []
    for token in reading.tokens:
        if any(s <= token.start < e for s, e in skip):
            continue
        number = ORDINALS.get(token.lemma)
        if number is not None and token.pos in ("ADJ", "ADV") and reading.tokens[token.head].pos in ("NOUN", "PROPN"):
            found.append(number)
    return found


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
