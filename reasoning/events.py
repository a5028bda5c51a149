"""Flows de-duplicated into events, and reported levels carried forward by those events into candidate totals."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Literal

import msgspec

from reasoning.evidence import Evidence
from reasoning.figures import drop_float_noise, intervals_overlap
from reasoning.types import Interval, TimeSpan

__all__ = [
    "BOUND_RULES",
    "Chain",
    "Dispute",
    "Event",
    "Selection",
    "add_intervals",
    "chain_until",
    "is_bound",
    "known_span",
    "merge_events",
    "select_chain",
    "span_of",
    "times_overlap",
    "width",
]

# Interval rules (reasoning.figures) that state only one side of the truth: "over 300" says the figure is at
# least 300, not that it is 300. Any interval with an open side is a bound too.
BOUND_RULES = frozenset({"more_than", "at_least", "nearly", "at_most", "less_than"})


# --- intervals and times --------------------------------------------------------------------------------


def width(interval: Interval) -> float:
    """How much an interval leaves open: an open side is infinitely wide."""
    if interval.low is None or interval.high is None:
        return math.inf
    return interval.high - interval.low


def is_bound(interval: Interval, bound_rules: frozenset[str] = BOUND_RULES) -> bool:
    return interval.rule in bound_rules or interval.low is None or interval.high is None


def add_intervals(a: Interval, b: Interval) -> Interval:
    """Interval sum: bounds add, and an open bound on either side stays open."""
    low = None if a.low is None or b.low is None else drop_float_noise(a.low + b.low)
    high = None if a.high is None or b.high is None else drop_float_noise(a.high + b.high)
    return Interval(low=low, best=drop_float_noise(a.best + b.best), high=high, rule="sum")


def span_of(time: TimeSpan) -> tuple[dt.date, dt.date] | None:
    """First and last day a time covers, or None when it is unknown (such figures cannot be placed in time)."""
    start, end = time.start or time.end, time.end or time.start
    if start is None or end is None:
        return None
    return start, end


def known_span(evidence: Evidence) -> tuple[dt.date, dt.date]:
    """First and last day of a figure's time; only figures placed in time reach events, answers and conflicts."""
    span = span_of(evidence.time)
    if span is None:
        raise ValueError(f"assertion {evidence.assertion_id} has no known time")
    return span


def times_overlap(a: Evidence, b: Evidence, *, slack_days: int = 0) -> bool:
    """Whether two figures' times share a day (a day inside a month does), give or take `slack_days`."""
    (a_start, a_end), (b_start, b_end) = known_span(a), known_span(b)
    slack = dt.timedelta(days=slack_days)
    return a_start <= b_end + slack and b_start <= a_end + slack


def _days(time: TimeSpan) -> int:
    span = span_of(time)
    return 10**6 if span is None else (span[1] - span[0]).days


# --- events ---------------------------------------------------------------------------------------------


class Event(msgspec.Struct, frozen=True, kw_only=True):
    """One happening (a delivery of buses, a contingent's arrival) however many reports of it there are; it counts once.

    `figure` is the most precise report (narrowest interval, then narrowest time): its numbers and its date
    are the event's. `reports` holds every report merged into it, `figure` first.
    """

    figure: Evidence
    reports: tuple[Evidence, ...]

    @property
    def start(self) -> dt.date:
        return known_span(self.figure)[0]

    @property
    def end(self) -> dt.date:
        return known_span(self.figure)[1]

    @property
    def source_ids(self) -> list[int]:
        return sorted({report.source_id for report in self.reports})


def _precision_key(evidence: Evidence) -> tuple[float, int, int]:
    return width(evidence.interval), _days(evidence.time), evidence.assertion_id


def _same_event(a: Evidence, b: Evidence, slack_days: int) -> bool:
    """Whether two reports can be of one event: same subject, metric and modality, overlapping values, and
    times that overlap (a day inside a month does), give or take `slack_days`."""
    if (a.subject, a.metric, a.modality) != (b.subject, b.metric, b.modality):
        return False
    return intervals_overlap(a.interval, b.interval) and times_overlap(a, b, slack_days=slack_days)


def merge_events(flows: Iterable[Evidence], *, slack_days: int = 0) -> list[Event]:
    """Group flow reports into events, in time order; reports with no known time are left out.

    A report joins an event only if it could be the same event as every report already in it (complete
    linkage): "over 40 in May" may join "42 on 12 May", but it cannot chain that delivery to a different
    one later in the month. Reports are taken most precise first, so each event's first report
    is its figure and the grouping does not depend on the order the store returned them in.
    """
    groups: list[list[Evidence]] = []
    for report in sorted((f for f in flows if span_of(f.time) is not None), key=_precision_key):
        for group in groups:
            if all(_same_event(report, member, slack_days) for member in group):
                group.append(report)
                break
        else:
            groups.append([report])
    events = [Event(figure=group[0], reports=tuple(group)) for group in groups]
    return sorted(events, key=lambda e: (e.end, e.start, e.figure.assertion_id))


# --- chains: a level carried forward by the events after it ---------------------------------------------


class Chain(msgspec.Struct, frozen=True, kw_only=True):
    """A candidate total: a reported level (or nothing, when no level is known) plus the events after it."""

    anchor: Evidence | None
    events: tuple[Event, ...]


class Dispute(msgspec.Struct, frozen=True, kw_only=True):
    """A chain whose running total cannot hold beside a reported level at that level's time."""

    chain: Chain
    statement: Evidence
    running: Interval  # the chain's total at the statement's time
    parts: tuple[Event, ...]  # the events the chain had added by then
    stale: bool  # the chain's newest evidence is older than the statement: the level may have moved since
    winner: Literal["chain", "statement"]  # the side that stands


class Selection(msgspec.Struct, frozen=True, kw_only=True):
    chosen: Chain | None
    chains: tuple[Chain, ...]
    standing: tuple[Chain, ...]  # the chains no dispute discredited
    disputes: tuple[Dispute, ...]


def chain_until(chain: Chain, until: dt.date) -> tuple[Interval | None, tuple[Event, ...], dt.date | None]:
    """The chain's total at `until`, the events it has added by then, and the date of its newest evidence."""
    parts = tuple(event for event in chain.events if event.end <= until)
    total = chain.anchor.interval if chain.anchor is not None else None
    horizon = known_span(chain.anchor)[1] if chain.anchor is not None else None
    for event in parts:
        total = event.figure.interval if total is None else add_intervals(total, event.figure.interval)
        horizon = event.end if horizon is None else max(horizon, event.end)
    return total, parts, horizon


def select_chain(
    levels: Sequence[Evidence],
    events: Sequence[Event],
    *,
    staleness_slack_days: int = 0,
    bound_rules: frozenset[str] = BOUND_RULES,
) -> Selection:
    """Build the candidate totals and pick the answer among them.

    Candidates: each level known by the date, carried forward by the events strictly after its time (with
    no level, the one candidate is the sum of all events). Walking the levels in time order, every earlier
    candidate still standing must agree with each level at that level's time (their intervals overlap);
    where they disagree, `_settle` decides which side is discredited. Among the candidates left standing,
    point estimates come before bounds, then the latest anchor, then the narrower total (`_preference`).
    `levels` and `events` must already be limited to what is known by the date asked.
    """
    if not levels:
        lone = (Chain(anchor=None, events=tuple(events)),) if events else ()
        return Selection(chosen=lone[0] if lone else None, chains=lone, standing=lone, disputes=())
    ordered = sorted(levels, key=lambda e: (known_span(e)[1], known_span(e)[0], e.assertion_id))
    chains = {
        level.assertion_id: Chain(anchor=level, events=tuple(e for e in events if e.start > known_span(level)[1]))
        for level in ordered
    }
    standing, disputes = _settle(ordered, chains, staleness_slack_days)
    # Disputes in one same-day group can, in a rare cycle, discredit every chain: then all compete again.
    survivors = tuple(chains[i] for i in chains if i in standing) or tuple(chains.values())
    chosen = max(survivors, key=lambda chain: _preference(chain, bound_rules))
    return Selection(chosen=chosen, chains=tuple(chains.values()), standing=survivors, disputes=tuple(disputes))


def _settle(ordered: Sequence[Evidence], chains: dict[int, Chain], slack_days: int) -> tuple[set[int], list[Dispute]]:
    """Walk the levels in time order; at each, every earlier chain still standing must agree with it.

    When a chain's running total and a later level disagree, the newer level wins if the chain is stale (its
    newest evidence is older than the level, so unreported flows may explain the gap); otherwise the more
    precise (narrower) side wins, and on a tie the later statement. A level beaten by some chain cannot
    discredit other chains. Levels stated for the same moment are compared directly: the narrower wins,
    and on a tie both stand (the answer then cites the other as conflicting).
    """
    standing = set(chains)
    disputes: list[Dispute] = []
    for end, group_iter in groupby(ordered, key=lambda e: known_span(e)[1]):
        group = list(group_iter)
        earlier = [chains[i] for i in chains if i in standing and _anchor_end(chains[i]) < end]
        fallen: set[int] = set()
        for statement in group:
            found = [d for chain in earlier if (d := _dispute(chain, statement, end, slack_days)) is not None]
            disputes.extend(found)
            if any(d.winner == "chain" for d in found):
                fallen.add(statement.assertion_id)
            else:
                fallen.update(_anchor_id(d.chain) for d in found if d.winner == "statement")
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                if not intervals_overlap(first.interval, second.interval):
                    first_width, second_width = width(first.interval), width(second.interval)
                    if first_width != second_width:
                        fallen.add(second.assertion_id if first_width < second_width else first.assertion_id)
        standing -= fallen
    return standing, disputes


def _dispute(chain: Chain, statement: Evidence, end: dt.date, slack_days: int) -> Dispute | None:
    running, parts, horizon = chain_until(chain, end)
    if running is None or horizon is None or intervals_overlap(running, statement.interval):
        return None
    stale = horizon < known_span(statement)[0] - dt.timedelta(days=slack_days)
    chain_width, statement_width = width(running), width(statement.interval)
    winner: Literal["chain", "statement"] = "chain" if not stale and chain_width < statement_width else "statement"
    return Dispute(chain=chain, statement=statement, running=running, parts=parts, stale=stale, winner=winner)


def _preference(chain: Chain, bound_rules: frozenset[str]) -> tuple[bool, dt.date, float, int, int]:
    """Point estimates before bounds, then the latest anchor, the narrower total, the more precise time."""
    anchor = chain.anchor
    assert anchor is not None  # only anchored chains are compared
    total, _, _ = chain_until(chain, dt.date.max)
    assert total is not None
    point = not is_bound(anchor.interval, bound_rules) and not any(
        is_bound(e.figure.interval, bound_rules) for e in chain.events
    )
    return point, known_span(anchor)[1], -width(total), -_days(anchor.time), -anchor.assertion_id


def _anchor_end(chain: Chain) -> dt.date:
    assert chain.anchor is not None
    return known_span(chain.anchor)[1]


def _anchor_id(chain: Chain) -> int:
    assert chain.anchor is not None
    return chain.anchor.assertion_id
