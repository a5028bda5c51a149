"""A source's stated date read against its own text: date phrases that place the writing after that date."""

from __future__ import annotations

import datetime as dt
import re

from reasoning.dates import find_date_phrases, resolve_relative_date
from reasoning.errors import UnparseableDate
from reasoning.events import span_of
from reasoning.evidence import DateEvidence, SourceDateInfo
from reasoning.wording import describe_period

__all__ = ["find_later_phrases"]

_SENTENCE_MARKS = (". ", "! ", "? ", "\n")
_SENTENCE_END = re.compile("|".join(re.escape(mark) for mark in _SENTENCE_MARKS))


def find_later_phrases(
    source: SourceDateInfo,
    stated: dt.date,
    *,
    future_markers: tuple[str, ...],
    ignored_rule_prefixes: tuple[str, ...],
    limit: int | None = None,
) -> list[DateEvidence]:
    """Anchor-relative date phrases that, read against the stated date, still fall after it in a sentence
    that does not speak of the future: the text was written later than it says.

    Phrases resolved by a rule starting with one of `ignored_rule_prefixes` are not evidence (an explicit
    date, or one that points forward by meaning); a sentence holding one of `future_markers` speaks of the future.
    At most `limit` phrases are returned, the first in text order.
    """
    text = source.text or ""
    found: list[DateEvidence] = []
    for phrase in find_date_phrases(text):
        try:
            resolved = resolve_relative_date(phrase.phrase, stated)
        except UnparseableDate:
            continue
        span = span_of(resolved)
        if span is None or span[0] <= stated:
            continue
        if resolved.rule.startswith(ignored_rule_prefixes):
            continue
        if _speaks_of_future(_sentence(text, phrase.start, phrase.end), future_markers):
            continue
        why = f"read against the stated date {stated}, “{phrase.phrase}” is {describe_period(resolved)}, after it"
        found.append(
            DateEvidence(
                source_id=source.source_id,
                phrase=phrase.phrase,
                start=phrase.start,
                end=phrase.end,
                resolved=resolved,
                why=why,
            )
        )
        if limit is not None and len(found) >= limit:
            break
    return found


def _sentence(text: str, start: int, end: int) -> str:
    right = _SENTENCE_END.search(text, end)
    return text[_last_mark_before(text, start) + 1 : right.start() if right else len(text)]


def _last_mark_before(text: str, start: int) -> int:
    """Where the last sentence mark before `start` begins (-1 if none), looking back in growing windows: a
    search from the text's start for every phrase made reading a long text quadratic."""
    window = 256
    while True:
        low = max(0, start - window)
        found = max(text.rfind(mark, low, start) for mark in _SENTENCE_MARKS)
        if found != -1 or low == 0:
            return found
        window *= 4


def _speaks_of_future(sentence: str, future_markers: tuple[str, ...]) -> bool:
    words = "|".join(re.escape(marker) for marker in future_markers)
    return re.search(rf"(?i)\b(?:{words})\b", sentence) is not None
