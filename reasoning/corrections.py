"""Corrections: statements a source withdraws or revises, and the statements a revision replaces.

A figure that has been corrected is no candidate for an answer however many sources repeated it before the
correction: those sources could not know better. The sentence says so in the language's own words, a closed
class read here and nowhere else:

- the old value, restated as such: "60.2% (provisional: 61.9%)", "cut its toll to 431 from 447", "the
  figure of 447 ... has been corrected", "revised its own figure down from 472";
- the new value: "is revised to 58.1%", "has been revised to 1,550,000", and the other value of a source
  that restates an old one for the same subject, measure and time ("60.2%" beside "provisional: 61.9%").

A new value replaces the statements for the very same time, subject, measure and modality that disagree
with it, that were published no later than it, and that no other claimant made ("the governor's count" is
not the agency's to correct). The old value's own restatement is never a candidate either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

import msgspec

from reasoning.english import Reading, Token, lemmas_of, read
from reasoning.events import span_of
from reasoning.evidence import Evidence
from reasoning.figures import intervals_overlap
from reasoning.wording import name_source, quote_evidence

__all__ = ["Correction", "apply_corrections", "revision_mark"]

Mark = Literal["old", "new"]


class Marked(msgspec.Struct, frozen=True):
    mark: Mark
    # "cut its toll to 431 from 447" revises a count, "cut its workforce to 900 from 1,200" changes the world:
    # a verb that can say either marks the two values only when the source gives both for the same time.
    paired: bool = False


# Verbs that only ever revise a stated figure. "rose to 431 from 309" is the world changing: not here.
_REVISING = frozenset("revise correct amend restate".split())
# Verbs that revise a figure or change the world ("cut its toll" or "cut its workforce"): paired marks only.
_REVISING_OR_CHANGING = frozenset("adjust update lower raise cut reduce downgrade upgrade".split())
# Verbs whose passive says a stated figure no longer stands: "the figure of 447 ... has been corrected".
_WITHDRAWING = _REVISING | {"withdraw", "retract", "replace", "supersede"}
_REVISION_WORDS = re.compile(
    "|".join(rf"\b{verb.removesuffix('e')}" for verb in sorted(_WITHDRAWING | _REVISING_OR_CHANGING)),
    re.IGNORECASE,
)
# "(provisional: 61.9%)", "(previously 58.3%)", "(was 22)": an old value set beside the new one.
_RESTATED_OLD = re.compile(
    r"\(\s*(?:(?:the\s+)?(?:provisional|preliminary|initial|earlier|previous|original|old|uncorrected|unrevised)"
    r"(?:\s+(?:figure|count|result|tally|estimate|total))?|previously|originally|initially|formerly|was|were)"
    r"\s*[:=]?\s*\Z",
    re.IGNORECASE,
)
# Words of a claimant that say nothing of who it is ("the", "of", "head of"): left out when comparing claimants.
_CLAIMANT_FILLER = frozenset("the a an of and for its their his her head spokesman spokeswoman said".split())


class Correction(msgspec.Struct, frozen=True, kw_only=True):
    """A statement that is no candidate any more, and why: the statement that revised it, or its own words."""

    corrected: Evidence
    by: Evidence | None  # None: the statement itself says its figure was withdrawn or revised
    why: str


def apply_corrections(evidence: Sequence[Evidence]) -> tuple[list[Evidence], list[Correction]]:
    """The statements that still stand, and the corrections that removed the others."""
    marks = _marks(evidence)
    corrections: dict[int, Correction] = {}
    for statement in evidence:
        if marks[statement.assertion_id] == "old":
            why = f"{quote_evidence(statement)} is restated as a figure that was revised or withdrawn"
            corrections[statement.assertion_id] = Correction(corrected=statement, by=None, why=why)
    for new in (e for e in evidence if _is_new(e, evidence, marks)):
        for other in evidence:
            if other.assertion_id in corrections or not _replaced_by(other, new):
                continue
            why = f"corrected by {name_source(new.source_id)}'s {quote_evidence(new)}, published later or with it"
            corrections[other.assertion_id] = Correction(corrected=other, by=new, why=why)
    kept = [e for e in evidence if e.assertion_id not in corrections]
    return kept, sorted(corrections.values(), key=lambda c: c.corrected.assertion_id)


def _marks(evidence: Sequence[Evidence]) -> dict[int, Mark | None]:
    found = {e.assertion_id: revision_mark(e) for e in evidence}
    marks: dict[int, Mark | None] = {}
    for statement in evidence:
        marked = found[statement.assertion_id]
        if marked is not None and marked.paired:
            partner = "new" if marked.mark == "old" else "old"
            paired = any(
                (other := found[e.assertion_id]) is not None
                and other.mark == partner
                and e.source_id == statement.source_id
                and _same_quantity(e, statement)
                for e in evidence
            )
            marked = marked if paired else None
        marks[statement.assertion_id] = marked.mark if marked is not None else None
    return marks


def _is_new(statement: Evidence, evidence: Sequence[Evidence], marks: dict[int, Mark | None]) -> bool:
    mark = marks[statement.assertion_id]
    if mark == "new":
        return True
    if mark == "old":
        return False
    # "turnout 60.2% (provisional: 61.9%)": the value a source sets beside the old one it restates is the new one.
    return any(
        marks[other.assertion_id] == "old"
        and other.source_id == statement.source_id
        and _same_quantity(other, statement)
        for other in evidence
    )


def _replaced_by(statement: Evidence, new: Evidence) -> bool:
    if statement.assertion_id == new.assertion_id or not _same_quantity(statement, new):
        return False
    if intervals_overlap(statement.interval, new.interval):
        return False  # it agrees with the correction
    published, revised = statement.source_date, new.source_date
    if statement.source_id != new.source_id and (published is None or revised is None or published > revised):
        return False  # a later statement, or one whose date is unknown, may know of the correction
    return _same_claimant(statement.claimant, new.claimant)


def _same_quantity(a: Evidence, b: Evidence) -> bool:
    span = span_of(a.time)
    return (
        span is not None
        and span == span_of(b.time)
        and (a.subject, a.metric, a.modality) == (b.subject, b.metric, b.modality)
    )


def _same_claimant(a: str | None, b: str | None) -> bool:
    """Whether one claimant's words are all in the other's ("the agency's head" and "the agency"); a statement
    nobody is named for may be anyone's."""
    if a is None or b is None:
        return True
    first, second = _claimant_words(a), _claimant_words(b)
    return bool(first and second) and (first <= second or second <= first)


def _claimant_words(claimant: str) -> frozenset[str]:
    return frozenset(w for w in lemmas_of(claimant.casefold()) if w.isalpha() and w not in _CLAIMANT_FILLER)


def revision_mark(statement: Evidence) -> Marked | None:
    """Whether the statement's own sentence gives its figure as an old value, as a revised one, or neither."""
    quote, value = statement.quote, statement.value_text
    at = quote.find(value) if value else -1
    if at < 0:
        return None
    if _RESTATED_OLD.search(quote, 0, at):
        return Marked("old")
    if not _REVISION_WORDS.search(quote):
        return None  # most quotes revise nothing: they are not read for it
    reading = read(quote)
    figure = [t for t in reading.tokens_in(at, at + len(value)) if t.pos != "PUNCT"]
    if not figure:
        return None
    return _mark_by_grammar(reading, figure)


def _mark_by_grammar(reading: Reading, figure: Sequence[Token]) -> Marked | None:
    inside = {t.i for t in figure}
    node = next((t for t in figure if t.head not in inside or t.head == t.i), figure[0])
    for _ in range(4):  # up through the figure's own phrase: "32.8 per cent", "1,620,000 children"
        head = reading.tokens[node.head]
        if node.dep == "pobj" and head.lemma in ("to", "from"):
            verb = _verb_of(reading, head)
            if verb is None or verb.lemma not in _REVISING | _REVISING_OR_CHANGING:
                return None
            return Marked("new" if head.lemma == "to" else "old", paired=verb.lemma not in _REVISING)
        if node.dep in ("nsubjpass", "nsubj") and head.lemma in _WITHDRAWING and _is_passive(reading, head):
            return Marked("old")  # "the figure of 447 ... has been corrected"
        if node.head == node.i:
            return None
        node = head
    return None


def _verb_of(reading: Reading, preposition: Token) -> Token | None:
    """The verb a "to" or "from" hangs on, through a particle or adverb ("revised down to 58.1%")."""
    node = reading.tokens[preposition.head]
    for _ in range(2):
        if node.pos in ("VERB", "AUX"):
            return node
        if node.dep not in ("advmod", "prt") or node.head == node.i:
            return None
        node = reading.tokens[node.head]
    return None


def _is_passive(reading: Reading, verb: Token) -> bool:
    return any(child.dep == "auxpass" for child in reading.children(verb.i))
