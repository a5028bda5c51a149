"""Time and modality in a question or claim: the date expression it names, and whether it speaks of a pledge,
a plan, a goal or what happened. Questions and claims share these readers: a claim states what a question asks."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import msgspec

from reasoning.dates import DatePhrase, find_date_phrases, parse_date_expression
from reasoning.english import Reading, read
from reasoning.errors import InvalidInput, UnparseableDate
from reasoning.evidence import Lexicon, MetricInfo
from reasoning.mentions import find_mentions
from reasoning.modality import modality_of_clause
from reasoning.types import MetricKind, Modality, Precision, TimeSpan
from reasoning.word_roles import counts_from_a_date

Span = tuple[int, int]

__all__ = [
    "TimeFound",
    "dated_clauses",
    "dated_events",
    "find_modality",
    "find_time",
    "find_times",
    "refuse_running_total",
    "up_to",
]


class TimeFound(msgspec.Struct, frozen=True, kw_only=True):
    """The date expression of a sentence, resolved: `text` is the words, at `span`; `also` holds the spans of
    other words that say the same time ("since March 2030" of "as of 1 June 2030 ... since March 2030")."""

    time: TimeSpan
    text: str
    span: tuple[int, int]
    also: tuple[tuple[int, int], ...] = ()


# Typed questions are often in lower (or upper) case; month names are matched capitalised in running text, so the
# unmistakable ones are capitalised first (same length, offsets kept), and "may"/"march" only beside a number or
# opening a range ("between march and june").
_LOWER_MONTHS = re.compile(
    r"(?i)\b(?:january|february|april|june|july|august|september|october|november|december)\b"
    r"|\b(?:may|march|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?(?=,?\s+\d)"
    r"|(?<=\d\s)(?:may|march|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
    r"|(?:(?<=\bbetween\s)|(?<=\bfrom\s))(?:may|march)\b"
)


def find_time(text: str, *, anchor: dt.date, error: type[InvalidInput]) -> TimeFound | None:
    """The one date expression in a sentence, resolved against `anchor`; None when it names no date.

    A range ("between 7 and 20 October 2030") is one expression, and so are a start and an end written apart
    ("as of 1 June 2030, how many ... since March 2030"); other pairs of expressions raise `error`.
    """
    prepared = _capitalise_months(text)
    phrases = find_date_phrases(prepared)
    if len(phrases) == 2:
        joined = _since_until(text, [_resolve(text, prepared, p, anchor, error) for p in phrases])
        if joined is not None:
            return joined
    if len(phrases) > 1:
        listed = ", ".join(repr(text[p.start : p.end]) for p in phrases)
        raise error(
            f"more than one date in {text!r}: {listed}",
            hint="state one date or period, e.g. 'as of 1 March 2031', 'in 2030' or 'between March and May 2030'",
            extra={"part": "date", "suggestions": []},
        )
    return _resolve(text, prepared, phrases[0], anchor, error) if phrases else None


def find_times(text: str, *, anchor: dt.date, error: type[InvalidInput]) -> list[TimeFound]:
    """Every date expression in a sentence, in text order, for callers that pair each date with its figure.

    "Since March" runs up to when the sentence speaks of: the day of a clause it lies within ("On 18
    September Acme announced 900 cuts, bringing its total since March to 2,100" is the total from March to 18
    September), or else the anchor. A clause joined by "and" is no clause the other lies within, and a day
    before the start, or a month or a year (when in it?), leaves the anchor."""
    prepared = _capitalise_months(text)
    phrases = find_date_phrases(prepared)
    found = [_resolve(text, prepared, phrase, anchor, error) for phrase in phrases]
    if not any(f.time.rule.startswith("since_") for f in found):
        return found
    reading = read(text)
    for index, (phrase, time) in enumerate(zip(phrases, found, strict=True)):
        governing = _governing_end(reading, time, found) if time.time.rule.startswith("since_") else None
        if governing is None:
            continue
        # read against that day, "since March" is the March before it; "since March 2031" may lie after it
        ending = _resolve(text, prepared, phrase, governing, error)
        start, end = ending.time.start, ending.time.end
        if start is not None and end is not None and start <= end:
            found[index] = ending
    return found


def _governing_end(reading: Reading, since: TimeFound, found: Sequence[TimeFound]) -> dt.date | None:
    """The day of the one other date whose verb governs the clause "since ..." is in, if there is one."""
    verb = _verb_of(reading, since.span)
    if verb is None:
        return None
    above = set(_governing_words(reading, verb))
    days = [
        f.time.end
        for f in found
        if f is not since
        and f.time.precision is Precision.day
        and not f.time.rule.startswith("since_")
        and _verb_of(reading, f.span) in above
    ]
    return days[0] if len(days) == 1 else None


def _governing_words(reading: Reading, index: int) -> list[int]:
    """A word and the words above it whose clause it lies within, up to the root or a clause joined by "and"
    ("..., and Lakeside has added 300 since March" lies within no clause before it)."""
    chain = [index]
    while len(chain) <= len(reading.tokens):
        token = reading.tokens[chain[-1]]
        if token.head == token.i or token.dep == "conj":
            break
        chain.append(token.head)
    return chain


def _since_until(text: str, found: Sequence[TimeFound]) -> TimeFound | None:
    """ "Since March 2030" with "as of 1 June 2030": the period from the first to the second, found at the
    second's words; None for any other pair: an end that is no end point ("in March 2030", "before June"),
    two dates of different verbs ("filed by lawyers who have worked there since March"), or a start after the
    end."""
    since = [f for f in found if f.time.rule.startswith("since_")]
    until = [f for f in found if not f.time.rule.startswith("since_") and f.time.precision is not Precision.period]
    if len(since) != 1 or len(until) != 1:
        return None
    if not (_END_POINT.match(until[0].text) or _END_BEFORE.search(text, 0, until[0].span[0])):
        return None
    if not _same_verb(read(text), since[0].span, until[0].span):
        return None
    start, end = since[0].time.start, until[0].time.end
    if start is None or end is None or start > end:
        return None
    time = TimeSpan(start=start, end=end, precision=Precision.period, rule="since_until")
    return TimeFound(time=time, text=until[0].text, span=until[0].span, also=(since[0].span,))


# "as of 1 June 2030", "by 1 June", "on 1 June", "until", "up to": the words that make a date an end point
_END_POINT = re.compile(r"(?i)\s*(?:as\s+of|by|on|until|till|through|up\s+to)\b")
_END_BEFORE = re.compile(r"(?i)\b(?:as\s+of|by|until|till|through|up\s+to)\s*\Z")
# A verb and the verb of its own clause's complement ("had ... announced"), never a clause about something else.
_SAME_CLAUSE = frozenset({"ccomp", "xcomp", "aux", "auxpass"})


def _same_verb(reading: Reading, one: Span, other: Span) -> bool:
    first, second = _verb_of(reading, one), _verb_of(reading, other)
    if first is None or second is None:
        return False
    if first == second:
        return True
    pairs = ((first, second), (second, first))
    return any(reading.tokens[a].head == b and reading.tokens[a].dep in _SAME_CLAUSE for a, b in pairs)


def _verb_of(reading: Reading, span: Span) -> int | None:
    """The verb a phrase hangs on: the nearest verb above its first word."""
    words = reading.tokens_in(*span)
    current = words[0].i if words else None
    for _ in range(len(reading.tokens)):
        if current is None:
            return None
        token = reading.tokens[current]
        if token.pos in ("VERB", "AUX") and not (span[0] <= token.start < span[1]):
            return current
        if token.head == current:
            return current
        current = token.head
    return None


def _capitalise_months(text: str) -> str:
    return _LOWER_MONTHS.sub(lambda m: m.group().capitalize(), text)


def _resolve(text: str, prepared: str, phrase: DatePhrase, anchor: dt.date, error: type[InvalidInput]) -> TimeFound:
    try:
        time = parse_date_expression(prepared[phrase.start : phrase.end], anchor)
    except UnparseableDate as exc:
        detail = f"the date in {text!r} was not understood: {exc.detail}"
        raise error(detail, hint=exc.hint, extra={"part": "date", "suggestions": []}) from exc
    return TimeFound(time=time, text=text[phrase.start : phrase.end], span=(phrase.start, phrase.end))


def dated_events(reading: Reading, lexicon: Lexicon, times: Sequence[Span], figures: Sequence[Span] = ()) -> list[Span]:
    """The events a date dates that hold a name, as the words of their phrase: "in the 5 May 2030 regional
    election", "of Harrowgate's May 2030 election". A name in such a phrase says when the figure holds (the
    election's), not what it is about, as the date inside it does.

    Only a date that modifies the event's noun counts ("between the first evacuation and March 2024" joins a
    date to an event, which dates nothing), only a phrase under a preposition (the figure's subject or object is
    never an event of this kind), and none that holds a figure or a measure the store knows ("in the 2024 death
    toll"); and none when the sentence names nothing outside its events.
    """
    measures = find_mentions(reading.text, lexicon.metrics, skip=[*figures, *times])
    keep = [*figures, *((m.start, m.end) for m in measures)]
    names = find_mentions(reading.text, lexicon.entities, skip=[*figures, *times])
    events: list[Span] = []
    for start, end in times:
        inside = reading.tokens_in(start, end)
        own = {t.i for t in inside}
        heads = {t.head for t in inside if t.head not in own and t.dep in _MODIFIERS}
        for head in sorted(heads):
            noun = reading.tokens[head]
            if noun.pos != "NOUN" or noun.dep != "pobj":
                continue
            # the noun and its modifiers, never a phrase after it ("the 5 May 2030 election in Ashby": a place)
            words = [t for t in reading.subtree(head) if t.i <= head]
            span = (min(t.start for t in words), max(t.end for t in words))
            if any(s < span[1] and span[0] < e for s, e in keep):
                continue
            if any(span[0] <= m.start and m.end <= span[1] for m in names):
                events.append(span)
    if all(any(start <= m.start and m.end <= end for start, end in events) for m in names):
        return []  # "disputed ballots in the May 2030 North ward count": the event's place is all it names
    return events


def dated_clauses(reading: Reading, times: Sequence[Span]) -> list[Span]:
    """The clauses that say when by what happened then: "when the council declared the emergency in May 2030",
    "while the polls were open on 6 May". The figure holds at the clause's date; the clause's other words say
    which occasion that was, not what is measured. Only "when" and "while" join at the same time: "after" and
    "before" move the time off the date, and a relative clause ("the plant it opened on 3 May") restricts
    what is counted, so neither is read this way."""
    clauses: list[Span] = []
    for start, end in times:
        inside = reading.tokens_in(start, end)
        current = inside[0].i if inside else None
        for _ in range(len(reading.tokens)):
            if current is None:
                break
            token = reading.tokens[current]
            if token.dep == "advcl":
                if any(c.lemma in _AT_THE_TIME for c in reading.children(current) if c.dep in ("advmod", "mark")):
                    words = reading.subtree(current)
                    clauses.append((min(t.start for t in words), max(t.end for t in words)))
                break
            if token.dep in ("relcl", "acl", "ccomp", "xcomp", "ROOT"):
                break  # the date belongs to another clause than an adverbial one
            current = None if token.head == current else token.head
    return list(dict.fromkeys(clauses))


_AT_THE_TIME = frozenset({"when", "while"})


def up_to(reading: Reading, found: TimeFound) -> dt.date | None:
    """The last day of a running total when the time is where one stops ("by 30 September", "as of May",
    "until", "up to": its last day; "before 30 September": the day before it), or None when it is
    when something happened ("on 30 September", "in May"). A period counted from the date ("in the week
    before 1 March") is no end point (see `counts_from_a_date`)."""
    words = [t for t in reading.tokens if t.end <= found.span[0]]
    if _UP_TO_TEXT.match(found.text):
        ending = found.text.split()[0].casefold()
    elif words and words[-1].text.casefold() in _UP_TO_WORDS and not counts_from_a_date(reading, words[-1]):
        ending = words[-1].text.casefold()
    elif tuple(t.text.casefold() for t in words[-2:]) in _UP_TO_PAIRS:
        ending = "by"
    else:
        return None
    if ending == "before":
        return None if found.time.start is None else found.time.start - dt.timedelta(days=1)
    return found.time.end


# Not "through": "12 breakdowns through 2024" is as often all of 2024 as everything up to its end.
_UP_TO_TEXT = re.compile(r"(?i)\A(?:as\s+(?:of|at)|by|until|till|before|up\s+to)\b")
_UP_TO_WORDS = frozenset({"by", "until", "till", "before"})
_UP_TO_PAIRS = frozenset({("up", "to"), ("as", "of"), ("as", "at")})


def refuse_running_total(
    reading: Reading, found: TimeFound | None, flow: MetricInfo | None, error: type[InvalidInput]
) -> None:
    """ "How many officers had arrived by 20 January", "had had 12 breakdowns by March": the events of a flow up
    to a time, a running total from a start the sentence does not give. Answering with the events of that day or
    month would answer another question, and a level the flow feeds counts what was there before the events
    too; the sentence is refused with a hint."""
    if found is None or flow is None or flow.kind is not MetricKind.flow or up_to(reading, found) is None:
        return
    if found.also:
        return  # "as of 1 June ... since March": the sentence gives the start, and the time is that period
    end = found.time.end
    day = f"{end:%-d %B %Y}" if end is not None else "its last day"
    raise error(
        f"{found.text!r} in {reading.text!r} asks for the {flow.name} events summed up to a time, from a start "
        "the sentence does not give; the service does not guess where the total starts",
        hint=f"name the period ('between 1 March and {day}') to add up its events",
        extra={"part": "date", "suggestions": []},
    )


# How a date modifies an event's noun ("the May 2030 election", "the election of 5 May 2030" is a preposition's).
_MODIFIERS = frozenset({"compound", "nmod", "amod", "nummod", "npadvmod", "poss"})


def find_modality(text: str) -> Modality:
    """Pledged, planned, goal or actual, as the sentence's main clause says (the one reading, reasoning.modality)."""
    return modality_of_clause(text)
