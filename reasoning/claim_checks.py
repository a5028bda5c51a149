"""Verdicts on a claim's parts that are not a value as of a day (a change over a period, whether something happened,
the day it first happened), and the one verdict on the whole claim from the verdicts on its parts.

The overall verdict follows one rule. A compound claim is true only when every part is:
- **supported** when every part is supported;
- **contradicted** when every part that could be checked is contradicted (a part without evidence does not
  rescue a claim whose other parts are false; the explanation names it);
- **mixed** when the parts that could be checked disagree (some supported, some contradicted), or a part is
  itself mixed;
- **unverifiable** when no part could be checked, or when the checked parts are all supported but some part
  could not be checked: a claim is not called true on the strength of half of it (the explanation names the
  parts supported and those without evidence).

The two ends of a movement ("fell from 3,918 to about 3,200") are one statement, not two: an end that is
contradicted makes it **contradicted**, whatever the other end; otherwise the rule above applies.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from reasoning.answers import Answer
from reasoning.claims import ClaimPart, Verdict, VerdictName
from reasoning.figures import FigureSettings
from reasoning.movements import allowed_ratio, ratio_estimate
from reasoning.replies import Reply
from reasoning.types import Interval
from reasoning.wording import describe_period, describe_range, format_number

__all__ = [
    "answer_of_reply",
    "change_estimate",
    "change_reply",
    "judge_existence",
    "judge_first_date",
    "judge_movement",
    "overall_verdict",
    "stale_ends",
]


def change_estimate(start: Answer, end: Answer, direction: str) -> Interval | None:
    """The change between two values as an interval: end minus start when it went up, start minus end when it
    went down (so a claimed fall of 300 is compared with a positive 300); None when either end is unknown."""
    if start.best is None or end.best is None:
        return None
    later, earlier = (end, start) if direction == "up" else (start, end)
    low = None if later.low is None or earlier.high is None else later.low - earlier.high
    high = None if later.high is None or earlier.low is None else later.high - earlier.low
    assert later.best is not None and earlier.best is not None  # checked above, for both ends
    return Interval(low=low, best=later.best - earlier.best, high=high, rule="change")


def change_reply(
    part: ClaimPart, ends: tuple[dt.date, dt.date], start: Answer, end: Answer, estimate: Interval | None
) -> Reply:
    """The reply a change is checked against: the difference of the values at the period's two `ends`, resting
    on both answers (in `parts`) and citing both; without an estimate, why none could be had."""
    went = "rise" if part.direction == "up" else "fall"
    first, last = ends
    if estimate is None and start.best is not None and end.best is not None:
        why = f"{stale_ends(ends, start, end)}, so the {went} cannot be told."
    elif estimate is None:
        why = (
            f"No value on record {_missing(ends, start, end)}, so the {went} between {first} and {last} cannot be told."
        )
    else:
        why = (
            f"The value was {format_number(start.best or 0)} on {first} and {format_number(end.best or 0)} on "
            f"{last}: a {went} of {format_number(estimate.best)}."
        )
    return _ends_reply(part, start, end, estimate, why)


def _ends_reply(
    part: ClaimPart, start: Answer, end: Answer, estimate: Interval | None, why: str, unit: str | None = None
) -> Reply:
    """A reply resting on the values at a period's two ends (in `parts`), citing both; its value is in `unit`
    when it is not the level's (a ratio is in "times")."""
    return Reply(
        kind="value_as_of",
        subject=part.subject,
        subjects=[part.subject],
        metric=part.metric,
        unit=unit or end.unit,
        modality=part.modality,
        time=part.time,
        as_of=part.as_of,
        basis="none" if estimate is None else "derived",
        low=None if estimate is None else estimate.low,
        best=None if estimate is None else estimate.best,
        high=None if estimate is None else estimate.high,
        supporting=[*start.supporting, *end.supporting],
        conflicting=[*start.conflicting, *end.conflicting],
        parts=[start, end],
        explanation=f"{why} {start.explanation} {end.explanation}".strip(),
    )


def judge_movement(
    part: ClaimPart, ends: tuple[dt.date, dt.date], start: Answer, end: Answer, settings: FigureSettings
) -> tuple[Verdict, Reply]:
    """A level said to have moved over a period without figures ("rose", "nearly doubled"), judged on its values
    at the two `ends` (`reasoning.movements.movement_ends`).

    A direction holds when the end is higher (or lower) whatever the margins of the two figures, fails when it
    is not higher (lower) whatever they are, and is unverifiable when the margins allow both. A number of times
    over is judged on the ratio of the two ends as a figure is: within, outside, or partly and then by the
    ratio of the best values. Unverifiable too when an end has no value on record, when the ends are stale
    (`stale_ends`: nothing reported after the first, or the first reported long before the period), or when a
    ratio would be taken from zero."""
    movement = part.stated_movement
    assert movement is not None  # a movement part is read from its verb
    first, last = ends
    claimed = f"“{movement.verb}”"
    if start.best is None or end.best is None:
        missing = _missing(ends, start, end)
        return _undecided(
            part, start, end, f"No value on record {missing}, so whether it {movement.verb} cannot be told."
        )
    if (stale := stale_ends(ends, start, end)) is not None:
        return _undecided(part, start, end, f"{stale}, so whether it {movement.verb} cannot be told.")
    a, b = (Interval(low=x.low, best=x.best or 0, high=x.high, rule="answer") for x in (start, end))
    was = f"The value was {describe_range(a)} on {first} and {describe_range(b)} on {last}"
    if movement.factor is None:
        change = change_estimate(start, end, movement.direction)
        assert change is not None  # both ends are known
        went = "up" if b.best > a.best else "down" if b.best < a.best else "nowhere"
        moved = f"It went {went}" + (f" by {format_number(abs(b.best - a.best))}" if went != "nowhere" else "")
        if change.low is not None and change.low > 0:
            verdict = Verdict(verdict="supported", reason=f"{moved}, as {claimed} says, whatever the figures' margins.")
        elif change.high is not None and change.high <= 0:
            verdict = Verdict(verdict="contradicted", reason=f"{moved}, not as {claimed} says.")
        else:
            why = f"{moved}; within the figures' margins it may have gone either way."
            return _undecided(part, start, end, why, facts=f"{was}.")
        return verdict, _ends_reply(part, start, end, change, f"{was}.")
    ratio = ratio_estimate(movement, a, b)
    if ratio is None:
        return _undecided(part, start, end, f"{was}: no number of times over can be taken from zero.", facts="")
    low, high = allowed_ratio(movement, settings)
    allowed = (
        f"{claimed} allows {format_number(low)} to {format_number(high)}"
        if high != math.inf
        else (f"{claimed} allows {format_number(low)} or more")
    )
    times = f"{format_number(round(ratio.best, 2))} times {'over' if movement.direction == 'up' else 'less'}"
    lo, hi = ratio.low if ratio.low is not None else 0, ratio.high if ratio.high is not None else math.inf
    if low <= lo and hi <= high:
        verdict = Verdict(verdict="supported", reason=f"It moved {times}, which {allowed}.")
    elif hi < low or lo > high:
        verdict = Verdict(verdict="contradicted", reason=f"It moved {times}, outside what {allowed}.")
    else:
        within = low <= ratio.best <= high
        verdict = Verdict(
            verdict="supported" if within else "contradicted",
            reason=f"It moved {times} by the best values, {'within' if within else 'outside'} what {allowed}; the "
            "figures' margins allow some ratios on the other side.",
        )
    return verdict, _ends_reply(part, start, end, ratio, f"{was}.", "times")


def stale_ends(ends: tuple[dt.date, dt.date], start: Answer, end: Answer) -> str | None:
    """Why the values at two ends say nothing of what moved between them, or None when they can: nothing was
    reported after the first end (the later value is the earlier one carried forward), or the first end was
    last reported longer before it than the period lasts (what moved before the period would count in it)."""
    first, last = ends
    if end.newest_evidence_date is None or end.newest_evidence_date <= first:
        return f"Nothing was reported between {first} and {last}: the value on {last} is the one on record by {first}"
    if start.newest_evidence_date is None or first - start.newest_evidence_date > last - first:
        return (
            f"The value on {first} was last reported on {start.newest_evidence_date}, longer before the period "
            "than the period lasts"
        )
    return None


def _missing(ends: tuple[dt.date, dt.date], start: Answer, end: Answer) -> str:
    """The ends with no value on record, in words: "on 2030-10-16 and on 2030-10-20"."""
    return " and ".join(f"on {day}" for day, a in zip(ends, (start, end), strict=True) if a.best is None)


def _undecided(part: ClaimPart, start: Answer, end: Answer, why: str, facts: str = "") -> tuple[Verdict, Reply]:
    """Unverifiable, for `why`; the reply states the `facts` (the two values) and rests on both ends."""
    return Verdict(verdict="unverifiable", reason=why), _ends_reply(part, start, end, None, facts)


def judge_existence(reply: Reply) -> Verdict:
    """Supported when the record shows it happened; contradicted when it shows none in the time (zero, or events
    only at other times); unverifiable when the record says nothing either way."""
    if reply.exists is True:
        return Verdict(verdict="supported", reason="The record shows it happened.")
    if reply.exists is False:
        return Verdict(verdict="contradicted", reason="The record shows it did not happen in that time.")
    return Verdict(verdict="unverifiable", reason="The record does not show whether it happened.")


def judge_first_date(part: ClaimPart, reply: Reply) -> Verdict:
    """A claim that something first happened in a time: supported when the earliest event on record lies in it,
    contradicted when the earliest event lies before or after it, unverifiable when its day is not known."""
    if reply.date is None:
        return Verdict(verdict="unverifiable", reason="The day of the first event is not on record.")
    if not part.time_named:
        return Verdict(verdict="supported", reason=f"The first event on record is on {reply.date}.")
    start, end = part.time.start or dt.date.min, part.time.end or dt.date.max
    within = start <= reply.date <= end
    where = "within" if within else "before" if reply.date < start else "after"
    return Verdict(
        verdict="supported" if within else "contradicted",
        reason=f"The first event on record is on {reply.date}, {where} {describe_period(part.time)}.",
    )


def overall_verdict(verdicts: Sequence[Verdict], labels: Sequence[str], *, one_statement: bool = False) -> Verdict:
    """The verdict on the whole claim from the verdicts on its parts (the rule in the module's docstring).

    `labels` name the parts in the reason ("“21 seats”"); a one-part claim keeps its part's verdict and reason.
    `one_statement` is for parts that say one thing together, the two ends of a movement ("fell from 3,918 to
    about 3,200"): a wrong end makes the statement wrong, so one contradicted end contradicts it.
    """
    if len(verdicts) == 1:
        return verdicts[0]
    names: dict[VerdictName, list[str]] = {"supported": [], "contradicted": [], "mixed": [], "unverifiable": []}
    for verdict, label in zip(verdicts, labels, strict=True):
        names[verdict.verdict].append(label)
    checked = len(verdicts) - len(names["unverifiable"])
    listed = "; ".join(f"{kind} {', '.join(parts)}" for kind, parts in names.items() if parts)
    overall: VerdictName
    if one_statement and names["contradicted"]:
        overall, why = "contradicted", "The claim states one movement, and an end of it is contradicted."
    elif checked == 0:
        overall, why = "unverifiable", "No part of the claim can be checked against the record."
    elif names["mixed"] or (names["supported"] and names["contradicted"]):
        overall, why = "mixed", "The parts of the claim checked disagree with one another."
    elif names["contradicted"]:
        overall, why = "contradicted", "Every part of the claim that could be checked is contradicted."
    elif names["unverifiable"]:
        overall = "unverifiable"
        why = "The parts checked are supported, but not every part can be checked, so the claim as a whole is not."
    else:
        overall, why = "supported", "Every part of the claim is supported."
    return Verdict(verdict=overall, reason=f"{why} Parts {listed}.")


def answer_of_reply(reply: Reply) -> Answer:
    """The reply a part was checked against in the shape of a value answer, for clients that read `answer`."""
    if reply.kind == "value_as_of" and len(reply.parts) == 1:
        return reply.parts[0]
    return Answer(
        subject=reply.subject,
        metric=reply.metric,
        unit=reply.unit,
        modality=reply.modality,
        as_of=reply.as_of,
        low=reply.low,
        best=reply.best,
        high=reply.high,
        basis="none" if reply.basis == "none" or reply.best is None else "derived",
        steps=[],
        supporting=reply.supporting,
        conflicting=reply.conflicting,
        merged_events=[],
        newest_evidence_date=None,
        staleness_days=None,
        independent_origins_supporting=0,
        independent_origins_conflicting=0,
        explanation=reply.explanation,
    )
