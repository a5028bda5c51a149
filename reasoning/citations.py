"""Citations: each assertion an answer rests on or runs into, in its role and with the reason for that role."""

from __future__ import annotations

import datetime as dt

import msgspec

from reasoning.events import Chain, Event, add_intervals, chain_until, known_span
from reasoning.evidence import Evidence
from reasoning.figures import intervals_overlap
from reasoning.types import TimeSpan
from reasoning.wording import describe_time, format_interval, name_source, quote_evidence

__all__ = ["Citation", "cite", "cite_event", "classify_citations", "count_origins"]


class Citation(msgspec.Struct, frozen=True, kw_only=True):
    """One assertion as a fact-checker sees it, with its role in the answer and why it has that role."""

    assertion_id: int
    source_id: int
    source_title: str | None
    claimant: str | None
    metric: str
    quote: str
    quote_start: int
    quote_end: int
    value_text: str
    low: float | None
    best: float
    high: float | None
    time: TimeSpan
    origin: str | None
    role: str  # "level", "flow", "corroborates", "contradicts", "superseded", ...
    why: str


def cite(evidence: Evidence, role: str, why: str) -> Citation:
    """A citation of one assertion in a given role, with a one-line reason."""
    iv = evidence.interval
    return Citation(
        assertion_id=evidence.assertion_id,
        source_id=evidence.source_id,
        source_title=evidence.source_title,
        claimant=evidence.claimant,
        metric=evidence.metric,
        quote=evidence.quote,
        quote_start=evidence.quote_start,
        quote_end=evidence.quote_end,
        value_text=evidence.value_text,
        low=iv.low,
        best=iv.best,
        high=iv.high,
        time=evidence.time,
        origin=evidence.origin,
        role=role,
        why=why,
    )


def cite_event(event: Event, role: str, why: str) -> list[Citation]:
    """The event's reports: its figure with `why`, then the other reports, each marked as counted once."""
    kept = event.figure
    citations = [cite(kept, role, why)]
    for report in event.reports[1:]:
        same = f"the same event as assertion {kept.assertion_id} ({kept.value_text} {describe_time(kept.time)})"
        citations.append(cite(report, role, f"{same}, counted once; {why}"))
    return citations


def count_origins(citations: list[Citation]) -> int:
    """How many independent origins the citations come from."""
    # Sources that repeat one wire story share an origin: they are one confirmation, not several.
    return len({c.origin or f"source:{c.source_id}" for c in citations})


def classify_citations(
    chosen: Chain, levels: list[Evidence], events: list[Event], *, staleness_slack_days: int
) -> tuple[list[Citation], list[Citation], list[Citation]]:
    """What supports the chosen chain, what conflicts with it, and older levels it has merely superseded."""
    supporting: list[Citation] = []
    conflicting: list[Citation] = []
    superseded: list[Citation] = []
    anchor = chosen.anchor
    if anchor is not None:
        supporting.append(cite(anchor, "level", f"the level the answer starts from: {quote_evidence(anchor)}"))
    for event in chosen.events:
        supporting.extend(cite_event(event, "flow", f"added to the total: {quote_evidence(event.figure)}"))
    if anchor is None:
        return supporting, conflicting, superseded
    anchor_first, anchor_last = known_span(anchor)
    slack = dt.timedelta(days=staleness_slack_days)
    for level in (level for level in levels if level is not anchor):
        level_last = known_span(level)[1]
        if level_last > anchor_last:
            running, _, _ = chain_until(chosen, level_last)
            assert running is not None
            agrees = intervals_overlap(running, level.interval)
            verdict = "agrees with" if agrees else "cannot hold beside"
            answer = format_interval(running)
            why = f"states {quote_evidence(level)}, which {verdict} the answer's {answer} at that date"
            role = "corroborates" if agrees else "contradicts"
            (supporting if agrees else conflicting).append(cite(level, role, why))
            continue
        if intervals_overlap(level.interval, anchor.interval):
            why = f"states {quote_evidence(level)}, consistent with {quote_evidence(anchor)}"
            supporting.append(cite(level, "corroborates", why))
            continue
        earlier = Chain(anchor=level, events=tuple(e for e in events if e.start > level_last))
        running, parts, horizon = chain_until(earlier, anchor_last)
        assert running is not None and horizon is not None
        since = f" plus {len(parts)} flow(s) since, {format_interval(running)}," if parts else ""
        carried = quote_evidence(level) + since
        if intervals_overlap(running, anchor.interval):
            supporting.append(cite(level, "corroborates", f"{carried} agrees with {quote_evidence(anchor)}"))
            cited = {c.assertion_id for c in supporting}
            for event in (e for e in parts if e.figure.assertion_id not in cited):
                source, later = name_source(level.source_id), name_source(anchor.source_id)
                why = f"a flow between {source}'s level and {later}'s that accounts for the change"
                supporting.extend(cite_event(event, "corroborates", f"{why}: {quote_evidence(event.figure)}"))
        elif horizon < anchor_first - slack:
            superseded.append(cite(level, "superseded", f"an older figure, {carried} before {quote_evidence(anchor)}"))
        else:
            conflicting.append(cite(level, "contradicts", f"{carried} cannot hold beside {quote_evidence(anchor)}"))
    conflicting.extend(_misfits(chosen, anchor, supporting, levels, events, slack))
    return supporting, conflicting, superseded


def _misfits(
    chosen: Chain,
    anchor: Evidence,
    supporting: list[Citation],
    levels: list[Evidence],
    events: list[Event],
    slack: dt.timedelta,
) -> list[Citation]:
    """Flows before the anchor that two agreeing levels leave no room for (300 on one date, 300 at a later
    one, and 300 added between them): the answer does not add them, and says why they do not fit."""
    # Flows the answer adds, or that already account for a change between levels, are not misfits.
    used = {event.figure.assertion_id for event in chosen.events} | {c.assertion_id for c in supporting}
    agreeing = {c.assertion_id for c in supporting if c.role == "corroborates"}
    # The nearest earlier level says most about what room there was for the flow.
    earlier = sorted(
        (level for level in levels if level.assertion_id in agreeing and known_span(level)[1] < known_span(anchor)[1]),
        key=lambda level: known_span(level)[1],
        reverse=True,
    )
    found: list[Citation] = []
    for event in (e for e in events if e.figure.assertion_id not in used and e.end >= known_span(anchor)[0] - slack):
        for level in (level for level in earlier if known_span(level)[1] < event.start):
            total = add_intervals(level.interval, event.figure.interval)
            if not intervals_overlap(total, anchor.interval):
                why = (
                    f"a flow of {quote_evidence(event.figure)} that the levels leave no room for: "
                    f"{quote_evidence(level)} plus it makes {format_interval(total)}, where {quote_evidence(anchor)}"
                )
                found.extend(cite_event(event, "contradicts", why))
                break
    return found
