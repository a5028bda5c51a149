"""The value of a metric as of a date, with the derivation, citations and explanation a fact-checker needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

import msgspec

from reasoning.citations import Citation, cite, cite_event, classify_citations, count_origins
from reasoning.corrections import Correction
from reasoning.events import BOUND_RULES, Chain, Event, add_intervals, chain_until, merge_events, select_chain, span_of
from reasoning.evidence import Evidence, MetricInfo
from reasoning.types import Interval, MetricKind, Modality, TimeSpan
from reasoning.wording import (
    describe_staleness,
    describe_term,
    describe_time,
    format_interval,
    format_number,
    name_source,
    quote_evidence,
    quote_value,
    state_level,
)

__all__ = [
    "DEFAULT_ANSWER_SETTINGS",
    "Answer",
    "AnswerSettings",
    "Basis",
    "MergedEvent",
    "Step",
    "answer_value_as_of",
    "feeding_flows",
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


def answer_value_as_of(
    *,
    subject: str,
    metric: MetricInfo,
    flows: Sequence[MetricInfo],
    evidence: Sequence[Evidence],
    as_of: dt.date,
    modality: Modality = Modality.actual,
    settings: AnswerSettings = DEFAULT_ANSWER_SETTINGS,
    subject_name: str | None = None,
    corrections: Sequence[Correction] = (),
) -> Answer:
    """The best value of `metric` for `subject` as of a date: reported, derived from a level plus flows, or none.

    `evidence` is what still stands; `corrections` the statements a later one corrected (reasoning.corrections),
    which are cited with the older figures, role `corrected`, and never chosen.

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
        return _no_answer(subject, metric, as_of, modality, subject_name or subject)
    total, _, newest = chain_until(chosen, dt.date.max)
    assert total is not None and newest is not None
    supporting, conflicting, superseded = classify_citations(
        chosen, levels, events, staleness_slack_days=settings.staleness_slack_days
    )
    family = {metric.key, *feeding_flows(metric, flows, modality, settings)}
    corrected = _corrected(corrections, subject, family, modality, as_of)
    staleness = (as_of - newest).days
    basis: Basis = "derived" if chosen.events else "reported"
    explanation = _explain(
        metric, subject_name or subject, as_of, modality, chosen, total, supporting, conflicting, superseded
    ) + _explain_corrections(corrected)
    return Answer(
        subject=subject,
        metric=metric.key,
        unit=metric.unit,
        modality=modality,
        as_of=as_of,
        low=total.low,
        best=total.best,
        high=total.high,
        basis=basis,
        steps=_steps(chosen, metric),
        supporting=supporting,
        conflicting=conflicting,
        superseded=[*superseded, *corrected],
        merged_events=[_merged(event) for event in chosen.events if len(event.reports) > 1],
        newest_evidence_date=newest,
        staleness_days=staleness,
        independent_origins_supporting=count_origins(supporting),
        independent_origins_conflicting=count_origins(conflicting),
        explanation=explanation + f" The newest evidence used dates from {newest}, {describe_staleness(staleness)}.",
    )


# --- what is known by the date ---------------------------------------------------------------------------


def feeding_flows(
    metric: MetricInfo, flows: Sequence[MetricInfo], modality: Modality, settings: AnswerSettings
) -> set[str]:
    """The keys of the flows whose events carry `metric` forward: none for a flow, or a modality not derived."""
    if metric.kind is not MetricKind.stock or modality not in settings.derive_modalities:
        return set()
    return {f.key for f in flows if f.kind is MetricKind.flow and f.feeds == metric.key}


def _known_by(
    subject: str,
    metric: MetricInfo,
    flows: Sequence[MetricInfo],
    evidence: Sequence[Evidence],
    as_of: dt.date,
    modality: Modality,
    settings: AnswerSettings,
) -> tuple[list[Evidence], list[Event]]:
    feeding = feeding_flows(metric, flows, modality, settings)
    placed = [
        (e, span) for e in evidence if e.subject == subject and e.modality == modality and (span := span_of(e.time))
    ]
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


# --- merged events, derivation steps and words --------------------------------------------------------


def _merged(event: Event) -> MergedEvent:
    citations = cite_event(event, "flow", f"the figure kept for this event: {quote_evidence(event.figure)}")
    iv = event.figure.interval
    return MergedEvent(
        time=event.figure.time,
        low=iv.low,
        best=iv.best,
        high=iv.high,
        kept=citations[0],
        merged=citations[1:],
        source_ids=event.source_ids,
    )


def _steps(chain: Chain, metric: MetricInfo) -> list[Step]:
    anchor = chain.anchor
    if anchor is not None and not chain.events:
        text = f"{state_level(anchor, metric.unit)}, as {name_source(anchor.source_id)} states (“{anchor.value_text}”)"
        citation = cite(anchor, "level", "the direct statement of the level that the answer reports")
        return [
            Step(
                operation="report",
                figure=anchor.interval,
                total=anchor.interval,
                citations=[citation],
                source_ids=[anchor.source_id],
                text=text,
            )
        ]
    steps: list[Step] = []
    total: Interval | None = None
    if anchor is not None:
        total = anchor.interval
        text = f"Start from {state_level(anchor, metric.unit)} ({name_source(anchor.source_id)}: “{anchor.value_text}”)"
        steps.append(
            Step(
                operation="start_from_level",
                figure=anchor.interval,
                total=total,
                citations=[cite(anchor, "level", "the level the derivation starts from")],
                source_ids=[anchor.source_id],
                text=text,
            )
        )
    for event in chain.events:
        figure = event.figure.interval
        total = figure if total is None else add_intervals(total, figure)
        text = f"+ {describe_term(event)} = {format_interval(total)}"
        steps.append(
            Step(
                operation="add_flow" if anchor is not None else "sum_flows",
                figure=figure,
                total=total,
                citations=cite_event(event, "flow", f"added to the total: {quote_evidence(event.figure)}"),
                source_ids=event.source_ids,
                text=text,
            )
        )
    return steps


def _explain(
    metric: MetricInfo,
    subject: str,
    as_of: dt.date,
    modality: Modality,
    chosen: Chain,
    total: Interval,
    supporting: list[Citation],
    conflicting: list[Citation],
    superseded: list[Citation],
) -> str:
    kind = "" if modality is Modality.actual else f" ({modality.value})"
    text = (
        f"As of {as_of}, the best figure for {subject} ({metric.name}{kind}) is {format_interval(total)} {metric.unit}"
    )
    anchor = chosen.anchor
    if anchor is not None and not chosen.events:
        text += f", as {name_source(anchor.source_id)} reports it (“{anchor.value_text}” {describe_time(anchor.time)})."
    else:
        terms = ([describe_term(anchor)] if anchor is not None else []) + [describe_term(e) for e in chosen.events]
        text += f", derived: {' + '.join(terms)} = {format_number(total.best)}."
    text += f" {len(supporting)} citation(s) from {count_origins(supporting)} independent origin(s) support it"
    if conflicting:
        listed = "; ".join(quote_value(c) for c in conflicting)
        text += f"; {len(conflicting)} conflict with it ({listed})"
    text += "."
    if superseded:
        text += f" {len(superseded)} older figure(s) differ only because the level has moved since."
    return text


def _corrected(
    corrections: Sequence[Correction], subject: str, metrics: set[str], modality: Modality, as_of: dt.date
) -> list[Citation]:
    return [
        cite(c.corrected, "corrected", c.why)
        for c in corrections
        if c.corrected.subject == subject
        and c.corrected.metric in metrics
        and c.corrected.modality == modality
        and (span := span_of(c.corrected.time)) is not None
        and span[1] <= as_of
    ]


def _explain_corrections(corrected: list[Citation]) -> str:
    if not corrected:
        return ""
    listed = "; ".join(f"{quote_value(c)}, {c.why}" for c in corrected)
    return f" {len(corrected)} figure(s) were not weighed because a statement corrected them ({listed})."


def _no_answer(subject: str, metric: MetricInfo, as_of: dt.date, modality: Modality, named: str) -> Answer:
    explanation = f"No {modality.value} figure for {named} ({metric.name}) is known at or before {as_of}."
    return Answer(
        subject=subject,
        metric=metric.key,
        unit=metric.unit,
        modality=modality,
        as_of=as_of,
        low=None,
        best=None,
        high=None,
        basis="none",
        steps=[],
        supporting=[],
        conflicting=[],
        merged_events=[],
        newest_evidence_date=None,
        staleness_days=None,
        independent_origins_supporting=0,
        independent_origins_conflicting=0,
        explanation=explanation,
    )
