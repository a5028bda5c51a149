"""Claims under check: a sentence becomes a predicate on the true value, and evidence becomes a verdict."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Sequence
from typing import Literal

import msgspec

from reasoning.errors import UnparseableClaim
from reasoning.evidence import Lexicon
from reasoning.figures import DEFAULT_FIGURE_SETTINGS, Figure, FigureSettings, find_figures
from reasoning.mentions import resolve_reading
from reasoning.timing import find_modality, find_time
from reasoning.types import Interval, Modality, Precision, TimeSpan
from reasoning.wording import describe_range, format_number

__all__ = [
    "ParsedClaim",
    "Predicate",
    "Verdict",
    "describe_predicate",
    "judge_claim",
    "parse_claim",
    "predicate_for",
]

Relation = Literal["about", "nearly", "more_than", "at_least", "less_than", "at_most", "exactly"]
VerdictName = Literal["supported", "contradicted", "mixed", "unverifiable"]


class Predicate(msgspec.Struct, frozen=True, kw_only=True):
    """The set of true values a claim's figure allows: `low`..`high` (None is unbounded), each end open or closed.

    "more than 5,000" is (5000, ∞); "1,000" bare is the round-figure band [900, 1100]; "nearly 400" the
    nearly band [360, 400]; "exactly 217" is [217, 217]. `number` is the figure as written.
    """

    relation: Relation
    value_text: str
    number: float
    low: float | None
    high: float | None
    low_inclusive: bool = True
    high_inclusive: bool = True
    is_percent: bool = False
    comparison: str | None = None  # "more than in 2023": the figure is a difference, not a level


class ParsedClaim(msgspec.Struct, frozen=True, kw_only=True):
    """A claim as understood, shown back to the user. Spans are offsets into `text`.

    `time` is the claim's own time when it states one ("in 2024"), else the day it is checked as of (rule
    `checked_as_of`, or `today` when no date was given); `as_of` is that time's last day. `subject_span` is
    None when the claim names no subject and the store has the metric for one subject only.
    """

    text: str
    subject: str
    metric: str
    predicate: Predicate
    modality: Modality
    time: TimeSpan
    as_of: dt.date
    time_text: str | None
    subject_span: tuple[int, int] | None
    metric_span: tuple[int, int]
    value_span: tuple[int, int]
    time_span: tuple[int, int] | None = None


class Verdict(msgspec.Struct, frozen=True, kw_only=True):
    verdict: VerdictName
    reason: str


_NEGATION = re.compile(r"(?i)\b(?:not|never|no\s+longer)\b|n't\b")
# "217 more officers": the figure is an increment, a flow, whatever the tense around it.
_INCREMENT_AFTER = re.compile(r"(?i)\s+(?:more|additional|extra|new|fresh)\b")
_RELATIONS: dict[str, Relation] = {
    "exact": "exactly",
    "approximate": "about",
    "nearly": "nearly",
    "more_than": "more_than",
    "at_least": "at_least",
    "less_than": "less_than",
    "at_most": "at_most",
}
_HINT = "state one figure about one subject, e.g. 'The city's fleet had about 300 buses in May 2031'"


def parse_claim(
    text: str,
    lexicon: Lexicon,
    *,
    available: Collection[tuple[str, str]],
    as_of: dt.date | None,
    today: dt.date,
    settings: FigureSettings = DEFAULT_FIGURE_SETTINGS,
) -> ParsedClaim:
    """Read a claim; raise UnparseableClaim naming the part not understood (value, subject, metric, date)."""
    anchor = as_of or today
    found = find_time(text, anchor=anchor, error=UnparseableClaim)
    figures = find_figures(text, settings)
    if not figures:
        raise _value_error(f"no number found in {text!r}", _HINT)
    if len(figures) > 1:
        listed = ", ".join(repr(f.figure.value_text) for f in figures)
        raise _value_error(f"more than one figure in {text!r}: {listed}", "check one figure at a time: one claim each")
    figure = figures[0]
    if _NEGATION.search(text[: figure.start] + " " * (figure.end - figure.start) + text[figure.end :]):
        # Reading "has not deployed 1,000" as a claim about 1,000 would check the opposite of what was said.
        raise _value_error(
            f"{text!r} is negated; negated claims are not checked",
            "check the claim without the negation and read its verdict the other way round",
        )
    skip = [(figure.start, figure.end), *([found.span] if found is not None else [])]
    increment = _INCREMENT_AFTER.match(text, figure.end) is not None
    reading = resolve_reading(
        text,
        lexicon,
        available=available,
        error=UnparseableClaim,
        skip=skip,
        time=found.time if found is not None else None,
        increment=increment,
    )
    rule = "checked_as_of" if as_of is not None else "today"
    time = found.time if found is not None else TimeSpan(start=anchor, end=anchor, precision=Precision.day, rule=rule)
    return ParsedClaim(
        text=text,
        subject=reading.subject,
        metric=reading.metric,
        predicate=predicate_for(figure.figure),
        modality=find_modality(text),
        time=time,
        as_of=time.end or anchor,  # a resolved date phrase always has an end; `or` satisfies the type
        time_text=found.text if found is not None else None,
        subject_span=reading.subject_span,
        metric_span=reading.metric_span,
        value_span=(figure.start, figure.end),
        time_span=found.span if found is not None else None,
    )


def _value_error(detail: str, hint: str) -> UnparseableClaim:
    return UnparseableClaim(detail, hint=hint, extra={"part": "value", "suggestions": []})


def predicate_for(figure: Figure) -> Predicate:
    """The values a claimed figure is true of (SPEC "How words become numbers": a claim is a predicate)."""
    interval, number = figure.interval, figure.number
    if figure.qualifier == "none":
        relation: Relation = "about" if interval.rule == "round_figure" else "exactly"
    else:
        relation = _RELATIONS[figure.qualifier]
    low, high, low_inclusive, high_inclusive = interval.low, interval.high, True, True
    if relation in ("more_than", "at_least"):
        # As evidence "over 600" is a figure rounded down (600-660); as a claim it is true of anything above.
        low, high, low_inclusive = number, None, relation == "at_least"
    elif relation in ("less_than", "at_most"):
        low, high, high_inclusive = None, number, relation == "at_most"
    return Predicate(
        relation=relation,
        value_text=figure.value_text,
        number=number,
        low=low,
        high=high,
        low_inclusive=low_inclusive,
        high_inclusive=high_inclusive,
        is_percent=figure.is_percent,
        comparison=figure.comparison,
    )


# --- verdicts ------------------------------------------------------------------------------------------


def judge_claim(
    predicate: Predicate,
    *,
    estimate: Interval | None,
    supporting: Sequence[Interval] = (),
    conflicting: Sequence[Interval] = (),
    credible_conflict: bool = False,
) -> Verdict:
    """Compare the answer a claim is checked against with the values the claim allows.

    Within -> supported; outside -> contradicted; partly -> judged by the estimate's best value, and the
    reason says so. `mixed` needs `credible_conflict` (the caller vouches that the conflicting citations are
    not explained away) and evidence on both sides: supporting citations within the claim and conflicting
    ones outside it, or the other way round. Without it, conflicting citations are only mentioned.
    """
    allowed = f"what the claim's “{predicate.value_text}” allows ({describe_predicate(predicate)})"
    if estimate is None:
        return Verdict(verdict="unverifiable", reason="No evidence in the store answers this subject, metric and time.")
    backing, opposing = [_fit(predicate, i) for i in supporting], [_fit(predicate, i) for i in conflicting]
    both_sides = ("within" in backing and "outside" in opposing) or ("outside" in backing and "within" in opposing)
    if credible_conflict and both_sides:
        within, outside = ((backing + opposing).count(kind) for kind in ("within", "outside"))
        return Verdict(
            verdict="mixed",
            reason=f"Credible sources stand on both sides: {within} citation(s) within {allowed} and {outside} "
            f"outside it; the best estimate is {describe_range(estimate)}.",
        )
    fit, n = _fit(predicate, estimate), len(conflicting)
    said = f"The evidence puts the value at {describe_range(estimate)}"
    others = f" {n} conflicting citation{'s stand' if n > 1 else ' stands'} against that estimate." if n else ""
    if fit != "partly":
        verdict: VerdictName = "supported" if fit == "within" else "contradicted"
        share = (
            {"within": "all of it", "outside": "none of it"}
            if estimate.low != estimate.high
            else {"within": "which is", "outside": "which is not"}
        )
        return Verdict(verdict=verdict, reason=f"{said}, {share[fit]} within {allowed}.{others}")
    by_best = _contains(predicate, estimate.best)
    return Verdict(
        verdict="supported" if by_best else "contradicted",
        reason=f"{said}, only partly within {allowed}; judged by the best value, "
        f"{format_number(estimate.best)}, which is {'within' if by_best else 'outside'} it.{others}",
    )


def _fit(predicate: Predicate, interval: Interval) -> Literal["within", "outside", "partly"]:
    """Within, outside or partly; a range that only touches the claim's boundary counts as outside of it.

    "over one million" (1,000,000-1,100,000) is within "more than a million": the figure's own floor is
    the rounding, not a value the source asserts. A single value is judged exactly.
    """
    low = -math.inf if interval.low is None else interval.low
    high = math.inf if interval.high is None else interval.high
    if low >= high:
        return "within" if _contains(predicate, interval.best) else "outside"
    p_low = -math.inf if predicate.low is None else predicate.low
    p_high = math.inf if predicate.high is None else predicate.high
    if p_low == p_high:
        return "partly" if low <= p_low <= high else "outside"
    if p_low <= low and high <= p_high:
        return "within"
    if min(high, p_high) <= max(low, p_low):
        return "outside"
    return "partly"


def _contains(predicate: Predicate, value: float) -> bool:
    low, high = predicate.low, predicate.high
    above = low is None or value > low or (value == low and predicate.low_inclusive)
    return above and (high is None or value < high or (value == high and predicate.high_inclusive))


def describe_predicate(predicate: Predicate) -> str:
    """The values a claim allows, in words: "more than 5,000", "5,601 or more", "between 900 and 1,100"."""
    low = "" if predicate.low is None else format_number(predicate.low)
    high = "" if predicate.high is None else format_number(predicate.high)
    if low and high:
        return f"exactly {low}" if low == high else f"between {low} and {high}"
    if low:
        return f"{low} or more" if predicate.low_inclusive else f"more than {low}"
    return (f"{high} or less" if predicate.high_inclusive else f"less than {high}") if high else "any value"
