"""Time and modality in a question or claim: the date expression it names, and whether it speaks of a pledge,
a plan, a goal or what happened. Questions and claims share these readers: a claim states what a question asks."""

from __future__ import annotations

import datetime as dt
import re

import msgspec

from reasoning.dates import DatePhrase, find_date_phrases, parse_date_expression
from reasoning.errors import InvalidInput, UnparseableDate
from reasoning.modality import modality_of_clause
from reasoning.types import Modality, TimeSpan

__all__ = ["TimeFound", "find_modality", "find_time", "find_times"]


class TimeFound(msgspec.Struct, frozen=True, kw_only=True):
    """The date expression of a sentence, resolved: `text` is the words, at `span`."""

    time: TimeSpan
    text: str
    span: tuple[int, int]


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

    A range ("between 7 and 20 October 2030") is one expression; two expressions raise `error`.
    """
    prepared = _capitalise_months(text)
    phrases = find_date_phrases(prepared)
    if len(phrases) > 1:
        listed = ", ".join(repr(text[p.start : p.end]) for p in phrases)
        raise error(
            f"more than one date in {text!r}: {listed}",
            hint="state one date or period, e.g. 'as of 1 March 2031', 'in 2030' or 'between March and May 2030'",
            extra={"part": "date", "suggestions": []},
        )
    return _resolve(text, prepared, phrases[0], anchor, error) if phrases else None


def find_times(text: str, *, anchor: dt.date, error: type[InvalidInput]) -> list[TimeFound]:
    """Every date expression in a sentence, in text order, for callers that pair each date with its figure."""
    prepared = _capitalise_months(text)
    return [_resolve(text, prepared, phrase, anchor, error) for phrase in find_date_phrases(prepared)]


def _capitalise_months(text: str) -> str:
    return _LOWER_MONTHS.sub(lambda m: m.group().capitalize(), text)


def _resolve(text: str, prepared: str, phrase: DatePhrase, anchor: dt.date, error: type[InvalidInput]) -> TimeFound:
    try:
        time = parse_date_expression(prepared[phrase.start : phrase.end], anchor)
    except UnparseableDate as exc:
        detail = f"the date in {text!r} was not understood: {exc.detail}"
        raise error(detail, hint=exc.hint, extra={"part": "date", "suggestions": []}) from exc
    return TimeFound(time=time, text=text[phrase.start : phrase.end], span=(phrase.start, phrase.end))


def find_modality(text: str) -> Modality:
    """Pledged, planned, goal or actual, as the sentence's main clause says (the one reading, reasoning.modality)."""
    return modality_of_clause(text)
