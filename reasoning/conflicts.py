"""Groups of assertions that cannot all be true, and source dates their own texts contradict, each with its reason."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

import msgspec

from reasoning.answers import DEFAULT_ANSWER_SETTINGS, AnswerSettings, answer_value_as_of
from reasoning.citations import Citation, cite
from reasoning.events import known_span, span_of, times_overlap
from reasoning.evidence import DateEvidence, Evidence, MetricInfo, SourceDateInfo
from reasoning.figures import intervals_overlap
from reasoning.lexicon import normalize_name
from reasoning.source_dates import find_later_phrases
from reasoning.types import DateBasis, Interval, MetricKind, Modality, Precision, TimeSpan
from reasoning.wording import (
    describe_period,
    describe_time,
    format_interval,
    format_number,
    name_claimants,
    name_source,
    name_sources,
    quote_evidence,
    quote_group,
    quote_value,
)

__all__ = [
    "DEFAULT_CONFLICT_SETTINGS",
    "Conflict",
    "ConflictSettings",
    "find_conflicts",
    "find_date_contradictions",
]

ConflictKind = Literal["disjoint_values", "total_vs_parts", "date_contradiction", "denial"]
_KIND_ORDER: dict[str, int] = {"total_vs_parts": 0, "disjoint_values": 1, "denial": 2, "date_contradiction": 3}


class ConflictSettings(msgspec.Struct, frozen=True, kw_only=True):
    """What counts as a conflict. Defaults follow the answering rules so that answers and conflicts agree."""

    answers: AnswerSettings = DEFAULT_ANSWER_SETTINGS
    denial_rules: frozenset[str] = frozenset(
        {"denial"}
    )  # interval rules that record a denial ("no buses were withdrawn")
    contradicted_flag: str = "stated_date_contradicted"  # the flag an editor sets on a source
    # How many phrases of one text are kept as evidence against its stated date: the first few prove the
    # point, and a long text repeating one wrong date would otherwise carry thousands into every listing.
    max_date_evidence: int = 20
    # A date phrase pointing after the stated date is normal in a sentence about the future ("will buy
    # 40 buses next month"): such sentences are not evidence against the date.
    future_markers: tuple[str, ...] = (
        "will",
        "shall",
        "would",
        "plan",
        "plans",
        "planned",
        "expected",
        "expects",
        "scheduled",
        "due to",
        "set to",
        "going to",
        "next",
        "coming",
        "upcoming",
        "soon",
        "later",
    )
    # Phrases whose reading the anchor does not choose (an explicit "20 March 2023") or that point
    # forward by meaning ("next month") never contradict a date: only anchor-relative readings do.
    absolute_rule_prefixes: tuple[str, ...] = ("explicit_", "between_years", "part_of_year", "end_of_", "start_of_")
    forward_rule_prefixes: tuple[str, ...] = (
        "following_",
        "later_this_",
        "coming_",
        "weekday_after_anchor",
        "tomorrow",
    )


DEFAULT_CONFLICT_SETTINGS = ConflictSettings()


class Conflict(msgspec.Struct, frozen=True, kw_only=True):
    kind: ConflictKind
    subject: str | None
    metric: str | None
    modality: Modality | None
    reason: str
    citations: list[Citation]
    time: TimeSpan | None
    source_id: int | None = None  # for a date contradiction: the source whose date is contradicted
    date_evidence: list[DateEvidence] = []


def find_conflicts(
    *,
    evidence: Sequence[Evidence],
    metrics: Sequence[MetricInfo],
    sources: Sequence[SourceDateInfo],
    settings: ConflictSettings = DEFAULT_CONFLICT_SETTINGS,
) -> list[Conflict]:
    """Every conflict in the evidence: totals against their parts, disjoint values, denials, contradicted dates.

    Rounding is no conflict: figures conflict only when their intervals (which carry the rounding) are
    disjoint. Levels are compared at the moment they are read at (the end of their time, as answers read
    them); flows only for the very same period, since two arrivals in one month are not one figure.
    """
    kinds = {m.key: m.kind for m in metrics}
    placed = [e for e in evidence if span_of(e.time) is not None]
    denials, denial_pairs = _denials(placed, settings)
    found = _totals_vs_parts(placed, metrics, settings) + _disjoint_values(placed, kinds, denial_pairs)
    found += denials + _date_contradictions(sources, evidence, settings)
    return sorted(found, key=_conflict_order)


def find_date_contradictions(
    *,
    sources: Sequence[SourceDateInfo],
    evidence: Sequence[Evidence],
    settings: ConflictSettings = DEFAULT_CONFLICT_SETTINGS,
) -> list[Conflict]:
    """The sources (in the order given) whose stated date their own text or an editor's flag contradicts, each
    citing the evidence dated by it: the date contradictions of `find_conflicts` alone."""
    return _date_contradictions(sources, evidence, settings)


# --- a reported total against the level before it plus the flows in between ------------------------------


def _totals_vs_parts(
    placed: list[Evidence], metrics: Sequence[MetricInfo], settings: ConflictSettings
) -> list[Conflict]:
    """Each level is checked against the answer the rest of the evidence gives at its time.

    Only a derived answer (a level plus flows, or flows alone) makes a total-versus-parts conflict; a stale
    derivation does not (flows no one reported may explain the gap), and flows alone, which miss whatever
    was there before them, conflict with a total only when they exceed it.
    """
    merged: dict[tuple[object, ...], Conflict] = {}
    for stock in (m for m in metrics if m.kind is MetricKind.stock):
        flows = [m for m in metrics if m.kind is MetricKind.flow and m.feeds == stock.key]
        if not flows:
            continue
        keys = {f.key for f in flows} | {stock.key}
        for total in (e for e in placed if e.metric == stock.key and e.modality in settings.answers.derive_modalities):
            first, last = known_span(total)
            rest = [e for e in placed if e is not total and e.subject == total.subject and e.metric in keys]
            answer = answer_value_as_of(
                subject=total.subject,
                metric=stock,
                flows=flows,
                evidence=rest,
                as_of=last,
                modality=total.modality,
                settings=settings.answers,
            )
            if answer.basis != "derived" or answer.best is None or answer.newest_evidence_date is None:
                continue
            derived = Interval(low=answer.low, best=answer.best, high=answer.high, rule="sum")
            if intervals_overlap(derived, total.interval):
                continue
            if answer.newest_evidence_date < first - dt.timedelta(days=settings.answers.staleness_slack_days):
                continue
            anchored = answer.steps[0].operation == "start_from_level"
            if not anchored and (
                derived.low is None or total.interval.high is None or derived.low <= total.interval.high
            ):
                continue
            parts = [c for step in answer.steps for c in step.citations]
            key = (total.subject, stock.key, total.modality, tuple(c.assertion_id for c in parts))
            expression = " + ".join(
                f"{format_number(step.figure.best)} {describe_time(step.citations[0].time)} "
                f"({name_sources(sorted({c.source_id for c in step.citations}))})"
                for step in answer.steps
            )
            why = f"states {quote_evidence(total)}, where the parts add up to {format_interval(derived)}"
            total_citation = cite(total, "total", why)
            previous = merged.get(key)
            totals = ([c for c in previous.citations if c.role == "total"] if previous else []) + [total_citation]
            stated = "; ".join(quote_value(c) for c in totals)
            reason = (
                f"The stated total ({stated}) disagrees with the sum of its parts: {expression} = "
                f"{format_interval(derived)}. They cannot all be true."
            )
            part_citations = [msgspec.structs.replace(c, role="part") for c in parts]
            merged[key] = Conflict(
                kind="total_vs_parts",
                subject=total.subject,
                metric=stock.key,
                modality=total.modality,
                reason=reason,
                citations=totals + part_citations,
                time=total.time,
            )
    return list(merged.values())


# --- figures for the same time whose intervals are disjoint -----------------------------------------------


def _disjoint_values(
    placed: list[Evidence], kinds: dict[str, MetricKind], denial_pairs: set[frozenset[int]]
) -> list[Conflict]:
    groups: dict[tuple[str, str, Modality], list[Evidence]] = defaultdict(list)
    for e in placed:
        groups[(e.subject, e.metric, e.modality)].append(e)
    conflicts: list[Conflict] = []
    for (subject, metric, modality), members in groups.items():
        stock = kinds.get(metric) is MetricKind.stock
        pairs = [
            (a, b)
            for i, a in enumerate(members)
            for b in members[i + 1 :]
            if _same_moment(a, b, stock=stock)
            and not intervals_overlap(a.interval, b.interval)
            and frozenset({a.assertion_id, b.assertion_id}) not in denial_pairs
        ]
        for component in _components(pairs):
            stated = "; ".join(quote_evidence(e) for e in component)
            reason = f"These figures for the same {'moment' if stock else 'period'} cannot all hold: {stated}."
            citations = [cite(e, "contradicts", f"states {quote_evidence(e)}") for e in component]
            conflicts.append(
                Conflict(
                    kind="disjoint_values",
                    subject=subject,
                    metric=metric,
                    modality=modality,
                    reason=reason,
                    citations=citations,
                    time=component[0].time,
                )
            )
    return conflicts


def _same_moment(a: Evidence, b: Evidence, *, stock: bool) -> bool:
    # A level is read at the end of its time (as answers read it): "300 in 2023" and "200 in July 2023"
    # may both be true. A flow is a count over its whole period: only the very same period compares.
    (a_first, a_last), (b_first, b_last) = known_span(a), known_span(b)
    return a_last == b_last and (stock or a_first == b_first)


# --- one claimant denying what another asserts ------------------------------------------------------------


def _denials(placed: list[Evidence], settings: ConflictSettings) -> tuple[list[Conflict], set[frozenset[int]]]:
    pairs: list[tuple[Evidence, Evidence]] = []
    for denial in (e for e in placed if _is_zero(e.interval)):
        for claim in placed:
            if (claim.subject, claim.metric, claim.modality) != (denial.subject, denial.metric, denial.modality):
                continue
            if _is_positive(claim.interval) and times_overlap(claim, denial) and _denies(denial, claim, settings):
                pairs.append((claim, denial))
    conflicts: list[Conflict] = []
    for component in _components(pairs):
        zero = [e for e in component if _is_zero(e.interval)]
        claims = [e for e in component if not _is_zero(e.interval)]
        reason = f"{name_claimants(claims, 'reports', 'report')} {quote_group(claims)}; "
        reason += f"{name_claimants(zero, 'denies', 'deny')} it: {quote_group(zero)}."
        citations = [cite(e, "asserts", f"reports {quote_evidence(e)}") for e in claims]
        citations += [cite(e, "denies", f"denies it: {quote_evidence(e)}") for e in zero]
        first = claims[0]
        conflicts.append(
            Conflict(
                kind="denial",
                subject=first.subject,
                metric=first.metric,
                modality=first.modality,
                reason=reason,
                citations=citations,
                time=first.time,
            )
        )
    return conflicts, {frozenset({a.assertion_id, b.assertion_id}) for a, b in pairs}


def _denies(denial: Evidence, claim: Evidence, settings: ConflictSettings) -> bool:
    # A recorded denial, or a zero from a named claimant against another claimant's figure. Two unnamed
    # sources disagreeing (0 against 20) are disjoint values, not a denial.
    if denial.interval.rule in settings.denial_rules:
        return True
    return (
        denial.claimant is not None
        and claim.claimant is not None
        and (normalize_name(denial.claimant) != normalize_name(claim.claimant))
    )


def _is_zero(interval: Interval) -> bool:
    return interval.best == 0 and interval.high == 0 and interval.low in (0, None)


def _is_positive(interval: Interval) -> bool:
    return interval.low is not None and interval.low > 0


# --- a stated date that the source's own text contradicts -------------------------------------------------


def _date_contradictions(
    sources: Sequence[SourceDateInfo], evidence: Sequence[Evidence], settings: ConflictSettings
) -> list[Conflict]:
    conflicts: list[Conflict] = []
    for source in sources:
        if source.stated_date is None:
            continue
        # Phrases read at ingest are stored with the source; only a source handed in with its text is read here.
        phrases = source.date_evidence if source.date_evidence is not None else stated_date_evidence(source, settings)
        flagged = settings.contradicted_flag in source.flags
        if not phrases and not flagged:
            continue
        named = name_source(source.source_id) + (f" (“{source.title}”)" if source.title else "")
        reason = f"{named} is dated {source.stated_date}"
        if phrases:
            said = "; ".join(f"“{p.phrase}” ({describe_period(p.resolved)})" for p in phrases)
            reason += f", but its text speaks of {said}, after that date"
        if source.date_basis is DateBasis.inferred and source.date_used is not None:
            reason += f". The date used is {source.date_used} (inferred: {source.date_reason or 'no reason recorded'})"
        elif flagged and source.date_reason:
            reason += f". The editor notes: {source.date_reason}"
        dated = [e for e in evidence if e.source_id == source.source_id]
        citations = [
            cite(e, "dated_by_source", "a figure whose date was read against this source's date") for e in dated
        ]
        day = TimeSpan(start=source.stated_date, end=source.stated_date, precision=Precision.day, rule="stated_date")
        conflicts.append(
            Conflict(
                kind="date_contradiction",
                subject=None,
                metric=None,
                modality=None,
                reason=reason + ".",
                citations=citations,
                time=day,
                source_id=source.source_id,
                date_evidence=phrases,
            )
        )
    return conflicts


# --- helpers --------------------------------------------------------------------------------------------


def _components(pairs: Iterable[tuple[Evidence, Evidence]]) -> list[list[Evidence]]:
    """Connected groups of evidence linked by the pairs, each in assertion order, in order of first member."""
    parent: dict[int, int] = {}
    by_id: dict[int, Evidence] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        for e in (a, b):
            by_id[e.assertion_id] = e
            parent.setdefault(e.assertion_id, e.assertion_id)
        parent[root(a.assertion_id)] = root(b.assertion_id)
    groups: dict[int, list[Evidence]] = defaultdict(list)
    for i in sorted(by_id):
        groups[root(i)].append(by_id[i])
    return sorted(groups.values(), key=lambda group: group[0].assertion_id)


def _conflict_order(conflict: Conflict) -> tuple[int, str, str, dt.date]:
    span = span_of(conflict.time) if conflict.time is not None else None
    return _KIND_ORDER[conflict.kind], conflict.subject or "", conflict.metric or "", span[0] if span else dt.date.min


def stated_date_evidence(
    source: SourceDateInfo, settings: ConflictSettings = DEFAULT_CONFLICT_SETTINGS
) -> list[DateEvidence]:
    """The phrases of a source's own text that contradict its stated date (none when it has no stated date),
    the first `settings.max_date_evidence` of them in text order."""
    if source.stated_date is None:
        return []
    return find_later_phrases(
        source,
        source.stated_date,
        future_markers=settings.future_markers,
        ignored_rule_prefixes=settings.absolute_rule_prefixes + settings.forward_rule_prefixes,
        limit=settings.max_date_evidence,
    )
