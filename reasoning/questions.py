"""Questions in words ("How many Kenyan officers were in Haiti on 20 January 2025?") become structured questions."""

# The time and modality readers live here and claims.py reuses them: a claim states what a question asks.

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

import msgspec

from reasoning.dates import find_date_phrases, parse_date_expression
from reasoning.errors import InvalidInput, UnparseableDate, UnparseableQuestion
from reasoning.evidence import Lexicon
from reasoning.mentions import resolve_reading
from reasoning.types import Modality, Precision, TimeSpan

__all__ = ["Question", "TimeFound", "find_modality", "find_time", "parse_question"]

# "how many more/new ...": the question asks for an increment, which is a flow whatever the tense.
_INCREMENT = re.compile(r"(?i)\bhow\s+many\s+(?:more|additional|extra|new|fresh)\b")


class TimeFound(msgspec.Struct, frozen=True, kw_only=True):
    """The date expression of a sentence, resolved: `text` is the words, at `span`."""

    time: TimeSpan
    text: str
    span: tuple[int, int]


class Question(msgspec.Struct, frozen=True, kw_only=True):
    """A question as understood: what it asks about, as of when, and which words said so.

    `as_of` is the day the answer is for: the day named, the last day of a month, year or period named
    ("in September 2024" asks as of 30 September), or `today` when no date is named (then `as_of_text`
    and `as_of_span` are None). `time` keeps the whole span, which a flow question ("killed in 2024") needs.
    Spans are character offsets into `text`: `text[start:end]` is the words that matched. `subject_span`
    is None when the question names no subject and the store has the metric for one subject only.
    """

    text: str
    subject: str
    metric: str
    as_of: dt.date
    as_of_text: str | None
    modality: Modality
    subject_span: tuple[int, int] | None
    metric_span: tuple[int, int]
    time: TimeSpan
    as_of_span: tuple[int, int] | None = None


def parse_question(text: str, lexicon: Lexicon, *, available: Collection[tuple[str, str]], today: dt.date) -> Question:
    """Read a question in words; raise UnparseableQuestion naming the part not understood, or AmbiguousTerm."""
    if not text.strip():
        raise UnparseableQuestion(
            "the question is empty",
            hint="ask e.g. 'How many buses were in the city's fleet on 1 March 2031?'",
            extra={"part": "subject", "suggestions": []},
        )
    found = find_time(text, anchor=today, error=UnparseableQuestion)
    time = found.time if found is not None else TimeSpan(start=today, end=today, precision=Precision.day, rule="today")
    reading = resolve_reading(
        text,
        lexicon,
        available=available,
        error=UnparseableQuestion,
        skip=[found.span] if found is not None else [],
        time=found.time if found is not None else None,
        increment=_INCREMENT.search(text) is not None,
    )
    return Question(
        text=text,
        subject=reading.subject,
        metric=reading.metric,
        as_of=time.end or today,  # parse_date_expression never returns an open span; `or` satisfies the type
        as_of_text=found.text if found is not None else None,
        modality=find_modality(text),
        subject_span=reading.subject_span,
        metric_span=reading.metric_span,
        as_of_span=found.span if found is not None else None,
        time=time,
    )


# --- time and modality ---------------------------------------------------------------------------------

# Typed questions are often in lower (or upper) case; month names are matched capitalised in running text, so the
# unmistakable ones are capitalised first (same length, offsets kept), and "may"/"march" only beside a number.
_LOWER_MONTHS = re.compile(
    r"(?i)\b(?:january|february|april|june|july|august|september|october|november|december)\b"
    r"|\b(?:may|march|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?(?=,?\s+\d)"
    r"|(?<=\d\s)(?:may|march|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
)


def find_time(text: str, *, anchor: dt.date, error: type[InvalidInput]) -> TimeFound | None:
    """The one date expression in a sentence, resolved against `anchor`; None when it names no date."""
    prepared = _LOWER_MONTHS.sub(lambda m: m.group().capitalize(), text)
    phrases = find_date_phrases(prepared)
    if len(phrases) > 1:
        listed = ", ".join(repr(text[p.start : p.end]) for p in phrases)
        raise error(
            f"more than one date in {text!r}: {listed}",
            hint="state one date or period, e.g. 'as of 1 March 2031' or 'in 2030'",
            extra={"part": "date", "suggestions": []},
        )
    if not phrases:
        return None
    phrase = phrases[0]
    try:
        time = parse_date_expression(prepared[phrase.start : phrase.end], anchor)
    except UnparseableDate as exc:
        detail = f"the date in {text!r} was not understood: {exc.detail}"
        raise error(detail, hint=exc.hint, extra={"part": "date", "suggestions": []}) from exc
    return TimeFound(time=time, text=text[phrase.start : phrase.end], span=(phrase.start, phrase.end))


_MODALITY_WORDS: list[tuple[Modality, re.Pattern[str]]] = [
    (Modality.pledged, re.compile(r"(?i)\b(?:pledg\w*|promis\w*|vow\w*|committed\s+to|commitments?)\b")),
    (Modality.planned, re.compile(r"(?i)\b(?:plan|plans|planned|planning|will|intends?|set\s+to|expected\s+to)\b")),
    (Modality.goal, re.compile(r"(?i)\b(?:goals?|targets?|aims?\s+(?:to|for))\b")),
]


def find_modality(text: str) -> Modality:
    """Pledged, planned or goal when the sentence says so (the earliest such word wins), else actual."""
    found = [(m.start(), modality) for modality, pattern in _MODALITY_WORDS if (m := pattern.search(text))]
    return min(found, key=lambda f: f[0])[1] if found else Modality.actual
