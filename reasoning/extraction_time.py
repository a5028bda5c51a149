"""When a figure holds: the date phrase that governs it, resolved against the source's date, or a stated default."""

# Which phrase: one in the figure's own clause (after it before another figure, else before it); for a
# stock (a level), otherwise the date the statement was made ("..., the agency said on Monday") or the
# source's date; for a flow (an event), otherwise a phrase elsewhere in the sentence, then the last one
# of the paragraph's earlier sentences, then a default span: the week before the source for something
# that happened, the six weeks after it for something promised or planned. A source without a date
# yields precision `unknown` for everything relative: never today's date.

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from reasoning.dates import find_date_phrases, resolve_relative_date
from reasoning.errors import UnparseableDate
from reasoning.extraction_text import Sentence
from reasoning.types import MetricKind, Modality, Precision, TimeSpan

__all__ = ["Dated", "TimeChoice", "choose_time", "dated_phrases"]

RECENT = dt.timedelta(days=7)  # an undated event reported as news: the week before the source
COMING = dt.timedelta(weeks=6)  # "soon", "recently", undated promises: six weeks after (or before), as "coming weeks"

_BASELINE_BEFORE = re.compile(
    r"(?i)\b(?:compared\s+(?:with|to)|than|versus|vs\.?|relative\s+to)\s+(?:(?:all|the\s+whole|the\s+rest)\s+of\s+|in\s+|during\s+)?\Z"
)
# "its highest level since 1997", "the first time since 2010": the record's baseline, never a figure's time.
_RECORD_SINCE_BEFORE = re.compile(
    r"(?i)\b(?:highest|lowest|most|least|fewest|biggest|largest|smallest|worst|best|first|strongest|weakest|"
    r"record|deadliest|wettest|driest|hottest|coldest)\b(?:\s+[\w’'-]+){0,4}?\s+(?:since\s+(?:in\s+)?)?\Z"
)
_SINCE_BEFORE = re.compile(r"(?i)\bsince\s+(?:in\s+)?\Z")
_SINCE_START = re.compile(r"(?i)since\b")
_ATTRIBUTIVE_YEAR = re.compile(r"(?:19|20)\d\d")
_ARTICLE_BEFORE = re.compile(r"(?i)(?:\b(?:the|a|an|its|their)|['’]s)\s+\Z")
_REPORTED_BEFORE = re.compile(
    r"\b(?:said|says|reported|announced|told\s+\w+|stated|confirmed|noted|added|estimated|warned)\s+(?:\w+ly\s+)?\Z"
)
_INTRODUCES = re.compile(r"\s*(?:that\b|:|,?\s*[\"“])")
_VAGUE = re.compile(
    r"(?i)\b(?P<recently>recently)\b|\b(?P<soon>soon|shortly)\b|\b(?P<overnight>overnight)\b"
    r"|\b(?P<vague>(?:in|over|for)\s+(?:the\s+)?(?:recent|past|last\s+few|several)\s+(?:years|decades)|over\s+the\s+years)\b"
)


class Dated(NamedTuple):
    """A date phrase of the sentence: `text[start:end]`, what it resolves to, and how it is used."""

    start: int
    end: int
    time: TimeSpan
    statement: bool  # dates the statement ("said on Saturday"), not an event in it
    vague: bool
    since: bool = False  # "since 1997": from then to now, for its own sentence only, never carried on


class TimeChoice(NamedTuple):
    time: TimeSpan
    text: str | None
    flags: tuple[str, ...]


def dated_phrases(
    text: str,
    sentence: Sentence,
    source_date: dt.date | None,
    figures: Sequence[tuple[int, int]],
    dateline: tuple[int, int] | None,
) -> list[Dated]:
    """The sentence's date phrases that can date its figures, in text order."""
    found: list[Dated] = []
    for phrase in find_date_phrases(text[sentence.start : sentence.end]):
        start, end = sentence.start + phrase.start, sentence.start + phrase.end
        if _excluded(text, start, end, figures, dateline, sentence.start):
            continue
        try:
            time = resolve_relative_date(phrase.phrase, source_date)
        except UnparseableDate:
            continue
        clause = sentence.clauses[sentence.clause_at(start)]
        if clause.opener == "subordinate" and text[clause.start : clause.start + 5].lower() == "since":
            time = _since(time, source_date)  # "since the mission began in June": from June to the source's date
        statement = _REPORTED_BEFORE.search(text, max(sentence.start, start - 40), start) is not None
        since = _SINCE_BEFORE.search(text, max(sentence.start, start - 10), start) is not None or (
            _SINCE_START.match(text, start, end) is not None
        )
        found.append(Dated(start, end, time, statement, False, since))
    for match in _VAGUE.finditer(text, sentence.start, sentence.end):
        if not any(d.start < match.end() and match.start() < d.end for d in found):
            found.append(
                Dated(match.start(), match.end(), _vague(match, source_date), False, match.group("vague") is not None)
            )
    return sorted(found)


def choose_time(
    text: str,
    sentence: Sentence,
    figure: tuple[int, int],
    *,
    kind: MetricKind | None,
    modality: Modality,
    phrases: Sequence[Dated],
    figures: Sequence[tuple[int, int]],
    carried: Dated | None,
    source_date: dt.date | None,
) -> TimeChoice:
    """The time of one figure, the words that gave it (None for a default) and flags for the editor."""
    clause = sentence.clauses[sentence.clause_at(figure[0])]
    own = [p for p in phrases if clause.holds(p.start)]
    chosen = _in_segment(own, figure, [f for f in figures if clause.holds(f[0])]) if own else None
    if chosen is None and kind is MetricKind.stock:
        chosen = next((p for p in phrases if p.statement and _states(text, p, figure)), None)
    if chosen is None and kind is not MetricKind.stock:
        # An event, or a figure of unknown kind: the sentence's date frames it ("Last year, floods damaged 320").
        others = sorted(phrases, key=lambda p: (p.vague, abs(p.start - figure[0])))
        chosen = others[0] if others else (carried if kind is MetricKind.flow else None)
    if chosen is not None and modality is not Modality.actual and source_date is not None:
        chosen = chosen._replace(time=_ahead(chosen.time, source_date))
    if chosen is not None:
        flags: tuple[str, ...] = (
            ("source_undated",) if source_date is None and chosen.time.precision is Precision.unknown else ()
        )
        if chosen.vague:
            flags += ("vague_time",)
        return TimeChoice(chosen.time, text[chosen.start : chosen.end], flags)
    return _default(kind, modality, source_date)


def _states(text: str, statement: Dated, figure: tuple[int, int]) -> bool:
    # "..., the agency said on Monday." dates what came before it; "reported last month that ..." what follows.
    introduces = _INTRODUCES.match(text, statement.end) is not None
    return introduces != (statement.start >= figure[1])


def _in_segment(own: Sequence[Dated], figure: tuple[int, int], figures: Sequence[tuple[int, int]]) -> Dated:
    # "bought 400 buses in December and over 200 last month": each figure takes the date that follows it
    # before the next figure, else the one that precedes it after the previous figure.
    following = min((f[0] for f in figures if f[0] >= figure[1]), default=None)
    preceding = max((f[1] for f in figures if f[1] <= figure[0]), default=None)
    after = [p for p in own if p.start >= figure[1] and (following is None or p.start < following)]
    before = [p for p in own if p.end <= figure[0] and (preceding is None or p.start >= preceding)]
    if after:
        return min(after, key=lambda p: (p.vague, p.start))
    if before:
        return max(before, key=lambda p: (not p.vague, p.start))
    return min(own, key=lambda p: (p.vague, abs(p.start - figure[0])))


def _default(kind: MetricKind | None, modality: Modality, source_date: dt.date | None) -> TimeChoice:
    if source_date is None:
        return TimeChoice(
            TimeSpan(start=None, end=None, precision=Precision.unknown, rule="source_undated"),
            None,
            ("source_undated",),
        )
    if kind is MetricKind.flow and modality is Modality.actual:
        span = TimeSpan(
            start=source_date - RECENT, end=source_date, precision=Precision.period, rule="undated_event_before_source"
        )
    elif kind is MetricKind.flow:
        span = TimeSpan(
            start=source_date, end=source_date + COMING, precision=Precision.period, rule="undated_promise_after_source"
        )
    else:
        span = TimeSpan(start=source_date, end=source_date, precision=Precision.day, rule="source_date")
    return TimeChoice(span, None, ())


def _excluded(
    text: str, start: int, end: int, figures: Sequence[tuple[int, int]], dateline: tuple[int, int] | None, floor: int
) -> bool:
    if dateline is not None and start < dateline[1] and dateline[0] < end:
        return True
    if any(s < end and start < e for s, e in figures):
        return True  # "a thousand more than in 2023": the year is the comparison's, part of the figure
    since = _SINCE_START.match(text, start, end) or _SINCE_BEFORE.search(text, max(floor, start - 10), start)
    if _BASELINE_BEFORE.search(text, max(floor, start - 40), start) or (
        since and _RECORD_SINCE_BEFORE.search(text, max(floor, start - 60), start)
    ):
        return True  # "compared with all of 2023": the baseline, not the time of the figure
    words = text[start:end]
    if _ATTRIBUTIVE_YEAR.fullmatch(words) and _ARTICLE_BEFORE.search(text, max(floor, start - 12), start):
        return re.match(r"\s+[a-z]", text[end : end + 3]) is not None  # "the 2021 assassination" names an event
    return False


def _ahead(time: TimeSpan, anchor: dt.date) -> TimeSpan:
    """A bare month or weekday read as past ("in May" is the last May) is the next one in a promise or plan
    ("would be ready in May")."""
    if time.end is None or time.start is None or time.end >= anchor:
        return time
    if time.rule == "month_not_after_anchor":
        return _month_after(time.start.year + 1, time.start.month)
    if time.rule == "weekday_before_anchor":
        day = time.start + dt.timedelta(days=7)
        return TimeSpan(start=day, end=day, precision=Precision.day, rule="weekday_after_anchor")
    return time


def _month_after(year: int, month: int) -> TimeSpan:
    first = dt.date(year, month, 1)
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return TimeSpan(start=first, end=last, precision=Precision.month, rule="month_after_anchor")


def _since(time: TimeSpan, anchor: dt.date | None) -> TimeSpan:
    if anchor is None or time.start is None or time.start > anchor:
        return time
    return TimeSpan(start=time.start, end=anchor, precision=Precision.period, rule="since_clause")


def _vague(match: re.Match[str], anchor: dt.date | None) -> TimeSpan:
    if match.group("vague") is not None or anchor is None:
        rule = "vague_span" if match.group("vague") is not None else "relative_without_anchor"
        return TimeSpan(start=None, end=None, precision=Precision.unknown, rule=rule)
    if match.group("overnight") is not None:  # the night before the source's date
        return TimeSpan(start=anchor - dt.timedelta(days=1), end=anchor, precision=Precision.period, rule="overnight")
    if match.group("recently") is not None:
        return TimeSpan(start=anchor - COMING, end=anchor, precision=Precision.period, rule="recently")
    return TimeSpan(start=anchor, end=anchor + COMING, precision=Precision.period, rule="soon")
