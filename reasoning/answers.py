"""The value of a metric as of a date, with the derivation, citations and explanation a fact-checker needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

import msgspec

from reasoning.events import (
    BOUND_RULES,
    Chain,
    Event,
    add_intervals,
    chain_until,
    merge_events,
    select_chain,
    span_of,
)
from reasoning.evidence import Evidence, MetricInfo
from reasoning.figures import intervals_overlap
from reasoning.types import Interval, MetricKind, Modality, Precision, TimeSpan

__all__ = [
    "DEFAULT_ANSWER_SETTINGS",
    "Answer",
    "AnswerSettings",
    "Citation",
    "MergedEvent",
    "Step",
    "TimelinePoint",
    "answer_value_as_of",
    "build_timeline",
    "cite",
    "describe_time",
    "format_interval",
    "format_number",
]

Basis = Literal["reported", "derived", "none"]


class AnswerSettings(msgspec.Struct, frozen=True, kw_only=True):
    """How answers are reached. Every default is what a careful fact-checker would do; none names a topic."""

    # Two flow reports are one event only if their times overlap; a slack of N days also joins reports
    # whose dates are up to N days apart (time zones, "overnight" arrivals). 0: overlap required.
    event_slack_days: int = 0
    # A derived total may overrule a later direct statement only if its newest evidence is no older than
    # that statement's time (less this slack); otherwise unreported flows may explain the gap.
    staleness_slack_days: int = 0
    # Interval rules that are only a bound ("over 300"): they corroborate or contradict, and supply the
    # best value only when no consistent point estimate exists. An open side always makes a bound.
    bound_rules: frozenset[str] = BOUND_RULES
    # Modalities whose levels are carried forward by flows. A promise of "50 more" is usually already
    # inside the promised total it is announced with, so pledged or planned flows are not added to pledged
    # or planned totals by default: those answers are reported only.
    derive_modalities: frozenset[Modality] = frozenset({Modality.actual})

    def __post_init__(self) -> None:
        if self.event_slack_days < 0 or self.staleness_slack_days < 0:
            raise ValueError("event_slack_days and staleness_slack_days are numbers of days: 0 or more")


DEFAULT_ANSWER_SETTINGS = AnswerSettings()


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


class Step(msgspec.Struct, frozen=True, kw_only=True):
    """One step of a derivation: the figure it adds, the running total after it, and what it stands on."""

    operation: Literal["report", "start_from_level", "add_flow", "sum_flows"]
    figure: Interval
    total: Interval
    citations: list[Citation]
    source_ids: list[int]  # every source that reports this figure (several when an event is merged)
    text: str


class MergedEvent(msgspec.Struct, frozen=True, kw_only=True):
    """An event several reports describe, counted once: `kept` supplies the figure, `merged` are the others."""

    time: TimeSpan
    low: float | None
    best: float
    high: float | None
    kept: Citation
    merged: list[Citation]
    source_ids: list[int]


class Answer(msgspec.Struct, frozen=True, kw_only=True):
    subject: str
    metric: str
    unit: str
    modality: Modality
    as_of: dt.date
    low: float | None
    best: float | None
    high: float | None
    basis: Basis
    steps: list[Step]
    supporting: list[Citation]
    conflicting: list[Citation]
    merged_events: list[MergedEvent]
    newest_evidence_date: dt.date | None
    staleness_days: int | None  # as_of minus the newest evidence date used
    independent_origins_supporting: int
    independent_origins_conflicting: int
    explanation: str
    # Older levels that differ from the answer only because the level has moved since: no conflict.
    superseded: list[Citation] = []


class TimelinePoint(msgspec.Struct, frozen=True, kw_only=True):
    date: dt.date
    low: float | None
    best: float | None
    high: float | None
    basis: Basis
    supporting: list[Citation]
    conflicting: list[Citation]


def answer_value_as_of(
    *,
    subject: str,
    metric: MetricInfo,
    flows: Sequence[MetricInfo],
    evidence: Sequence[Evidence],
    as_of: dt.date,
    modality: Modality = Modality.actual,
    settings: AnswerSettings = DEFAULT_ANSWER_SETTINGS,
) -> Answer:
    """The best value of `metric` for `subject` as of a date: reported, derived from a level plus flows, or none.

    Only `modality` counts. A level counts once its time has ended by `as_of` (a level "in 2024" is known
    at the end of 2024). A flow report is admitted once its time has started, so "over 40 in May" can
    merge with "42 on 12 May"; an event counts once its figure's time has ended, so a delivery known only
    as "in May" is not added to a total as of 10 May. A flow metric asked directly is
    answered from the latest period stated, never carried forward. See `reasoning.events` for the choice.
    """
    levels, events = _known_by(subject, metric, flows, evidence, as_of, modality, settings)
    selection = select_chain(
        levels, events, staleness_slack_days=settings.staleness_slack_days, bound_rules=settings.bound_rules
    )
    chosen = selection.chosen
    if chosen is None:
        return _no_answer(subject, metric, as_of, modality)
    total, _, newest = chain_until(chosen, dt.date.max)
    assert total is not None and newest is not None
    supporting, conflicting, superseded = _classify(chosen, levels, events, settings)
    staleness = (as_of - newest).days
    basis: Basis = "derived" if chosen.events else "reported"
    explanation = _explain(metric, subject, as_of, modality, chosen, total, supporting, conflicting, superseded)
    return Answer(
        subject=subject, metric=metric.key, unit=metric.unit, modality=modality, as_of=as_of,
        low=total.low, best=total.best, high=total.high, basis=basis, steps=_steps(chosen, metric),
        supporting=supporting, conflicting=conflicting, superseded=superseded,
        merged_events=[_merged(event) for event in chosen.events if len(event.reports) > 1],
        newest_evidence_date=newest, staleness_days=staleness,
        independent_origins_supporting=_origins(supporting), independent_origins_conflicting=_origins(conflicting),
        explanation=explanation + f" The newest evidence used dates from {newest}, {_days_text(staleness)}.",
    )  # fmt: skip


def build_timeline(
    *,
    subject: str,
    metric: MetricInfo,
    flows: Sequence[MetricInfo],
    evidence: Sequence[Evidence],
    start: dt.date | None = None,
    end: dt.date | None = None,
    modality: Modality = Modality.actual,
    settings: AnswerSettings = DEFAULT_ANSWER_SETTINGS,
) -> list[TimelinePoint]:
    """The answer at `start` and at every date in range where a figure's time ends and the answer changes."""
    feeding = _feeding(metric, flows, modality, settings)
    ends = {
        span[1]
        for e in evidence
        if e.subject == subject and e.modality == modality and (e.metric == metric.key or e.metric in feeding)
        and (span := span_of(e.time)) is not None
    }  # fmt: skip
    candidates = ends | ({start} if start else set())
    dates = sorted(d for d in candidates if (start is None or d >= start) and (end is None or d <= end))
    points: list[TimelinePoint] = []
    for date in dates:
        answer = answer_value_as_of(
            subject=subject, metric=metric, flows=flows, evidence=evidence, as_of=date, modality=modality, settings=settings
        )
        if answer.basis == "none":
            continue
        point = TimelinePoint(
            date=date, low=answer.low, best=answer.best, high=answer.high, basis=answer.basis,
            supporting=answer.supporting, conflicting=answer.conflicting,
        )  # fmt: skip
        if not points or _changed(points[-1], point):
            points.append(point)
    return points


# --- what is known by the date ---------------------------------------------------------------------------


def _feeding(metric: MetricInfo, flows: Sequence[MetricInfo], modality: Modality, settings: AnswerSettings) -> set[str]:
    if metric.kind is not MetricKind.stock or modality not in settings.derive_modalities:
        return set()
    return {f.key for f in flows if f.kind is MetricKind.flow and f.feeds == metric.key}


def _known_by(
    subject: str, metric: MetricInfo, flows: Sequence[MetricInfo], evidence: Sequence[Evidence],
    as_of: dt.date, modality: Modality, settings: AnswerSettings,
) -> tuple[list[Evidence], list[Event]]:  # fmt: skip
    feeding = _feeding(metric, flows, modality, settings)
    placed = [(e, span) for e in evidence if e.subject == subject and e.modality == modality and (span := span_of(e.time))]
    levels = [e for e, (_, last) in placed if e.metric == metric.key and last <= as_of]
    if metric.kind is MetricKind.flow:
        levels = _latest_period(levels)
    reports = [e for e, (first, _) in placed if e.metric in feeding and first <= as_of]
    events = [event for event in merge_events(reports, slack_days=settings.event_slack_days) if event.end <= as_of]
    return levels, events


def _latest_period(statements: list[Evidence]) -> list[Evidence]:
    # Counts over different periods (killed in 2023, killed in 2024) are different quantities: answer from
    # the latest period stated (the longer one on a tie, a year before its December), compared only within it.
    spans = [span for e in statements if (span := span_of(e.time)) is not None]
    if not spans:
        return []
    latest = max(spans, key=lambda s: (s[1], s[1] - s[0]))
    return [e for e in statements if span_of(e.time) == latest]


# --- citations ------------------------------------------------------------------------------------------


def cite(evidence: Evidence, role: str, why: str) -> Citation:
    """A citation of one assertion in a given role, with a one-line reason."""
    iv = evidence.interval
    return Citation(
        assertion_id=evidence.assertion_id, source_id=evidence.source_id, source_title=evidence.source_title,
        claimant=evidence.claimant, metric=evidence.metric, quote=evidence.quote, quote_start=evidence.quote_start,
        quote_end=evidence.quote_end, value_text=evidence.value_text, low=iv.low, best=iv.best, high=iv.high,
        time=evidence.time, origin=evidence.origin, role=role, why=why,
    )  # fmt: skip


def _classify(
    chosen: Chain, levels: list[Evidence], events: list[Event], settings: AnswerSettings
) -> tuple[list[Citation], list[Citation], list[Citation]]:
    supporting: list[Citation] = []
    conflicting: list[Citation] = []
    superseded: list[Citation] = []
    anchor = chosen.anchor
    if anchor is not None:
        supporting.append(cite(anchor, "level", f"the level the answer starts from: {_said(anchor)}"))
    for event in chosen.events:
        supporting.extend(_event_citations(event, "flow", f"added to the total: {_said(event.figure)}"))
    if anchor is None:
        return supporting, conflicting, superseded
    anchor_first, anchor_last = _span(anchor)
    slack = dt.timedelta(days=settings.staleness_slack_days)
    for level in (level for level in levels if level is not anchor):
        level_last = _span(level)[1]
        if level_last > anchor_last:
            running, _, _ = chain_until(chosen, level_last)
            assert running is not None
            agrees = intervals_overlap(running, level.interval)
            verdict = "agrees with" if agrees else "cannot hold beside"
            why = f"states {_said(level)}, which {verdict} the answer's {format_interval(running)} at that date"
            (supporting if agrees else conflicting).append(cite(level, "corroborates" if agrees else "contradicts", why))
            continue
        if intervals_overlap(level.interval, anchor.interval):
            supporting.append(cite(level, "corroborates", f"states {_said(level)}, consistent with {_said(anchor)}"))
            continue
        earlier = Chain(anchor=level, events=tuple(e for e in events if e.start > level_last))
        running, parts, horizon = chain_until(earlier, anchor_last)
        assert running is not None and horizon is not None
        carried = f"{_said(level)}" + (f" plus {len(parts)} flow(s) since, {format_interval(running)}," if parts else "")
        if intervals_overlap(running, anchor.interval):
            supporting.append(cite(level, "corroborates", f"{carried} agrees with {_said(anchor)}"))
            cited = {c.assertion_id for c in supporting}
            for event in (e for e in parts if e.figure.assertion_id not in cited):
                why = f"a flow between {_source(level)}'s level and {_source(anchor)}'s that accounts for the change"
                supporting.extend(_event_citations(event, "corroborates", f"{why}: {_said(event.figure)}"))
        elif horizon < anchor_first - slack:
            superseded.append(cite(level, "superseded", f"an older figure, {carried} before {_said(anchor)}"))
        else:
            conflicting.append(cite(level, "contradicts", f"{carried} cannot hold beside {_said(anchor)}"))
    conflicting.extend(_misfits(chosen, anchor, supporting, levels, events, slack))
    return supporting, conflicting, superseded


def _misfits(
    chosen: Chain, anchor: Evidence, supporting: list[Citation], levels: list[Evidence], events: list[Event],
    slack: dt.timedelta,
) -> list[Citation]:  # fmt: skip
    """Flows before the anchor that two agreeing levels leave no room for (300 on one date, 300 at a later
    one, and 300 added between them): the answer does not add them, and says why they do not fit."""
    # Flows the answer adds, or that already account for a change between levels, are not misfits.
    used = {event.figure.assertion_id for event in chosen.events} | {c.assertion_id for c in supporting}
    agreeing = {c.assertion_id for c in supporting if c.role == "corroborates"}
    # The nearest earlier level says most about what room there was for the flow.
    earlier = sorted(
        (level for level in levels if level.assertion_id in agreeing and _span(level)[1] < _span(anchor)[1]),
        key=lambda level: _span(level)[1],
        reverse=True,
    )
    found: list[Citation] = []
    for event in (e for e in events if e.figure.assertion_id not in used and e.end >= _span(anchor)[0] - slack):
        for level in (level for level in earlier if _span(level)[1] < event.start):
            total = add_intervals(level.interval, event.figure.interval)
            if not intervals_overlap(total, anchor.interval):
                why = (
                    f"a flow of {_said(event.figure)} that the levels leave no room for: {_said(level)} plus it "
                    f"makes {format_interval(total)}, where {_said(anchor)}"
                )
                found.extend(_event_citations(event, "contradicts", why))
                break
    return found


def _event_citations(event: Event, role: str, why: str) -> list[Citation]:
    """The event's reports: its figure with `why`, then the other reports, each marked as counted once."""
    kept = event.figure
    citations = [cite(kept, role, why)]
    for report in event.reports[1:]:
        same = f"the same event as assertion {kept.assertion_id} ({kept.value_text} {describe_time(kept.time)})"
        citations.append(cite(report, role, f"{same}, counted once; {why}"))
    return citations


def _merged(event: Event) -> MergedEvent:
    citations = _event_citations(event, "flow", f"the figure kept for this event: {_said(event.figure)}")
    iv = event.figure.interval
    return MergedEvent(
        time=event.figure.time, low=iv.low, best=iv.best, high=iv.high, kept=citations[0], merged=citations[1:],
        source_ids=event.source_ids,
    )  # fmt: skip


def _origins(citations: list[Citation]) -> int:
    # Sources that repeat one wire story share an origin: they are one confirmation, not several.
    return len({c.origin or f"source:{c.source_id}" for c in citations})


# --- derivation steps and words -------------------------------------------------------------------------


def _steps(chain: Chain, metric: MetricInfo) -> list[Step]:
    anchor = chain.anchor
    if anchor is not None and not chain.events:
        text = f"{_stated(anchor, metric.unit)}, as {_source(anchor)} states (“{anchor.value_text}”)"
        citation = cite(anchor, "level", "the direct statement of the level that the answer reports")
        return [Step(operation="report", figure=anchor.interval, total=anchor.interval, citations=[citation],
                     source_ids=[anchor.source_id], text=text)]  # fmt: skip
    steps: list[Step] = []
    total: Interval | None = None
    if anchor is not None:
        total = anchor.interval
        text = f"Start from {_stated(anchor, metric.unit)} ({_source(anchor)}: “{anchor.value_text}”)"
        steps.append(Step(operation="start_from_level", figure=anchor.interval, total=total,
                          citations=[cite(anchor, "level", "the level the derivation starts from")],
                          source_ids=[anchor.source_id], text=text))  # fmt: skip
    for event in chain.events:
        figure = event.figure.interval
        total = figure if total is None else add_intervals(total, figure)
        steps.append(Step(operation="add_flow" if anchor is not None else "sum_flows", figure=figure, total=total,
                          citations=_event_citations(event, "flow", f"added to the total: {_said(event.figure)}"),
                          source_ids=event.source_ids, text=f"+ {_term(event)} = {format_interval(total)}"))  # fmt: skip
    return steps


def _explain(
    metric: MetricInfo, subject: str, as_of: dt.date, modality: Modality, chosen: Chain, total: Interval,
    supporting: list[Citation], conflicting: list[Citation], superseded: list[Citation],
) -> str:  # fmt: skip
    kind = "" if modality is Modality.actual else f" ({modality.value})"
    text = f"As of {as_of}, the best figure for {subject} ({metric.name}{kind}) is {format_interval(total)} {metric.unit}"
    anchor = chosen.anchor
    if anchor is not None and not chosen.events:
        text += f", as {_source(anchor)} reports it (“{anchor.value_text}” {describe_time(anchor.time)})."
    else:
        terms = [_term(anchor)] if anchor is not None else []
        text += f", derived: {' + '.join(terms + [_term(e) for e in chosen.events])} = {format_number(total.best)}."
    text += f" {len(supporting)} citation(s) from {_origins(supporting)} independent origin(s) support it"
    if conflicting:
        listed = "; ".join(f"source {c.source_id}'s “{c.value_text}” {describe_time(c.time)}" for c in conflicting)
        text += f"; {len(conflicting)} conflict with it ({listed})"
    text += "."
    if superseded:
        text += f" {len(superseded)} older figure(s) differ only because the level has moved since."
    return text


def _no_answer(subject: str, metric: MetricInfo, as_of: dt.date, modality: Modality) -> Answer:
    explanation = f"No {modality.value} figure for {subject} ({metric.name}) is known at or before {as_of}."
    return Answer(
        subject=subject, metric=metric.key, unit=metric.unit, modality=modality, as_of=as_of, low=None, best=None,
        high=None, basis="none", steps=[], supporting=[], conflicting=[], merged_events=[], newest_evidence_date=None,
        staleness_days=None, independent_origins_supporting=0, independent_origins_conflicting=0, explanation=explanation,
    )  # fmt: skip


def _changed(previous: TimelinePoint, point: TimelinePoint) -> bool:
    def key(p: TimelinePoint) -> tuple[object, ...]:
        cited = tuple(sorted(c.assertion_id for c in p.supporting)), tuple(sorted(c.assertion_id for c in p.conflicting))
        return p.low, p.best, p.high, p.basis, cited

    return key(previous) != key(point)


def format_number(value: float) -> str:
    """1000.0 -> "1,000"; 12.5 -> "12.5"."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_interval(interval: Interval) -> str:
    """A figure with its bounds: "342 (312–372)", "300 (300 or more)", "42"."""
    best = format_number(interval.best)
    low, high = interval.low, interval.high
    if low == high == interval.best:
        return best
    if low is None and high is None:
        return f"{best} (unbounded)"
    if low is None:
        return f"{best} (at most {format_number(high)})" if high is not None else best
    if high is None:
        return f"{best} ({format_number(low)} or more)"
    return f"{best} ({format_number(low)}–{format_number(high)})"


def describe_time(time: TimeSpan) -> str:
    """A time at its precision: "on 2025-01-18", "in 2025-01", "in 2024", "from 2024-09-22 to 2024-11-02"."""
    span = span_of(time)
    if span is None:
        return "at an unknown time"
    first, last = span
    if time.precision is Precision.day or first == last:
        return f"on {first}"
    if time.precision is Precision.month:
        return f"in {first:%Y-%m}"
    if time.precision is Precision.year:
        return f"in {first.year}"
    return f"from {first} to {last}"


def _said(evidence: Evidence) -> str:
    """How a figure is quoted in a reason: source 4's “about 500” (500 (450–550)) on 2023-04-12."""
    figure = format_interval(evidence.interval)
    return f"{_source(evidence)}'s “{evidence.value_text}” ({figure}) {describe_time(evidence.time)}"


def _stated(evidence: Evidence, unit: str) -> str:
    return f"{format_interval(evidence.interval)} {unit} {describe_time(evidence.time)}"


def _term(item: Evidence | Event) -> str:
    """One term of a sum in words: "300 in 2023-03 (source 1)", "42 on 2023-04-12 (sources 2, 3 — one event…)"."""
    if isinstance(item, Event):
        figure = item.figure
        return f"{format_number(figure.interval.best)} {describe_time(figure.time)} ({_event_sources(item)})"
    return f"{format_number(item.interval.best)} {describe_time(item.time)} ({_source(item)})"


def _source(evidence: Evidence) -> str:
    return f"source {evidence.source_id}"


def _event_sources(event: Event) -> str:
    ids = event.source_ids
    label = f"source {ids[0]}" if len(ids) == 1 else "sources " + ", ".join(str(i) for i in ids)
    if len(event.reports) > 1:
        label += f" — one event in {len(event.reports)} reports, counted once"
    return label


def _span(evidence: Evidence) -> tuple[dt.date, dt.date]:
    span = span_of(evidence.time)
    assert span is not None  # only evidence with a known time reaches the answer
    return span


def _days_text(days: int) -> str:
    if days == 0:
        return "the date asked"
    return f"{days} day{'s' if days != 1 else ''} before the date asked"
