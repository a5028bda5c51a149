"""How well extraction did: its proposals matched one to one against an editor's curated assertions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

import msgspec

from reasoning.extraction import Proposal
from reasoning.figures import intervals_overlap, parse_figure
from reasoning.types import Interval, Modality, Precision, TimeSpan

__all__ = ["CorpusReport", "CuratedAssertion", "TextReport", "compare", "read_curated", "summarize"]


class CuratedAssertion(msgspec.Struct, frozen=True, kw_only=True):
    """What an editor recorded, reduced to what a match compares."""

    subject: str
    metric: str
    modality: Modality
    interval: Interval
    time: TimeSpan
    quote_start: int
    quote_end: int
    id: str | None = None


class TextReport(msgspec.Struct, frozen=True, kw_only=True):
    """One text's score. With nothing proposed precision is 1.0; with nothing curated recall is 1.0."""

    name: str
    proposals: int
    curated: int
    matched: int
    precision: float
    recall: float
    matches: list[tuple[int, int]]  # (proposal index, curated index)
    unmatched_proposals: list[int]
    missed_curated: list[int]


class CorpusReport(msgspec.Struct, frozen=True, kw_only=True):
    """Every text's score and the micro-averaged totals (matches summed over texts, then divided)."""

    texts: list[TextReport]
    proposals: int
    curated: int
    matched: int
    precision: float
    recall: float


def compare(proposals: Sequence[Proposal], curated: Sequence[CuratedAssertion], *, name: str = "") -> TextReport:
    """Match proposals to curated assertions one to one: same subject, metric and modality, overlapping
    interval, time (or both unknown) and quote. The matching is maximal, so no order of the lists can
    lower the score."""
    by_reading: dict[tuple[str, str, Modality], list[int]] = defaultdict(list)
    for index, item in enumerate(curated):
        by_reading[(item.subject, item.metric, item.modality)].append(index)
    candidates: list[list[int]] = []
    for proposal in proposals:
        reading = (proposal.subject or "", proposal.metric or "", proposal.modality)
        candidates.append([c for c in by_reading.get(reading, []) if _agree(proposal, curated[c])])
    holder: dict[int, int] = {}  # curated index -> proposal index
    for index in range(len(proposals)):
        _augment(index, candidates, holder, set())
    matches = sorted((p, c) for c, p in holder.items())
    matched_proposals = {p for p, _ in matches}
    return TextReport(
        name=name,
        proposals=len(proposals),
        curated=len(curated),
        matched=len(matches),
        precision=_ratio(len(matches), len(proposals)),
        recall=_ratio(len(matches), len(curated)),
        matches=matches,
        unmatched_proposals=[i for i in range(len(proposals)) if i not in matched_proposals],
        missed_curated=[i for i in range(len(curated)) if i not in holder],
    )


def summarize(reports: Sequence[TextReport]) -> CorpusReport:
    proposals = sum(r.proposals for r in reports)
    curated = sum(r.curated for r in reports)
    matched = sum(r.matched for r in reports)
    return CorpusReport(
        texts=list(reports),
        proposals=proposals,
        curated=curated,
        matched=matched,
        precision=_ratio(matched, proposals),
        recall=_ratio(matched, curated),
    )


def read_curated(record: Mapping[str, Any]) -> CuratedAssertion:
    """A curated assertion from its seed record; without an explicit interval, its value text is read."""
    interval = record.get("interval")
    time = record.get("time") or {}
    start, end = time.get("start"), time.get("end")
    return CuratedAssertion(
        id=record.get("id"),
        subject=record["subject"],
        metric=record["metric"],
        modality=Modality(record["modality"]),
        interval=msgspec.convert(interval, Interval) if interval else parse_figure(record["value_text"]).interval,
        time=TimeSpan(
            start=dt.date.fromisoformat(start) if start else None,
            end=dt.date.fromisoformat(end) if end else None,
            precision=Precision(time.get("precision", "unknown")),
        ),
        quote_start=record["quote_start"],
        quote_end=record["quote_end"],
    )


def _agree(proposal: Proposal, item: CuratedAssertion) -> bool:
    return (
        intervals_overlap(proposal.interval, item.interval)
        and _times_overlap(proposal.time, item.time)
        and proposal.quote_start < item.quote_end
        and item.quote_start < proposal.quote_end
    )


def _times_overlap(a: TimeSpan, b: TimeSpan) -> bool:
    a_unknown, b_unknown = a.precision is Precision.unknown, b.precision is Precision.unknown
    if a_unknown or b_unknown:
        return a_unknown and b_unknown
    low = max(a.start or dt.date.min, b.start or dt.date.min)
    high = min(a.end or dt.date.max, b.end or dt.date.max)
    return low <= high


def _augment(proposal: int, candidates: list[list[int]], holder: dict[int, int], seen: set[int]) -> bool:
    # Kuhn's augmenting paths: a proposal takes a free curated item, or one whose holder can move on.
    for item in candidates[proposal]:
        if item in seen:
            continue
        seen.add(item)
        if item not in holder or _augment(holder[item], candidates, holder, seen):
            holder[item] = proposal
            return True
    return False


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0
