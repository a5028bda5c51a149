"""The answer over time: a point at every date where a figure's time ends and the answer changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import msgspec

from reasoning.answers import DEFAULT_ANSWER_SETTINGS, AnswerSettings, Basis, answer_value_as_of, feeding_flows
from reasoning.citations import Citation
from reasoning.events import span_of
from reasoning.evidence import Evidence, MetricInfo
from reasoning.types import Modality

__all__ = ["TimelinePoint", "build_timeline"]


class TimelinePoint(msgspec.Struct, frozen=True, kw_only=True):
    date: dt.date
    low: float | None
    best: float | None
    high: float | None
    basis: Basis
    supporting: list[Citation]
    conflicting: list[Citation]


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
    feeding = feeding_flows(metric, flows, modality, settings)
    ends = {
        span[1]
        for e in evidence
        if e.subject == subject
        and e.modality == modality
        and (e.metric == metric.key or e.metric in feeding)
        and (span := span_of(e.time)) is not None
    }
    candidates = ends | ({start} if start else set())
    dates = sorted(d for d in candidates if (start is None or d >= start) and (end is None or d <= end))
    points: list[TimelinePoint] = []
    for date in dates:
        answer = answer_value_as_of(
            subject=subject,
            metric=metric,
            flows=flows,
            evidence=evidence,
            as_of=date,
            modality=modality,
            settings=settings,
        )
        if answer.basis == "none":
            continue
        point = TimelinePoint(
            date=date,
            low=answer.low,
            best=answer.best,
            high=answer.high,
            basis=answer.basis,
            supporting=answer.supporting,
            conflicting=answer.conflicting,
        )
        if not points or _changed(points[-1], point):
            points.append(point)
    return points


def _changed(previous: TimelinePoint, point: TimelinePoint) -> bool:
    def key(p: TimelinePoint) -> tuple[object, ...]:
        cited = (
            tuple(sorted(c.assertion_id for c in p.supporting)),
            tuple(sorted(c.assertion_id for c in p.conflicting)),
        )
        return p.low, p.best, p.high, p.basis, cited

    return key(previous) != key(point)
