"""Questions in words ("How many Kenyan officers were in Haiti on 20 January 2025?") become structured questions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection

import msgspec

from reasoning.errors import UnparseableQuestion
from reasoning.evidence import Lexicon
from reasoning.mentions import resolve_reading
from reasoning.timing import find_modality, find_time
from reasoning.types import Modality, Precision, TimeSpan

__all__ = ["Question", "parse_question"]

# "how many more/new ...": the question asks for an increment, which is a flow whatever the tense.
_INCREMENT = re.compile(r"(?i)\bhow\s+many\s+(?:more|additional|extra|new|fresh)\b")


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
