"""Who a question or claim says stated a figure: "according to the harbour office", "Ruritania's civil defence
office put the toll at 500", "the Health Ministry's death toll". Such a sentence asks about what that claimant
stated, so the answer counts that claimant's statements only; answering from every source would answer another
question.

A claimant is a phrase in one of three places, and speaks for the words of its `scope` only (a figure outside
it is not said to be the claimant's):
- after "according to", whatever it names (a name the store knows too: "according to the county council");
- as the subject of a verb that states a figure ("said", "reported", "estimated", "put the toll at"), or its
  agent in the passive ("was put at 21 by the board"; what was put is not who put it), when the store does not
  know it as a subject ("Acme announced 900 job cuts" is about Acme);
- as the owner of a measure's word, when the English pipeline takes it for an organisation or a person ("the
  Health Ministry's death toll", "Unicef's count"): "the country's death toll" is the country's, no claimant.

A stored assertion is the claimant's when its claimant holds every word of the phrase, leaving out the names of
subjects the store knows, and names no other subject when the phrase names one ("the mayor of Ashby" is not the
mayor of Harrowgate). A proper-name owner may go unsaid ("Ruritania's civil defence office" is stated as
"National Civil Defence Office") unless the stored claimant has an owner of its own; a common noun never may
("the governor's office" is not a ministry's press office).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TypeVar

import msgspec

from reasoning.english import FIGURE_NOUNS, Reading, Token, lemmas_of, read
from reasoning.errors import InvalidInput
from reasoning.evidence import Lexicon
from reasoning.mentions import Mention, find_mentions

__all__ = ["Claimant", "find_claimants", "said_by", "skipping_claimant"]

Span = tuple[int, int]
R = TypeVar("R")

# Verbs whose subject states a figure rather than doing what it counts ("gave", "recorded" are acts too).
_STATING = frozenset("say report estimate state tell confirm revise count tally cite quote".split())
_PUT_AT = "put"  # "put the toll at 500", never "the storm put 40 people in hospital"
_PLACING = frozenset({"at", "above", "below"})
_OWNER_LABELS = frozenset({"ORG", "PERSON"})
_CONTENT = frozenset({"NOUN", "PROPN", "ADJ"})
# What follows a claimant's noun and is not its name: a clause about it, another noun joined to it.
_NOT_THE_NAME = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj"})


class Claimant(msgspec.Struct, frozen=True, kw_only=True):
    """The words naming who stated a figure, at `span`; it speaks for what lies in `scope` (character offsets)."""

    text: str
    span: Span
    scope: Span

    def covers(self, span: Span) -> bool:
        return self.scope[0] <= span[0] and span[1] <= self.scope[1]


def find_claimants(reading: Reading, lexicon: Lexicon, *, skip: Sequence[Span] = ()) -> list[Claimant]:
    """Every claimant a sentence names, in the order of the rules above; a date or figure is never one."""
    known = [(m.start, m.end) for m in find_mentions(reading.text, [*lexicon.entities, *lexicon.metrics], skip=skip)]
    found: list[Claimant] = []
    for head, scope, may_be_known in _candidates(reading, lexicon, skip):
        if head.pos not in ("NOUN", "PROPN"):
            continue  # a pronoun names no one
        if not may_be_known and any(s <= head.start < e for s, e in known):
            continue  # a name the store knows: the sentence's subject, not who stated it
        words = _phrase(reading, head)
        start, end = reading.tokens[words[0]].start, reading.tokens[words[-1]].end
        if any(s < end and start < e for s, e in skip) or any(c.span == (start, end) for c in found):
            continue
        found.append(Claimant(text=reading.text[start:end], span=(start, end), scope=scope))
    return found


def skipping_claimant(
    resolve: Callable[..., R], skip: Sequence[Span], claimant: Claimant | None, error: type[InvalidInput]
) -> R:
    """A reading made without the names inside the claimant ("the Harrowgate returning officer said Ashby had
    40 disputed ballots" is about Ashby), unless only they name the subject ("the mayor of Ashby said 40 people
    had died in his town")."""
    if claimant is None:
        return resolve(skip=list(skip))
    try:
        return resolve(skip=[*skip, claimant.span])
    except error as exc:
        if exc.extra.get("part") != "subject":
            raise
        return resolve(skip=list(skip))


def said_by(phrase: str, lexicon: Lexicon) -> Callable[[str | None], bool]:
    """Whether an assertion's claimant is the one `phrase` names (see the module's rule)."""
    mentions = find_mentions(phrase, lexicon.entities)
    names = {m.key for m in mentions}
    named = {w for m in mentions for w in lemmas_of(phrase[m.start : m.end])}
    reading = read(phrase)
    owner = {t.i for p in reading.tokens if p.dep == "poss" and p.head != p.i for t in reading.subtree(p.i)}
    proper_owner = {t.lemma for t in reading.tokens if t.i in owner and t.pos == "PROPN" and _is_content(t)} - named
    required = {t.lemma for t in reading.tokens if _is_content(t)} - named - proper_owner

    @functools.cache
    def matches(claimant: str | None) -> bool:
        if claimant is None:
            return False
        if not required:  # "according to Harrowgate": a name the store knows, said by that name
            return bool(names) and bool(names & {m.key for m in find_mentions(claimant, lexicon.entities)})
        theirs = read(claimant)
        words = {t.lemma for t in theirs.tokens if _is_content(t)}
        if not required <= words:
            return False
        if not proper_owner <= words and any(t.dep == "case" and t.lemma == "'s" for t in theirs.tokens):
            return False  # an owner of its own, and not this one
        others = {m.key for m in find_mentions(claimant, lexicon.entities)}
        return not (names and others and not others & names)

    return matches


def _candidates(reading: Reading, lexicon: Lexicon, skip: Sequence[Span]) -> list[tuple[Token, Span, bool]]:
    """(head noun, scope, whether a known name may be the claimant) for each place a claimant may stand."""
    found: list[tuple[Token, Span, bool]] = []
    for token in reading.tokens:
        if token.lemma == "accord":  # "according to X": the object of "to", for the clause "according" is in
            clause = _clause_scope(reading, token.head)
            to = [t for t in reading.children(token.i) if t.lemma == "to"]
            found += [(t, clause, True) for p in to for t in reading.children(p.i) if t.dep == "pobj"]
    for verb in reading.tokens:
        if verb.pos not in ("VERB", "AUX") or not _states(reading, verb):
            continue
        children = reading.children(verb.i)
        # "the toll was 40, the office said, and ...": a parenthetical statement speaks for the clause it is in
        scope = _clause_scope(reading, verb.head) if verb.dep == "parataxis" else _subtree_span(reading, verb.i)
        if any(t.dep == "auxpass" for t in children):  # "was put at 21 by the board": the agent
            found += [(t, scope, False) for by in children if by.dep == "agent" for t in reading.children(by.i)]
        else:  # "the board put the toll at 21"
            found += [(t, scope, False) for t in children if t.dep == "nsubj"]
    measures = find_mentions(reading.text, lexicon.metrics, skip=skip)
    for token in reading.tokens:
        owned = reading.tokens[token.head]
        if token.dep != "poss" or not _is_measure(reading, owned, measures):
            continue
        if token.pos == "PROPN" or _stated_by(reading, token, lexicon):
            found.append((token, _clause_scope(reading, owned.i), False))
    return found


def _is_measure(reading: Reading, owned: Token, measures: Sequence[Mention]) -> bool:
    """Whether an owned word is a measure's ("the death toll") or a stated figure of one ("the count of deaths",
    "the death count")."""
    if any(m.start <= owned.start < m.end for m in measures):
        return True
    if owned.lemma not in FIGURE_NOUNS:
        return False
    words = reading.subtree(owned.i)
    return any(words[0].start <= m.start and m.end <= words[-1].end for m in measures)


def _stated_by(reading: Reading, owner: Token, lexicon: Lexicon) -> bool:
    """Whether a measure's owner names who stated it: an organisation or a person to the English pipeline, or
    a phrase the store's claimants confirm. A phrase of two words or more is confirmed by a claimant holding
    them all ("civil protection's toll", when statements are attributed to the "National Civil Protection
    Agency"); one word only by a claimant it is the head of ("the ministry's count", "Health Ministry"), for
    a word that a claimant merely holds ("the storm's toll", "Storm Response Centre") may be what the figure is
    about. A confirming claimant has no owner of its own: "the country's health ministry" does not make "the
    country's toll" a ministry's."""
    if any(e.label in _OWNER_LABELS and e.start <= owner.start < e.end for e in reading.entities):
        return True
    words = _phrase(reading, owner)
    content = [reading.tokens[i] for i in words if _is_content(reading.tokens[i])]
    if len(content) == 1:
        lemma = content[0].lemma
        return any(_head_lemma(claimant) == lemma and not _owned(claimant) for claimant in lexicon.claimants)
    phrase = reading.text[reading.tokens[words[0]].start : reading.tokens[words[-1]].end]
    matches = said_by(phrase, lexicon)
    return len(content) > 1 and any(matches(claimant) and not _owned(claimant) for claimant in lexicon.claimants)


def _owned(claimant: str) -> bool:
    return any(t.dep == "case" and t.lemma == "'s" for t in read(claimant).tokens)


def _head_lemma(claimant: str) -> str | None:
    roots = [t for t in read(claimant).tokens if t.head == t.i]
    return roots[0].lemma if len(roots) == 1 else None


def _states(reading: Reading, verb: Token) -> bool:
    if verb.lemma in _STATING:
        return True
    # "put the toll at 500", "put it above 470": a preposition that places a value
    return verb.lemma == _PUT_AT and any(t.lemma in _PLACING for t in reading.children(verb.i))


def _clause_scope(reading: Reading, index: int) -> Span:
    """The clause a word is in: the subtree of the nearest verb above it (the sentence, at its root)."""
    current = index
    while reading.tokens[current].pos not in ("VERB", "AUX") and reading.tokens[current].head != current:
        current = reading.tokens[current].head
    return _subtree_span(reading, current)


def _subtree_span(reading: Reading, index: int) -> Span:
    """The words of a verb's own clause: its subtree up to a clause joined to it ("..., and the toll in
    Harrowgate was 12" is not the clause before it)."""
    joined = {t.i for c in reading.children(index) if c.dep in ("conj", "cc") for t in reading.subtree(c.i)}
    words = [t for t in reading.subtree(index) if t.i not in joined]
    return words[0].start, words[-1].end


def _phrase(reading: Reading, head: Token) -> list[int]:
    """The token indices of the noun phrase `head` heads, without the clauses and coordinations hung on it, its
    leading determiner or its trailing "'s": "governor's office", "mayor of Ashby"."""
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
    words = list(range(first, last + 1))
    if len(words) > 1 and reading.tokens[words[0]].pos == "DET":
        words = words[1:]
    if len(words) > 1 and reading.tokens[words[-1]].dep == "case":
        words = words[:-1]
    return words


def _is_content(token: Token) -> bool:
    return token.pos in _CONTENT and any(c.isalpha() for c in token.text)
