"""Questions in words ("How many Kenyan officers were in Haiti on 20 January 2025?") become structured questions.

A question is read through the one reader of English (`reasoning.english`): its kind from the words that
frame it ("how many", "when", "did ... any", "how many times"), its subject and metric from the stored
vocabulary (`reasoning.mentions`), its time (`reasoning.timing`), and every other word accounted for
(`reasoning.word_roles`): what the service did not understand, it says, instead of answering another question.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Collection, Sequence
from typing import Literal

import msgspec

from reasoning.claimants import find_claimants, skipping_claimant
from reasoning.english import INCREMENT_LEMMAS, NEGATION, Reading, Token, lemmas_of, read, same_word
from reasoning.errors import UnparseableQuestion, UnsupportedQuestion
from reasoning.evidence import Lexicon, MetricInfo
from reasoning.figures import DEFAULT_FIGURE_SETTINGS, FigureSettings, find_figures
from reasoning.mentions import Reading as MentionReading
from reasoning.mentions import (
    can_count,
    counted_nouns,
    feeding_flow,
    find_mentions,
    metric_family,
    names_measure_of,
    resolve_reading,
    verbs_of_shares,
)
from reasoning.ordinals import ordinal_counts_the_metric, ordinal_of, ordinal_spans
from reasoning.second_names import refuse_event_names, refuse_other_subjects
from reasoning.timing import (
    TimeFound,
    dated_clauses,
    dated_events,
    find_modality,
    find_time,
    refuse_running_total,
    up_to,
)
from reasoning.types import MetricKind, Modality, Precision, TimeSpan
from reasoning.word_roles import Role, WordRole, account_for_words, every_name_word, latest_words

__all__ = ["SUPPORTED_KINDS", "Question", "QuestionKind", "Threshold", "parse_question"]

Span = tuple[int, int]


class QuestionKind(enum.StrEnum):
    value_as_of = "value_as_of"  # how many ... on/as of/by a date; over a period for a flow, the total in it
    event_size = "event_size"  # how big was one event: "the fourth shipment", "the round announced on 18 September"
    sum = "sum"  # a total over several subjects: "Norland, Ruritania and Freedonia together"
    event_count = "event_count"  # how many events: "how many shipments arrived in March", "how many times"
    date = "date"  # when did ... first ...; when did the total first reach N
    existence = "existence"  # did/had/were there any ...


SUPPORTED_KINDS = tuple(kind.value for kind in QuestionKind)


ThresholdRelation = Literal["at_least", "above", "equal"]


class Threshold(msgspec.Struct, frozen=True, kw_only=True):
    """A figure a date question asks about: "first pass 2,000" (at_least), "first put at 21" (equal), "first put
    above 470" (above: the figure's own "above", "over", "more than")."""

    value: float
    relation: ThresholdRelation
    value_text: str
    span: Span
    # "when did the total number of job cuts first pass 2,000": met by a flow's running total, not one event
    running_total: bool = False


class Question(msgspec.Struct, frozen=True, kw_only=True):
    """A question as understood: its kind, what it asks about, as of when, and which words said so.

    `as_of` is the day the answer is for: the day named, the last day of a month, year or period named
    ("in September 2024" asks as of 30 September), or `today` when no date is named (then `as_of_text`
    and `as_of_span` are None). `time` keeps the whole span: a flow question ("killed in 2024") sums the
    events in it, an event question looks in it. `subjects` lists every subject of a sum, the first being
    `subject`. `words` gives every word's role; spans are character offsets into `text`.
    """

    text: str
    kind: QuestionKind
    subject: str
    metric: str
    as_of: dt.date
    as_of_text: str | None
    modality: Modality
    subject_span: Span | None
    metric_span: Span
    time: TimeSpan
    as_of_span: Span | None = None
    time_named: bool = False  # whether the question names its time (else `time` is today)
    subjects: tuple[str, ...] = ()
    ordinal: int | None = None  # "the fourth shipment": the 4th event
    threshold: Threshold | None = None
    words: tuple[WordRole, ...] = ()
    # "according to the governor's office": only the statements attributed to it are counted (`reasoning.claimants`)
    claimant: str | None = None
    claimant_span: Span | None = None


_UNSUPPORTED_OPENERS = frozenset({"why", "who", "whom", "whose", "which", "where"})
_COMPARISON_LEMMAS = frozenset({"compare", "versus", "vs", "than"})
_EXISTENCE_OPENERS = frozenset({"be", "have", "do"})
_DATE_NOUNS = frozenset({"date", "day", "month", "year"})
# "first pass 2,000", "first reach eight", "first top": a threshold reached; "put at", "stand at": a value equalled.
_REACH_LEMMAS = frozenset({"pass", "reach", "exceed", "top", "surpass", "cross", "hit"})
_EQUAL_LEMMAS = frozenset({"put", "stand", "set", "estimate", "give"})

# "how many more/new ...": the question asks for an increment, which is a flow whatever the tense.
_INCREMENT = re.compile(rf"(?i)\bhow\s+many\s+(?:{'|'.join(sorted(INCREMENT_LEMMAS))})\b")
_HINT = "ask e.g. 'How many buses were in the city's fleet on 1 March 2031?'"


def parse_question(
    text: str,
    lexicon: Lexicon,
    *,
    available: Collection[tuple[str, str]],
    today: dt.date,
    figure_settings: FigureSettings = DEFAULT_FIGURE_SETTINGS,
) -> Question:
    """Read a question in words; raise UnparseableQuestion, UnknownTerm or UnsupportedQuestion saying what
    was not understood, or AmbiguousTerm when it can be read more than one way."""
    if not text.strip():
        raise UnparseableQuestion("the question is empty", hint=_HINT, extra={"part": "subject", "suggestions": []})
    reading = read(text)
    opener = _opener(reading)
    _refuse_unsupported(reading, opener)
    found = find_time(text, anchor=today, error=UnparseableQuestion)
    time = found.time if found is not None else TimeSpan(start=today, end=today, precision=Precision.day, rule="today")
    skip: list[Span] = [found.span, *found.also] if found is not None else []
    # "in the 6 October 2030 regional election": the event the date dates is time too, names and all
    events = dated_events(reading, lexicon, skip)
    # "when the council declared the emergency in May 2030": what happened then says when, not which measure.
    # A clause that names nothing is read as a time is, unless the sentence names no measure outside it; any
    # other is read last, so what is chosen inside it keeps its role.
    occasions = dated_clauses(reading, skip)
    names = find_mentions(text, lexicon.entities, skip=skip)
    quiet = [(start, end) for start, end in occasions if not any(start < m.end and m.start < end for m in names)]
    skip += events
    if find_mentions(text, lexicon.metrics, skip=[*skip, *quiet]):
        skip += [span for span in quiet if span not in events]
    counting = _counted_noun(reading)
    ordinal = ordinal_of(reading, skip)
    threshold = _threshold(text, reading, skip, figure_settings) if opener == "when" else None
    if threshold is not None:
        skip.append(threshold.span)
    wants_events = (opener == "when" and threshold is None) or ordinal is not None
    increment = _INCREMENT.search(text) is not None
    # Who the question asks stated the figure: a claimant whose clause holds a measure's words.
    measures = [(m.start, m.end) for m in find_mentions(text, lexicon.metrics, skip=skip)]
    claimant = next((c for c in find_claimants(reading, lexicon, skip=skip) if any(map(c.covers, measures))), None)
    try:
        cue = MetricKind.flow if wants_events or _counts_events(reading, counting, lexicon) else None
        chosen = skipping_claimant(
            functools.partial(_resolve, text, lexicon, available, found=found, increment=increment, cue=cue),
            skip,
            claimant,
            UnparseableQuestion,
        )
    except UnparseableQuestion:
        # Nothing known was found where something was named: say which words, not only that nothing was found.
        read_spans: list[tuple[Span, Role]] = [(s, "time") for s in skip]
        read_spans += [(claimant.span, "claimant")] if claimant is not None else []
        account_for_words(reading, spans=read_spans, lexicon=lexicon, chosen=(), units=(), strict=True)
        raise
    chosen = _increment_of(chosen, lexicon) if increment else chosen
    info = {m.key: m for m in lexicon.metric_info}.get(chosen.metric)
    if opener in ("how", "what") and ordinal is None and not _counts_events(reading, counting, lexicon):
        refuse_running_total(reading, found, info, UnparseableQuestion)
    subjects = chosen.subjects or ((chosen.subject, chosen.subject_span),)
    flow_words = [(m.start, m.end) for m in chosen.mentions if m.key == chosen.metric]
    family = metric_family(chosen.metric, lexicon)
    if ordinal is not None and not ordinal_counts_the_metric(reading, chosen, family):
        ordinal = None  # "the first evacuation": a position among other things, not among the metric's events
    kind = _kind(opener, reading, counting, ordinal, len(subjects), info, flow_words, time, found is not None)
    if kind is QuestionKind.date and threshold is None and info is not None and info.in_percent:
        threshold = _whole_share(reading, chosen)  # "When was the fire fully contained?": at 100 percent
    if kind is QuestionKind.date and threshold is None and info is not None and info.in_percent:
        # "When was the fire contained?": a share always stands at some level; the day it was first reported
        # is not the day it reached the level the question means, which it does not give as a figure
        raise UnparseableQuestion(
            f"{text!r} asks when {info.name} reached a level it does not give as a figure",
            hint=f"name the level, e.g. 'when did {info.name.lower()} first reach 100 percent'",
            extra={"part": "kind", "suggestions": []},
        )
    flow = info is not None and info.kind is MetricKind.flow
    counts = kind in (QuestionKind.event_count, QuestionKind.existence)
    last_day = up_to(reading, found) if counts and flow and found and not found.also else None
    if last_day is not None:
        # "how many times ... by 3 March", "had it had any ... before March": everything on record up to it
        time = TimeSpan(start=None, end=last_day, precision=Precision.period, rule="up_to")
    spans: list[tuple[Span, Role]] = [(chosen.metric_span, "metric")]
    spans += [(span, "subject") for _, span in subjects if span is not None]
    entity_keys = {term.key for term in lexicon.entities}
    refuse_other_subjects(text, chosen, subjects, available, lexicon)
    refuse_event_names(text, chosen, events, available, lexicon)
    spans += [((m.start, m.end), "context") for m in chosen.mentions if m.key in entity_keys]
    spans += [(span, "figure") for span in ordinal_spans(reading, ordinal)]
    if found is not None:
        spans += [(span, "time") for span in (found.span, *found.also)]
    spans += [(span, "time") for span in events]
    spans += [(claimant.span, "claimant")] if claimant is not None else []
    if threshold is not None:
        spans.append((threshold.span, "figure"))
        # "first pass 2,000", "first put at 21": the words that say how the figure is met
        spans += [((t.start, t.end), "frame") for t in reading.tokens if t.lemma in _REACH_LEMMAS | _EQUAL_LEMMAS]
    if opener == "when":
        spans += [((t.start, t.end), "frame") for t in reading.tokens if t.lemma == "first"]
    if info is not None and info.kind is MetricKind.stock and kind in (QuestionKind.value_as_of, QuestionKind.sum):
        # "the latest toll": its value as of the day asked
        spans += [(span, "frame") for span in latest_words(reading, [chosen.metric_span], time_named=found is not None)]
    if info is not None and info.kind is MetricKind.flow:
        # "new job cuts", "more arrivals": every event of a flow is an increment; the word says nothing more
        spans += [((t.start, t.end), "frame") for t in reading.tokens if t.lemma in INCREMENT_LEMMAS]

    # "in the 6 October 2030 regional election" counts no election: a noun inside a time is no noun counted
    counted = [n for n in counted_nouns(reading) if not any(s <= n.start and n.end <= e for s, e in skip)]
    if counted and info is not None and not can_count(info, reading):
        noun = counted[0].text  # "How many seats did X win" when only the vote share is known: another measure
        raise UnparseableQuestion(
            f"{noun!r} in {text!r} is counted, but {info.name} is measured in {info.unit}",
            hint=f"ask for {info.name} in {info.unit}, or name a measure of what is counted",
            extra={"part": "metric", "suggestions": []},
        )
    verbs_of_chosen = verbs_of_shares(reading, chosen, lexicon) if counted else []
    spans += [(span, "frame") for span in verbs_of_chosen]
    # "legal cases over disputed ballots" where the measure is "court cases over contested ballots": the other
    # measure's words say what the chosen one is about, as its own name does
    topics = [
        (m.start, m.end) for m in chosen.mentions if m.key not in family and names_measure_of(m.key, family, lexicon)
    ]
    spans += [(span, "context") for span in topics]
    words = account_for_words(
        reading,
        spans=[*spans, *((span, "time") for span in occasions)],
        lexicon=lexicon,
        chosen={*family, *(key for key, _ in subjects)},
        units=[info.unit] if info else [],
        required=[counting.i] if counting is not None and _counts_another_measure(reading, counting, lexicon) else [],
        unused_measures=[
            (m.start, m.end)
            for m in chosen.mentions
            if m.key not in entity_keys
            and m.key not in family
            and (m.start, m.end) != chosen.metric_span
            and not any(span and span[0] < m.end and m.start < span[1] for _, span in subjects)
            and (m.start, m.end) not in verbs_of_chosen
            and (m.start, m.end) not in topics
        ],
    )
    return Question(
        text=text,
        kind=kind,
        subject=chosen.subject,
        metric=chosen.metric,
        as_of=time.end or today,  # parse_date_expression never returns an open span; `or` satisfies the type
        as_of_text=found.text if found is not None else None,
        modality=find_modality(text),
        subject_span=chosen.subject_span,
        metric_span=chosen.metric_span,
        as_of_span=found.span if found is not None else None,
        time=time,
        time_named=found is not None,
        subjects=tuple(key for key, _ in subjects) if kind is QuestionKind.sum else (chosen.subject,),
        ordinal=ordinal,
        threshold=threshold,
        words=tuple(words),
        claimant=claimant.text if claimant is not None else None,
        claimant_span=claimant.span if claimant is not None else None,
    )


def _resolve(
    text: str,
    lexicon: Lexicon,
    available: Collection[tuple[str, str]],
    *,
    skip: list[Span],
    found: TimeFound | None,
    increment: bool,
    cue: MetricKind | None,
) -> MentionReading:
    return resolve_reading(
        text,
        lexicon,
        available=available,
        error=UnparseableQuestion,
        skip=skip,
        time=found.time if found is not None else None,
        increment=increment,
        cue=cue,
        together=True,
    )


# --- the kind of question ------------------------------------------------------------------------------


def _opener(reading: Reading) -> str:
    """The word that frames the question: "how", "when", "what", an auxiliary ("did", "had", "were"), ..."""
    words = [t for t in reading.tokens if t.pos not in ("PUNCT", "SPACE")]
    for index, token in enumerate(words):
        lemma = token.lemma
        after = words[index - 1].pos if index else ""
        if len(token.text) > 1 and token.text.isupper() and after in ("DET", "ADP"):
            continue  # an acronym ("according to the WHO"), not a question word
        if lemma in ("how", "when", "what", *_UNSUPPORTED_OPENERS):
            if lemma == "what" and index + 1 < len(words) and words[index + 1].lemma in _DATE_NOUNS:
                return "when"  # "on what date", "in what month"
            return lemma
        if (index == 0 and token.pos == "AUX") or (index == 0 and lemma in _EXISTENCE_OPENERS):
            return "aux"
    return "statement"


def _refuse_unsupported(reading: Reading, opener: str) -> None:
    comparison = any(t.lemma in _COMPARISON_LEMMAS for t in reading.tokens)
    negated = NEGATION.search(reading.text) is not None  # "how many homes were not destroyed": not the count kept
    if opener in _UNSUPPORTED_OPENERS or comparison or negated or opener == "statement":
        what = (
            "a comparison"
            if comparison
            else "a negated question"
            if negated
            else f"a '{opener}' question"
            if opener != "statement"
            else "not a question"
        )
        raise UnsupportedQuestion(
            f"{reading.text!r} is {what}, which this service does not answer",
            hint="ask one of: how many/much (a value as of a date, one event's size, a sum over several subjects, "
            "a count of events), when something first happened, or whether anything happened",
            extra={"part": "kind", "kinds": list(SUPPORTED_KINDS), "suggestions": []},
        )


def _counted_noun(reading: Reading) -> Token | None:
    """The noun that "how many" counts ("how many shipments ..." -> "shipments")."""
    for token in reading.tokens:
        if token.lemma in ("many", "much") and token.i > 0 and reading.tokens[token.i - 1].lemma == "how":
            if any(child.lemma == "of" for child in reading.children(token.i)):
                return None  # "how many of the job cuts ...": a part of a whole, a value, never a count of events
            head = reading.tokens[token.head]
            return head if head.pos in ("NOUN", "PROPN") and head.i != token.i else None
    return None


def _counts_events(reading: Reading, counted: Token | None, lexicon: Lexicon) -> bool:
    """Whether "how many X" counts events rather than units: X is "times", or an event word ("shipments",
    "rounds", "filings") that counts the happenings of something measured in other units."""
    if counted is None:
        return False
    if counted.lemma == "time":
        return True
    return any(child.lemma == "of" for child in reading.children(counted.i)) and not _is_unit(counted, lexicon)


def _counts_another_measure(reading: Reading, counted: Token, lexicon: Lexicon) -> bool:
    """Whether the noun "how many" counts is a word the store knows for some measure or name: it must then be
    the chosen measure's, or the question is another's ("how many seats" answered with a count of votes). A
    word the store does not know ("how many residents" of evacuees) only narrows, like any modifier; "how many
    rounds of job cuts" counts the happenings of the measure, which the question's kind says."""
    if _counts_events(reading, counted, lexicon):
        return False
    return any(same_word(counted, word) for word in every_name_word(lexicon))


def _is_unit(token: Token, lexicon: Lexicon) -> bool:
    return any(same_word(token, word) for info in lexicon.metric_info for word in lemmas_of(info.unit))


def _kind(
    opener: str,
    reading: Reading,
    counted: Token | None,
    ordinal: int | None,
    subjects: int,
    info: MetricInfo | None,
    event_words: Sequence[Span],
    time: TimeSpan,
    time_named: bool,
) -> QuestionKind:
    if opener == "when":
        return QuestionKind.date
    if opener == "aux":
        return QuestionKind.existence
    if counted is not None and counted.lemma == "time":
        return QuestionKind.event_count
    if subjects > 1:
        return QuestionKind.sum
    is_flow = info is not None and info.kind is MetricKind.flow
    if is_flow and ordinal is not None:
        return QuestionKind.event_size
    if is_flow and counted is not None and _counts_events_of(reading, counted, info, event_words):
        return QuestionKind.event_count
    if is_flow and time_named and time.precision is Precision.day:
        return QuestionKind.event_size
    return QuestionKind.value_as_of


def _counts_events_of(reading: Reading, counted: Token, info: MetricInfo | None, event_words: Sequence[Span]) -> bool:
    """Whether "how many X" counts the flow's events: X is not its unit, and is either followed by "of" ("how
    many rounds of job cuts") or is itself a word the vocabulary gives the flow ("how many shipments"). Where X
    is a name of the flow that holds its unit ("how many job cuts", with the unit "jobs"; "how many bus
    deliveries", with the unit "buses"), English says either, and the question is refused (422)."""
    unit = info.unit if info is not None else ""
    if any(same_word(counted, word) for word in lemmas_of(unit)):
        return False
    named_with_unit = [
        (start, end)
        for start, end in event_words
        if any(same_word(t, word) for t in reading.tokens_in(start, end) for word in lemmas_of(unit))
    ]
    if any(start <= counted.start and counted.end <= end for start, end in named_with_unit):
        words = reading.text[named_with_unit[0][0] : named_with_unit[0][1]]
        raise UnparseableQuestion(
            f"'how many {words}' in {reading.text!r} may count the {unit} or the events; the service does not guess",
            hint=f"ask 'how many {unit}' for the total, or 'how many times' or 'how many rounds of {words}' for the "
            "events",
            extra={"part": "kind", "suggestions": []},
        )
    has_of = any(child.lemma == "of" for child in reading.children(counted.i))
    return has_of or any(start <= counted.start and counted.end <= end for start, end in event_words)


def _increment_of(chosen: MentionReading, lexicon: Lexicon) -> MentionReading:
    """ "How many new officers": an increment of a level is the flow the vocabulary says feeds it, when there
    is exactly one; otherwise the reading stands (and the word "new" must be explained by it)."""
    flow = feeding_flow(chosen.metric, lexicon)
    return chosen if flow is None else msgspec.structs.replace(chosen, metric=flow)


# Adverbs that put a share at all of it: "fully contained", "completely vaccinated".
_WHOLLY = frozenset({"fully", "completely", "entirely", "totally", "wholly"})


def _whole_share(reading: Reading, chosen: MentionReading) -> Threshold | None:
    """The threshold of "when was the fire fully contained" when the measure is a share: 100 percent, said by
    an adverb of wholeness on the measure's own word; None when there is no such adverb."""
    start, end = chosen.metric_span
    for token in reading.tokens:
        head = reading.tokens[token.head]
        if token.lemma in _WHOLLY and token.dep == "advmod" and start <= head.start and head.end <= end:
            return Threshold(value=100, relation="at_least", value_text=token.text, span=(token.start, token.end))
    return None


def _threshold(text: str, reading: Reading, skip: Collection[Span], settings: FigureSettings) -> Threshold | None:
    """The figure of "when did the total first pass 2,000" and how it is to be met."""
    figures = [f for f in find_figures(text, settings) if not any(s < f.end and f.start < e for s, e in skip)]
    if len(figures) != 1:
        return None
    figure = figures[0]
    lemmas = {t.lemma for t in reading.tokens}
    relation: ThresholdRelation
    if lemmas & _REACH_LEMMAS:
        relation = "at_least"
    elif lemmas & _EQUAL_LEMMAS:
        relation = "equal"
    else:
        return None
    # "put the toll above 470", "put it at at least 2,000": the figure's own bound says how it is met
    if figure.figure.qualifier == "more_than":
        relation = "above"
    elif figure.figure.qualifier == "at_least":
        relation = "at_least"
    # "the total number of job cuts", "total job cuts": "total" qualifies the count and nothing qualifies it
    # ("the daily total" is one day's); a figure stated equal ("first put at 40") is no sum
    running_total = relation != "equal" and any(
        t.lemma == "total" and t.dep == "amod" and not reading.children(t.i) for t in reading.tokens
    )
    return Threshold(
        value=figure.figure.number,
        relation=relation,
        value_text=figure.figure.value_text,
        span=(figure.start, figure.end),
        running_total=running_total,
    )
