"""Corrections: statements a source withdraws or revises, and the statements a revision replaces.

A figure that has been corrected is no candidate for an answer however many sources repeated it before the
correction: those sources could not know better. The sentence says so in the language's own words, a closed
class read here and nowhere else:

- a new value: "is revised to 58.1%", "has been corrected to 1,550,000";
- an old value a source withdraws: "the figure of 447 ... has been corrected", where what is corrected is a
  figure ("figure", "count", "toll", "estimate" ...), never a thing ("1,200 troops were withdrawn");
- an old value restated beside a new one, which counts only when the source gives both for the same time
  (the other is then the new one): "turnout 60.2% (provisional: 61.9%)", "revised its figure down to 430 from
  472". The same words about two times are a change in the world or a figure of another period: "fell to
  5.1% (previously 5.3%)", "revised to 2.4%, from 2.1% in the previous quarter". So are verbs that may say
  either ("cut its toll to 431 from 447", "cut its workforce to 900 from 1,200"), whose two values are marked
  only as such a pair, and "rose to 402 from 309" is never marked.

A new value replaces the statements of the very same time, subject, measure and modality that disagree with
it and that were published before it: a named claimant's correction only that claimant's own statements (it
corrects its own figures, not another's nor the publication's), a correction nobody is named for (the
publication reporting a revision: "turnout is revised to 58.1%") whoever made them. A correction that a later
one replaces corrects nothing more, and two corrections of one quantity in one source that disagree leave
the question to the answer's usual rules. The old value's own restatement is never a candidate.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

import msgspec

from reasoning.english import FIGURE_NOUNS, Reading, Token, lemmas_of, read
from reasoning.events import span_of
from reasoning.evidence import Evidence
from reasoning.figures import intervals_overlap
from reasoning.wording import quote_evidence

__all__ = ["Correction", "Marked", "apply_corrections", "revision_mark"]

Mark = Literal["old", "new"]


class Marked(msgspec.Struct, frozen=True):
    mark: Mark
    # Counts only when the same source gives the other value of the pair for the same time (see the module).
    paired: bool = False


# Verbs that only ever revise a stated figure. "rose to 431 from 309" is the world changing: not here.
_REVISING = frozenset("revise correct amend restate".split())
# Verbs that revise a figure or change the world ("cut its toll" or "cut its workforce"): paired marks only.
_REVISING_OR_CHANGING = frozenset("adjust update lower raise cut reduce downgrade upgrade".split())
# Verbs whose passive says a stated figure no longer stands: "the figure of 447 ... has been corrected".
_WITHDRAWING = _REVISING | {"withdraw", "retract", "replace", "supersede"}
_REVISION_WORDS = re.compile(
    "|".join(
        rf"\b{verb.removesuffix('e')}(?:e|es|ed|ing|s|d|n|ted|ting)?\b"
        for verb in sorted(_WITHDRAWING | _REVISING_OR_CHANGING | {"withdrew"})
    ),
    re.IGNORECASE,
)
# "(provisional: 61.9%)", "(previously 58.3%)", "(was 22)": an old value set beside another.
_RESTATED_OLD = re.compile(
    r"\(\s*(?:(?:the\s+)?(?:provisional|preliminary|initial|earlier|previous|original|old|uncorrected|unrevised)"
    r"(?:\s+(?:figure|count|result|tally|estimate|total))?|previously|originally|initially|formerly|was|were)"
    r"\s*[:=]?\s*\Z",
    re.IGNORECASE,
)
# Words of a claimant that say nothing of who it is ("the", "of", "head of"): left out when comparing claimants.
_CLAIMANT_FILLER = frozenset("the a an of and for its their his her head spokesman spokeswoman said".split())

_Quantity = tuple[str, str, str, object]  # subject, metric, modality, (first day, last day)


class Correction(msgspec.Struct, frozen=True, kw_only=True):
    """A statement that is no candidate any more, and why: the statement that revised it, or its own words."""

    corrected: Evidence
    by: Evidence | None  # None: the statement itself says its figure was withdrawn or revised
    why: str


def apply_corrections(evidence: Sequence[Evidence]) -> tuple[list[Evidence], list[Correction]]:
    """The statements that still stand, and the corrections that removed the others."""
    groups: dict[_Quantity, list[Evidence]] = defaultdict(list)
    for statement in evidence:
        if (quantity := _quantity(statement)) is not None:
            groups[quantity].append(statement)
    corrections: dict[int, Correction] = {}
    for group in groups.values():
        corrections.update(_corrected_in(group))
    kept = [e for e in evidence if e.assertion_id not in corrections]
    return kept, sorted(corrections.values(), key=lambda c: c.corrected.assertion_id)


def _corrected_in(group: Sequence[Evidence]) -> dict[int, Correction]:
    """The corrections among statements of one quantity (one subject, measure, modality and time)."""
    marks = _marks(group)
    found: dict[int, Correction] = {}
    for statement in group:
        if marks[statement.assertion_id] == "old":
            why = "restated by its own source as a figure since revised or withdrawn"
            found[statement.assertion_id] = Correction(corrected=statement, by=None, why=why)
    news = [e for e in group if _is_new(e, group, marks)]
    # Two corrections of one quantity in one source that disagree: which is the later is not known.
    torn = {
        e.assertion_id
        for e in news
        for other in news
        if other.source_id == e.source_id and not intervals_overlap(other.interval, e.interval)
    }
    # The latest correction first: one it replaces corrects nothing more.
    for new in sorted(news, key=lambda e: (e.source_date is not None, e.source_date, e.source_id), reverse=True):
        if new.assertion_id in found or new.assertion_id in torn:
            continue
        for other in group:
            if other.assertion_id not in found and _replaced_by(other, new):
                why = f"corrected by {quote_evidence(new)}"
                found[other.assertion_id] = Correction(corrected=other, by=new, why=why)
    return found


def _marks(group: Sequence[Evidence]) -> dict[int, Mark | None]:
    found = {e.assertion_id: revision_mark(e) for e in group}

    def partner_of(statement: Evidence, marked: Marked) -> bool:
        # the other value of the pair: the same source's, for the same time (the group's), and another figure; an
        # old value's partner is not old itself, a new value's partner is old
        return any(
            e.source_id == statement.source_id
            and not intervals_overlap(e.interval, statement.interval)
            and ((other := found[e.assertion_id]) is not None and other.mark == "old") == (marked.mark == "new")
            for e in group
        )

    marks: dict[int, Mark | None] = {}
    for statement in group:
        marked = found[statement.assertion_id]
        if marked is not None and marked.paired and not partner_of(statement, marked):
            marked = None
        marks[statement.assertion_id] = marked.mark if marked is not None else None
    return marks


def _is_new(statement: Evidence, group: Sequence[Evidence], marks: dict[int, Mark | None]) -> bool:
    mark = marks[statement.assertion_id]
    if mark is not None:
        return mark == "new"
    # "turnout 60.2% (provisional: 61.9%)": the value a source sets beside the old one it restates is the new one.
    return any(marks[e.assertion_id] == "old" and e.source_id == statement.source_id for e in group)


def _replaced_by(statement: Evidence, new: Evidence) -> bool:
    if statement.assertion_id == new.assertion_id or intervals_overlap(statement.interval, new.interval):
        return False  # itself, or a figure that agrees with the correction
    published, revised = statement.source_date, new.source_date
    if statement.source_id != new.source_id and (published is None or revised is None or published >= revised):
        return False  # a statement of the same day or later, or of unknown date, may know of the correction
    return _may_correct(new.claimant, statement.claimant)


def _quantity(statement: Evidence) -> _Quantity | None:
    span = span_of(statement.time)
    return None if span is None else (statement.subject, statement.metric, statement.modality.value, span)


def _may_correct(corrector: str | None, claimant: str | None) -> bool:
    """Whether a correction by `corrector` replaces a statement by `claimant`. A claimant corrects its own
    figures ("the agency's head" and "the agency"), never another's nor the publication's own; a correction
    nobody is named for is the publication's report of a revision, and replaces what it revises whoever said it."""
    if corrector is None:
        return True
    if claimant is None:
        return False
    first, second = _claimant_words(corrector), _claimant_words(claimant)
    return bool(first and second) and (first <= second or second <= first)


def _claimant_words(claimant: str) -> frozenset[str]:
    return frozenset(w for w in lemmas_of(claimant.casefold()) if w.isalpha() and w not in _CLAIMANT_FILLER)


def revision_mark(statement: Evidence) -> Marked | None:
    """Whether the statement's own sentence gives its figure as an old value, as a revised one, or neither."""
    return _mark(statement.quote, statement.value_text)


@functools.lru_cache(maxsize=4096)
def _mark(quote: str, value: str) -> Marked | None:
    # The figure as written, once, as whole words: "447" is not the end of "1,447"; a figure written twice
    # ("deaths 14 (was 12), injured 12") cannot be told apart, and is left unmarked.
    places = [m.start() for m in re.finditer(rf"(?<![\w.,]){re.escape(value)}(?![\w])", quote)] if value else []
    if len(places) != 1:
        return None
    at = places[0]
    if _RESTATED_OLD.search(quote, 0, at):
        return Marked("old", paired=True)
    if not _REVISION_WORDS.search(quote):
        return None  # most quotes revise nothing: they are not read for it
    reading = read(quote)
    figure = [t for t in reading.tokens_in(at, at + len(value)) if t.pos != "PUNCT"]
    return _mark_by_grammar(reading, figure) if figure else None


def _mark_by_grammar(reading: Reading, figure: Sequence[Token]) -> Marked | None:
    inside = {t.i for t in figure}
    node = next((t for t in figure if t.head not in inside or t.head == t.i), figure[0])
    for _ in range(4):  # up through the figure's own phrase: "32.8 per cent", "the figure of 447"
        head = reading.tokens[node.head]
        if node.dep == "pobj" and head.lemma in ("to", "from"):
            verb = _verb_of(reading, head)
            if verb is None or verb.lemma not in _REVISING | _REVISING_OR_CHANGING:
                return None
            if head.lemma == "from":
                return Marked("old", paired=True)  # "from 472": of this time only if the source says so
            return Marked("new", paired=verb.lemma not in _REVISING)
        if node.dep in ("nsubjpass", "nsubj") and head.lemma in _WITHDRAWING and _is_passive(reading, head):
            # "the figure of 447 ... has been corrected", never "1,200 troops were withdrawn"
            # a figure withdrawn, not a thing ("troops were withdrawn")
            return Marked("old") if node.lemma in FIGURE_NOUNS else None
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
