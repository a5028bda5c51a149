"""Modality from grammar: whether a figure or a clause states what happened, a pledge, a plan or a goal.

Extraction (a figure in a source text) and questions and claims (a sentence a user typed) both read modality
here, on the one reader of English (`reasoning.english`), so the same words mean the same thing everywhere.

The rule for a bare future, stated once (the README says the same): a simple future of an act, "will" or
"shall" (or a headline's "Kenya to Send 600 Officers"), states a commitment and is **pledged**: "Kenya will
deploy 600 officers". A future that commits no one to an act is **planned**: "would" (reported or
conditional: "said it would cut 1,200 jobs", "would be ready"), a passive ("will be deployed"), a future
perfect ("will have closed two plants"), a future of being ("will be ready"). The curated seed assertions
record the editors' convention this way ("Kenya will deploy an additional 600" pledged, "would be ready for
deployment" planned). A future auxiliary says only that the figure lies ahead, so the caller may overrule it
when the figure's time is wholly past ("will replace the 150 buses it bought last year"): `future_only` says
so.

Everything else is a word's lemma in one table (`_VERBS`, `_NOUNS`, below), English grammar, nothing of any
topic: pledge/promise/vow/commit/offer are pledged; plan/intend/expect/schedule/forecast/authorize, "set to",
"approved to" are planned; aim/target/seek/need/require/hope/want/request, the nouns target/goal/objective/
ceiling and "short of" are goal. Negation does not change modality ("did not pledge 200" is still about a
pledge; "no plans to cut 500 jobs" still a plan): denials are read elsewhere.

A figure's modality is that of the words governing it: its noun ("a target of 3,000", "the 2.4 million
goal", "pledges from 10 countries"), that noun's modifiers ("the pledged 200 doses", "the 3,000 beds
needed", "the 5,000 it had hoped for"), then the verbs above it, up through infinitives and participles
("pledged to deploy 1,000", "plans to buy 300") to the first finite verb, where tense and mood are stated.
A finite verb with no cue makes the figure actual, except that a subject shares its coordinated predicates
("officers were training and would be ready"). Four boundaries: a relative clause in the past that says
which things the figure counts makes it actual ("will replace the 150 buses it bought last year"; one set
off by a comma, "pledged 200 doses, which arrived", does not); an infinitive saying what a thing is for is a
goal ("a grant to vaccinate 1.5 million children"); a participle of result after a commitment is planned
("will stop production, leaving it with four plants"); a phrase fronted before the subject is the occasion,
not the object, of the verb ("In her speech to the 45-member council, she promised ..." is actual).

A clause's modality (a question or claim) is that of its main verb and the nouns it is about: "How many
jobs had Acme announced it would cut?" asks about what was announced, actual.
"""

from __future__ import annotations

from typing import NamedTuple

from reasoning.english import Reading, Token, read
from reasoning.types import Modality

__all__ = ["MODALITY_LEMMAS", "ModalityFound", "modality_of_clause", "modality_of_figure"]

PLEDGED, PLANNED, GOAL, ACTUAL = Modality.pledged, Modality.planned, Modality.goal, Modality.actual


class ModalityFound(NamedTuple):
    modality: Modality
    future_only: bool  # only a future auxiliary said so ("will", "would", a headline's "to")


_ACTUAL = ModalityFound(ACTUAL, False)

# Verbs by lemma. A verb marked "needs an infinitive" counts only with one ("set to deploy", "approved to
# send", "preparing to buy"): "set a record", "approved the budget" state what happened.
_VERBS: dict[str, Modality] = {
    "pledge": PLEDGED,
    "promise": PLEDGED,
    "vow": PLEDGED,
    "commit": PLEDGED,
    "offer": PLEDGED,  # "offered to send 200 doses", "offered 200 doses": promised, not yet done
    "plan": PLANNED,
    "intend": PLANNED,
    "expect": PLANNED,
    "schedule": PLANNED,
    "forecast": PLANNED,
    "project": PLANNED,
    "predict": PLANNED,
    "anticipate": PLANNED,
    "authorize": PLANNED,
    "authorise": PLANNED,
    "set": PLANNED,
    "approve": PLANNED,
    "prepare": PLANNED,
    "aim": GOAL,
    "target": GOAL,
    "seek": GOAL,
    "need": GOAL,
    "require": GOAL,
    "hope": GOAL,
    "want": GOAL,
    "request": GOAL,
}
_NEEDS_INFINITIVE = frozenset({"set", "approve", "prepare"})
# Nouns by lemma: the figure is their amount ("a target of 3,000", "Kenya's total commitment to 1,000").
_NOUNS: dict[str, Modality] = {
    "pledge": PLEDGED,
    "promise": PLEDGED,
    "commitment": PLEDGED,
    "vow": PLEDGED,
    "offer": PLEDGED,  # "an offer of 200 doses"
    "plan": PLANNED,
    "intention": PLANNED,
    "projection": PLANNED,
    "forecast": PLANNED,
    "target": GOAL,
    "goal": GOAL,
    "objective": GOAL,
    "aim": GOAL,
    "ceiling": GOAL,
    "quota": GOAL,
}
# Adjectives that make the figure they govern a goal: "well short of the 5,000".
_ADJECTIVES: dict[str, Modality] = {"short": GOAL}
# Future auxiliaries (lemmas; "'ll" and "wo" of "won't" read as "will").
_COMMITTING_FUTURE = frozenset({"will", "shall"})
_HEDGED_FUTURE = frozenset({"would"})
# The small pipeline's lemmatizer reads "hoped" as "hop": the word forms it gets wrong, mended by form.
_LEMMA_BY_FORM = {"hoped": "hope", "hoping": "hope", "hopes": "hope"}

# Main verbs that stand for another: an inverted auxiliary read as the root, and verbs of denial.
# Every lemma that says how a figure stands, for the readers that must account for each word of a sentence.
MODALITY_LEMMAS = frozenset({*_VERBS, *_NOUNS})
_AUXILIARY_VERBS = frozenset({"have", "do", "be"})
_DENYING_VERBS = frozenset({"deny", "refute"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON", "SYM", "X"})
_MODIFIERS = frozenset({"amod", "acl", "relcl", "compound"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd"})


def _lemma(token: Token) -> str:
    return _LEMMA_BY_FORM.get(token.text.lower(), token.lemma)


def _has_infinitive(reading: Reading, verb: Token) -> bool:
    return any(c.dep in ("xcomp", "ccomp") and c.tag == "VB" for c in reading.children(verb.i))


def _verb_cue(reading: Reading, verb: Token) -> ModalityFound | None:
    """What a verb itself says: its lemma, then its auxiliaries ("will", "would", a headline's "to")."""
    lemma = _lemma(verb)
    if lemma in _VERBS and (lemma not in _NEEDS_INFINITIVE or _has_infinitive(reading, verb)):
        return ModalityFound(_VERBS[lemma], False)
    if verb.pos == "ADJ" and lemma in _ADJECTIVES:
        return ModalityFound(_ADJECTIVES[lemma], False)
    auxiliaries = [c for c in reading.children(verb.i) if c.dep in ("aux", "auxpass")]
    modals = {_lemma(a) for a in auxiliaries if a.tag == "MD"}
    if modals & _HEDGED_FUTURE:
        return ModalityFound(PLANNED, True)
    if modals & _COMMITTING_FUTURE:
        # A passive, a perfect or "be" commits no one to an act: "will be deployed", "will have closed".
        states = lemma == "be" or any(a.dep == "auxpass" or _lemma(a) in ("be", "have") for a in auxiliaries)
        return ModalityFound(PLANNED if states else PLEDGED, True)
    if lemma == "go" and verb.tag == "VBG" and any(_lemma(a) == "be" for a in auxiliaries):
        going_to = next((c for c in reading.children(verb.i) if c.dep == "xcomp"), None)
        if going_to is not None:
            return ModalityFound(PLEDGED, True)  # "is going to deploy": a "will"
    if verb.tag == "VB" and any(a.tag == "TO" for a in auxiliaries):
        # A headline's infinitive with a subject of its own, "Kenya to Send 600 Officers", is its "will";
        # "for Kenya to send 600" is not a headline.
        children = reading.children(verb.i)
        headline = verb.head == verb.i or not _is_verbal(reading.tokens[verb.head])
        subject = any(c.i < verb.i and c.pos in _NOMINAL and c.dep in ("nsubj", "dep") for c in children)
        if headline and subject and not any(c.dep == "mark" for c in children):
            return ModalityFound(PLEDGED, True)
    return None


def _is_finite(reading: Reading, verb: Token) -> bool:
    if verb.tag in _FINITE_TAGS:
        return True
    return any(c.dep in ("aux", "auxpass") and c.tag in _FINITE_TAGS for c in reading.children(verb.i))


def _is_verbal(token: Token) -> bool:
    return token.pos in ("VERB", "AUX") or token.tag.startswith("VB")


def _modifier_cue(reading: Reading, noun: Token, *, clauses: bool = True) -> ModalityFound | None:
    """A noun's own cue words: "the pledged 200", "the 3,000 beds needed", "the 5,000 it had hoped for",
    "the 2,000 the service says it needs" (a relative clause, read through what it reports, unless `clauses`
    is False)."""
    for child in reading.children(noun.i):
        if child.dep not in _MODIFIERS or (child.dep == "relcl" and not clauses):
            continue
        if child.dep == "compound" and _lemma(child) in _NOUNS:
            return ModalityFound(_NOUNS[_lemma(child)], False)  # "a 3,000-bed target" read the other way
        words = reading.subtree(child.i) if child.dep == "relcl" else [child]
        for word in words:
            if _is_verbal(word) and _lemma(word) in _VERBS and _lemma(word) not in _NEEDS_INFINITIVE:
                return ModalityFound(_VERBS[_lemma(word)], False)
    return None


# Verbs that tell of things rather than do them: their object is what the telling is about.
_TELLING = frozenset(
    "announce report say state name list unveil outline propose present publish identify describe detail "
    "set estimate count promise plan".split()
)


def _object_of_an_act(reading: Reading, noun: Token) -> bool:
    """Whether the noun is what a finite verb with no cue of its own did: in "hired all 3,000 vaccinators it
    needed" the hiring is stated, and the relative clause only says which vaccinators. Through "of" ("1,200 of
    the 3,000 vaccinators it needs") the clause still speaks for the figure."""
    head = reading.tokens[noun.head]
    if noun.dep != "dobj" or not _is_verbal(head) or not _is_finite(reading, head) or _lemma(head) in _TELLING:
        return False  # "announced 3,000 vaccinators it plans to hire" tells of them: the clause still speaks
    return _verb_cue(reading, head) is None


def _is_fronted_adjunct(reading: Reading, phrase: Token, verb: Token) -> bool:
    """A prepositional phrase before the verb's subject sets the scene; the verb's modality is not its."""
    if phrase.dep != "prep" or phrase.i > verb.i:
        return False
    return any(c.dep in _SUBJECTS and c.i > phrase.i for c in reading.children(verb.i))


def _is_purpose(reading: Reading, verb: Token) -> bool:
    """An infinitive that says what a thing is for ("a grant to vaccinate 1.5 million children"); one that
    completes a cue noun ("plans to cut", "the goal to reach") is left to that noun."""
    if verb.dep not in ("acl", "relcl") or verb.tag != "VB" or _lemma(reading.tokens[verb.head]) in _NOUNS:
        return False
    children = reading.children(verb.i)
    return any(c.tag == "TO" for c in children) and not any(c.dep in _SUBJECTS for c in children)


def _has_past_restrictive_clause(reading: Reading, noun: Token) -> bool:
    """ "The five plants it ran last year", "the 2,100 cuts it has announced": a relative clause in the past
    that says which things the figure counts. One set off by a comma (", which arrived on Monday") only
    adds to what the sentence says, so "pledged 200 doses, which arrived" stays a pledge."""
    for clause in (c for c in reading.children(noun.i) if c.dep == "relcl"):
        first = reading.subtree(clause.i)[0]
        if first.i > 0 and reading.tokens[first.i - 1].text == ",":
            continue
        auxiliaries = [a for a in reading.children(clause.i) if a.dep in ("aux", "auxpass")]
        if any(a.tag == "MD" for a in auxiliaries):
            continue
        if clause.tag == "VBD" or any(_lemma(a) == "have" or a.tag == "VBD" for a in auxiliaries):
            return True
    return False


def _figure_token(reading: Reading, start: int, end: int) -> Token | None:
    inside = reading.tokens_in(start, end)
    for token in inside:
        if not (start <= reading.tokens[token.head].start < end) or token.head == token.i:
            return token
    return inside[0] if inside else None


def modality_of_figure(text: str, start: int, end: int) -> ModalityFound:
    """The modality of the figure at characters `start`..`end` of `text` (one sentence, or a little more)."""
    reading = read(text)
    node = _figure_token(reading, start, end)
    if node is None:
        return _ACTUAL
    came_from: Token | None = None
    through_result = False
    for _ in range(len(reading.tokens)):
        if _is_verbal(node) or node.pos == "ADJ":
            if came_from is not None and _is_fronted_adjunct(reading, came_from, node):
                return _ACTUAL  # "In her speech to the 45-member council, she promised ...": the occasion
            cue = _verb_cue(reading, node)
            if cue is not None and cue.future_only and cue.modality is PLEDGED and through_result:
                return ModalityFound(PLANNED, True)  # "will stop production, leaving it with four plants"
            if cue is not None:
                return cue
            if _is_purpose(reading, node):
                return ModalityFound(GOAL, False)  # "a grant to vaccinate 1.5 million", "crews to bring it to 2,000"
            if _is_verbal(node) and _is_finite(reading, node):
                if came_from is not None and came_from.dep in ("prep", "dative"):
                    # "garnered pledges from 10 countries", "brings its commitment to 1,000": the figure
                    # measures the verb's object.
                    for other in reading.children(node.i):
                        if other.dep == "dobj" and _lemma(other) in _NOUNS:
                            return ModalityFound(_NOUNS[_lemma(other)], False)
                if came_from is not None and came_from.dep in ("xcomp", "attr", "acomp") and _lemma(node) == "be":
                    # "The goal is to reach 1,500": what the subject names is the figure's modality.
                    for other in reading.children(node.i):
                        if other.dep in _SUBJECTS and _lemma(other) in _NOUNS:
                            return ModalityFound(_NOUNS[_lemma(other)], False)
                if came_from is not None and came_from.dep in _SUBJECTS:
                    # A subject is the subject of its coordinated predicates too.
                    for other in reading.children(node.i):
                        if other.dep == "conj" and _is_verbal(other) and (cue := _verb_cue(reading, other)):
                            return cue
                return _ACTUAL
        elif node.pos in _NOMINAL:
            lemma = _lemma(node)
            if came_from is not None and lemma in _NOUNS:
                return ModalityFound(_NOUNS[lemma], False)
            if (cue := _modifier_cue(reading, node, clauses=not _object_of_an_act(reading, node))) is not None:
                return cue
            if _has_past_restrictive_clause(reading, node):
                return _ACTUAL  # "will replace the 150 buses it bought last year"
        if node.head == node.i:
            return _ACTUAL
        # A participle after the act says what it leads to: a commitment covers the act, not its result.
        through_result = through_result or (node.tag == "VBG" and node.dep == "advcl" and node.i > node.head)
        came_from, node = node, reading.tokens[node.head]
    return _ACTUAL


def modality_of_clause(text: str) -> Modality:
    """The modality of a sentence's main clause: its main verb ("has pledged", "plans to", "will deploy") and
    what it is about ("What was Kenya's pledge?", "the campaign's target"); else actual. A question or claim
    states one thing, so a cue in a clause it only reports ("announced it would cut") does not count."""
    reading = read(text)
    for root in (t for t in reading.tokens if t.head == t.i):
        for verb in _main_verbs(reading, root):
            if (_is_verbal(verb) or verb.pos == "ADJ") and (cue := _verb_cue(reading, verb)) is not None:
                return cue.modality
        copula = _lemma(root) == "be"
        arguments = [c for c in reading.children(root.i) if c.dep in _ARGUMENTS and c.pos in _NOMINAL]
        for argument in arguments:
            for noun in _nominal_chain(reading, argument):
                if _lemma(noun) in _NOUNS:
                    return _NOUNS[_lemma(noun)]
                if copula and (cue := _modifier_cue(reading, noun)) is not None:
                    return cue.modality  # "What is the pledged total?": the noun is what is asked
        if root.pos in _NOMINAL and _lemma(root) in _NOUNS:
            return _NOUNS[_lemma(root)]
    return ACTUAL


def _main_verbs(reading: Reading, root: Token) -> list[Token]:
    """The verbs that state a sentence's main clause. The small pipeline reads a question's inverted auxiliary
    as the main verb ("How many doses had Norland | pledged?"), so a bare have/do/be passes to the verb after
    it; a denial states its content denied ("denied that it planned to cut jobs" is about a plan), as a
    negation does."""
    verbs, frontier = [root], [root]
    while frontier:
        verb = frontier.pop()
        lemma = _lemma(verb)
        if lemma in _AUXILIARY_VERBS:
            deps: tuple[str, ...] = ("conj", "ccomp", "xcomp")
        elif lemma in _DENYING_VERBS:
            deps = ("ccomp",)
        else:
            continue
        found = [c for c in reading.children(verb.i) if c.dep in deps and c.i > verb.i and _is_verbal(c)]
        verbs += found
        frontier += found
    return verbs


def _nominal_chain(reading: Reading, noun: Token) -> list[Token]:
    """A noun and the nouns it is "of": "the size of Kenya's pledge" -> size, pledge."""
    chain = [noun]
    for child in reading.children(noun.i):
        if child.dep == "prep" and child.lemma == "of":
            chain += [p for p in reading.children(child.i) if p.dep == "pobj" and p.pos in _NOMINAL]
    return chain
