"""Evidence reads for the answering path: plain rows straight into reasoning structs, no ORM objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Assertion, Entity, EntityAlias, Metric, MetricAlias, Source
from reasoning.corrections import Correction
from reasoning.evidence import Evidence, Lexicon, MetricInfo, Term
from reasoning.types import Interval, MetricKind, Modality, Precision, ReviewStatus, TimeSpan

_FEEDS = sa.orm.aliased(Metric)


def _usable(known_at: dt.datetime | None) -> list[sa.ColumnElement[bool]]:
    """Accepted and not retracted, as the store stood at `known_at` (now when None)."""
    if known_at is None:
        return [Assertion.status == ReviewStatus.accepted, Assertion.retracted_at.is_(None)]
    return [
        Assertion.status == ReviewStatus.accepted,
        Assertion.reviewed_at <= known_at,
        Assertion.recorded_at <= known_at,
        sa.or_(Assertion.retracted_at.is_(None), Assertion.retracted_at > known_at),
    ]


_EVIDENCE_COLUMNS = (
    Assertion.id,
    Assertion.source_id,
    Source.title,
    Source.date_used,
    Entity.key,
    Metric.key,
    Assertion.value_text,
    Assertion.low,
    Assertion.best,
    Assertion.high,
    Assertion.value_rule,
    Assertion.modality,
    Assertion.time_start,
    Assertion.time_end,
    Assertion.time_precision,
    Assertion.time_rule,
    Assertion.claimant,
    Assertion.quote,
    Assertion.quote_start,
    Assertion.quote_end,
    Assertion.recorded_at,
    Source.origin,
)


def _evidence_query(known_at: dt.datetime | None) -> sa.Select[*tuple[Any, ...]]:
    return (
        sa.select(*_EVIDENCE_COLUMNS)
        .join(Source, Source.id == Assertion.source_id)
        .join(Entity, Entity.id == Assertion.subject_id)
        .join(Metric, Metric.id == Assertion.metric_id)
        .where(*_usable(known_at))
        .order_by(Assertion.id)
    )


def _to_evidence(row: sa.Row[*tuple[Any, ...]] | tuple[Any, ...]) -> Evidence:
    (
        assertion_id,
        source_id,
        title,
        source_date,
        subject,
        metric,
        value_text,
        low,
        best,
        high,
        rule,
        modality,
        start,
        end,
        precision,
        time_rule,
        claimant,
        quote,
        quote_start,
        quote_end,
        recorded_at,
        origin,
    ) = row
    return Evidence(
        assertion_id=assertion_id,
        source_id=source_id,
        source_title=title,
        source_date=source_date,
        subject=subject,
        metric=metric,
        value_text=value_text,
        interval=Interval(low=low, best=best, high=high, rule=rule),
        modality=Modality(modality),
        time=TimeSpan(start=start, end=end, precision=Precision(precision), rule=time_rule),
        claimant=claimant,
        quote=quote,
        quote_start=quote_start,
        quote_end=quote_end,
        recorded_at=recorded_at,
        origin=origin,
    )


async def evidence_for(
    session: AsyncSession, *, subject_id: int, metric_ids: Collection[int], known_at: dt.datetime | None = None
) -> list[Evidence]:
    """Usable assertions about one subject for some metrics: one indexed query, whatever the store's size."""
    query = _evidence_query(known_at).where(
        Assertion.subject_id == subject_id, Assertion.metric_id.in_(list(metric_ids))
    )
    return [_to_evidence(row) for row in await session.execute(query)]


async def evidence_where(
    session: AsyncSession,
    *,
    subject_ids: Collection[int] | None = None,
    metric_ids: Collection[int] | None = None,
    source_id: int | None = None,
    source_ids: Collection[int] | None = None,
    known_at: dt.datetime | None = None,
) -> list[Evidence]:
    query = _evidence_query(known_at)
    if subject_ids is not None:
        query = query.where(Assertion.subject_id.in_(list(subject_ids)))
    if metric_ids is not None:
        query = query.where(Assertion.metric_id.in_(list(metric_ids)))
    if source_id is not None:
        query = query.where(Assertion.source_id == source_id)
    if source_ids is not None:
        query = query.where(Assertion.source_id.in_(list(source_ids)))
    return [_to_evidence(row) for row in await session.execute(query)]


# --- the conflict scan: evidence in groups of one subject and one metric family --------------------------------
# Every conflict between assertions lies within one subject and one metric family (a stock and the flows that
# feed it; a metric feeding none is its own family), so the scan reads one group at a time, in this order.

# The family a metric belongs to: the stock it feeds, or itself.
_family = sa.func.coalesce(Metric.feeds_metric_id, Metric.id)
# The subject of usable evidence, never None (only an unresolved proposal has none, and it is not usable).
_subject = sa.type_coerce(Assertion.subject_id, sa.BigInteger)


class EvidenceGroup(msgspec.Struct, frozen=True, kw_only=True):
    """One subject's usable evidence for one metric family: its place in the scan and its size."""

    subject_id: int
    family_id: int
    count: int

    @property
    def key(self) -> tuple[int, int]:
        return (self.subject_id, self.family_id)


def _from_group(group: tuple[int, int], *, inclusive: bool) -> sa.ColumnElement[bool]:
    subject_id, family_id = group
    same = Assertion.subject_id == subject_id
    return sa.or_(
        Assertion.subject_id > subject_id, sa.and_(same, _family >= family_id if inclusive else _family > family_id)
    )


def _to_group(group: tuple[int, int]) -> sa.ColumnElement[bool]:
    subject_id, family_id = group
    return sa.or_(Assertion.subject_id < subject_id, sa.and_(Assertion.subject_id == subject_id, _family <= family_id))


def _group_filters(subject_id: int | None, metric_ids: Collection[int] | None) -> list[sa.ColumnElement[bool]]:
    filters = [*_usable(None), Assertion.subject_id.is_not(None)]
    if subject_id is not None:
        filters.append(Assertion.subject_id == subject_id)
    if metric_ids is not None:
        filters.append(Assertion.metric_id.in_(list(metric_ids)))
    return filters


async def evidence_groups(
    session: AsyncSession,
    *,
    subject_id: int | None,
    metric_ids: Collection[int] | None,
    source_id: int | None,
    start: tuple[int, int] | None,
    inclusive: bool,
    limit: int,
) -> list[EvidenceGroup]:
    """The next groups of usable evidence in scan order from `start`, with their sizes (one grouped query);
    with `source_id`, only groups holding evidence from that source."""
    family = _family.label("family_id")
    query = (
        sa.select(_subject, family, sa.func.count().label("count"))
        .join(Metric, Metric.id == Assertion.metric_id)
        .where(*_group_filters(subject_id, metric_ids))
        .group_by(Assertion.subject_id, _family)
        .order_by(Assertion.subject_id, _family)
        .limit(limit)
    )
    if start is not None:
        query = query.where(_from_group(start, inclusive=inclusive))
    if source_id is not None:
        query = query.having(sa.func.sum(sa.case((Assertion.source_id == source_id, 1), else_=0)) > 0)
    return [
        EvidenceGroup(subject_id=subject, family_id=family_id, count=count)
        for subject, family_id, count in await session.execute(query)
    ]


async def evidence_in_groups(
    session: AsyncSession,
    *,
    first: tuple[int, int],
    last: tuple[int, int],
    subject_id: int | None,
    metric_ids: Collection[int] | None,
) -> list[tuple[tuple[int, int], Evidence]]:
    """The usable evidence of the groups from `first` to `last` (scan order), each with its group."""
    query = (
        _evidence_query(None)
        .add_columns(Assertion.subject_id, _family)
        .where(*_group_filters(subject_id, metric_ids), _from_group(first, inclusive=True), _to_group(last))
    )
    width = len(_EVIDENCE_COLUMNS)
    return [((row[width], row[width + 1]), _to_evidence(tuple(row)[:width])) for row in await session.execute(query)]


async def group_of_assertion(session: AsyncSession, assertion_id: int) -> tuple[int, int] | None:
    """The group an assertion belongs to (whatever its status now), or None if there is no such assertion."""
    row = (
        await session.execute(
            sa.select(_subject, _family)
            .join(Metric, Metric.id == Assertion.metric_id)
            .where(Assertion.id == assertion_id, Assertion.subject_id.is_not(None))
        )
    ).first()
    return None if row is None else (row[0], row[1])


async def metric_family(session: AsyncSession, metric_id: int) -> tuple[MetricInfo, list[MetricInfo], dict[str, int]]:
    """A metric, the flows that feed it (when it is a stock), and the ids of all of them by key."""
    rows = (
        await session.execute(
            sa.select(Metric.id, Metric.key, Metric.name, Metric.unit, Metric.kind, _FEEDS.key)
            .outerjoin(_FEEDS, _FEEDS.id == Metric.feeds_metric_id)
            .where(sa.or_(Metric.id == metric_id, Metric.feeds_metric_id == metric_id))
        )
    ).all()
    infos = {
        row[0]: MetricInfo(key=row[1], name=row[2], unit=row[3], kind=MetricKind(row[4]), feeds=row[5]) for row in rows
    }
    main = infos[metric_id]
    flows = [info for key, info in infos.items() if key != metric_id and info.kind is MetricKind.flow]
    return main, flows, {info.key: key for key, info in infos.items()}


async def all_metric_infos(session: AsyncSession) -> list[MetricInfo]:
    rows = await session.execute(
        sa.select(Metric.key, Metric.name, Metric.unit, Metric.kind, _FEEDS.key)
        .outerjoin(_FEEDS, _FEEDS.id == Metric.feeds_metric_id)
        .order_by(Metric.id)
    )
    return [
        MetricInfo(key=key, name=name, unit=unit, kind=MetricKind(kind), feeds=feeds)
        for key, name, unit, kind, feeds in rows
    ]


async def load_lexicon(
    session: AsyncSession, *, entity_ids: Collection[int] | None = None, metric_ids: Collection[int] | None = None
) -> Lexicon:
    """The vocabulary as names and aliases, for the question, claim and extraction readers: all of it, or
    only the given entities and metrics (with the metrics they feed or are fed by)."""
    entity_query = sa.select(Entity.id, Entity.key, Entity.name).order_by(Entity.id)
    metric_query = sa.select(Metric.id, Metric.key, Metric.name).order_by(Metric.id)
    if entity_ids is not None:
        entity_query = entity_query.where(Entity.id.in_(list(entity_ids)))
    if metric_ids is not None:
        related = sa.select(Metric.feeds_metric_id).where(
            Metric.id.in_(list(metric_ids)), Metric.feeds_metric_id.is_not(None)
        )
        metric_query = metric_query.where(
            sa.or_(
                Metric.id.in_(list(metric_ids)), Metric.feeds_metric_id.in_(list(metric_ids)), Metric.id.in_(related)
            )
        )
    entity_rows = (await session.execute(entity_query)).all()
    metric_rows = (await session.execute(metric_query)).all()
    entity_aliases = await _aliases(session, EntityAlias, EntityAlias.entity_id, [row[0] for row in entity_rows])
    metric_aliases = await _aliases(session, MetricAlias, MetricAlias.metric_id, [row[0] for row in metric_rows])
    keys = {row[1] for row in metric_rows}
    return Lexicon(
        entities=tuple(
            Term(key=key, name=name, aliases=tuple(entity_aliases.get(row_id, ()))) for row_id, key, name in entity_rows
        ),
        metrics=tuple(
            Term(key=key, name=name, aliases=tuple(metric_aliases.get(row_id, ()))) for row_id, key, name in metric_rows
        ),
        metric_info=tuple(info for info in await all_metric_infos(session) if info.key in keys),
    )


async def _aliases(
    session: AsyncSession,
    model: type[EntityAlias] | type[MetricAlias],
    owner: sa.orm.InstrumentedAttribute[int],
    ids: list[int],
) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        for owner_id, alias in await session.execute(
            sa.select(owner, model.alias).where(owner.in_(chunk)).order_by(model.id)
        ):
            found.setdefault(owner_id, []).append(alias)
    return found


def _chunks(values: list[Any], size: int = 500) -> list[list[Any]]:
    # Bounded IN lists: SQLite caps bound parameters, and long lists plan badly everywhere.
    return [values[start : start + size] for start in range(0, len(values), size)]


async def available_pairs(
    session: AsyncSession, *, subjects: Collection[str], metrics: Collection[str]
) -> set[tuple[str, str]]:
    """Which of these (subject, metric) candidates have usable evidence: one indexed probe per pair, so the
    cost follows the handful of names a sentence mentions, not the size of the store."""
    found: set[tuple[str, str]] = set()
    for subject in subjects:
        for metric in metrics:
            probe = (
                sa.select(Assertion.id)
                .join(Entity, Entity.id == Assertion.subject_id)
                .join(Metric, Metric.id == Assertion.metric_id)
                .where(Entity.key == subject, Metric.key == metric, *_usable(None))
                .limit(1)
            )
            if await session.scalar(probe) is not None:
                found.add((subject, metric))
    return found


async def claimants_of(session: AsyncSession, pairs: Collection[tuple[str, str]], *, limit: int) -> list[str]:
    """The distinct claimants of the usable statements about these (subject, metric) pairs, at most `limit`
    of them. The subjects and metrics are matched as two lists, and the pairs kept in Python: a condition per
    pair grows with the sentence's names beyond what SQLite's expression depth allows."""
    if not pairs:
        return []
    subjects = sorted({subject for subject, _ in pairs})
    metrics = sorted({metric for _, metric in pairs})
    query = (
        sa.select(Entity.key, Metric.key, Assertion.claimant)
        .distinct()
        .join(Entity, Entity.id == Assertion.subject_id)
        .join(Metric, Metric.id == Assertion.metric_id)
        .where(
            Entity.key.in_(subjects),
            Metric.key.in_(metrics),
            Assertion.claimant.is_not(None),
            *_usable(None),
        )
        .order_by(Assertion.claimant)
        .limit(limit * len(subjects) * len(metrics))
    )
    found: set[str] = set()
    for subject, metric, claimant in await session.execute(query):
        if claimant and (subject, metric) in pairs:
            found.add(claimant)
    return sorted(found)[:limit]


class Family(msgspec.Struct, frozen=True, kw_only=True):
    """What answering one (subject, metric) question needs: the metric, its feeding flows, the evidence."""

    subject: str
    subject_name: str
    metric: MetricInfo
    flows: list[MetricInfo]
    evidence: list[Evidence]
    # Statements a later one corrected (see reasoning.corrections): cited, never candidates.
    corrections: list[Correction] = []


async def family_evidence(
    session: AsyncSession, *, subject: Entity, metric: Metric, known_at: dt.datetime | None = None
) -> Family:
    """Two indexed queries: the metric family, then the usable evidence about the subject for all of it."""
    main, flows, ids = await metric_family(session, metric.id)
    found = await evidence_for(session, subject_id=subject.id, metric_ids=list(ids.values()), known_at=known_at)
    return Family(subject=subject.key, subject_name=subject.name, metric=main, flows=flows, evidence=found)


async def subjects_with_metrics(session: AsyncSession, metrics: Collection[str], *, limit: int = 50) -> list[int]:
    """Subjects that have usable evidence for any of these metrics (for a claim that names no subject)."""
    rows = await session.scalars(
        sa.select(Entity.id)
        .where(
            sa.exists(
                sa.select(Assertion.id)
                .join(Metric, Metric.id == Assertion.metric_id)
                .where(Assertion.subject_id == Entity.id, Metric.key.in_(list(metrics)), *_usable(None))
            )
        )
        .order_by(Entity.id)
        .limit(limit)
    )
    return list(rows)
