"""Every word of a question or claim accounted for: the role it plays in the parse, or a refusal.

A word that names something (a proper name, a nationality, a measure, a number) and plays no part in the
parse means the service would answer a different question than the one asked ("How many firefighters died"
answered with the firefighters deployed). Such a word stops the parse with `unknown_term`. Only English
function words and the closed class of words that frame a question ("how many", "in total", "first") may
go unused; they are listed with the role `frame` or `ignored`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Literal

import msgspec

from reasoning.english import FIGURE_NOUNS, Reading, Token, lemmas_of, same_word
from reasoning.errors import UnknownTerm
from reasoning.evidence import Lexicon
from reasoning.lexicon import closest_names
from reasoning.modality import MODALITY_LEMMAS

__all__ = [
    "FRAME_LEMMAS",
    "Role",
    "WordRole",
    "account_for_words",
    "counts_from_a_date",
    "every_name_word",
    "latest_words",
    "name_words",
]

Role = Literal["subject", "metric", "context", "time", "figure", "modality", "unit", "frame", "claimant", "ignored"]
Span = tuple[int, int]

# Words that frame a question or claim in English without naming what it is about: a closed class, the
# language's, not any story's. Words that could change what is asked ("new", "final", "fell", "highest") are
# not here: a sentence that turns on them is refused unless the vocabulary names them.
FRAME_LEMMAS = frozenset(
    (
        "how many much what when which whose be have do will would can could shall should may might must "
        "number total combined combine together altogether overall all any some time times date day "
        "separate still already yet only just roughly about approximately around nearly almost exactly between "
        "them both size big large amount figure count tally as of by since until till so far there here now then"
    ).split()
)
# Verbs that ask, hold, report or amount to a figure without saying what it measures: a question may turn on
# them ("how many doses did the shipment contain", "how many filings were made", "the total came to 345").
# A word that completes one of them ("came back", "made homeless") is still read or refused (see `_qualifier`).
_ASKING_VERBS = frozenset(
    (
        "be have do hold report announce state say confirm count record register total give put "
        "contain include comprise number amount reach come"
    ).split()
)
# Verbs that frame a figure only in the passive: "how many filings were made", never "did Norland make".
_PASSIVE_ASKING_VERBS = frozenset({"make"})
# Parts of speech that name something; the others (determiners, prepositions, pronouns...) are function words.
_NAMING = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
# Named-entity labels that are names of things; DATE, TIME, CARDINAL and the like are read by other readers.
_NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


class WordRole(msgspec.Struct, frozen=True, kw_only=True):
    """One word of the text and what the parse made of it: `text[start:end] == word`."""

    word: str
    start: int
    end: int
    role: Role


def account_for_words(
    reading: Reading,
    *,
    spans: Sequence[tuple[Span, Role]],
    lexicon: Lexicon,
    chosen: Collection[str],
    units: Collection[str],
    unused_measures: Sequence[Span] = (),
    required: Collection[int] = (),
    strict: bool = False,
    names_only: bool = False,
    function_words_only: bool = False,
) -> list[WordRole]:
    """The role of every word; raise UnknownTerm (a 422) for a word that names something and plays no part.

    A word names something, and must be used, when it is a proper name or nationality, a number, a word of a
    measure the vocabulary knows (`unused_measures`: mentions of metrics other than the one chosen), or the
    verb the question turns on (its root, or a verb joined to it), unless that verb only asks ("have",
    "report", "announce"). Other words (a modifier such as "measles" in "measles vaccine doses") are listed
    as `ignored`, so the caller sees what was not used.

    `spans` are the parts already read (subject, metric, time, figure, ...); `chosen` the keys of the
    subject(s) and metric chosen, whose names and aliases explain their own words wherever they stand;
    `units` the chosen metric's units ("people", "doses"). `strict` counts every name and measure word the
    vocabulary knows as used (for saying which words were unknown when nothing could be chosen). `required`
    are the indices of more words that must be used: the noun a question counts ("how many seats" answered
    with a count of votes would answer another question). `names_only`
    checks names and numbers alone, not verbs (a claim of several figures has a verb for each).
    """
    keys = [t.key for t in (*lexicon.entities, *lexicon.metrics)] if strict else chosen
    known_words = name_words(lexicon, keys) | {lemma for unit in units for lemma in lemmas_of(unit)}
    framing = {
        t.i
        for t in reading.tokens
        if t.lemma in _PASSIVE_ASKING_VERBS and any(c.dep == "auxpass" for c in reading.children(t.i))
    }
    found: dict[int, Role | None] = {t.i: _role_of(t, spans, known_words) for t in reading.tokens}
    framing |= {t.i for t in reading.tokens if _declares_a_level(reading, t, found)}
    framing |= {
        t.i
        for t in reading.tokens
        if _starts_or_ends_with(reading, t, found) and not any(s <= t.start and t.end <= e for s, e in unused_measures)
    }
    predicates = set() if names_only else _predicate_verbs(reading) - framing
    found.update({index: "frame" for index in framing if found[index] is None})
    roles: list[WordRole] = []
    unknown: list[Token] = []
    for token in reading.tokens:
        role = found[token.i]
        if role is None:
            in_measure = token.pos in _NAMING and any(s <= token.start and token.end <= e for s, e in unused_measures)
            # a number is named whatever the tagger calls it ("the 2030–31 season" tags it an adjective)
            numeric = any(c.isdigit() for c in token.text)
            named = (
                token.pos in ("PROPN", "NUM")
                or numeric
                or (token.ent_type in _NAME_LABELS and token.pos in ("NOUN", "ADJ"))
            )
            qualifier = _qualifier(reading, token) and found.get(token.head) not in (None, "ignored")
            qualifier = qualifier or _unread_time(reading, token, found)
            content = token.pos in _NAMING if function_words_only else qualifier
            owner = _owner_of_measure(reading, token, found)
            if named or content or owner or in_measure or token.i in predicates or token.i in required:
                unknown.append(token)
                continue
            role = "ignored"
        roles.append(WordRole(word=token.text, start=token.start, end=token.end, role=role))
    if unknown:
        raise _unknown(reading, unknown, lexicon)
    return roles


# Prepositions that set a time: what follows them must be a time the reader understood.
_TIME_PREPOSITIONS = frozenset(
    {"after", "before", "since", "until", "till", "following", "prior", "during", "between", "from"}
)
# Nouns of a stretch of time that a preposition may count from a date ("the week before", "the days after").
_PERIOD_NOUNS = frozenset({"hour", "day", "week", "fortnight", "month", "year", "weekend", "night"})
# Function words an alias may hold ("the province") that explain nothing when they stand alone.
_ALIAS_FUNCTION_WORDS = frozenset("the a an of in on at to for by with and or from its their".split())


def _unread_time(reading: Reading, token: Token, found: dict[int, Role | None]) -> bool:
    """A time anchored on something the reader did not read ("after the second evacuation"): answering without
    it would answer for another time, so the preposition and its object are refused."""
    if token.pos == "ADP" and token.lemma in _TIME_PREPOSITIONS:
        if counts_from_a_date(reading, token):
            return True  # "in the week before 1 March": a period counted from the date, not the date
        return any(child.dep == "pobj" and found.get(child.i) is None for child in reading.children(token.i))
    if token.dep == "pobj" and reading.tokens[token.head].lemma in _TIME_PREPOSITIONS:
        return token.pos in ("NOUN", "PROPN")  # "between the first evacuation and March": an event as a time
    return False


def latest_words(reading: Reading, measures: Collection[Span], *, time_named: bool) -> list[Span]:
    """ "the latest toll", "currently deployed", "the most recent count of deaths": a level's value as of a day is
    already the latest on record by then, so these words, said of the level's own words (`measures`, or a
    figure noun over them) or, for "currently", of the sentence's verb, add nothing and are read as framing.
    Said of anything else ("before the latest delivery") they pick an event, which is another question, and
    "current" with a time named ("currently ... on 1 May 2024") says two times: both are left to be refused."""

    def of_the_measure(index: int) -> bool:
        # a figure's noun ("the latest toll", "the most recent count of deaths"), never the counted noun itself:
        # "the latest buses" are the newest buses, not the latest count of them
        head = reading.tokens[index]
        return head.lemma in FIGURE_NOUNS and any(
            s < e and s <= t.start and t.end <= e for t in reading.subtree(head.i) for s, e in measures
        )

    spans: list[Span] = []
    for token in reading.tokens:
        word = token.text.casefold()
        if word in ("current", "currently") and time_named:
            continue
        said_of_the_measure = word in ("latest", "current") and token.dep == "amod" and of_the_measure(token.head)
        if said_of_the_measure or (word == "currently" and _of_the_main_clause(reading, token.head)):
            spans.append((token.start, token.end))
        elif token.lemma == "recent" and token.dep == "amod" and of_the_measure(token.head):
            most = [c for c in reading.children(token.i) if c.lemma == "most"]
            spans += [(token.start, token.end), *((c.start, c.end) for c in most)] if most else []
    return spans


def _of_the_main_clause(reading: Reading, index: int) -> bool:
    """Whether a verb belongs to the sentence's main clause: the path up to the root passes through no noun or
    preposition ("the buses currently in use before the strike" hangs on a noun, and says nothing of the level)."""
    token = reading.tokens[index]
    while token.dep != "ROOT":
        if token.pos in ("NOUN", "PROPN", "ADP") or token.head == token.i:
            return False
        token = reading.tokens[token.head]
    return token.pos in ("VERB", "AUX")


def counts_from_a_date(reading: Reading, preposition: Token) -> bool:
    """Whether a time preposition counts a stretch of time from a date ("the week before 1 March", "in the
    days after the vote"): the noun of a stretch stands just before it, whatever the parse hangs it on."""
    previous = reading.tokens[preposition.i - 1] if preposition.i > 0 else None
    return previous is not None and previous.lemma in _PERIOD_NOUNS


# Verbs that state a level of their complement: "was declared fully contained", "pronounced dead".
_DECLARING_VERBS = frozenset({"declare", "pronounce"})


def _declares_a_level(reading: Reading, verb: Token, found: dict[int, Role | None]) -> bool:
    """A verb of declaring whose complement is the measure read says that the level was stated, as "reported"
    does: "when was the fire declared fully contained". What it declares must be the measure itself: "the council
    declared an emergency" is an act of its own."""
    if verb.lemma not in _DECLARING_VERBS:
        return False
    complements = [c for c in reading.children(verb.i) if c.dep in ("xcomp", "oprd", "acomp")]
    return any(found.get(c.i) in ("metric", "unit") for c in complements)


def _owner_of_measure(reading: Reading, token: Token, found: dict[int, Role | None]) -> bool:
    """The owner of the measure read, or of a figure of it ("civil protection's death toll", "the agency's
    count of deaths"): whose figure it is, a subject or who stated it. Left unread, the figure would be
    anyone's, so it must be read."""
    if token.dep in ("amod", "compound") and token.head != token.i:  # "civil" of "civil protection's"
        return token.text.isalpha() and _owner_of_measure(reading, reading.tokens[token.head], found)
    if token.dep != "poss" or token.pos not in ("NOUN", "PROPN"):
        return False
    owned = reading.tokens[token.head]
    if found.get(owned.i) == "metric":
        return True
    # "the ministry's count of deaths", "the governor's death count": a stated figure of the measure
    return owned.lemma in FIGURE_NOUNS and any(found.get(t.i) == "metric" for t in reading.subtree(owned.i))


def _qualifier(reading: Reading, token: Token) -> bool:
    """An adjective or adverb that can change which figure a word that was read means ("new", "final",
    "highest", "ever", "fewer"): it must be read too, or the sentence is refused. A noun modifier ("measles"
    in "measles vaccine doses"), or a modifier of a word left unread, only narrows; it may go unused."""
    qualifying = ("amod", "advmod", "acomp", "npadvmod", "oprd")  # "oprd": "made homeless", "declared dead"
    return token.pos in ("ADJ", "ADV") and token.dep in qualifying and token.text.isalpha()


def _starts_or_ends_with(reading: Reading, verb: Token, found: dict[int, Role | None]) -> bool:
    """ "The drive began on 4 March with 300 volunteers", "Riverton ended 2024 with 120 buses": the verb
    says when the figure after "with" held, not what it measures. What began or ended must be the subject, a
    name read, or the time itself ("began its campaign", "ended 2024"): "launched a new route with 20 buses"
    or "ended the strike with 20 buses" starts or ends something else, which the figure may belong to. A figure
    is read at the end of the time named, so a start frames it only on a day ("began on 4 March"), never over
    a period ("began 2024 with", "began in March with" speak of the period's first day)."""
    if verb.pos != "VERB" or verb.lemma not in _START_VERBS | _END_VERBS:
        return False
    children = reading.children(verb.i)
    if not any(c.dep == "prep" and c.lemma == "with" for c in children):
        return False
    objects = [c for c in children if c.pos in ("NOUN", "PROPN", "NUM") and c.dep not in ("nsubj", "prep")]
    if any(found.get(c.i) not in ("subject", "context", "time") for c in objects):
        return False  # "ended the strike", "launched a new route", "ended the year" (which year?)
    return verb.lemma in _END_VERBS or any(c.dep == "prep" and c.lemma == "on" for c in children)


# Verbs of starting and ending, which can put a figure at a time: "began with", "ended with". Not "open" or
# "close": "closed its plant with 300 jobs lost" closes a plant, an event of its own.
_START_VERBS = frozenset({"begin", "start", "launch"})
_END_VERBS = frozenset({"end", "finish", "conclude"})


def _predicate_verbs(reading: Reading) -> set[int]:
    """The verbs a question turns on: each sentence's root and the verbs coordinated with it or completing it,
    when they say what happened ("died", "arrived"), not only that something is asked or reported."""
    found: set[int] = set()
    for token in reading.tokens:
        if token.pos == "ADJ" and token.dep in ("acomp", "attr") and reading.tokens[token.head].dep == "ROOT":
            found.add(token.i)  # "were electric": a property the question turns on
            continue
        if token.pos != "VERB" or token.lemma in _ASKING_VERBS:
            continue
        head = reading.tokens[token.head]
        if token.dep == "xcomp" and head.lemma in MODALITY_LEMMAS:
            continue  # "promised to send": the promise is the predicate, the modality reader's word
        if token.dep == "ROOT" or (token.dep in ("conj", "xcomp") and head.dep == "ROOT"):
            found.add(token.i)
    return found


def _role_of(token: Token, spans: Sequence[tuple[Span, Role]], known_words: set[str]) -> Role | None:
    for (start, end), role in spans:
        if start <= token.start and token.end <= end:
            return role
    if token.pos in ("PUNCT", "SPACE", "SYM") or token.text in ("'s", "’s"):
        return "ignored"
    if token.lemma in FRAME_LEMMAS or token.text.casefold() in FRAME_LEMMAS or token.lemma in _ASKING_VERBS:
        return "frame"
    if token.lemma in MODALITY_LEMMAS:
        return "modality"
    if any(same_word(token, word) for word in known_words):
        return "unit"
    return None


def name_words(lexicon: Lexicon, keys: Collection[str]) -> set[str]:
    """The words of the names, keys and aliases of these terms, as lemmas: the words they vouch for wherever
    they stand. Words of two letters and the function words an alias may hold ("the province") vouch for none."""
    words: set[str] = set()
    for term in (*lexicon.entities, *lexicon.metrics):
        if term.key in keys:
            for name in (term.name, term.key.replace("-", " "), *term.aliases):
                words.update(
                    w for w in lemmas_of(name) if w.isalpha() and len(w) > 2 and w not in _ALIAS_FUNCTION_WORDS
                )
    return words


def every_name_word(lexicon: Lexicon) -> set[str]:
    """The words of every name and alias the store knows (see `name_words`)."""
    return name_words(lexicon, [t.key for t in (*lexicon.entities, *lexicon.metrics)])


def _unknown(reading: Reading, tokens: Sequence[Token], lexicon: Lexicon) -> UnknownTerm:
    phrases = _runs(reading, tokens)
    names = [n for t in (*lexicon.entities, *lexicon.metrics) for n in dict.fromkeys((t.name, *t.aliases))]
    suggestions = list(dict.fromkeys(s for phrase in phrases for s in closest_names(phrase, names, limit=3)))[:5]
    hint = (
        f"did you mean {', '.join(map(repr, suggestions))}? " if suggestions else ""
    ) + "use names and measures the store knows (GET /v1/entities, GET /v1/metrics), or add them to its vocabulary"
    # A word of a name the store knows that the reading leaves out is not "unknown": it is another question's.
    every_word = every_name_word(lexicon)
    known = [p for p in phrases if (words := [w for w in lemmas_of(p) if w.isalpha()]) and set(words) <= every_word]
    unknown = [p for p in phrases if p not in known]
    said: list[tuple[str, str]] = []  # (the phrases quoted, what is wrong with them)
    if unknown:
        said.append(
            (", ".join(map(repr, unknown)), f"{'names' if len(unknown) == 1 else 'name'} nothing the store knows here")
        )
    if known:
        verb, pronoun = ("is", "it") if len(known) == 1 else ("are", "them")
        wrong = f"{verb} known to the store, but no reading of the sentence uses {pronoun}"
        said.append((", ".join(map(repr, known)), wrong))
    (quoted, wrong), *rest = said
    detail = f"{quoted} in {reading.text!r} {wrong}" + "".join(f", and {q} {w}" for q, w in rest)
    return UnknownTerm(
        f"{detail}; answering without it would answer a different question",
        hint=hint,
        extra={"part": "term", "terms": phrases, "suggestions": suggestions},
    )


def _runs(reading: Reading, tokens: Sequence[Token]) -> list[str]:
    """Adjacent unknown words as one phrase ("Pellow Heath"), in text order."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and runs[-1][-1].i + 1 == token.i:
            runs[-1].append(token)
        else:
            runs.append([token])
    return [reading.text[run[0].start : run[-1].end] for run in runs]
