"""Who a question or claim says stated a figure: "according to the governor's office", "Valdoria's civil
protection agency put the toll at 500", "the Health Ministry's death toll". Such a sentence asks about what
that claimant stated, so the answer counts that claimant's statements only; answering from every source would
answer another question.

A claimant is a phrase in one of three places: after "according to"; as the subject of a verb that states a
figure ("said", "reported", "put ... at", "counted", "gave"), or its agent in the passive ("was put at 21 by
the board"; what was put is not who put it); or as the owner of a measure's word ("civil
protection's death toll"). A phrase that the store knows as a subject ("Korvander announced 900 job cuts",
where Korvander is an entity) is that subject, not a claimant.

A stored assertion is the claimant's when its claimant holds every word of the phrase, leaving out the names of
subjects the store knows ("Valdoria's civil protection agency" is stated as "National Civil Protection
Agency"), and names no other subject when the phrase names one ("the mayor of Koravik" is not the mayor of
Ilzen).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import msgspec

from reasoning.english import Reading, Token, lemmas_of, read
from reasoning.errors import InvalidInput
from reasoning.evidence import Lexicon
from reasoning.mentions import find_mentions

__all__ = ["Claimant", "find_claimant", "said_by", "skipping_claimant"]

Span = tuple[int, int]
R = TypeVar("R")

# Verbs whose subject states a figure rather than doing what it counts.
_STATING = frozenset(
    "say report put give count tally estimate state tell confirm record revise publish release cite".split()
)
_CONTENT = frozenset({"NOUN", "PROPN", "ADJ"})


class Claimant(msgspec.Struct, frozen=True, kw_only=True):
    """The words naming who stated a figure, at `span` of the sentence."""

    text: str
    span: Span


def find_claimant(reading: Reading, lexicon: Lexicon, *, skip: Sequence[Span] = ()) -> Claimant | None:
    """The claimant a sentence names, if any (the first, in the order of the rules above)."""
    known = [(m.start, m.end) for m in find_mentions(reading.text, [*lexicon.entities, *lexicon.metrics], skip=skip)]
    for head in _candidate_heads(reading, lexicon, skip):
        if head.pos not in ("NOUN", "PROPN") or any(s <= head.start < e for s, e in known):
            continue  # a pronoun, or a name the store knows: the sentence's subject, not who stated it
        words = _phrase(reading, head)
        if reading.tokens[words[0]].pos == "DET" and len(words) > 1:
            words = words[1:]
        start, end = reading.tokens[words[0]].start, reading.tokens[words[-1]].end
        if any(s < end and start < e for s, e in skip):
            continue  # a date or a figure is no one's name
        return Claimant(text=reading.text[start:end], span=(start, end))
    return None


def skipping_claimant(
    resolve: Callable[..., R], skip: Sequence[Span], claimant: Claimant | None, error: type[InvalidInput]
) -> R:
    """A reading made without the names inside the claimant ("the Teravan governor's office counted 520 dead"
    is about the quake, not the office's province), unless only they name the subject ("the mayor of Koravik
    said 150 people had been killed in his town")."""
    if claimant is None:
        return resolve(skip=list(skip))
    try:
        return resolve(skip=[*skip, claimant.span])
    except error as exc:
        if exc.extra.get("part") != "subject":
            raise
        return resolve(skip=list(skip))


def said_by(phrase: str, lexicon: Lexicon) -> Callable[[str | None], bool]:
    """Whether an assertion's claimant is the one `phrase` names (see the module's rule). Its owner
    ("Valdoria's" of "Valdoria's Health Ministry") may go unsaid by a claimant that names no owner of its own."""
    mentions = find_mentions(phrase, lexicon.entities)
    names = {m.key for m in mentions}
    named = {w for m in mentions for w in lemmas_of(phrase[m.start : m.end])}
    reading = read(phrase)
    owner = {t.i for p in reading.tokens if p.dep == "poss" and p.head != p.i for t in reading.subtree(p.i)}
    owner_words = {t.lemma for t in reading.tokens if t.i in owner and _is_content(t)} - named
    required = {t.lemma for t in reading.tokens if t.i not in owner and _is_content(t)} - named

    def matches(claimant: str | None) -> bool:
        if claimant is None or not required:
            return False
        theirs = read(claimant)
        words = {t.lemma for t in theirs.tokens if _is_content(t)}
        if not required <= words:
            return False
        if not owner_words <= words and any(t.dep == "case" and t.lemma == "'s" for t in theirs.tokens):
            return False  # an owner of its own, and not this one
        others = {m.key for m in find_mentions(claimant, lexicon.entities)}
        return not (names and others and not others & names)

    return matches


def _is_content(token: Token) -> bool:
    return token.pos in _CONTENT and token.text.isalpha()


def _candidate_heads(reading: Reading, lexicon: Lexicon, skip: Sequence[Span]) -> list[Token]:
    heads: list[Token] = []
    for token in reading.tokens:
        if token.lemma == "accord":  # "according to X": the object of "to"
            to = [t for t in reading.children(token.i) if t.lemma == "to"]
            heads += [t for p in to for t in reading.children(p.i) if t.dep == "pobj"]
    for verb in (t for t in reading.tokens if t.lemma in _STATING and t.pos in ("VERB", "AUX")):
        children = reading.children(verb.i)
        if any(t.dep == "auxpass" for t in children):  # "was put at 21 by the board": the agent, not what was put
            heads += [t for by in children if by.dep == "agent" for t in reading.children(by.i)]
        else:  # "the board put the toll at 21"
            heads += [t for t in children if t.dep == "nsubj"]
    measures = find_mentions(reading.text, lexicon.metrics, skip=skip)
    heads += [
        t
        for t in reading.tokens
        if t.dep == "poss" and any(m.start <= reading.tokens[t.head].start < m.end for m in measures)
    ]
    return heads


# What follows a claimant's noun and is not its name: a clause about it, another noun joined to it.
_NOT_THE_NAME = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj"})


def _phrase(reading: Reading, head: Token) -> list[int]:
    """The token indices of the noun phrase `head` heads, without the clauses and coordinations hung on it:
    "the governor's office", "the mayor of Koravik"."""
    left_out: set[int] = set()
    for token in reading.subtree(head.i):
        if token.i != head.i and token.dep in _NOT_THE_NAME:
            left_out.update(t.i for t in reading.subtree(token.i))
    kept = {t.i for t in reading.subtree(head.i)} - left_out
    first = last = head.i
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    return list(range(first, last + 1))
